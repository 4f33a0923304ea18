package dev.cachet.engine.definitions;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live definitions of one kind from watched folders (recursive) or single files: reads every file, keeps the
 * <em>last good version</em> of a file that breaks, rejects an id defined twice (naming both files),
 * falls back to the built-in copies when the folders hold no definitions, and swaps the whole set
 * atomically. A {@link FolderWatcher} calls {@link #refresh(Collection)} when files change; a file is
 * read again only when its size or modification time changed, or an event named it.
 */
public final class DefinitionFolders<T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DefinitionFolders.class.getName());

    /** Told after every swap, on the thread that refreshed; must not block. */
    @FunctionalInterface
    public interface Listener<T> {
        void changed(DefinitionSet<T> set, List<String> notices);
    }

    private final DefinitionKind<T> kind;
    private final List<Path> folders;
    private final BuiltInFolder builtIns;
    private final FolderWatcher.Settings watch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Path, FileState<T>> states = new LinkedHashMap<>();
    private final List<Listener<T>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstLoad = new CountDownLatch(1);
    private List<FileState<T>> builtInStates;
    private volatile DefinitionSet<T> current;
    private volatile FolderWatcher watcher;
    private volatile boolean closed;

    public DefinitionFolders(DefinitionKind<T> kind, List<Path> folders, BuiltInFolder builtIns, FolderWatcher.Settings watch) {
        this.kind = kind;
        this.folders = List.copyOf(folders);
        this.builtIns = builtIns;
        this.watch = watch;
        this.current = DefinitionSet.empty(this.folders);
    }

    public DefinitionKind<T> kind() { return kind; }
    public List<Path> folders() { return folders; }

    /** The set serving now (empty before the first load). */
    public DefinitionSet<T> current() { return current; }

    public void subscribe(Listener<T> listener) { listeners.add(listener); }

    public void unsubscribe(Listener<T> listener) { listeners.remove(listener); }

    /** Loads the folders and starts watching them; idempotent. */
    public void start() {
        lock.lock();
        try {
            if (closed || watcher != null) return;
            // Watch first, then read: an edit in between is then both read and reported, never lost.
            watcher = FolderWatcher.start(folders, watch, this::refresh);
            refresh(null);
        } finally {
            lock.unlock();
        }
    }

    /** How the folders are watched ("events", "polling every 1s: nfs"), or "not started". */
    public String watching() {
        FolderWatcher w = watcher;
        return w == null ? "not started" : w.describe();
    }

    /** Waits until the first load finished; false on timeout. */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return firstLoad.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads what changed in every folder now and swaps the set if anything did. */
    public DefinitionSet<T> refresh() { return refresh(List.of()); }

    /**
     * As {@link #refresh()}; files in {@code touched} are read even when their size and time look the
     * same (an event named them). Null means: read every file.
     */
    public DefinitionSet<T> refresh(Collection<Path> touched) {
        lock.lock();
        try {
            if (closed) return current;
            Set<Path> forced = touched == null ? null : touched.stream().map(DefinitionFolders::key).collect(java.util.stream.Collectors.toSet());
            Map<Path, Listed> listed = list();
            boolean changed = current.generation() == 0;
            for (var it = states.entrySet().iterator(); it.hasNext(); ) {
                if (!listed.containsKey(it.next().getKey())) {
                    it.remove();
                    changed = true;
                }
            }
            changed |= update(listed, forced);
            boolean useBuiltIns = listed.isEmpty();
            changed |= useBuiltIns != current.builtIn();
            if (!changed) return current;
            List<FileState<T>> ordered = useBuiltIns ? builtIns() : new ArrayList<>(states.values());
            DefinitionSet<T> previous = current;
            DefinitionSet<T> next = assemble(previous, ordered, useBuiltIns);
            current = next;
            List<String> notices = ChangeNotices.between(kind, previous, next);
            for (Listener<T> l : listeners) {
                try {
                    l.changed(next, notices);
                } catch (RuntimeException ex) {
                    LOG.log(Level.WARNING, "a " + kind.noun() + " listener failed", ex);
                }
            }
            return next;
        } finally {
            firstLoad.countDown();
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (watcher != null) watcher.close();
        } finally {
            lock.unlock();
        }
    }

    /** A file that may have changed, read (and parsed when its text did change) off the lock's thread. */
    private record Read<T>(Path key, Listed where, Stamp stamp, SourceText source, String problem, DefinitionKind.Parsed<T> parsed) { }

    /**
     * Reads the files that may have changed — in parallel, since each parse is independent and a
     * thousand of them add up — then applies what they say in folder order. True when any changed.
     */
    private boolean update(Map<Path, Listed> listed, Set<Path> forced) {
        var candidates = new ArrayList<Map.Entry<Path, Listed>>();
        var stamps = new HashMap<Path, Stamp>();
        for (var e : listed.entrySet()) {
            Stamp stamp = Stamp.of(e.getKey());
            stamps.put(e.getKey(), stamp);
            FileState<T> s = states.get(e.getKey());
            boolean force = forced == null || forced.contains(e.getKey());
            if (s == null || force || !stamp.equals(s.stamp)) candidates.add(e);
        }
        List<Read<T>> reads = candidates.parallelStream().map(e -> read(e.getKey(), e.getValue(), stamps.get(e.getKey()))).toList();
        boolean changed = false;
        for (Read<T> r : reads) {
            FileState<T> s = states.get(r.key());
            if (r.parsed() == null) { // same text as before
                s.stamp = r.stamp();
                continue;
            }
            if (s == null) {
                s = new FileState<>();
                states.put(r.key(), s);
            }
            s.stamp = r.stamp();
            s.source = r.source();
            s.parsed = r.parsed();
            if (s.parsed instanceof DefinitionKind.Parsed.Valid<T> v) {
                s.lastGood = v;
                s.lastGoodSource = r.source();
            }
            changed = true;
        }
        if (changed) { // keep folder and path order, which decides who owns a duplicate id
            var ordered = new LinkedHashMap<Path, FileState<T>>();
            for (Path key : listed.keySet()) if (states.containsKey(key)) ordered.put(key, states.get(key));
            states.clear();
            states.putAll(ordered);
        }
        return changed;
    }

    private Read<T> read(Path key, Listed where, Stamp stamp) {
        String text;
        String problem = null;
        try {
            text = Files.readString(key, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            text = "";
            problem = "not UTF-8 text";
        } catch (IOException e) {
            text = "";
            problem = "cannot read: " + e.getMessage();
        }
        var source = new SourceText(where.name, key, where.folder, text);
        FileState<T> s = states.get(key);
        if (s != null && problem == null && s.source.text().equals(text) && s.source.name().equals(where.name)) {
            return new Read<>(key, where, stamp, source, null, null);
        }
        DefinitionKind.Parsed<T> parsed = problem == null ? read(source)
                : new DefinitionKind.Parsed.Invalid<>(List.of(new Problem(where.name, Location.START, Problem.Severity.ERROR, problem)));
        return new Read<>(key, where, stamp, source, problem, parsed);
    }

    private DefinitionKind.Parsed<T> read(SourceText source) {
        try {
            return kind.read(source);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reading " + source.name() + " failed", e);
            return new DefinitionKind.Parsed.Invalid<>(List.of(new Problem(source.name(), Location.START, Problem.Severity.ERROR,
                    "could not be read (" + e + "); this is a Cachet bug")));
        }
    }

    private List<FileState<T>> builtIns() {
        if (builtInStates == null) {
            var list = new ArrayList<FileState<T>>();
            for (SourceText source : builtIns.read(rel -> kind.accepts(rel) && (rel.getParent() == null || !kind.skips(rel.getParent())))) {
                var s = new FileState<T>();
                s.source = source;
                s.parsed = read(source);
                if (s.parsed instanceof DefinitionKind.Parsed.Valid<T> v) {
                    s.lastGood = v;
                    s.lastGoodSource = source;
                }
                list.add(s);
            }
            builtInStates = List.copyOf(list);
        }
        return builtInStates;
    }

    private DefinitionSet<T> assemble(DefinitionSet<T> previous, List<FileState<T>> ordered, boolean builtIn) {
        Map<String, FileState<T>> owners = new HashMap<>();
        // A file that served an id keeps it: a new file repeating that id must not take over.
        for (FileState<T> s : ordered) {
            if (s.lastGood == null) continue;
            String id = kind.id(s.lastGood.value());
            var was = previous.byId().get(id);
            if (was != null && was.source().name().equals(s.source.name())) owners.putIfAbsent(id, s);
        }
        var byIdAll = new HashMap<String, List<FileState<T>>>();
        for (FileState<T> s : ordered) {
            if (s.lastGood == null) continue;
            String id = kind.id(s.lastGood.value());
            owners.putIfAbsent(id, s);
            byIdAll.computeIfAbsent(id, k -> new ArrayList<>()).add(s);
        }

        var byId = new LinkedHashMap<String, DefinitionSet.Entry<T>>();
        var reports = new ArrayList<DefinitionSet.FileReport>();
        for (FileState<T> s : ordered) {
            var problems = new ArrayList<>(s.parsed.problems());
            if (s.lastGood == null) {
                reports.add(new DefinitionSet.FileReport(s.source, null, DefinitionSet.Status.BROKEN, problems));
                continue;
            }
            String id = kind.id(s.lastGood.value());
            FileState<T> owner = owners.get(id);
            boolean stale = !(s.parsed instanceof DefinitionKind.Parsed.Valid);
            if (owner != s) {
                problems.add(new Problem(s.source.name(), s.lastGood.idAt(), Problem.Severity.ERROR,
                        "duplicate " + kind.noun() + " id '" + id + "': " + owner.source.name() + ":" + owner.lastGood.idAt().line()
                                + ":" + owner.lastGood.idAt().column() + " defines it too and is the one used; ids are unique across all folders"));
                reports.add(new DefinitionSet.FileReport(s.source, id, DefinitionSet.Status.DUPLICATE, problems));
                continue;
            }
            for (FileState<T> other : byIdAll.get(id)) {
                if (other != s) {
                    problems.add(new Problem(s.source.name(), s.lastGood.idAt(), Problem.Severity.WARNING,
                            kind.noun() + " id '" + id + "' is also defined in " + other.source.name() + ", which is ignored"));
                }
            }
            byId.put(id, new DefinitionSet.Entry<>(s.lastGood.value(), stale ? s.lastGoodSource : s.source, stale));
            reports.add(new DefinitionSet.FileReport(s.source, id, stale ? DefinitionSet.Status.STALE : DefinitionSet.Status.OK, problems));
        }
        return new DefinitionSet<>(previous.generation() + 1, folders, builtIn, byId, reports);
    }

    /** Every definition file under the folders, in folder order then path order. */
    private Map<Path, Listed> list() {
        var out = new LinkedHashMap<Path, Listed>();
        for (Path root : folders) {
            if (Files.isRegularFile(root)) { // a single file named in the settings, not a folder
                if (kind.accepts(root)) out.putIfAbsent(key(root), new Listed(root.toString(), ""));
                continue;
            }
            if (!Files.isDirectory(root)) continue;
            var found = new ArrayList<Path>();
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        boolean skip = !dir.equals(root) && (dir.getFileName().toString().startsWith(".") || kind.skips(root.relativize(dir)));
                        return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }
                    @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && kind.accepts(file)) found.add(file);
                        return FileVisitResult.CONTINUE;
                    }
                    @Override public FileVisitResult visitFileFailed(Path file, IOException e) { return FileVisitResult.CONTINUE; }
                });
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot list " + root, e);
            }
            found.sort(null);
            for (Path f : found) {
                Path rel = root.relativize(f);
                String folder = rel.getParent() == null ? "" : rel.getParent().toString().replace('\\', '/');
                out.putIfAbsent(key(f), new Listed(root.resolve(rel).toString(), folder));
            }
        }
        return out;
    }

    private static Path key(Path p) { return p.toAbsolutePath().normalize(); }

    private record Listed(String name, String folder) { }

    private record Stamp(FileTime modified, long size) {
        static Stamp of(Path p) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                return new Stamp(a.lastModifiedTime(), a.size());
            } catch (IOException e) {
                return new Stamp(FileTime.fromMillis(0), -1);
            }
        }
    }

    /** What is known about one file; touched only under the lock. */
    private static final class FileState<T> {
        Stamp stamp;
        SourceText source;
        DefinitionKind.Parsed<T> parsed;
        DefinitionKind.Parsed.Valid<T> lastGood;
        SourceText lastGoodSource;
    }
}
