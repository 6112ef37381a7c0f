package dev.amends.app.order;

import java.util.List;

/**
 * A customer's order, as the client sent it. The sandbox external systems read documented test
 * values in it (see docs/sandbox.md) to make a step or an undo fail on purpose.
 */
public record Order(
    String orderId,
    String customerEmail,
    List<OrderLine> items,
    String cardToken,
    Address shippingAddress,
    String currency) {}
