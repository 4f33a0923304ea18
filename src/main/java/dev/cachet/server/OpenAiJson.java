package dev.cachet.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.Usage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/** OpenAI's response bodies, written field by field as the API sends them. */
final class OpenAiJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private OpenAiJson() { }

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] write(Body body) {
        var out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] error(ApiError e) {
        return write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("message", e.message());
            g.writeStringField("type", e.type());
            g.writeStringField("param", e.param());
            g.writeStringField("code", e.code());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    static String finishReason(FinishReason f) {
        return switch (f) {
            case STOP, CANCELLED, ERROR, REFUSAL -> "stop"; // OpenAI reports a refusal with "stop" (and message.refusal)
            case LENGTH, CONTEXT_WINDOW -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    static void usage(JsonGenerator g, Usage u) throws IOException {
        g.writeObjectFieldStart("usage");
        g.writeNumberField("prompt_tokens", u.inputTokens());
        g.writeNumberField("completion_tokens", u.outputTokens());
        g.writeNumberField("total_tokens", u.total());
        g.writeEndObject();
    }

    static byte[] completion(String id, long created, String model, String text, FinishReason finish, Usage usage) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("object", "chat.completion");
            g.writeNumberField("created", created);
            g.writeStringField("model", model);
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", 0);
            g.writeObjectFieldStart("message");
            g.writeStringField("role", "assistant");
            g.writeStringField("content", text);
            g.writeNullField("refusal");
            g.writeEndObject();
            g.writeNullField("logprobs");
            g.writeStringField("finish_reason", finishReason(finish));
            g.writeEndObject();
            g.writeEndArray();
            usage(g, usage);
            g.writeNullField("system_fingerprint");
            g.writeEndObject();
        });
    }

    /**
     * One {@code chat.completion.chunk}. {@code delta} null writes an empty delta; {@code role} non-null
     * opens the message; {@code finish} non-null closes the choice.
     *
     * @param usageNull write {@code "usage": null} (when the client asked for a usage chunk at the end)
     */
    static byte[] chunk(String id, long created, String model, String role, String delta, String finish, boolean usageNull) {
        return write(g -> {
            chunkHead(g, id, created, model);
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", 0);
            g.writeObjectFieldStart("delta");
            if (role != null) g.writeStringField("role", role);
            if (delta != null) g.writeStringField("content", delta);
            g.writeEndObject();
            g.writeNullField("logprobs");
            g.writeStringField("finish_reason", finish);
            g.writeEndObject();
            g.writeEndArray();
            if (usageNull) g.writeNullField("usage");
            g.writeEndObject();
        });
    }

    /** The last chunk when {@code stream_options.include_usage}: no choices, the token counts. */
    static byte[] usageChunk(String id, long created, String model, Usage usage) {
        return write(g -> {
            chunkHead(g, id, created, model);
            g.writeArrayFieldStart("choices");
            g.writeEndArray();
            usage(g, usage);
            g.writeEndObject();
        });
    }

    private static void chunkHead(JsonGenerator g, String id, long created, String model) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("object", "chat.completion.chunk");
        g.writeNumberField("created", created);
        g.writeStringField("model", model);
        g.writeNullField("system_fingerprint");
    }

    static byte[] models(List<String[]> idsAndOwners) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (String[] m : idsAndOwners) {
                g.writeStartObject();
                g.writeStringField("id", m[0]);
                g.writeStringField("object", "model");
                g.writeNumberField("created", 0);
                g.writeStringField("owned_by", m[1]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static byte[] embeddings(String model, List<float[]> vectors, boolean base64, int tokens) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (int i = 0; i < vectors.size(); i++) {
                g.writeStartObject();
                g.writeStringField("object", "embedding");
                g.writeNumberField("index", i);
                float[] v = vectors.get(i);
                if (base64) {
                    var bb = java.nio.ByteBuffer.allocate(v.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    bb.asFloatBuffer().put(v);
                    g.writeStringField("embedding", Base64.getEncoder().encodeToString(bb.array()));
                } else {
                    g.writeArrayFieldStart("embedding");
                    for (float x : v) g.writeNumber(x);
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("model", model);
            g.writeObjectFieldStart("usage");
            g.writeNumberField("prompt_tokens", tokens);
            g.writeNumberField("total_tokens", tokens);
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
