package dev.cachet.engine.definitions;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches folders recursively and reports changed paths, debounced: a burst of events (an editor's
 * save is often write + rename + attribute change) becomes one call. With file-system events
 * (inotify) the watching thread sleeps in the kernel while nothing changes: no CPU. Where events do
 * not arrive — network and VM-shared file systems, a JDK whose watch service itself polls, or when
 * the kernel refuses more watches — it falls back to comparing sizes and times on an interval.
 * A folder that does not exist yet is picked up when it is created.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FolderWatcher.class.getName());

    /** File systems whose changes made elsewhere raise no local events. */
    private static final Set<String> NO_EVENTS = Set.of("nfs", "nfs4", "cifs", "smb", "smb2", "smbfs", "smb3", "9p",
            "vboxsf", "drvfs", "fuse.sshfs", "sshfs", "afs", "ncpfs", "prl_fs", "vmhgfs", "fuse.vmhgfs-fuse", "davfs");

    public enum Mode {
        /** Events where they work, polling where they do not. */
        AUTO,
        EVENTS,
        POLL
    }

    /**
     * @param debounce     quiet time that ends a burst of events (the burst is cut at 5x this)
     * @param pollInterval how often the polling fallback compares sizes and times
     */
    public record Settings(Mode mode, Duration debounce, Duration pollInterval) {
        public static final Settings DEFAULTS = new Settings(Mode.AUTO, Duration.ofMillis(100), Duration.ofMillis(500));

        public Settings {
            mode = mode == null ? Mode.AUTO : mode;
            debounce = debounce == null ? Duration.ofMillis(100) : debounce;
            pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
            if (debounce.isNegative()) throw new IllegalArgumentException("debounce must not be negative");
            if (pollInterval.toMillis() < 10) throw new IllegalArgumentException("pollInterval must be at least 10ms");
        }
    }

    private final List<Path> roots;
    private final Settings settings;
    private final Consumer<Collection<Path>> onChange;
    private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
    private WatchService service;
    private Thread thread;
    private String description;
    private volatile boolean closed;

    private FolderWatcher(List<Path> roots, Settings settings, Consumer<Collection<Path>> onChange) {
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.settings = settings;
        this.onChange = onChange;
    }

    /**
     * Starts watching; {@code onChange} runs on the watcher's own thread with the paths events named,
     * or null when it cannot say which (overflow, polling): then every file should be looked at.
     */
    public static FolderWatcher start(List<Path> roots, Settings settings, Consumer<Collection<Path>> onChange) {
        var w = new FolderWatcher(roots, settings, onChange);
        w.begin();
        return w;
    }

    /** "events" or "polling every 500ms (nfs)": for the status line and logs. */
    public String describe() { return description; }

    private void begin() {
        String pollReason = settings.mode() == Mode.POLL ? "configured" : null;
        if (pollReason == null) {
            try {
                service = FileSystems.getDefault().newWatchService();
                if (settings.mode() == Mode.AUTO && service.getClass().getName().contains("Polling")) {
                    pollReason = "this platform's watch service polls";
                }
                if (pollReason == null && settings.mode() == Mode.AUTO) pollReason = noEventsFileSystem();
                if (pollReason == null) for (Path r : roots) registerRootOrAncestor(r);
            } catch (IOException e) {
                pollReason = "file events unavailable: " + e.getMessage();
            }
        }
        if (pollReason != null) {
            closeService();
            description = "polling every " + settings.pollInterval().toMillis() + "ms (" + pollReason + ")";
            Map<Path, String> first = fingerprint(); // before returning: a change right after start must count
            thread = Thread.ofVirtual().name("definitions-poll").start(() -> pollLoop(first));
        } else {
            description = "file events";
            thread = Thread.ofVirtual().name("definitions-watch").start(this::eventLoop);
        }
    }

    private String noEventsFileSystem() {
        for (Path r : roots) {
            Path existing = r;
            while (existing != null && !Files.exists(existing)) existing = existing.getParent();
            if (existing == null) continue;
            try {
                String type = Files.getFileStore(existing).type().toLowerCase(Locale.ROOT);
                if (NO_EVENTS.contains(type)) return r + " is on " + type;
            } catch (IOException e) {
                LOG.log(Level.FINE, "no file store for " + existing, e);
            }
        }
        return null;
    }

    private void registerRootOrAncestor(Path root) throws IOException {
        if (Files.isDirectory(root)) {
            registerTree(root);
            return;
        }
        // Watch the nearest existing ancestor so that creating the folder is noticed.
        Path parent = root.getParent();
        while (parent != null && !Files.isDirectory(parent)) parent = parent.getParent();
        if (parent != null) register(parent);
    }

    private void registerTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(dir) && d.getFileName().toString().startsWith(".")) return FileVisitResult.SKIP_SUBTREE;
                register(d);
                return FileVisitResult.CONTINUE;
            }
            @Override public FileVisitResult visitFileFailed(Path file, IOException e) { return FileVisitResult.CONTINUE; }
        });
    }

    private void register(Path dir) throws IOException {
        if (keys.containsValue(dir)) return;
        WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        keys.put(key, dir);
    }

    private void eventLoop() {
        try {
            while (!closed) {
                WatchKey key = service.take();
                Set<Path> touched = new HashSet<>();
                boolean[] everything = {false};
                handle(key, touched, everything);
                long end = System.nanoTime() + settings.debounce().toNanos() * 5;
                while (System.nanoTime() < end
                        && (key = service.poll(settings.debounce().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
                    handle(key, touched, everything);
                }
                for (Path r : roots) {
                    if (keys.containsValue(r)) continue;
                    if (Files.isDirectory(r)) {
                        registerTree(r); // created (or re-created) since the last look
                        everything[0] = true;
                    } else {
                        registerRootOrAncestor(r);
                    }
                }
                deliver(everything[0] ? null : touched);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        } catch (IOException | RuntimeException e) {
            if (!closed) LOG.log(Level.WARNING, "folder watching stopped: " + e.getMessage() + "; polling instead", e);
            if (!closed) pollLoop(fingerprint());
        }
    }

    private void handle(WatchKey key, Set<Path> touched, boolean[] everything) throws IOException {
        Path dir = keys.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
                everything[0] = true;
                continue;
            }
            Path child = dir.resolve((Path) event.context());
            touched.add(child);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child) && insideRoots(child)) {
                registerTree(child);
                everything[0] = true; // files may have landed in it before it was watched
            }
        }
        if (!key.reset()) keys.remove(key);
    }

    private boolean insideRoots(Path p) {
        for (Path r : roots) if (p.startsWith(r)) return true;
        return false;
    }

    private void pollLoop(Map<Path, String> first) {
        Map<Path, String> last = first;
        while (!closed) {
            try {
                Thread.sleep(settings.pollInterval());
            } catch (InterruptedException e) {
                return;
            }
            Map<Path, String> now = fingerprint();
            if (!now.equals(last)) {
                last = now;
                deliver(null);
            }
        }
    }

    /** Every file under the roots with its size and time: comparing two of these finds any change. */
    private Map<Path, String> fingerprint() {
        var out = new HashMap<Path, String>();
        for (Path r : roots) {
            if (!Files.isDirectory(r)) continue;
            try {
                Files.walkFileTree(r, new SimpleFileVisitor<>() {
                    @Override public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                        out.put(f, a.size() + "@" + a.lastModifiedTime().toInstant());
                        return FileVisitResult.CONTINUE;
                    }
                    @Override public FileVisitResult visitFileFailed(Path f, IOException e) { return FileVisitResult.CONTINUE; }
                });
            } catch (IOException e) {
                out.put(r, "unreadable");
            }
        }
        return out;
    }

    private void deliver(Collection<Path> touched) {
        try {
            onChange.accept(touched == null ? null : new ArrayList<>(touched));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reloading after a change failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeService();
        if (thread != null) thread.interrupt();
    }

    private void closeService() {
        if (service == null) return;
        try {
            service.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
