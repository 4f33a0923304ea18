package dev.cachet.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A process that exits while the embedding model loads (native ONNX Runtime code), twenty times in a
 * row at 0 to 95 ms after a thread was seen inside the load: every one exits 0, leaves no hs_err file
 * and no crash banner. The same harness as the build's StartThenExitTest ({@link ExitWhileModelLoads}).
 */
final class ExitDuringWarmUpScenario implements Scenario {

    private static final int CYCLES = 20;

    @Override public String name() { return "exitDuringWarmUp"; }

    @Override public String description() {
        return "exit during the embedding model's warm-up, 20 times in a row: no crash, no hs_err file";
    }

    @Override
    public ScenarioResult run(FaultContext ctx) throws Exception {
        var result = new ScenarioResult.Builder(name());
        Path root = ctx.dir(name());
        var cycles = new ArrayList<Callable<String>>();
        for (int i = 0; i < CYCLES; i++) {
            long delayMs = 5L * i;
            Path work = Files.createDirectories(root.resolve("cycle-" + i));
            cycles.add(() -> cycle(ctx, work, delayMs));
        }
        ctx.say(name() + ": " + CYCLES + " JVMs exit 0..95 ms into the model load, two at a time");
        var failures = new ArrayList<String>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Future<String>> done = pool.invokeAll(cycles);
            for (var f : done) {
                String problem = f.get();
                if (problem != null) failures.add(problem);
            }
        }
        result.sent(CYCLES).answered(CYCLES - failures.size()).failed(failures.size())
                .figure("cycles", CYCLES).figure("crashed", failures.size());
        failures.stream().limit(3).forEach(p -> result.check(false, p));
        return result.build();
    }

    /** Null when the cycle ended cleanly, else what went wrong. */
    private static String cycle(FaultContext ctx, Path work, long delayMs) throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        Process p = ctx.jvm().start(ExitWhileModelLoads.class, work, work.resolve("stderr.txt"), data.toString(), Long.toString(delayMs));
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            return "exit " + delayMs + " ms into the load: did not end within 3 minutes";
        }
        List<Path> crashes;
        try (Stream<Path> files = Files.list(work)) {
            crashes = files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).toList();
        }
        boolean clean = p.exitValue() == 0 && crashes.isEmpty() && out.contains("exiting while the model loads")
                && !out.contains("A fatal error has been detected");
        return clean ? null : "exit " + delayMs + " ms into the load: exit code " + p.exitValue() + ", crash reports " + crashes;
    }
}
