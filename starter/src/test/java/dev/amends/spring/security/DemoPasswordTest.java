package dev.amends.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The demo users' password: the configured one, else a random one nobody could guess. */
class DemoPasswordTest {

  @Test
  void givenAConfiguredPassword_itIsUsedAsIs() {
    DemoPassword password = DemoPassword.of("s3cret-enough", new SecureRandom());

    assertThat(password.value()).isEqualTo("s3cret-enough");
    assertThat(password.generated()).isFalse();
  }

  @Test
  void givenNoPasswordOrABlankOne_itGeneratesADifferentLongOneEachTime() {
    DemoPassword first = DemoPassword.of(null, new SecureRandom());
    DemoPassword second = DemoPassword.of("  ", new SecureRandom());

    assertThat(first.generated()).isTrue();
    assertThat(second.generated()).isTrue();
    assertThat(first.value()).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9_-]+");
    assertThat(first.value()).isNotEqualTo(second.value());
  }

  @Test
  void givenAPassword_itsTextNeverShowsInToString() {
    assertThat(DemoPassword.of("s3cret-enough", new SecureRandom()).toString())
        .doesNotContain("s3cret");
    DemoPassword generated = DemoPassword.of(null, new SecureRandom());
    assertThat(generated.toString()).doesNotContain(generated.value());
  }
}
