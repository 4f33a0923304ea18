package dev.cachet.engine.routing;

import dev.cachet.engine.store.SchemaModule;

import java.util.List;

/** The routing-decision cache's table in cachet.db. Append migrations; never edit a released one. */
final class RoutingSchema implements SchemaModule {

    @Override public String name() { return "routing"; }

    @Override
    public List<String> migrations() {
        return List.of("""
                CREATE TABLE routing_decision (
                  key         TEXT PRIMARY KEY,
                  route       TEXT NOT NULL,
                  confidence  REAL NOT NULL,
                  reason      TEXT NOT NULL,
                  created_ms  INTEGER NOT NULL,
                  expires_ms  INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX routing_decision_expires ON routing_decision(expires_ms);
                """);
    }
}
