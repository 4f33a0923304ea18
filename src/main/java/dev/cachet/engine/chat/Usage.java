package dev.cachet.engine.chat;

/** Token counts of one model call (estimated where the provider does not report them). */
public record Usage(int inputTokens, int outputTokens) {
    public static final Usage NONE = new Usage(0, 0);
    public int total() { return inputTokens + outputTokens; }
}
