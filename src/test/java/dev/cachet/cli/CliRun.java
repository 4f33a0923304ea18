package dev.cachet.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the real command line in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = new CommandLine(new CachetCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    List<String> outLines() { return out.lines().toList(); }

    String lastOutLine() { return outLines().getLast(); }
}
