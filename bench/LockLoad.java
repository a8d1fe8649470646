import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A load generator in its own process: N clients, each sending POST /slots/lock on a random slot of a
 * service whose capacity is never reached (low contention), one request at a time, for a fixed time.
 * Prints one line: clients, requests, errors, locks/s, p50, p99, p99.9 (ms).
 *
 * Usage: java bench/LockLoad.java BASE_URL UNIT_ID SERVICE_ID CLIENTS SECONDS
 */
public class LockLoad {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        String unit = args[1];
        String service = args[2];
        int clients = Integer.parseInt(args[3]);
        Duration length = Duration.ofSeconds(Long.parseLong(args[4]));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        LocalDate first = LocalDate.now().plusDays(1);

        ExecutorService threads = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + length.toNanos();
        List<Future<long[]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            results.add(threads.submit(() -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                long errors = 0;
                while (System.nanoTime() < deadline) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int slot = random.nextInt(47); // 00:00 to 23:00: the last slot that fits before 23:59
                    String body = "{\"unitId\":\"" + unit + "\",\"serviceId\":\"" + service + "\",\"date\":\""
                            + first.plusDays(random.nextInt(60)) + "\",\"startTime\":\""
                            + String.format("%02d:%02d", slot / 2, slot % 2 * 30) + "\"}";
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/slots/lock"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long start = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - start;
                    if (response.statusCode() != 201) {
                        errors++;
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = took;
                }
                long[] result = Arrays.copyOf(latencies, count + 1);
                result[count] = errors;
                return result;
            }));
        }
        List<Long> all = new ArrayList<>();
        long errors = 0;
        for (Future<long[]> result : results) {
            long[] values = result.get();
            for (int i = 0; i < values.length - 1; i++) {
                all.add(values[i]);
            }
            errors += values[values.length - 1];
        }
        threads.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        double seconds = length.toNanos() / 1e9;
        System.out.printf("%d %d %d %.0f %.2f %.2f %.2f%n", clients, sorted.length, errors, sorted.length / seconds,
                percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 0.999));
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
