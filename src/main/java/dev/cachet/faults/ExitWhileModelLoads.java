package dev.cachet.faults;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.config.ConfigFile;
import dev.cachet.engine.config.Environment;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A child-process main for the exit-during-warm-up scenario (and StartThenExitTest): opens the engine as every command does (its
 * embedding model starts loading in the background), waits until some thread is inside ONNX Runtime's
 * session creation, waits {@code delayMs} more, then closes the engine and exits as {@code Main} does.
 * Exits 0 when all went well, 2 when no thread was ever seen loading the model.
 *
 * <p>Arguments: DATA_DIR DELAY_MS.
 */
public final class ExitWhileModelLoads {

    private static final String NATIVE_LOAD = "ai.onnxruntime.OrtSession.createSession";

    private ExitWhileModelLoads() { }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        long delayMs = Long.parseLong(args[1]);
        boolean seen;
        var options = new EngineOptions(dataDir, new ConfigFile().load(dataDir), true, java.time.InstantSource.system(),
                Environment.system(), ModelCatalogue.load(dataDir));
        try (var engine = Engine.open(options)) {
            seen = awaitThreadIn(NATIVE_LOAD, Duration.ofSeconds(60));
            Thread.sleep(delayMs);
            System.out.println(seen ? "exiting while the model loads" : "never saw the model load");
        }
        System.exit(seen ? 0 : 2);
    }

    /** Polls full thread dumps (virtual threads included) until a stack holds {@code frame}. */
    private static boolean awaitThreadIn(String frame, Duration max) throws IOException, InterruptedException {
        var diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        Path dumps = Files.createTempDirectory("thread-dumps");
        Instant end = Instant.now().plus(max);
        try {
            for (int i = 0; Instant.now().isBefore(end); i++) {
                Path dump = dumps.resolve("dump-" + i + ".txt");
                diagnostics.dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
                String text = Files.readString(dump);
                Files.delete(dump);
                if (text.contains(frame)) return true;
                Thread.sleep(10);
            }
            return false;
        } finally {
            Files.deleteIfExists(dumps);
        }
    }
}
