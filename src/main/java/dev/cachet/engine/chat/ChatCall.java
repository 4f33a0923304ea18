package dev.cachet.engine.chat;

import java.util.concurrent.CompletableFuture;

/** A request running on its own virtual thread. */
public interface ChatCall {
    CompletableFuture<ChatResult> result();

    /** Cancels the request, including the provider call under way; the result becomes Cancelled. */
    void cancel();
}
