package dev.cachet.cli;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.pipeline.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code cachet chat "text"} or {@code cachet chat --template ID --var k=v}: streams one answer, then prints its trace. */
@Command(name = "chat", description = "Send one message (or a rendered template) through the pipeline; stream the answer, then print the trace.")
final class ChatCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;
    @Spec CommandSpec spec;

    @Mixin RequestOptions options;
    @Option(names = "--template", paramLabel = "ID", description = "render this template instead of sending TEXT") String template;
    @Mixin TemplateOptions templateOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ChatRequest request;
        try {
            request = template != null ? options.request(templateOptions.invocation(template)) : options.request();
        } catch (TemplateOptions.UsageError e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        try (var engine = EngineFactory.open(parent.dataDir)) {
            // Start-up notices are about the default provider; with --provider they are noise.
            if (options.provider == null) engine.notices().forEach(n -> err.println("note: " + n));
            ChatResult result = engine.pipeline().execute(request, new Printer(out, err), new Cancellation());
            out.println();
            if (result instanceof ChatResult.Answered a) printSources(engine, request, a, out);
            out.println();
            out.println(result.trace().format());
            out.flush();
            int code = switch (result) {
                case ChatResult.Answered a -> 0;
                case ChatResult.Failed f -> {
                    err.println("error: " + f.error().oneLine());
                    yield f.error().kind() == dev.cachet.engine.chat.ChatError.Kind.TEMPLATE ? 2 : 1;
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

    /** The sources the answer was given, numbered as the model saw them. */
    private static void printSources(dev.cachet.engine.Engine engine, ChatRequest request, ChatResult.Answered answer, PrintWriter out) {
        var bound = engine.retrieval().bind(request);
        var sources = engine.retrieval().citations(bound, answer.text(), answer.trace().citations());
        if (sources.isEmpty()) return;
        out.println();
        out.println("sources");
        for (var c : sources) {
            out.println("  " + c.label() + (Double.isNaN(c.score()) ? "" : String.format(java.util.Locale.ROOT, "  (%.3f)", c.score())));
        }
    }
}
