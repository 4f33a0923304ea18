package dev.cachet.cli;

import dev.cachet.engine.cache.Namespace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code cachet cache clear [--namespace NS]}. */
@Command(name = "cache", description = "Manage the exact response cache.", subcommands = CacheCommand.Clear.class)
final class CacheCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;

    @Override
    public Integer call() {
        System.err.println("usage: cachet cache clear [--namespace all|model:PROVIDER/MODEL|template:ID]");
        return 2;
    }

    @Command(name = "clear", description = "Remove exact-cache entries (both tiers) and print how many were removed.")
    static final class Clear implements Callable<Integer> {

        @ParentCommand CacheCommand cache;

        @Option(names = "--namespace", paramLabel = "NS", defaultValue = "all",
                description = "all (default), model:PROVIDER/MODEL (e.g. model:simulator/sim-small), or template:ID")
        String namespace;

        @Override
        public Integer call() {
            Namespace ns;
            try {
                ns = Namespace.parse(namespace);
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
            java.nio.file.Path dataDir = EngineFactory.options(cache.parent.dataDir).dataDir();
            if (StatsCommand.noData(dataDir) != null) {
                System.out.printf("removed 0 entries (%s): %s holds no data yet%n", ns, dataDir);
                return 0;
            }
            try (var engine = EngineFactory.openForMaintenance(cache.parent.dataDir)) {
                engine.database().notices().forEach(n -> System.err.println("note: " + n));
                long removed = engine.exactCache().invalidate(ns);
                System.out.printf("removed %d %s (%s)%n", removed, removed == 1 ? "entry" : "entries", ns);
                return 0;
            }
        }
    }
}
