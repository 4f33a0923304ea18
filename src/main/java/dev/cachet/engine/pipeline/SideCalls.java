package dev.cachet.engine.pipeline;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;

/**
 * Model calls a stage makes on a request's behalf (the router's classifier, the data route's SQL
 * writer). The composition root backs this with a short pipeline of its own (resolve → exact cache →
 * generate), so such calls get the same provider resolution, caching, limits, retries and fallbacks
 * as any request, without going through routing again.
 */
@FunctionalInterface
public interface SideCalls {
    ChatResult call(ChatRequest request, Cancellation cancellation) throws InterruptedException;
}
