package dev.cachet;

import dev.cachet.cli.CachetCommand;

/**
 * Entry point of cachet.jar. A plain class (not an Application subclass) so that JavaFX on the
 * class path starts; with no command it opens the workbench, with one it runs the CLI headless.
 */
public final class Main {

    private Main() { }

    public static void main(String[] args) {
        quietLibraryLogging();
        int code = CachetCommand.commandLine().execute(args);
        if (code != 0 || !CachetCommand.windowOpened()) System.exit(code);
    }

    /** Applies cachet-logging.properties unless the user named a logging config of their own. */
    private static void quietLibraryLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) return;
        try (var in = Main.class.getResourceAsStream("/cachet-logging.properties")) {
            if (in != null) java.util.logging.LogManager.getLogManager().readConfiguration(in);
        } catch (java.io.IOException e) {
            System.err.println("warning: default logging config unreadable: " + e.getMessage());
        }
    }
}
