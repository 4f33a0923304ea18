package dev.cachet.cli;

import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.definitions.DefinitionSet;
import dev.cachet.engine.definitions.Problem;
import dev.cachet.engine.templates.PromptTemplate;
import dev.cachet.engine.templates.RenderedPrompt;
import dev.cachet.engine.templates.TemplateException;
import dev.cachet.engine.templates.TemplateLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cachet templates list | check [DIR…] | render ID}: the prompt templates, without opening the engine. */
@Command(name = "templates", description = "List, check and render the prompt templates (YAML files in prompts/).",
        subcommands = {TemplatesCommand.ListTemplates.class, TemplatesCommand.Check.class, TemplatesCommand.Render.class})
final class TemplatesCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand CachetCommand parent;

    @Override
    public Integer call() {
        throw OptionRange.subcommandNeeded(spec);
    }

    /** The library the engine would serve from: the configured folders, built-in copies when they hold none. */
    private TemplateLibrary library() {
        EngineOptions o = EngineFactory.options(parent.dataDir);
        var settings = o.config().templates();
        return new TemplateLibrary(TemplateLibrary.folders(settings, o.dataDir(), Path.of("")), settings.watchSettings(), null);
    }

    @Command(name = "list", description = "One line per template: id, version, variants, variables, file and state.")
    static final class ListTemplates implements Callable<Integer> {
        @ParentCommand TemplatesCommand parent;

        @Override
        public Integer call() {
            PrintStream out = System.out;
            try (var library = parent.library()) {
                DefinitionSet<PromptTemplate> set = library.load();
                out.printf(Locale.ROOT, "%-22s %-12s %-10s %-34s %s%n", "ID", "VERSION", "VARIANTS", "VARIABLES (* required)", "FILE");
                for (var f : set.files()) {
                    var entry = f.id() == null ? null : set.byId().get(f.id());
                    boolean serving = entry != null && (entry.source().name().equals(f.source().name()));
                    PromptTemplate t = serving ? entry.value() : null;
                    String state = switch (f.status()) {
                        case OK -> "";
                        case STALE -> "  (has errors; last good version serving)";
                        case BROKEN -> "  (has errors; not serving)";
                        case DUPLICATE -> "  (duplicate id; not serving)";
                    };
                    out.printf(Locale.ROOT, "%-22s %-12s %-10s %-34s %s%s%n", f.id() == null ? "-" : f.id(),
                            t == null ? "-" : t.version(), t == null ? "-" : String.join(",", t.variantNames()),
                            t == null ? "-" : variables(t), f.source().name(), state);
                }
                out.println((set.builtIn() ? "no template files in " + library.folders() + ": the built-in copies serve"
                        : "folders: " + library.folders()) + "; " + set.byId().size() + " serving");
                return 0;
            }
        }

        private static String variables(PromptTemplate t) {
            var names = t.variables().values().stream().map(v -> v.name() + (v.required() ? "*" : "")).toList();
            String s = String.join(",", names);
            return s.length() > 34 ? s.substring(0, 33) + "…" : s;
        }
    }

    @Command(name = "check", description = "Validate template files; exit 0 when all are valid, 2 with one FILE:LINE:COL: message line per problem.")
    static final class Check implements Callable<Integer> {
        @ParentCommand TemplatesCommand parent;
        @Parameters(paramLabel = "DIR", arity = "0..*", description = "folders to check (default: the configured ones)") List<Path> dirs;

        @Override
        public Integer call() {
            PrintStream out = System.out;
            DefinitionSet<PromptTemplate> set;
            if (dirs == null || dirs.isEmpty()) {
                try (var library = parent.library()) {
                    set = library.load();
                }
            } else {
                for (Path d : dirs) {
                    if (!Files.isDirectory(d)) {
                        System.err.println("error: " + d + ": no such folder");
                        return 2;
                    }
                }
                set = TemplateLibrary.check(dirs);
            }
            List<Problem> problems = set.problems();
            problems.forEach(p -> out.println(p.format()));
            long errors = problems.stream().filter(Problem::isError).count();
            long bad = set.files().stream().filter(f -> f.problems().stream().anyMatch(Problem::isError)).count();
            System.err.printf(Locale.ROOT, "%d template file%s checked%s: %d valid, %d with errors, %d warning%s%n",
                    set.files().size(), set.files().size() == 1 ? "" : "s", set.builtIn() ? " (built-in copies)" : "",
                    set.files().size() - bad, bad, problems.size() - errors, problems.size() - errors == 1 ? "" : "s");
            return errors > 0 ? 2 : 0;
        }
    }

    @Command(name = "render", description = "Print the messages, params and model a template renders to.")
    static final class Render implements Callable<Integer> {
        @ParentCommand TemplatesCommand parent;
        @Parameters(index = "0", paramLabel = "ID", description = "the template's id (see templates list)") String id;
        @Mixin TemplateOptions options;

        @Override
        public Integer call() {
            PrintStream out = System.out;
            try (var library = parent.library()) {
                library.load();
                RenderedPrompt r = library.render(options.invocation(id), null);
                PromptTemplate t = r.template();
                out.println("# " + t.id() + "@" + t.version() + " variant " + r.variant() + " (" + r.variantReason() + ") from " + r.source());
                out.println("# model " + (r.model() == null ? "(the caller's)" : r.model()) + "; params " + params(r));
                r.warnings().forEach(w -> System.err.println("warning: " + w));
                out.println();
                out.println(r.text());
                return 0;
            } catch (TemplateException | TemplateOptions.UsageError e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
        }

        private static String params(RenderedPrompt r) {
            var p = r.params();
            var parts = new java.util.ArrayList<String>();
            if (p.temperature() != null) parts.add("temperature " + p.temperature());
            if (p.maxTokens() != null) parts.add("max_tokens " + p.maxTokens());
            if (p.topP() != null) parts.add("top_p " + p.topP());
            if (p.stop() != null && !p.stop().isEmpty()) parts.add("stop " + p.stop());
            if (p.responseFormat() != null) parts.add("response_format " + p.responseFormat());
            return parts.isEmpty() ? "(the provider's defaults)" : String.join(", ", parts);
        }
    }
}
