package dev.cachet.engine.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sample database through a real read-only SQLite connection. */
class ConnectedDatabaseTest {

    @TempDir Path dir;

    private ConnectedDatabase open() throws DataException {
        Path file = SampleDatabase.ensure(dir);
        return ConnectedDatabase.open(file.toString(), null, null, name -> Optional.empty());
    }

    @Test void sampleDatabase_isBuiltOnce_andIntrospected() throws Exception {
        try (var db = open()) {
            assertThat(db.schema().product()).isEqualTo("SQLite");
            assertThat(db.schema().columnsByTable()).containsOnlyKeys("categories", "products", "customers", "orders", "order_items");
            assertThat(db.schema().columnsByTable().get("order_items")).containsExactly("order_id", "product_id", "quantity", "unit_price");
            assertThat(db.schema().describe()).contains("orders(order_id integer, customer_id integer, order_date text, status text)");
            assertThat(db.identity()).startsWith("jdbc:sqlite:").endsWith("sample-shop.db");
        }
        long modified = java.nio.file.Files.getLastModifiedTime(dir.resolve(SampleDatabase.FILE)).toMillis();
        SampleDatabase.ensure(dir);
        assertThat(java.nio.file.Files.getLastModifiedTime(dir.resolve(SampleDatabase.FILE)).toMillis()).isEqualTo(modified);
    }

    @Test void query_returnsRowsAsText() throws Exception {
        try (var db = open()) {
            var r = db.query("SELECT name, unit_price FROM products ORDER BY unit_price DESC LIMIT 2", 10, Duration.ofSeconds(5));
            assertThat(r.columns()).containsExactly("name", "unit_price");
            assertThat(r.rows()).containsExactly(java.util.List.of("Espresso Machine", "649"), java.util.List.of("Burr Grinder", "189"));
            assertThat(r.truncated()).isFalse();
        }
    }

    @Test void theRowLimit_cutsAndSaysSo() throws Exception {
        try (var db = open()) {
            var r = db.query("SELECT order_id FROM orders", 50, Duration.ofSeconds(5));
            assertThat(r.rows()).hasSize(50);
            assertThat(r.truncated()).isTrue();
        }
    }

    @Test void theConnectionItself_refusesWrites_evenIfTheCheckWereBypassed() throws Exception {
        try (var db = open()) {
            assertThatThrownBy(() -> db.query("DELETE FROM orders", 10, Duration.ofSeconds(5)))
                    .isInstanceOf(DataException.class).hasMessageContaining("readonly");
            assertThat(db.query("SELECT COUNT(*) FROM orders", 10, Duration.ofSeconds(5)).rows().getFirst().getFirst()).isEqualTo("180");
        }
    }

    @Test void aRunawayQuery_isStoppedByTheTimeout() throws Exception {
        try (var db = open()) {
            String endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n";
            assertThatThrownBy(() -> db.query(endless, 10, Duration.ofMillis(500))).isInstanceOf(DataException.class)
                    .hasMessageContaining("ran longer than 500 ms and was stopped");
            assertThat(db.query("SELECT COUNT(*) FROM customers", 10, Duration.ofSeconds(5)).rows().getFirst()).containsExactly("24");
        }
    }

    @Test void aMissingFile_isAClearError() {
        assertThatThrownBy(() -> ConnectedDatabase.open(dir.resolve("nope.db").toString(), null, null, n -> Optional.empty()))
                .isInstanceOf(DataException.class).hasMessageContaining("no SQLite file at");
    }

    @Test void identity_dropsCredentials() {
        assertThat(ConnectedDatabase.identityOf("jdbc:postgresql://bob:secret@db.local:5432/shop?password=x", "bob"))
                .isEqualTo("jdbc:postgresql://db.local:5432/shop as bob");
    }

    @Test void aPasswordVariableThatIsNotSet_isNamed() {
        assertThatThrownBy(() -> ConnectedDatabase.open("jdbc:postgresql://127.0.0.1:9/shop", "bob", "SHOP_DB_PASSWORD", n -> Optional.empty()))
                .hasMessageContaining("SHOP_DB_PASSWORD is not set");
    }
}
