import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pgbench script's transactions run through pgjdbc, the service's driver, in a JVM, with nothing of the
 * service around them (no HTTP, no JDBI, no pool): what the JVM and its driver alone make of the same
 * statements. Beside pgbench (C, libpq) it tells the driver's share of the service's gap to pgbench from
 * the service's own (docs/performance.md).
 *
 * <pre>
 * java -cp scheduling-service.jar:bench/target/classes JdbcScript URL SCRIPT SECONDS CLIENTS[,CLIENTS...] [warmup=SECONDS]
 * </pre>
 *
 * Each client is a thread with a connection of its own, running the script in a loop as pgbench does,
 * its statements prepared once per connection (pgjdbc makes them server-side prepared statements from
 * their fifth use, as {@code pgbench -M prepared} does from the first). The script is read as pgbench
 * reads it, as far as the bench's scripts need: {@code --} comments; {@code \set NAME random(LOW, HIGH)};
 * statements ending in {@code ;}, or in {@code \gset}, which keeps the columns of the one row returned
 * as variables; {@code :NAME} for a variable (sent as a parameter of unspecified type, as pgbench does);
 * {@code BEGIN}, {@code COMMIT} and {@code ROLLBACK}. Unlike pgbench, and like the service, a
 * transaction's {@code BEGIN} costs no round trip of its own: pgjdbc sends it with the first statement.
 * The warm-up (default 5 s) runs at max(8, the first client count) connections, for the JIT, and is not
 * counted. Prints one line per client count: clients, runs of the whole script, runs per second.
 */
public class JdbcScript {
    private static final Pattern SET = Pattern.compile("\\\\set\\s+(\\w+)\\s+random\\(\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*\\)");
    private static final Pattern VARIABLE = Pattern.compile("(?<!:):([A-Za-z_]\\w*)");

    private sealed interface Step permits SetRandom, Sql, Begin, Commit, Rollback {
    }

    private record SetRandom(String name, long low, long high) implements Step {
    }

    /** A statement with its variables replaced by parameters, in order; {@code gset} keeps its row. */
    private record Sql(String text, List<String> parameters, boolean gset) implements Step {
    }

    private record Begin() implements Step {
    }

    private record Commit() implements Step {
    }

    private record Rollback() implements Step {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        List<Step> script = parse(Files.readString(Path.of(args[1])));
        long seconds = Long.parseLong(args[2]);
        int[] clientCounts = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        long warmup = args.length > 4 && args[4].startsWith("warmup=") ? Long.parseLong(args[4].substring(7)) : 5;
        if (warmup > 0) {
            run(url, script, Math.max(8, clientCounts[0]), warmup);
        }
        for (int clients : clientCounts) {
            long runs = run(url, script, clients, seconds);
            System.out.printf(Locale.ROOT, "%d %d %.1f%n", clients, runs, runs / (double) seconds);
        }
    }

    static List<Step> parse(String text) {
        List<Step> steps = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            Matcher set = SET.matcher(trimmed);
            if (set.matches()) {
                steps.add(new SetRandom(set.group(1), Long.parseLong(set.group(2)), Long.parseLong(set.group(3))));
                continue;
            }
            if (trimmed.startsWith("\\")) {
                throw new IllegalArgumentException("not supported: " + trimmed);
            }
            statement.append(line).append('\n');
            boolean gset = trimmed.endsWith("\\gset");
            if (!gset && !trimmed.endsWith(";")) {
                continue;
            }
            String sql = statement.toString().strip();
            statement.setLength(0);
            sql = gset ? sql.substring(0, sql.length() - "\\gset".length()).strip() : sql;
            sql = sql.endsWith(";") ? sql.substring(0, sql.length() - 1).strip() : sql;
            switch (sql.toUpperCase(Locale.ROOT)) {
                case "BEGIN" -> steps.add(new Begin());
                case "COMMIT" -> steps.add(new Commit());
                case "ROLLBACK" -> steps.add(new Rollback());
                default -> {
                    List<String> parameters = new ArrayList<>();
                    Matcher variable = VARIABLE.matcher(sql);
                    StringBuilder withParameters = new StringBuilder();
                    while (variable.find()) {
                        parameters.add(variable.group(1));
                        variable.appendReplacement(withParameters, "?");
                    }
                    variable.appendTail(withParameters);
                    steps.add(new Sql(withParameters.toString(), parameters, gset));
                }
            }
        }
        if (!statement.toString().isBlank()) {
            throw new IllegalArgumentException("a statement without its ';': " + statement);
        }
        return steps;
    }

    /** Runs the script on {@code clients} connections for {@code seconds}; returns the runs completed. */
    private static long run(String url, List<Step> script, int clients, long seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                counts.add(threads.submit(() -> client(url, script, stop)));
            }
            Thread.sleep(seconds * 1000);
            stop.set(true);
            long runs = 0;
            for (Future<Long> count : counts) {
                runs += count.get();
            }
            return runs;
        } finally {
            threads.shutdownNow();
        }
    }

    private static long client(String url, List<Step> script, AtomicBoolean stop) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            Map<Sql, PreparedStatement> prepared = new HashMap<>();
            for (Step step : script) {
                if (step instanceof Sql sql) {
                    prepared.put(sql, connection.prepareStatement(sql.text()));
                }
            }
            Map<String, String> variables = new HashMap<>();
            long runs = 0;
            while (!stop.get()) {
                for (Step step : script) {
                    if (step instanceof SetRandom set) {
                        variables.put(set.name(),
                                Long.toString(ThreadLocalRandom.current().nextLong(set.low(), set.high() + 1)));
                    } else if (step instanceof Commit) {
                        connection.commit();
                    } else if (step instanceof Rollback) {
                        connection.rollback();
                    } else if (step instanceof Sql sql) {
                        execute(prepared.get(sql), sql, variables);
                    }
                }
                runs++;
            }
            return runs;
        }
    }

    private static void execute(PreparedStatement statement, Sql sql, Map<String, String> variables)
            throws SQLException {
        for (int i = 0; i < sql.parameters().size(); i++) {
            String value = variables.get(sql.parameters().get(i));
            if (value == null) {
                throw new IllegalStateException("variable :" + sql.parameters().get(i) + " is not set");
            }
            statement.setObject(i + 1, value, Types.OTHER);
        }
        if (!statement.execute()) {
            return;
        }
        try (ResultSet rows = statement.getResultSet()) {
            if (!sql.gset()) {
                return; // pgjdbc has read every row already
            }
            if (!rows.next()) {
                throw new IllegalStateException("\\gset got no row: " + sql.text());
            }
            ResultSetMetaData columns = rows.getMetaData();
            for (int c = 1; c <= columns.getColumnCount(); c++) {
                variables.put(columns.getColumnLabel(c), rows.getString(c));
            }
        }
    }
}
