package dev.cachet.engine.store;

import java.util.List;

/** What the file keeps about its encryption: the key id, a sealed probe, the passphrase salt. Never the key. */
final class EncryptionSchema implements SchemaModule {

    @Override public String name() { return "encryption"; }

    @Override
    public List<String> migrations() {
        return List.of("CREATE TABLE encryption (name TEXT PRIMARY KEY, value BLOB NOT NULL)");
    }
}
