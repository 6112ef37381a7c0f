package dev.amends.spring.console;

import dev.amends.spring.sagas.OperatorApiAutoConfiguration;
import dev.amends.spring.security.AmendsSecurityAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The operator console at {@code /console/}: server-rendered pages for the people who settle
 * escalations, with its own login and session, beside the stateless API (docs/console.md). A
 * service adds its own pages as {@link ConsoleSection} beans served by {@link ConsolePage}
 * controllers.
 */
@AutoConfiguration(
    after = {OperatorApiAutoConfiguration.class, AmendsSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "amends.console.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConsoleProperties.class)
@Import({ConsoleSecurity.class, ConsoleController.class, ConsolePageModel.class})
public class ConsoleAutoConfiguration {

  @Bean
  ConsoleSections consoleSections(ObjectProvider<ConsoleSection> services) {
    return new ConsoleSections(services.orderedStream().toList());
  }
}
