package dev.amends.spring.observability;

import dev.amends.activities.temporal.ActivityLogContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Traces and log context for Temporal work. With an OpenTelemetry SDK in the context (Spring Boot
 * makes one from spring-boot-starter-opentelemetry), Temporal's tracing interceptors get an
 * OpenTracing tracer that writes into it, so one trace runs from an HTTP request through the
 * workflow start into every workflow run and activity. Every activity runs with its workflow id,
 * run id and saga id in the logging MDC. A service's own bean of either type takes precedence.
 */
@AutoConfiguration(
    afterName =
        "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
    beforeName = {
      "io.temporal.spring.boot.autoconfigure.OpenTracingAutoConfiguration",
      "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration"
    })
public class AmendsObservabilityAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ActivityLogContext activityLogContext() {
    return new ActivityLogContext();
  }

  /**
   * The OpenTracing tracer Temporal's auto-configuration hands to its OpenTracingClientInterceptor
   * and OpenTracingWorkerInterceptor: the OpenTelemetry shim over the application's SDK, sharing
   * its context (so the current HTTP span is the parent of a workflow start) and its propagators
   * (W3C trace context in the workflow and activity headers).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({
    OpenTelemetry.class,
    OpenTracingShim.class,
    io.opentracing.Tracer.class,
    OpenTracingWorkerInterceptor.class
  })
  @ConditionalOnBean(OpenTelemetry.class)
  static class TemporalTracing {

    @Bean
    @ConditionalOnMissingBean(io.opentracing.Tracer.class)
    io.opentracing.Tracer temporalOpenTracingTracer(OpenTelemetry openTelemetry) {
      return OpenTracingShim.createTracerShim(openTelemetry);
    }
  }
}
