package dev.cachet.faults;

import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.provider.SimulatorProvider;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process the kill and two-writer scenarios start (and kill): replays {@code COUNT} distinct prompts
 * from {@code FIRST} on against the zero-latency simulator into {@code DATA_DIR}, and prints
 * {@code durable KEY} for every cache entry as soon as its write-behind transaction has committed, then
 * {@code closing} before the engine closes (the final flush) and {@code done ANSWERED FAILED} after.
 *
 * <p>Arguments: DATA_DIR FIRST COUNT SLOW_DISK_MS.
 */
public final class ReplayChild {

    private ReplayChild() { }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int first = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        long slowDiskMs = Long.parseLong(args[3]);
        PrintStream out = System.out;
        var options = FaultEngines.simulatorOptions(dataDir);
        long answered;
        long failed;
        try (var engine = Engine.open(options)) {
            if (slowDiskMs > 0) engine.database().simulateSlowDisk(Duration.ofMillis(slowDiskMs));
            engine.exactCache().whenDurable(entries -> {
                var sb = new StringBuilder();
                for (var e : entries) sb.append("durable ").append(e.key().hex()).append('\n');
                synchronized (out) {
                    out.print(sb);
                    out.flush();
                }
            });
            var sent = Traffic.count(engine.pipeline(), count, 64, i -> request(first + i));
            answered = sent.answered();
            failed = sent.failed();
            synchronized (out) {
                out.println("closing");
                out.flush();
            }
        }
        out.println("done " + answered + " " + failed);
        out.flush();
        System.exit(failed == 0 ? 0 : 1);
    }

    /** The request for prompt number {@code n}: the same in the child and in the checks after it. */
    static ChatRequest request(int n) {
        return FaultEngines.request(SimulatorProvider.ID, "Distinct question " + n);
    }
}
