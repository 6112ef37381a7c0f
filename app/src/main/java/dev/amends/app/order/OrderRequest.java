package dev.amends.app.order;

import dev.amends.saga.TextRules;
import dev.amends.spring.api.CleanText;
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
    @NotBlank
        @Size(max = TextRules.MAX_ID)
        @Pattern(regexp = TextRules.ID_CHARACTERS, message = ID_MESSAGE)
        String orderId,
    @NotBlank @Email @Size(max = 200) @CleanText String customerEmail,
    @NotEmpty @Size(max = 50) List<@Valid @NotNull Line> items,
    @NotBlank @Size(max = 100) @CleanText String cardToken,
    @NotNull @Valid ShippingAddress shippingAddress,
    @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code such as EUR")
        String currency) {

  public record Line(
      @NotBlank
          @Size(max = TextRules.MAX_ID)
          @Pattern(regexp = TextRules.ID_CHARACTERS, message = ID_MESSAGE)
          String sku,
      @NotNull @Min(1) @Max(1000) Integer quantity) {}

  public record ShippingAddress(
      @NotBlank @Size(max = 200) @CleanText String name,
      @NotBlank @Size(max = 200) @CleanText String line1,
      @NotBlank @Size(max = 100) @CleanText String city,
      @NotBlank @Size(max = 20) @CleanText String postalCode,
      @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "an ISO 3166 code such as PT")
          String country) {}

  static final String ID_MESSAGE = "letters, digits, '.', '_', ':' or '-' only";

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
