package dev.cachet.engine.cache;

import dev.cachet.engine.exec.VirtualThreads;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * L2 for a team: the workbench's own SQLite tier beside a shared tier (Redis) that every workbench of
 * the team reads and writes. Lookups go local first, then shared; a shared hit is copied into the local
 * tier. Writes land locally at once and reach the shared tier by write-behind through a bounded queue
 * (oldest dropped when full), on their own virtual thread, so a slow shared tier never slows the cache's
 * flush. When the shared tier fails, it is left alone for {@code retryEvery} and everything is answered
 * from the local tier: no request fails because the team cache is down, and {@link #status()} says so.
 * Hit counts and counters are the local tier's.
 */
public final class TeamTier implements L2Tier, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TeamTier.class.getName());
    private static final int WRITE_BATCH = 500;

    private final L2Tier local;
    private final L2Tier shared;
    private final String address;
    private final InstantSource clock;
    private final Duration retryEvery;
    private final int maxQueued;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final ArrayDeque<CacheEntry> queue = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private boolean closing;

    private volatile TeamCacheStatus status;
    /** While unreachable: no shared call before this instant (a lookup must not wait on a dead address). */
    private volatile Instant retryAt = Instant.MIN;

    public TeamTier(L2Tier local, L2Tier shared, String address, InstantSource clock, Duration retryEvery, int maxQueued) {
        this.local = local;
        this.shared = shared;
        this.address = address;
        this.clock = clock;
        this.retryEvery = retryEvery;
        this.maxQueued = maxQueued;
        this.status = new TeamCacheStatus(TeamCacheStatus.State.CONNECTED, address, null, clock.instant(), 0, 0);
        this.writer = VirtualThreads.factory("team-cache-writer").newThread(this::runWriter);
        writer.start();
    }

    public TeamCacheStatus status() {
        TeamCacheStatus s = status;
        return new TeamCacheStatus(s.state(), s.address(), s.problem(), s.since(), queued(), dropped.get());
    }

    private boolean sharedUsable() { return !clock.instant().isBefore(retryAt); }

    private void failed(RuntimeException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        if (status.reachable()) {
            LOG.log(Level.WARNING, "team cache " + address + " unreachable: " + why + "; answering from the local cache");
            status = new TeamCacheStatus(TeamCacheStatus.State.UNREACHABLE, address, why, clock.instant(), 0, 0);
        }
        retryAt = clock.instant().plus(retryEvery); // after the status: whoever skips the shared tier sees it marked down
    }

    private void succeeded() {
        if (!status.reachable()) {
            LOG.info("team cache " + address + " reachable again");
            status = new TeamCacheStatus(TeamCacheStatus.State.CONNECTED, address, null, clock.instant(), 0, 0);
        }
    }

    @Override
    public Optional<CacheEntry> get(CacheKey key) {
        Optional<CacheEntry> mine = local.get(key);
        if (mine.isPresent() || !sharedUsable()) return mine;
        try {
            Optional<CacheEntry> theirs = shared.get(key);
            succeeded();
            theirs.ifPresent(local::put); // survives a later outage and a restart
            return theirs;
        } catch (RuntimeException e) {
            failed(e);
            return Optional.empty();
        }
    }

    @Override public void put(CacheEntry entry) { putAll(List.of(entry)); }

    @Override
    public void putAll(List<CacheEntry> entries) {
        local.putAll(entries);
        lock.lock();
        try {
            for (CacheEntry e : entries) {
                queue.addLast(e);
                if (queue.size() > maxQueued) {
                    queue.removeFirst();
                    dropped.incrementAndGet();
                }
            }
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long invalidate(Namespace ns) {
        lock.lock();
        try {
            queue.removeIf(e -> e.in(ns)); // or they would land after the invalidation
        } finally {
            lock.unlock();
        }
        long here = local.invalidate(ns);
        try {
            long there = shared.invalidate(ns);
            succeeded();
            return Math.max(here, there);
        } catch (RuntimeException e) {
            failed(e);
            throw new IllegalStateException("removed " + here + " local entries (" + ns + "), but the team cache "
                    + address + " is unreachable and still holds its copies: clear again once it is back", e);
        }
    }

    /** Waits until the queued writes reached the shared tier; false when it failed or {@code timeout} passed. For tests and close. */
    public boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!queue.isEmpty() || writing) {
                if (!writing && !sharedUsable()) return false; // the last attempt failed: no use waiting for this one
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                wake.signalAll();
                wake.awaitNanos(Math.min(left, 10_000_000));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean writing;

    private void runWriter() {
        while (true) {
            List<CacheEntry> batch = new ArrayList<>();
            lock.lock();
            try {
                writing = false;
                wake.signalAll();
                while (!closing && (queue.isEmpty() || !sharedUsable())) {
                    long waitMs = queue.isEmpty() ? 1000 : Math.max(10, Duration.between(clock.instant(), retryAt).toMillis());
                    wake.awaitNanos(Math.min(waitMs, 1000) * 1_000_000);
                }
                if (closing && (queue.isEmpty() || !sharedUsable())) return;
                while (!queue.isEmpty() && batch.size() < WRITE_BATCH) batch.add(queue.pollFirst());
                writing = true;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                shared.putAll(batch);
                succeeded();
            } catch (RuntimeException e) {
                failed(e);
                lock.lock();
                try {
                    for (int i = batch.size() - 1; i >= 0; i--) queue.addFirst(batch.get(i)); // retried after retryEvery
                    while (queue.size() > maxQueued) {
                        queue.removeFirst();
                        dropped.incrementAndGet();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override public void recordHits(Map<CacheKey, HitRecord> hits) { local.recordHits(hits); }
    @Override public void addCounters(Map<String, Long> deltas) { local.addCounters(deltas); }
    @Override public Map<String, Long> counters() { return local.counters(); }
    @Override public long purgeExpired(Instant now) { return local.purgeExpired(now); }
    @Override public HitRecord hitsOf(CacheKey key) { return local.hitsOf(key); }

    /** The shared tier's entries and bytes (a walk over Redis: for {@code cachet stats}, not a timer). */
    public TierStats sharedStats() {
        try {
            TierStats s = shared.stats();
            succeeded();
            return s;
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    /** The local tier's figures (the shared tier's size is a walk over Redis: see {@link #sharedStats()}). */
    @Override public TierStats stats() { return local.stats(); }

    /**
     * Writes what is still queued, trying the shared tier once more even if it failed lately (bounded: a
     * dead Redis costs the exit a few seconds at most), then stops the writer.
     */
    @Override
    public void close() {
        try {
            retryAt = Instant.MIN;
            lock.lock();
            try {
                wake.signalAll();
            } finally {
                lock.unlock();
            }
            drain(Duration.ofSeconds(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            closing = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            writer.join(Duration.ofSeconds(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
