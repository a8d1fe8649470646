package dev.scheduling.domain;

import java.util.List;

/** Input that breaks a rule of the model; carries every violation found, not only the first. */
public final class InvalidInputException extends RuntimeException {
    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(describe(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid input needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new Violation(field, message)));
    }

    /** The same violations with their fields placed under {@code path}, e.g. {@code openingHours.MONDAY[0]}. */
    public InvalidInputException under(String path) {
        return new InvalidInputException(violations.stream()
                .map(v -> new Violation(v.field().isEmpty() ? path : path + "." + v.field(), v.message()))
                .toList());
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        StringBuilder text = new StringBuilder();
        for (Violation violation : violations) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(violation.field()).append(": ").append(violation.message());
        }
        return text.toString();
    }
}
