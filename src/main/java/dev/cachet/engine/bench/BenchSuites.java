package dev.cachet.engine.bench;

import java.util.List;
import java.util.Optional;

/** Every benchmark suite {@code cachet bench} knows; adding one is a line here. */
public final class BenchSuites {

    private BenchSuites() { }

    public static List<BenchSuite> all() {
        return List.of(
                new CoreBenchSuite(),
                new dev.cachet.engine.semantic.SemanticBenchSuite(),
                new TeamCacheBenchSuite(),
                new dev.cachet.engine.retrieval.bench.RetrievalBenchSuite(),
                new TemplatesBenchSuite(),
                new dev.cachet.engine.experiments.bench.ExperimentsBenchSuite());
    }

    public static Optional<BenchSuite> named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
