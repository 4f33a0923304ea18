package dev.cachet.engine.cache;

import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.config.CacheSettings;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.store.Database;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The two-level exact response cache: L1 in memory, L2 persistent. New entries land in L1 at once
 * and reach L2 by write-behind: one virtual thread flushes every {@code writeBehindDelay}, or as
 * soon as {@code writeBehindBatch} entries wait, in transactions of at most that many rows. Entries
 * still waiting are served and invalidated like stored ones. {@link #close()} flushes everything.
 *
 * <p>The entries waiting are bounded ({@link #maxPending()} entries, {@link #MAX_PENDING_BYTES}): a
 * {@link #put} that finds the queue full waits for the flusher, so a disk slower than the answers
 * arriving slows the producers instead of losing answers. Only when L2 has failed for
 * {@link #GIVE_UP_AFTER} without a break are the oldest waiting writes given up, and counted
 * ({@link #droppedWrites()}): the answers stay served from L1, a later identical request costs a model
 * call, never a wrong answer.
 */
public final class ExactCache implements CacheTier, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExactCache.class.getName());
    static final String CATEGORY = "chat";
    /** Lifetime counter of writes given up, persisted with the hit counters. */
    static final String DROPPED = "writes.dropped";
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    /** Approximate heap the waiting entries may take before producers wait. */
    static final long MAX_PENDING_BYTES = 32L << 20;
    /** How long L2 must fail without a break before waiting writes are given up rather than waited for. */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(30);
    /** A producer waiting for room re-checks this often whether L2 has been failing long enough to give up. */
    private static final Duration ROOM_RECHECK = Duration.ofMillis(100);

    private final MemoryTier l1;
    private final L2Tier l2;
    private final CacheSettings settings;
    private final InstantSource clock;

    /** Guards pending (the flush order); never held during I/O, never taken by a lookup. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** Signalled when the flusher has taken entries out of {@link #pending} (room for waiting producers). */
    private final Condition drained = lock.newCondition();
    private final LinkedHashMap<CacheKey, CacheEntry> pending = new LinkedHashMap<>();
    private long pendingBytes;
    private int peakPending;
    /** When L2 writes started failing without a success since; null while they succeed. Under {@link #lock}. */
    private Instant failingSince;
    /**
     * The same entries as {@link #pending}, changed together with it under {@link #lock}, read
     * without it: a lookup never waits for the flusher, which holds the lock while it copies a batch.
     */
    private final ConcurrentHashMap<CacheKey, CacheEntry> waiting = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CacheKey, L2Tier.HitRecord> pendingHits = new ConcurrentHashMap<>();
    /** Held for a whole flush, and by invalidate, so an invalidation cannot race a batch in flight. */
    private final ReentrantLock flushLock = new ReentrantLock();

    private volatile java.util.function.Consumer<List<CacheEntry>> onDurable = entries -> { };
    private final AtomicLong droppedWrites = new AtomicLong();
    /** Dropped writes not yet added to L2's lifetime counter. */
    private final AtomicLong droppedNotCounted = new AtomicLong();
    private final AtomicLong l1Hits = new AtomicLong();
    private final AtomicLong l1Misses = new AtomicLong();
    private final AtomicLong l2Hits = new AtomicLong();
    private final AtomicLong l2Misses = new AtomicLong();

    private final Thread flusher;
    private volatile boolean closing;
    private boolean closed;
    private Instant lastPurge;

    public ExactCache(MemoryTier l1, L2Tier l2, CacheSettings settings, InstantSource clock, ThreadFactory flusherThreads) {
        this.l1 = l1;
        this.l2 = l2;
        this.settings = settings;
        this.clock = clock;
        this.flusher = flusherThreads.newThread(this::runFlusher);
        flusher.start();
    }

    /** The standard setup: Caffeine L1 over the SQLite tier of {@code db}. */
    public static ExactCache open(Database db, CacheSettings settings, InstantSource clock) {
        return new ExactCache(new MemoryTier(settings.l1MaxBytes(), clock),
                new SqliteTier(db, clock, settings.compressAboveBytes()), settings, clock,
                VirtualThreads.factory("cache-write-behind"));
    }

    public CacheLookup lookup(CacheKey key) {
        Instant now = clock.instant();
        Optional<CacheEntry> inMemory = l1.get(key);
        if (inMemory.isEmpty()) inMemory = pendingEntry(key, now);
        if (inMemory.isPresent()) {
            l1Hits.incrementAndGet();
            recordHit(key, now);
            return new CacheLookup.Hit(inMemory.get(), "l1");
        }
        l1Misses.incrementAndGet();
        Optional<CacheEntry> stored = l2.get(key);
        if (stored.isPresent()) {
            l2Hits.incrementAndGet();
            l1.put(stored.get());
            recordHit(key, now);
            return new CacheLookup.Hit(stored.get(), "l2");
        }
        l2Misses.incrementAndGet();
        return new CacheLookup.Miss();
    }

    @Override
    public Optional<CacheEntry> get(CacheKey key) {
        return switch (lookup(key)) {
            case CacheLookup.Hit hit -> Optional.of(hit.entry());
            case CacheLookup.Miss miss -> Optional.empty();
        };
    }

    /** Stores a model answer under the key its request was looked up with, for the "chat" TTL. */
    public CacheEntry put(CacheKeyFields fields, ChatResult.Answered answer) {
        return put(fields.key(), fields, answer);
    }

    /** As {@link #put(CacheKeyFields, ChatResult.Answered)}, with the key already computed from {@code fields}. */
    public CacheEntry put(CacheKey key, CacheKeyFields fields, ChatResult.Answered answer) {
        return put(key, fields, answer, null);
    }

    /** As {@link #put(CacheKey, CacheKeyFields, ChatResult.Answered)}, living {@code ttl} (null: the configured TTL). */
    public CacheEntry put(CacheKey key, CacheKeyFields fields, ChatResult.Answered answer, java.time.Duration ttl) {
        Instant now = clock.instant();
        var value = new CachedAnswer(answer.text(), answer.model(), answer.usage(), answer.finish(), now);
        var entry = new CacheEntry(key, value, answer.model().toString(), fields.templateId(),
                now.plus(ttl != null ? ttl : settings.ttlFor(CATEGORY)));
        put(entry);
        return entry;
    }

    /**
     * Serves {@code entry} from L1 at once and queues it for L2. Waits while the queue is full and L2 is
     * making progress (or failing for less than {@link #GIVE_UP_AFTER}); after close, writes it through.
     */
    @Override
    public void put(CacheEntry entry) {
        l1.put(entry);
        lock.lock();
        try {
            if (!closed) awaitRoom();
            if (!closed) { // close() flushes only what was queued before it set closed
                enqueue(entry);
                return;
            }
        } finally {
            lock.unlock();
        }
        writeThrough(entry);
    }

    /** Under {@link #lock}: waits while the queue is full, unless closing or giving up on L2. */
    private void awaitRoom() {
        boolean interrupted = false;
        while (full() && !closing && !givingUp()) {
            wake.signalAll();
            try {
                drained.awaitNanos(ROOM_RECHECK.toNanos());
            } catch (InterruptedException e) {
                interrupted = true; // the request was cancelled: still keep its answer, a little over the bound
                break;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        // L2 has failed for long: forget the oldest waiting writes rather than grow without bound.
        while (full() && givingUp()) {
            var eldest = pending.entrySet().iterator().next();
            forget(eldest.getKey(), eldest.getValue());
            countDropped(1);
        }
    }

    private boolean full() {
        return !pending.isEmpty() && (pending.size() >= maxPending() || pendingBytes >= MAX_PENDING_BYTES);
    }

    private boolean givingUp() {
        return failingSince != null && !clock.instant().isBefore(failingSince.plus(GIVE_UP_AFTER));
    }

    /** Under {@link #lock}. */
    private void enqueue(CacheEntry entry) {
        CacheEntry replaced = pending.remove(entry.key()); // keep insertion order = flush order
        if (replaced != null) pendingBytes -= replaced.weightBytes();
        pending.put(entry.key(), entry);
        waiting.put(entry.key(), entry);
        pendingBytes += entry.weightBytes();
        peakPending = Math.max(peakPending, pending.size());
        if (pending.size() >= settings.writeBehindBatch()) wake.signalAll();
    }

    /** Under {@link #lock}: takes an entry out of the queue (written, invalidated or given up). */
    private void forget(CacheKey key, CacheEntry entry) {
        if (pending.remove(key, entry)) {
            waiting.remove(key, entry);
            pendingBytes -= entry.weightBytes();
        }
    }

    private void countDropped(long n) {
        droppedWrites.addAndGet(n);
        droppedNotCounted.addAndGet(n);
    }

    /**
     * Tells {@code listener} about every batch of entries once its transaction has committed (what a crash
     * of the process can no longer take away); the fault suite's kill test uses it. Runs on the flusher.
     */
    public void whenDurable(java.util.function.Consumer<List<CacheEntry>> listener) { this.onDurable = listener; }

    private void durable(List<CacheEntry> entries) {
        try {
            onDurable.accept(entries);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "durable-write listener failed", e);
        }
    }

    /** After close: straight to L2, so that a request finishing during shutdown still keeps its answer. */
    private void writeThrough(CacheEntry entry) {
        try {
            l2.putAll(List.of(entry));
            durable(List.of(entry));
        } catch (RuntimeException e) {
            countDropped(1);
            LOG.warning("exact cache: could not store an answer after close (" + e.getMessage() + ")");
        }
    }

    @Override
    public long invalidate(Namespace ns) {
        flushLock.lock();
        try {
            long pendingOnly = 0;
            lock.lock();
            try {
                for (CacheEntry e : List.copyOf(pending.values())) {
                    if (e.in(ns)) {
                        forget(e.key(), e);
                        pendingOnly++;
                    }
                }
                drained.signalAll();
            } finally {
                lock.unlock();
            }
            if (ns instanceof Namespace.All) pendingHits.clear();
            l1.invalidate(ns);
            return l2.invalidate(ns) + pendingOnly;
        } finally {
            flushLock.unlock();
        }
    }

    /** Writes every entry waiting now, hit count and counter to L2. */
    public void flush() {
        flushLock.lock();
        try {
            Instant now = clock.instant();
            // What waits now, not what keeps arriving: under steady load the flusher still gets to hits and counters.
            int rounds;
            lock.lock();
            try {
                rounds = pending.size() / settings.writeBehindBatch() + 1;
            } finally {
                lock.unlock();
            }
            for (int round = 0; round < rounds; round++) {
                List<CacheEntry> batch = new ArrayList<>();
                lock.lock();
                try {
                    for (CacheEntry e : pending.values()) {
                        if (batch.size() == settings.writeBehindBatch()) break;
                        batch.add(e);
                    }
                } finally {
                    lock.unlock();
                }
                if (batch.isEmpty()) break;
                writeBatch(batch.stream().filter(e -> !e.expired(now)).toList());
                lock.lock();
                try {
                    for (CacheEntry e : batch) forget(e.key(), e);
                    drained.signalAll();
                } finally {
                    lock.unlock();
                }
            }
            flushHits();
            flushCounters();
        } finally {
            flushLock.unlock();
        }
    }

    /** Writes one batch, keeping track of whether L2 is failing (see {@link #givingUp()}). */
    private void writeBatch(List<CacheEntry> batch) {
        try {
            l2.putAll(batch);
            durable(batch);
        } catch (RuntimeException e) {
            lock.lock();
            try {
                if (failingSince == null) failingSince = clock.instant();
                drained.signalAll(); // producers waiting for room re-check whether to give up
            } finally {
                lock.unlock();
            }
            throw e;
        }
        lock.lock();
        try {
            failingSince = null;
        } finally {
            lock.unlock();
        }
    }

    private void flushHits() {
        Map<CacheKey, L2Tier.HitRecord> hits = new HashMap<>();
        for (CacheKey k : pendingHits.keySet()) {
            L2Tier.HitRecord taken = pendingHits.remove(k);
            if (taken != null) hits.put(k, taken);
        }
        try {
            l2.recordHits(hits);
        } catch (RuntimeException e) {
            hits.forEach((k, v) -> pendingHits.merge(k, v, L2Tier.HitRecord::plus));
            throw e;
        }
    }

    private void flushCounters() {
        var deltas = Map.of("l1.hits", l1Hits.getAndSet(0), "l1.misses", l1Misses.getAndSet(0),
                "l2.hits", l2Hits.getAndSet(0), "l2.misses", l2Misses.getAndSet(0), DROPPED, droppedNotCounted.getAndSet(0));
        try {
            l2.addCounters(deltas);
        } catch (RuntimeException e) {
            l1Hits.addAndGet(deltas.get("l1.hits"));
            l1Misses.addAndGet(deltas.get("l1.misses"));
            l2Hits.addAndGet(deltas.get("l2.hits"));
            l2Misses.addAndGet(deltas.get("l2.misses"));
            droppedNotCounted.addAndGet(deltas.get(DROPPED));
            throw e;
        }
    }

    /** Deletes expired rows from L2 (L1 expires its own). */
    public long purgeExpired() {
        return l2.purgeExpired(clock.instant());
    }

    /** Most entries that wait for L2; a put beyond waits for the flusher (or, L2 failing for long, drops the oldest). */
    int maxPending() {
        return Math.max(10_000, 20 * settings.writeBehindBatch());
    }

    /** See {@link #maxPending()}. */
    public int maxPendingWrites() { return maxPending(); }

    /** Writes of this process given up because L2 failed for {@link #GIVE_UP_AFTER} or at close (0 normally). */
    public long droppedWrites() { return droppedWrites.get(); }

    /** The most entries that waited for L2 at once in this process. */
    public int peakPendingWrites() {
        lock.lock();
        try {
            return peakPending;
        } finally {
            lock.unlock();
        }
    }

    public int pendingWrites() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** Hits recorded for one entry, including those not flushed yet. */
    public L2Tier.HitRecord hitsOf(CacheKey key) {
        L2Tier.HitRecord stored = l2.hitsOf(key);
        L2Tier.HitRecord notFlushed = pendingHits.get(key);
        return notFlushed == null ? stored : stored.plus(notFlushed);
    }

    /** Both tiers, with lifetime hit and miss counts (persisted plus not yet flushed). */
    public CacheStats cacheStats() {
        Map<String, Long> c = l2.counters();
        TierStats mem = l1.stats();
        TierStats disk = l2.stats();
        return new CacheStats(
                new TierStats("l1", mem.entries(), mem.bytes(), c.getOrDefault("l1.hits", 0L) + l1Hits.get(),
                        c.getOrDefault("l1.misses", 0L) + l1Misses.get()),
                new TierStats("l2", disk.entries(), disk.bytes(), c.getOrDefault("l2.hits", 0L) + l2Hits.get(),
                        c.getOrDefault("l2.misses", 0L) + l2Misses.get()),
                pendingWrites(), c.getOrDefault(DROPPED, 0L) + droppedNotCounted.get());
    }

    /** Entries and bytes: stored plus waiting; hits: either tier; misses: lookups that missed both. */
    @Override
    public TierStats stats() {
        CacheStats s = cacheStats();
        long waitingBytes;
        lock.lock();
        try {
            waitingBytes = pending.values().stream().mapToLong(e -> e.answer().text().length()).sum();
        } finally {
            lock.unlock();
        }
        return new TierStats("exact", s.l2().entries() + s.pendingWrites(), s.l2().bytes() + waitingBytes,
                s.l1().hits() + s.l2().hits(), s.l2().misses());
    }

    private Optional<CacheEntry> pendingEntry(CacheKey key, Instant now) {
        CacheEntry e = waiting.get(key);
        return e == null || e.expired(now) ? Optional.empty() : Optional.of(e);
    }

    private void recordHit(CacheKey key, Instant now) {
        pendingHits.merge(key, new L2Tier.HitRecord(1, now), L2Tier.HitRecord::plus);
    }

    private void runFlusher() {
        boolean failedLastTime = false;
        while (true) {
            lock.lock();
            try {
                long waitNanos = settings.writeBehindDelay().toNanos();
                // After a failure wait the full delay even if a batch is full: no spinning on a broken disk.
                while (!closing && (failedLastTime || pending.size() < settings.writeBehindBatch()) && waitNanos > 0) {
                    waitNanos = wake.awaitNanos(waitNanos);
                }
                if (closing) return;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                flush();
                purgeIfDue();
                failedLastTime = false;
            } catch (RuntimeException e) {
                if (!failedLastTime) LOG.log(Level.WARNING, "exact cache write-behind failed; retrying every "
                        + settings.writeBehindDelay().toMillis() + " ms", e);
                failedLastTime = true;
            }
        }
    }

    private void purgeIfDue() {
        Instant now = clock.instant();
        if (lastPurge == null || !now.isBefore(lastPurge.plus(PURGE_EVERY))) {
            lastPurge = now;
            l2.purgeExpired(now);
        }
    }

    /**
     * Stops the flusher and writes everything still waiting. If L2 cannot take them now, they are given
     * up: counted in {@link #droppedWrites()} and logged in one line, never thrown at the caller. Safe to
     * call twice.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            closing = true;
            wake.signalAll();
            drained.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            flusher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            flush();
        } catch (RuntimeException e) {
            int lost;
            lock.lock();
            try {
                lost = pending.size();
                for (CacheEntry left : List.copyOf(pending.values())) forget(left.key(), left);
            } finally {
                lock.unlock();
            }
            countDropped(lost);
            if (lost > 0) LOG.warning("exact cache: " + lost + " answers could not be stored at close: " + e.getMessage());
        }
    }
}
