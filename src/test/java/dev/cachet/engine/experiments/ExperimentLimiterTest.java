package dev.cachet.engine.experiments;

import dev.cachet.engine.Engine;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.experiments.run.CellRecord;
import dev.cachet.engine.experiments.run.TraceJson;
import dev.cachet.engine.provider.RecordedServer;
import dev.cachet.ui.TestEngines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Experiment cells obey the provider's rate limiter, as chat traffic does: ten cells started at once
 * against a provider limited to 5 requests a second (burst 1) are let through one every 200 ms, and
 * each cell's stored trace says how long it queued.
 */
class ExperimentLimiterTest {

    @TempDir Path dir;
    private final RecordedServer ollama = new RecordedServer();

    @AfterEach void stop() { ollama.close(); }

    @Test void cells_waitForTheProvidersLimiter_andTheWaitIsInTheirTraces() throws Exception {
        ollama.route("/api/chat", RecordedServer.Reply.of("ollama/stream.http"));
        var patient = Duration.ofSeconds(30);
        var limited = new ProviderConfig("ollama", "ollama", ollama.baseUrl(), null, "llama3.2", List.of("llama3.2"), null, patient, patient)
                .withRateLimit(5, 1);
        try (Engine engine = TestEngines.open(dir.resolve("data"), TestEngines.FAST, List.of(limited))) {
            var d = ExperimentTestEngines.read(engine, dir, "limited.yaml", """
                    prompts: ["Answer {{ n }}"]
                    models: [ollama/llama3.2]
                    concurrency: 10
                    dataset: [{n: 1}, {n: 2}, {n: 3}, {n: 4}, {n: 5}, {n: 6}, {n: 7}, {n: 8}, {n: 9}, {n: 10}]
                    """);
            var handle = engine.experiments().runner().start(d);
            handle.done().get(2, TimeUnit.MINUTES);
            List<CellRecord> cells = engine.experiments().store().cells(handle.runId());
            assertThat(cells).hasSize(10).noneMatch(c -> c.status() == CellRecord.Status.ERROR);

            // Released one per 200 ms: the waits add up to about 0 + 200 + ... + 1,800 ms = 9 s; the longest is near 1.8 s.
            // (Generous bounds: a loaded machine may start the ten cells a little apart, which shortens their waits.)
            assertThat(engine.guard("ollama").limiter().waitedTotal()).isGreaterThan(Duration.ofSeconds(4));
            double longest = cells.stream().mapToDouble(ExperimentLimiterTest::queuedMs).max().orElse(0);
            assertThat(longest).isGreaterThan(1_000);
        }
    }

    private static double queuedMs(CellRecord c) {
        String q = TraceJson.read(c.trace()).entry("generate").orElseThrow().details().getOrDefault("attempt1.queued", "0 ms");
        return Double.parseDouble(q.replaceAll("[^0-9.]", ""));
    }
}
