package dev.cachet.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatError.Kind;
import dev.cachet.engine.provider.http.Exchange;
import dev.cachet.engine.provider.http.RateLimits;
import dev.cachet.engine.provider.http.RetryAfter;
import dev.cachet.engine.provider.http.StreamWatch;
import dev.langchain4j.exception.UnsupportedFeatureException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns what went wrong in an exchange into a {@link ChatError} that names the server, URL, model or
 * variable. Server messages are quoted (trimmed) except on authentication failures, where servers
 * echo part of the key.
 */
final class ChatErrorTranslator {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param label             "Ollama", "OpenAI", "Anthropic"
     * @param unreachableHint   what to check when the server does not answer
     * @param unknownModelHint  what to do about a missing model ("%s" = model)
     */
    record Target(String label, String baseUrl, String keyEnv, String unreachableHint, String unknownModelHint) { }

    private final Target target;

    ChatErrorTranslator(Target target) { this.target = target; }

    ChatError missingKey(String providerId) {
        if (target.keyEnv() == null || target.keyEnv().isBlank()) {
            return new ChatError(Kind.MISSING_API_KEY, "provider '" + providerId + "' needs an API key but names no apiKeyEnv",
                    "set apiKeyEnv in the provider's config to the environment variable holding the key");
        }
        return new ChatError(Kind.MISSING_API_KEY, target.keyEnv() + " is not set",
                "export " + target.keyEnv() + "=<your key> to use provider '" + providerId + "'");
    }

    ChatError timeoutFirstToken(String model, Duration limit) {
        return new ChatError(Kind.TIMEOUT, "no answer from " + target.label() + " " + model + " within "
                + seconds(limit) + " (first-token timeout)", "the model may be loading or overloaded; raise firstTokenTimeout");
    }

    ChatError timeoutStalled(String model, Duration limit) {
        return new ChatError(Kind.TIMEOUT, target.label() + " " + model + " stopped streaming: nothing for "
                + seconds(limit), "the server stalled; raise timeout if long pauses are normal");
    }

    /**
     * What went wrong with an exchange that did not deliver a complete answer, in order of what is
     * known best: an HTTP refusal, an error event inside the stream, a stream cut short, a transport
     * failure, a request langchain4j refused to send.
     */
    ChatError translate(Exchange exchange, StreamWatch watch, Throwable fromLangChain, String model, String secret, Instant now) {
        Exchange.HttpRefusal refusal = exchange.refusal();
        if (refusal != null) return refusal(refusal, model, secret, now);
        if (watch.error() != null) return streamError(watch.error(), model, secret);
        if (exchange.cutShort()) {
            return new ChatError(Kind.INCOMPLETE, target.label() + " at " + target.baseUrl() + " ended the stream for " + model
                    + " before " + watch.endMarkerName() + ": the answer is incomplete", "send again; the partial answer is not cached");
        }
        Throwable transport = exchange.transportFailure() != null ? exchange.transportFailure() : fromLangChain;
        for (Throwable t = transport; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException
                    || t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return new ChatError(Kind.UNREACHABLE, "cannot reach " + target.label() + " at " + target.baseUrl(), target.unreachableHint());
            }
            if (t instanceof HttpTimeoutException) {
                return new ChatError(Kind.TIMEOUT, target.label() + " at " + target.baseUrl() + " timed out", "retry later");
            }
            if (t instanceof UnsupportedFeatureException u) return unsupported(u, model);
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
                // A body that is not the protocol's JSON: say so and where, not the parser's class names.
                var at = json.getLocation();
                return new ChatError(Kind.SERVER_ERROR, target.label() + " at " + target.baseUrl() + " sent a response for " + model
                        + " that is not valid JSON" + (at == null || at.getColumnNr() < 1 ? "" : " (column " + at.getColumnNr() + " of an event)")
                        + ": " + trim(redact(String.valueOf(json.getOriginalMessage()), secret)), "a proxy or server bug; retry later");
            }
            if (t == t.getCause()) break;
        }
        if (exchange.transportFailure() instanceof java.io.IOException io) {
            String when = exchange.headers().isEmpty() ? "failed" : "broke while streaming";
            return new ChatError(Kind.UNREACHABLE, "connection to " + target.label() + " at " + target.baseUrl()
                    + " " + when + ": " + redact(String.valueOf(io.getMessage()), secret), target.unreachableHint());
        }
        String what = transport == null ? "no answer" : redact(transport.getClass().getSimpleName() + ": " + transport.getMessage(), secret);
        return new ChatError(Kind.SERVER_ERROR, target.label() + " " + model + " failed: " + trim(what), "retry later");
    }

    /** An error event inside a stream that had started with 200 (its status can no longer change). */
    ChatError streamError(StreamWatch.StreamError e, String model, String secret) {
        String message = redact(e.message() == null ? "no message" : trim(e.message()), secret);
        String what = target.label() + " " + model + " sent an error mid-stream" + (e.type() == null ? "" : " (" + e.type() + ")") + ": " + message;
        String kind = e.code() != null ? e.code() : e.type() == null ? "" : e.type();
        return switch (kind) {
            case "insufficient_quota", "billing_error" -> new ChatError(Kind.QUOTA_EXHAUSTED, what, "add credit on the provider's billing page");
            case "rate_limit_error", "rate_limit_exceeded" -> new ChatError(Kind.RATE_LIMITED, what, "retry later");
            case "invalid_request_error" -> new ChatError(Kind.BAD_REQUEST, what, "check the request parameters for model '" + model + "'");
            case "overloaded_error" -> new ChatError(Kind.SERVER_ERROR, target.label() + " is overloaded (" + model + ", mid-stream): " + message,
                    "usually temporary; retry later");
            default -> new ChatError(Kind.SERVER_ERROR, what, "usually temporary; retry later");
        };
    }

    /** langchain4j refused to send a request the API cannot express (e.g. Anthropic has no schemaless JSON mode). */
    private ChatError unsupported(UnsupportedFeatureException e, String model) {
        String what = String.valueOf(e.getMessage());
        if (what.startsWith("Schemaless JSON response format")) {
            return new ChatError(Kind.BAD_REQUEST, target.label() + " does not support response_format json_object (" + model
                    + "): its API has no JSON mode", "ask for JSON in the prompt, or send the request to a provider with a JSON mode");
        }
        return new ChatError(Kind.BAD_REQUEST, target.label() + " does not support this request (" + model + "): " + trim(what),
                "remove the unsupported parameter");
    }

    ChatError refusal(Exchange.HttpRefusal r, String model, String secret, Instant now) {
        String serverMessage = redact(serverMessage(r.body()), secret);
        String code = errorCode(r.body());
        int status = r.status();
        String at = target.label() + " at " + target.baseUrl();
        if (status == 401 || status == 403) {
            String whose = target.keyEnv() == null ? "" : " from " + target.keyEnv();
            return new ChatError(Kind.AUTHENTICATION, at + " rejected the API key" + whose + " (" + status + ")",
                    "check the key and its access to model '" + model + "'");
        }
        if (status == 402 || code.equals("insufficient_quota") || code.equals("billing_error")) {
            // No wait clears it: retrying only spends the retry budget that a fallback could use.
            return new ChatError(Kind.QUOTA_EXHAUSTED, target.label() + " quota exhausted (" + status + ") for " + model + quoted(serverMessage),
                    "add credit or raise the spending limit on the provider's billing page");
        }
        if (status == 404) {
            if (serverMessage.toLowerCase().contains("model") || r.body().contains(model)) {
                return new ChatError(Kind.UNKNOWN_MODEL, "model '" + model + "' not found at " + at,
                        target.unknownModelHint().formatted(model));
            }
            return new ChatError(Kind.BAD_REQUEST, at + " answered 404 Not Found" + quoted(serverMessage),
                    "check the base URL");
        }
        if (status == 413) {
            return new ChatError(Kind.BAD_REQUEST, at + ": request too large (413)" + quoted(serverMessage),
                    "shorten the conversation or what it quotes; the request is not retried");
        }
        if (status == 429) {
            Duration wait = RetryAfter.fromHeaders(r, now);
            if (wait == null) wait = RateLimits.parse(r.headers(), now).waitForExhausted();
            return new ChatError(Kind.RATE_LIMITED, target.label() + " rate limit (429) for " + model + quoted(serverMessage),
                    wait == null ? "retry later" : "retry after " + seconds(wait), wait);
        }
        if (status == 503 && serverMessage.contains("server busy")) {
            // Ollama's full queue (OLLAMA_MAX_QUEUE): a 503 without Retry-After; back off like a rate limit.
            return new ChatError(Kind.RATE_LIMITED, at + " is busy: its request queue is full (503)" + quoted(serverMessage),
                    "retry later, or raise OLLAMA_MAX_QUEUE / OLLAMA_NUM_PARALLEL on the server", RetryAfter.fromHeaders(r, now));
        }
        if (status == 529 || code.equals("overloaded_error")) {
            return new ChatError(Kind.SERVER_ERROR, target.label() + " is overloaded (" + status + ") for " + model + quoted(serverMessage),
                    "usually temporary; retry later or fall back to another provider");
        }
        if (status == 408) {
            return new ChatError(Kind.TIMEOUT, at + " timed out (408)" + quoted(serverMessage), "retry later");
        }
        if (status >= 500) {
            return new ChatError(Kind.SERVER_ERROR, target.label() + " server error " + status + " for " + model + quoted(serverMessage),
                    "usually temporary; retry later");
        }
        return new ChatError(Kind.BAD_REQUEST, at + " rejected the request (" + status + ")" + quoted(serverMessage),
                badRequestHint(code, serverMessage, model));
    }

    /** What to do about a 400, from what the server named. */
    private static String badRequestHint(String code, String serverMessage, String model) {
        if (code.equals("unsupported_parameter") || code.equals("unsupported_value")) {
            return "'" + model + "' takes other parameters (a reasoning model?): describe it in models.yaml in the data folder";
        }
        if (serverMessage.contains("does not support chat")) return "'" + model + "' is not a chat model (an embedding model?): pick another";
        if (serverMessage.contains("does not support thinking")) return "'" + model + "' does not think: turn thinking off for it";
        return "check the request parameters for model '" + model + "'";
    }

    /** error.code, else error.type (OpenAI, Anthropic), or "". */
    static String errorCode(String body) {
        if (body == null || body.isBlank()) return "";
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.path("code").isTextual()) return error.path("code").asText();
            if (error.path("type").isTextual()) return error.path("type").asText();
        } catch (Exception notJson) {
            // no code
        }
        return "";
    }

    /** error.message (OpenAI, Anthropic, llama.cpp), error (Ollama), or the raw body. */
    static String serverMessage(String body) {
        if (body == null || body.isBlank()) return "";
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root.path("error");
            if (error.isTextual()) return trim(error.asText());
            if (error.path("message").isTextual()) return trim(error.path("message").asText());
            if (root.path("message").isTextual()) return trim(root.path("message").asText());
        } catch (Exception notJson) {
            // fall through: plain-text bodies are quoted as they are
        }
        return trim(body.strip());
    }

    static String redact(String text, String secret) {
        if (text == null) return "";
        return secret == null || secret.isEmpty() ? text : text.replace(secret, "***");
    }

    private static String quoted(String serverMessage) {
        return serverMessage.isEmpty() ? "" : ": " + serverMessage;
    }

    private static String trim(String s) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 200 ? oneLine.substring(0, 197) + "..." : oneLine;
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
