package dev.cachet.engine.provider;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;

import java.util.List;

/** A request as a provider receives it: the model is already resolved from any alias. */
public record ProviderRequest(String model, List<ChatMessage> messages, ChatParams params) {
    public ProviderRequest {
        messages = List.copyOf(messages);
    }
}
