package dev.cachet.cli;

import dev.cachet.faults.ChildJvm;
import dev.cachet.faults.FaultContext;
import dev.cachet.faults.FaultSuite;
import dev.cachet.faults.InProcessCli;
import dev.cachet.faults.Scenario;
import dev.cachet.faults.ScenarioResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code cachet faults}: runs the fault suite (misbehaving local servers, killed and concurrent
 * processes, damaged databases, bad input, key leaks, cache isolation) against the real engine in a
 * scratch folder, prints progress on stderr and a JSON summary as the last stdout line.
 */
@Command(name = "faults", description = {
        "Run the fault suite against the real engine: local servers that misbehave on purpose (429 bursts, 5xx, slow first "
        + "token, cut and reset streams, malformed JSON), kill -9 and two writers on one data dir, damaged databases, bad input, "
        + "key-leak scan and cache-isolation attack. Prints a JSON summary (per scenario: sent, answered, failed, lost, "
        + "duplicateCalls, 429sToCallers, figures) as the last stdout line. Loopback only; nothing outside the scratch folder is touched."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every scenario held (lost 0 everywhere)", "1:a scenario did not hold", "2:bad usage"})
final class FaultsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--only", split = ",", paramLabel = "NAME", description = "run only these scenarios (see --list)")
    List<String> only;

    @Option(names = "--skip", split = ",", paramLabel = "NAME", description = "leave these scenarios out")
    List<String> skip;

    @Option(names = "--quick", description = "smaller sizes (600 rate-limited requests instead of 2,000, ...): what the build runs")
    boolean quick;

    @Option(names = "--list", description = "list the scenarios and exit")
    boolean list;

    @Option(names = "--keep", description = "keep the scratch folder (its path is printed)")
    boolean keep;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Scenario> all = FaultSuite.all();
        if (list) {
            all.forEach(s -> out.printf("%-20s %s%n", s.name(), s.description()));
            out.flush();
            return 0;
        }
        var names = all.stream().map(Scenario::name).toList();
        for (String n : concat(only, skip)) {
            if (!names.contains(n)) {
                err.println("error: no scenario '" + n + "' (known: " + String.join(", ", names) + ")");
                err.flush();
                return 2;
            }
        }
        var chosen = all.stream().filter(s -> only == null || only.contains(s.name()))
                .filter(s -> skip == null || !skip.contains(s.name())).toList();
        Path scratch = Files.createTempDirectory("cachet-faults-");
        var ctx = new FaultContext(scratch, quick, ChildJvm.current(), new InProcessCli(CachetCommand::commandLine), line -> {
            synchronized (err) {
                err.println("faults: " + line);
                err.flush();
            }
        });
        Map<String, ScenarioResult> results;
        try {
            results = FaultSuite.run(chosen, ctx);
        } finally {
            if (keep) err.println("faults: scratch folder kept at " + scratch);
            else deleteTree(scratch);
        }
        out.println(FaultSuite.json(results));
        out.flush();
        return results.values().stream().allMatch(ScenarioResult::passed) ? 0 : 1;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new ArrayList<String>();
        if (a != null) all.addAll(a);
        if (b != null) all.addAll(b);
        return all;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
