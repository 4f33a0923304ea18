package dev.cachet.engine.chat;

import java.time.Duration;

/**
 * A failure a person can act on: what happened, to what (URL, model, variable), and what to do.
 *
 * @param retryAfter server-advised wait for RATE_LIMITED, or null
 */
public record ChatError(Kind kind, String message, String hint, Duration retryAfter) {

    /**
     * What went wrong. INCOMPLETE: the server ended the stream before the answer was complete (no end
     * marker); QUOTA_EXHAUSTED: the account's quota or credit is used up, which no wait clears.
     */
    public enum Kind {
        UNREACHABLE, MISSING_API_KEY, AUTHENTICATION, UNKNOWN_MODEL, UNKNOWN_PROVIDER, RATE_LIMITED,
        QUOTA_EXHAUSTED, TIMEOUT, SERVER_ERROR, INCOMPLETE, BAD_REQUEST, TEMPLATE, INTERNAL;

        /** Worth another try against the same provider after a backoff. */
        public boolean transientFailure() {
            return this == RATE_LIMITED || this == TIMEOUT || this == SERVER_ERROR || this == UNREACHABLE || this == INCOMPLETE;
        }
    }

    public ChatError(Kind kind, String message, String hint) { this(kind, message, hint, null); }

    /** One line: message and hint. */
    public String oneLine() { return hint == null || hint.isBlank() ? message : message + " — " + hint; }
}
