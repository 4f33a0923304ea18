package dev.cachet.ui.shell;

import dev.cachet.ui.chat.ChatTurn;
import dev.cachet.ui.chat.ChatViewModel;

import java.util.concurrent.CompletableFuture;

/**
 * The short chat session the screenshot mode plays before taking the picture: a question, the same
 * question reworded in a new conversation (a semantic decision where the layer runs), a follow-up, and a
 * question the data route answers from the sample database (SQL and result table).
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
                .thenCompose(t -> ask(chat, "How many orders are there per status?"))
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

    /**
     * Two passes of the demo workload (the second one answered from the cache), the routing demo
     * (greetings, data questions, general requests) for the routing charts, a message in the router
     * test box, then two chart refreshes.
     */
    static CompletableFuture<Void> load(WorkbenchWindow window) {
        var dashboard = window.dashboard();
        window.engine().simulator().settings(window.engine().simulator().settings()
                .withLatency(java.time.Duration.ofMillis(40), 400));
        return dashboard.startLoad(dev.cachet.ui.dashboard.DashboardViewModel.DEMO_WORKLOAD, 8)
                .thenCompose(v -> dashboard.startLoad(dev.cachet.ui.dashboard.DashboardViewModel.DEMO_WORKLOAD, 8))
                .thenCompose(v -> dashboard.startLoad(ROUTING_WORKLOAD, 4))
                .thenCompose(v -> CompletableFuture.runAsync(() -> EndpointDemo.run(window.endpoint(), window.engine()),
                        r -> Thread.ofVirtual().name("endpoint-demo").start(r)))
                .thenCompose(v -> {
                    dashboard.routerTestInputProperty().set("Which customers ordered the most in March 2024?");
                    return pause(2_200);
                });
    }

    /**
     * The Templates pane at work: the general assistant open, its preview rendered, variants A and B
     * run side by side through the pipeline (simulator), both answers in with their badges.
     */
    static CompletableFuture<Void> templates(WorkbenchWindow window) {
        window.engine().simulator().settings(window.engine().simulator().settings()
                .withLatency(java.time.Duration.ofMillis(120), 200));
        var vm = window.templates();
        return until(() -> !vm.tree().isEmpty(), 150).thenCompose(v -> {
            vm.open("general-assistant");
            if (window.stage().getScene().lookup("#templateTabs") instanceof javafx.scene.control.TabPane tabs) {
                tabs.getSelectionModel().select(1);
            }
            // A first run warms the pipeline (embedding model, class loading); the picture shows the second.
            return runAll(vm);
        }).thenCompose(v -> {
            vm.preview().inputs().stream().filter(in -> in.name().equals("question")).findFirst()
                    .ifPresent(in -> in.textProperty().set("When should a prompt template turn the semantic cache off?"));
            return runAll(vm);
        }).thenCompose(v -> pause(400));
    }

    private static CompletableFuture<Void> runAll(dev.cachet.ui.templates.TemplatesViewModel vm) {
        var turns = vm.runs().runAll();
        return CompletableFuture.allOf(turns.stream().map(t -> t.done()).toArray(CompletableFuture[]::new));
    }

    /** Completes on the FX thread once {@code condition} holds, checking every 100 ms, at most {@code tries} times. */
    private static CompletableFuture<Void> until(java.util.function.BooleanSupplier condition, int tries) {
        if (condition.getAsBoolean() || tries <= 0) return CompletableFuture.completedFuture(null);
        return pause(100).thenCompose(v -> until(condition, tries - 1));
    }

    static final String ROUTING_WORKLOAD = dev.cachet.engine.workload.WorkloadParser.BUILTIN_PREFIX + "routing-demo";

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
