package dev.cachet.engine.definitions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Definition files built into Cachet: a folder on the class path (inside cachet.jar, or under
 * target/classes when run from the build), read whole into memory. The fallback when the watched
 * folders hold no definitions.
 */
public final class BuiltInFolder {

    private final String resourceFolder;

    /** @param resourceFolder class-path folder without slashes at either end, e.g. {@code prompts} */
    public BuiltInFolder(String resourceFolder) { this.resourceFolder = resourceFolder; }

    public static BuiltInFolder none() { return new BuiltInFolder(null); }

    /** Every accepted file under the folder (tested by its path relative to the folder), sorted by path; empty when there is no such folder. */
    public List<SourceText> read(Predicate<Path> accepts) {
        if (resourceFolder == null) return List.of();
        URL url = BuiltInFolder.class.getResource("/" + resourceFolder);
        if (url == null) return List.of();
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) return readTree(Path.of(uri), accepts);
            FileSystem fs;
            boolean opened = false;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            }
            try {
                return readTree(fs.getPath("/" + resourceFolder), accepts);
            } finally {
                if (opened) fs.close();
            }
        } catch (URISyntaxException | IOException e) {
            throw new UncheckedIOException(new IOException("cannot read the built-in " + resourceFolder + " folder: " + e.getMessage(), e));
        }
    }

    private List<SourceText> readTree(Path root, Predicate<Path> accepts) throws IOException {
        var out = new ArrayList<SourceText>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> accepts.test(root.relativize(p))).sorted().toList()) {
                Path rel = root.relativize(p);
                String folder = rel.getParent() == null ? "" : rel.getParent().toString().replace('\\', '/');
                out.add(new SourceText("jar:" + resourceFolder + "/" + rel.toString().replace('\\', '/'), null, folder,
                        Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }
}
