package dev.cachet.engine.store;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;

import java.time.Duration;

/**
 * How an assistant turn was produced.
 *
 * @param usage   tokens of the model call (for a cache hit: of the original call it replays)
 * @param costUsd what this turn cost (0 for a cache hit)
 * @param ttftMs  time to first token, or null if unknown
 * @param totalMs whole request, or null if unknown
 */
public record AnswerFacts(AnswerSource source, ModelRef model, Usage usage, double costUsd, Long ttftMs, Long totalMs) {

    public static AnswerFacts of(ChatResult.Answered answer) {
        var trace = answer.trace();
        return new AnswerFacts(answer.source(), answer.model(), answer.usage(), trace.costUsd(),
                trace.timeToFirstToken().map(Duration::toMillis).orElse(null),
                trace.total().map(Duration::toMillis).orElse(null));
    }
}
