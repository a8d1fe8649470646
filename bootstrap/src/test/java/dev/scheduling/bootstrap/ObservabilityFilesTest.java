package dev.scheduling.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The observability files ({@code docs/observability/dashboard.json} and {@code alerts.yml}) stay consistent
 * with what the service exposes and with the runbook: the dashboard is well formed, every metric that a
 * query reads is one the service or a worker exposes at {@code /metrics} (or a recording rule of
 * alerts.yml), and every alert's {@code runbook_url} points at its own heading of {@code docs/runbook.md}.
 * The rules' behaviour is tested by {@code promtool test rules docs/observability/alerts.test.yml} in CI.
 */
class ObservabilityFilesTest {

    static final Path DOCS = Path.of(System.getProperty("scheduling.docs", "../docs"));
    static final Path DASHBOARD = DOCS.resolve("observability/dashboard.json");
    static final Path ALERTS = DOCS.resolve("observability/alerts.yml");
    static final Path RUNBOOK = DOCS.resolve("runbook.md");

    /** Counters and gauges, as Prometheus names them at /metrics. */
    static final Set<String> COUNTERS_AND_GAUGES = Set.of(
            "locks_attempts_total", "locks_success_total", "locks_conflicts_total", "locks_expired_total",
            "events_published_total", "events_publish_failures_total", "events_unroutable_total",
            "events_outbox_pending", "events_outbox_oldest_age_seconds",
            "events_consumed_total", "events_consumer_failures_total", "events_queue_depth",
            "notifications_handled_total",
            "webhooks_deliveries_total", "webhooks_retries_pending", "webhooks_deactivated_total",
            "scheduling_ready", "scheduling_dependency_up",
            "hikaricp_connections_active", "hikaricp_connections_pending", "hikaricp_connections_max",
            "jvm_memory_used_bytes", "jvm_memory_max_bytes", "process_cpu_usage", "process_uptime_seconds",
            "jvm_threads_live_threads",
            // Prometheus' own, per scrape target.
            "up");

    /** Histograms: each exposes _bucket, _count and _sum. */
    static final Set<String> HISTOGRAMS = Set.of(
            "locks_latency_seconds", "availability_latency_seconds", "http_server_requests_seconds",
            "events_processing_seconds", "events_consumer_lag_seconds", "webhooks_delivery_latency_seconds");

    /** Micrometer timers without a histogram: _count, _sum and _max, no buckets. */
    static final Set<String> TIMERS = Set.of("jvm_gc_pause_seconds");

    static final Set<String> EXPOSED = exposedNames();

    /** The alerts of issue #7; the file may hold more. */
    static final List<String> REQUIRED_ALERTS = List.of(
            "LockConflictRateHigh", "LockLatencyP99High", "AvailabilityLatencyP99High", "OutboxBacklogGrowing",
            "OutboxOldestEventTooOld", "ConsumerLagHigh", "DeadLetterQueueNotEmpty", "ServiceNotReady",
            "ServiceDown", "HttpServerErrors", "DatabasePoolSaturated");

    static JsonNode dashboard;
    static JsonNode rules;

    @BeforeAll
    static void read() throws IOException {
        dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        rules = new YAMLMapper().readTree(ALERTS.toFile());
    }

    private static Set<String> exposedNames() {
        Set<String> names = new TreeSet<>(COUNTERS_AND_GAUGES);
        HISTOGRAMS.forEach(h -> names.addAll(List.of(h + "_bucket", h + "_count", h + "_sum")));
        TIMERS.forEach(t -> names.addAll(List.of(t + "_count", t + "_sum", t + "_max")));
        return Set.copyOf(names);
    }

    // ------------------------------------------------------------------------------------------ dashboard

    @Test
    void the_dashboard_has_a_title_a_uid_and_a_schema_version() {
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
        assertThat(dashboard.path("schemaVersion").isInt()).isTrue();
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.path("panels").isArray()).isTrue();
        assertThat(dashboard.path("panels")).isNotEmpty();
    }

    @Test
    void the_dashboard_has_a_prometheus_datasource_variable_and_a_job_or_instance_variable() {
        List<JsonNode> variables = list(dashboard.path("templating").path("list"));
        assertThat(variables).anySatisfy(variable -> {
            assertThat(variable.path("type").asText()).isEqualTo("datasource");
            assertThat(variable.path("query").asText()).isEqualTo("prometheus");
        });
        assertThat(variables).extracting(variable -> variable.path("name").asText()).containsAnyOf("job", "instance");
        // Every query goes through the variable, never a datasource fixed to one Grafana.
        for (JsonNode panel : queryPanels()) {
            assertThat(panel.path("datasource").path("uid").asText()).as(title(panel)).startsWith("$");
            for (JsonNode target : list(panel.path("targets"))) {
                assertThat(target.path("datasource").path("uid").asText("$")).as(title(panel)).startsWith("$");
            }
        }
    }

    @Test
    void every_panel_has_an_id_a_type_a_title_a_grid_position_and_queries() {
        for (JsonNode panel : allPanels()) {
            assertThat(panel.path("id").isInt()).as("id of %s", title(panel)).isTrue();
            assertThat(panel.path("type").asText()).as("type of %s", title(panel)).isNotBlank();
            assertThat(panel.path("title").asText()).as("title of panel %s", panel.path("id")).isNotBlank();
            JsonNode grid = panel.path("gridPos");
            for (String field : List.of("x", "y", "w", "h")) {
                assertThat(grid.path(field).isInt()).as("gridPos.%s of %s", field, title(panel)).isTrue();
            }
            assertThat(grid.path("w").asInt()).as(title(panel)).isBetween(1, 24);
            assertThat(grid.path("h").asInt()).as(title(panel)).isPositive();
            assertThat(grid.path("x").asInt()).as(title(panel)).isNotNegative();
            assertThat(grid.path("y").asInt()).as(title(panel)).isNotNegative();
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title(panel)).isLessThanOrEqualTo(24);
            if (isRow(panel)) {
                continue;
            }
            assertThat(list(panel.path("targets"))).as("targets of %s", title(panel)).isNotEmpty();
            for (JsonNode target : list(panel.path("targets"))) {
                assertThat(target.path("expr").asText()).as("expr of a target of %s", title(panel)).isNotBlank();
            }
        }
    }

    @Test
    void panel_ids_are_unique() {
        List<Integer> ids = allPanels().stream().map(panel -> panel.path("id").asInt()).collect(Collectors.toList());
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void panels_do_not_overlap() {
        List<JsonNode> panels = list(dashboard.path("panels"));
        for (int i = 0; i < panels.size(); i++) {
            for (int j = i + 1; j < panels.size(); j++) {
                assertThat(overlap(panels.get(i).path("gridPos"), panels.get(j).path("gridPos")))
                        .as("%s overlaps %s", title(panels.get(i)), title(panels.get(j)))
                        .isFalse();
            }
        }
    }

    @Test
    void every_metric_that_the_dashboard_reads_is_exposed() {
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        for (JsonNode panel : queryPanels()) {
            for (JsonNode target : list(panel.path("targets"))) {
                Set<String> names = metricNames(target.path("expr").asText());
                assertThat(names).as("metrics of %s", title(panel)).isNotEmpty();
                names.stream().filter(name -> !EXPOSED.contains(name))
                        .forEach(name -> unknown.computeIfAbsent(name, n -> new TreeSet<>()).add(title(panel)));
            }
        }
        for (JsonNode variable : list(dashboard.path("templating").path("list"))) {
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asText() : query.asText();
            Matcher labelValues = Pattern.compile("label_values\\(\\s*(.+)\\s*,\\s*\\w+\\s*\\)").matcher(text);
            if ("query".equals(variable.path("type").asText()) && labelValues.matches()) {
                metricNames(labelValues.group(1)).stream().filter(name -> !EXPOSED.contains(name))
                        .forEach(name -> unknown.computeIfAbsent(name, n -> new TreeSet<>())
                                .add("variable " + variable.path("name").asText()));
            }
        }
        assertThat(unknown).as("metric names that neither the service nor a worker exposes").isEmpty();
    }

    // ------------------------------------------------------------------------------------------ alerts

    @Test
    void the_alerts_are_in_group_scheduling_each_with_for_severity_and_annotations() {
        List<JsonNode> groups = list(rules.path("groups"));
        assertThat(groups).extracting(group -> group.path("name").asText()).contains("scheduling");
        List<String> alertNames = new ArrayList<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : list(group.path("rules"))) {
                if (!rule.has("alert")) {
                    assertThat(rule.path("record").asText()).as("a rule that is neither alert nor record").isNotBlank();
                    continue;
                }
                String alert = rule.path("alert").asText();
                alertNames.add(alert);
                assertThat(group.path("name").asText()).as("group of %s", alert).isEqualTo("scheduling");
                assertThat(rule.path("expr").asText()).as("expr of %s", alert).isNotBlank();
                assertThat(rule.path("for").asText()).as("for of %s", alert).matches("\\d+[smh]");
                assertThat(rule.path("labels").path("severity").asText()).as("severity of %s", alert)
                        .isIn("warning", "critical");
                for (String annotation : List.of("summary", "description", "runbook_url")) {
                    assertThat(rule.path("annotations").path(annotation).asText())
                            .as("%s of %s", annotation, alert).isNotBlank();
                }
            }
        }
        assertThat(alertNames).doesNotHaveDuplicates().containsAll(REQUIRED_ALERTS);
    }

    @Test
    void every_metric_that_the_rules_read_is_exposed_or_recorded() {
        Set<String> recorded = rules().stream().filter(rule -> rule.has("record"))
                .map(rule -> rule.path("record").asText()).collect(Collectors.toSet());
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        for (JsonNode rule : rules()) {
            String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
            Set<String> names = metricNames(rule.path("expr").asText());
            assertThat(names).as("metrics of %s", name).isNotEmpty();
            names.stream().filter(metric -> !EXPOSED.contains(metric) && !recorded.contains(metric))
                    .forEach(metric -> unknown.computeIfAbsent(metric, m -> new TreeSet<>()).add(name));
        }
        assertThat(unknown).as("metric names that neither the service, a worker nor a recording rule has")
                .isEmpty();
        // Recording rules are named level:metric:operations.
        assertThat(recorded).allSatisfy(name -> assertThat(name).matches("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+"));
    }

    @Test
    void every_runbook_url_points_at_the_alerts_own_heading_in_the_runbook() throws IOException {
        Set<String> anchors = githubAnchors(Files.readString(RUNBOOK, StandardCharsets.UTF_8));
        assertThat(anchors).contains("alerts");
        for (JsonNode rule : rules()) {
            if (!rule.has("alert")) {
                continue;
            }
            String alert = rule.path("alert").asText();
            String url = rule.path("annotations").path("runbook_url").asText();
            int hash = url.indexOf('#');
            assertThat(hash).as("runbook_url of %s has an anchor", alert).isPositive();
            assertThat(url.substring(0, hash)).as("runbook_url of %s", alert).endsWith("docs/runbook.md");
            String anchor = url.substring(hash + 1);
            assertThat(anchors).as("headings of docs/runbook.md, for %s", alert).contains(anchor);
            assertThat(anchor).as("anchor of %s", alert).isEqualTo(githubAnchor(alert));
        }
    }

    // ------------------------------------------------------------------------------------------ the helpers

    @Test
    void the_metric_extractor_finds_the_series_names_and_nothing_else() {
        assertThat(metricNames("sum by (job, le) (rate(foo_seconds_bucket{a=\"x{y}\", b=~\"$job\"}[$__rate_interval]))"
                + " / on (job) group_left bar:recorded:rate5m > bool 0.5 and ignoring(instance) baz offset 5m"
                + " or histogram_quantile(0.99, sum without (pod) (irate(qux_total[1m:10s]))) * 1e3 unless Inf"))
                .containsExactlyInAnyOrder("foo_seconds_bucket", "bar:recorded:rate5m", "baz", "qux_total");
        assertThat(metricNames("max by (queue) (events_queue_depth{queue!~\".*\\\\.dlq\"}) > 1000\n or up == 0"))
                .containsExactlyInAnyOrder("events_queue_depth", "up");
        assertThat(metricNames("sum(rate(locks_attemps_total[5m]))").stream().filter(n -> !EXPOSED.contains(n)))
                .as("a misspelt metric is caught").containsExactly("locks_attemps_total");
    }

    @Test
    void github_anchors_follow_githubs_rules() {
        assertThat(githubAnchor("LockConflictRateHigh")).isEqualTo("lockconflictratehigh");
        assertThat(githubAnchor("Metrics and what to do")).isEqualTo("metrics-and-what-to-do");
        assertThat(githubAnchor("Backup and restore of PostgreSQL")).isEqualTo("backup-and-restore-of-postgresql");
        assertThat(githubAnchor("The `worker` (v2): 1.0!")).isEqualTo("the-worker-v2-10");
        assertThat(githubAnchors("# A\n```sh\n# not a heading\n```\n## A\n### b_c\n"))
                .containsExactlyInAnyOrder("a", "a-1", "b_c");
    }

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan", "atan2");

    /** The series names that a PromQL expression reads (Grafana's $variables allowed). */
    static Set<String> metricNames(String promql) {
        String rest = STRINGS.matcher(promql).replaceAll("\"\"");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGES.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String name = identifier.group(1);
            boolean function = identifier.group(2) != null;
            if (!function && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    /** GitHub's heading anchor: lowercase, punctuation dropped, spaces to '-'. */
    static String githubAnchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
                .replace(' ', '-');
    }

    /** The anchors of a Markdown document's headings, outside fenced code, with GitHub's -1, -2 for repeats. */
    static Set<String> githubAnchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```") || line.startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$").matcher(line);
            if (!fenced && heading.matches()) {
                String anchor = githubAnchor(heading.group(1));
                int count = seen.merge(anchor, 1, Integer::sum);
                anchors.add(count == 1 ? anchor : anchor + "-" + (count - 1));
            }
        }
        return anchors;
    }

    private static List<JsonNode> rules() {
        return list(rules.path("groups")).stream().flatMap(group -> list(group.path("rules")).stream())
                .collect(Collectors.toList());
    }

    /** Every panel, those inside collapsed rows included. */
    private static List<JsonNode> allPanels() {
        return list(dashboard.path("panels")).stream()
                .flatMap(panel -> Stream.concat(Stream.of(panel), list(panel.path("panels")).stream()))
                .collect(Collectors.toList());
    }

    private static List<JsonNode> queryPanels() {
        return allPanels().stream().filter(panel -> !isRow(panel)).collect(Collectors.toList());
    }

    private static boolean isRow(JsonNode panel) {
        return "row".equals(panel.path("type").asText());
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }

    private static String title(JsonNode panel) {
        return "panel " + panel.path("id") + " '" + panel.path("title").asText() + "'";
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }
}
