package dev.cachet.engine.metrics;

import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.trace.TraceEntry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the caches saved: for every request answered from a cache, the model call avoided, the tokens
 * of the cached answer's original usage, their price for that model, and the latency saved against
 * that model's recent median model-call latency. Attributed to the stage that answered. Thread-safe.
 */
public final class SavingsLedger {

    private final PriceTable prices;
    private final int latencyWindow;
    private final Map<ModelRef, ModelLatencyWindow> modelLatency = new ConcurrentHashMap<>();
    private final Map<String, Accumulator> byStage = new ConcurrentHashMap<>();

    /** @param latencyWindow how many recent model calls per model make up the median */
    public SavingsLedger(PriceTable prices, int latencyWindow) {
        this.prices = prices;
        this.latencyWindow = latencyWindow;
    }

    public SavingsLedger(PriceTable prices) { this(prices, 101); }

    /** Records a finished request; returns what it saved when a cache answered it. */
    public Optional<Saving> record(ChatResult result) {
        if (!(result instanceof ChatResult.Answered a)) return Optional.empty();
        long actual = result.trace().total().map(Duration::toNanos).orElse(0L);
        if (!a.source().fromCache()) {
            if (a.source() == dev.cachet.engine.chat.AnswerSource.MODEL && a.model() != null && result.trace().total().isPresent()) {
                modelLatency.computeIfAbsent(a.model(), m -> new ModelLatencyWindow(latencyWindow)).record(actual);
            }
            return Optional.empty();
        }
        long tokens = a.usage() == null ? 0 : a.usage().total();
        double cost = a.model() == null || a.usage() == null ? 0 : prices.cost(a.model(), a.usage());
        var window = a.model() == null ? null : modelLatency.get(a.model());
        long median = window == null ? -1 : window.medianNanos();
        long savedNanos = median < 0 ? 0 : Math.max(0, median - actual);
        String stage = answeringStage(a);
        byStage.computeIfAbsent(stage, s -> new Accumulator()).add(tokens, cost, savedNanos);
        return Optional.of(new Saving(stage, a.model(), tokens, cost, Duration.ofNanos(savedNanos)));
    }

    /** The pipeline stops at the stage that answers, so that is the last trace entry. */
    private static String answeringStage(ChatResult.Answered a) {
        List<TraceEntry> entries = a.trace().entries();
        return entries.isEmpty() ? Outcome.of(a.source()).key() : entries.getLast().stage();
    }

    /** The recent median model-call latency of a model, if any call has been seen. */
    public Optional<Duration> medianModelLatency(ModelRef model) {
        var window = modelLatency.get(model);
        long m = window == null ? -1 : window.medianNanos();
        return m < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(m));
    }

    public SavingsTotals totals() {
        var stages = new HashMap<String, StageSavings>();
        long calls = 0, tokens = 0, nanos = 0;
        double cost = 0;
        for (var e : byStage.entrySet()) {
            StageSavings s = e.getValue().read();
            stages.put(e.getKey(), s);
            calls += s.modelCallsAvoided();
            tokens += s.tokensSaved();
            cost += s.costSavedUsd();
            nanos += s.latencySaved().toNanos();
        }
        return new SavingsTotals(new StageSavings(calls, tokens, cost, Duration.ofNanos(nanos)), stages);
    }

    private static final class Accumulator {
        final LongAdder calls = new LongAdder();
        final LongAdder tokens = new LongAdder();
        final DoubleAdder cost = new DoubleAdder();
        final LongAdder latencyNanos = new LongAdder();

        void add(long t, double c, long nanos) {
            calls.increment();
            tokens.add(t);
            cost.add(c);
            latencyNanos.add(nanos);
        }

        StageSavings read() {
            return new StageSavings(calls.sum(), tokens.sum(), cost.sum(), Duration.ofNanos(latencyNanos.sum()));
        }
    }
}
