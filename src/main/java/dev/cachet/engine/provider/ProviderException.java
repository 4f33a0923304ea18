package dev.cachet.engine.provider;

import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.provider.http.RateLimits;

/** A provider failure, already translated into something a person can act on. */
public final class ProviderException extends Exception {

    private final ChatError error;
    private final String partialText;
    private final transient RateLimits rateLimits;

    public ProviderException(ChatError error) { this(error, "", null); }

    public ProviderException(ChatError error, String partialText, Throwable cause) {
        this(error, partialText, cause, RateLimits.NONE);
    }

    public ProviderException(ChatError error, String partialText, Throwable cause, RateLimits rateLimits) {
        super(error.oneLine(), cause);
        this.error = error;
        this.partialText = partialText == null ? "" : partialText;
        this.rateLimits = rateLimits == null ? RateLimits.NONE : rateLimits;
    }

    public ChatError error() { return error; }

    /** Text streamed before the failure. */
    public String partialText() { return partialText; }

    /** The rate-limit budgets the server's headers reported with this failure (none when it sent none). */
    public RateLimits rateLimits() { return rateLimits; }
}
