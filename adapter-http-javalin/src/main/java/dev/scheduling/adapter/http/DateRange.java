package dev.scheduling.adapter.http;

import dev.scheduling.domain.Violations;
import io.javalin.http.Context;
import java.util.Optional;
import java.time.LocalDate;

/** The {@code date}, or {@code from} and {@code to}, query parameters of availability and agenda. */
record DateRange(LocalDate from, LocalDate to) {

    /** The range asked for; what is wrong goes to {@code violations}, and then the dates may be null. */
    static DateRange of(Context ctx, Violations violations) {
        String date = ctx.queryParam("date");
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        if (date != null) {
            violations.check(from == null && to == null, "date", "give either date, or from and to");
            Optional<LocalDate> day = JsonBody.parseDate(date, "date", violations);
            return new DateRange(day.orElse(null), day.orElse(null));
        }
        violations.check(from != null, "from", "give either date, or from and to");
        violations.check(to != null, "to", "give either date, or from and to");
        return new DateRange(from == null ? null : JsonBody.parseDate(from, "from", violations).orElse(null),
                to == null ? null : JsonBody.parseDate(to, "to", violations).orElse(null));
    }
}
