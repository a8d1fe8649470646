package dev.scheduling.domain.testing;

import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.OpeningInterval;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.catalog.WeeklyOpeningHours;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Test-data builders for the catalog, so that tests read as scenarios. */
public final class CatalogFixtures {
    private CatalogFixtures() {
    }

    /** Open every day of the week in the given intervals, e.g. {@code everyDay("09:00-12:00", "13:00-18:00")}. */
    public static WeeklyOpeningHours everyDay(String... intervals) {
        Map<DayOfWeek, List<OpeningInterval>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, parse(intervals));
        }
        return WeeklyOpeningHours.of(hours);
    }

    public static List<OpeningInterval> parse(String... intervals) {
        return java.util.Arrays.stream(intervals)
                .map(text -> text.split("-"))
                .map(bounds -> new OpeningInterval(LocalTime.parse(bounds[0]), LocalTime.parse(bounds[1])))
                .toList();
    }

    public static UnitBuilder aUnit() {
        return new UnitBuilder();
    }

    public static ServiceBuilder aServiceOf(Unit unit) {
        return new ServiceBuilder(unit.id());
    }

    public static final class UnitBuilder {
        private UnitId id = new UnitId(UUID.randomUUID().toString());
        private String name = "Centro";
        private ZoneId zone = ZoneId.of("America/Sao_Paulo");
        private WeeklyOpeningHours hours = everyDay("09:00-12:00", "13:00-18:00");
        private Set<LocalDate> closed = Set.of();

        public UnitBuilder id(String value) {
            this.id = new UnitId(value);
            return this;
        }

        public UnitBuilder named(String value) {
            this.name = value;
            return this;
        }

        public UnitBuilder in(String zoneId) {
            return in(ZoneId.of(zoneId));
        }

        public UnitBuilder in(ZoneId value) {
            this.zone = value;
            return this;
        }

        public UnitBuilder open(WeeklyOpeningHours value) {
            this.hours = value;
            return this;
        }

        public UnitBuilder openEveryDay(String... intervals) {
            this.hours = everyDay(intervals);
            return this;
        }

        public UnitBuilder closedOn(String... dates) {
            this.closed = java.util.Arrays.stream(dates).map(LocalDate::parse).collect(java.util.stream.Collectors.toSet());
            return this;
        }

        public Unit build() {
            return Unit.create(id, name, zone, hours, closed);
        }
    }

    public static final class ServiceBuilder {
        private final UnitId unitId;
        private ServiceId id = new ServiceId(UUID.randomUUID().toString());
        private String name = "Consulta";
        private int duration = 30;
        private int capacity = 1;
        private Integer interval;
        private int minNotice;
        private int window = BookableService.DEFAULT_BOOKING_WINDOW_DAYS;
        private boolean active = true;

        private ServiceBuilder(UnitId unitId) {
            this.unitId = unitId;
        }

        public ServiceBuilder id(String value) {
            this.id = new ServiceId(value);
            return this;
        }

        public ServiceBuilder named(String value) {
            this.name = value;
            return this;
        }

        public ServiceBuilder lasting(int minutes) {
            this.duration = minutes;
            return this;
        }

        public ServiceBuilder every(int minutes) {
            this.interval = minutes;
            return this;
        }

        public ServiceBuilder capacity(int value) {
            this.capacity = value;
            return this;
        }

        public ServiceBuilder minNotice(int minutes) {
            this.minNotice = minutes;
            return this;
        }

        public ServiceBuilder bookingWindow(int days) {
            this.window = days;
            return this;
        }

        public ServiceBuilder inactive() {
            this.active = false;
            return this;
        }

        public BookableService build() {
            return new BookableService(id, unitId, name, duration, capacity, interval == null ? duration : interval,
                    minNotice, window, active);
        }
    }
}
