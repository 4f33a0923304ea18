package dev.cachet.engine.definitions;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The live definitions at one moment: an immutable snapshot swapped whole, so a request that took a
 * definition from it keeps that version however the files change meanwhile.
 *
 * @param generation counts swaps (0 = nothing loaded yet)
 * @param builtIn    true when the folders had no definition files and the copies built into Cachet serve
 * @param byId       what serves, by id (sorted)
 * @param files      every file read, with its state and problems, in folder and path order
 */
public record DefinitionSet<T>(long generation, List<Path> folders, boolean builtIn, Map<String, Entry<T>> byId,
                               List<FileReport> files) {

    public DefinitionSet {
        folders = List.copyOf(folders);
        byId = Collections.unmodifiableMap(new TreeMap<>(byId));
        files = List.copyOf(files);
    }

    public static <T> DefinitionSet<T> empty(List<Path> folders) {
        return new DefinitionSet<>(0, folders, false, Map.of(), List.of());
    }

    /**
     * One definition that serves.
     *
     * @param stale true when its file is broken now and this is the file's last good version
     */
    public record Entry<T>(T value, SourceText source, boolean stale) { }

    public enum Status {
        /** Valid; serves (it may carry warnings). */
        OK,
        /** Broken now; its last good version keeps serving. */
        STALE,
        /** Broken and never valid since Cachet started: nothing serves from it. */
        BROKEN,
        /** Valid, but another file already defines its id: it does not serve. */
        DUPLICATE
    }

    /** @param id the id the file defines (or last defined), null when it never had a valid one */
    public record FileReport(SourceText source, String id, Status status, List<Problem> problems) {
        public FileReport { problems = List.copyOf(problems); }
    }

    public Optional<Entry<T>> get(String id) { return Optional.ofNullable(byId.get(id)); }

    public List<T> values() { return byId.values().stream().map(Entry::value).toList(); }

    public List<Problem> problems() { return files.stream().flatMap(f -> f.problems().stream()).toList(); }

    public boolean hasErrors() { return problems().stream().anyMatch(Problem::isError); }
}
