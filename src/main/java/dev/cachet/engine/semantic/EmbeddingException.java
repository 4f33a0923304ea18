package dev.cachet.engine.semantic;

/** An embedding model failed; the message names the model (and URL for remote ones). */
public final class EmbeddingException extends Exception {
    public EmbeddingException(String message, Throwable cause) { super(message, cause); }
    public EmbeddingException(String message) { super(message); }
}
