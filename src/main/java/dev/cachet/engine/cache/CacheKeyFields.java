package dev.cachet.engine.cache;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.provider.ResolvedModel;

import java.io.ByteArrayOutputStream;
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
 * @param think       whether a thinking model thinks (the request's choice, else the model's catalogue
 *                    default); null = not sent, and then not part of the key (older keys stay valid)
 * @param retrieval   the bound collection (name, version, top_k, extra queries), or null: a re-ingest then
 *                    changes the key. Encoded only when present, so keys of other requests stay as they were.
 * @param seed        the sampling seed, or null; encoded only when present, like retrieval
 */
public record CacheKeyFields(String provider, String model, List<ChatMessage> messages, double temperature,
                             Integer maxTokens, double topP, List<String> stop, List<String> tools,
                             String responseFormat, String templateId, String templateVersion, Boolean think,
                             String retrieval, Long seed) {

    /** Bumped when the encoding changes, so old entries simply stop matching. */
    static final String ENCODING = "cachet-exact-v1";

    public CacheKeyFields {
        messages = List.copyOf(messages);
        stop = List.copyOf(stop);
        tools = List.copyOf(tools);
    }

    /** Without a seed. */
    public CacheKeyFields(String provider, String model, List<ChatMessage> messages, double temperature, Integer maxTokens,
                          double topP, List<String> stop, List<String> tools, String responseFormat, String templateId,
                          String templateVersion, Boolean think, String retrieval) {
        this(provider, model, messages, temperature, maxTokens, topP, stop, tools, responseFormat, templateId, templateVersion, think,
                retrieval, null);
    }

    /** Without retrieval. */
    public CacheKeyFields(String provider, String model, List<ChatMessage> messages, double temperature, Integer maxTokens,
                          double topP, List<String> stop, List<String> tools, String responseFormat, String templateId,
                          String templateVersion, Boolean think) {
        this(provider, model, messages, temperature, maxTokens, topP, stop, tools, responseFormat, templateId, templateVersion, think, null);
    }

    /** Without a think parameter. */
    public CacheKeyFields(String provider, String model, List<ChatMessage> messages, double temperature, Integer maxTokens,
                          double topP, List<String> stop, List<String> tools, String responseFormat, String templateId,
                          String templateVersion) {
        this(provider, model, messages, temperature, maxTokens, topP, stop, tools, responseFormat, templateId, templateVersion, null);
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
                request.template() == null ? null : request.template().version(),
                resolved.spec().thinkFor(p),
                request.retrieval() == null ? null : request.retrieval().keyText(), p.seed());
    }

    /** {@code provider/model}: the namespace "invalidate by model" uses. */
    public String modelNamespace() { return provider + "/" + model; }

    public CacheKey key() {
        var digest = new DigestEncoder();
        encode(digest);
        return new CacheKey(HexFormat.of().formatHex(digest.sha256.digest()));
    }

    /**
     * A length-prefixed, tagged binary encoding: no field can bleed into the next, lists keep their
     * order, and null is distinct from the empty string. {@link #key()} hashes the same bytes as they
     * are produced, without building the array.
     */
    public byte[] canonicalBytes() {
        var out = new BytesEncoder();
        encode(out);
        return out.buf.toByteArray();
    }

    private void encode(Encoder out) {
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
        if (think != null) out.text("think", think.toString());
        if (retrieval != null) out.text("retrieval", retrieval);
        if (seed != null) out.text("seed", seed.toString());
    }

    /** Cloning a ready digest is cheaper than looking the algorithm up for every key. */
    private static final MessageDigest SHA256_PROTOTYPE;

    static {
        try {
            SHA256_PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private abstract static class Encoder {
        private final byte[] scratch = new byte[8];

        abstract void write(byte[] b, int len);

        abstract void write(byte b);

        void text(String tag, String value) {
            raw(tag.getBytes(StandardCharsets.UTF_8));
            if (value == null) {
                write((byte) 0);
            } else {
                write((byte) 1);
                raw(value.getBytes(StandardCharsets.UTF_8));
            }
        }

        void count(String tag, int n) {
            raw(tag.getBytes(StandardCharsets.UTF_8));
            int32(n);
        }

        void number(String tag, double v) {
            raw(tag.getBytes(StandardCharsets.UTF_8));
            // -0.0 and 0.0 mean the same temperature.
            long bits = Double.doubleToLongBits(v == 0.0 ? 0.0 : v);
            for (int i = 0; i < 8; i++) scratch[i] = (byte) (bits >>> (56 - 8 * i));
            write(scratch, 8);
        }

        private void raw(byte[] b) {
            int32(b.length);
            write(b, b.length);
        }

        private void int32(int n) { // big-endian, as ByteBuffer wrote it
            scratch[0] = (byte) (n >>> 24);
            scratch[1] = (byte) (n >>> 16);
            scratch[2] = (byte) (n >>> 8);
            scratch[3] = (byte) n;
            write(scratch, 4);
        }
    }

    private static final class BytesEncoder extends Encoder {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        @Override void write(byte[] b, int len) { buf.write(b, 0, len); }
        @Override void write(byte b) { buf.write(b); }
    }

    private static final class DigestEncoder extends Encoder {
        final MessageDigest sha256;

        DigestEncoder() {
            try {
                sha256 = (MessageDigest) SHA256_PROTOTYPE.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the JDK's SHA-256 digest can be cloned", e);
            }
        }

        @Override void write(byte[] b, int len) { sha256.update(b, 0, len); }
        @Override void write(byte b) { sha256.update(b); }
    }
}
