package dev.scheduling.embedded;

import static dev.scheduling.embedded.EmbeddedCore.TODAY;
import static dev.scheduling.embedded.EmbeddedCore.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.port.in.LockView;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counters of the contract and the spans named {@code AvailabilityService.<operation>}. */
class LockObservabilityTest {
    private static final AttributeKey<String> TOKEN = AttributeKey.stringKey("reservationToken");
    private static final AttributeKey<String> UNIT = AttributeKey.stringKey("unitId");
    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("serviceId");
    private static final AttributeKey<String> REFUSAL = AttributeKey.stringKey("refusal");

    private final EmbeddedCore core = EmbeddedCore.start();
    private final Unit unit = core.unitOpen("09:00-12:00");
    private final BookableService service = core.service(unit).lasting(30).capacity(1).create();

    @Test
    void theLockCountersExistAtZeroBeforeTheFirstLock() {
        assertThat(core.counter("locks.attempts")).isZero();
        assertThat(core.counter("locks.success")).isZero();
        assertThat(core.counter("locks.conflicts")).isZero();
        assertThat(core.counter("locks.expired")).isZero();
    }

    @Test
    void theCountersCountAttemptsSuccessesConflictsAndExpiries() {
        core.lockToday(unit, service, "09:00");
        refusalOf(() -> core.lockToday(unit, service, "09:00"));
        refusalOf(() -> core.lockToday(unit, service, "09:15"));
        core.lockToday(unit, service, "10:00");
        core.clock.advance(Duration.ofMinutes(5));
        core.scheduling.expireDueLocks().expireDueLocks();

        assertThat(core.counter("locks.attempts")).isEqualTo(4);
        assertThat(core.counter("locks.success")).isEqualTo(2);
        assertThat(core.counter("locks.conflicts")).as("slot full only, not a refused time").isEqualTo(1);
        assertThat(core.counter("locks.expired")).isEqualTo(2);
    }

    @Test
    void theCountersAreTaggedByUnitAndServiceAndRequestsForUnknownOnesCountAsUnknown() {
        BookableService other = core.service(unit).lasting(30).capacity(1).create();
        core.lockToday(unit, service, "09:00");
        refusalOf(() -> core.lockToday(unit, service, "09:00"));
        core.lockToday(unit, other, "09:00");
        refusalOf(() -> core.scheduling.lockSlot().lock(new dev.scheduling.application.port.in.LockSlotUseCase.Command(
                unit.id(), new dev.scheduling.domain.catalog.ServiceId("no-such-service"), TODAY,
                java.time.LocalTime.parse("09:00"), 1)));

        assertThat(tagged("locks.attempts", service)).isEqualTo(2);
        assertThat(tagged("locks.success", service)).isEqualTo(1);
        assertThat(tagged("locks.conflicts", service)).isEqualTo(1);
        assertThat(tagged("locks.attempts", other)).isEqualTo(1);
        assertThat(tagged("locks.conflicts", other)).isZero();
        assertThat(core.meters.get("locks.attempts").tags("unit", "unknown", "service", "unknown").counter().count())
                .isEqualTo(1);
        assertThat(core.counter("locks.attempts")).isEqualTo(4);
    }

    private double tagged(String name, BookableService of) {
        var counter = core.meters.find(name).tags("unit", unit.id().value(), "service", of.id().value()).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void lockAndAvailabilityLatenciesAreTimedWithHistogramBuckets() {
        core.lockToday(unit, service, "09:00");
        refusalOf(() -> core.lockToday(unit, service, "09:00"));
        core.slotToday(unit, service, "10:00");

        var lockLatency = core.meters.get("locks.latency").timer();
        var availabilityLatency = core.meters.get("availability.latency").timer();
        assertThat(lockLatency.count()).as("refusals are timed too").isEqualTo(2);
        assertThat(availabilityLatency.count()).isEqualTo(1);
        assertThat(lockLatency.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void aReleaseIsNotAnExpiry() {
        LockView lock = core.lockToday(unit, service, "09:00");

        core.release(lock);

        assertThat(core.counter("locks.expired")).isZero();
    }

    @Test
    void lockAndReleaseSpansCarryTheReservationToken() {
        LockView lock = core.lockToday(unit, service, "09:00");
        core.release(lock);
        core.lookUp(lock);

        SpanData locked = only(core.spansNamed("AvailabilityService.lockSlot"));
        SpanData released = only(core.spansNamed("AvailabilityService.releaseSlot"));
        SpanData lookedUp = only(core.spansNamed("AvailabilityService.getLock"));

        String token = lock.lock().token().value();
        assertThat(locked.getAttributes().get(TOKEN)).isEqualTo(token);
        assertThat(locked.getAttributes().get(UNIT)).isEqualTo(unit.id().value());
        assertThat(locked.getAttributes().get(SERVICE)).isEqualTo(service.id().value());
        assertThat(locked.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(released.getAttributes().get(TOKEN)).isEqualTo(token);
        assertThat(lookedUp.getAttributes().get(TOKEN)).isEqualTo(token);
    }

    @Test
    void anAvailabilitySpanCarriesTheUnitAndService() {
        core.availability(unit, service, TODAY);

        SpanData span = only(core.spansNamed("AvailabilityService.getAvailability"));

        assertThat(span.getAttributes().get(UNIT)).isEqualTo(unit.id().value());
        assertThat(span.getAttributes().get(SERVICE)).isEqualTo(service.id().value());
        assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("dev.scheduling");
    }

    @Test
    void aRefusalIsRecordedOnTheSpanAsAnAnswerNotAnError() {
        core.lockToday(unit, service, "09:00");
        core.spans.reset();

        refusalOf(() -> core.lockToday(unit, service, "09:00"));

        SpanData span = only(core.spansNamed("AvailabilityService.lockSlot"));
        assertThat(span.getAttributes().get(REFUSAL)).isEqualTo("slot_full");
        assertThat(span.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
    }

    @Test
    void sweepingMakesASpanPerExpiredLockInsideTheSweep() {
        LockView lock = core.lockToday(unit, service, "09:00");
        core.clock.advance(Duration.ofMinutes(5));

        core.scheduling.expireDueLocks().expireDueLocks();

        SpanData sweep = only(core.spansNamed("AvailabilityService.expireDueLocks"));
        SpanData expiry = only(core.spansNamed("AvailabilityService.expireLock"));
        assertThat(expiry.getAttributes().get(TOKEN)).isEqualTo(lock.lock().token().value());
        assertThat(expiry.getParentSpanId()).isEqualTo(sweep.getSpanId());
        assertThat(expiry.getTraceId()).isEqualTo(sweep.getTraceId());
    }

    private static SpanData only(List<SpanData> spans) {
        assertThat(spans).hasSize(1);
        return spans.get(0);
    }
}
