package dev.cachet.cli;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.pipeline.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code cachet chat "text"}: streams one answer through the pipeline, then prints its trace. */
@Command(name = "chat", description = "Send one message through the pipeline; stream the answer, then print the trace.")
final class ChatCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;
    @Spec CommandSpec spec;

    @Mixin RequestOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (var engine = EngineFactory.open(parent.dataDir)) {
            // Start-up notices are about the default provider; with --provider they are noise.
            if (options.provider == null) engine.notices().forEach(n -> err.println("note: " + n));
            ChatRequest request = options.request(null);
            ChatResult result = engine.pipeline().execute(request, new Printer(out, err), new Cancellation());
            out.println();
            out.println();
            out.println(result.trace().format());
            out.flush();
            int code = switch (result) {
                case ChatResult.Answered a -> 0;
                case ChatResult.Failed f -> {
                    err.println("error: " + f.error().oneLine());
                    yield 1;
                }
                case ChatResult.Cancelled c -> 1;
            };
            engine.close(); // stores the answer: the exit code says if it could not be
            return code != 0 ? code : LostCacheWrites.exitCode(engine.exactCache().droppedWrites(), err);
        }
    }

    /** The answer to stdout as it streams; a thinking model's reasoning to stderr, so stdout stays the answer alone. */
    private static final class Printer implements TokenListener {
        private final PrintWriter out;
        private final PrintWriter err;
        private boolean thinking;

        Printer(PrintWriter out, PrintWriter err) {
            this.out = out;
            this.err = err;
        }

        @Override public void onToken(String token) {
            if (thinking) {
                err.println();
                thinking = false;
            }
            out.print(token);
            out.flush();
        }

        @Override public void onThinking(String text) {
            if (!thinking) err.print("thinking: ");
            thinking = true;
            err.print(text);
            err.flush();
        }
    }
}
