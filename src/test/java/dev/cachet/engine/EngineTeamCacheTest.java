package dev.cachet.engine;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CacheSettings;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.team.TeamRedis;
import dev.cachet.engine.team.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Two workbenches configured with one team Redis, as cachet.yaml's cache.l2 sets it up. */
class EngineTeamCacheTest {

    @TempDir Path dir;
    private TeamRedis cleanup;

    @AfterEach void clear() {
        if (cleanup == null) return;
        TestRedis.clear(cleanup);
        cleanup.close();
    }

    private static Engine open(Path dataDir, String l2) {
        var config = CachetConfig.defaults().withDefaultProvider("simulator")
                .withSimulator(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0))
                .withCache(CacheSettings.DEFAULTS.withL2(l2, null));
        return Engine.open(new EngineOptions(dataDir, config, false, InstantSource.system()));
    }

    private static ChatResult ask(Engine engine, String text) {
        var request = ChatRequest.ofPrompt(text).withParams(ChatParams.DEFAULTS.withTemperature(0.0));
        return engine.pipeline().execute(request, TokenListener.NONE, new Cancellation());
    }

    private static AnswerSource source(ChatResult r) {
        return r instanceof ChatResult.Answered a ? a.source() : null;
    }

    @Test void theSecondWorkbench_answersFromTheFirstsExactAndSemanticEntries() throws Exception {
        String url = TestRedis.address();
        cleanup = TestRedis.open(url, TeamRedis.DEFAULT_PREFIX);
        TestRedis.clear(cleanup);
        try (Engine first = open(dir.resolve("first"), url); Engine second = open(dir.resolve("second"), url)) {
            assertThat(source(ask(first, "How do I rotate an API key safely?"))).isEqualTo(AnswerSource.MODEL);
            second.semantic().awaitRebuilt(Duration.ofSeconds(30));
            AnswerSource exact = null;
            for (int i = 0; i < 200 && exact != AnswerSource.EXACT_CACHE; i++) { // the first writes behind its answers
                Thread.sleep(50);
                exact = source(ask(second, "How do I rotate an API key safely?"));
            }
            assertThat(exact).isEqualTo(AnswerSource.EXACT_CACHE);
            assertThat(second.teamCache().orElseThrow().reachable()).isTrue();

            AnswerSource semantic = null;
            for (int i = 0; i < 200 && semantic != AnswerSource.SEMANTIC_CACHE; i++) {
                Thread.sleep(50);
                // different text, so no exact key matches; same meaning
                semantic = source(ask(second, "how do I rotate an API key safely"));
            }
            assertThat(semantic).isEqualTo(AnswerSource.SEMANTIC_CACHE);
        }
    }

    @Test void aTeamRedisThatIsDown_costsNoRequest_andIsReported() throws Exception {
        try (Engine engine = open(dir, "redis://127.0.0.1:1/0")) {
            assertThat(source(ask(engine, "still answered?"))).isEqualTo(AnswerSource.MODEL);
            AnswerSource again = null;
            for (int i = 0; i < 100 && again != AnswerSource.EXACT_CACHE; i++) again = source(ask(engine, "still answered?"));
            assertThat(again).isEqualTo(AnswerSource.EXACT_CACHE);
            for (int i = 0; i < 200 && engine.teamCache().orElseThrow().reachable(); i++) Thread.sleep(20);
            assertThat(engine.teamCache().orElseThrow().describe()).contains("unreachable", "local cache");
        }
    }
}
