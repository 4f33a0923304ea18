package dev.cachet;

import dev.cachet.cli.CachetCommand;
import picocli.CommandLine;

/**
 * Entry point of cachet.jar. A plain class (not an Application subclass) so that JavaFX on the
 * class path starts; with no command it opens the workbench, with one it runs the CLI headless.
 */
public final class Main {

    private Main() { }

    /** A data dir or database that cannot be used: one line naming it, exit 3, no stack trace. */
    private static int cannotStart(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (!(e instanceof dev.cachet.engine.store.DatabaseException)) throw e;
        cmd.getErr().println("error: " + e.getMessage());
        return 3;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new CachetCommand()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::cannotStart).execute(args);
        if (code != 0 || !CachetCommand.windowOpened()) System.exit(code);
    }
}
