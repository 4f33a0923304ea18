package dev.cachet.engine;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The store as the Engine wires it: answers survive close + reopen on the same data dir. */
class EngineStoreTest {

    @TempDir Path dir;

    private Engine open() {
        var config = CachetConfig.defaults().withDefaultProvider("simulator")
                .withSimulator(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0));
        return Engine.open(new EngineOptions(dir, config, false, InstantSource.system()));
    }

    private static int exactHits(Engine engine, int requests) {
        int hits = 0;
        for (int i = 0; i < requests; i++) {
            var result = engine.pipeline().execute(ChatRequest.ofPrompt("question " + i), TokenListener.NONE, new Cancellation());
            if (result instanceof ChatResult.Answered a && a.source() == AnswerSource.EXACT_CACHE) hits++;
        }
        return hits;
    }

    @Test void secondRunOnTheSameDataDir_isAllExactHits() {
        try (var engine = open()) {
            assertThat(engine.pipeline().stageNames()).containsSubsequence("resolve", "exact", "generate");
            assertThat(exactHits(engine, 300)).isZero();
        }
        try (var engine = open()) {
            assertThat(exactHits(engine, 300)).isEqualTo(300);
            assertThat(engine.exactCache().cacheStats().l2().hits()).isEqualTo(300);
        }
    }

    @Test void corruptDatabase_isSetAside_andReportedAsANotice() throws Exception {
        Files.writeString(dir.resolve("cachet.db"), "garbage".repeat(100));
        try (var engine = open()) {
            assertThat(engine.notices()).anyMatch(n -> n.contains("moved it to cachet.db.corrupt-"));
            assertThat(exactHits(engine, 2)).isZero();
        }
    }

    @Test void close_rightAfterOpen_leavesNoBackgroundWorkRunning_andKeepsEveryAnswer() {
        var engine = open(); // starts the index rebuild and the model warm-up
        assertThat(exactHits(engine, 40)).isZero();
        engine.close();

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain("embed-warmup");
        assertThat(engine.exactCache().pendingWrites()).isZero();
        try (var reopened = open()) {
            assertThat(exactHits(reopened, 40)).isEqualTo(40);
        }
    }

    @Test void close_isIdempotent() {
        var engine = open();
        engine.close();
        engine.close();
    }
}
