package dev.cachet.cli;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.pipeline.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code cachet chat "text"}: streams one answer through the pipeline, then prints its trace. */
@Command(name = "chat", description = "Send one message through the pipeline; stream the answer, then print the trace.")
final class ChatCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;

    @Mixin RequestOptions options;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        try (var engine = EngineFactory.open(parent.dataDir)) {
            // Start-up notices are about the default provider; with --provider they are noise.
            if (options.provider == null) engine.notices().forEach(n -> System.err.println("note: " + n));
            ChatRequest request = options.request(null);
            engine.semantic().prepareForOneRequest(java.time.Duration.ofMinutes(2));  // a cached answer is only found with the model loaded
            ChatResult result = engine.pipeline().execute(request, token -> { out.print(token); out.flush(); }, new Cancellation());
            out.println();
            out.println();
            out.println(result.trace().format());
            return switch (result) {
                case ChatResult.Answered a -> 0;
                case ChatResult.Failed f -> {
                    System.err.println("error: " + f.error().oneLine());
                    yield 1;
                }
                case ChatResult.Cancelled c -> 1;
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
