package dev.scheduling.application.service;

import dev.scheduling.application.port.in.ExpireDueLocksUseCase;
import dev.scheduling.application.port.in.GetAvailabilityUseCase;
import dev.scheduling.application.port.in.GetLockUseCase;
import dev.scheduling.application.port.in.LockSlotUseCase;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.application.port.in.ReleaseSlotUseCase;
import dev.scheduling.application.port.out.EventPublisher;
import dev.scheduling.application.port.out.IdentifierGenerator;
import dev.scheduling.application.port.out.LockRepository;
import dev.scheduling.application.port.out.ServiceRepository;
import dev.scheduling.application.port.out.SlotCapacityStore;
import dev.scheduling.application.port.out.UnitOfWork;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.event.SlotLocked;
import dev.scheduling.domain.event.SlotReleased;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.MinuteRange;
import dev.scheduling.domain.slot.Occupancy;
import dev.scheduling.domain.slot.Slot;
import dev.scheduling.domain.slot.SlotCapacity;
import dev.scheduling.domain.slot.SlotSchedule;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Availability and slot locking. Capacity is taken and given back through the {@link SlotCapacityStore},
 * which keeps it exact; every change of a lock's status is a compare-and-set in the
 * {@link LockRepository}, so that a release, an expiry and a booking of the same lock cannot both win.
 * Spans are named {@code AvailabilityService.<operation>}.
 */
public final class AvailabilityService implements GetAvailabilityUseCase, LockSlotUseCase, ReleaseSlotUseCase,
        GetLockUseCase, ExpireDueLocksUseCase {

    /**
     * How long a lock that ended without an appointment (released or expired) is kept after its expiry:
     * its token still answers ({@code GET /slots/locks/…}, a repeated release) for as long as a retried
     * request may replay the response that named it ({@link IdempotencyService#RETENTION}); then it is
     * forgotten and answers 404 like any unknown token.
     */
    public static final Duration ENDED_LOCK_RETENTION = IdempotencyService.RETENTION;
    static final String ATTR_TOKEN = "reservationToken";
    static final String ATTR_UNIT = "unitId";
    static final String ATTR_SERVICE = "serviceId";
    private static final int SWEEP_BATCH = 500;

    private final CatalogService catalog;
    private final ServiceRepository services;
    private final LockRepository locks;
    private final SlotCapacityStore capacity;
    private final UnitOfWork unitOfWork;
    private final IdentifierGenerator ids;
    private final Bookkeeping bookkeeping;
    private final Duration lockTtl;
    private final LockMetrics metrics;
    private final Traced traced;

    public AvailabilityService(CatalogService catalog, ServiceRepository services, LockRepository locks,
                               SlotCapacityStore capacity, UnitOfWork unitOfWork, EventPublisher events,
                               IdentifierGenerator ids, Clock clock, Duration lockTtl, MeterRegistry meters,
                               Tracer tracer) {
        if (lockTtl.isNegative() || lockTtl.isZero()) {
            throw new IllegalArgumentException("the lock lifetime must be positive");
        }
        this.catalog = catalog;
        this.services = services;
        this.locks = locks;
        this.capacity = capacity;
        this.unitOfWork = unitOfWork;
        this.ids = ids;
        this.bookkeeping = new Bookkeeping(capacity, events, ids, clock);
        this.lockTtl = lockTtl;
        this.metrics = new LockMetrics(meters);
        this.traced = new Traced(tracer);
    }

    @Override
    public Availability availability(Query query) {
        return metrics.timeAvailability(() -> traced.span("AvailabilityService.getAvailability", span -> {
            span.setAttribute(ATTR_UNIT, query.unitId().value());
            span.setAttribute(ATTR_SERVICE, query.serviceId().value());
            // Its four reads in one unit of work: one connection for them all, not one each.
            return unitOfWork.execute(() -> {
                Unit unit = catalog.unit(query.unitId());
                BookableService service = catalog.serviceOf(unit, query.serviceId());
                Instant now = bookkeeping.now();
                List<Slot> offered = new SlotSchedule(unit, service).offeredSlots(query.from(), query.to(), now);
                if (offered.isEmpty()) {
                    return new Availability(unit, service, List.of());
                }
                Occupancy occupancy = currentOccupancy(service.id(), spanOf(offered), now);
                return new Availability(unit, service, offered.stream()
                        .map(slot -> new SlotAvailability(slot, occupancy.capacityOf(slot, service.capacity())))
                        .toList());
            });
        }));
    }

    @Override
    public LockView lock(LockSlotUseCase.Command command) {
        return metrics.timeLock(() -> traced.span("AvailabilityService.lockSlot", span -> {
            span.setAttribute(ATTR_UNIT, command.unitId().value());
            span.setAttribute(ATTR_SERVICE, command.serviceId().value());
            Instant now = bookkeeping.now();
            Target target;
            try {
                target = unitOfWork.execute(() -> target(command, now));
            } catch (RefusedException notFound) {
                metrics.attempted(LockMetrics.UNKNOWN, LockMetrics.UNKNOWN);
                throw notFound;
            }
            Unit unit = target.unit();
            BookableService service = target.service();
            metrics.attempted(unit.id().value(), service.id().value());
            Slot slot = target.slot().orElseThrow(() -> new RefusedException(Refusal.NOT_A_SLOT, "service "
                    + service.id() + " offers no slot on " + command.date() + " at " + command.startTime()));
            // Holds that ran out still count in the store until swept: free the ones in the way first.
            target.due().forEach(due -> expire(due, now));
            SlotLock lock = SlotLock.place(ids.newReservationToken(), unit.id(), service.id(), slot,
                    command.quantity(), now, lockTtl);
            span.setAttribute(ATTR_TOKEN, lock.token().value());
            try {
                LockView view = unitOfWork.execute(() -> {
                    SlotCapacity after = capacity
                            .take(service.id(), slot.minutes(), lock.quantity(), service.capacity())
                            .orElseThrow(() -> new RefusedException(Refusal.SLOT_FULL,
                                    "not enough free capacity in the slot " + slot.date() + " " + slot.startTime()))
                            .capacityOf(slot, service.capacity());
                    locks.add(lock);
                    bookkeeping.publish(SlotLocked.of(lock, after), now);
                    return new LockView(lock, LockStatus.LOCKED, after);
                });
                metrics.succeeded(unit.id(), service.id());
                return view;
            } catch (RefusedException refused) {
                if (refused.refusal() == Refusal.SLOT_FULL) {
                    metrics.conflicted(unit.id(), service.id());
                }
                throw refused;
            }
        }));
    }

    /**
     * What a lock request reads before it takes capacity, in one transaction (one connection): the unit
     * and service (refused when unknown), the slot if the service offers it, and the holds in its way that
     * ran out but are not swept yet.
     */
    private Target target(LockSlotUseCase.Command command, Instant now) {
        Unit unit = catalog.unit(command.unitId());
        BookableService service = catalog.serviceOf(unit, command.serviceId());
        SlotSchedule schedule = new SlotSchedule(unit, service);
        Optional<Slot> slot = schedule.slotAt(command.date(), command.startTime())
                .filter(candidate -> schedule.isOffered(candidate, now));
        List<SlotLock> due = slot.map(offered -> locks.findDueOverlapping(service.id(), offered.minutes(), now))
                .orElse(List.of());
        return new Target(unit, service, slot, due);
    }

    private record Target(Unit unit, BookableService service, Optional<Slot> slot, List<SlotLock> due) {
    }

    @Override
    public LockView release(ReservationToken token) {
        return traced.span("AvailabilityService.releaseSlot", span -> {
            span.setAttribute(ATTR_TOKEN, token.value());
            // A lost compare-and-set means another command ended the lock meanwhile: read it again,
            // and the second read finds it ended (or converted), which needs no write. Each try is one
            // unit of work: the reads and the change on one connection.
            while (true) {
                Optional<LockView> view = unitOfWork.execute(() -> {
                    SlotLock lock = find(token);
                    Instant now = bookkeeping.now();
                    SlotLock released = lock.release(now);
                    if (released.equals(lock)) {
                        return Optional.of(view(lock, now));
                    }
                    return end(lock, released, now);
                });
                if (view.isPresent()) {
                    return view.get();
                }
            }
        });
    }

    @Override
    public LockView lock(ReservationToken token) {
        return traced.span("AvailabilityService.getLock", span -> {
            span.setAttribute(ATTR_TOKEN, token.value());
            return view(find(token), bookkeeping.now());
        });
    }

    @Override
    public int expireDueLocks() {
        return traced.span("AvailabilityService.expireDueLocks", () -> {
            int expired = 0;
            List<SlotLock> due;
            do {
                Instant now = bookkeeping.now();
                due = locks.findDue(now, SWEEP_BATCH);
                for (SlotLock lock : due) {
                    if (expire(lock, now)) {
                        expired++;
                    }
                }
            } while (due.size() == SWEEP_BATCH);
            return expired;
        });
    }

    /** Forgets the locks that ended without an appointment longer than {@link #ENDED_LOCK_RETENTION} ago. */
    public int purgeEndedLocks() {
        return locks.purgeEndedBefore(bookkeeping.now().minus(ENDED_LOCK_RETENTION));
    }

    /** Expires one due lock unless another sweeper or command got to it first. */
    private boolean expire(SlotLock lock, Instant now) {
        return traced.span("AvailabilityService.expireLock", span -> {
            span.setAttribute(ATTR_TOKEN, lock.token().value());
            return end(lock, lock.expire(now), now).isPresent();
        });
    }

    /**
     * Moves a lock from {@code LOCKED} to {@code ended} (released or expired), gives its capacity back
     * and announces it, in one unit of work. Empty when another command changed the lock first.
     */
    private Optional<LockView> end(SlotLock lock, SlotLock ended, Instant now) {
        BookableService service = serviceOf(lock);
        SlotReleased.Reason reason = ended.status() == LockStatus.EXPIRED
                ? SlotReleased.Reason.EXPIRED : SlotReleased.Reason.RELEASED;
        Optional<LockView> view = unitOfWork.execute(() -> {
            if (!locks.update(ended, LockStatus.LOCKED)) {
                return Optional.empty();
            }
            SlotCapacity after = capacity.giveBack(service.id(), lock.slot().minutes(), lock.quantity())
                    .capacityOf(lock.slot(), service.capacity());
            bookkeeping.publish(SlotReleased.of(ended, after, reason), now);
            return Optional.of(new LockView(ended, ended.status(), after));
        });
        if (view.isPresent() && reason == SlotReleased.Reason.EXPIRED) {
            metrics.expired(lock.unitId(), lock.serviceId());
        }
        return view;
    }

    private LockView view(SlotLock lock, Instant now) {
        BookableService service = serviceOf(lock);
        Occupancy occupancy = currentOccupancy(service.id(), lock.slot().minutes(), now);
        return new LockView(lock, lock.statusAt(now), occupancy.capacityOf(lock.slot(), service.capacity()));
    }

    private SlotLock find(ReservationToken token) {
        return locks.findByToken(token)
                .orElseThrow(() -> new RefusedException(Refusal.LOCK_NOT_FOUND, "there is no lock with that token"));
    }

    private BookableService serviceOf(SlotLock lock) {
        return services.findById(lock.serviceId())
                .orElseThrow(() -> new IllegalStateException("lock " + lock.token() + " names a missing service"));
    }

    /** What is held now: the store's figures less the locks that ran out but are not swept yet. */
    private Occupancy currentOccupancy(ServiceId serviceId, MinuteRange range, Instant now) {
        Occupancy occupancy = capacity.occupancy(serviceId, range);
        for (SlotLock due : locks.findDueOverlapping(serviceId, range, now)) {
            occupancy = occupancy.without(due.slot().minutes(), due.quantity());
        }
        return occupancy;
    }

    private static MinuteRange spanOf(List<Slot> slots) {
        long first = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Slot slot : slots) {
            first = Math.min(first, slot.minutes().first());
            end = Math.max(end, slot.minutes().endExclusive());
        }
        return new MinuteRange(first, end);
    }
}
