package dev.scheduling.adapter.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A request body read on a handler's thread, cut with a 408 when it arrives slower than a minimum
 * average rate once a grace period has passed since the handler began to read: a client trickling its
 * body cannot hold the thread for long (ADR 0004, "Limits of a request").
 *
 * <p>Why not Jetty's own minimum request data rate: its ee10 servlet input checks the rate on every read
 * call, from the first byte read, without a grace period. A body already read ahead in full is then
 * refused when the handler's thread pauses for longer than {@code size / rate} between two reads (a
 * 100-byte body: 0.1 s of a collection pause or of a busy core between the read of the bytes and the
 * read of the end), which the load tests met: about 1 lock in 15,000 answered 408 at 64 connections.
 */
final class MinimumRateInput extends FilterInputStream {
    private final long minBytesPerSecond;
    private final long graceNanos;
    private final LongSupplier nanoClock;
    private final long startedAt;
    private long bytesRead;

    MinimumRateInput(InputStream in, long minBytesPerSecond, Duration grace, LongSupplier nanoClock) {
        super(in);
        this.minBytesPerSecond = minBytesPerSecond;
        this.graceNanos = grace.toNanos();
        this.nanoClock = nanoClock;
        this.startedAt = nanoClock.getAsLong();
    }

    @Override
    public int read() throws IOException {
        int next = super.read();
        counted(next == -1 ? -1 : 1);
        return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return counted(super.read(buffer, offset, length));
    }

    private int counted(int read) {
        if (read > 0) {
            bytesRead += read;
        }
        long elapsed = nanoClock.getAsLong() - startedAt;
        if (read != -1 && elapsed > graceNanos && bytesRead < minBytesPerSecond * elapsed / 1_000_000_000L) {
            throw new HttpProblem(408, "request_timeout", "the body arrived too slowly");
        }
        return read;
    }
}
