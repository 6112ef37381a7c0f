package dev.amends.spring.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What amends.codec.* gives a service: the data converter Temporal's starter picks up, or not. */
class CodecAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(CodecAutoConfiguration.class));

  @Test
  void givenTheCodecOff_aServiceKeepsTemporalsDefaultConverter() {
    runner.run(context -> assertThat(context).doesNotHaveBean(DataConverter.class));
  }

  @Test
  void givenAKeyRing_temporalGetsAConverterThatEncryptsWithTheCurrentKey() {
    runner
        .withPropertyValues(
            "amends.codec.enabled=true",
            "amends.codec.current-key-id=k2",
            "amends.codec.keys.k1=" + AesGcmPayloadCodecTest.K1,
            "amends.codec.keys.k2=" + AesGcmPayloadCodecTest.K2)
        .run(
            context -> {
              assertThat(context.getBean("mainDataConverter"))
                  .isInstanceOf(CodecDataConverter.class);
              assertThat(context.getBean(KeyRing.class).currentKeyId()).isEqualTo("k2");
              assertThat(context.getBean(KeyRing.class).keyIds()).containsOnly("k1", "k2");
            });
  }

  @Test
  void givenABadKey_theServiceRefusesToStart_namingTheKeyIdButNotTheKey() {
    runner
        .withPropertyValues(
            "amends.codec.enabled=true",
            "amends.codec.current-key-id=k1",
            "amends.codec.keys.k1=c2hvcnQ=")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("amends.codec.keys.k1 is 5 bytes")
                    .hasMessageNotContaining("c2hvcnQ="));
  }

  @Test
  void givenNoKeys_onARealServer_theServiceRefusesToStart_onTheInProcessServerItMakesOne() {
    runner
        .withPropertyValues("amends.codec.enabled=true")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("amends.codec.keys is empty"));
    runner
        .withPropertyValues("amends.codec.enabled=true", "spring.temporal.test-server.enabled=true")
        .run(
            context ->
                assertThat(context.getBean(KeyRing.class).currentKeyId()).isEqualTo("ephemeral"));
  }
}
