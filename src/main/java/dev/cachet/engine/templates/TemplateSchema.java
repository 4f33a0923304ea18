package dev.cachet.engine.templates;

import dev.cachet.engine.store.SchemaModule;

import java.util.List;

/** Every template version Cachet has seen: the pane's history and diff. Append migrations only. */
final class TemplateSchema implements SchemaModule {

    @Override public String name() { return "templates"; }

    @Override
    public List<String> migrations() {
        return List.of("""
                CREATE TABLE template_versions (
                  template_id   TEXT NOT NULL,
                  version       TEXT NOT NULL,
                  content       TEXT NOT NULL,
                  source        TEXT NOT NULL,
                  first_seen_ms INTEGER NOT NULL,
                  last_seen_ms  INTEGER NOT NULL,
                  PRIMARY KEY (template_id, version)
                );
                CREATE INDEX template_versions_seen ON template_versions(template_id, first_seen_ms);
                """);
    }
}
