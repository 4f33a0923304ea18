package dev.cachet.engine.chat;

import java.util.Locale;

/**
 * Why a model stopped producing tokens. A complete answer (STOP, TOOL_CALLS) may be cached; a refusal,
 * a filtered answer or one cut by a limit is shown but never reused, except a LENGTH answer to a
 * request that set its own max tokens: that length is what was asked for, and asking again gives the
 * same cut.
 */
public enum FinishReason {
    STOP, LENGTH, CONTEXT_WINDOW, TOOL_CALLS, CONTENT_FILTER, REFUSAL, CANCELLED, ERROR;

    /** Cut by a limit: the max tokens (LENGTH) or the model's context window. */
    public boolean truncated() { return this == LENGTH || this == CONTEXT_WINDOW; }

    /** Whether an answer that ended this way may be stored for reuse, given the request's parameters. */
    public boolean cacheable(ChatParams params) {
        return switch (this) {
            case STOP, TOOL_CALLS -> true;
            case LENGTH -> params.maxTokens() != null;
            case CONTEXT_WINDOW, CONTENT_FILTER, REFUSAL, CANCELLED, ERROR -> false;
        };
    }

    /** For traces and badges: "stop", "length", "context window full", "refused", ... */
    public String label() {
        return switch (this) {
            case CONTEXT_WINDOW -> "context window full";
            case CONTENT_FILTER -> "content filter";
            case REFUSAL -> "refused";
            case TOOL_CALLS -> "tool calls";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }
}
