package dev.cachet.engine.definitions;

import java.nio.file.Path;

/**
 * The text of one definition file and where it came from.
 *
 * @param name   how errors name it: the path as configured ({@code prompts/rag/answer.yaml}), or
 *               {@code jar:prompts/answer.yaml} for a copy built into Cachet
 * @param file   the file on disk, or null for a built-in copy
 * @param folder the folders between the watched root and the file ({@code rag}, or "" at the top): a
 *               place in the tree a person browses, never part of the definition's id
 */
public record SourceText(String name, Path file, String folder, String text) {

    public boolean builtIn() { return file == null; }
}
