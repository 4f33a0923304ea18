package dev.cachet.engine.definitions;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One kind of YAML definition file (prompt templates; routes and experiments later): how to read one
 * file into a definition. {@link DefinitionFolders} does the rest — finding the files, watching them,
 * keeping the last good version of a broken file, rejecting duplicate ids, swapping the live set.
 */
public interface DefinitionKind<T> {

    /** What one definition is called in notices: "template", "route". */
    String noun();

    /** Reads one file; never throws: every problem is in the result, with its line and column. */
    Parsed<T> read(SourceText source);

    String id(T definition);

    /** How notices name one definition: its id, or id and version. */
    default String describe(T definition) { return id(definition); }

    /** Which files are definitions: {@code *.yaml} and {@code *.yml}, not hidden ones. */
    default boolean accepts(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /**
     * Whether a folder under a watched root (given relative to it) holds another kind's files, so it is
     * not read at all: templates leave {@code experiments/} to the experiments.
     */
    default boolean skips(Path relativeFolder) { return false; }

    /** What reading one file came to. */
    sealed interface Parsed<T> {
        List<Problem> problems();

        /** @param idAt where the id stands, for duplicate-id errors that name both files */
        record Valid<T>(T value, Location idAt, List<Problem> problems) implements Parsed<T> {
            public Valid { problems = List.copyOf(problems); }
        }

        record Invalid<T>(List<Problem> problems) implements Parsed<T> {
            public Invalid {
                problems = List.copyOf(problems);
                if (problems.stream().noneMatch(Problem::isError)) throw new IllegalArgumentException("an invalid file needs an error");
            }
        }
    }
}
