package dev.cachet.engine.cache;

/**
 * The two-level exact cache at a glance. Hits and misses count every lookup since the database was
 * created (persisted with each flush), not only this process's.
 *
 * @param pendingWrites entries waiting for the write-behind flush
 * @param droppedWrites answers given up because L2 kept failing, since the database was created (0 normally)
 */
public record CacheStats(TierStats l1, TierStats l2, int pendingWrites, long droppedWrites) { }
