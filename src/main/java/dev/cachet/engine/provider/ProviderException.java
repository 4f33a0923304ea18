package dev.cachet.engine.provider;

import dev.cachet.engine.chat.ChatError;

/** A provider failure, already translated into something a person can act on. */
public final class ProviderException extends Exception {

    private final ChatError error;
    private final String partialText;

    public ProviderException(ChatError error) { this(error, "", null); }

    public ProviderException(ChatError error, String partialText, Throwable cause) {
        super(error.oneLine(), cause);
        this.error = error;
        this.partialText = partialText == null ? "" : partialText;
    }

    public ChatError error() { return error; }

    /** Text streamed before the failure. */
    public String partialText() { return partialText; }
}
