package dev.cachet.ui.chat;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.trace.Trace;
import dev.cachet.engine.trace.TraceEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerBadgesTest {

    private static ChatResult.Answered answered(AnswerSource source, TraceEntry... entries) {
        var trace = new Trace(Instant.EPOCH);
        for (var e : entries) trace.add(e);
        return new ChatResult.Answered("text", source, new ModelRef("simulator", "sim-small"), new Usage(10, 20),
                FinishReason.STOP, trace);
    }

    private static TraceEntry semantic(String decision, String reason, Map<String, String> details) {
        return new TraceEntry("semantic", decision, reason, Duration.ZERO, 0, 0, 0, details);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hit     | score 0.951 >= threshold 0.940         | 0.951 | 0.940 |         | semantic 0.951 ≥ 0.940",
            "miss    | best score 0.926 below threshold 0.970 | 0.926 | 0.970 |         | semantic miss: 0.926 < 0.970",
            "miss    | no cached query in this namespace      |       |       |         | semantic miss: nothing similar cached",
            "vetoed  | guard numbers vetoed                   | 0.981 |       | numbers differ: 3 vs 4 | semantic vetoed: numbers differ",
            "skipped | temperature 0.70 above the semantic limit 0.30: sampled answers are not reused | | | | semantic skipped: temperature 0.70 above the semantic limit 0.30",
    })
    void semanticBadge_saysWhatDecidedAndWhy(String decision, String reason, String score, String threshold,
                                            String guardReason, String expected) {
        var details = new HashMap<String, String>();
        if (score != null) details.put("score", score);
        if (threshold != null) details.put("threshold", threshold);
        if (guardReason != null) details.put("guardReason", guardReason);
        var badges = AnswerBadges.of(answered(AnswerSource.MODEL, semantic(decision, reason, details)), CacheMode.USE,
                PriceTable.defaults());
        assertThat(badges.semantic()).isEqualTo(expected);
        assertThat(badges.badges()).extracting(Badge::text).contains(expected);
    }

    @Test
    void learnedDecisions_showTheEstimateAndTheBound() {
        var hit = Map.of("score", "0.912", "threshold", "0.885", "pSame", "0.9713", "errorBound", "0.0200");
        assertThat(AnswerBadges.of(answered(AnswerSource.SEMANTIC_CACHE, semantic("hit", "learned", hit)), CacheMode.USE,
                PriceTable.defaults()).semantic()).isEqualTo("semantic 0.912 ≥ 0.885 · P(same) 0.97 · δ 2%");
        var explore = Map.of("score", "0.861", "threshold", "0.885", "pSame", "0.642", "errorBound", "0.0050");
        assertThat(AnswerBadges.of(answered(AnswerSource.MODEL, semantic("explore", "uncertain", explore)), CacheMode.USE,
                PriceTable.defaults()).semantic()).isEqualTo("semantic explore: 0.861 · P(same) 0.64 · δ 0.5% · learning");
        assertThat(AnswerBadges.of(answered(AnswerSource.MODEL, semantic("miss",
                "the embedding model is still loading: looked up nothing; the answer is embedded and stored after it is sent", Map.of())),
                CacheMode.USE, PriceTable.defaults()).semantic()).isEqualTo("semantic miss: embedding model still loading");
    }

    @Test
    void noSemanticStage_noSemanticBadge() {
        var badges = AnswerBadges.of(answered(AnswerSource.EXACT_CACHE,
                TraceEntry.of("exact", "hit", "same request answered before (l1)", Duration.ZERO)), CacheMode.USE, PriceTable.defaults());
        assertThat(badges.semantic()).isNull();
        assertThat(badges.cache()).isEqualTo("exact hit");
        assertThat(badges.savedUsd()).isPositive();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "REFUSAL        | 64 (asked)                          | false | refused · not cached",
            "CONTENT_FILTER | 64 (asked)                          | false | content filter · not cached",
            "CONTEXT_WINDOW | 8192 (catalogue default for m)      | false | context window full · not cached",
            "LENGTH         | 8192 (catalogue default for m)      | false | cut at 8192 tokens (default) · not cached",
            "LENGTH         | 64 (asked)                          | true  | cut at 64 tokens (asked)",
            "LENGTH         | not set (the server's default)      | false | cut by the server's output limit · not cached",
    })
    void answerThatDidNotSimplyStop_saysHowItEnded_andWhetherItWasCached(FinishReason finish, String maxTokens, boolean cacheable,
                                                                         String expected) {
        var trace = new Trace(Instant.EPOCH);
        trace.add(new TraceEntry("resolve", "resolved", "x/m", Duration.ZERO, 0, 0, 0, Map.of("maxTokens", maxTokens)));
        trace.add(new TraceEntry("generate", "called", "x m finished", Duration.ZERO, 1, 2, 0, Map.of("cacheable", Boolean.toString(cacheable))));
        var answer = new ChatResult.Answered("text", AnswerSource.MODEL, new ModelRef("x", "m"), new Usage(1, 2), finish, trace);
        var badges = AnswerBadges.of(answer, CacheMode.USE, PriceTable.defaults());
        assertThat(badges.badges()).contains(new Badge(expected, Badge.Kind.WARNING));
    }

    @Test
    void plainStop_hasNoEndingBadge() {
        var badges = AnswerBadges.of(answered(AnswerSource.MODEL), CacheMode.USE, PriceTable.defaults());
        assertThat(badges.ending()).isNull();
        assertThat(badges.badges()).noneMatch(b -> b.kind() == Badge.Kind.WARNING);
    }
}
