package dev.amends.saga;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextRulesTest {

  @Test
  void givenTextLongerThanTheLimit_cutNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    String text = "ab" + emoji.repeat(10);

    String cut = TextRules.cut(text, 8);

    assertThat(cut).hasSizeLessThanOrEqualTo(8).endsWith("...");
    assertThat(TextRules.checkLine("cut", cut, 8)).isNull();
    assertThat(TextRules.cut(text, text.length())).isSameAs(text);
  }

  @Test
  void givenALoneSurrogateOrAControlCharacter_itIsRefused_butLineBreaksAreNotesToo() {
    assertThat(TextRules.checkName("operator", "ana\uD800")).contains("lone surrogate");
    assertThat(TextRules.checkName("operator", "ana\nbo")).contains("control character (U+000A)");
    assertThat(TextRules.checkNote("note", "line one\nline two\ttabbed")).isNull();
    assertThat(TextRules.checkNote("note", "bell\u0007")).contains("U+0007");
    assertThat(TextRules.checkId("orderId", "A:1.b_c-d")).isNull();
    assertThat(TextRules.checkId("orderId", "x".repeat(129))).contains("longer than 128");
    assertThat(TextRules.checkSagaId("sagaId", "order-" + "x".repeat(128))).isNull();
    assertThat(TextRules.checkSagaId("sagaId", "x".repeat(201))).contains("longer than 200");
    assertThat(TextRules.checkSagaId("sagaId", "order x")).contains("may hold only");
    assertThat(TextRules.checkName("operator", "\uD83D\uDE00".repeat(50))).isNull();
    assertThat(TextRules.checkName("operator", "\uD83D\uDE00".repeat(51)))
        .contains("longer than 100");
  }
}
