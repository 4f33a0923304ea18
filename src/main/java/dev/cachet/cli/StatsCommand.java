package dev.cachet.cli;

import dev.cachet.engine.cache.CacheStats;
import dev.cachet.engine.cache.TierStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import dev.cachet.engine.store.Database;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cachet stats}: what the data dir holds and how the exact cache has done. */
@Command(name = "stats", description = {"Show the database and its write-ahead log, the exact cache per tier, and conversations.",
        "Per tier: entries, bytes, hits, misses. A data dir with no data yet is reported as such, and not created."})
final class StatsCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Path dataDir = EngineFactory.options(parent.dataDir).dataDir(); // a config file it cannot use is reported first
        String nothing = noData(dataDir);
        if (nothing != null) {
            out.println("no data yet: " + nothing + " (chat, replay or the window create it)");
            return 0;
        }
        try (var engine = EngineFactory.openForMaintenance(parent.dataDir)) {
            engine.database().notices().forEach(n -> System.err.println("note: " + n));
            CacheStats cache = engine.exactCache().cacheStats();
            Path db = engine.database().file();
            Path wal = db.resolveSibling(db.getFileName() + "-wal");
            out.printf(Locale.ROOT, "database       %s (%,d bytes)%n", db, size(db));
            out.printf(Locale.ROOT, "write-ahead log %s (%,d bytes, written into the database at checkpoints)%n", wal, size(wal));
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

    /** Why {@code dataDir} holds nothing to show, or null when it has a database. Looking must not create it. */
    static String noData(Path dataDir) {
        if (!Files.exists(dataDir)) return dataDir + " does not exist";
        if (!Files.exists(dataDir.resolve(Database.FILE_NAME))) return dataDir + " holds no " + Database.FILE_NAME;
        return null;
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0; // vanished between the two calls: a checkpoint removed it
        }
    }

    private static void row(PrintStream out, TierStats t) {
        out.printf(Locale.ROOT, "  %-4s %,9d %,13d %,10d %,10d %8.1f%%%n", t.tier(), t.entries(), t.bytes(), t.hits(), t.misses(),
                100 * t.hitRate());
    }
}
