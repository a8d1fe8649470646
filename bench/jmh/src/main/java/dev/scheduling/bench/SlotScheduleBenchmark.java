package dev.scheduling.bench;

import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.OpeningInterval;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.catalog.WeeklyOpeningHours;
import dev.scheduling.domain.slot.MinuteRange;
import dev.scheduling.domain.slot.Occupancy;
import dev.scheduling.domain.slot.Slot;
import dev.scheduling.domain.slot.SlotCapacity;
import dev.scheduling.domain.slot.SlotSchedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Slot generation for 31 days, as availability does it: a unit open 09:00-18:00 Monday to Friday and a
 * 30-minute service (about 400 slots), in UTC and in a zone with daylight saving time. {@code offered}
 * is {@link SlotSchedule#offeredSlots} alone; {@code withCapacity} adds what availability does with them
 * in memory: each slot's capacity from an occupancy with a few hundred minutes in use.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SlotScheduleBenchmark {
    @Param({"UTC", "Europe/Lisbon"})
    public String zone;

    private SlotSchedule schedule;
    private LocalDate from;
    private LocalDate to;
    private Instant now;
    private Occupancy occupancy;

    @Setup
    public void setUp() {
        Map<DayOfWeek, List<OpeningInterval>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            hours.put(day, List.of(new OpeningInterval(LocalTime.of(9, 0), LocalTime.of(18, 0))));
        }
        UnitId unitId = new UnitId("bench-unit");
        Unit unit = Unit.create(unitId, "Bench", ZoneId.of(zone), WeeklyOpeningHours.of(hours), Set.of());
        BookableService service = new BookableService(new ServiceId("bench-service"), unitId, "Bench", 30, 10, 30, 0,
                BookableService.DEFAULT_BOOKING_WINDOW_DAYS, true);
        schedule = new SlotSchedule(unit, service);
        // A fixed range over the autumn change of Europe/Lisbon; "now" is just before it.
        from = LocalDate.of(2030, 10, 14);
        to = from.plusDays(30);
        now = from.atStartOfDay(ZoneId.of(zone)).toInstant().minusSeconds(3600);
        Map<Long, Integer> used = new HashMap<>();
        List<Slot> slots = schedule.offeredSlots(from, to, now);
        for (int i = 0; i < slots.size(); i += 3) {
            MinuteRange minutes = slots.get(i).minutes();
            for (long minute = minutes.first(); minute < minutes.endExclusive(); minute++) {
                used.put(minute, 1 + i % 10);
            }
        }
        occupancy = Occupancy.of(used);
    }

    @Benchmark
    public List<Slot> offered() {
        return schedule.offeredSlots(from, to, now);
    }

    @Benchmark
    public List<SlotCapacity> withCapacity() {
        List<Slot> offered = schedule.offeredSlots(from, to, now);
        List<SlotCapacity> capacities = new ArrayList<>(offered.size());
        for (Slot slot : offered) {
            capacities.add(occupancy.capacityOf(slot, 10));
        }
        return capacities;
    }
}
