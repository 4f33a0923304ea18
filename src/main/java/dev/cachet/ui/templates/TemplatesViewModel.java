package dev.cachet.ui.templates;

import dev.cachet.engine.definitions.AtomicFiles;
import dev.cachet.engine.definitions.DefinitionFolders;
import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.definitions.DefinitionSet;
import dev.cachet.engine.definitions.Problem;
import dev.cachet.engine.pipeline.Pipeline;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.templates.PromptTemplate;
import dev.cachet.engine.templates.TemplateLibrary;
import dev.cachet.ui.fx.UiThread;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The Templates pane: the tree of folders, templates and variants; the open file's text, checked as
 * it is typed; Save (atomic, then the library reloads at once); files changed outside Cachet reload
 * into the editor, or, with unsaved edits, ask first. Preview, Run and History are view-models of
 * their own over the same open template.
 */
public final class TemplatesViewModel {

    private final TemplateLibrary library;
    private final UiThread ui;
    private final Executor background;
    private final DefinitionFolders.Listener<PromptTemplate> listener;

    private final ObservableList<TreeEntry> tree = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper externalChange = new ReadOnlyStringWrapper(this, "externalChange");
    private final ReadOnlyStringWrapper openSource = new ReadOnlyStringWrapper(this, "openSource");
    private final ReadOnlyStringWrapper openVariant = new ReadOnlyStringWrapper(this, "openVariant");
    private final ReadOnlyObjectWrapper<PromptTemplate> template = new ReadOnlyObjectWrapper<>(this, "template");
    private final ReadOnlyStringWrapper watching = new ReadOnlyStringWrapper(this, "watching", "");

    private final TemplatePreviewViewModel preview;
    private final TemplateRunViewModel runs;
    private final TemplateVersionsViewModel versions;

    private DefinitionSet<PromptTemplate> set;
    private Path openFile;
    private String diskText;
    private String pendingDiskText;
    private volatile long generation;

    /**
     * @param background where files are parsed and read (one task at a time, in order); tests pass a
     *                   direct executor and need no threads
     */
    public TemplatesViewModel(TemplateLibrary library, Pipeline pipeline, PriceTable prices, UiThread ui, Executor background) {
        this.library = library;
        this.ui = ui;
        this.background = background;
        this.preview = new TemplatePreviewViewModel(library, template, openSource, ui, background);
        this.runs = new TemplateRunViewModel(pipeline, prices, ui, template, preview);
        this.versions = new TemplateVersionsViewModel(library.versions(), ui, background);
        this.listener = (s, notices) -> ui.run(() -> libraryChanged(s, notices));
        library.subscribe(listener);
        filter.addListener((o, a, b) -> rebuildTree());
        text.addListener((o, a, b) -> textChanged());
        background.execute(() -> {
            var first = library.current(); // loads the folders if nothing has yet
            ui.run(() -> libraryChanged(first, List.of()));
        });
    }

    public ObservableList<TreeEntry> tree() { return tree; }
    public StringProperty filterProperty() { return filter; }
    public StringProperty textProperty() { return text; }
    public ReadOnlyBooleanProperty dirtyProperty() { return dirty.getReadOnlyProperty(); }
    public boolean dirty() { return dirty.get(); }
    /** Problems of the text in the editor (not yet saved, maybe), errors first. */
    public ObservableList<Problem> problems() { return problems; }
    /** What just happened: saved, reloaded, a file changed on disk, a template broke or recovered. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** Set when the open file changed on disk while the editor has unsaved edits: the view asks. */
    public ReadOnlyStringProperty externalChangeProperty() { return externalChange.getReadOnlyProperty(); }
    /** The open file as errors name it, or null. */
    public ReadOnlyStringProperty openSourceProperty() { return openSource.getReadOnlyProperty(); }
    public String openSource() { return openSource.get(); }
    public ReadOnlyStringProperty openVariantProperty() { return openVariant.getReadOnlyProperty(); }
    /** The template the editor's text reads as (the last valid reading while it has errors). */
    public ReadOnlyObjectProperty<PromptTemplate> templateProperty() { return template.getReadOnlyProperty(); }
    /** How the folders are watched, for the status line. */
    public ReadOnlyStringProperty watchingProperty() { return watching.getReadOnlyProperty(); }
    public TemplatePreviewViewModel preview() { return preview; }
    public TemplateRunViewModel runs() { return runs; }
    public TemplateVersionsViewModel versions() { return versions; }
    public List<Path> folders() { return library.folders(); }

    /** Opens the file of a template or variant row (a folder row does nothing). */
    public void open(TreeEntry entry) {
        if (entry == null || entry.kind() == TreeEntry.Kind.FOLDER || set == null) return;
        var report = set.files().stream().filter(f -> f.source().name().equals(entry.source())).findFirst();
        if (report.isEmpty()) return;
        if (!entry.source().equals(openSource.get())) {
            var source = report.get().source();
            openFile = source.file();
            diskText = source.text();
            pendingDiskText = null;
            externalChange.set(null);
            template.set(set.get(Objects.requireNonNullElse(report.get().id(), "")).map(DefinitionSet.Entry::value).orElse(null));
            text.set(source.text());
            openSource.set(entry.source()); // after the text: the view shows the new file from its top
            textChanged(); // checks it under its own name
            versions.show(report.get().id());
        }
        openVariant.set(entry.variant());
    }

    /** Opens the template with this id, if it serves. */
    public void open(String templateId) {
        if (set == null) return;
        set.get(templateId).ifPresent(e -> open(new TreeEntry(TreeEntry.Kind.TEMPLATE, templateId, e.source().name(), templateId,
                null, TreeEntry.State.OK, "", List.of())));
    }

    /**
     * Writes the editor's text to its file atomically; the library reloads it at once (the watcher
     * would within a second). A built-in template is saved into the first watched folder, together
     * with the other built-in ones, which would otherwise stop serving once the folder has a file.
     */
    public void save() {
        if (openSource.get() == null) return;
        String content = text.get();
        Path target = openFile;
        String name = openSource.get();
        try {
            if (target == null) {
                Path root = library.folders().getFirst();
                copyBuiltIns(root);
                target = root.resolve(relativeOfBuiltIn(name));
                name = target.toString();
            }
            AtomicFiles.write(target, content);
        } catch (IOException | RuntimeException e) {
            message.set("not saved: " + e.getMessage() + " — your text is still in the editor");
            return;
        }
        openFile = target;
        diskText = content;
        pendingDiskText = null;
        externalChange.set(null);
        openSource.set(name);
        dirty.set(false);
        message.set("saved " + target);
        Path changed = target;
        background.execute(() -> library.refresh(changed));
    }

    /** The editor takes the file's text from disk, dropping unsaved edits. */
    public void reloadFromDisk() {
        if (pendingDiskText == null) return;
        diskText = pendingDiskText;
        pendingDiskText = null;
        externalChange.set(null);
        text.set(diskText);
        message.set("reloaded " + openSource.get() + " from disk");
    }

    /** Keeps the edits; saving will replace what changed on disk. */
    public void keepMine() {
        if (pendingDiskText == null) return;
        diskText = pendingDiskText;
        pendingDiskText = null;
        externalChange.set(null);
        dirty.set(!Objects.equals(text.get(), diskText));
    }

    /** Writes a new template file with a working skeleton into the first watched folder, and opens it. */
    public boolean create(String id) {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            message.set("'" + id + "' cannot be an id: letters, digits, '.', '_' and '-'");
            return false;
        }
        Path file = library.folders().getFirst().resolve(id + ".yaml");
        if (Files.exists(file)) {
            message.set(file + " already exists");
            return false;
        }
        try {
            if (set != null && set.builtIn()) copyBuiltIns(library.folders().getFirst());
            AtomicFiles.write(file, NewTemplate.text(id));
        } catch (IOException e) {
            message.set("could not create " + file + ": " + e.getMessage());
            return false;
        }
        libraryChanged(library.refresh(file), List.of("created " + file));
        open(id);
        return true;
    }

    /** True when opening another file would lose edits: the view asks first. */
    public boolean hasUnsavedEdits() { return dirty.get(); }

    /** Stops listening to the library. */
    public void dispose() {
        library.unsubscribe(listener);
        runs.stop();
    }

    private void textChanged() {
        dirty.set(openSource.get() != null && !Objects.equals(text.get(), diskText));
        String name = openSource.get();
        String content = text.get();
        if (name == null) return;
        long g = ++generation;
        background.execute(() -> {
            if (g != generation) return; // a newer text is queued: check that one
            DefinitionKind.Parsed<PromptTemplate> parsed = library.read(name, content);
            ui.run(() -> {
                if (g != generation) return;
                problems.setAll(parsed.problems());
                if (parsed instanceof DefinitionKind.Parsed.Valid<PromptTemplate> v) template.set(v.value());
            });
        });
    }

    private void libraryChanged(DefinitionSet<PromptTemplate> next, List<String> notices) {
        set = next;
        watching.set(library.watching());
        rebuildTree();
        if (!notices.isEmpty()) message.set(notices.getLast());
        String open = openSource.get();
        if (open == null) return;
        var report = next.files().stream().filter(f -> f.source().name().equals(open)).findFirst();
        if (report.isEmpty()) {
            if (openFile != null && !Files.exists(openFile)) {
                message.set(open + " was deleted; Save writes it again from the editor");
                diskText = null;
                dirty.set(true);
            }
            return;
        }
        String onDisk = report.get().source().text();
        if (Objects.equals(onDisk, diskText) || Objects.equals(onDisk, text.get()) && !dirty.get()) return;
        if (!dirty.get()) {
            diskText = onDisk;
            text.set(onDisk);
            message.set("reloaded " + open + ": it changed outside Cachet");
        } else if (!Objects.equals(onDisk, text.get())) {
            pendingDiskText = onDisk;
            externalChange.set(open + " changed on disk while you have unsaved edits");
        } else {
            diskText = onDisk;
            dirty.set(false);
        }
        versions.refresh();
    }

    private void rebuildTree() {
        if (set != null) tree.setAll(TemplateTree.build(set, filter.get()));
    }

    private void copyBuiltIns(Path root) throws IOException {
        if (set == null) return;
        for (var f : set.files()) {
            if (!f.source().builtIn()) continue;
            Path target = root.resolve(relativeOfBuiltIn(f.source().name()));
            if (!Files.exists(target)) AtomicFiles.write(target, f.source().text());
        }
    }

    /** {@code jar:prompts/rag/x.yaml} → {@code rag/x.yaml}. */
    private static String relativeOfBuiltIn(String name) {
        String prefix = "jar:" + TemplateLibrary.DEFAULT_FOLDER + "/";
        return name.startsWith(prefix) ? name.substring(prefix.length()) : Path.of(name).getFileName().toString();
    }
}
