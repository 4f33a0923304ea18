package dev.cachet;

import dev.cachet.cli.CachetCommand;
import picocli.CommandLine;

/**
 * Entry point of cachet.jar. A plain class (not an Application subclass) so that JavaFX on the
 * class path starts; with no command it opens the workbench, with one it runs the CLI headless.
 */
public final class Main {

    private Main() { }

    public static void main(String[] args) {
        int code = new CommandLine(new CachetCommand()).setCaseInsensitiveEnumValuesAllowed(true)
                .setAllowSubcommandsAsOptionParameters(true).execute(args);
        if (code != 0 || !CachetCommand.windowOpened()) System.exit(code);
    }
}
