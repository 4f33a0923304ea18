package dev.cachet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the real command line in-process (the same one Main runs, error handlers included) and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = CachetCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    List<String> outLines() { return out.lines().toList(); }

    List<String> errLines() { return err.lines().toList(); }

    String lastOutLine() { return outLines().getLast(); }
}
