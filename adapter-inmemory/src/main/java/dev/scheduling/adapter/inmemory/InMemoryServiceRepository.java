package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.ServiceRepository;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Services in a concurrent map. */
public final class InMemoryServiceRepository implements ServiceRepository {
    private final Map<ServiceId, BookableService> services = new ConcurrentHashMap<>();
    private final InMemoryTransactions transactions;

    public InMemoryServiceRepository(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void save(BookableService service) {
        BookableService previous = services.put(service.id(), service);
        transactions.onRollback(() -> {
            if (previous == null) {
                services.remove(service.id());
            } else {
                services.put(service.id(), previous);
            }
        });
    }

    @Override
    public Optional<BookableService> findById(ServiceId id) {
        return Optional.ofNullable(services.get(id));
    }

    @Override
    public List<BookableService> findByUnit(UnitId unitId) {
        return services.values().stream()
                .filter(service -> service.unitId().equals(unitId))
                .sorted(Comparator.comparing(BookableService::name).thenComparing(service -> service.id().value()))
                .toList();
    }
}
