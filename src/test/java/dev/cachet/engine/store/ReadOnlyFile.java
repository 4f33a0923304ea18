package dev.cachet.engine.store;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Makes a file or directory read-only for this process, and writable again on {@link #close()}.
 * Permission bits do not stop root (as in CI containers); then the ext2/3/4 immutable flag
 * ({@code chattr +i}) does, which root may set. Aborts the test (never passes it) where neither works.
 */
public final class ReadOnlyFile implements AutoCloseable {

    private final Path path;
    private final Set<PosixFilePermission> before;
    private boolean immutable;

    private ReadOnlyFile(Path path) throws IOException {
        this.path = path;
        this.before = Files.getPosixFilePermissions(path);
    }

    public static ReadOnlyFile of(Path path) throws IOException, InterruptedException {
        var ro = new ReadOnlyFile(path);
        var perms = EnumSet.copyOf(ro.before);
        perms.removeAll(EnumSet.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
        Files.setPosixFilePermissions(path, perms);
        if (Files.isWritable(path)) ro.immutable = chattr("+i", path); // root ignores permission bits
        if (Files.isWritable(path)) {
            ro.close();
            Assumptions.abort("cannot make " + path + " read-only here (root without chattr +i)");
        }
        return ro;
    }

    private static boolean chattr(String flag, Path path) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException noChattr) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        if (immutable) {
            try {
                chattr("-i", path);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            immutable = false;
        }
        Files.setPosixFilePermissions(path, before);
    }
}
