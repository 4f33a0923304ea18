package dev.cachet.engine.data;

import dev.cachet.engine.config.Environment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** A data source that cannot connect says why in one warning line, once, and keeps the reason as its status. */
class DataSourceTest {

    @TempDir Path dir;

    private final Logger logger = Logger.getLogger(DataSource.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override public void publish(LogRecord r) { records.add(r); }
        @Override public void flush() { }
        @Override public void close() { }
    };

    @BeforeEach void listen() { logger.addHandler(capture); }
    @AfterEach void stopListening() { logger.removeHandler(capture); }

    @Test void missingPasswordVariable_isOneWarningLine_withoutStackTrace_loggedOnce() {
        var settings = new DataSettings("jdbc:postgresql://127.0.0.1:1/shop", "reader", "SHOP_DB_PASSWORD", 200, Duration.ofSeconds(5), 1);
        var source = new DataSource(settings, dir, Environment.of(Map.of()));

        source.connect();
        source.connect();   // the engine connects at start and again off the start-up path

        assertThat(source.status()).startsWith("cannot connect: ").contains("SHOP_DB_PASSWORD is not set");
        var warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getFirst().getThrown()).isNull();
        assertThat(warnings.getFirst().getMessage()).contains("data route: cannot connect").contains("SHOP_DB_PASSWORD is not set");
    }
}
