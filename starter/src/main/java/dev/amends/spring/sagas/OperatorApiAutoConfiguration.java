package dev.amends.spring.sagas;

import dev.amends.spring.api.ApiErrors;
import dev.amends.spring.autoconfigure.AmendsAutoConfiguration;
import dev.amends.spring.escalation.EscalationController;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/**
 * amends' operator API in a web application: a saga's state ({@code GET /sagas/{id}}), what waits
 * for a person ({@code GET /escalations}) and the decisions and approvals that settle it, with
 * problem+json answers.
 */
@AutoConfiguration(after = AmendsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({
  CallerClients.class,
  SagaQueries.class,
  SagaController.class,
  EscalationController.class,
  ApiErrors.class
})
public class OperatorApiAutoConfiguration {}
