package dev.cachet.engine.retrieval;

import dev.cachet.engine.config.RetrievalSettings;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.semantic.Embedder;
import dev.cachet.engine.semantic.EmbeddingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Incremental ingestion of one collection: files whose content hash is unchanged are skipped, changed
 * files have their chunks replaced (one transaction per file), files gone from disk lose theirs, and a
 * file that cannot be read is reported and skipped (its earlier version stays). Anything changed bumps
 * the collection's version once, at the end. Cancel stops between files and between embedding batches.
 */
final class Ingestor {

    private static final int EMBED_BATCH = 32;

    private final CollectionStore store;
    private final Embedder embedder;
    private final RetrievalSettings settings;
    private final InstantSource clock;
    private final DocumentReader reader = new DocumentReader();

    Ingestor(CollectionStore store, Embedder embedder, RetrievalSettings settings, InstantSource clock) {
        this.store = store;
        this.embedder = embedder;
        this.settings = settings;
        this.clock = clock;
    }

    /** Files a collection's sources name now, and the sources that are missing. */
    record Scan(List<Path> files, List<IngestProblem> missing, List<String> missingRoots) { }

    static Scan scan(List<String> sources) {
        var files = new TreeSet<Path>();
        var missing = new ArrayList<IngestProblem>();
        var missingRoots = new ArrayList<String>();
        for (String s : sources) {
            Path p = Path.of(s);
            if (Files.isRegularFile(p)) {
                if (DocumentReader.readable(p)) files.add(p.toAbsolutePath().normalize());
                else missing.add(new IngestProblem(s, "unsupported file type '." + DocumentReader.extension(p)
                        + "' (reads " + String.join(", ", new TreeSet<>(DocumentReader.EXTENSIONS)) + ")"));
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> Files.isRegularFile(f) && DocumentReader.readable(f) && !hidden(p, f))
                            .forEach(f -> files.add(f.toAbsolutePath().normalize()));
                } catch (IOException | java.io.UncheckedIOException e) {
                    missing.add(new IngestProblem(s, "cannot list the folder: " + e.getMessage()));
                    missingRoots.add(p.toAbsolutePath().normalize().toString());
                }
            } else {
                missing.add(new IngestProblem(s, "no such file or folder (its documents are kept until it is back or removed from the collection)"));
                missingRoots.add(p.toAbsolutePath().normalize().toString());
            }
        }
        return new Scan(List.copyOf(files), missing, missingRoots);
    }

    /** Dot-folders (.git, .cache) and dot-files under a source are not documents. */
    private static boolean hidden(Path root, Path file) {
        for (Path part : root.relativize(file)) if (part.toString().startsWith(".")) return true;
        return false;
    }

    IngestReport ingest(CollectionInfo collection, ChunkIndex index, Consumer<IngestProgress> progress, Cancellation cancel,
                        Runnable onVersionBump) throws InterruptedException {
        long t0 = System.nanoTime();
        Scan scan = scan(collection.sources());
        Map<String, CollectionStore.DocumentRow> stored = store.documents(collection.id());
        boolean embedderChanged = collection.embedder() != null && !collection.embedder().equals(embedder.modelId());
        var problems = new ArrayList<>(scan.missing());
        int added = 0, changed = 0, unchanged = 0, removed = 0;
        long chunksAdded = 0, chunksRemoved = 0;
        var counters = new long[2];  // chunks produced, chunks embedded
        int done = 0;
        boolean cancelled = false;
        var seen = new java.util.HashSet<String>();
        for (Path file : scan.files()) {
            if (cancel.isCancelled()) {
                cancelled = true;
                break;
            }
            String path = file.toString();
            seen.add(path);
            progress.accept(new IngestProgress(collection.name(), done, scan.files().size(), file.getFileName().toString(),
                    counters[0], counters[1], Duration.ofNanos(System.nanoTime() - t0)));
            try {
                byte[] bytes = Files.readAllBytes(file);
                String hash = sha256(bytes);
                var before = stored.get(path);
                if (before != null && before.contentHash().equals(hash) && !embedderChanged) {
                    unchanged++;
                } else {
                    var pieces = new ChunkSplitter(settings).split(reader.read(file, bytes), DocumentReader.isMarkdown(file));
                    counters[0] += pieces.size();
                    List<float[]> vectors = embed(pieces, counters, cancel);
                    var chunks = new ArrayList<CollectionStore.NewChunk>(pieces.size());
                    for (int i = 0; i < pieces.size(); i++) {
                        chunks.add(new CollectionStore.NewChunk(pieces.get(i).text(), pieces.get(i).position(), vectors.get(i)));
                    }
                    var r = store.replaceDocument(collection.id(), path, hash, bytes.length, chunks, clock.instant());
                    index.applyRemoved(r.removed());
                    index.applyAdded(r.added(), vectors);
                    chunksAdded += r.added().size();
                    chunksRemoved += r.removed().size();
                    if (before == null) added++; else changed++;
                }
            } catch (DocumentReader.UnreadableException e) {
                problems.add(new IngestProblem(path, e.getMessage()));
            } catch (IOException e) {
                problems.add(new IngestProblem(path, "cannot read: " + e.getMessage()));
            } catch (EmbeddingException e) {
                problems.add(new IngestProblem(path, "embedding failed: " + e.getMessage()));
            } catch (Cancellation.CancelledException e) {
                cancelled = true;
                break;
            }
            done++;
        }
        if (!cancelled) {
            for (String path : stored.keySet()) {
                if (seen.contains(path) || underMissingRoot(path, scan.missingRoots())) continue;
                var gone = store.removeDocument(collection.id(), path);
                index.applyRemoved(gone);
                chunksRemoved += gone.size();
                removed++;
            }
        }
        long version = collection.version();
        boolean anything = added + changed + removed > 0;
        if (anything) {
            version = store.bumpVersion(collection.id());
            onVersionBump.run();
        }
        var report = new IngestReport(collection.name(), added, changed, unchanged, removed, problems, chunksAdded, chunksRemoved,
                counters[1], Duration.ofNanos(System.nanoTime() - t0), version, cancelled);
        progress.accept(new IngestProgress(collection.name(), done, scan.files().size(), "", counters[0], counters[1], report.took()));
        // Keep the embedder of the vectors in the table: only a complete pass over every file makes it the new one.
        String embedderOfVectors = embedderChanged && (cancelled || !problems.isEmpty()) ? collection.embedder() : embedder.modelId();
        store.recordIngest(collection.id(), clock.instant(), report.summary(), embedderOfVectors, problems);
        return report;
    }

    private List<float[]> embed(List<ChunkSplitter.Piece> pieces, long[] counters, Cancellation cancel)
            throws EmbeddingException, InterruptedException {
        var out = new ArrayList<float[]>(pieces.size());
        for (int i = 0; i < pieces.size(); i += EMBED_BATCH) {
            cancel.throwIfCancelled();
            var batch = pieces.subList(i, Math.min(pieces.size(), i + EMBED_BATCH)).stream().map(ChunkSplitter.Piece::text).toList();
            out.addAll(embedder.embedAll(batch));
            counters[1] += batch.size();
        }
        return out;
    }

    private static boolean underMissingRoot(String path, List<String> roots) {
        for (String r : roots) if (path.equals(r) || path.startsWith(r + java.io.File.separator)) return true;
        return false;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
