package dev.cachet.cli;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.pipeline.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code cachet chat "text"} or {@code cachet chat --template ID --var k=v}: streams one answer, then prints its trace. */
@Command(name = "chat", description = "Send one message (or a rendered template) through the pipeline; stream the answer, then print the trace.")
final class ChatCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;

    @Mixin RequestOptions options;
    @Option(names = "--template", paramLabel = "ID", description = "render this template instead of sending TEXT") String template;
    @Mixin TemplateOptions templateOptions;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        ChatRequest request;
        try {
            request = template != null ? options.request(templateOptions.invocation(template)) : options.request();
        } catch (TemplateOptions.UsageError e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        try (var engine = EngineFactory.open(parent.dataDir)) {
            // Start-up notices are about the default provider; with --provider they are noise.
            if (options.provider == null) engine.notices().forEach(n -> System.err.println("note: " + n));
            ChatResult result = engine.pipeline().execute(request, token -> { out.print(token); out.flush(); }, new Cancellation());
            out.println();
            out.println();
            out.println(result.trace().format());
            return switch (result) {
                case ChatResult.Answered a -> 0;
                case ChatResult.Failed f -> {
                    System.err.println("error: " + f.error().oneLine());
                    yield f.error().kind() == dev.cachet.engine.chat.ChatError.Kind.TEMPLATE ? 2 : 1;
                }
                case ChatResult.Cancelled c -> 1;
            };
        }
    }
}
