package dev.amends.saga;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrivateTextTest {

  @Test
  void givenPrivateValues_eachIsMaskedAsAWholeWord_andAnyEmailAddressToo() {
    PrivateText text = new PrivateText().add("tok_visa", "Ana", "1 Main St", null, " ");

    assertThat(
            text.scrub(
                "refund of tok_visa for Ana (1 main st) failed; mail bo.x+1@mail.example.pt"))
        .isEqualTo("refund of [private] for [private] ([private]) failed; mail [private]");
    assertThat(text.scrub("Analysis of tok_visa_2 left alone"))
        .isEqualTo("Analysis of tok_visa_2 left alone");
    assertThat(text.scrub(null)).isNull();
  }

  @Test
  void givenAValueInsideALongerOne_theLongerIsMaskedWhole() {
    assertThat(new PrivateText().add("Main", "1 Main St").scrub("to 1 Main St"))
        .isEqualTo("to [private]");
  }

  @Test
  void givenNoValues_onlyEmailAddressesAreMasked() {
    assertThat(PrivateText.withoutEmailAddresses("ana@example.com bounced; order o-1"))
        .isEqualTo("[private] bounced; order o-1");
  }
}
