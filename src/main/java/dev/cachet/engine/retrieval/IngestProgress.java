package dev.cachet.engine.retrieval;

import java.time.Duration;

/**
 * How far an ingest is: what the progress bar and the CLI show.
 *
 * @param currentFile the file being read now ("" between files)
 * @param chunks      chunks produced so far
 * @param embedded    chunks embedded so far (cached vectors count: they are ready just as well)
 */
public record IngestProgress(String collection, int filesDone, int filesTotal, String currentFile, long chunks, long embedded,
                             Duration elapsed) {

    public double fraction() { return filesTotal == 0 ? 1 : (double) filesDone / filesTotal; }

    public double embeddingsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : embedded / s;
    }

    /** "12/40 files · 310 chunks · 95 embeddings/s". */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d/%d files · %,d chunks · %.0f embeddings/s%s", filesDone, filesTotal, chunks,
                embeddingsPerSecond(), currentFile.isEmpty() ? "" : " · " + currentFile);
    }
}
