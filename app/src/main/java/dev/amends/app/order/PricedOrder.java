package dev.amends.app.order;

/** The order's price, computed in the worker (RML-1): amount in minor units of the currency. */
public record PricedOrder(String orderId, long totalMinor, String currency) {}
