package dev.cachet.engine.config;

import java.util.List;

/**
 * A configuration file that cannot be used, with the place that is wrong ("cachet.yaml:12:5: ..."): one
 * line per problem, every problem found at once where the file could be read.
 */
public final class ConfigException extends Exception {

    private final List<String> problems;

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("a ConfigException needs a problem");
        this.problems = List.copyOf(problems);
    }

    /** One line each, {@code FILE:LINE:COLUMN: field PATH: what is wrong}. */
    public List<String> problems() { return problems; }
}
