package dev.cachet.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two processes replay into the same data dir at once, their prompts overlapping by half: both finish
 * without an error, and afterwards every answer either of them gave is in the cache.
 */
final class TwoWritersScenario implements Scenario {

    @Override public String name() { return "twoWriters"; }

    @Override public String description() {
        return "two processes write the same data dir at once: no error reaches a user, no entry lost";
    }

    @Override
    public ScenarioResult run(FaultContext ctx) throws Exception {
        int each = ctx.quick() ? 6_000 : 20_000;
        Path dataDir = ctx.dir(name());
        ctx.say(name() + ": two JVMs replay " + each + " prompts each (half of them shared) into one data dir");
        Path errA = dataDir.resolveSibling(dataDir.getFileName() + "-a.txt");
        Path errB = dataDir.resolveSibling(dataDir.getFileName() + "-b.txt");
        Process a = ctx.jvm().start(ReplayChild.class, dataDir, errA, dataDir.toString(), "0", Integer.toString(each), "0");
        Process b = ctx.jvm().start(ReplayChild.class, dataDir, errB, dataDir.toString(), Integer.toString(each / 2), Integer.toString(each), "0");
        var outA = Thread.ofVirtual().start(() -> drain(a));
        var outB = Thread.ofVirtual().start(() -> drain(b));
        boolean ended = a.waitFor(5, TimeUnit.MINUTES) & b.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            a.destroyForcibly();
            b.destroyForcibly();
        }
        outA.join();
        outB.join();
        String stderr = Files.readString(errA) + Files.readString(errB);
        List<String> errors = stderr.lines().filter(l -> l.contains("SEVERE") || l.startsWith("error") || l.contains("Exception")).toList();
        int union = each + each / 2;
        var check = KillDuringReplayScenario.check(dataDir, union, new HashSet<>());
        var result = new ScenarioResult.Builder(name()).sent(2L * each).answered(check.served())
                .lost(union - check.served())
                .figure("exitCodes", List.of(ended ? a.exitValue() : -1, ended ? b.exitValue() : -1))
                .figure("distinctPrompts", union)
                .figure("inCacheAfterwards", check.served())
                .figure("integrityCheck", check.integrity())
                .figure("writeRetriesLogged", stderr.lines().filter(l -> l.contains("retrying")).count());
        result.check(ended, "a writer did not finish within 5 minutes")
                .check(ended && a.exitValue() == 0 && b.exitValue() == 0, "a writer exited non-zero")
                .check(errors.isEmpty(), "errors reached the user: " + errors.stream().limit(3).toList())
                .check("ok".equals(check.integrity()), "integrity_check said " + check.integrity())
                .check(check.halfWritten() == 0, check.halfWritten() + " answers served differ from the model's");
        return result.build();
    }

    private static void drain(Process p) {
        try (var in = p.getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException ignored) {
            // the process ended
        }
    }
}
