package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.UnitRepository;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Units in a concurrent map. */
public final class InMemoryUnitRepository implements UnitRepository {
    private final Map<UnitId, Unit> units = new ConcurrentHashMap<>();
    private final InMemoryTransactions transactions;

    public InMemoryUnitRepository(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void save(Unit unit) {
        Unit previous = units.put(unit.id(), unit);
        transactions.onRollback(() -> {
            if (previous == null) {
                units.remove(unit.id());
            } else {
                units.put(unit.id(), previous);
            }
        });
    }

    @Override
    public Optional<Unit> findById(UnitId id) {
        return Optional.ofNullable(units.get(id));
    }

    @Override
    public List<Unit> findAll() {
        return units.values().stream()
                .sorted(Comparator.comparing(Unit::name).thenComparing(unit -> unit.id().value()))
                .toList();
    }
}
