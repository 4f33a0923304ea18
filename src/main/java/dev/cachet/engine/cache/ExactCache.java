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
 */
public final class ExactCache implements CacheTier, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExactCache.class.getName());
    static final String CATEGORY = "chat";
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final MemoryTier l1;
    private final L2Tier l2;
    private final CacheSettings settings;
    private final InstantSource clock;

    /** Guards pending (the flush order); never held during I/O, never taken by a lookup. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final LinkedHashMap<CacheKey, CacheEntry> pending = new LinkedHashMap<>();
    /**
     * The same entries as {@link #pending}, changed together with it under {@link #lock}, read
     * without it: a lookup never waits for the flusher, which holds the lock while it copies a batch.
     */
    private final ConcurrentHashMap<CacheKey, CacheEntry> waiting = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CacheKey, L2Tier.HitRecord> pendingHits = new ConcurrentHashMap<>();
    /** Held for a whole flush, and by invalidate, so an invalidation cannot race a batch in flight. */
    private final ReentrantLock flushLock = new ReentrantLock();

    private final AtomicLong droppedWrites = new AtomicLong();
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

    @Override
    public void put(CacheEntry entry) {
        l1.put(entry);
        lock.lock();
        try {
            pending.remove(entry.key()); // keep insertion order = flush order
            pending.put(entry.key(), entry);
            waiting.put(entry.key(), entry);
            // If L2 keeps failing, forget the oldest waiting writes rather than grow without bound:
            // losing a cache write costs a model call later, never a wrong answer.
            while (pending.size() > maxPending()) {
                var eldest = pending.entrySet().iterator();
                waiting.remove(eldest.next().getKey());
                eldest.remove();
                droppedWrites.incrementAndGet();
            }
            if (pending.size() >= settings.writeBehindBatch()) wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long invalidate(Namespace ns) {
        flushLock.lock();
        try {
            long pendingOnly = 0;
            lock.lock();
            try {
                for (var it = pending.values().iterator(); it.hasNext(); ) {
                    CacheEntry e = it.next();
                    if (e.in(ns)) {
                        it.remove();
                        waiting.remove(e.key(), e);
                        pendingOnly++;
                    }
                }
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

    /** Writes every waiting entry, hit count and counter to L2 now. */
    public void flush() {
        flushLock.lock();
        try {
            Instant now = clock.instant();
            while (true) {
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
                l2.putAll(batch.stream().filter(e -> !e.expired(now)).toList());
                lock.lock();
                try {
                    for (CacheEntry e : batch) {
                        if (pending.remove(e.key(), e)) waiting.remove(e.key(), e);
                    }
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
                "l2.hits", l2Hits.getAndSet(0), "l2.misses", l2Misses.getAndSet(0));
        try {
            l2.addCounters(deltas);
        } catch (RuntimeException e) {
            l1Hits.addAndGet(deltas.get("l1.hits"));
            l1Misses.addAndGet(deltas.get("l1.misses"));
            l2Hits.addAndGet(deltas.get("l2.hits"));
            l2Misses.addAndGet(deltas.get("l2.misses"));
            throw e;
        }
    }

    /** Deletes expired rows from L2 (L1 expires its own). */
    public long purgeExpired() {
        return l2.purgeExpired(clock.instant());
    }

    /** Most entries that wait for L2 before the oldest are dropped. */
    int maxPending() {
        return Math.max(10_000, 20 * settings.writeBehindBatch());
    }

    /** Writes dropped because L2 failed for too long (see {@link #put(CacheEntry)}). */
    public long droppedWrites() { return droppedWrites.get(); }

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
                pendingWrites());
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

    /** Stops the flusher and writes everything still waiting. Safe to call twice. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            closing = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            flusher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
