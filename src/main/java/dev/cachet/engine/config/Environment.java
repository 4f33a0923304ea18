package dev.cachet.engine.config;

import java.util.Map;
import java.util.Optional;

/**
 * Where API keys come from: environment variables, read through this port so tests inject their own.
 * Values are secrets: never log, trace or put them in messages.
 */
@FunctionalInterface
public interface Environment {

    /** The variable's value, or empty when unset or blank. */
    Optional<String> get(String name);

    static Environment system() {
        return name -> Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }

    static Environment of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return name -> Optional.ofNullable(copy.get(name)).filter(v -> !v.isBlank());
    }
}
