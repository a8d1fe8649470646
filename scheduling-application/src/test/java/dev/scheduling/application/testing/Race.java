package dev.scheduling.application.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Runs contenders on their own threads, released at the same instant by a start gate, and collects
 * what each one got: a value or the exception it threw. For tests of exactness under concurrency.
 */
public final class Race {
    /** Generous: a contender that takes this long is stuck, and the test should say so rather than hang. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Race() {
    }

    /** What one contender got: a value, or the exception it threw. */
    public record Outcome<T>(T value, Throwable failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    /** The outcomes of {@code contenders} threads, each running {@code contender.apply(itsIndex)}, in index order. */
    public static <T> List<Outcome<T>> run(int contenders, IntFunction<T> contender) {
        ExecutorService threads = Executors.newFixedThreadPool(contenders);
        CountDownLatch ready = new CountDownLatch(contenders);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Outcome<T>>> futures = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    start.await();
                    try {
                        return new Outcome<>(contender.apply(index), null);
                    } catch (RuntimeException | Error failure) {
                        return new Outcome<T>(null, failure);
                    }
                }));
            }
            if (!ready.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the contenders did not all start");
            }
            start.countDown();
            List<Outcome<T>> outcomes = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            for (Future<Outcome<T>> future : futures) {
                outcomes.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return outcomes;
        } catch (TimeoutException timeout) {
            throw new AssertionError("a contender was still running after " + TIMEOUT + ": deadlock?", timeout);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        } catch (java.util.concurrent.ExecutionException unexpected) {
            throw new AssertionError(unexpected.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    /** How many outcomes satisfy the predicate. */
    public static <T> long count(List<Outcome<T>> outcomes, Predicate<Outcome<T>> predicate) {
        return outcomes.stream().filter(predicate).count();
    }
}
