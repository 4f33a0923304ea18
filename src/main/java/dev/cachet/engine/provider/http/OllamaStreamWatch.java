package dev.cachet.engine.provider.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * Ollama's {@code /api/chat} NDJSON: one JSON object a line, the last with {@code done: true},
 * {@code done_reason} and the counts; an error mid-stream is a line {@code {"error": "..."}} (the
 * status stays 200). Also keeps how long the model took to load, which Ollama reports at the end.
 */
public final class OllamaStreamWatch extends StreamWatch {

    private volatile Duration loadDuration;

    @Override
    public Seen read(String event, String data) {
        JsonNode node = parse(data);
        if (node == null) return Seen.DATA;
        JsonNode error = node.path("error");
        if (!error.isMissingNode() && !error.isNull()) return failed(new StreamError(null, null, error.asText()));
        if (node.path("done").asBoolean(false)) {
            String reason = text(node.path("done_reason"));
            stopped(reason == null ? "stop" : reason);
            ended();
            usage(node.path("prompt_eval_count"), node.path("eval_count"));
            JsonNode load = node.path("load_duration");
            if (load.isNumber()) loadDuration = Duration.ofNanos(load.asLong());
        }
        return Seen.DATA;
    }

    @Override public String endMarkerName() { return "a line with done: true"; }

    /** Time Ollama spent loading the model for this request (near zero when it was loaded already), or null. */
    public Duration loadDuration() { return loadDuration; }
}
