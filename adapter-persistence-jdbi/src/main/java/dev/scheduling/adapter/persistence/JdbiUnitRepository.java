package dev.scheduling.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.application.port.out.UnitRepository;
import dev.scheduling.domain.catalog.OpeningInterval;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.catalog.WeeklyOpeningHours;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Units in table {@code units}; opening hours and closed dates as JSON documents of the row.
 *
 * <p>Every availability and every lock reads its unit, and turning the row's documents back into a
 * {@link Unit} (JSON, times, dates, the unit's checks) cost as much CPU as the query (docs/performance.md).
 * So the units made are kept by the row they were made from: a row read again with the same columns gives
 * the same unit, and a changed row, here or by another instance, has other columns and is made anew. Nothing
 * to invalidate; at most {@value #MADE_UNITS_KEPT} rows are kept, all dropped when that is reached.
 */
public final class JdbiUnitRepository implements UnitRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, List<List<String>>>> HOURS = new TypeReference<>() { };
    private static final TypeReference<List<String>> DATES = new TypeReference<>() { };
    static final int MADE_UNITS_KEPT = 1_000;

    private final JdbiTransactions transactions;
    private final Map<UnitRow, Unit> made = new ConcurrentHashMap<>();

    public JdbiUnitRepository(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void save(Unit unit) {
        transactions.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO units (id, name, time_zone, opening_hours, closed_dates)
                        VALUES (:id, :name, :zone, CAST(:hours AS jsonb), CAST(:closed AS jsonb))
                        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone,
                            opening_hours = EXCLUDED.opening_hours, closed_dates = EXCLUDED.closed_dates""")
                .bind("id", unit.id().value())
                .bind("name", unit.name())
                .bind("zone", unit.timeZone().getId())
                .bind("hours", write(hoursDocument(unit.openingHours())))
                .bind("closed", write(unit.closedDates().stream().map(LocalDate::toString).toList()))
                .execute());
    }

    @Override
    public Optional<Unit> findById(UnitId id) {
        return transactions.withHandle(handle -> handle.createQuery("SELECT * FROM units WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public List<Unit> findAll() {
        return transactions.withHandle(handle -> handle.createQuery("SELECT * FROM units ORDER BY name, id")
                .map((rs, ctx) -> map(rs))
                .list());
    }

    private Unit map(ResultSet rs) throws SQLException {
        UnitRow row = new UnitRow(rs.getString("id"), rs.getString("name"), rs.getString("time_zone"),
                rs.getString("opening_hours"), rs.getString("closed_dates"));
        Unit unit = made.get(row);
        if (unit == null) {
            unit = row.toUnit();
            if (made.size() >= MADE_UNITS_KEPT) {
                made.clear();
            }
            made.put(row, unit);
        }
        return unit;
    }

    /** The columns a unit is made of, as stored. */
    private record UnitRow(String id, String name, String timeZone, String openingHours, String closedDates) {
        Unit toUnit() {
            Map<DayOfWeek, List<OpeningInterval>> hours = new EnumMap<>(DayOfWeek.class);
            read(openingHours, HOURS).forEach((day, intervals) -> hours.put(DayOfWeek.valueOf(day),
                    intervals.stream()
                            .map(bounds -> new OpeningInterval(LocalTime.parse(bounds.get(0)),
                                    LocalTime.parse(bounds.get(1))))
                            .toList()));
            Set<LocalDate> closed = read(closedDates, DATES).stream()
                    .map(LocalDate::parse)
                    .collect(Collectors.toCollection(TreeSet::new));
            return Unit.create(new UnitId(id), name, ZoneId.of(timeZone), WeeklyOpeningHours.of(hours), closed);
        }
    }

    private static Map<String, List<List<String>>> hoursDocument(WeeklyOpeningHours hours) {
        Map<String, List<List<String>>> document = new LinkedHashMap<>();
        hours.asMap().forEach((day, intervals) -> document.put(day.name(), intervals.stream()
                .map(interval -> List.of(interval.start().toString(), interval.end().toString()))
                .toList()));
        return document;
    }

    private static String write(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static <T> T read(String document, TypeReference<T> type) {
        try {
            return JSON.readValue(document, type);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("a stored unit document is not readable", corrupt);
        }
    }
}
