package dev.cachet.engine.cache;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.provider.ResolvedModel;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything that changes an answer, with defaults already resolved: the values the exact-cache key
 * is computed from. A record so the key inspector can show each field next to the key.
 *
 * @param temperature the request's, or the provider's default when omitted (so both share a key)
 * @param topP        likewise
 * @param maxTokens   null = no limit given (there is no provider-independent default to resolve to)
 * @param templateId  null for raw messages
 */
public record CacheKeyFields(String provider, String model, List<ChatMessage> messages, double temperature,
                             Integer maxTokens, double topP, List<String> stop, List<String> tools,
                             String responseFormat, String templateId, String templateVersion) {

    /** Bumped when the encoding changes, so old entries simply stop matching. */
    static final String ENCODING = "cachet-exact-v1";

    public CacheKeyFields {
        messages = List.copyOf(messages);
        stop = List.copyOf(stop);
        tools = List.copyOf(tools);
    }

    /** The fields of a request whose provider and model (aliases applied) are already resolved. */
    public static CacheKeyFields of(ChatRequest request, ResolvedModel resolved) {
        ChatParams p = request.params();
        var provider = resolved.provider();
        return new CacheKeyFields(resolved.ref().provider(), resolved.ref().model(), request.messages(),
                p.temperature() != null ? p.temperature() : provider.defaultTemperature(),
                p.maxTokens(),
                p.topP() != null ? p.topP() : provider.defaultTopP(),
                p.stop(), p.tools(), p.responseFormat(),
                request.template() == null ? null : request.template().id(),
                request.template() == null ? null : request.template().version());
    }

    /** {@code provider/model}: the namespace "invalidate by model" uses. */
    public String modelNamespace() { return provider + "/" + model; }

    public CacheKey key() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalBytes());
            return new CacheKey(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * A length-prefixed, tagged binary encoding: no field can bleed into the next, lists keep their
     * order, and null is distinct from the empty string.
     */
    public byte[] canonicalBytes() {
        var out = new Encoder();
        out.text("encoding", ENCODING);
        out.text("provider", provider);
        out.text("model", model);
        out.count("messages", messages.size());
        for (ChatMessage m : messages) {
            out.text("role", m.role().name());
            out.text("content", m.content());
        }
        out.number("temperature", temperature);
        out.text("max_tokens", maxTokens == null ? null : maxTokens.toString());
        out.number("top_p", topP);
        out.count("stop", stop.size());
        stop.forEach(s -> out.text("stop", s));
        out.count("tools", tools.size());
        tools.forEach(t -> out.text("tool", t));
        out.text("response_format", responseFormat);
        out.text("template_id", templateId);
        out.text("template_version", templateVersion);
        return out.bytes();
    }

    private static final class Encoder {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        void text(String tag, String value) {
            raw(tag.getBytes(StandardCharsets.UTF_8));
            if (value == null) {
                buf.write(0);
            } else {
                buf.write(1);
                raw(value.getBytes(StandardCharsets.UTF_8));
            }
        }

        void count(String tag, int n) {
            raw(tag.getBytes(StandardCharsets.UTF_8));
            buf.writeBytes(ByteBuffer.allocate(4).putInt(n).array());
        }

        void number(String tag, double v) {
            raw(tag.getBytes(StandardCharsets.UTF_8));
            // -0.0 and 0.0 mean the same temperature.
            buf.writeBytes(ByteBuffer.allocate(8).putLong(Double.doubleToLongBits(v == 0.0 ? 0.0 : v)).array());
        }

        private void raw(byte[] b) {
            buf.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
            buf.writeBytes(b);
        }

        byte[] bytes() { return buf.toByteArray(); }
    }
}
