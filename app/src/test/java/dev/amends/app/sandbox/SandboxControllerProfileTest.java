package dev.amends.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The sandboxes' HTTP switches exist on the embedded default and the sandbox profile, not on real.
 */
class SandboxControllerProfileTest {
  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withBean(SandboxFaults.class, () -> mock(SandboxFaults.class))
          .withBean(SandboxPaymentProvider.class, () -> mock(SandboxPaymentProvider.class))
          .withBean(SandboxEffects.class, () -> mock(SandboxEffects.class))
          .withUserConfiguration(SandboxController.class);

  @Test
  void givenTheEmbeddedDefault_theEndpointsExist() {
    context.run(c -> assertThat(c).hasSingleBean(SandboxController.class));
  }

  @Test
  void givenTheRealProfile_theEndpointsDoNotExist() {
    context
        .withPropertyValues("spring.profiles.active=real")
        .run(c -> assertThat(c).doesNotHaveBean(SandboxController.class));
  }

  @Test
  void givenTheRealAndSandboxProfiles_theEndpointsExist() {
    context
        .withPropertyValues("spring.profiles.active=real,sandbox")
        .run(c -> assertThat(c).hasSingleBean(SandboxController.class));
  }
}
