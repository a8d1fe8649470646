package dev.scheduling.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.scheduling.adapter.inmemory.InMemoryAdapters;
import dev.scheduling.application.ClientPorts;
import dev.scheduling.application.Scheduling;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.SchedulingSettings;
import dev.scheduling.application.port.in.CreateServiceUseCase;
import dev.scheduling.application.port.in.CreateUnitUseCase;
import dev.scheduling.application.port.in.GetAvailabilityUseCase;
import dev.scheduling.application.port.in.GetAvailabilityUseCase.SlotAvailability;
import dev.scheduling.application.port.in.LockSlotUseCase;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.application.port.in.VerifyLoginCodeUseCase;
import dev.scheduling.application.port.out.Notifier;
import dev.scheduling.domain.testing.CatalogFixtures;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.client.Recipient;
import dev.scheduling.domain.event.DomainEvent;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.lock.ReservationToken;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The core over the in-memory adapters, as an embedding application builds it, with a hand-moved clock,
 * a meter registry, a span exporter and a record of every event delivered: the fixture of the use-case
 * tests. Helpers create catalog data through the use cases, never behind their back.
 *
 * <p>The clock starts on Monday 2026-12-07 at 10:00 UTC, which is 07:00 in São Paulo (UTC-3, no
 * daylight saving), where units live unless a test says otherwise.
 */
final class EmbeddedCore {
    static final String START = "2026-12-07T10:00:00Z";
    static final LocalDate TODAY = LocalDate.parse("2026-12-07");
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private static final Pattern SIX_DIGITS = Pattern.compile("\\b\\d{6}\\b");

    final MutableClock clock;
    final InMemoryAdapters adapters;
    final SchedulingPorts ports;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final Scheduling scheduling;
    /** Every event delivered to a {@code #} subscriber, in delivery order. */
    final List<EventEnvelope> events = new CopyOnWriteArrayList<>();

    private EmbeddedCore(SchedulingSettings settings, UnaryOperator<SchedulingPorts> decorate,
                         UnaryOperator<ClientPorts> decorateClientPorts) {
        clock = MutableClock.at(START);
        adapters = new InMemoryAdapters(clock);
        ports = decorate.apply(adapters.ports());
        SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
        scheduling = new Scheduling(ports, decorateClientPorts.apply(adapters.clientPorts()), settings, meters,
                OpenTelemetrySdk.builder().setTracerProvider(tracing).build());
        adapters.eventBus().subscribe("#", events::add);
    }

    static EmbeddedCore start() {
        return new EmbeddedCore(SchedulingSettings.defaults(), UnaryOperator.identity(), UnaryOperator.identity());
    }

    static EmbeddedCore withLockTtl(Duration ttl) {
        return new EmbeddedCore(new SchedulingSettings(ttl, SchedulingSettings.DEFAULT_LOGIN), UnaryOperator.identity(),
                UnaryOperator.identity());
    }

    /** The core over ports that a test wraps, e.g. to block or fail one of them. */
    static EmbeddedCore withPorts(UnaryOperator<SchedulingPorts> decorate) {
        return new EmbeddedCore(SchedulingSettings.defaults(), decorate, UnaryOperator.identity());
    }

    /** The core with the client's ports (codes, tokens, notifier) wrapped, e.g. to count code comparisons. */
    static EmbeddedCore withClientPorts(UnaryOperator<ClientPorts> decorate) {
        return new EmbeddedCore(SchedulingSettings.defaults(), UnaryOperator.identity(), decorate);
    }

    // --- client login ----------------------------------------------------------------------------

    /** The code of the latest login notice the dev sender "sent" to the recipient. */
    String lastCodeSentTo(Recipient recipient) {
        List<Notifier.Notification> notices = adapters.devNotifier().sent(Optional.of(recipient.address())).stream()
                .filter(notice -> notice.template().equals("login_code"))
                .toList();
        assertThat(notices).as("login codes sent to %s", recipient).isNotEmpty();
        Matcher code = SIX_DIGITS.matcher(notices.get(notices.size() - 1).body());
        assertThat(code.find()).as("a 6-digit code in the notice").isTrue();
        return code.group();
    }

    /** Asks for a code, reads it from the dev mailbox and verifies it: a logged-in client. */
    VerifyLoginCodeUseCase.LoggedIn logIn(Recipient recipient) {
        scheduling.requestLoginCode().requestCode(recipient);
        return scheduling.verifyLoginCode().verifyCode(recipient, lastCodeSentTo(recipient));
    }

    /** A new client, logged in by a fresh e-mail address; its id. */
    ClientId newClient() {
        return logIn(Recipient.email("client-" + java.util.UUID.randomUUID() + "@example.com")).clientId();
    }

    // --- catalog ---------------------------------------------------------------------------------

    /** A unit in São Paulo open every day in the given intervals, e.g. {@code "09:00-12:00"}. */
    Unit unitOpen(String... intervals) {
        return scheduling.createUnit().createUnit(new CreateUnitUseCase.Command("Centro", SAO_PAULO,
                CatalogFixtures.everyDay(intervals), null));
    }

    Unit unitOpenExceptOn(List<LocalDate> closedDates, String... intervals) {
        return scheduling.createUnit().createUnit(new CreateUnitUseCase.Command("Centro", SAO_PAULO,
                CatalogFixtures.everyDay(intervals), java.util.Set.copyOf(closedDates)));
    }

    ServiceSpec service(Unit unit) {
        return new ServiceSpec(unit);
    }

    /** A service being described; {@link #create()} creates it through the use case. */
    final class ServiceSpec {
        private final Unit unit;
        private int duration = 30;
        private int capacity = 1;
        private OptionalInt interval = OptionalInt.empty();
        private OptionalInt minNotice = OptionalInt.empty();
        private OptionalInt window = OptionalInt.empty();

        private ServiceSpec(Unit unit) {
            this.unit = unit;
        }

        ServiceSpec lasting(int minutes) {
            duration = minutes;
            return this;
        }

        ServiceSpec every(int minutes) {
            interval = OptionalInt.of(minutes);
            return this;
        }

        ServiceSpec capacity(int value) {
            capacity = value;
            return this;
        }

        ServiceSpec minNotice(int minutes) {
            minNotice = OptionalInt.of(minutes);
            return this;
        }

        ServiceSpec bookingWindow(int days) {
            window = OptionalInt.of(days);
            return this;
        }

        BookableService create() {
            return scheduling.createService().createService(new CreateServiceUseCase.Command(unit.id(), "Consulta",
                    duration, capacity, interval, minNotice, window));
        }
    }

    // --- availability and locks ------------------------------------------------------------------

    List<SlotAvailability> availability(Unit unit, BookableService service, LocalDate date) {
        return availability(unit, service, date, date);
    }

    List<SlotAvailability> availability(Unit unit, BookableService service, LocalDate from, LocalDate to) {
        return scheduling.availability().availability(
                new GetAvailabilityUseCase.Query(unit.id(), service.id(), from, to)).slots();
    }

    /** The slot of today that starts at that local time, as availability lists it; empty when not offered. */
    Optional<SlotAvailability> slotToday(Unit unit, BookableService service, String startTime) {
        return availability(unit, service, TODAY).stream()
                .filter(slot -> slot.slot().startTime().equals(LocalTime.parse(startTime)))
                .findFirst();
    }

    LockView lockToday(Unit unit, BookableService service, String startTime) {
        return lock(unit, service, TODAY, startTime, 1);
    }

    LockView lock(Unit unit, BookableService service, LocalDate date, String startTime, int quantity) {
        return scheduling.lockSlot().lock(new LockSlotUseCase.Command(unit.id(), service.id(), date,
                LocalTime.parse(startTime), quantity));
    }

    LockView release(LockView lock) {
        return release(lock.lock().token());
    }

    LockView release(ReservationToken token) {
        return scheduling.releaseSlot().release(token);
    }

    LockView lookUp(LockView lock) {
        return scheduling.getLock().lock(lock.lock().token());
    }

    // --- observations ----------------------------------------------------------------------------

    /** The refusal the call ended with; fails when it succeeded or failed otherwise. */
    static Refusal refusalOf(Runnable call) {
        RefusedException refused = catchThrowableOfType(RefusedException.class, call::run);
        assertThat(refused).as("the call was refused").isNotNull();
        return refused.refusal();
    }

    <T extends DomainEvent> List<T> events(Class<T> type) {
        return events.stream().map(EventEnvelope::event).filter(type::isInstance).map(type::cast).toList();
    }

    List<String> eventTypes() {
        return events.stream().map(EventEnvelope::type).toList();
    }

    /** A counter's total over all its tags (unit and service for the lock counters). */
    double counter(String name) {
        return meters.get(name).counters().stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    List<SpanData> spansNamed(String name) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
    }
}
