package dev.cachet.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.metrics.Outcome;
import dev.cachet.engine.pipeline.Cancellation;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Anthropic's {@code POST /v1/messages} over the same pipeline, for clients that speak it (the Anthropic
 * SDKs, langchain4j's Anthropic model): text content, {@code system}, {@code max_tokens},
 * {@code temperature}, {@code top_p}, {@code stop_sequences}; streamed as Anthropic's named events.
 */
final class AnthropicMessages {

    private final Engine engine;
    private final Set<String> providerIds;

    AnthropicMessages(Engine engine, Set<String> providerIds) {
        this.engine = engine;
        this.providerIds = providerIds;
    }

    void serve(Request http, Response response, JsonNode body, CacheMode mode, OpenAiHandler.Served served)
            throws ApiError.Problem, IOException {
        if (body == null || !body.isObject()) throw ApiError.badRequest(null, "the body must be a JSON object").asProblem();
        String model = ChatCompletionRequest.text(body, "model", true);
        if (!(ModelName.parse(model, providerIds) instanceof ModelName.Direct target)) {
            throw ApiError.notFound("model_not_found", "model", "templates are served on /v1/chat/completions only").asProblem();
        }
        JsonNode max = body.get("max_tokens");
        if (max == null || !max.isIntegralNumber() || max.asInt() < 1) {
            throw ApiError.badRequest("max_tokens", "max_tokens is required: a positive integer").asProblem();
        }
        var messages = new ArrayList<ChatMessage>();
        JsonNode system = body.get("system");
        if (system != null && !system.isNull()) messages.add(ChatMessage.system(text(system, "system")));
        JsonNode list = body.get("messages");
        if (list == null || !list.isArray() || list.isEmpty()) throw ApiError.badRequest("messages", "messages must be a non-empty array").asProblem();
        for (int i = 0; i < list.size(); i++) {
            String at = "messages[" + i + "]";
            String role = list.get(i).path("role").asText("");
            ChatMessage.Role r = switch (role) {
                case "user" -> ChatMessage.Role.USER;
                case "assistant" -> ChatMessage.Role.ASSISTANT;
                default -> throw ApiError.badRequest(at + ".role", at + ".role: '" + role + "' is not user or assistant").asProblem();
            };
            messages.add(new ChatMessage(r, text(list.get(i).get("content"), at + ".content")));
        }
        ChatParams params;
        try {
            params = new ChatParams(ChatCompletionRequest.number(body, "temperature"), max.asInt(), ChatCompletionRequest.number(body, "top_p"), stops(body.get("stop_sequences")),
                    List.of(), null);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(null, e.getMessage()).asProblem();
        }
        var request = new ChatRequest(target.provider(), target.model(), messages, params, null, null, mode);
        boolean stream = body.path("stream").asBoolean(false);
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        var cancellation = new Cancellation();
        try (var watch = DisconnectWatch.start(http, cancellation::cancel)) {
            if (stream) {
                var events = new Events(response, id, model, cancellation);
                ChatResult result = engine.pipeline().execute(request, events, cancellation);
                served.outcome = Outcome.of(result);
                switch (result) {
                    case ChatResult.Answered a -> {
                        watch.close();
                        events.finish(a.finish(), a.usage());
                    }
                    case ChatResult.Failed f -> {
                        ApiError e = ErrorMapping.of(f.error());
                        if (!events.opened) throw e.asProblem();
                        served.status = e.status();
                        events.fail(e);
                    }
                    case ChatResult.Cancelled c -> throw new IOException("client closed the connection; stream cancelled");
                }
            } else {
                ChatResult.Answered a = ChatCompletions.complete(engine, request, cancellation, served);
                watch.close();
                OpenAiHandler.Exchanges.sendJson(response, 200, OpenAiJson.write(g -> message(g, id, a.model().toString(),
                        a.text(), a.finish(), a.usage())));
            }
        }
    }

    private static String text(JsonNode content, String at) throws ApiError.Problem {
        if (content == null || content.isNull()) throw ApiError.badRequest(at, at + " is required").asProblem();
        if (content.isTextual()) return content.asText();
        if (!content.isArray()) throw ApiError.badRequest(at, at + " must be a string or an array of text blocks").asProblem();
        var sb = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            if (!"text".equals(block.path("type").asText()) || !block.path("text").isTextual()) {
                throw ApiError.badRequest(at + "[" + j + "]", at + "[" + j + "]: only text blocks are supported, was type '"
                        + block.path("type").asText() + "'").asProblem();
            }
            if (!sb.isEmpty()) sb.append('\n');
            sb.append(block.get("text").asText());
        }
        return sb.toString();
    }

    private static List<String> stops(JsonNode s) throws ApiError.Problem {
        if (s == null || s.isNull()) return List.of();
        if (!s.isArray()) throw ApiError.badRequest("stop_sequences", "stop_sequences must be an array of strings").asProblem();
        var out = new ArrayList<String>();
        for (JsonNode x : s) out.add(x.asText());
        return out;
    }

    static String stopReason(FinishReason f) {
        return switch (f) {
            case STOP, CANCELLED, ERROR, CONTENT_FILTER -> "end_turn";
            case LENGTH -> "max_tokens";
            case CONTEXT_WINDOW -> "model_context_window_exceeded";
            case REFUSAL -> "refusal";
            case TOOL_CALLS -> "tool_use";
        };
    }

    private static void message(JsonGenerator g, String id, String model, String text, FinishReason finish, Usage usage) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("type", "message");
        g.writeStringField("role", "assistant");
        g.writeStringField("model", model);
        g.writeArrayFieldStart("content");
        if (text != null) {
            g.writeStartObject();
            g.writeStringField("type", "text");
            g.writeStringField("text", text);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("stop_reason", finish == null ? null : stopReason(finish));
        g.writeNullField("stop_sequence");
        g.writeObjectFieldStart("usage");
        g.writeNumberField("input_tokens", usage.inputTokens());
        g.writeNumberField("output_tokens", usage.outputTokens());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** An Anthropic error body: {@code {"type": "error", "error": {"type", "message"}}}; 503 goes out as 529 "overloaded". */
    static int status(ApiError e) { return e.status() == 503 ? 529 : e.status(); }

    static byte[] error(ApiError e) {
        String type = switch (e.status()) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503 -> "overloaded_error";
            default -> "api_error";
        };
        return OpenAiJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("type", "error");
            g.writeObjectFieldStart("error");
            g.writeStringField("type", type);
            g.writeStringField("message", e.message());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** Anthropic's event stream: message_start and content_block_start at the first token, then deltas. */
    private static final class Events implements TokenListener {
        private final Response response;
        private final String id;
        private final String model;
        private final Cancellation cancellation;
        boolean opened;
        private boolean broken;

        Events(Response response, String id, String model, Cancellation cancellation) {
            this.response = response;
            this.id = id;
            this.model = model;
            this.cancellation = cancellation;
        }

        private void open() throws IOException {
            if (opened) return;
            opened = true;
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            event("message_start", OpenAiJson.write(g -> {
                g.writeStartObject();
                g.writeStringField("type", "message_start");
                g.writeFieldName("message");
                message(g, id, model, null, null, Usage.NONE);
                g.writeEndObject();
            }), false);
            event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"
                    .getBytes(StandardCharsets.UTF_8), false);
        }

        @Override public void onToken(String token) {
            if (broken) return;
            try {
                open();
                event("content_block_delta", OpenAiJson.write(g -> {
                    g.writeStartObject();
                    g.writeStringField("type", "content_block_delta");
                    g.writeNumberField("index", 0);
                    g.writeObjectFieldStart("delta");
                    g.writeStringField("type", "text_delta");
                    g.writeStringField("text", token);
                    g.writeEndObject();
                    g.writeEndObject();
                }), false);
            } catch (IOException e) {
                broken = true;
                cancellation.cancel();
            }
        }

        void finish(FinishReason finish, Usage usage) throws IOException {
            open();
            event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}".getBytes(StandardCharsets.UTF_8), false);
            event("message_delta", OpenAiJson.write(g -> {
                g.writeStartObject();
                g.writeStringField("type", "message_delta");
                g.writeObjectFieldStart("delta");
                g.writeStringField("stop_reason", stopReason(finish));
                g.writeNullField("stop_sequence");
                g.writeEndObject();
                g.writeObjectFieldStart("usage");
                g.writeNumberField("input_tokens", usage.inputTokens());
                g.writeNumberField("output_tokens", usage.outputTokens());
                g.writeEndObject();
                g.writeEndObject();
            }), false);
            event("message_stop", "{\"type\":\"message_stop\"}".getBytes(StandardCharsets.UTF_8), true);
        }

        void fail(ApiError e) throws IOException {
            event("error", error(e), true);
        }

        private void event(String name, byte[] json, boolean last) throws IOException {
            if (broken) throw new IOException("client closed the connection");
            byte[] head = ("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8);
            byte[] frame = new byte[head.length + json.length + 2];
            System.arraycopy(head, 0, frame, 0, head.length);
            System.arraycopy(json, 0, frame, head.length, json.length);
            frame[frame.length - 2] = '\n';
            frame[frame.length - 1] = '\n';
            Content.Sink.write(response, last, ByteBuffer.wrap(frame));
        }
    }
}
