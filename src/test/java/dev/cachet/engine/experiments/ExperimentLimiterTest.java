package dev.cachet.engine.experiments;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.experiments.run.CellRecord;
import dev.cachet.engine.provider.SimulatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Experiment cells obey the provider's rate limiter, as chat traffic does: a fast experiment queues behind it. */
class ExperimentLimiterTest {

    @TempDir Path dir;

    @Test void cells_waitForTheProvidersLimiter_andTheWaitIsInTheirTraces() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        CachetConfig defaults = CachetConfig.defaults();
        List<ProviderConfig> providers = defaults.providers().stream()
                .map(p -> p.id().equals("simulator") ? p.withRateLimit(40, 1) : p).toList();
        var config = defaults.withDefaultProvider("simulator").withProviders(providers)
                .withSimulator(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0).withScript("none"));
        try (Engine engine = Engine.open(new EngineOptions(data, config, false, InstantSource.system()))) {
            var d = ExperimentTestEngines.read(engine, dir, "limited.yaml", """
                    prompts: ["Answer {{ n }}"]
                    models: [simulator/sim-small]
                    concurrency: 16
                    defaults:
                      assert: [{type: contains, value: simulated}]
                    dataset: [{n: 1}, {n: 2}, {n: 3}, {n: 4}, {n: 5}, {n: 6}, {n: 7}, {n: 8}, {n: 9}, {n: 10},
                              {n: 11}, {n: 12}, {n: 13}, {n: 14}, {n: 15}, {n: 16}, {n: 17}, {n: 18}, {n: 19}, {n: 20}]
                    """);
            var handle = engine.experiments().runner().start(d);
            handle.done().get(2, TimeUnit.MINUTES);
            List<CellRecord> cells = engine.experiments().store().cells(handle.runId());
            assertThat(cells).hasSize(20).allMatch(c -> c.status() == CellRecord.Status.PASSED);
            // One token at a time, 40 a second: all but the first cells or so were held in the limiter's queue.
            long queued = cells.stream().filter(c -> c.trace().contains("attempt1.queued")).count();
            assertThat(queued).isGreaterThanOrEqualTo(15);
        }
    }
}
