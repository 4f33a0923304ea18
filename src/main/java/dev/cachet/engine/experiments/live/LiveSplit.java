package dev.cachet.engine.experiments.live;

import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.pipeline.PipelineObserver;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.trace.Trace;
import dev.cachet.engine.trace.TraceEntry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Live A/B on chat traffic: every answer rendered from a template by its split (the session's sticky
 * variant) is stored with its latency, TTFT, cost, cache hit and whether it was a Regenerate; the person's
 * 👍/👎 is added later by request id. {@link #report} turns a template's answers into statistics.
 */
public final class LiveSplit implements PipelineObserver {

    private final Database db;
    private final InstantSource clock;

    public LiveSplit(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
        db.migrate(new LiveSplitSchema());
    }

    @Override
    public void onFinished(ChatRequest request, ChatResult result) {
        Trace trace = switch (result) {
            case ChatResult.Answered a -> a.trace();
            case ChatResult.Failed f -> f.trace();
            case ChatResult.Cancelled c -> null; // stopped by the person: says nothing about the variant
        };
        if (trace == null || request.sessionId() == null) return;
        Optional<TraceEntry> render = trace.entry("render");
        if (render.isEmpty()) return;
        var d = render.get().details();
        String reason = d.getOrDefault("variantReason", "");
        String ref = d.get("template");
        if (!reason.startsWith("split") || ref == null) return;
        boolean answered = result instanceof ChatResult.Answered;
        boolean hit = result instanceof ChatResult.Answered a && a.source().fromCache();
        int at = ref.lastIndexOf('@'); // "id@version"
        record(new LiveAnswer(trace.requestId(), at < 0 ? ref : ref.substring(0, at),
                d.get("variant"), request.sessionId(), clock.millis(), answered,
                trace.total().map(x -> x.toNanos() / 1e6).orElse(0.0), trace.timeToFirstToken().map(x -> x.toNanos() / 1e6).orElse(null),
                trace.costUsd(), hit, request.cacheMode() == CacheMode.REFRESH, null));
    }

    /** Stores one answer (the observer's path; tests and imports may call it directly). */
    public void record(LiveAnswer a) {
        db.write(c -> {
            try (var ps = c.prepareStatement("INSERT OR REPLACE INTO live_split_answers(request_id, template_id, variant, session_id, at_ms, "
                    + "answered, latency_ms, ttft_ms, cost_usd, cache_hit, regenerate, feedback) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, a.requestId());
                ps.setString(2, a.templateId());
                ps.setString(3, a.variant());
                ps.setString(4, a.sessionId());
                ps.setLong(5, a.atMs());
                ps.setInt(6, a.answered() ? 1 : 0);
                ps.setDouble(7, a.latencyMs());
                if (a.ttftMs() == null) ps.setNull(8, Types.REAL);
                else ps.setDouble(8, a.ttftMs());
                ps.setDouble(9, a.costUsd());
                ps.setInt(10, a.cacheHit() ? 1 : 0);
                ps.setInt(11, a.regenerate() ? 1 : 0);
                if (a.feedback() == null) ps.setNull(12, Types.INTEGER);
                else ps.setInt(12, a.feedback() ? 1 : 0);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * The person's 👍 ({@code up}) or 👎 on an answer; null takes it back.
     *
     * @return whether the answer belongs to a live split (others are not counted anywhere)
     */
    public boolean feedback(String requestId, Boolean up) {
        return db.write(c -> {
            try (var ps = c.prepareStatement("UPDATE live_split_answers SET feedback = ? WHERE request_id = ?")) {
                if (up == null) ps.setNull(1, Types.INTEGER);
                else ps.setInt(1, up ? 1 : 0);
                ps.setString(2, requestId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Templates with live answers, most recent first. */
    public List<String> templates() {
        return db.read(c -> {
            var out = new ArrayList<String>();
            try (var ps = c.prepareStatement("SELECT template_id FROM live_split_answers GROUP BY template_id ORDER BY MAX(at_ms) DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }

    public List<LiveAnswer> answers(String templateId) {
        return db.read(c -> {
            var out = new ArrayList<LiveAnswer>();
            try (var ps = c.prepareStatement("SELECT request_id, template_id, variant, session_id, at_ms, answered, latency_ms, ttft_ms, cost_usd, "
                    + "cache_hit, regenerate, feedback FROM live_split_answers WHERE template_id = ? ORDER BY at_ms")) {
                ps.setString(1, templateId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(row(rs));
                }
            }
            return out;
        });
    }

    private static LiveAnswer row(ResultSet rs) throws SQLException {
        double ttft = rs.getDouble(8);
        Double ttftMs = rs.wasNull() ? null : ttft;
        int fb = rs.getInt(12);
        Boolean feedback = rs.wasNull() ? null : fb == 1;
        return new LiveAnswer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getInt(6) == 1,
                rs.getDouble(7), ttftMs, rs.getDouble(9), rs.getInt(10) == 1, rs.getInt(11) == 1, feedback);
    }

    /** The template's live A/B so far, variants in {@code order} first (the split's order), then any others seen. */
    public LiveReport report(String templateId, List<String> order) {
        return LiveStatistics.report(templateId, answers(templateId), order);
    }
}
