package dev.cachet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code cachet [--data-dir DIR] [command]}: with no command, opens the workbench window. */
// scope INHERIT: every subcommand gets --help/-h (and --version) and the exit-code list unless it has its own.
@Command(name = "cachet", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = VersionInfo.class,
        description = "LLM cost/latency pipeline workbench. With no command, opens the window.",
        subcommands = {ChatCommand.class, StatsCommand.class, CacheCommand.class, ReplayCommand.class, BenchCommand.class,
                EvalCacheCommand.class, InspectCommand.class, EvalRouterCommand.class, ServeCommand.class, CollectionsCommand.class,
                RetrieveCommand.class, TemplatesCommand.class, FaultsCommand.class, WarmCommand.class, ExperimentCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:some requests failed", "2:bad usage or input", "3:cannot start (data dir, config)",
                "4:answered, but some answers could not be stored in the cache"})
public final class CachetCommand implements Callable<Integer> {

    private static volatile boolean windowOpened;

    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT, description = "where the SQLite file and config live (default: XDG data dir)")
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

    /**
     * The command line Main runs (and the tests): bad usage is one line and exit 2, a start-up failure
     * (config, data dir) one line and exit 3.
     */
    public static CommandLine commandLine() {
        var cli = new CommandLine(new CachetCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setAllowSubcommandsAsOptionParameters(true) // so that '--pane chat' is a value, not the chat command
                .setParameterExceptionHandler(CachetCommand::usageError)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ParameterException usage) return usageError(usage, parsed.originalArgs().toArray(String[]::new));
                    if (e instanceof StartupException) {
                        e.getMessage().lines().forEach(line -> cmd.getErr().println("error: " + line)); // a config file may have several problems
                        return 3;
                    }
                    cmd.getErr().println("error: internal error: " + e + " (a bug in Cachet; the stack trace follows)");
                    e.printStackTrace(cmd.getErr());
                    return 1;
                });
        cli.registerConverter(Double.class, CachetCommand::number).registerConverter(double.class, CachetCommand::number);
        return cli;
    }

    /** One line: what is wrong, a suggestion for a typo, and where the command's help is. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message = e.getMessage();
        if (e.getCause() instanceof TypeConversionException t && e.getArgSpec() instanceof CommandLine.Model.OptionSpec o) {
            message = o.longestName() + ": " + t.getMessage();
        }
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += " — did you mean " + String.join(" or ", u.getSuggestions()) + "?";
        }
        cmd.getErr().println("error: " + message + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        cmd.getErr().flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a number");
        }
    }

    @Override
    public Integer call() {
        dev.cachet.ui.shell.Workbench.Options options;
        try {
            options = new dev.cachet.ui.shell.Workbench.Options(() -> EngineFactory.forWindow(dataDir), screenshot,
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
