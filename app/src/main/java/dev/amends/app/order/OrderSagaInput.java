package dev.amends.app.order;

import dev.amends.saga.SagaSettings;

/** The order-fulfilment workflow's one argument: the order and the saga's operational settings. */
public record OrderSagaInput(Order order, SagaSettings settings) {}
