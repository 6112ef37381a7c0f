package dev.amends.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of POST /orders. Sandbox test values are documented in docs/sandbox.md. */
public record OrderRequest(
    @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' or '-' only")
        String orderId,
    @NotBlank @Email @Size(max = 200) String customerEmail,
    @NotEmpty @Size(max = 50) List<@Valid @NotNull Line> items,
    @NotBlank @Size(max = 100) String cardToken,
    @NotNull @Valid ShippingAddress shippingAddress,
    @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code such as EUR") String currency) {

  public record Line(
      @NotBlank @Size(max = 100) String sku, @NotNull @Min(1) @Max(1000) Integer quantity) {}

  public record ShippingAddress(
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Size(max = 200) String line1,
      @NotBlank @Size(max = 100) String city,
      @NotBlank @Size(max = 20) String postalCode,
      @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "an ISO 3166 code such as PT") String country) {}

  Order toOrder() {
    return new Order(
        orderId,
        customerEmail,
        items.stream().map(l -> new OrderLine(l.sku(), l.quantity())).toList(),
        cardToken,
        new Address(
            shippingAddress.name(),
            shippingAddress.line1(),
            shippingAddress.city(),
            shippingAddress.postalCode(),
            shippingAddress.country()),
        currency);
  }
}
