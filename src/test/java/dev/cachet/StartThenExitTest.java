package dev.cachet;

import dev.cachet.faults.ExitWhileModelLoads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process that ends while the embedding model is still loading must exit cleanly. The model load
 * (native ONNX Runtime code) starts in the background when the engine opens; a JVM that exits with a
 * thread inside it dies with SIGSEGV (exit 134, hs_err_pid*.log in the working dir, the crash banner on
 * stdout). Each cycle is a separate JVM: twenty end 0 to 95 ms after a thread was seen inside ONNX
 * Runtime's session creation (the window where the crash happens), two run the real commands whose
 * exit falls in the load on a small machine (chat, and the window's start-up measurement, which exits
 * right after its first frame started the background work).
 */
class StartThenExitTest {

    private static final int CYCLES = 20;

    @TempDir Path dir;

    @Test
    void startThenExitCycles_neverCrash_andLeaveNothingInTheTempDir() throws Exception {
        var process = new MainProcess(dir.resolve("sandbox"));
        var cycles = new ArrayList<Cycle>();
        for (int i = 0; i < CYCLES; i++) {
            Path data = Files.createDirectories(dir.resolve("data-" + i));
            Path work = dir.resolve("work-" + i);
            long delayMs = 5L * i;
            cycles.add(new Cycle("exit " + delayMs + " ms into the model load", "exiting while the model loads",
                    () -> process.run(ExitWhileModelLoads.class, work, data.toString(), Long.toString(delayMs))));
        }
        Path chatData = Files.createDirectories(dir.resolve("chat"));
        Files.writeString(chatData.resolve("cachet.yaml"), "simulator: {timeToFirstToken: 400ms, tokensPerSecond: 0}\n");
        cycles.add(new Cycle("chat, answer after 400 ms", "[simulated answer]",
                () -> process.run(dir.resolve("chat-work"), "--data-dir", chatData.toString(), "chat", "What is a semantic cache?")));
        cycles.add(new Cycle("window start-up measurement", "startup: window usable",
                () -> process.run(dir.resolve("window-work"), "--data-dir", dir.resolve("window").toString(), "--measure-startup")));

        // Two at a time: bounded wall time on a small machine, and still each its own JVM.
        var runs = new ArrayList<MainProcess.Run>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Future<MainProcess.Run>> futures = pool.invokeAll(cycles.stream().map(Cycle::run).toList());
            for (var f : futures) runs.add(f.get());
        }

        var failed = new ArrayList<String>();
        for (int i = 0; i < cycles.size(); i++) {
            MainProcess.Run run = runs.get(i);
            boolean clean = run.exitCode() == 0 && run.hsErrFiles().isEmpty() && run.out().contains(cycles.get(i).expectedOut())
                    && !run.out().contains("A fatal error has been detected");
            if (!clean) failed.add(cycles.get(i).name() + ": " + run.describe());
        }
        assertThat(failed).as("%d of %d cycles did not exit cleanly", failed.size(), cycles.size()).isEmpty();
        // Every process that loaded ONNX Runtime must leave neither its native libraries nor an empty dir behind.
        try (Stream<Path> left = Files.list(process.tmpDir())) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("onnxruntime"))).isEmpty();
        }
    }

    private record Cycle(String name, String expectedOut, Callable<MainProcess.Run> run) { }
}
