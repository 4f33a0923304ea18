package dev.cachet.engine.experiments;

import dev.cachet.engine.definitions.SourceText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Files an experiment names relative to itself (datasets, prompt files), on disk or beside a built-in copy in the jar. */
public final class SiblingFiles {

    private SiblingFiles() { }

    /** A file named relative to {@code source}: its name for messages and its text. */
    public record Read(String name, String text) { }

    public static Read read(SourceText source, String relative) throws IOException {
        if (source.file() != null) {
            Path p = source.file().toAbsolutePath().getParent().resolve(relative).normalize();
            try {
                return new Read(display(source, relative), Files.readString(p, StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                throw new IOException("no such file: " + p, e);
            } catch (java.nio.charset.MalformedInputException e) {
                throw new IOException(p + " is not UTF-8 text", e);
            }
        }
        String name = source.name().startsWith("jar:") ? source.name().substring(4) : source.name();
        String folder = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
        String resource = "/" + Path.of(folder + relative).normalize().toString().replace('\\', '/');
        try (InputStream in = SiblingFiles.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("no such file: jar:" + resource.substring(1));
            return new Read("jar:" + resource.substring(1), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The sibling's name as a person reads it: beside the source's own name. */
    private static String display(SourceText source, String relative) {
        String name = source.name();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return (slash < 0 ? "" : name.substring(0, slash + 1)) + relative;
    }
}
