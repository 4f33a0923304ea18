package dev.cachet.engine.provider.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Anthropic Messages streaming: {@code message_start} (input usage), content blocks,
 * {@code message_delta} (stop_reason, output usage), {@code message_stop}; errors as
 * {@code event: error} with {@code {"type":"error","error":{"type":...,"message":...}}}.
 */
public final class AnthropicStreamWatch extends StreamWatch {

    @Override
    public Seen read(String event, String data) {
        JsonNode node = parse(data);
        if (node == null) return Seen.DATA;
        String type = event != null ? event : text(node.path("type"));
        if (type == null) return Seen.DATA;
        switch (type) {
            case "message_start" -> {
                JsonNode usage = node.path("message").path("usage");
                usage(usage.path("input_tokens"), usage.path("output_tokens"));
            }
            case "message_delta" -> {
                String stop = text(node.path("delta").path("stop_reason"));
                if (stop != null) stopped(stop);
                JsonNode usage = node.path("usage");
                usage(usage.path("input_tokens"), usage.path("output_tokens"));
            }
            case "message_stop" -> ended();
            case "error" -> {
                JsonNode e = node.path("error");
                return failed(new StreamError(text(e.path("type")), null, text(e.path("message"))));
            }
            default -> { }
        }
        return Seen.DATA;
    }

    @Override public String endMarkerName() { return "message_stop"; }
}
