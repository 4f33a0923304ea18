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
            try (var engine = EngineFactory.openForMaintenance(cache.parent.dataDir)) {
                engine.database().notices().forEach(n -> System.err.println("note: " + n));
                long removed;
                try {
                    removed = engine.exactCache().invalidate(ns);
                } catch (IllegalStateException teamCacheDown) {
                    System.err.println("error: " + teamCacheDown.getMessage()); // cleared locally; the shared copies remain
                    return 1;
                }
                System.out.printf("removed %d %s (%s)%n", removed, removed == 1 ? "entry" : "entries", ns);
                return 0;
            }
        }
    }
}
