package dev.amends.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is made from the configuration metadata the compiler writes from the
 * properties' javadoc, so the reference cannot drift from the code. After changing a property,
 * regenerate it: {@code ./mvnw test -pl app -Dtest=ConfigurationReferenceTest
 * -Damends.write-configuration-reference=true}.
 */
class ConfigurationReferenceTest {
  private static final Path REFERENCE = Path.of("../docs/configuration.md");

  @Test
  void everyAmendsPropertyIsDescribed_andTheReferenceIsCurrent() throws IOException {
    Map<String, JsonNode> properties = amendsProperties();
    assertThat(properties).containsKeys("amends.realert-every", "amends.alerts.webhook.urls");
    properties.forEach(
        (name, p) -> assertThat(p.path("description").asText()).as(name).isNotBlank());

    String expected = render(properties);
    if (Boolean.getBoolean("amends.write-configuration-reference")) {
      Files.writeString(REFERENCE, expected);
    }
    assertThat(Files.readString(REFERENCE))
        .as("docs/configuration.md is current (see this test's javadoc to regenerate it)")
        .isEqualTo(expected);
  }

  private static Map<String, JsonNode> amendsProperties() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> found = new TreeMap<>();
    for (URL metadata :
        Collections.list(
            ConfigurationReferenceTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = metadata.openStream()) {
        for (JsonNode p : json.readTree(in).path("properties")) {
          if (p.path("name").asText().startsWith("amends.")) {
            found.put(p.path("name").asText(), p);
          }
        }
      }
    }
    return found;
  }

  private static String render(Map<String, JsonNode> properties) {
    StringBuilder md =
        new StringBuilder(
            """
            # Configuration

            Every `amends.*` property, made from the configuration metadata that IDEs also read for
            completion (`ConfigurationReferenceTest` keeps this page current). Spring Boot's own
            (`spring.*`, `management.*`) and Temporal's (`spring.temporal.*`) are documented by them.

            | property | default | meaning |
            |---|---|---|
            """);
    properties.forEach(
        (name, p) ->
            md.append("| `")
                .append(name)
                .append("` | ")
                .append(p.hasNonNull("defaultValue") ? "`" + defaultOf(p) + "`" : "")
                .append(" | ")
                .append(
                    p.path("description")
                        .asText()
                        .replace("{@code ", "`")
                        .replace("}", "`")
                        .replace("|", "\\|")
                        .replace("\n", " "))
                .append(" |\n"));
    return md.toString();
  }

  private static String defaultOf(JsonNode p) {
    JsonNode value = p.get("defaultValue");
    return value.isArray() ? String.join(", ", value.findValuesAsText("")) : value.asText();
  }
}
