package dev.cachet.engine.provider.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenAI chat completions and every server that speaks them: a chunk with {@code finish_reason}, a
 * usage chunk with empty {@code choices} (asked for with {@code stream_options.include_usage}), then
 * {@code data: [DONE]}. An error mid-stream is {@code data: {"error": {...}}} without an {@code event:}
 * line — the official Python SDK raises on it; langchain4j 1.18 checks only {@code event: error} and
 * reads it as an empty chunk.
 */
public final class OpenAiStreamWatch extends StreamWatch {

    @Override
    public Seen read(String event, String data) {
        if (data != null && data.strip().equals("[DONE]")) {
            ended();
            return Seen.DATA;
        }
        JsonNode node = parse(data);
        if (node == null) return Seen.DATA;
        JsonNode error = node.path("error");
        if ("error".equals(event) || (!error.isMissingNode() && !error.isNull())) {
            JsonNode e = error.isObject() ? error : node;
            return failed(new StreamError(text(e.path("type")), text(e.path("code")),
                    e.isTextual() ? e.asText() : text(e.path("message"))));
        }
        for (JsonNode choice : node.path("choices")) {
            String finish = text(choice.path("finish_reason"));
            if (finish != null) stopped(finish);
        }
        JsonNode usage = node.path("usage");
        if (usage.isObject()) usage(usage.path("prompt_tokens"), usage.path("completion_tokens"));
        return Seen.DATA;
    }

    @Override public String endMarkerName() { return "finish_reason or data: [DONE]"; }
}
