package dev.amends.spring.sagas;

/**
 * The saga a {@link Sagas#start} call stands for.
 *
 * @param workflowId the saga's workflow id
 * @param runId the run that carries it
 * @param created whether this call started it (false: it was started before with the same input)
 */
public record SagaHandle(String workflowId, String runId, boolean created) {}
