package dev.cachet.engine.pipeline;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;

/** Sees every finished request (metrics registry, savings ledger, conversation log). */
@FunctionalInterface
public interface PipelineObserver {
    void onFinished(ChatRequest request, ChatResult result);
}
