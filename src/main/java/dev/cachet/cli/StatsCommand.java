package dev.cachet.cli;

import dev.cachet.engine.cache.CacheStats;
import dev.cachet.engine.cache.TierStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cachet stats}: what the data dir holds and how the exact cache has done. */
@Command(name = "stats", description = "Show the database, the exact cache per tier (entries, bytes, hits, misses) and conversations.")
final class StatsCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        try (var engine = EngineFactory.openForMaintenance(parent.dataDir)) {
            engine.database().notices().forEach(n -> System.err.println("note: " + n));
            CacheStats cache = engine.exactCache().cacheStats();
            out.printf(Locale.ROOT, "database       %s (%,d bytes)%n", engine.database().file(), engine.database().sizeBytes());
            out.printf(Locale.ROOT, "conversations  %d%n", engine.conversations().count());
            out.println("exact cache");
            out.printf(Locale.ROOT, "  %-4s %9s %13s %10s %10s %9s%n", "tier", "entries", "bytes", "hits", "misses", "hit rate");
            row(out, cache.l1());
            row(out, cache.l2());
            out.println("  l1 is this process's memory; hits and misses count every lookup since the database was created");
            out.printf(Locale.ROOT, "  lost writes %,d (answers never stored because the database kept failing; normally 0)%n",
                    cache.droppedWrites());
            if (engine.teamCache().isPresent()) {
                try {
                    var shared = engine.teamCacheStats().orElseThrow();
                    out.printf(Locale.ROOT, "team cache     %s: %,d shared entries, %,d bytes%n",
                            engine.teamCache().get().address(), shared.entries(), shared.bytes());
                } catch (RuntimeException e) {
                    out.println("team cache     " + engine.teamCache().get().describe());
                }
            }
            return 0;
        }
    }

    private static void row(PrintStream out, TierStats t) {
        out.printf(Locale.ROOT, "  %-4s %,9d %,13d %,10d %,10d %8.1f%%%n", t.tier(), t.entries(), t.bytes(), t.hits(), t.misses(),
                100 * t.hitRate());
    }
}
