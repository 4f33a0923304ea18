package dev.cachet.engine.experiments.promptfoo;

import dev.cachet.engine.definitions.Location;
import dev.cachet.engine.definitions.ProblemList;
import dev.cachet.engine.definitions.SourceText;
import dev.cachet.engine.experiments.SiblingFiles;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code file://} references in a promptfoo config: relative to the config, globs expanded, problems at the reference. */
final class Files {

    static final String PREFIX = "file://";

    private final SourceText source;
    private final ProblemList problems;

    Files(SourceText source, ProblemList problems) {
        this.source = source;
        this.problems = problems;
    }

    ProblemList problems() { return problems; }
    SourceText source() { return source; }

    static boolean isReference(Object v) { return v instanceof String s && s.startsWith(PREFIX); }

    /** The path part of {@code file://path[:function]} (a function name only matters for code files). */
    static String path(String reference) {
        String p = reference.substring(PREFIX.length());
        int colon = p.lastIndexOf(':');
        if (colon > 1 && !p.substring(colon).contains("/")) p = p.substring(0, colon);
        return p;
    }

    /** The files a reference names (a glob may name several), read; empty (reported) when none can be read. */
    List<SiblingFiles.Read> read(String reference, Location at) {
        String path = path(reference);
        var out = new ArrayList<SiblingFiles.Read>();
        try {
            for (String p : expand(path)) out.add(SiblingFiles.read(source, p));
            if (out.isEmpty()) problems.error(at, reference + ": no file matches");
        } catch (IOException e) {
            problems.error(at, reference + ": " + e.getMessage());
        }
        return out;
    }

    private List<String> expand(String path) throws IOException {
        if (!(path.contains("*") || path.contains("?") || path.contains("{")) || source.file() == null) return List.of(path);
        Path base = source.file().toAbsolutePath().getParent();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + path);
        try (Stream<Path> walk = java.nio.file.Files.walk(base)) {
            return walk.filter(java.nio.file.Files::isRegularFile).map(base::relativize).filter(matcher::matches)
                    .map(p -> p.toString().replace('\\', '/')).sorted().toList();
        }
    }
}
