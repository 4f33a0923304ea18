package dev.cachet.cli;

import java.io.PrintWriter;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Progress of a long command on stderr. On a terminal, one line redrawn in place; when stderr is a
 * file or a pipe (a script, CI, {@code 2>log}), nothing, so logs hold results rather than a
 * counter's every tick; with {@code --quiet}, nothing, nor the command's informational lines
 * ({@link #info}). Errors and warnings are printed by the commands directly and never silenced.
 */
final class Progress {

    private static final String CLEAR_TO_END_OF_LINE = "\033[K";

    private final PrintWriter err;
    private final boolean live;
    private final boolean quiet;
    private boolean drawn;

    Progress(PrintWriter err, boolean terminal, boolean quiet) {
        this.err = err;
        this.live = terminal && !quiet;
        this.quiet = quiet;
    }

    /** For a command: stderr's real nature, and the root command's --quiet. */
    static Progress of(PrintWriter err, boolean quiet) {
        return new Progress(err, StderrTerminal.IS_TERMINAL, quiet);
    }

    /** Replaces the progress line (terminal only). */
    synchronized void update(String line) {
        if (!live) return;
        err.print("\r" + line + CLEAR_TO_END_OF_LINE);
        err.flush();
        drawn = true;
    }

    /** A line worth keeping in a log (what started, how it ended): printed unless --quiet. */
    synchronized void info(String line) {
        if (quiet) return;
        clear();
        err.println(line);
        err.flush();
    }

    /** Removes the progress line so that the next output starts on a clean line. */
    synchronized void clear() {
        if (!drawn) return;
        err.print("\r" + CLEAR_TO_END_OF_LINE);
        err.flush();
        drawn = false;
    }

    /** isatty(2) through the FFM API; false where it cannot be asked. */
    private static final class StderrTerminal {
        static final boolean IS_TERMINAL = ask();

        private static boolean ask() {
            try {
                Linker linker = Linker.nativeLinker();
                var symbol = linker.defaultLookup().find("isatty").or(() -> linker.defaultLookup().find("_isatty"));
                if (symbol.isEmpty()) return false;
                MethodHandle isatty = linker.downcallHandle(symbol.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                return (int) isatty.invokeExact(2) == 1;
            } catch (Throwable e) { // no native access granted, an unusual platform: behave as for a pipe
                return false;
            }
        }
    }
}
