package dev.cachet.engine.metrics;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.trace.Trace;
import dev.cachet.engine.trace.TraceEntry;

import java.time.Duration;
import java.time.Instant;

/** Finished requests as the pipeline produces them: a trace whose last entry is the stage that answered. */
final class Results {
    static final ModelRef SIM = new ModelRef("simulator", "sim-small");

    private Results() { }

    static ChatResult answered(AnswerSource source, String stage, long totalMillis, Usage usage) {
        var trace = new Trace(Instant.EPOCH);
        trace.add(TraceEntry.of("resolve", "resolved", "simulator/sim-small", Duration.ofNanos(2_000)));
        trace.add(TraceEntry.of(stage, source.fromCache() ? "hit" : "called", "", Duration.ofMillis(totalMillis)));
        trace.timeToFirstToken(Duration.ofMillis(Math.max(1, totalMillis / 4)));
        trace.total(Duration.ofMillis(totalMillis));
        return new ChatResult.Answered("text", source, SIM, usage, FinishReason.STOP, trace);
    }

    static ChatResult model(long totalMillis, Usage usage) { return answered(AnswerSource.MODEL, "generate", totalMillis, usage); }
    static ChatResult exact(long totalMillis, Usage usage) { return answered(AnswerSource.EXACT_CACHE, "exact", totalMillis, usage); }
    static ChatResult semantic(long totalMillis, Usage usage) { return answered(AnswerSource.SEMANTIC_CACHE, "semantic", totalMillis, usage); }

    static ChatResult failed(long totalMillis) {
        var trace = new Trace(Instant.EPOCH);
        trace.add(TraceEntry.of("generate", "failed", "simulator: 500", Duration.ofMillis(totalMillis)));
        trace.total(Duration.ofMillis(totalMillis));
        return new ChatResult.Failed(new ChatError(ChatError.Kind.SERVER_ERROR, "simulator: 500", "retry"), "", trace);
    }

    static ChatResult cancelled() {
        var trace = new Trace(Instant.EPOCH);
        trace.total(Duration.ofMillis(3));
        return new ChatResult.Cancelled("", trace);
    }
}
