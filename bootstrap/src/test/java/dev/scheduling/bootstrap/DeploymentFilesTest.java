package dev.scheduling.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.Test;

/**
 * The deployment files at the repository's root against what the service really reads: every
 * {@code SCHEDULING_*} variable that {@code docker-compose.yml} or {@code .env.example} sets is one of
 * {@link Configuration}'s, {@code .env.example} names all of them, and the compose file has the shape the
 * README promises (services, health checks, start order, the worker's command). {@code .ci/run} also
 * validates the compose file with {@code docker-compose config}.
 */
class DeploymentFilesTest {
    private static final List<String> APP_SERVICES = List.of("api-1", "api-2", "worker");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{(SCHEDULING_[A-Z0-9_]+)");

    private static Path root;
    private static JsonNode compose;
    private static String composeText;

    @BeforeAll
    static void readComposeFile() throws IOException {
        root = repositoryRoot();
        composeText = Files.readString(root.resolve("docker-compose.yml"), StandardCharsets.UTF_8);
        compose = new ObjectMapper(new YAMLFactory()).readTree(composeText);
    }

    /** The names of the variables the service reads: Configuration's public constants that hold one. */
    static Set<String> variablesTheServiceReads() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Field field : Configuration.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                    && field.getType() == String.class) {
                String value = (String) field.get(null);
                if (value.startsWith("SCHEDULING_")) {
                    names.add(value);
                }
            }
        }
        return names;
    }

    @Test
    void the_reflection_finds_the_variables() throws IllegalAccessException {
        assertThat(variablesTheServiceReads())
                .contains(Configuration.DB_URL, Configuration.AMQP_URL, Configuration.TOKEN_SECRET,
                        Configuration.NOTIFICATIONS)
                .hasSizeGreaterThan(10);
    }

    @Test
    void env_example_names_every_variable_the_service_reads_and_nothing_else() throws Exception {
        Map<String, String> example = envExample();

        assertThat(example.keySet()).as(".env.example").containsExactlyInAnyOrderElementsOf(variablesTheServiceReads());
    }

    @Test
    void env_example_values_are_accepted_by_the_service() throws Exception {
        // What cp .env.example .env gives, with the two values the compose file requires filled in.
        Map<String, String> env = new LinkedHashMap<>(envExample());
        env.put(Configuration.ADMIN_TOKEN, "admin-token");
        env.put(Configuration.TOKEN_SECRET, "s".repeat(Configuration.MIN_TOKEN_SECRET_BYTES));

        Configuration configuration = Configuration.fromEnvironment(env);

        assertThat(configuration.database()).isPresent();
        assertThat(configuration.broker()).isPresent();
    }

    @Test
    void every_scheduling_variable_the_compose_file_sets_or_interpolates_is_read_by_the_service() throws Exception {
        Set<String> known = variablesTheServiceReads();
        Set<String> set = new TreeSet<>();
        for (Map.Entry<String, JsonNode> service : compose.get("services").properties()) {
            set.addAll(environment(service.getValue()).keySet());
        }
        set.removeIf(name -> !name.startsWith("SCHEDULING_"));
        Set<String> interpolated = new TreeSet<>();
        Matcher matcher = INTERPOLATION.matcher(composeText);
        while (matcher.find()) {
            interpolated.add(matcher.group(1));
        }

        assertThat(set).as("SCHEDULING_* variables set in docker-compose.yml").isNotEmpty().isSubsetOf(known);
        assertThat(interpolated).as("SCHEDULING_* variables docker-compose.yml takes from .env").isNotEmpty()
                .isSubsetOf(known);
    }

    @Test
    void the_compose_file_has_the_database_the_broker_two_services_and_a_worker() {
        assertThat(names(compose.get("services")))
                .containsExactlyInAnyOrder("postgres", "rabbitmq", "api-1", "api-2", "worker");
        assertThat(service("postgres").get("image").asText()).startsWith("postgres:15");
        assertThat(service("rabbitmq").get("image").asText()).matches("rabbitmq:(3\\.13|4)[0-9.]*-management");
        assertThat(text(service("postgres").get("volumes").get(0))).endsWith(":/var/lib/postgresql/data");
        assertThat(names(compose.get("volumes"))).contains("postgres-data");
    }

    @Test
    void every_service_has_a_health_check() {
        assertThat(healthCheck("postgres")).contains("pg_isready");
        assertThat(healthCheck("rabbitmq")).contains("rabbitmq-diagnostics -q ping");
        for (String app : APP_SERVICES) {
            assertThat(healthCheck(app)).as(app).contains("/dev/tcp/127.0.0.1/7070").contains("GET /health ")
                    .contains("= 200");
        }
    }

    @Test
    void the_app_containers_start_once_the_database_and_the_broker_are_healthy() {
        for (String app : APP_SERVICES) {
            JsonNode dependsOn = service(app).get("depends_on");
            assertThat(dependsOn).as(app + " depends_on").isNotNull();
            for (String dependency : List.of("postgres", "rabbitmq")) {
                assertThat(dependsOn.path(dependency).path("condition").asText())
                        .as(app + " depends on " + dependency).isEqualTo("service_healthy");
            }
        }
    }

    @Test
    void two_service_instances_leave_the_notifications_to_the_worker() {
        Map<String, String> api1 = environment(service("api-1"));
        Map<String, String> api2 = environment(service("api-2"));
        for (Map<String, String> api : List.of(api1, api2)) {
            assertThat(api).containsEntry(Configuration.NOTIFICATIONS, Configuration.OFF)
                    .containsEntry(Configuration.HTTP_PORT, "7070")
                    .containsKeys(Configuration.DB_URL, Configuration.AMQP_URL);
            assertThat(api.get(Configuration.TOKEN_SECRET)).startsWith("${" + Configuration.TOKEN_SECRET + ":?");
            assertThat(api.get(Configuration.ADMIN_TOKEN)).startsWith("${" + Configuration.ADMIN_TOKEN + ":?");
        }
        // The same secret and admin token on both instances, or a login on one is refused by the other.
        assertThat(api2.get(Configuration.TOKEN_SECRET)).isEqualTo(api1.get(Configuration.TOKEN_SECRET));
        assertThat(api2.get(Configuration.ADMIN_TOKEN)).isEqualTo(api1.get(Configuration.ADMIN_TOKEN));
        // Unquoted, YAML 1.1 readers (docker-compose 1.x) would pass off as False.
        assertThat(composeText).contains("SCHEDULING_NOTIFICATIONS: \"off\"");
        assertThat(ports("api-1")).containsExactly("7071:7070");
        assertThat(ports("api-2")).containsExactly("7072:7070");
        assertThat(service("api-1").has("command")).isFalse();
        assertThat(service("api-2").has("command")).isFalse();
    }

    @Test
    void the_worker_runs_the_worker_command_with_the_database_and_the_broker() {
        JsonNode worker = service("worker");

        assertThat(worker.get("command").isArray()).isTrue();
        assertThat(text(worker.get("command").get(0))).isEqualTo(Main.WORKER);
        assertThat(worker.get("command").size()).isEqualTo(1);
        assertThat(environment(worker)).containsKeys(Configuration.DB_URL, Configuration.DB_USER,
                Configuration.DB_PASSWORD, Configuration.AMQP_URL);
        assertThat(ports("worker")).containsExactly("7080:7070");
    }

    @Test
    void the_app_containers_run_the_image_of_this_dockerfile() throws IOException {
        String dockerfile = Files.readString(root.resolve("Dockerfile"), StandardCharsets.UTF_8);
        for (String app : APP_SERVICES) {
            assertThat(text(service(app).get("build"))).as(app).isEqualTo(".");
            assertThat(text(service(app).get("image"))).as(app).isEqualTo(text(service("api-1").get("image")));
        }
        assertThat(dockerfile)
                .contains("FROM maven:3.9-eclipse-temurin-17 AS build")
                .contains("FROM eclipse-temurin:17-jre")
                .contains("-Prelease")
                .contains("EXPOSE 7070")
                .contains("HEALTHCHECK")
                .contains("GET /health ")
                .containsPattern("(?m)^USER [1-9][0-9]*")
                .containsPattern("(?m)^ENTRYPOINT \\[\"java\", .*\"-jar\", \"/app/scheduling-service.jar\"\\]$");
    }

    private static Map<String, String> envExample() throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Files.readAllLines(root.resolve(".env.example"), StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            assertThat(equals).as(".env.example line '%s' is NAME=value", line).isPositive();
            String name = trimmed.substring(0, equals);
            assertThat(variables).as(".env.example sets %s twice", name).doesNotContainKey(name);
            variables.put(name, trimmed.substring(equals + 1));
        }
        return variables;
    }

    private static JsonNode service(String name) {
        JsonNode service = compose.path("services").path(name);
        assertThat(service.isObject()).as("service %s", name).isTrue();
        return service;
    }

    private static String healthCheck(String name) {
        JsonNode test = service(name).path("healthcheck").path("test");
        assertThat(test.isMissingNode()).as("%s has a healthcheck", name).isFalse();
        if (test.isTextual()) {
            return test.asText();
        }
        List<String> words = new ArrayList<>();
        test.forEach(word -> words.add(word.asText()));
        assertThat(words.get(0)).as("%s's healthcheck", name).isIn("CMD", "CMD-SHELL");
        return String.join(" ", words.subList(1, words.size()));
    }

    /** The environment in either of Compose's forms: a map, or a list of NAME=value. */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isObject()) {
            node.properties().forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        } else if (node.isArray()) {
            node.forEach(item -> {
                String[] parts = item.asText().split("=", 2);
                environment.put(parts[0], parts.length == 2 ? parts[1] : "");
            });
        }
        return environment;
    }

    private static List<String> ports(String name) {
        List<String> ports = new ArrayList<>();
        service(name).path("ports").forEach(port -> ports.add(port.asText()));
        return ports;
    }

    private static List<String> names(JsonNode map) {
        List<String> names = new ArrayList<>();
        map.properties().forEach(entry -> names.add(entry.getKey()));
        return names;
    }

    private static String text(JsonNode node) {
        assertThat(node).isNotNull();
        return node.asText();
    }

    /** Surefire runs in the module's folder; the deployment files are in the repository's root above it. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a folder above the working directory with docker-compose.yml").isNotNull();
        return dir;
    }
}
