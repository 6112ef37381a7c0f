package dev.amends.order;

public record OrderLine(String sku, int quantity) {}
