package dev.cachet.engine.provider;

import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.Usage;

/** A complete answer from a provider. */
public record ProviderResponse(String text, Usage usage, FinishReason finish) { }
