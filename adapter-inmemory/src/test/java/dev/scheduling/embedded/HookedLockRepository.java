package dev.scheduling.embedded;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.LockRepository;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.MinuteRange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A lock repository that runs a hook before storing each new lock, that is inside the lock command's
 * unit of work, after the capacity was taken: a test blocks a command there, or makes it fail.
 */
final class HookedLockRepository implements LockRepository {
    private final LockRepository delegate;
    private final Consumer<SlotLock> beforeAdd;

    private HookedLockRepository(LockRepository delegate, Consumer<SlotLock> beforeAdd) {
        this.delegate = delegate;
        this.beforeAdd = beforeAdd;
    }

    /** The ports with their lock repository wrapped so that {@code beforeAdd} runs before each add. */
    static UnaryOperator<SchedulingPorts> beforeAdd(Consumer<SlotLock> beforeAdd) {
        return ports -> new SchedulingPorts(ports.units(), ports.services(),
                new HookedLockRepository(ports.locks(), beforeAdd), ports.capacity(), ports.idempotency(), ports.inbox(),
                ports.clients(), ports.loginStates(), ports.appointments(), ports.webhooks(), ports.webhookDeliveries(),
                ports.unitOfWork(), ports.events(),
                ports.ids(), ports.clock());
    }

    @Override
    public void add(SlotLock lock) {
        beforeAdd.accept(lock);
        delegate.add(lock);
    }

    @Override
    public Optional<SlotLock> findByToken(ReservationToken token) {
        return delegate.findByToken(token);
    }

    @Override
    public boolean update(SlotLock updated, LockStatus expected) {
        return delegate.update(updated, expected);
    }

    @Override
    public List<SlotLock> findDue(Instant now, int limit) {
        return delegate.findDue(now, limit);
    }

    @Override
    public List<SlotLock> findDueOverlapping(ServiceId serviceId, MinuteRange range, Instant now) {
        return delegate.findDueOverlapping(serviceId, range, now);
    }

    @Override
    public int purgeEndedBefore(Instant cutoff) {
        return delegate.purgeEndedBefore(cutoff);
    }
}
