package dev.amends.app.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Guards docker-compose.yml and the Dockerfile. No container engine runs in the build, so these
 * checks are what stands between an edit and a stack that no longer starts; docs/docker-compose.md
 * lists them.
 */
class DockerComposeFileTest {

  private static final String COMPLETED = "service_completed_successfully";
  private static final String HEALTHY = "service_healthy";

  private static Path root;
  private static JsonNode compose;
  private static JsonNode services;

  @BeforeAll
  static void readComposeFile() throws IOException {
    root = repositoryRoot();
    compose =
        new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docker-compose.yml").toFile());
    services = compose.path("services");
    assertThat(services.isObject()).as("docker-compose.yml has a services map").isTrue();
  }

  @Test
  @DisplayName("every image is pinned to a version tag, never latest")
  void everyImageIsPinned() throws IOException {
    services
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode image = e.getValue().get("image");
              assertThat(image).as("service %s names its image", e.getKey()).isNotNull();
              assertPinned(e.getKey(), image.asText());
            });
    for (String line : Files.readAllLines(root.resolve("Dockerfile"))) {
      if (line.startsWith("FROM ")) {
        assertPinned("Dockerfile", line.split("\\s+")[1]);
      }
    }
  }

  @Test
  @DisplayName(
      "the stack has PostgreSQL, schema setup, server, namespace and search-attribute steps, UI, amends, Prometheus and Grafana")
  void expectedServicesExist() {
    assertThat(image("postgresql")).startsWith("postgres:");
    assertThat(image("temporal-schema")).startsWith("temporalio/admin-tools:");
    assertThat(image("temporal")).startsWith("temporalio/server:");
    assertThat(image("temporal-namespace")).startsWith("temporalio/admin-tools:");
    assertThat(image("temporal-search-attributes")).startsWith("temporalio/admin-tools:");
    assertThat(image("temporal-ui")).startsWith("temporalio/ui:");
    assertThat(image("prometheus")).startsWith("prom/prometheus:");
    assertThat(image("grafana")).startsWith("grafana/grafana:");
    assertThat(service("amends").path("build").path("dockerfile").asText("Dockerfile"))
        .isEqualTo("Dockerfile");
  }

  @Test
  @DisplayName(
      "PostgreSQL, Temporal, the UI, amends, Prometheus and Grafana publish their ports, on loopback only")
  void portsArePublishedOnLoopback() {
    assertThat(publishedContainerPorts("postgresql")).contains("5432");
    assertThat(publishedContainerPorts("temporal")).contains("7233");
    assertThat(publishedContainerPorts("temporal-ui")).contains("8080");
    assertThat(publishedContainerPorts("amends")).contains("8080");
    assertThat(publishedContainerPorts("prometheus")).contains("9090");
    assertThat(publishedContainerPorts("grafana")).contains("3000");
    services
        .fields()
        .forEachRemaining(
            e ->
                e.getValue()
                    .path("ports")
                    .forEach(
                        port ->
                            assertThat(port.asText())
                                .as("port of %s binds to 127.0.0.1", e.getKey())
                                .startsWith("127.0.0.1:")));
  }

  @Test
  @DisplayName("amends reaches Temporal and PostgreSQL by service name, with the real profile")
  void amendsEnvironmentPointsAtServiceNames() {
    Map<String, String> env = environment("amends");
    assertThat(env)
        .containsEntry("SPRING_PROFILES_ACTIVE", "real")
        .containsEntry("TEMPORAL_ADDRESS", "temporal:7233")
        .containsEntry("AMENDS_DB_URL", "jdbc:postgresql://postgresql:5432/amends")
        .containsKeys("AMENDS_DB_USER", "AMENDS_DB_PASSWORD")
        // The real profile refuses to start without a way to check callers' JWTs.
        .containsKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION");
    assertThat(environment("temporal-ui")).containsEntry("TEMPORAL_ADDRESS", "temporal:7233");
    assertThat(environment("temporal")).containsEntry("POSTGRES_SEEDS", "postgresql");
  }

  @Test
  @DisplayName(
      "amends' JWT key is mounted read-only where its location points, and never created by compose")
  void jwtPublicKeyIsMountedReadOnly() {
    String location =
        environment("amends").get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION");
    assertThat(location).startsWith("file:");
    JsonNode mount = null;
    for (JsonNode volume : service("amends").path("volumes")) {
      if (volume.path("target").asText().equals(location.substring("file:".length()))) {
        mount = volume;
      }
    }
    assertThat(mount).as("a long-form bind mount targets %s", location).isNotNull();
    assertThat(mount.path("type").asText()).isEqualTo("bind");
    assertThat(mount.path("read_only").asBoolean()).isTrue();
    // A missing key must stop `up`, not turn into an empty folder of the same name.
    assertThat(mount.path("bind").path("create_host_path").asBoolean(true)).isFalse();
  }

  @Test
  @DisplayName(
      "amends' codec key comes from the file scripts/dev-token.sh writes, required, never a default")
  void codecKeyComesFromARequiredFile() {
    JsonNode files = service("amends").path("env_file");
    assertThat(files.isArray()).as("amends has env_file entries").isTrue();
    assertThat(files)
        .anySatisfy(
            f -> {
              assertThat(f.path("path").asText()).isEqualTo("./.dev-keys/codec.env");
              // Without the key the real profile refuses to start; say so before the container.
              assertThat(f.path("required").asBoolean(false)).isTrue();
            });
    assertThat(environment("amends").keySet())
        .noneMatch(name -> name.startsWith("AMENDS_CODEC_KEYS_"));
  }

  @Test
  @DisplayName(
      "Prometheus and Grafana are opt-in: profile observability, and no other service has a profile")
  void observabilityIsOptIn() {
    services
        .fields()
        .forEachRemaining(
            e -> {
              List<String> profiles = texts(e.getValue().path("profiles"));
              if (e.getKey().equals("prometheus") || e.getKey().equals("grafana")) {
                assertThat(profiles)
                    .as("profiles of %s", e.getKey())
                    .containsExactly("observability");
              } else {
                // A plain `docker compose up` must keep starting the whole application stack.
                assertThat(profiles).as("profiles of %s", e.getKey()).isEmpty();
              }
            });
  }

  @Test
  @DisplayName(
      "Prometheus scrapes amends' /actuator/prometheus with a mounted read-only token, and loads the alert rules")
  void prometheusScrapesAmendsAndLoadsTheRules() throws IOException {
    Map<String, String> mounts = shortFormMounts("prometheus");
    assertThat(mounts)
        .containsEntry("/etc/prometheus/prometheus.yml", "./docker/prometheus/prometheus.yml");
    JsonNode config =
        new ObjectMapper(new YAMLFactory())
            .readTree(root.resolve("docker/prometheus/prometheus.yml").toFile());
    // Relative paths in the config are read from its folder in the container.
    List<String> ruleFiles = texts(config.path("rule_files"));
    assertThat(ruleFiles).isNotEmpty();
    for (String rules : ruleFiles) {
      assertThat(root.resolve(hostPath(mounts, "/etc/prometheus/" + rules)))
          .as("rule file %s, as mounted", rules)
          .isRegularFile();
    }
    assertThat(hostPath(mounts, "/etc/prometheus/" + ruleFiles.get(0)))
        .isEqualTo("./docs/observability/amends-alerts.yml");

    JsonNode job = null;
    for (JsonNode scrape : config.path("scrape_configs")) {
      if (texts(scrape.path("static_configs").path(0).path("targets")).contains("amends:8080")) {
        job = scrape;
      }
    }
    assertThat(job).as("a scrape job targets amends:8080").isNotNull();
    assertThat(job.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
    // The endpoint needs role ADMIN, and the real profile takes only JWTs.
    assertThat(job.path("authorization").path("type").asText("Bearer")).isEqualTo("Bearer");
    String token = "/etc/prometheus/" + job.path("authorization").path("credentials_file").asText();
    JsonNode mount = null;
    for (JsonNode volume : service("prometheus").path("volumes")) {
      if (volume.path("target").asText().equals(token)) {
        mount = volume;
      }
    }
    assertThat(mount).as("a long-form bind mount targets %s", token).isNotNull();
    assertThat(mount.path("read_only").asBoolean()).isTrue();
    assertThat(mount.path("bind").path("create_host_path").asBoolean(true)).isFalse();
    // Git-ignored and kept out of the image with the dev key pair.
    assertThat(mount.path("source").asText()).startsWith("./.dev-keys/");
  }

  @Test
  @DisplayName(
      "Grafana gets the Prometheus data source and the dashboard provisioned, and no fixed admin password")
  void grafanaIsProvisioned() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Map<String, String> mounts = shortFormMounts("grafana");
    assertThat(mounts).containsEntry("/etc/grafana/provisioning", "./docker/grafana/provisioning");
    JsonNode datasource =
        yaml.readTree(
                root.resolve("docker/grafana/provisioning/datasources/prometheus.yml").toFile())
            .path("datasources")
            .path(0);
    assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
    assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
    assertThat(datasource.path("isDefault").asBoolean())
        .as("the dashboard's DS_PROMETHEUS picks the default")
        .isTrue();
    JsonNode provider =
        yaml.readTree(root.resolve("docker/grafana/provisioning/dashboards/amends.yml").toFile())
            .path("providers")
            .path(0);
    String dashboards = provider.path("options").path("path").asText();
    assertThat(root.resolve(hostPath(mounts, dashboards + "/amends-dashboard.json")))
        .isRegularFile();
    assertThat(hostPath(mounts, dashboards + "/amends-dashboard.json"))
        .isEqualTo("./docs/observability/amends-dashboard.json");
    String password = environment("grafana").get("GF_SECURITY_ADMIN_PASSWORD");
    assertThat(password)
        .as("the admin password comes from the environment")
        .startsWith("${GRAFANA_ADMIN_PASSWORD");
    assertThat(command("grafana")).contains("GF_SECURITY_ADMIN_PASSWORD", "exit 1", "exec /run.sh");
  }

  @Test
  @DisplayName(
      "start order: database healthy, schema done, server healthy, then namespace, search attributes, UI and amends")
  void dependsOnConditionsOrderTheStart() {
    assertThat(dependsOn("temporal-schema")).containsEntry("postgresql", HEALTHY);
    assertThat(dependsOn("temporal")).containsEntry("temporal-schema", COMPLETED);
    assertThat(dependsOn("temporal-namespace")).containsEntry("temporal", HEALTHY);
    assertThat(dependsOn("temporal-search-attributes"))
        .containsEntry("temporal", HEALTHY)
        .containsEntry("temporal-namespace", COMPLETED);
    assertThat(dependsOn("temporal-ui")).containsEntry("temporal", HEALTHY);
    assertThat(dependsOn("amends"))
        .containsEntry("postgresql", HEALTHY)
        .containsEntry("temporal", HEALTHY)
        .containsEntry("temporal-search-attributes", COMPLETED);
  }

  @Test
  @DisplayName("every service waited on as healthy has a healthcheck, and amends has one too")
  void awaitedServicesHaveHealthchecks() {
    services
        .fields()
        .forEachRemaining(
            e ->
                dependsOn(e.getKey())
                    .forEach(
                        (target, condition) -> {
                          assertThat(services.has(target))
                              .as("%s depends on unknown service %s", e.getKey(), target)
                              .isTrue();
                          if (HEALTHY.equals(condition)) {
                            assertThat(
                                    service(target)
                                        .path("healthcheck")
                                        .path("test")
                                        .isMissingNode())
                                .as(
                                    "%s waits for %s to be healthy, so it needs a healthcheck",
                                    e.getKey(), target)
                                .isFalse();
                          }
                        }));
    assertThat(service("amends").path("healthcheck").path("test").toString())
        .contains("/actuator/health/readiness");
  }

  @Test
  @DisplayName("the schema step sets up both the temporal and the temporal_visibility databases")
  void schemaStepSetsUpBothDatabases() {
    String script = command("temporal-schema");
    assertThat(script)
        .contains("setup-schema", "update-schema", "postgres12")
        .contains("temporal:temporal", "temporal_visibility:visibility")
        .contains("/etc/temporal/schema/postgresql/v12/");
  }

  @Test
  @DisplayName(
      "the search-attribute step creates SagaStatus as Keyword and every attribute of temporal-dev")
  void searchAttributeStepCreatesEveryAttribute() throws IOException {
    Map<String, String> created = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("search-attribute create --name (\\w+) --type (\\w+)")
            .matcher(command("temporal-search-attributes"));
    while (m.find()) {
      created.put(m.group(1), m.group(2));
    }
    assertThat(created).containsEntry("SagaStatus", "Keyword");
    // The dev server's list and this step must not drift apart.
    assertThat(created).containsAllEntriesOf(devSearchAttributes());
  }

  @Test
  @DisplayName(
      "PostgreSQL's init script creates Temporal's databases, amends' owner, its application role"
          + " and database, with passwords only from the environment")
  void postgresInitCreatesAmendsDatabase() throws IOException {
    String mount = null;
    for (JsonNode volume : service("postgresql").path("volumes")) {
      if (volume.asText().contains(":/docker-entrypoint-initdb.d")) {
        mount = volume.asText().split(":")[0];
      }
    }
    assertThat(mount).as("an init folder is mounted into /docker-entrypoint-initdb.d").isNotNull();
    StringBuilder script = new StringBuilder();
    try (var files = Files.list(root.resolve(mount))) {
      for (Path f : files.sorted().toList()) {
        assertThat(f.toString()).as("the entrypoint runs *.sh and *.sql").matches(".*\\.(sh|sql)$");
        script.append(Files.readString(f));
      }
    }
    assertThat(script.toString())
        .contains(
            "CREATE DATABASE temporal OWNER temporal",
            "CREATE DATABASE temporal_visibility ",
            "CREATE ROLE amends_owner LOGIN PASSWORD :'owner_password'",
            "CREATE ROLE amends_application NOLOGIN",
            "CREATE ROLE amends LOGIN PASSWORD :'app_password' IN ROLE amends_application",
            "CREATE DATABASE amends OWNER amends_owner",
            "owner_password=\"$AMENDS_OWNER_DB_PASSWORD\"",
            "app_password=\"$AMENDS_DB_PASSWORD\"")
        .doesNotContainPattern("PASSWORD\\s+'");
    // The entrypoint would create POSTGRES_USER's database itself, and the script's own
    // CREATE DATABASE temporal would then stop the first start.
    assertThat(environment("postgresql"))
        .containsEntry("POSTGRES_DB", "postgres")
        .containsKeys("AMENDS_OWNER_DB_PASSWORD", "AMENDS_DB_PASSWORD");
  }

  @Test
  @DisplayName(
      "no password has a default: each is a required variable, listed empty in .env.example")
  void noPasswordHasADefault() throws IOException {
    Pattern required = Pattern.compile("\\$\\{([A-Z_]+):\\?[^}]+}");
    Set<String> variables = new TreeSet<>();
    services
        .fields()
        .forEachRemaining(
            service ->
                environment(service.getKey())
                    .forEach(
                        (key, value) -> {
                          if (!key.matches(".*(PASSWORD|PWD).*")) {
                            return;
                          }
                          if (service.getKey().equals("grafana")) {
                            // Checked by Grafana's entrypoint: see grafanaIsProvisioned.
                            assertThat(value).isEqualTo("${GRAFANA_ADMIN_PASSWORD:-}");
                            variables.add("GRAFANA_ADMIN_PASSWORD");
                            return;
                          }
                          Matcher m = required.matcher(value);
                          assertThat(m.matches())
                              .as(
                                  "%s of %s is a required variable, not %s",
                                  key, service.getKey(), value)
                              .isTrue();
                          variables.add(m.group(1));
                        }));
    assertThat(variables)
        .contains("TEMPORAL_DB_PASSWORD", "AMENDS_OWNER_DB_PASSWORD", "AMENDS_DB_PASSWORD");

    Map<String, String> example = new LinkedHashMap<>();
    for (String line : Files.readAllLines(root.resolve(".env.example"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] parts = line.split("=", 2);
        example.put(parts[0], parts[1]);
      }
    }
    assertThat(example.keySet()).containsExactlyInAnyOrderElementsOf(variables);
    assertThat(example.values()).as("the example gives no password away").allMatch(String::isEmpty);
    assertThat(Files.readAllLines(root.resolve(".gitignore"))).contains("/.env");
    assertThat(Files.readAllLines(root.resolve(".dockerignore"))).contains(".env");
  }

  @Test
  @DisplayName(
      "amends migrates as the database's owner, runs as its application role, and keeps its"
          + " anchor log on a volume of its own")
  void amendsRunsAsTheApplicationRole() throws IOException {
    Map<String, String> env = environment("amends");
    assertThat(env)
        .containsEntry("AMENDS_DB_USER", "amends")
        .containsEntry("SPRING_FLYWAY_USER", "amends_owner")
        .containsKey("SPRING_FLYWAY_PASSWORD");
    String anchorLog = env.get("AMENDS_LEDGER_ANCHOR_LOG");
    assertThat(anchorLog).isNotBlank();
    String folder = anchorLog.substring(0, anchorLog.lastIndexOf('/'));
    List<String> mounts = new ArrayList<>();
    service("amends").path("volumes").forEach(v -> mounts.add(v.asText()));
    assertThat(mounts).contains("anchor-log:" + folder);
    assertThat(compose.path("volumes").has("anchor-log")).isTrue();
    // The image's user must be able to append to the fresh volume, which copies the folder.
    assertThat(Files.readString(root.resolve("Dockerfile")))
        .contains("mkdir -p " + folder + " && chown amends " + folder);
  }

  @Test
  @DisplayName("the Dockerfile builds the app module and runs app/target/amends.jar on a JRE 17")
  void dockerfileBuildsTheStarter() throws IOException {
    Path dockerfile = root.resolve("Dockerfile");
    assertThat(dockerfile).exists();
    String text = Files.readString(dockerfile);
    assertThat(text)
        .containsPattern("FROM maven:[^\\s]*eclipse-temurin-17 AS build")
        .containsPattern("FROM eclipse-temurin:17[^\\s]*-jre")
        .containsPattern("mvn .*package -pl app -am")
        .contains("COPY --from=build /src/app/target/amends.jar")
        .containsPattern("ENTRYPOINT \\[\"java\", \"-jar\", \"[^\"]*amends.jar\"\\]");
  }

  private static void assertPinned(String where, String image) {
    int slash = image.lastIndexOf('/');
    int colon = image.indexOf(':', slash + 1);
    assertThat(colon).as("%s: image %s has a tag", where, image).isPositive();
    String tag = image.substring(colon + 1);
    assertThat(tag).as("%s: image %s", where, image).isNotBlank().isNotEqualTo("latest");
  }

  private static JsonNode service(String name) {
    JsonNode node = services.get(name);
    if (node == null) {
      fail("docker-compose.yml has no service " + name);
    }
    return node;
  }

  private static String image(String name) {
    return service(name).path("image").asText();
  }

  /** The script an admin-tools step runs: entrypoint sh -c with the script as command. */
  private static String command(String name) {
    JsonNode command = service(name).path("command");
    return command.isArray() ? String.join("\n", texts(command)) : command.asText();
  }

  /** depends_on as service name to condition; the short list form means service_started. */
  private static Map<String, String> dependsOn(String name) {
    Map<String, String> result = new LinkedHashMap<>();
    JsonNode deps = service(name).path("depends_on");
    if (deps.isArray()) {
      deps.forEach(d -> result.put(d.asText(), "service_started"));
    } else {
      deps.fields()
          .forEachRemaining(
              e ->
                  result.put(e.getKey(), e.getValue().path("condition").asText("service_started")));
    }
    return result;
  }

  /** environment in either compose form: a map, or a list of NAME=value. */
  private static Map<String, String> environment(String name) {
    Map<String, String> result = new LinkedHashMap<>();
    JsonNode env = service(name).path("environment");
    if (env.isArray()) {
      for (String entry : texts(env)) {
        int eq = entry.indexOf('=');
        result.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
      }
    } else {
      env.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
    }
    return result;
  }

  /** Container side of each published port ("host_ip:host:container" or shorter forms). */
  private static List<String> publishedContainerPorts(String name) {
    List<String> result = new ArrayList<>();
    for (String port : texts(service(name).path("ports"))) {
      String[] parts = port.split(":");
      result.add(parts[parts.length - 1].replaceAll("/.*", ""));
    }
    return result;
  }

  /** Short-form volumes ("source:target[:mode]") of a service, as container path to host path. */
  private static Map<String, String> shortFormMounts(String name) {
    Map<String, String> result = new LinkedHashMap<>();
    for (JsonNode volume : service(name).path("volumes")) {
      if (volume.isTextual()) {
        String[] parts = volume.asText().split(":");
        result.put(parts[1], parts[0]);
      }
    }
    return result;
  }

  /** The host path a container path is mounted from, by its longest mounted parent. */
  private static String hostPath(Map<String, String> mounts, String containerPath) {
    String best = null;
    for (String target : mounts.keySet()) {
      if ((containerPath.equals(target) || containerPath.startsWith(target + "/"))
          && (best == null || target.length() > best.length())) {
        best = target;
      }
    }
    assertThat(best).as("%s is mounted from the repository", containerPath).isNotNull();
    return mounts.get(best) + containerPath.substring(best.length());
  }

  private static List<String> texts(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(n -> result.add(n.asText()));
    return result;
  }

  private static Map<String, String> devSearchAttributes() throws IOException {
    Map<String, String> result = new LinkedHashMap<>();
    for (String line : Files.readAllLines(root.resolve("temporal-dev/search-attributes.txt"))) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        String[] parts = trimmed.split("\\s+");
        result.put(parts[0], parts[1]);
      }
    }
    return result;
  }

  /** Surefire runs in the module folder; walk up to the folder that holds docker-compose.yml. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "docker-compose.yml not found above " + Path.of("").toAbsolutePath());
  }
}
