package dev.cachet.faults;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the CLI in this process and keeps all it printed: its own out and err, and what commands print to
 * System.out and System.err directly (captured for the run; one run at a time).
 */
public final class InProcessCli implements FaultContext.Cli {

    private final Supplier<CommandLine> commandLine;

    /** @param commandLine a fresh command line as Main runs it, error handling included */
    public InProcessCli(Supplier<CommandLine> commandLine) { this.commandLine = commandLine; }

    @Override
    public synchronized FaultContext.CliRun run(List<String> args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var sysOut = new ByteArrayOutputStream();
        var sysErr = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
            code = commandLine.get().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new FaultContext.CliRun(code, out + sysOut.toString(StandardCharsets.UTF_8), err + sysErr.toString(StandardCharsets.UTF_8));
    }
}
