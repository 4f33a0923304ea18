package dev.cachet.engine.templates;

import dev.cachet.engine.definitions.DefinitionSet;
import dev.cachet.engine.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Template history in the SQLite file: each (id, version) once, with the file's text and when it was
 * first and last seen serving. Written when the live set changes; read by the pane's History.
 */
public final class TemplateVersions {

    private final Database database;
    private final InstantSource clock;

    public TemplateVersions(Database database, InstantSource clock) {
        this.database = database;
        this.clock = clock;
        database.migrate(new TemplateSchema());
    }

    /** Records every template serving from a file's current text (not those serving a last good version). */
    public void record(DefinitionSet<PromptTemplate> set) {
        var fresh = set.byId().values().stream().filter(e -> !e.stale()).toList();
        if (fresh.isEmpty()) return;
        long now = clock.millis();
        database.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO template_versions(template_id, version, content, source, "
                    + "first_seen_ms, last_seen_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(template_id, version) "
                    + "DO UPDATE SET last_seen_ms = excluded.last_seen_ms")) {
                for (var e : fresh) {
                    ps.setString(1, e.value().id());
                    ps.setString(2, e.value().version());
                    ps.setString(3, e.source().text());
                    ps.setString(4, e.source().name());
                    ps.setLong(5, now);
                    ps.setLong(6, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The versions of one template, newest first. */
    public List<TemplateVersion> history(String templateId) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT template_id, version, content, source, first_seen_ms, last_seen_ms "
                    + "FROM template_versions WHERE template_id = ? ORDER BY first_seen_ms DESC, last_seen_ms DESC")) {
                ps.setString(1, templateId);
                var out = new ArrayList<TemplateVersion>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(row(rs));
                }
                return out;
            }
        });
    }

    public Optional<TemplateVersion> find(String templateId, String version) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT template_id, version, content, source, first_seen_ms, last_seen_ms "
                    + "FROM template_versions WHERE template_id = ? AND version = ?")) {
                ps.setString(1, templateId);
                ps.setString(2, version);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    private static TemplateVersion row(ResultSet rs) throws SQLException {
        return new TemplateVersion(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)));
    }
}
