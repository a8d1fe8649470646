package dev.scheduling.domain;

import java.util.ArrayList;
import java.util.List;

/** Collects violations while a value is checked, so that a client learns every problem at once. */
public final class Violations {
    private final List<Violation> found = new ArrayList<>();

    public Violations add(String field, String message) {
        found.add(new Violation(field, message));
        return this;
    }

    public Violations check(boolean condition, String field, String message) {
        if (!condition) {
            add(field, message);
        }
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws {@link InvalidInputException} when anything was found. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidInputException(found);
        }
    }
}
