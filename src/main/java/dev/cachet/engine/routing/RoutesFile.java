package dev.cachet.engine.routing;

import dev.cachet.engine.definitions.BuiltInFolder;
import dev.cachet.engine.definitions.DefinitionKind;
import dev.cachet.engine.definitions.Problem;
import dev.cachet.engine.definitions.SourceText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One routes file read on its own, all at once (the evaluation command, benchmarks, tests). The
 * pipeline's routes come from {@link RouteLibrary}, which reads the same files through the definitions
 * machinery and watches them. Errors name the file, line and column:
 * {@code routes.yaml:14:7: route 'greeting': regexes[2] does not compile: Unclosed group}.
 */
public final class RoutesFile {

    /** The class-path folder of the built-in routes. */
    public static final String BUILT_IN_FOLDER = "routing";

    /** A problem in a routes file, with where it is (the first error; the others follow on their own lines). */
    public static final class RoutesException extends Exception {
        private final List<Problem> problems;

        RoutesException(List<Problem> problems) {
            super(String.join("\n", problems.stream().filter(Problem::isError).map(Problem::format).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() { return problems; }
    }

    private final RoutesReader reader = new RoutesReader();

    /** The routes built into the jar. */
    public RouteSet builtIn() {
        var documents = new ArrayList<SourceText>(new BuiltInFolder(BUILT_IN_FOLDER).read(reader::accepts));
        if (documents.isEmpty()) throw new IllegalStateException("built-in routes missing from the jar: /" + BUILT_IN_FOLDER);
        try {
            return read(documents, "built-in");
        } catch (RoutesException e) {
            throw new IllegalStateException("the built-in routes do not validate: " + e.getMessage(), e);
        }
    }

    public RouteSet load(Path file) throws RoutesException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RoutesException(List.of(new Problem(file.toString(), dev.cachet.engine.definitions.Location.START,
                    Problem.Severity.ERROR, "cannot read: " + e.getMessage())));
        }
        return parse(text, file.toString());
    }

    /** Parses routes YAML; {@code source} names it in errors and in {@link RouteSet#source()}. */
    public RouteSet parse(String text, String source) throws RoutesException {
        return read(List.of(new SourceText(source, null, "", text)), source);
    }

    private RouteSet read(List<SourceText> files, String where) throws RoutesException {
        var documents = new ArrayList<RoutesReader.RoutesDocument>();
        var problems = new ArrayList<Problem>();
        for (SourceText f : files) {
            switch (reader.read(f)) {
                case DefinitionKind.Parsed.Valid<RoutesReader.RoutesDocument> v -> documents.add(v.value());
                case DefinitionKind.Parsed.Invalid<RoutesReader.RoutesDocument> i -> problems.addAll(i.problems());
            }
        }
        if (!problems.isEmpty()) throw new RoutesException(problems);
        var assembled = RouteSets.assemble(documents, where);
        if (assembled.routes() == null || assembled.problems().stream().anyMatch(Problem::isError)) {
            throw new RoutesException(assembled.problems());
        }
        return assembled.routes();
    }
}
