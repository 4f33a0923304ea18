package dev.cachet.engine.store;

import java.util.List;

/**
 * The tables one part of Cachet owns in the shared SQLite file. Migration {@code i} (0-based) brings
 * the module from version {@code i} to {@code i + 1}; a released migration is never edited, only
 * appended to, so adding a table is a local change in the part that owns it.
 */
public interface SchemaModule {

    /** Stable name stored in {@code schema_version.module} ("cache", "conversations", ...). */
    String name();

    /** SQL statements in order; each entry may hold several statements separated by ';'. */
    List<String> migrations();
}
