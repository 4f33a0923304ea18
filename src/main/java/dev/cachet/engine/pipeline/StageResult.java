package dev.cachet.engine.pipeline;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;

import java.util.Map;

/** What a stage decided. The pipeline times the stage and turns the note into a trace entry. */
public sealed interface StageResult {

    Note note();

    /** Trace facts of a stage: decision, reason, tokens, cost, details. */
    record Note(String decision, String reason, int tokensIn, int tokensOut, double costUsd, Map<String, String> details) {
        public Note { details = details == null ? Map.of() : Map.copyOf(details); }
        public static Note of(String decision, String reason) { return new Note(decision, reason, 0, 0, 0, Map.of()); }
        public static Note of(String decision, String reason, Map<String, String> details) {
            return new Note(decision, reason, 0, 0, 0, details);
        }
    }

    /** Go on to the next stage. */
    record Continue(Note note) implements StageResult { }

    /**
     * The request is answered here.
     *
     * @param streamed true when the stage already sent the text to the token listener (a model
     *                 call); false for stored answers, which the pipeline replays as a stream
     */
    record Answer(Note note, String text, AnswerSource source, ModelRef model, Usage usage,
                  FinishReason finish, boolean streamed) implements StageResult { }

    /** The request fails here. */
    record Fail(Note note, ChatError error, String partialText) implements StageResult { }

    static Continue proceed(String decision, String reason) { return new Continue(Note.of(decision, reason)); }
}
