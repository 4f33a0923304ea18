package dev.cachet.engine.cache;

import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;

/**
 * Which keys a persistent tier holds, and until when: lets a definite miss skip the database.
 *
 * <p>A filter, never a source of answers: {@link #expiryOf} may say a key is held when it is not
 * (two keys sharing their first 64 bits, an entry another process deleted, a lookup that overlapped
 * a change here), and the caller then asks the database, which decides. It may also miss a key that
 * another process wrote since this index was loaded: that costs a model call, never a wrong answer.
 *
 * <p>Open addressing over the first 64 bits of the SHA-256 key, two parallel {@code long} arrays
 * (16 bytes a slot, at most half full). Readers never block: they read optimistically and, if a
 * writer got in the way, answer "maybe" ({@link #UNKNOWN}) instead of waiting.
 */
final class KeyIndex {

    /** {@link #expiryOf} when the key is not held (or held but expired at the time asked). */
    static final long ABSENT = Long.MIN_VALUE;
    /** {@link #expiryOf} when a concurrent change made the answer unknown: ask the database. */
    static final long UNKNOWN = Long.MAX_VALUE;

    private static final long EMPTY = 0;
    private static final int MIN_CAPACITY = 1 << 10;

    private final StampedLock lock = new StampedLock();
    private long[] fingerprints;
    private long[] expiries;
    private int size;

    KeyIndex() { this(0); }

    KeyIndex(int expectedSize) {
        int capacity = capacityFor(expectedSize);
        fingerprints = new long[capacity];
        expiries = new long[capacity];
    }

    /** The stored expiry (epoch millis) of a live key, {@link #ABSENT}, or {@link #UNKNOWN}. */
    long expiryOf(CacheKey key, long nowMillis) {
        long f = fingerprint(key);
        long stamp = lock.tryOptimisticRead();
        if (stamp == 0) return UNKNOWN;
        long[] fs = fingerprints;
        long[] es = expiries;
        long found = ABSENT;
        int mask = fs.length - 1;
        // Bounded probe: a torn read during a concurrent write must not loop forever.
        for (int i = slot(f, mask), probes = 0; probes < fs.length; i = (i + 1) & mask, probes++) {
            long at = fs[i];
            if (at == EMPTY) break;
            if (at == f) {
                found = es[i];
                break;
            }
        }
        if (!lock.validate(stamp)) return UNKNOWN;
        return found != ABSENT && found > nowMillis ? found : ABSENT;
    }

    /** Records that the tier holds {@code key} until {@code expiresMillis} (replacing an older expiry). */
    void add(CacheKey key, long expiresMillis) {
        long stamp = lock.writeLock();
        try {
            insert(fingerprint(key), expiresMillis);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes {@code key}. */
    void remove(CacheKey key) {
        long stamp = lock.writeLock();
        try {
            int i = find(fingerprint(key));
            if (i >= 0) delete(i);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Removes {@code key} only if it still carries {@code expiresMillis}: a lookup that found no row
     * must not remove the record of a newer write of the same key that committed meanwhile.
     */
    boolean remove(CacheKey key, long expiresMillis) {
        long stamp = lock.writeLock();
        try {
            int i = find(fingerprint(key));
            if (i < 0 || expiries[i] != expiresMillis) return false;
            delete(i);
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes every key expired at {@code nowMillis}; returns how many. */
    int removeExpired(long nowMillis) {
        long stamp = lock.writeLock();
        try {
            int removed = 0;
            for (int i = 0; i < fingerprints.length; ) {
                // delete() shifts a later entry into slot i: look at the same slot again.
                if (fingerprints[i] != EMPTY && expiries[i] <= nowMillis) {
                    delete(i);
                    removed++;
                } else {
                    i++;
                }
            }
            return removed;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    void clear() {
        long stamp = lock.writeLock();
        try {
            fingerprints = new long[MIN_CAPACITY];
            expiries = new long[MIN_CAPACITY];
            size = 0;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    int size() {
        long stamp = lock.readLock();
        try {
            return size;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** The first 64 bits of the key; 0 marks an empty slot, so a key starting with 16 zeros shares 1's slot. */
    static long fingerprint(CacheKey key) {
        long f = Long.parseUnsignedLong(key.hex(), 0, 16, 16);
        return f == EMPTY ? 1 : f;
    }

    // --- below: called with the write lock held ---

    private void insert(long f, long expiresMillis) {
        int i = find(f);
        if (i >= 0) {
            expiries[i] = expiresMillis;
            return;
        }
        if (2 * (size + 1) > fingerprints.length) grow();
        int mask = fingerprints.length - 1;
        i = slot(f, mask);
        while (fingerprints[i] != EMPTY) i = (i + 1) & mask;
        fingerprints[i] = f;
        expiries[i] = expiresMillis;
        size++;
    }

    private int find(long f) {
        int mask = fingerprints.length - 1;
        for (int i = slot(f, mask); ; i = (i + 1) & mask) {
            long at = fingerprints[i];
            if (at == EMPTY) return -1;
            if (at == f) return i;
        }
    }

    /** Linear-probing deletion without tombstones: shift later members of the run back into the gap. */
    private void delete(int gap) {
        int mask = fingerprints.length - 1;
        for (int i = (gap + 1) & mask; fingerprints[i] != EMPTY; i = (i + 1) & mask) {
            int home = slot(fingerprints[i], mask);
            // Move i into the gap unless its home lies cyclically in (gap, i].
            boolean homeInRange = gap <= i ? (home > gap && home <= i) : (home > gap || home <= i);
            if (!homeInRange) {
                fingerprints[gap] = fingerprints[i];
                expiries[gap] = expiries[i];
                gap = i;
            }
        }
        fingerprints[gap] = EMPTY;
        expiries[gap] = 0;
        size--;
    }

    private void grow() {
        long[] oldF = fingerprints;
        long[] oldE = expiries;
        fingerprints = new long[oldF.length * 2];
        expiries = new long[oldF.length * 2];
        size = 0;
        for (int i = 0; i < oldF.length; i++) if (oldF[i] != EMPTY) insert(oldF[i], oldE[i]);
    }

    private static int slot(long f, int mask) {
        return (int) (f ^ (f >>> 32)) & mask; // SHA-256 bits are already uniform
    }

    private static int capacityFor(int expected) {
        long needed = Math.max(MIN_CAPACITY, 2L * expected);
        return (int) Math.min(1 << 30, Long.highestOneBit(needed - 1) << 1);
    }

    @Override public String toString() { return "KeyIndex[" + size() + " keys, " + fingerprints.length + " slots]"; }

    /** For tests: every slot is empty or reachable from its home slot without crossing an empty one. */
    boolean consistent() {
        long stamp = lock.readLock();
        try {
            int mask = fingerprints.length - 1;
            int count = 0;
            for (int i = 0; i < fingerprints.length; i++) {
                if (fingerprints[i] == EMPTY) continue;
                count++;
                for (int j = slot(fingerprints[i], mask); j != i; j = (j + 1) & mask) {
                    if (fingerprints[j] == EMPTY) return false;
                }
            }
            return count == size && Arrays.stream(fingerprints).filter(x -> x != EMPTY).distinct().count() == size;
        } finally {
            lock.unlockRead(stamp);
        }
    }
}
