package dev.cachet.engine.experiments.run;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.definitions.ClosestName;
import dev.cachet.engine.experiments.ExperimentDefinition;
import dev.cachet.engine.experiments.ExperimentPrompt;
import dev.cachet.engine.experiments.ModelTarget;
import dev.cachet.engine.experiments.TestCase;
import dev.cachet.engine.experiments.assertions.AssertionEvaluator;
import dev.cachet.engine.experiments.assertions.CaseVerdict;
import dev.cachet.engine.experiments.assertions.CellOutput;
import dev.cachet.engine.experiments.assertions.RubricJudge;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.pipeline.Pipeline;
import dev.cachet.engine.semantic.Embedder;
import dev.cachet.engine.templates.PromptRenderer;
import dev.cachet.engine.templates.PromptTemplate;
import dev.cachet.engine.templates.TemplateLibrary;
import dev.cachet.engine.trace.Trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs experiments: every cell (arm × case × repetition) on its own virtual thread, at most the
 * experiment's concurrency at once (a semaphore), through the experiments' pipeline, whose generate
 * stage holds each provider's rate limiter, so experiment traffic shares the limits chat traffic obeys.
 * Cells run in an order shuffled by the run's seed (arms interleaved, so a provider's slow minute hits
 * them alike). Each finished cell is stored at once; a resume runs only the cells not stored (and
 * those that ended in an error).
 */
public final class ExperimentRunner {

    private final Pipeline pipeline;
    private final ExperimentStore store;
    private final TemplateLibrary templates;
    private final Supplier<Embedder> embedder;
    private final Function<ModelTarget, RubricJudge> judges;

    /**
     * @param embedder for {@code similar} (asked for at the first cell that needs one; may give null)
     * @param judges   the {@code llm-rubric} judge for a model
     */
    public ExperimentRunner(Pipeline pipeline, ExperimentStore store, TemplateLibrary templates, Supplier<Embedder> embedder,
                            Function<ModelTarget, RubricJudge> judges) {
        this.pipeline = pipeline;
        this.store = store;
        this.templates = templates;
        this.embedder = embedder;
        this.judges = judges;
    }

    public ExperimentStore store() { return store; }

    /**
     * The definition ready to run: a template's variants listed when the file named none, every template
     * and variant checked to exist.
     *
     * @throws IllegalArgumentException naming the file and what is missing
     */
    public ExperimentDefinition prepare(ExperimentDefinition d) {
        var prompts = new ArrayList<ExperimentPrompt>();
        for (ExperimentPrompt p : d.prompts()) {
            if (!p.fromTemplate()) {
                prompts.add(p);
                continue;
            }
            var set = templates.current();
            PromptTemplate t = set.get(p.template()).map(e -> e.value()).orElseThrow(() -> new IllegalArgumentException(d.source()
                    + ": no template '" + p.template() + "'" + ClosestName.to(p.template(), set.byId().keySet()).map(c -> " (did you mean '" + c + "'?)")
                    .orElse(" (templates: " + String.join(", ", set.byId().keySet()) + ")")));
            if (p.variant() == null) {
                for (String v : t.variantNames()) prompts.add(ExperimentPrompt.ofTemplate(t.id(), v));
            } else if (t.resolve(p.variant()).isEmpty()) {
                throw new IllegalArgumentException(d.source() + ": template '" + t.id() + "' has no variant '" + p.variant()
                        + "' (variants: " + String.join(", ", t.variantNames()) + ")");
            } else {
                prompts.add(p);
            }
        }
        if (d.cases().isEmpty()) throw new IllegalArgumentException(d.source() + ": the dataset has no rows");
        return new ExperimentDefinition(d.id(), d.description(), d.source(), prompts, d.models(), d.params(), d.cases(), d.repeat(),
                d.concurrency(), d.cache(), d.seed(), d.judge(), d.format());
    }

    /** Stores a new run of {@code d} (prepared here) and starts it. */
    public RunHandle start(ExperimentDefinition d) {
        ExperimentDefinition ready = prepare(d);
        long id = store.create(ready);
        return launch(id, ready, List.of());
    }

    /**
     * Starts the cells of run {@code runId} that are not stored yet, or ended in an error.
     *
     * @throws IllegalArgumentException when there is no such run, or it is running in another window or process
     */
    public RunHandle resume(long runId) {
        RunRecord r = store.run(runId).orElseThrow(() -> new IllegalArgumentException("no experiment run " + runId));
        if (r.statusAt(store.clock().instant()) == RunRecord.Status.RUNNING) {
            throw new IllegalArgumentException("run " + runId + " is running (here, or in another window or process)");
        }
        ExperimentDefinition d = store.definition(runId);
        List<CellRecord> stored = store.cells(runId);
        store.status(runId, RunRecord.Status.RUNNING, "resumed");
        return launch(runId, d, stored);
    }

    private RunHandle launch(long runId, ExperimentDefinition d, List<CellRecord> stored) {
        Set<CellRecord.CellKey> finished = new HashSet<>();
        var counts = new RunCounts(d.totalCells());
        for (CellRecord c : stored) {
            if (c.status() == CellRecord.Status.ERROR) continue;
            finished.add(c.key());
            counts.countStored(c.status());
        }
        var pending = new ArrayList<Pending>();
        List<ExperimentDefinition.Arm> arms = d.arms();
        for (ExperimentDefinition.Arm arm : arms) {
            for (TestCase c : d.cases()) {
                for (int rep = 0; rep < d.repeat(); rep++) {
                    if (!finished.contains(new CellRecord.CellKey(arm.index(), c.index(), rep))) pending.add(new Pending(arm, c, rep));
                }
            }
        }
        Collections.shuffle(pending, new SplittableRandom(d.seed()));
        ModelTarget judgeModel = d.judge() != null ? d.judge() : d.models().getFirst();
        var evaluator = new AssertionEvaluator(templates.renderer(), new LazyEmbedder(embedder), judges.apply(judgeModel));
        var run = new Run(runId, d, pending, counts, evaluator);
        run.start();
        return run;
    }

    private record Pending(ExperimentDefinition.Arm arm, TestCase c, int rep) { }

    /** One session of a run: its cells, counters, cancel switch and end. */
    private final class Run implements RunHandle {
        private final long runId;
        private final ExperimentDefinition d;
        private final List<Pending> pending;
        private final RunCounts counts;
        private final AssertionEvaluator evaluator;
        private final CellRequests requests;
        private final java.util.concurrent.CompletableFuture<RunRecord> done = new java.util.concurrent.CompletableFuture<>();
        private final java.util.Set<Cancellation> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private volatile boolean cancelled;

        Run(long runId, ExperimentDefinition d, List<Pending> pending, RunCounts counts, AssertionEvaluator evaluator) {
            this.runId = runId;
            this.d = d;
            this.pending = pending;
            this.counts = counts;
            this.evaluator = evaluator;
            this.requests = new CellRequests(d, templates.renderer());
        }

        void start() {
            Thread.ofVirtual().name("experiment-" + runId).start(this::runAll);
        }

        private void runAll() {
            var permits = new java.util.concurrent.Semaphore(d.concurrency());
            Thread heartbeat = Thread.ofVirtual().name("experiment-heartbeat-" + runId).start(() -> {
                try {
                    while (true) {
                        Thread.sleep(3_000);
                        store.heartbeat(runId);
                    }
                } catch (InterruptedException | RuntimeException stopped) {
                    // the run ended, or the database closed under it
                }
            });
            try (var cells = java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("experiment-cell-", 0).factory())) {
                for (Pending p : pending) {
                    permits.acquire();
                    if (cancelled) {
                        permits.release();
                        break;
                    }
                    cells.execute(() -> {
                        try {
                            cell(p);
                        } finally {
                            permits.release();
                        }
                    });
                }
            } catch (InterruptedException e) {
                cancelled = true;
                Thread.currentThread().interrupt();
            } finally {
                heartbeat.interrupt();
            }
            try {
                String note = cancelled ? "cancelled after " + counts.done() + " of " + counts.total() + " cells"
                        : counts.errors() > 0 ? counts.errors() + " cells failed to answer; resume retries them" : "finished";
                store.status(runId, cancelled ? RunRecord.Status.CANCELLED : RunRecord.Status.FINISHED, note);
                done.complete(store.run(runId).orElseThrow());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }

        private void cell(Pending p) {
            if (cancelled) return;
            var cancellation = new Cancellation();
            inFlight.add(cancellation);
            try {
                CellRecord r = execute(p, cancellation);
                if (r == null) return; // cancelled: not finished, a resume runs it
                store.save(r);
                counts.count(r.status());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(ExperimentRunner.class.getName()).log(java.util.logging.Level.WARNING,
                        "experiment cell failed", e);
            } finally {
                inFlight.remove(cancellation);
            }
        }

        private CellRecord execute(Pending p, Cancellation cancellation) throws InterruptedException {
            ChatRequest request;
            try {
                request = requests.request(p.arm(), p.c(), p.rep());
            } catch (PromptRenderer.RenderException e) {
                return error(p, "the prompt does not render for this case: " + e.getMessage(), new Trace(Instant.now()), "");
            }
            ChatResult result = pipeline.execute(request, TokenListener.NONE, cancellation);
            return switch (result) {
                case ChatResult.Cancelled c -> null;
                case ChatResult.Failed f -> cancelled ? null : error(p, f.error().oneLine(), f.trace(), f.partialText());
                case ChatResult.Answered a -> answered(p, a);
            };
        }

        private CellRecord answered(Pending p, ChatResult.Answered a) throws InterruptedException {
            Trace t = a.trace();
            double latency = t.total().map(x -> x.toNanos() / 1e6).orElse(0.0);
            Double ttft = t.timeToFirstToken().map(x -> x.toNanos() / 1e6).orElse(null);
            double cost = t.costUsd();
            CaseVerdict v = evaluator.evaluate(p.c(), new CellOutput(a.text(), latency, cost, a.finish()));
            CellRecord.Status status = switch (v.status()) {
                case PASSED -> CellRecord.Status.PASSED;
                case FAILED -> CellRecord.Status.FAILED;
                case NOT_SCORED -> CellRecord.Status.NOT_SCORED;
            };
            return new CellRecord(runId, p.arm().index(), p.c().index(), p.rep(), status, a.text(), v.score(), v.reason(), latency, ttft,
                    a.usage().inputTokens(), a.usage().outputTokens(), cost, a.source().label(), a.finish().name().toLowerCase(java.util.Locale.ROOT),
                    v.results(), TraceJson.write(t), store.clock().millis());
        }

        private CellRecord error(Pending p, String why, Trace t, String partial) {
            return new CellRecord(runId, p.arm().index(), p.c().index(), p.rep(), CellRecord.Status.ERROR, partial == null ? "" : partial, 0, why,
                    t.total().map(x -> x.toNanos() / 1e6).orElse(0.0), null, 0, 0, t.costUsd(), "error", null, List.of(),
                    TraceJson.write(t), store.clock().millis());
        }

        @Override public long runId() { return runId; }
        @Override public RunProgress progress() { return counts.progress(runId); }
        @Override public java.util.concurrent.CompletableFuture<RunRecord> done() { return done; }

        @Override
        public void cancel() {
            cancelled = true;
            for (Cancellation c : inFlight) c.cancel();
        }
    }
}
