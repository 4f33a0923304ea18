package dev.cachet.server;

import java.time.Duration;

/**
 * An error as OpenAI's API returns it: an HTTP status and a body
 * {@code {"error": {"message", "type", "param", "code"}}}. Statuses are the ones clients act on:
 * 429 (with Retry-After) and 5xx are retried by the official SDKs, 4xx are not.
 *
 * @param param      the request field at fault ("messages[1].content"), or null
 * @param retryAfter sent as Retry-After with 429 and 503, or null
 */
public record ApiError(int status, String type, String code, String param, String message, Duration retryAfter) {

    public static ApiError badRequest(String param, String message) {
        return new ApiError(400, "invalid_request_error", null, param, message, null);
    }

    public static ApiError notFound(String code, String param, String message) {
        return new ApiError(404, "invalid_request_error", code, param, message, null);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, "invalid_request_error", "invalid_api_key", null, message, null);
    }

    public static ApiError tooLarge(long limit) {
        return new ApiError(413, "invalid_request_error", "request_too_large", null,
                "request body is larger than the endpoint's limit of " + limit + " bytes (endpoint.maxBodyBytes in cachet.yaml)", null);
    }

    /** Raised while reading a request: becomes the response. */
    public static final class Problem extends Exception {
        private final ApiError error;

        public Problem(ApiError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        public ApiError error() { return error; }
    }

    public Problem asProblem() { return new Problem(this); }
}
