package dev.cachet.engine.semantic.calibration;

import dev.cachet.engine.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteLabelStoreTest extends LabelStoreContract {

    @TempDir Path dir;
    private Database db;

    @Override protected LabelStore store() {
        db = Database.open(dir, InstantSource.system());
        return new SqliteLabelStore(db, InstantSource.system());
    }

    @AfterEach void close() { if (db != null) db.close(); }

    @Test
    void labels_surviveReopeningTheFile() {
        store().addLabel(new Label("ns", 4, 0.93, false, Label.Source.FEEDBACK, Instant.ofEpochMilli(5)));
        db.close();
        var again = store();
        assertThat(again.labels("ns")).containsExactly(new Label("ns", 4, 0.93, false, Label.Source.FEEDBACK, Instant.ofEpochMilli(5)));
    }
}
