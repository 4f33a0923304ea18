package dev.cachet.engine.metrics;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.pipeline.PipelineObserver;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.trace.Trace;
import dev.cachet.engine.trace.TraceEntry;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.WriterReaderPhaser;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Aggregates every finished request into counters, latency histograms (end to end, time to first
 * token, per stage) and per-second series for the charts, kept in a ring of bounded length.
 *
 * <p>Writers (request threads) never block one another: counts go to adders and histograms of the
 * open second under a {@link WriterReaderPhaser}, so the thread that closes a second (the first to
 * notice the clock moved on, writer or reader) waits only for writers already inside. Closed seconds
 * are immutable samples; {@link #snapshot(Duration)} copies them under a lock and is cheap to call
 * once a second. Every {@value #AGGREGATE_SECONDS} seconds an aggregate goes to {@link MetricHistory}.
 */
public final class MetricsRegistry implements PipelineObserver, AutoCloseable {

    public static final int AGGREGATE_SECONDS = 10;
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);

    private final InstantSource clock;
    private final SavingsLedger ledger;
    private final List<HitLevel> levels;
    private final MetricHistory history;

    private final LongAdder[] totals = new LongAdder[Outcome.values().length];
    private final Recorder endToEnd = new Recorder(3);
    private final Recorder timeToFirstToken = new Recorder(3);
    private final Map<String, Recorder> stageRecorders = new ConcurrentHashMap<>();
    private final Histogram endToEndSoFar = new Histogram(3);
    private final Histogram ttftSoFar = new Histogram(3);
    private final Map<String, Histogram> stagesSoFar = new HashMap<>();

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private final ReentrantLock rollLock = new ReentrantLock();
    private volatile SecondBucket active;
    private volatile long openSecond;
    private SecondBucket spare;
    private final SecondSample[] ring;
    private int ringNext;
    private int ringSize;
    private final Aggregation aggregation;

    public MetricsRegistry(InstantSource clock, SavingsLedger ledger, List<HitLevel> levels, Duration retention,
                           MetricHistory history) {
        if (retention.toSeconds() < 1) throw new IllegalArgumentException("metrics retention must be at least 1 s, was " + retention);
        this.clock = clock;
        this.ledger = ledger;
        this.levels = List.copyOf(levels);
        this.history = history;
        for (int i = 0; i < totals.length; i++) totals[i] = new LongAdder();
        long now = clock.instant().getEpochSecond();
        this.openSecond = now;
        this.active = new SecondBucket(this.levels.size(), now);
        this.spare = new SecondBucket(this.levels.size(), now);
        this.ring = new SecondSample[Math.toIntExact(retention.toSeconds())];
        this.aggregation = new Aggregation(this.levels);
    }

    /** One hour at one-second resolution, the default levels, history kept in memory. */
    public static MetricsRegistry withDefaults(InstantSource clock, PriceTable prices) {
        return new MetricsRegistry(clock, new SavingsLedger(prices), HitLevel.DEFAULTS, DEFAULT_RETENTION,
                new InMemoryMetricHistory(8_640));
    }

    public SavingsLedger ledger() { return ledger; }
    public MetricHistory history() { return history; }
    public List<HitLevel> levels() { return levels; }

    @Override
    public void onFinished(ChatRequest request, ChatResult result) {
        Outcome outcome = Outcome.of(result);
        totals[outcome.ordinal()].increment();
        Trace trace = result.trace();
        long totalMicros = trace.total().map(MetricsRegistry::micros).orElse(-1L);
        if (totalMicros >= 0) endToEnd.recordValue(totalMicros);
        trace.timeToFirstToken().ifPresent(d -> timeToFirstToken.recordValue(micros(d)));
        for (TraceEntry e : trace.entries()) {
            stageRecorders.computeIfAbsent(e.stage(), s -> new Recorder(3)).recordValue(micros(e.duration()));
        }
        Optional<Saving> saving = ledger.record(result);

        long now = clock.instant().getEpochSecond();
        if (now > openSecond) roll(now);
        long phase = phaser.writerCriticalSectionEnter();
        try {
            SecondBucket b = active;
            b.outcomes[outcome.ordinal()].increment();
            for (int i = 0; i < levels.size(); i++) {
                if (levels.get(i).hit().test(result)) b.levelHits[i].increment();
            }
            if (totalMicros >= 0) b.latencyMicros.recordValue(totalMicros);
            if (saving.isPresent()) {
                b.tokensSaved.add(saving.get().tokens());
                b.costSaved.add(saving.get().costUsd());
                b.latencySavedMicros.add(micros(saving.get().latencySaved()));
            }
        } finally {
            phaser.writerCriticalSectionExit(phase);
        }
    }

    /** Requests by outcome since start. */
    public Map<Outcome, Long> requests() {
        var m = new EnumMap<Outcome, Long>(Outcome.class);
        for (Outcome o : Outcome.values()) m.put(o, totals[o.ordinal()].sum());
        return m;
    }

    public SavingsTotals savings() { return ledger.totals(); }

    /** Latency distributions since start. */
    public LatencyReport latencies() {
        synchronized (endToEndSoFar) {
            endToEndSoFar.add(endToEnd.getIntervalHistogram());
            ttftSoFar.add(timeToFirstToken.getIntervalHistogram());
            var stages = new TreeMap<String, LatencySummary>();
            for (var e : stageRecorders.entrySet()) {
                Histogram h = stagesSoFar.computeIfAbsent(e.getKey(), k -> new Histogram(3));
                h.add(e.getValue().getIntervalHistogram());
                stages.put(e.getKey(), LatencySummary.ofMicros(h));
            }
            return new LatencyReport(LatencySummary.ofMicros(endToEndSoFar), LatencySummary.ofMicros(ttftSoFar), stages);
        }
    }

    /** The last {@code window} of closed seconds (at most the retention), oldest first. */
    public MetricsSnapshot snapshot(Duration window) {
        long now = clock.instant().getEpochSecond();
        if (now > openSecond) roll(now);
        SecondSample[] samples;
        rollLock.lock();
        try {
            int n = (int) Math.min(ringSize, Math.max(0, window.toSeconds()));
            samples = new SecondSample[n];
            for (int i = 0; i < n; i++) samples[i] = ring[Math.floorMod(ringNext - n + i, ring.length)];
        } finally {
            rollLock.unlock();
        }
        return new MetricsSnapshot(axis(samples), series(samples), requests(), ledger.totals());
    }

    /** Closes the open second and writes the partial aggregate, so a restart loses nothing recorded. */
    @Override
    public void close() {
        roll(Math.max(openSecond + 1, clock.instant().getEpochSecond()));
        List<MetricAggregate> emitted = new ArrayList<>(1);
        rollLock.lock();
        try {
            aggregation.emit(emitted);
        } finally {
            rollLock.unlock();
        }
        emitted.forEach(history::append);
    }

    private void roll(long now) {
        List<MetricAggregate> emitted = new ArrayList<>(1);
        rollLock.lock();
        try {
            if (now <= openSecond) return;
            SecondBucket closed = active;
            spare.reset(now);
            phaser.readerLock();
            try {
                active = spare;
                openSecond = now;
                phaser.flipPhase(); // returns once every writer that saw the old bucket has left it
            } finally {
                phaser.readerUnlock();
            }
            spare = closed;
            push(close(closed));
            aggregation.add(closed, emitted);
            for (long s = Math.max(closed.second + 1, now - ring.length); s < now; s++) {
                push(SecondSample.empty(s, levels.size(), last()));
            }
        } finally {
            rollLock.unlock();
        }
        emitted.forEach(history::append);
    }

    private SecondSample close(SecondBucket b) {
        long[] outcomes = sums(b.outcomes);
        long[] hits = sums(b.levelHits);
        Histogram h = b.latencyMicros;
        boolean any = h.getTotalCount() > 0;
        SecondSample prev = last();
        long tokens = b.tokensSaved.sum();
        double cost = b.costSaved.sum();
        return new SecondSample(b.second, outcomes, hits,
                any ? h.getValueAtPercentile(50) / 1000.0 : 0, any ? h.getValueAtPercentile(95) / 1000.0 : 0,
                tokens, cost,
                (prev == null ? 0 : prev.cumModelCalls()) + outcomes[Outcome.MODEL_CALL.ordinal()],
                (prev == null ? 0 : prev.cumTokensSaved()) + tokens,
                (prev == null ? 0 : prev.cumCostSavedUsd()) + cost);
    }

    private void push(SecondSample s) {
        ring[ringNext] = s;
        ringNext = (ringNext + 1) % ring.length;
        if (ringSize < ring.length) ringSize++;
    }

    private SecondSample last() {
        return ringSize == 0 ? null : ring[Math.floorMod(ringNext - 1, ring.length)];
    }

    private static List<Instant> axis(SecondSample[] samples) {
        var time = new ArrayList<Instant>(samples.length);
        for (SecondSample s : samples) time.add(Instant.ofEpochSecond(s.epochSecond()));
        return time;
    }

    private Map<String, Series> series(SecondSample[] samples) {
        int n = samples.length;
        var out = new HashMap<String, Series>();
        for (Outcome o : Outcome.values()) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = samples[i].outcomes()[o.ordinal()];
            out.put(MetricsSnapshot.requestsOf(o), new Series(MetricsSnapshot.requestsOf(o), v));
        }
        double[] total = new double[n];
        for (int i = 0; i < n; i++) total[i] = samples[i].requests();
        out.put(MetricsSnapshot.REQUESTS_TOTAL, new Series(MetricsSnapshot.REQUESTS_TOTAL, total));
        for (int l = 0; l < levels.size(); l++) {
            String name = MetricsSnapshot.hitRateOf(levels.get(l).name());
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = total[i] == 0 ? 0 : samples[i].levelHits()[l] / total[i];
            out.put(name, new Series(name, v));
        }
        put(out, MetricsSnapshot.LATENCY_P50, samples, SecondSample::p50Ms);
        put(out, MetricsSnapshot.LATENCY_P95, samples, SecondSample::p95Ms);
        put(out, MetricsSnapshot.SAVED_TOKENS, samples, SecondSample::tokensSaved);
        put(out, MetricsSnapshot.SAVED_COST, samples, SecondSample::costSavedUsd);
        put(out, MetricsSnapshot.CUMULATIVE_MODEL_CALLS, samples, SecondSample::cumModelCalls);
        put(out, MetricsSnapshot.CUMULATIVE_TOKENS_SAVED, samples, SecondSample::cumTokensSaved);
        put(out, MetricsSnapshot.CUMULATIVE_COST_SAVED, samples, SecondSample::cumCostSavedUsd);
        return out;
    }

    private static void put(Map<String, Series> out, String name, SecondSample[] samples,
                            java.util.function.ToDoubleFunction<SecondSample> value) {
        double[] v = new double[samples.length];
        for (int i = 0; i < v.length; i++) v[i] = value.applyAsDouble(samples[i]);
        out.put(name, new Series(name, v));
    }

    private static long[] sums(LongAdder[] adders) {
        long[] v = new long[adders.length];
        for (int i = 0; i < v.length; i++) v[i] = adders[i].sum();
        return v;
    }

    static long micros(Duration d) { return Math.max(0, d.toNanos() / 1000); }

    /** The open history window (guarded by rollLock): closed seconds add to it until the window changes. */
    private static final class Aggregation {
        private final List<HitLevel> levels;
        private final long[] outcomes = new long[Outcome.values().length];
        private final long[] hits;
        private final Histogram latencyMicros = new Histogram(2);
        private long tokens;
        private double cost;
        private long windowStart = Long.MIN_VALUE;

        Aggregation(List<HitLevel> levels) {
            this.levels = levels;
            this.hits = new long[levels.size()];
        }

        void add(SecondBucket b, List<MetricAggregate> emitted) {
            long window = Math.floorDiv(b.second, AGGREGATE_SECONDS) * AGGREGATE_SECONDS;
            if (window != windowStart) {
                emit(emitted);
                windowStart = window;
            }
            for (int i = 0; i < outcomes.length; i++) outcomes[i] += b.outcomes[i].sum();
            for (int i = 0; i < hits.length; i++) hits[i] += b.levelHits[i].sum();
            latencyMicros.add(b.latencyMicros);
            tokens += b.tokensSaved.sum();
            cost += b.costSaved.sum();
        }

        void emit(List<MetricAggregate> emitted) {
            long requests = 0;
            for (long c : outcomes) requests += c;
            if (requests > 0) {
                var counts = new HashMap<String, Long>();
                for (Outcome o : Outcome.values()) counts.put(o.key(), outcomes[o.ordinal()]);
                for (int i = 0; i < hits.length; i++) counts.put("hit." + levels.get(i).name(), hits[i]);
                emitted.add(new MetricAggregate(Instant.ofEpochSecond(windowStart), AGGREGATE_SECONDS, counts,
                        latencyMicros.getValueAtPercentile(50) / 1000.0, latencyMicros.getValueAtPercentile(95) / 1000.0,
                        latencyMicros.getValueAtPercentile(99) / 1000.0, tokens, cost));
            }
            java.util.Arrays.fill(outcomes, 0);
            java.util.Arrays.fill(hits, 0);
            latencyMicros.reset();
            tokens = 0;
            cost = 0;
        }
    }
}
