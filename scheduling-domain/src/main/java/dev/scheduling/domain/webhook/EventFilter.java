package dev.scheduling.domain.webhook;

import dev.scheduling.domain.InvalidInputException;
import java.util.List;
import java.util.Set;

/**
 * The event types a webhook subscribes to: exact types ({@code slot.released}), a family
 * ({@code appointment.*}) or everything ({@code *}). A pattern that can match no type of the event
 * contract is refused, so that a typo does not silently subscribe to nothing.
 */
public record EventFilter(List<String> patterns) {
    /** Every type of the event contract (EVENTS.md). */
    public static final Set<String> EVENT_TYPES = Set.of("slot.locked", "slot.released", "appointment.created",
            "appointment.rescheduled", "appointment.cancelled");
    private static final int MAX_PATTERNS = 20;

    public EventFilter {
        patterns = List.copyOf(patterns);
    }

    /** The filter of these patterns; throws {@link InvalidInputException} on field {@code events}. */
    public static EventFilter of(List<String> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            throw InvalidInputException.of("events", "must name at least one event type or pattern");
        }
        if (patterns.size() > MAX_PATTERNS) {
            throw InvalidInputException.of("events", "must hold at most " + MAX_PATTERNS + " patterns");
        }
        for (String pattern : patterns) {
            if (pattern == null || EVENT_TYPES.stream().noneMatch(type -> matches(pattern, type))) {
                throw InvalidInputException.of("events", "unknown event type or pattern: " + pattern
                        + " (types: " + String.join(", ", EVENT_TYPES.stream().sorted().toList())
                        + "; a family as appointment.*; or *)");
            }
        }
        return new EventFilter(patterns.stream().distinct().toList());
    }

    public boolean matches(String eventType) {
        return patterns.stream().anyMatch(pattern -> matches(pattern, eventType));
    }

    private static boolean matches(String pattern, String type) {
        if (pattern.equals("*") || pattern.equals(type)) {
            return true;
        }
        return pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1));
    }
}
