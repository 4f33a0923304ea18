package dev.cachet.engine.metrics;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

class MetricHistoryStoreTest extends MetricHistoryContractTest {

    @TempDir Path dir;
    private Database database;
    private MetricHistoryStore store;

    @Override protected MetricHistory history() {
        database = Database.open(dir, InstantSource.system());
        store = new MetricHistoryStore(database);
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) store.close();
        if (database != null) database.close();
    }

    @Test
    void history_survivesAnEngineRestart() {
        var clock = new FakeClock(5_000);
        var config = CachetConfig.defaults().withDefaultProvider("simulator")
                .withSimulator(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0));
        var options = new EngineOptions(dir.resolve("data"), config, false, clock);
        try (var engine = Engine.open(options)) {
            for (String prompt : new String[] {"a", "b", "a", "a"}) {
                engine.pipeline().execute(ChatRequest.ofPrompt(prompt), TokenListener.NONE, new Cancellation());
            }
            clock.advanceSeconds(12);
            engine.pipeline().execute(ChatRequest.ofPrompt("c"), TokenListener.NONE, new Cancellation());
        }
        try (var engine = Engine.open(options)) {
            var rows = engine.metrics().history().load(Instant.EPOCH, Instant.ofEpochSecond(10_000));
            assertThat(rows).extracting(MetricAggregate::start)
                    .containsExactly(Instant.ofEpochSecond(5_000), Instant.ofEpochSecond(5_010));
            assertThat(rows.getFirst().requests()).isEqualTo(4);
            assertThat(rows.getFirst().count("model")).isEqualTo(2);
            assertThat(rows.getFirst().count("exact")).isEqualTo(2);
            assertThat(rows.getFirst().tokensSaved()).isPositive();
            assertThat(rows.get(1).requests()).isEqualTo(1);
        }
    }
}
