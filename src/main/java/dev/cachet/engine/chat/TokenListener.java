package dev.cachet.engine.chat;

/** Receives answer text as it is produced (model tokens, or a cached answer replayed). */
@FunctionalInterface
public interface TokenListener {
    TokenListener NONE = token -> { };

    void onToken(String token);

    /** Reasoning a thinking model streams before (or beside) its answer; never part of the answer text. */
    default void onThinking(String text) { }
}
