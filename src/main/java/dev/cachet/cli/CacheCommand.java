package dev.cachet.cli;

import dev.cachet.engine.Engine;
import dev.cachet.engine.cache.Namespace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code cachet cache clear [--namespace NS]}. */
@Command(name = "cache", description = "Manage the response caches (exact and semantic).", subcommands = CacheCommand.Clear.class)
final class CacheCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw OptionRange.subcommandNeeded(spec);
    }

    @Command(name = "clear", description = {"Remove stored answers: exact cache (both tiers) and semantic cache; print how many.",
            "template:ID clears the exact cache only (a template's semantic entries cannot be told apart)."})
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
                System.out.printf("removed nothing (%s): %s holds no data yet%n", ns, dataDir);
                return 0;
            }
            try (var engine = EngineFactory.openForMaintenance(cache.parent.dataDir)) {
                engine.database().notices().forEach(n -> System.err.println("note: " + n));
                Engine.Cleared cleared;
                try {
                    cleared = engine.clearCaches(ns);
                } catch (IllegalStateException teamCacheDown) {
                    System.err.println("error: " + teamCacheDown.getMessage()); // cleared locally; the shared copies remain
                    return 1;
                }
                System.out.printf("removed %s (%s)%n", cleared, ns);
                return 0;
            }
        }
    }
}
