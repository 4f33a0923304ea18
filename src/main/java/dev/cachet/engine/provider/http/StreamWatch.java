package dev.cachet.engine.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads every SSE event or NDJSON line of a streamed answer on its way to langchain4j, and keeps what
 * the protocol says about how the stream ended: the stop reason (which also says the answer text is
 * whole), the end marker, usage, and an error sent inside the stream. langchain4j 1.18 takes the end
 * of an OpenAI body for completion and never completes an Anthropic or Ollama stream without its end
 * event, so the adapter decides from these facts, not from langchain4j's callbacks.
 *
 * <p>One instance per exchange; written by the streaming thread, read after it has finished.
 */
public abstract sealed class StreamWatch permits OpenAiStreamWatch, AnthropicStreamWatch, OllamaStreamWatch {

    /** What one event was. */
    public enum Seen { DATA, ERROR }

    /** An error the server sent inside a stream that had started with 200. */
    public record StreamError(String type, String code, String message) { }

    static final ObjectMapper JSON = new ObjectMapper();

    private volatile String stopReason;
    private volatile boolean answerComplete;
    private volatile boolean endMarker;
    private volatile StreamError error;
    private volatile Integer inputTokens;
    private volatile Integer outputTokens;

    /** Reads one event ({@code event} is null for NDJSON and unnamed SSE events). ERROR events are not passed on. */
    public abstract Seen read(String event, String data);

    /** How this protocol marks a finished answer, for messages: "finish_reason or data: [DONE]". */
    public abstract String endMarkerName();

    /** The server's stop reason as sent ("stop", "end_turn", "length", "refusal", ...), or null. */
    public final String stopReason() { return stopReason; }

    /** The answer's text is whole: the stop reason (or end marker) arrived. What follows is bookkeeping. */
    public final boolean answerComplete() { return answerComplete; }

    /** The protocol's end marker itself arrived ({@code [DONE]}, {@code message_stop}, {@code done: true}). */
    public final boolean endMarkerSeen() { return endMarker; }

    public final StreamError error() { return error; }

    /** Token counts the stream reported; null when it reported none. */
    public final Integer inputTokens() { return inputTokens; }
    public final Integer outputTokens() { return outputTokens; }

    final void stopped(String reason) {
        if (reason != null) stopReason = reason;
        answerComplete = true;
    }

    final void ended() {
        endMarker = true;
        answerComplete = true;
    }

    final Seen failed(StreamError e) {
        error = e;
        return Seen.ERROR;
    }

    final void usage(JsonNode in, JsonNode out) {
        if (in != null && in.isNumber()) inputTokens = in.asInt();
        if (out != null && out.isNumber()) outputTokens = out.asInt();
    }

    /** The JSON of an event, or null when it is not JSON (langchain4j then decides what it is). */
    static JsonNode parse(String data) {
        try {
            return data == null || data.isBlank() ? null : JSON.readTree(data);
        } catch (Exception notJson) {
            return null;
        }
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }
}
