package dev.cachet.engine.experiments.live;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.pipeline.Cancellation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Live A/B through the real pipeline: sticky assignment by session, per-variant figures, feedback and regenerate. */
class LiveSplitTest {

    @TempDir Path dir;
    Engine engine;

    @BeforeEach void open() throws Exception { engine = SplitTemplates.engine(dir, "greeter.yaml", SplitTemplates.GREETER); }

    @AfterEach void close() { engine.close(); }

    private ChatResult ask(String session, String name, CacheMode mode) {
        var request = ChatRequest.ofTemplate(new TemplateInvocation("greeter", null, Map.of("name", name)), List.of(), session)
                .withCacheMode(mode);
        return engine.pipeline().execute(request, TokenListener.NONE, new Cancellation());
    }

    private static String variant(ChatResult r) {
        return r.trace().entry("render").orElseThrow().details().get("variant");
    }

    @Test
    void eachSessionKeepsItsVariant_andSessionsSpreadOverBoth() {
        var first = new HashMap<String, String>();
        for (int s = 0; s < 60; s++) first.put("session-" + s, variant(ask("session-" + s, "Ada", CacheMode.USE)));
        for (int s = 0; s < 60; s++) {
            assertThat(variant(ask("session-" + s, "Grace " + s, CacheMode.USE))).as("session-" + s).isEqualTo(first.get("session-" + s));
        }
        long warm = first.values().stream().filter("warm"::equals).count();
        assertThat(warm).isBetween(15L, 45L); // 60 sessions, half each: far outside this would mean the hash does not split
        assertThat(engine.liveSplit().answers("greeter")).hasSize(120);
    }

    @Test
    void answersAreCountedPerVariant_withFeedbackRegenerateAndCacheHits() {
        String s = "session-1";
        ChatResult a = ask(s, "Ada", CacheMode.USE);
        ChatResult again = ask(s, "Ada", CacheMode.USE);            // the same prompt: an exact hit
        ChatResult regenerated = ask(s, "Ada", CacheMode.REFRESH);  // Regenerate: skipped the cache on purpose
        String v = variant(a);
        assertThat(engine.liveSplit().feedback(a.trace().requestId(), true)).isTrue();
        assertThat(engine.liveSplit().feedback(regenerated.trace().requestId(), false)).isTrue();
        assertThat(engine.liveSplit().feedback("not-a-split-answer", true)).isFalse();
        engine.pipeline().execute(ChatRequest.ofPrompt("no template"), TokenListener.NONE, new Cancellation()); // not counted

        LiveReport r = engine.liveSplit().report("greeter", List.of("warm", "brief"));
        assertThat(r.variants()).extracting(LiveVariant::name).containsExactly("warm", "brief");
        LiveVariant mine = r.variants().stream().filter(x -> x.name().equals(v)).findFirst().orElseThrow();
        LiveVariant other = r.variants().stream().filter(x -> !x.name().equals(v)).findFirst().orElseThrow();
        assertThat(mine.answers()).isEqualTo(3);
        assertThat(mine.thumbsUp()).isEqualTo(1);
        assertThat(mine.thumbsDown()).isEqualTo(1);
        assertThat(mine.upRate().estimate()).isEqualTo(0.5);
        assertThat(mine.regenerates()).isEqualTo(1);
        assertThat(mine.cacheHitRate().estimate()).isEqualTo(1.0 / 3);
        assertThat(mine.cacheHitRate().low()).isLessThan(1.0 / 3).isGreaterThanOrEqualTo(0);
        assertThat(mine.latencyMedianMs().known()).isTrue();
        assertThat(other.answers()).isZero();
        assertThat(again.trace().entry("render").orElseThrow().details().get("variant")).isEqualTo(v);
        assertThat(r.verdict()).contains("3 answers");
    }

    @Test
    void theIntervalNarrowsAsAnswersArrive_andALeaderEmergesOnlyWithEnoughData() {
        var split = engine.liveSplit();
        int n = 0;
        for (int i = 0; i < 10; i++) {
            split.record(answer(n++, "warm", i < 8));
            split.record(answer(n++, "brief", i < 4));
        }
        LiveReport early = split.report("greeter", List.of("warm", "brief"));
        assertThat(early.leader()).isNull();
        for (int i = 0; i < 190; i++) {
            split.record(answer(n++, "warm", i % 10 < 8));
            split.record(answer(n++, "brief", i % 10 < 4));
        }
        LiveReport late = split.report("greeter", List.of("warm", "brief"));
        double earlyWidth = early.variants().getFirst().upRate().high() - early.variants().getFirst().upRate().low();
        double lateWidth = late.variants().getFirst().upRate().high() - late.variants().getFirst().upRate().low();
        assertThat(lateWidth).isLessThan(earlyWidth / 2);
        assertThat(late.leader()).isEqualTo("warm");
        assertThat(late.verdict()).startsWith("warm is rated good more often: 80% of 200 rated");
        assertThat(late.analysis().comparisons()).filteredOn(c -> c.metric() == dev.cachet.engine.experiments.stats.Comparison.Metric.PASS_RATE)
                .singleElement().satisfies(c -> assertThat(c.test()).isEqualTo("Fisher exact"));
    }

    private static LiveAnswer answer(int i, String variant, boolean up) {
        return new LiveAnswer("r" + i, "greeter", variant, "s" + i, i, true, 100 + i % 7, 20.0, 0.0001, false, false, up);
    }
}
