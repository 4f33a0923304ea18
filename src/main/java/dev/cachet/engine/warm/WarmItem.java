package dev.cachet.engine.warm;

import dev.cachet.engine.chat.ChatRequest;

import java.util.List;

/** One prompt to warm the cache with, the line it came from, and the checks its answer must pass. */
public record WarmItem(int line, ChatRequest request, List<AnswerCheck> checks) {
    public WarmItem { checks = List.copyOf(checks); }
}
