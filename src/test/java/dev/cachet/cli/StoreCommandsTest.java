package dev.cachet.cli;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cachet stats} and {@code cachet cache clear} against a data dir filled through the engine. */
class StoreCommandsTest {

    @TempDir Path dir;
    @RegisterExtension final StdStreams std = new StdStreams();

    private void fill(String model, int answers) {
        var config = CachetConfig.defaults().withDefaultProvider("simulator")
                .withSimulator(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0));
        try (var engine = Engine.open(new EngineOptions(dir, config, false, InstantSource.system()))) {
            for (int i = 0; i < answers; i++) {
                engine.pipeline().execute(ChatRequest.ofPrompt("q" + i).withTarget("simulator", model), TokenListener.NONE, new Cancellation());
            }
            engine.conversations().create("one");
        }
    }

    private int run(String... args) { return std.run(args); }

    private String out() { return std.out(); }

    @Test void stats_showsEntriesPerTier_dbPath_andConversations() {
        fill("sim-small", 3);
        assertThat(run("--data-dir", dir.toString(), "stats")).isZero();
        assertThat(out()).contains("database       " + dir.resolve("cachet.db"))
                .contains("conversations  1")
                .containsPattern("l2\\s+3\\s+[\\d,]+\\s+0\\s+3\\s+0\\.0%")
                .contains("lost writes 0");
    }

    @Test void stats_reportsTheDatabaseAndItsWriteAheadLogApart() throws Exception {
        fill("sim-small", 3);
        long db = java.nio.file.Files.size(dir.resolve("cachet.db"));

        assertThat(run("--data-dir", dir.toString(), "stats")).isZero();

        assertThat(out()).contains(String.format(java.util.Locale.ROOT, "database       %s (%,d bytes)", dir.resolve("cachet.db"), db))
                .containsPattern("write-ahead log [^\\n]*cachet\\.db-wal \\([\\d,]+ bytes");
    }

    @Test void stats_onADataDirThatDoesNotExist_saysSo_andCreatesNothing() {
        Path none = dir.resolve("never-used");

        assertThat(run("--data-dir", none.toString(), "stats")).isZero();

        assertThat(out()).isEqualTo("no data yet: " + none + " does not exist (chat, replay or the window create it)" + System.lineSeparator());
        assertThat(none).doesNotExist();
    }

    @Test void cacheClear_onADataDirThatDoesNotExist_removesNothing_andCreatesNothing() {
        Path none = dir.resolve("never-used");

        assertThat(run("--data-dir", none.toString(), "cache", "clear")).isZero();

        assertThat(out()).isEqualTo("removed nothing (all): " + none + " holds no data yet" + System.lineSeparator());
        assertThat(none).doesNotExist();
    }

    @Test void cacheClear_byModel_thenAll_printsHowManyWereRemoved() {
        fill("sim-small", 3);
        fill("sim-large", 2);
        assertThat(run("--data-dir", dir.toString(), "cache", "clear", "--namespace", "model:simulator/sim-large")).isZero();
        assertThat(out()).isEqualTo("removed 2 exact-cache entries and 2 semantic-cache entries (model:simulator/sim-large)" + System.lineSeparator());
        assertThat(run("--data-dir", dir.toString(), "cache", "clear")).isZero();
        assertThat(out()).isEqualTo("removed 3 exact-cache entries and 3 semantic-cache entries (all)" + System.lineSeparator());
    }

    @Test void cacheClear_badNamespace_isUsageError() {
        assertThat(run("--data-dir", dir.toString(), "cache", "clear", "--namespace", "models:x")).isEqualTo(2);
        assertThat(std.err()).contains("namespace 'models:x' is not one of");
    }
}
