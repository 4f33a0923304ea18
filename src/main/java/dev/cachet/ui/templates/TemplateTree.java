package dev.cachet.ui.templates;

import dev.cachet.engine.definitions.DefinitionSet;
import dev.cachet.engine.definitions.Problem;
import dev.cachet.engine.templates.PromptTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the tree of folders, templates and variants from the live set, keeping only what matches a filter. */
final class TemplateTree {

    private TemplateTree() { }

    /**
     * @param filter words to find in an id, file, description, tag or variant name (case-insensitive);
     *               a template that matches keeps all its variants, a folder is kept for what it holds
     */
    static List<TreeEntry> build(DefinitionSet<PromptTemplate> set, String filter) {
        String f = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        var root = new Folder("");
        for (var report : set.files()) {
            TreeEntry file = entry(set, report);
            if (!f.isEmpty() && !matches(file, set, f)) continue;
            Folder at = root;
            if (!report.source().folder().isEmpty()) {
                for (String part : report.source().folder().split("/")) at = at.folders.computeIfAbsent(part, Folder::new);
            }
            at.files.add(file);
        }
        return root.children();
    }

    private static TreeEntry entry(DefinitionSet<PromptTemplate> set, DefinitionSet.FileReport report) {
        String name = report.source().name();
        String fileName = name.substring(name.lastIndexOf('/') + 1);
        var serving = report.id() == null ? null : set.get(report.id()).filter(e -> e.source().name().equals(name)).orElse(null);
        PromptTemplate t = serving == null ? null : serving.value();
        TreeEntry.State state = switch (report.status()) {
            case OK -> report.problems().isEmpty() ? TreeEntry.State.OK : TreeEntry.State.WARNINGS;
            case STALE -> TreeEntry.State.STALE;
            case BROKEN -> TreeEntry.State.BROKEN;
            case DUPLICATE -> TreeEntry.State.DUPLICATE;
        };
        var variants = new ArrayList<TreeEntry>();
        if (t != null && !t.variants().isEmpty()) {
            for (String v : t.variantNames()) {
                String desc = t.variants().get(v).description();
                Double weight = t.split().get(v);
                String label = v + (weight == null ? "" : "  ·  " + share(t, weight));
                variants.add(new TreeEntry(TreeEntry.Kind.VARIANT, label, name, t.id(), v, state, desc == null ? "" : desc, List.of()));
            }
        }
        String label = report.id() != null ? report.id() : fileName;
        String detail = report.problems().stream().filter(Problem::isError).findFirst().map(Problem::format)
                .orElse(t == null ? fileName : t.id() + "@" + t.version() + " · " + fileName
                        + (t.description() == null ? "" : "\n" + t.description()));
        return new TreeEntry(TreeEntry.Kind.TEMPLATE, label, name, report.id(), null, state, detail, variants);
    }

    private static String share(PromptTemplate t, double weight) {
        double total = t.split().values().stream().mapToDouble(Double::doubleValue).sum();
        return Math.round(100 * weight / total) + "%";
    }

    private static boolean matches(TreeEntry file, DefinitionSet<PromptTemplate> set, String f) {
        var text = new StringBuilder(file.label()).append(' ').append(file.source());
        if (file.templateId() != null) {
            set.get(file.templateId()).ifPresent(e -> {
                text.append(' ').append(e.value().description() == null ? "" : e.value().description());
                e.value().tags().forEach(tag -> text.append(' ').append(tag));
            });
        }
        file.children().forEach(v -> text.append(' ').append(v.variant()));
        String haystack = text.toString().toLowerCase(Locale.ROOT);
        for (String word : f.split("\\s+")) if (!haystack.contains(word)) return false;
        return true;
    }

    private static final class Folder {
        final String name;
        final Map<String, Folder> folders = new LinkedHashMap<>();
        final List<TreeEntry> files = new ArrayList<>();

        Folder(String name) { this.name = name; }

        List<TreeEntry> children() {
            var out = new ArrayList<TreeEntry>();
            folders.values().stream().sorted(java.util.Comparator.comparing(x -> x.name)).forEach(sub ->
                    out.add(new TreeEntry(TreeEntry.Kind.FOLDER, sub.name, null, null, null, null, sub.name, sub.children())));
            out.addAll(files);
            return out;
        }
    }
}
