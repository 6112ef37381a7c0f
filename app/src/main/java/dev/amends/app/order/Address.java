package dev.amends.app.order;

public record Address(String name, String line1, String city, String postalCode, String country) {}
