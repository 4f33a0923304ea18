package dev.cachet.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Chat conversations in the shared SQLite file: create, append turns (with how each answer was
 * produced), list newest first, full-text search, rename, delete, export as Markdown or JSON.
 */
public final class ConversationStore {

    /** The encryption scope conversations fall under (see {@link AtRest}); sealed ones are not found by search. */
    static final String SEALED = "conversations";

    private static final String CONVERSATION = "SELECT c.id, c.title, c.created_ms, c.updated_ms, "
            + "(SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS n FROM conversations c";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Database db;
    private final InstantSource clock;

    public ConversationStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
        db.migrate(new ConversationSchema());
    }

    public Conversation create(String title) {
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        String t = cleanTitle(title);
        db.write(c -> {
            try (var ps = c.prepareStatement("INSERT INTO conversations(id, title, created_ms, updated_ms) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, db.atRest().sealText(t, SEALED));
                ps.setLong(3, now);
                ps.setLong(4, now);
                return ps.executeUpdate();
            }
        });
        return new Conversation(id, t, Instant.ofEpochMilli(now), Instant.ofEpochMilli(now), 0);
    }

    /** Appends a user, system or tool message (or an assistant text without pipeline facts). */
    public StoredMessage append(String conversationId, ChatMessage message) {
        return append(conversationId, message, null);
    }

    /** Appends an assistant turn as the pipeline produced it. */
    public StoredMessage appendAnswer(String conversationId, ChatResult.Answered answer) {
        return append(conversationId, ChatMessage.assistant(answer.text()), AnswerFacts.of(answer));
    }

    public StoredMessage append(String conversationId, ChatMessage message, AnswerFacts facts) {
        long now = clock.millis();
        int seq = db.write(c -> {
            requireConversation(c, conversationId);
            int next;
            try (var ps = c.prepareStatement("SELECT coalesce(max(seq) + 1, 0) FROM messages WHERE conversation_id = ?")) {
                ps.setString(1, conversationId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    next = rs.getInt(1);
                }
            }
            try (var ps = c.prepareStatement("INSERT INTO messages(conversation_id, seq, role, content, created_ms, source, "
                    + "provider, model, tokens_in, tokens_out, cost_usd, ttft_ms, total_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, conversationId);
                ps.setInt(2, next);
                ps.setString(3, message.role().name());
                ps.setString(4, db.atRest().sealText(message.content(), SEALED));
                ps.setLong(5, now);
                ps.setString(6, facts == null ? null : facts.source().name());
                ps.setString(7, facts == null ? null : facts.model().provider());
                ps.setString(8, facts == null ? null : facts.model().model());
                setInt(ps, 9, facts == null ? null : facts.usage().inputTokens());
                setInt(ps, 10, facts == null ? null : facts.usage().outputTokens());
                if (facts == null) ps.setNull(11, Types.REAL); else ps.setDouble(11, facts.costUsd());
                setLong(ps, 12, facts == null ? null : facts.ttftMs());
                setLong(ps, 13, facts == null ? null : facts.totalMs());
                ps.executeUpdate();
            }
            touch(c, conversationId, now);
            return next;
        });
        return new StoredMessage(seq, message, Instant.ofEpochMilli(now), facts);
    }

    public Optional<Conversation> find(String id) {
        return db.read(c -> {
            try (var ps = c.prepareStatement(CONVERSATION + " WHERE c.id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(conversation(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Every conversation, most recently updated first. */
    public List<Conversation> list() {
        return db.read(c -> {
            try (var ps = c.prepareStatement(CONVERSATION + " ORDER BY c.updated_ms DESC, c.created_ms DESC, c.id");
                 var rs = ps.executeQuery()) {
                var out = new ArrayList<Conversation>();
                while (rs.next()) out.add(conversation(rs));
                return out;
            }
        });
    }

    public int count() {
        return db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM conversations")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    public List<StoredMessage> messages(String conversationId) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq")) {
                ps.setString(1, conversationId);
                try (var rs = ps.executeQuery()) {
                    var out = new ArrayList<StoredMessage>();
                    while (rs.next()) out.add(message(rs));
                    return out;
                }
            }
        });
    }

    /** The messages as a model receives them, to continue the conversation. */
    public List<ChatMessage> history(String conversationId) {
        return messages(conversationId).stream().map(StoredMessage::message).toList();
    }

    /**
     * Conversations whose title or messages contain every word of {@code text} (prefix match, case-
     * and accent-insensitive for messages), most recently updated first.
     */
    public List<ConversationHit> search(String text) {
        List<String> words = List.of(text == null ? new String[0] : text.strip().split("\\s+")).stream()
                .filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) return List.of();
        String match = String.join(" ", words.stream().map(w -> "\"" + w.replace("\"", "\"\"") + "\"*").toList());
        return db.read(c -> {
            var hits = new LinkedHashMap<String, ConversationHit>();
            try (var ps = c.prepareStatement(CONVERSATION + " WHERE " + String.join(" AND ",
                    words.stream().map(w -> "c.title LIKE ? ESCAPE '\\'").toList()))) {
                for (int i = 0; i < words.size(); i++) ps.setString(i + 1, "%" + likeEscape(words.get(i)) + "%");
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var conv = conversation(rs);
                        hits.put(conv.id(), new ConversationHit(conv, conv.title()));
                    }
                }
            }
            try (var ps = c.prepareStatement("SELECT m.conversation_id, snippet(messages_fts, 0, '[', ']', '…', 12) "
                    + "FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid WHERE messages_fts MATCH ? ORDER BY rank")) {
                ps.setString(1, match);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        if (hits.containsKey(id)) continue;
                        String snippet = rs.getString(2);
                        findIn(c, id).ifPresent(conv -> hits.put(id, new ConversationHit(conv, snippet)));
                    }
                }
            }
            var out = new ArrayList<>(hits.values());
            out.sort((a, b) -> b.conversation().updated().compareTo(a.conversation().updated()));
            return out;
        });
    }

    public void rename(String conversationId, String title) {
        String t = cleanTitle(title);
        db.write(c -> {
            requireConversation(c, conversationId);
            try (var ps = c.prepareStatement("UPDATE conversations SET title = ?, updated_ms = ? WHERE id = ?")) {
                ps.setString(1, db.atRest().sealText(t, SEALED));
                ps.setLong(2, clock.millis());
                ps.setString(3, conversationId);
                return ps.executeUpdate();
            }
        });
    }

    /** Deletes a conversation and its messages; false if there was none. */
    public boolean delete(String conversationId) {
        return db.write(c -> {
            try (var ps = c.prepareStatement("DELETE FROM messages WHERE conversation_id = ?")) {
                ps.setString(1, conversationId);
                ps.executeUpdate();
            }
            try (var ps = c.prepareStatement("DELETE FROM conversations WHERE id = ?")) {
                ps.setString(1, conversationId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public String exportMarkdown(String conversationId) {
        Conversation conv = require(conversationId);
        var md = new StringBuilder();
        md.append("# ").append(conv.title()).append("\n\n");
        md.append("_Conversation ").append(conv.id()).append(" · created ").append(conv.created())
                .append(" · updated ").append(conv.updated()).append("_\n");
        for (StoredMessage m : messages(conversationId)) {
            String role = m.message().role().name().toLowerCase(Locale.ROOT);
            md.append("\n## ").append(Character.toUpperCase(role.charAt(0))).append(role.substring(1)).append("\n\n");
            md.append(m.message().content()).append("\n");
            if (m.facts() != null) md.append("\n> ").append(describe(m.facts())).append("\n");
        }
        return md.toString();
    }

    public String exportJson(String conversationId) {
        Conversation conv = require(conversationId);
        var root = new LinkedHashMap<String, Object>();
        root.put("id", conv.id());
        root.put("title", conv.title());
        root.put("created", conv.created().toString());
        root.put("updated", conv.updated().toString());
        var list = new ArrayList<Map<String, Object>>();
        for (StoredMessage m : messages(conversationId)) {
            var msg = new LinkedHashMap<String, Object>();
            msg.put("seq", m.seq());
            msg.put("role", m.message().role().name().toLowerCase(Locale.ROOT));
            msg.put("content", m.message().content());
            msg.put("created", m.created().toString());
            if (m.facts() != null) {
                AnswerFacts f = m.facts();
                var facts = new LinkedHashMap<String, Object>();
                facts.put("source", f.source().name().toLowerCase(Locale.ROOT));
                facts.put("provider", f.model().provider());
                facts.put("model", f.model().model());
                facts.put("tokensIn", f.usage().inputTokens());
                facts.put("tokensOut", f.usage().outputTokens());
                facts.put("costUsd", f.costUsd());
                facts.put("ttftMs", f.ttftMs());
                facts.put("totalMs", f.totalMs());
                msg.put("answer", facts);
            }
            list.add(msg);
        }
        root.put("messages", list);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write conversation " + conversationId + " as JSON", e);
        }
    }

    private static String describe(AnswerFacts f) {
        var s = new StringBuilder(f.source().label()).append(" · ").append(f.model())
                .append(" · ").append(f.usage().inputTokens()).append(" in / ").append(f.usage().outputTokens()).append(" out tokens")
                .append(String.format(Locale.ROOT, " · $%.6f", f.costUsd()));
        if (f.ttftMs() != null) s.append(" · ttft ").append(f.ttftMs()).append(" ms");
        if (f.totalMs() != null) s.append(" · total ").append(f.totalMs()).append(" ms");
        return s.toString();
    }

    private Conversation require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no conversation '" + id + "'"));
    }

    private void requireConversation(Connection c, String id) throws SQLException {
        if (findIn(c, id).isEmpty()) throw new IllegalArgumentException("no conversation '" + id + "'");
    }

    private Optional<Conversation> findIn(Connection c, String id) throws SQLException {
        try (var ps = c.prepareStatement(CONVERSATION + " WHERE c.id = ?")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(conversation(rs)) : Optional.empty();
            }
        }
    }

    private static void touch(Connection c, String id, long now) throws SQLException {
        try (var ps = c.prepareStatement("UPDATE conversations SET updated_ms = max(updated_ms, ?) WHERE id = ?")) {
            ps.setLong(1, now);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    private Conversation conversation(ResultSet rs) throws SQLException {
        return new Conversation(rs.getString("id"), db.atRest().openText(rs.getString("title")), Instant.ofEpochMilli(rs.getLong("created_ms")),
                Instant.ofEpochMilli(rs.getLong("updated_ms")), rs.getInt("n"));
    }

    private StoredMessage message(ResultSet rs) throws SQLException {
        var msg = new ChatMessage(ChatMessage.Role.valueOf(rs.getString("role")), db.atRest().openText(rs.getString("content")));
        String source = rs.getString("source");
        AnswerFacts facts = null;
        if (source != null) {
            long ttft = rs.getLong("ttft_ms");
            Long ttftMs = rs.wasNull() ? null : ttft;
            long total = rs.getLong("total_ms");
            Long totalMs = rs.wasNull() ? null : total;
            facts = new AnswerFacts(AnswerSource.valueOf(source), new ModelRef(rs.getString("provider"), rs.getString("model")),
                    new Usage(rs.getInt("tokens_in"), rs.getInt("tokens_out")), rs.getDouble("cost_usd"), ttftMs, totalMs);
        }
        return new StoredMessage(rs.getInt("seq"), msg, Instant.ofEpochMilli(rs.getLong("created_ms")), facts);
    }

    private static String cleanTitle(String title) {
        String t = title == null ? "" : title.strip().replaceAll("\\s+", " ");
        return t.isEmpty() ? "New conversation" : t;
    }

    private static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void setInt(java.sql.PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER); else ps.setInt(i, v);
    }

    private static void setLong(java.sql.PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER); else ps.setLong(i, v);
    }
}
