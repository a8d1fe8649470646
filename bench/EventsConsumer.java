import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A consumer of the service's events in its own process: an exclusive, auto-deleted queue bound to the
 * exchange {@code scheduling.events} with {@code #}, consumed for at most a given time, or until no event
 * has come for IDLE_SECONDS once one has. For every event it takes the time from the envelope's
 * {@code occurredAt} (the command's instant, to the millisecond) to its receipt here.
 *
 * <p>Prints "consuming from QUEUE" on stderr once the queue is bound (the script waits for it), then at
 * the end one line on stdout: events, duplicates (same eventId again), events ignored (not of
 * SERVICE_ID, when given), window in seconds (first receipt to last), events/s over that window, and the
 * latency p50, p99 and max in ms.
 *
 * <p>Usage: java -cp amqp-client.jar:slf4j-api.jar bench/EventsConsumer.java AMQP_URI SECONDS
 * [IDLE_SECONDS [SERVICE_ID]]
 */
public class EventsConsumer {
    private static final String EXCHANGE = "scheduling.events";
    private static final Pattern OCCURRED_AT = Pattern.compile("\"occurredAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SERVICE_ID = Pattern.compile("\"serviceId\"\\s*:\\s*\"([^\"]+)\"");

    // Written by the consumer thread, read by the main one: both hold the class's lock.
    private static long[] latenciesMicros = new long[1 << 16];
    private static int count;
    private static int duplicates;
    private static int ignored;
    private static long firstNanos;
    private static long lastNanos;
    private static long lastAnyNanos;
    private static boolean any;
    private static final Set<String> seen = new HashSet<>();

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        long seconds = Long.parseLong(args[1]);
        long idleSeconds = args.length > 2 ? Long.parseLong(args[2]) : 3;
        String serviceId = args.length > 3 ? args[3] : null;

        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection connection = factory.newConnection("events-benchmark-consumer")) {
            Channel channel = connection.createChannel();
            // The service declares the exchange at start; the same declaration again is a no-op.
            channel.exchangeDeclare(EXCHANGE, BuiltinExchangeType.TOPIC, true);
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, EXCHANGE, "#");
            // Automatic acknowledgement: the queue is the benchmark's own and dies with the connection.
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) {
                    long nanos = System.nanoTime();
                    Instant received = Instant.now();
                    record(new String(body, StandardCharsets.UTF_8), received, nanos, serviceId);
                }
            });
            System.err.println("consuming from " + queue);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline && !idle(TimeUnit.SECONDS.toNanos(idleSeconds))) {
                Thread.sleep(50);
            }
            channel.close();
        }
        report();
    }

    /** True once an event has come and none since {@code nanos}. */
    private static synchronized boolean idle(long nanos) {
        return any && System.nanoTime() - lastAnyNanos > nanos;
    }

    private static synchronized void report() {
        long[] sorted = Arrays.copyOf(latenciesMicros, count);
        Arrays.sort(sorted);
        double window = count > 1 ? (lastNanos - firstNanos) / 1e9 : 0;
        double rate = window > 0 ? (count - 1) / window : 0;
        System.out.printf("%d %d %d %.1f %.0f %.1f %.1f %.1f%n", count, duplicates, ignored, window, rate,
                percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e3);
    }

    private static synchronized void record(String json, Instant received, long nanos, String serviceId) {
        any = true;
        lastAnyNanos = nanos;
        if (serviceId != null && !serviceId.equals(field(SERVICE_ID, json))) {
            ignored++;
            return;
        }
        if (!seen.add(field(EVENT_ID, json))) {
            duplicates++;
            return;
        }
        Instant occurred = Instant.parse(field(OCCURRED_AT, json));
        long micros = (received.getEpochSecond() - occurred.getEpochSecond()) * 1_000_000
                + (received.getNano() - occurred.getNano()) / 1_000;
        if (count == latenciesMicros.length) {
            latenciesMicros = Arrays.copyOf(latenciesMicros, count * 2);
        }
        latenciesMicros[count++] = micros;
        if (count == 1) {
            firstNanos = nanos;
        }
        lastNanos = nanos;
    }

    private static String field(Pattern pattern, String json) {
        Matcher matcher = pattern.matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e3;
    }
}
