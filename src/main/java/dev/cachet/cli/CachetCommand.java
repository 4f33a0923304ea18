package dev.cachet.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code cachet [--data-dir DIR] [command]}: with no command, opens the workbench window. */
@Command(name = "cachet", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "LLM cost/latency pipeline workbench. With no command, opens the window.",
        subcommands = {ChatCommand.class, StatsCommand.class, CacheCommand.class, ReplayCommand.class, BenchCommand.class,
                EvalCacheCommand.class, InspectCommand.class, EvalRouterCommand.class, ServeCommand.class, CollectionsCommand.class,
                RetrieveCommand.class, TemplatesCommand.class, FaultsCommand.class, WarmCommand.class,
                picocli.CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:some requests failed", "2:bad usage or input", "3:cannot start (data dir, config)",
                "4:answered, but some answers could not be stored in the cache"})
public final class CachetCommand implements Callable<Integer> {

    private static volatile boolean windowOpened;

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, description = "where the SQLite file and config live (default: XDG data dir)")
    Path dataDir;

    @Option(names = "--quiet", scope = ScopeType.INHERIT,
            description = "no progress or informational lines on stderr, only warnings and errors (progress shows only when stderr is a terminal)")
    boolean quiet;

    @Option(names = "--screenshot", paramLabel = "FILE.png", description = "play a short chat session, write a PNG of the window, exit")
    Path screenshot;

    @Option(names = "--pane", paramLabel = "NAME", description = "pane to show: chat, dashboard, templates, experiments, settings, collections")
    String pane;

    @Option(names = "--theme", paramLabel = "NAME", description = "light or dark (default: the remembered one)")
    String theme;

    @Option(names = "--with-sources", description = "with --screenshot: play the documents scene (a collection ingested, a question answered with sources)")
    boolean withSources;

    @Option(names = "--measure-startup", description = "print the time from process start to a usable window, exit")
    boolean measureStartup;

    @Option(names = "--measure-pulse", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "10",
            description = "run 1,000 simulator requests/s for SECONDS (default 10), print FX pulse gaps, exit")
    Integer measurePulse;

    public static boolean windowOpened() { return windowOpened; }

    /** The command line Main runs, its error handling included: the fault suite and tests run this one in-process. */
    public static picocli.CommandLine commandLine() {
        return new picocli.CommandLine(new CachetCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setAllowSubcommandsAsOptionParameters(true) // so that '--pane chat' is a value, not the chat command
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (!(e instanceof StartupException)) throw e;
                    cmd.getErr().println("error: " + e.getMessage());
                    return 3;
                });
    }

    @Override
    public Integer call() {
        dev.cachet.ui.shell.Workbench.Options options;
        try {
            options = new dev.cachet.ui.shell.Workbench.Options(() -> EngineFactory.options(dataDir), screenshot,
                    pane == null ? null : dev.cachet.ui.shell.PaneId.parse(pane),
                    theme == null ? null : dev.cachet.ui.shell.Theme.parse(theme),
                    measureStartup, measurePulse == null ? 0 : measurePulse, withSources);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        int code = dev.cachet.ui.shell.Workbench.run(options);
        windowOpened = code == 0 && !options.scripted();
        return code;
    }
}
