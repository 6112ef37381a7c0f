package dev.amends.spring.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * With {@code amends.codec.enabled}, every payload the service's Temporal client and workers write
 * is encrypted: the data converter Temporal's starter picks up (bean {@code mainDataConverter})
 * runs payloads, and failure messages and stack traces, through {@link AesGcmPayloadCodec}. A web
 * application also serves the codec server at {@code /codec/encode} and {@code /codec/decode}.
 */
@AutoConfiguration(
    beforeName = {
      "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration",
      "io.temporal.spring.boot.autoconfigure.TestServerAutoConfiguration"
    })
@ConditionalOnProperty(prefix = "amends.codec", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(CodecProperties.class)
public class CodecAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(CodecAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  KeyRing amendsKeyRing(CodecProperties properties, Environment environment) {
    boolean inProcessServer =
        environment.getProperty("spring.temporal.test-server.enabled", Boolean.class, false);
    if (properties.keys().isEmpty() && inProcessServer) {
      log.info(
          "Payloads are encrypted with a key made for this process: the in-process Temporal"
              + " server's histories live no longer than it does");
      return KeyRing.ephemeral();
    }
    return KeyRing.of(properties.currentKeyId(), properties.keys());
  }

  @Bean
  @ConditionalOnMissingBean
  AesGcmPayloadCodec amendsPayloadCodec(KeyRing keys) {
    return new AesGcmPayloadCodec(keys);
  }

  /** The name Temporal's starter looks for when a service has several data converters. */
  @Bean(name = "mainDataConverter")
  @ConditionalOnMissingBean(name = "mainDataConverter")
  DataConverter mainDataConverter(AesGcmPayloadCodec codec) {
    return new CodecDataConverter(DefaultDataConverter.STANDARD_INSTANCE, List.of(codec), true);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @Import(CodecController.class)
  static class CodecServer {}
}
