package dev.cachet.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code cachet [--data-dir DIR] [command]}: with no command, opens the workbench window. */
@Command(name = "cachet", mixinStandardHelpOptions = true, version = "cachet 0.1.0",
        description = "LLM cost/latency pipeline workbench. With no command, opens the window.",
        subcommands = {ChatCommand.class, StatsCommand.class, CacheCommand.class, ReplayCommand.class, BenchCommand.class,
                EvalCacheCommand.class, InspectCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:some requests failed", "2:bad usage or input", "3:cannot start (data dir, config)"})
public final class CachetCommand implements Callable<Integer> {

    private static volatile boolean windowOpened;

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, description = "where the SQLite file and config live (default: XDG data dir)")
    Path dataDir;

    public static boolean windowOpened() { return windowOpened; }

    @Override
    public Integer call() {
        System.err.println("the workbench window is not built yet; try 'cachet chat \"hello\"'");
        return 2;
    }
}
