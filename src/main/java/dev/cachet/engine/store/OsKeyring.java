package dev.cachet.engine.store;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The OS keyring where one is reachable: on Linux the Secret Service through {@code secret-tool} (libsecret),
 * looked up as {@code secret-tool lookup service cachet account NAME}. Absent tool, locked keyring or no
 * entry: empty, and the caller says where it looked.
 */
public final class OsKeyring {

    private OsKeyring() { }

    public static Optional<String> lookup(String account) {
        Path tool = onPath("secret-tool");
        if (tool == null) return Optional.empty();
        try {
            Process p = new ProcessBuilder(tool.toString(), "lookup", "service", "cachet", "account", account)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String value = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 && !value.isEmpty() ? Optional.of(value) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }
}
