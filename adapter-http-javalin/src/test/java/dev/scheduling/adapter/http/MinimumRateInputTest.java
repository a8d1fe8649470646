package dev.scheduling.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/** A body read by a handler: cut when it trickles, never when the handler itself was slow to read it. */
class MinimumRateInputTest {
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final long RATE = 1024;

    private long now = 5_000_000_000L;

    @Test
    void a_small_body_already_arrived_is_read_whole_however_long_the_reader_pauses_between_reads() throws IOException {
        // Jetty's own check refused this: 100 bytes, then the end read 0.5 s later (a collection pause).
        InputStream body = input(new Step(100, 0), new Step(-1, 500));

        assertThat(body.readNBytes(1_000)).hasSize(100);
    }

    @Test
    void a_body_trickling_slower_than_the_rate_is_cut_once_the_grace_has_passed() {
        // One byte every 100 ms: within the grace for ten bytes, then far below 1 KiB/s.
        Step[] trickle = new Step[30];
        Arrays.fill(trickle, new Step(1, 100));
        InputStream body = input(trickle);

        assertThatThrownBy(() -> body.readNBytes(1_000)).isInstanceOfSatisfying(HttpProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(408);
            assertThat(problem.code()).isEqualTo("request_timeout");
        });
        assertThat(now).as("cut at the first read past the grace").isEqualTo(5_000_000_000L + 1_100_000_000L);
    }

    @Test
    void a_body_arriving_at_the_rate_is_read_whole_however_long_it_takes() throws IOException {
        // 512 bytes every half second for 5 s: exactly 1 KiB/s.
        Step[] steady = new Step[11];
        Arrays.fill(steady, new Step(512, 500));
        steady[10] = new Step(-1, 0);

        assertThat(input(steady).readNBytes(100_000)).hasSize(10 * 512);
    }

    @Test
    void single_byte_reads_are_counted_too() {
        Step[] trickle = new Step[30];
        Arrays.fill(trickle, new Step(1, 100));
        InputStream body = input(trickle);

        assertThatThrownBy(() -> {
            while (body.read() != -1) {
                // read on, byte by byte
            }
        }).isInstanceOf(HttpProblem.class);
    }

    /** Each read waits {@code millis} on the clock, then returns {@code bytes} bytes (-1: the end). */
    private record Step(int bytes, long millis) {
    }

    private InputStream input(Step... steps) {
        Deque<Step> script = new ArrayDeque<>(Arrays.asList(steps));
        InputStream scripted = new InputStream() {
            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0];
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                Step step = script.isEmpty() ? new Step(-1, 0) : script.poll();
                now += Duration.ofMillis(step.millis()).toNanos();
                if (step.bytes() == -1) {
                    return -1;
                }
                int read = Math.min(step.bytes(), length);
                Arrays.fill(buffer, offset, offset + read, (byte) 'x');
                return read;
            }
        };
        return new MinimumRateInput(scripted, RATE, GRACE, () -> now);
    }
}
