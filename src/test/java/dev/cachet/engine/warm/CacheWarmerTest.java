package dev.cachet.engine.warm;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.provider.SimulatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CacheWarmerTest {

    @TempDir Path dir;

    private Engine open() {
        var config = CachetConfig.defaults().withSimulator(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0))
                .withDefaultProvider(SimulatorProvider.ID);
        return Engine.open(new EngineOptions(dir.resolve("data"), config, false, InstantSource.system(), Environment.of(Map.of()),
                ModelCatalogue.builtIn()));
    }

    @Test
    void keepsOnlyAnswersThatPassTheirChecks_andNamesBadLines() throws Exception {
        Path file = dir.resolve("warm.jsonl");
        Files.writeString(file, """
                {"prompt": "What is a cache?", "expect": "simulated answer"}
                {"expect": {"contains": "Paris", "matches": "^\\\\["}, "prompt": "What is the capital of France?"}
                {"prompt": "No checks at all"}
                {"prompt": "bad check", "expect": {"smells": "nice"}}
                {"prompt": "bad regex", "expect": {"matches": "("}}
                """);
        var parsed = new WarmFile().read(file.toString());
        assertThat(parsed.items()).hasSize(3);
        assertThat(parsed.problems()).extracting(Object::toString)
                .anySatisfy(p -> assertThat(p).startsWith(file + ":4:").contains("unknown check 'expect.smells'"))
                .anySatisfy(p -> assertThat(p).startsWith(file + ":5:").contains("not a regular expression"));
        try (var engine = open()) {
            var result = new CacheWarmer(engine.pipeline(), 4).run(parsed.items(), new Cancellation(), p -> { });
            assertThat(result.kept()).isEqualTo(2);
            assertThat(result.rejected()).isEqualTo(1);
            assertThat(result.rejections()).singleElement().asString().contains("line 2").contains("does not contain \"Paris\"");
            var again = new CacheWarmer(engine.pipeline(), 4).run(parsed.items(), new Cancellation(), p -> { });
            assertThat(again.alreadyCached()).isEqualTo(2);
            assertThat(again.rejected()).isEqualTo(1); // the rejected answer was never stored: asked again, rejected again
            ChatResult paris = engine.pipeline().execute(parsed.items().get(1).request(), TokenListener.NONE, new Cancellation());
            assertThat(((ChatResult.Answered) paris).source()).isEqualTo(AnswerSource.MODEL);
        }
    }

    @Test
    void cancel_stopsTheRun_andKeepsWhatWasWarmed() throws Exception {
        var lines = new StringBuilder();
        for (int i = 0; i < 200; i++) lines.append("{\"prompt\": \"question ").append(i).append("\"}\n");
        Path file = Files.writeString(dir.resolve("many.jsonl"), lines);
        var items = new WarmFile().read(file.toString()).items();
        try (var engine = open()) {
            var cancellation = new Cancellation();
            var result = new CacheWarmer(engine.pipeline(), 1).run(items, cancellation, p -> {
                if (p.done() == 10) cancellation.cancel();
            });
            assertThat(result.cancelled()).isTrue();
            assertThat(result.kept()).isBetween(10L, 11L);
        }
    }
}
