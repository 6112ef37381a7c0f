package dev.amends.spring.security;

import static dev.amends.spring.security.Roles.ADMIN;
import static dev.amends.spring.security.Roles.OPERATOR;
import static org.springframework.http.HttpMethod.POST;

import dev.amends.spring.codec.CodecProperties;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The codec server's own chain: decrypted payloads hold private data, so only operators (and
 * admins) may decode or encode. Callers bring the API's credentials (the CLI's {@code
 * --codec-auth}), or the session of a console login, which a browser sends along when the Temporal
 * UI's codec setting "include cross-origin credentials" is on. The Temporal UI's origins may call
 * it from the browser (CORS).
 *
 * <p>No CSRF token: encoding and decoding change nothing, and a page of another origin cannot read
 * the answer, as CORS admits only the configured origins.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "amends.codec", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(CodecProperties.class)
class CodecServerSecurity {
  static final String PATHS = "/codec/**";

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 200)
  SecurityFilterChain codecServer(
      HttpSecurity http,
      ApiAuthentication authentication,
      JsonMapper json,
      CodecProperties properties)
      throws Exception {
    ProblemResponses problems = new ProblemResponses(json);
    AuthenticationEntryPoint refused =
        new ProblemAuthenticationEntryPoint(authentication.challenge(), problems);
    AccessDeniedHandler denied = new ProblemAccessDeniedHandler(problems);

    http.securityMatcher(PATHS)
        .cors(cors -> cors.configurationSource(cors(properties.corsOrigins())))
        .csrf(csrf -> csrf.disable())
        // A console login's session is read, never created here.
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .requestCache(cache -> cache.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .exceptionHandling(e -> e.authenticationEntryPoint(refused).accessDeniedHandler(denied));
    authentication.configure(http, refused, denied);
    http.authorizeHttpRequests(
        rules ->
            rules
                .dispatcherTypeMatchers(DispatcherType.ERROR)
                .permitAll()
                .requestMatchers(POST, "/codec/encode", "/codec/decode")
                .hasAnyRole(OPERATOR, ADMIN)
                .anyRequest()
                .denyAll());
    return http.build();
  }

  private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
    CorsConfiguration config = new CorsConfiguration();
    config.setAllowedOrigins(origins);
    config.setAllowedMethods(List.of("POST"));
    // What the Temporal UI sends: its namespace, and the user's token when it passes one.
    config.setAllowedHeaders(
        List.of("Content-Type", "X-Namespace", "Authorization", "Authorization-Extras"));
    config.setAllowCredentials(true);
    config.setMaxAge(Duration.ofHours(1));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration(PATHS, config);
    return source;
  }
}
