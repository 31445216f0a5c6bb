package com.autonomos.handshake.farm.stream;

import com.autonomos.handshake.farm.system.FarmProblem;
import java.util.Locale;
import java.util.Map;

/** Typed reads of query parameters; a value that does not parse is a 400 naming the parameter and the value. */
final class QueryParameters {

    private final Map<String, String> values;

    QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    boolean bool(String name, boolean fallback) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, raw, "true or false");
        };
    }

    double fraction(String name, double fallback) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(raw.trim());
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, raw, "a number between 0 and 1");
    }

    long integer(String name, long fallback, long min, long max) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, raw, max == Long.MAX_VALUE ? "an integer >= " + min
                : "an integer between " + min + " and " + max);
    }

    long required(String name, long min, long max) {
        if (!has(name)) {
            throw FarmProblem.badRequest("query parameter '" + name + "' is required");
        }
        return integer(name, 0, min, max);
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(raw.trim())) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw invalid(name, raw, "one of " + allowed);
    }

    private static FarmProblem invalid(String name, String raw, String expected) {
        String shown = raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
        return FarmProblem.badRequest("query parameter '" + name + "' must be " + expected + ", got '" + shown + "'");
    }
}
