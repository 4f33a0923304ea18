package dev.cachet.engine.bench;

import java.util.Map;

/**
 * A named set of measurements {@code cachet bench --suite NAME} runs. Figures are JSON-friendly
 * values (numbers, strings, nested maps); by convention names carry their unit ({@code p50Us}, {@code wallMs}).
 * Register a new suite with one line in {@link BenchSuites}.
 */
public interface BenchSuite {
    String name();

    Map<String, Object> run(BenchContext context) throws Exception;
}
