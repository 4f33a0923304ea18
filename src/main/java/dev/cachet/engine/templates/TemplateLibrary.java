package dev.cachet.engine.templates;

import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.config.TemplateSettings;
import dev.cachet.engine.definitions.BuiltInFolder;
import dev.cachet.engine.definitions.ClosestName;
import dev.cachet.engine.definitions.DefinitionFolders;
import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.definitions.DefinitionSet;
import dev.cachet.engine.definitions.FolderWatcher;
import dev.cachet.engine.definitions.SourceText;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prompt templates Cachet serves: read from the watched folders (built-in copies when they hold
 * none), hot-reloaded, each file's last good version kept while it is broken, every version recorded.
 * Rendering takes the template from the set serving at that moment; a request keeps what it rendered.
 */
public final class TemplateLibrary implements AutoCloseable {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(TemplateLibrary.class.getName());

    /** The folder next to the app (the repo's, or one a user made), else the one in the data dir. */
    public static final String DEFAULT_FOLDER = "prompts";

    private final PromptRenderer renderer;
    private final TemplateReader reader;
    private final TemplateRendering rendering;
    private final DefinitionFolders<PromptTemplate> folders;
    private final TemplateVersions versions;

    /** @param versions where versions are recorded, or null (the CLI's check and render keep no history) */
    public TemplateLibrary(List<Path> folders, FolderWatcher.Settings watch, TemplateVersions versions) {
        this(folders, watch, versions, new BuiltInFolder(DEFAULT_FOLDER));
    }

    private TemplateLibrary(List<Path> folders, FolderWatcher.Settings watch, TemplateVersions versions, BuiltInFolder builtIns) {
        this.renderer = new PromptRenderer();
        this.reader = new TemplateReader(renderer);
        this.rendering = new TemplateRendering(renderer);
        this.folders = new DefinitionFolders<>(reader, folders, builtIns, watch);
        this.versions = versions;
        // Added, updated, removed (file deleted), broken (last good version serving), recovered: to the log too.
        this.folders.subscribe((set, notices) -> notices.forEach(n -> LOG.info(n)));
        if (versions != null) this.folders.subscribe((set, notices) -> versions.record(set));
    }

    /**
     * The folders to watch: those configured (relative to {@code workingDir}; {@code ~/} is the home
     * folder), or by default {@code ./prompts} when it exists, else {@code DATA_DIR/prompts}.
     */
    public static List<Path> folders(TemplateSettings settings, Path dataDir, Path workingDir) {
        var out = new ArrayList<Path>();
        for (String f : settings.folders()) {
            Path p = f.startsWith("~/") ? Path.of(System.getProperty("user.home")).resolve(f.substring(2)) : workingDir.resolve(f);
            if (!out.contains(p)) out.add(p);
        }
        if (out.isEmpty()) {
            Path local = workingDir.resolve(DEFAULT_FOLDER);
            out.add(Files.isDirectory(local) ? local : dataDir.resolve(DEFAULT_FOLDER));
        }
        return out;
    }

    /** Reads exactly these folders once, without the built-in fallback and without watching: {@code templates check DIR}. */
    public static DefinitionSet<PromptTemplate> check(List<Path> folders) {
        try (var library = new TemplateLibrary(folders, FolderWatcher.Settings.DEFAULTS, null, BuiltInFolder.none())) {
            return library.load();
        }
    }

    /** Reads the folders once without watching them (the CLI's one-shot commands). */
    public DefinitionSet<PromptTemplate> load() { return folders.refresh(null); }

    /** Loads the folders and starts watching them; idempotent, and what a first render waits for. */
    public void start() { folders.start(); }

    /** The templates serving now; loads them first if nothing has started the library yet. */
    public DefinitionSet<PromptTemplate> current() {
        DefinitionSet<PromptTemplate> set = folders.current();
        if (set.generation() > 0) return set;
        start();
        return folders.current();
    }

    /** The templates serving now, without loading them (empty, generation 0, before the first load). */
    public DefinitionSet<PromptTemplate> loaded() { return folders.current(); }

    public Optional<DefinitionSet.Entry<PromptTemplate>> find(String id) { return current().get(id); }

    /** Reads the folders again now (after a save, without waiting for the watcher). */
    public DefinitionSet<PromptTemplate> refresh(Path changed) {
        return changed == null ? folders.refresh() : folders.refresh(List.of(changed));
    }

    public List<Path> folders() { return folders.folders(); }

    /** "file events", or why it polls. */
    public String watching() { return folders.watching(); }

    public void subscribe(DefinitionFolders.Listener<PromptTemplate> listener) { folders.subscribe(listener); }

    public void unsubscribe(DefinitionFolders.Listener<PromptTemplate> listener) { folders.unsubscribe(listener); }

    /** Version history, or null when this library keeps none. */
    public TemplateVersions versions() { return versions; }

    /** Where custom filters are registered. */
    public PromptRenderer renderer() { return renderer; }

    /** Reads a text as a template file without serving it: the editor's check-as-you-type and preview. */
    public DefinitionKind.Parsed<PromptTemplate> read(String name, String text) {
        return reader.read(new SourceText(name, null, "", text));
    }

    /** Renders the named template as it serves now. */
    public RenderedPrompt render(TemplateInvocation invocation, String sessionId) throws TemplateException {
        DefinitionSet<PromptTemplate> set = current();
        var entry = set.get(invocation.id()).orElseThrow(() -> new TemplateException(unknown(set, invocation.id())));
        return rendering.render(entry.value(), entry.source().name(), invocation.variant(), sessionId, invocation.variables());
    }

    /** Renders a given template (the editor's unsaved text, say). */
    public RenderedPrompt render(PromptTemplate template, String source, String variant, Map<String, Object> variables)
            throws TemplateException {
        return rendering.render(template, source, variant, null, variables);
    }

    private static String unknown(DefinitionSet<PromptTemplate> set, String id) {
        String suggestion = ClosestName.to(id, set.byId().keySet()).map(c -> "; did you mean '" + c + "'?").orElse("");
        String known = set.byId().isEmpty() ? "none are loaded" : "templates: " + String.join(", ", set.byId().keySet());
        return "no template '" + id + "'" + suggestion + " (" + known + ")";
    }

    @Override
    public void close() { folders.close(); }
}
