package dev.cachet.engine.bench;

import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.definitions.DefinitionSet;
import dev.cachet.engine.definitions.FolderWatcher;
import dev.cachet.engine.templates.PromptTemplate;
import dev.cachet.engine.templates.TemplateLibrary;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prompt templates: loading 1,000 files (cold, then warm), rendering a typical template, how long an
 * edit on disk takes to serve, and what watching 1,000 files costs in CPU while nothing changes
 * (file events vs the polling fallback, next to the same process not watching at all).
 */
public final class TemplatesBenchSuite implements BenchSuite {

    private static final String TEMPLATE = """
            id: %s
            description: Generated for the load benchmark (%d).
            tags: [bench, group-%d]
            variables:
              question: {type: string, required: true, example: "What is a cache?"}
              passages: {type: list, example: [{title: a, text: b}]}
              max_words: {type: number, default: 120}
            params: {temperature: 0.2, max_tokens: 300}
            messages:
              system: |
                Answer in at most {{ max_words }} words, citing passages as [n].
              examples:
                - {user: "Q: 1+1?", assistant: "2"}
              user: |
                {%% for p in passages %%}
                [{{ loop.index }}] {{ p.title }}: {{ p.text }}
                {%% endfor %%}
                Question: {{ question }}
            variants:
              A:
              B:
                params: {temperature: 0}
            split: {A: 1, B: 1}
            """;

    @Override public String name() { return "templates"; }

    @Override
    public Map<String, Object> run(BenchContext ctx) throws Exception {
        var figures = new LinkedHashMap<String, Object>();
        Path folder = ctx.dataDir().resolve("prompts-1000");
        int files = 1_000;
        for (int i = 0; i < files; i++) {
            Path f = folder.resolve("group-" + (i % 20)).resolve("t" + i + ".yaml");
            Files.createDirectories(f.getParent());
            Files.writeString(f, TEMPLATE.formatted("t" + i, i, i % 20));
        }
        figures.put("load1000", load(ctx, folder, files));
        figures.put("render", render(ctx));
        figures.put("editToLive", editToLive(ctx, folder));
        figures.put("idleCpu", idleCpu(ctx, folder));
        return figures;
    }

    /** A fresh library reading the whole folder (parse, validate, compile, check every variant), repeated. */
    private Map<String, Object> load(BenchContext ctx, Path folder, int files) {
        int runs = ctx.scale(7, 3);
        long[] ms = new long[runs];
        long[] cpu = new long[runs];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < runs; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            DefinitionSet<PromptTemplate> set = TemplateLibrary.check(List.of(folder));
            ms[r] = (System.nanoTime() - t0) / 1_000_000;
            cpu[r] = (os.getProcessCpuTime() - c0) / 1_000_000;
            if (set.byId().size() != files || set.hasErrors()) throw new IllegalStateException("expected " + files + " valid templates");
            ctx.progress("load %,d files: run %d %d ms wall, %d ms CPU (all threads, JIT included)%s", files, r + 1, ms[r], cpu[r],
                    r == 0 ? " (cold: first jinjava in this JVM)" : "");
        }
        long[] warm = Arrays.copyOfRange(ms, 1, runs);
        long[] warmCpu = Arrays.copyOfRange(cpu, 1, runs);
        Arrays.sort(warm);
        Arrays.sort(warmCpu);
        var m = new LinkedHashMap<String, Object>();
        m.put("files", files);
        m.put("coldMs", ms[0]);
        m.put("coldCpuMs", cpu[0]);
        m.put("warmMedianMs", warm[warm.length / 2]);
        m.put("warmMedianCpuMs", warmCpu[warmCpu.length / 2]);
        m.put("warmMaxMs", warm[warm.length - 1]);
        return m;
    }

    private Map<String, Object> render(BenchContext ctx) throws Exception {
        try (var library = new TemplateLibrary(List.of(Path.of("prompts")), FolderWatcher.Settings.DEFAULTS, null)) {
            library.load();
            var invocation = new TemplateInvocation("rag-answer", null, Map.of("question", "How long does a cached answer live?",
                    "passages", List.of(Map.of("title", "Cache", "text", "Seven days by default."),
                            Map.of("title", "Templates", "text", "A cache block sets its own ttl.", "url", "https://example.org"),
                            Map.of("title", "Semantic", "text", "Follows semantic.ttl."))));
            int warm = ctx.scale(50_000, 5_000);
            for (int i = 0; i < warm; i++) library.render(invocation, null);
            var p = new Percentiles();
            int samples = ctx.scale(200_000, 20_000);
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                library.render(invocation, null);
                p.record(System.nanoTime() - t0);
            }
            ctx.progress("render rag-answer: p50 %.1f us, p99 %.1f us", p.p50Us(), p.p99Us());
            return p.figures();
        }
    }

    /** An edit written to disk until the library serves its new version, with the watcher (file events). */
    private Map<String, Object> editToLive(BenchContext ctx, Path folder) throws Exception {
        try (var library = new TemplateLibrary(List.of(folder), FolderWatcher.Settings.DEFAULTS, null)) {
            library.start();
            Path file = folder.resolve("group-0").resolve("t0.yaml");
            int edits = ctx.scale(20, 5);
            long[] ms = new long[edits];
            for (int i = 0; i < edits; i++) {
                String before = library.current().get("t0").orElseThrow().value().version();
                long t0 = System.nanoTime();
                Files.writeString(file, TEMPLATE.formatted("t0", 1_000_000 + i, 0));
                while (library.current().get("t0").orElseThrow().value().version().equals(before)) {
                    if (System.nanoTime() - t0 > 10_000_000_000L) throw new IllegalStateException("edit not live after 10 s");
                    Thread.sleep(1);
                }
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
                Thread.sleep(50);
            }
            Arrays.sort(ms);
            ctx.progress("edit on disk to serving (%s, debounce 100 ms): median %d ms, max %d ms", library.watching(), ms[edits / 2], ms[edits - 1]);
            return Map.of("watching", library.watching(), "medianMs", ms[edits / 2], "maxMs", ms[edits - 1]);
        }
    }

    /** Process CPU while nothing changes: not watching, watching with events, watching by polling. */
    private Map<String, Object> idleCpu(BenchContext ctx, Path folder) throws Exception {
        long seconds = ctx.scale(10, 3);
        var m = new LinkedHashMap<String, Object>();
        System.gc();
        Thread.sleep(3_000); // let the JIT finish compiling what the earlier phases ran
        m.put("notWatchingCpuMsPerS", cpuPerSecond(seconds));
        for (var mode : List.of(FolderWatcher.Mode.EVENTS, FolderWatcher.Mode.POLL)) {
            try (var library = new TemplateLibrary(List.of(folder), new FolderWatcher.Settings(mode, null, null), null)) {
                library.start();
                Thread.sleep(ctx.scale(5_000, 1_000)); // the start-up read of 1,000 files and its JIT settle first
                System.gc();
                Thread.sleep(ctx.scale(2_000, 500));
                double cpu = cpuPerSecond(seconds);
                m.put(mode.name().toLowerCase(java.util.Locale.ROOT) + "CpuMsPerS", cpu);
                ctx.progress("idle, 1,000 files, %s: %.2f ms CPU per second (process)", library.watching(), cpu);
            }
        }
        return m;
    }

    private static double cpuPerSecond(long seconds) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        Thread.sleep(seconds * 1_000);
        return Math.round((os.getProcessCpuTime() - c0) / 1e6 / seconds * 100) / 100.0;
    }
}
