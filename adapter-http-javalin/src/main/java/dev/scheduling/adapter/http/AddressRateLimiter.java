package dev.scheduling.adapter.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address, in the memory of this instance. An IPv6 address counts by its /64
 * network (what one subscriber usually gets), so that an attacker cannot spread over the addresses of
 * its own network. The map holds at most {@code maxAddresses} buckets: the least recently seen address is
 * forgotten first, and one quiet for {@code burst / perSecond} seconds has a full bucket anyway, so
 * forgetting it changes nothing.
 */
final class AddressRateLimiter {
    /** About 10 MB of buckets at most. */
    static final int DEFAULT_MAX_ADDRESSES = 100_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LoginRateLimit limit;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets;

    AddressRateLimiter(LoginRateLimit limit, LongSupplier nanoTime, int maxAddresses) {
        if (maxAddresses < 1) {
            throw new IllegalArgumentException("room for at least one address");
        }
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.buckets = new LinkedHashMap<>(1_024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    AddressRateLimiter(LoginRateLimit limit) {
        this(limit, System::nanoTime, DEFAULT_MAX_ADDRESSES);
    }

    /**
     * Takes one request from the address's bucket: empty when it may go on, or how long until the bucket
     * holds a request again.
     */
    Optional<Duration> acquire(String address) {
        String key = keyOf(address);
        long now = nanoTime.getAsLong();
        synchronized (buckets) {
            Bucket bucket = buckets.computeIfAbsent(key, absent -> new Bucket(limit.burst(), now));
            bucket.refill(now, limit);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Optional.empty();
            }
            double missing = 1 - bucket.tokens;
            return Optional.of(Duration.ofNanos((long) Math.ceil(missing * NANOS_PER_SECOND / limit.perSecond())));
        }
    }

    /** How many addresses are remembered; for tests. */
    int size() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    /** An IPv4 address as it is; an IPv6 address as its /64 network; anything else as it is. */
    static String keyOf(String address) {
        Optional<String> literal = TrustedProxies.literal(address);
        if (literal.isEmpty() || literal.get().indexOf(':') < 0) {
            return literal.orElse(address);
        }
        String[] groups = literal.get().split("%")[0].split(":");
        return groups[0] + ":" + groups[1] + ":" + groups[2] + ":" + groups[3] + "::/64";
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }

        void refill(long now, LoginRateLimit limit) {
            long elapsed = now - refilledAt;
            if (elapsed > 0) {
                tokens = Math.min(limit.burst(), tokens + (double) elapsed * limit.perSecond() / NANOS_PER_SECOND);
                refilledAt = now;
            }
        }
    }
}
