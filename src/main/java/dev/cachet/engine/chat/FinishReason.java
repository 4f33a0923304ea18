package dev.cachet.engine.chat;

/** Why a model stopped producing tokens. Only STOP and LENGTH answers are complete enough to cache. */
public enum FinishReason {
    STOP, LENGTH, TOOL_CALLS, CONTENT_FILTER, CANCELLED, ERROR;

    public boolean cacheable() { return this == STOP || this == LENGTH || this == TOOL_CALLS; }
}
