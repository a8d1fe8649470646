package dev.scheduling.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the current span's {@code trace_id} and {@code span_id} in the MDC of every log call, on the
 * calling thread, so that each JSON log line names the trace it belongs to (and none when there is no
 * span). A turbo filter runs before the event is made, which is what lets it decorate every line; it
 * never filters anything out. It is also asked about every call that will not log (Jetty asks
 * {@code isDebugEnabled()} several times per request): those it leaves at once, at the cost of one level
 * comparison, rather than touching the MDC.
 */
public final class TraceContextInLogs extends TurboFilter {
    static final String TRACE_ID = "trace_id";
    static final String SPAN_ID = "span_id";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable failure) {
        if (!level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            MDC.put(TRACE_ID, span.getTraceId());
            MDC.put(SPAN_ID, span.getSpanId());
        } else {
            MDC.remove(TRACE_ID);
            MDC.remove(SPAN_ID);
        }
        return FilterReply.NEUTRAL;
    }
}
