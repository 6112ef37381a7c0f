package dev.amends.spring.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator console at {@code /console/}.
 *
 * @param enabled whether amends serves the console (and its login) at all
 * @param sla an escalation open longer than this is shown as past its SLA
 * @param refresh how often the inbox asks for changes while it is open
 * @param temporalUiUrl the Temporal Web UI's base URL (e.g. {@code http://127.0.0.1:8233}); when
 *     set, a saga's page links to its workflow there
 */
@ConfigurationProperties("amends.console")
public record ConsoleProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("30m") Duration sla,
    @DefaultValue("5s") Duration refresh,
    String temporalUiUrl) {}
