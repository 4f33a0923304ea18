package dev.cachet.engine.semantic;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ModelRef;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a semantic hit may come from: everything that changes the answer except the words of the
 * user's last message. Two requests can only share an answer when their namespaces are equal.
 *
 * <p>Multi-turn: the whole conversation before the last user message is part of the namespace, so a
 * follow-up ("and in London?") only meets follow-ups of the very same conversation prefix. That keeps
 * the layer correct for follow-ups (whose meaning depends on the context) while still serving
 * repeated flows with a fixed prefix (few-shot examples, canned openings).
 *
 * @param fields    the canonical fields, in order, for the key inspector (system prompt shown hashed)
 * @param namespace SHA-256 over the fields (hex, 16 chars shown in traces)
 * @param userText  the text that is embedded and compared
 */
public record SemanticKey(Map<String, String> fields, String namespace, String userText) {

    public SemanticKey {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static SemanticKey of(ChatRequest request, ModelRef model, String embedderId) {
        List<ChatMessage> messages = request.messages();
        int last = lastUserIndex(messages);
        var system = new StringBuilder();
        var history = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            if (i == last) continue;
            ChatMessage m = messages.get(i);
            var target = m.role() == ChatMessage.Role.SYSTEM ? system : history;
            target.append(m.role().name()).append('\u0000').append(m.content()).append('\u0001');
        }
        ChatParams p = request.params();
        var fields = new LinkedHashMap<String, String>();
        fields.put("embedder", embedderId);
        fields.put("model", model.toString());
        fields.put("system", system.isEmpty() ? "(none)" : "sha256:" + sha256(system.toString()).substring(0, 16));
        fields.put("template", request.template() == null ? "(none)" : request.template().id() + "@" + request.template().version());
        fields.put("history", history.isEmpty() ? "(single turn)" : "sha256:" + sha256(history.toString()).substring(0, 16)
                + " (" + (messages.size() - 1 - (system.isEmpty() ? 0 : 1)) + " earlier messages)");
        fields.put("after", last == messages.size() - 1 ? "" : "messages after the last user turn");
        fields.put("temperature", String.valueOf(p.temperature()));
        fields.put("maxTokens", String.valueOf(p.maxTokens()));
        fields.put("topP", String.valueOf(p.topP()));
        fields.put("stop", String.join("\u0000", p.stop()));
        fields.put("tools", p.tools().isEmpty() ? "" : "sha256:" + sha256(String.join("\u0000", p.tools())).substring(0, 16));
        fields.put("responseFormat", String.valueOf(p.responseFormat()));
        if (p.think() != null) fields.put("think", p.think().toString()); // absent: namespaces from before stay the same
        // Answers from a collection belong to its version: a re-ingest opens a new namespace.
        if (request.retrieval() != null) fields.put("collection", request.retrieval().keyText());
        var canonical = new StringBuilder();
        fields.forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
        canonical.append("systemText=").append(system).append('\n').append("historyText=").append(history);
        return new SemanticKey(fields, sha256(canonical.toString()), last < 0 ? "" : messages.get(last).content());
    }

    /** A namespace from plain fields (eval and bench: one namespace, many texts). */
    public static SemanticKey plain(String namespaceName, String userText) {
        return new SemanticKey(Map.of("namespace", namespaceName), sha256(namespaceName), userText);
    }

    public SemanticKey withText(String text) { return new SemanticKey(fields, namespace, text); }

    public String shortNamespace() { return namespace.substring(0, 16); }

    private static int lastUserIndex(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) if (messages.get(i).role() == ChatMessage.Role.USER) return i;
        return -1;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
