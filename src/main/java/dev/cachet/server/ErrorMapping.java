package dev.cachet.server;

import dev.cachet.engine.chat.ChatError;

import java.time.Duration;

/** What a pipeline failure becomes on the wire: the status an OpenAI client would get for the same trouble. */
final class ErrorMapping {

    private static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);

    private ErrorMapping() { }

    static ApiError of(ChatError e) {
        String message = e.oneLine();
        return switch (e.kind()) {
            case RATE_LIMITED -> new ApiError(429, "rate_limit_error", "rate_limit_exceeded", null, message,
                    e.retryAfter() == null ? DEFAULT_RETRY : e.retryAfter());
            // As OpenAI answers it: 429 insufficient_quota, with no Retry-After (no wait clears it).
            case QUOTA_EXHAUSTED -> new ApiError(429, "insufficient_quota", "insufficient_quota", null, message, null);
            case UNREACHABLE, SERVER_ERROR -> new ApiError(503, "server_error", "upstream_unavailable", null, message, DEFAULT_RETRY);
            case INCOMPLETE -> new ApiError(502, "server_error", "upstream_incomplete", null, message, null);
            case TIMEOUT -> new ApiError(504, "server_error", "upstream_timeout", null, message, null);
            // The model server refused Cachet's own credentials: not the caller's fault, and not fixed by retrying.
            case MISSING_API_KEY, AUTHENTICATION -> new ApiError(502, "server_error", "upstream_authentication", null, message, null);
            case UNKNOWN_MODEL, UNKNOWN_PROVIDER -> ApiError.notFound("model_not_found", "model", message);
            case BAD_REQUEST, TEMPLATE -> ApiError.badRequest(null, message);
            case INTERNAL -> new ApiError(500, "server_error", "internal_error", null, message, null);
        };
    }
}
