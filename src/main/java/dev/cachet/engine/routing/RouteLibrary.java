package dev.cachet.engine.routing;

import dev.cachet.engine.definitions.BuiltInFolder;
import dev.cachet.engine.definitions.DefinitionFolders;
import dev.cachet.engine.definitions.DefinitionSet;
import dev.cachet.engine.definitions.FolderWatcher;
import dev.cachet.engine.definitions.Problem;
import dev.cachet.engine.routing.RoutesReader.RoutesDocument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The routes in force, through the same machinery as prompt templates: the built-in routes unless
 * {@code routing.routes} names a file or a folder; that location is watched (file events, polling where
 * they do not arrive) and every change is live at once. A file that breaks keeps its last good version;
 * when the files together cannot serve (no fallback route, two of them), the routes that served before
 * keep serving. Either way {@link #problems()} says what is wrong, at file:line:col.
 */
public final class RouteLibrary implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RouteLibrary.class.getName());

    private final DefinitionFolders<RoutesDocument> folders;
    private final List<Consumer<RouteSet>> listeners = new CopyOnWriteArrayList<>();
    private volatile RouteSet current;
    private volatile List<Problem> problems = List.of();

    /** @param location a routes file or folder, or null for the built-in routes only */
    public RouteLibrary(Path location, FolderWatcher.Settings watch) {
        this.current = new RoutesFile().builtIn();
        if (location == null) {
            this.folders = null;
            return;
        }
        this.folders = new DefinitionFolders<>(new RoutesReader(), List.of(location.toAbsolutePath().normalize()),
                new BuiltInFolder(RoutesFile.BUILT_IN_FOLDER), watch);
        folders.subscribe((set, notices) -> {
            notices.forEach(LOG::info);
            apply(set);
        });
        folders.refresh(null); // the first request routes with the configured routes, not the built-in ones
    }

    /** Starts watching the configured location; idempotent, nothing to do for the built-in routes. */
    public void start() {
        if (folders != null) folders.start();
    }

    public RouteSet current() { return current; }

    /** What is wrong with the routes files now (empty when nothing is); errors first. */
    public List<Problem> problems() { return problems; }

    /** Where the routes come from and how they are watched: for the trace, the Dashboard and notices. */
    public String status() {
        if (folders == null) return "built-in routes";
        String errors = problems.stream().anyMatch(Problem::isError) ? "; " + problems.stream().filter(Problem::isError).count()
                + " error(s), first: " + problems.stream().filter(Problem::isError).findFirst().orElseThrow().format() : "";
        return current.source() + "@" + current.version() + " (watching " + folders.folders().getFirst() + ": " + folders.watching()
                + ")" + errors;
    }

    /** Told, on the refreshing thread, whenever other routes come into force. */
    public void subscribe(Consumer<RouteSet> listener) { listeners.add(listener); }

    /** Reads the files again now (tests, and a save from the workbench). */
    public void refresh() {
        if (folders != null) folders.refresh(null);
    }

    private void apply(DefinitionSet<RoutesDocument> set) {
        var assembled = RouteSets.assemble(set);
        var all = new ArrayList<Problem>(set.problems());
        all.addAll(assembled.problems());
        all.sort(java.util.Comparator.comparing((Problem p) -> !p.isError()));
        problems = List.copyOf(all);
        if (assembled.routes() == null) {
            LOG.warning("routes not changed: " + all.stream().filter(Problem::isError).findFirst().map(Problem::format).orElse("invalid")
                    + " — the routes " + current.source() + "@" + current.version() + " keep serving");
            return;
        }
        if (assembled.routes().version().equals(current.version()) && assembled.routes().source().equals(current.source())) return;
        current = assembled.routes();
        for (var l : listeners) l.accept(current);
    }

    @Override
    public void close() {
        if (folders != null) folders.close();
    }
}
