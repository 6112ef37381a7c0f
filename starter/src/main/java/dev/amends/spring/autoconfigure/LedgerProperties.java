package dev.amends.spring.autoconfigure;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The effect ledger.
 *
 * @param anchorLog a file outside the database to which the hash of every verified ledger entry is
 *     appended (by the reconciler), and against which every verification holds the chain; put it
 *     where the application's database role cannot reach and only appending is allowed. Unset: no
 *     anchor log, only the heads recorded in the database
 */
@ConfigurationProperties("amends.ledger")
public record LedgerProperties(Path anchorLog) {}
