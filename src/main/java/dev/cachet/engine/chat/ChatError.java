package dev.cachet.engine.chat;

import java.time.Duration;

/**
 * A failure a person can act on: what happened, to what (URL, model, variable), and what to do.
 *
 * @param retryAfter server-advised wait for RATE_LIMITED, or null
 */
public record ChatError(Kind kind, String message, String hint, Duration retryAfter) {

    public enum Kind {
        UNREACHABLE, MISSING_API_KEY, AUTHENTICATION, UNKNOWN_MODEL, UNKNOWN_PROVIDER, RATE_LIMITED,
        TIMEOUT, SERVER_ERROR, BAD_REQUEST, TEMPLATE, INTERNAL;

        /** Worth another try against the same provider after a backoff. */
        public boolean transientFailure() {
            return this == RATE_LIMITED || this == TIMEOUT || this == SERVER_ERROR || this == UNREACHABLE;
        }
    }

    public ChatError(Kind kind, String message, String hint) { this(kind, message, hint, null); }

    /** One line: message and hint. */
    public String oneLine() { return hint == null || hint.isBlank() ? message : message + " — " + hint; }
}
