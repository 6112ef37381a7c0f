package dev.amends.app.order;

public record OrderLine(String sku, int quantity) {}
