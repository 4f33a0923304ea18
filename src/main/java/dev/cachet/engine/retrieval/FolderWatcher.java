package dev.cachet.engine.retrieval;

import dev.cachet.engine.exec.VirtualThreads;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Watches a collection's folders (and the folders of its single files), sub-folders included, and calls
 * {@code onChange} once things have been quiet for the debounce time: saving a file in an editor, or
 * copying a hundred, costs one re-ingest. New sub-folders are watched as they appear.
 */
final class FolderWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FolderWatcher.class.getName());

    private final WatchService service;
    private final Thread thread;
    private final Duration debounce;
    private final Runnable onChange;

    FolderWatcher(String name, List<String> sources, Duration debounce, Runnable onChange) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.debounce = debounce;
        this.onChange = onChange;
        for (String s : sources) {
            Path p = Path.of(s).toAbsolutePath();
            if (Files.isDirectory(p)) registerTree(p);
            else if (p.getParent() != null && Files.isDirectory(p.getParent())) register(p.getParent());
        }
        this.thread = VirtualThreads.factory("watch-" + name).newThread(this::run);
        thread.start();
    }

    private void registerTree(Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) register(d);
        }
    }

    private void register(Path dir) throws IOException {
        dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                handle(key);
                // Debounce: keep draining until nothing happened for the debounce time.
                WatchKey more;
                while ((more = service.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) handle(more);
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "re-ingest after a change failed", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private void handle(WatchKey key) {
        Path dir = (Path) key.watchable();
        for (var event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name) {
                Path created = dir.resolve(name);
                if (Files.isDirectory(created)) {
                    try {
                        registerTree(created);
                    } catch (IOException e) {
                        LOG.fine("cannot watch " + created + ": " + e.getMessage());
                    }
                }
            }
        }
        key.reset();
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        thread.interrupt();
    }
}
