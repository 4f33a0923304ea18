package dev.cachet.engine.chat;

import dev.cachet.engine.trace.Trace;

/** What one request came to. Consumed with an exhaustive switch. */
public sealed interface ChatResult {

    Trace trace();

    /** A full answer, from a cache level or a model. */
    record Answered(String text, AnswerSource source, ModelRef model, Usage usage, FinishReason finish,
                    Trace trace) implements ChatResult { }

    /** The request failed; {@code partialText} holds what streamed before the failure. */
    record Failed(ChatError error, String partialText, Trace trace) implements ChatResult { }

    /** The caller cancelled; the provider call was cancelled too. */
    record Cancelled(String partialText, Trace trace) implements ChatResult { }
}
