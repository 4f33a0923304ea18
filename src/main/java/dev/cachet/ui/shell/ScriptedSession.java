package dev.cachet.ui.shell;

import dev.cachet.ui.chat.ChatTurn;
import dev.cachet.ui.chat.ChatViewModel;

import java.util.concurrent.CompletableFuture;

/**
 * The short chat session the screenshot mode plays before taking the picture: a question, the same
 * question reworded in a new conversation (a semantic decision where the layer runs), and a follow-up.
 */
final class ScriptedSession {

    private ScriptedSession() { }

    static CompletableFuture<Void> run(WorkbenchWindow window) {
        ChatViewModel chat = window.chat();
        String first = "How much can an exact cache save on repeated prompts?";
        return ask(chat, first)
                .thenCompose(t -> stored(window))
                .thenCompose(t -> {
                    chat.newConversation();
                    return ask(chat, "How much does an exact cache save on repeated prompts?");
                })
                .thenCompose(t -> ask(chat, "And when should the semantic cache stay off?"))
                .thenApply(t -> null);
    }

    /**
     * Completes on the UI thread once the semantic layer has stored the last answer (it embeds and stores
     * after the answer is sent; a question typed at once would find the namespace still empty).
     */
    private static CompletableFuture<Void> stored(WorkbenchWindow window) {
        var done = new CompletableFuture<Void>();
        var ui = new dev.cachet.ui.fx.FxUiThread();
        Thread.ofVirtual().name("script-await-store").start(() -> {
            try {
                window.engine().semantic().awaitAnswerWork(java.time.Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ui.run(() -> done.complete(null));
        });
        return done;
    }

    /**
     * The documents scene: twelve generated operator manuals ingested as collection "manuals", then a
     * question answered from them with its sources, and the same question again (an exact hit whose
     * sources are still shown).
     */
    static CompletableFuture<Void> sources(WorkbenchWindow window) {
        var engine = window.engine();
        var done = new CompletableFuture<Void>();
        Thread.ofVirtual().name("screenshot-ingest").start(() -> {
            try {
                var docs = engine.dataDir().resolve("demo-manuals");
                dev.cachet.engine.retrieval.bench.DocsCorpus.write(docs, 12, 7);
                if (engine.retrieval().find("manuals").isEmpty()) engine.retrieval().create("manuals", java.util.List.of(docs));
                engine.retrieval().ingest("manuals", p -> { }, new dev.cachet.engine.pipeline.Cancellation());
                done.complete(null);
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        });
        ChatViewModel chat = window.chat();
        String question = "What port does the amber relay use if I do not change anything, and how often is it backed up?";
        java.util.concurrent.Executor fx = javafx.application.Platform::runLater;
        return done.thenComposeAsync(v -> {
            chat.collectionProperty().set("manuals");
            return ask(chat, question);
        }, fx).thenApply(t -> null);
    }

    /** Two passes of the demo workload (the second one answered from the cache), then two chart refreshes. */
    static CompletableFuture<Void> load(WorkbenchWindow window) {
        var dashboard = window.dashboard();
        window.engine().simulator().settings(window.engine().simulator().settings()
                .withLatency(java.time.Duration.ofMillis(40), 400));
        return dashboard.startLoad(dev.cachet.ui.dashboard.DashboardViewModel.DEMO_WORKLOAD, 8)
                .thenCompose(v -> dashboard.startLoad(dev.cachet.ui.dashboard.DashboardViewModel.DEMO_WORKLOAD, 8))
                .thenCompose(v -> CompletableFuture.runAsync(() -> EndpointDemo.run(window.endpoint(), window.engine()),
                        r -> Thread.ofVirtual().name("endpoint-demo").start(r)))
                .thenCompose(v -> pause(2_200));
    }

    private static CompletableFuture<Void> pause(long millis) {
        var done = new CompletableFuture<Void>();
        var t = new javafx.animation.PauseTransition(javafx.util.Duration.millis(millis));
        t.setOnFinished(e -> done.complete(null));
        t.play();
        return done;
    }

    private static CompletableFuture<ChatTurn> ask(ChatViewModel chat, String text) {
        chat.inputProperty().set(text);
        ChatTurn turn = chat.send().orElseThrow(() -> new IllegalStateException("the chat did not accept a message"));
        return turn.done().thenApply(r -> turn);
    }
}
