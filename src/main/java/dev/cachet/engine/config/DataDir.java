package dev.cachet.engine.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Cachet keeps its SQLite file and config, and files it can make again at any time (the cache
 * dir): XDG on Linux, the usual places elsewhere.
 */
public final class DataDir {

    /** One platform convention: the variable and folder on Windows, the folder on macOS, the XDG variable and default. */
    private record Convention(String windowsVariable, String windowsFolder, String macFolder, String xdgVariable, String xdgDefault) { }

    private static final Convention DATA = new Convention("APPDATA", "Cachet", "Library/Application Support/Cachet",
            "XDG_DATA_HOME", ".local/share");
    private static final Convention CACHE = new Convention("LOCALAPPDATA", "Cachet/cache", "Library/Caches/Cachet",
            "XDG_CACHE_HOME", ".cache");

    private DataDir() { }

    public static Path resolve(Path override, Map<String, String> env, String osName, String userHome) {
        if (override != null) return override.toAbsolutePath();
        return place(DATA, env, osName, userHome);
    }

    public static Path resolve(Path override) {
        return resolve(override, System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    /** The per-user cache dir: files that may be deleted and are made again when needed (extracted native libraries). */
    public static Path cacheHome(Map<String, String> env, String osName, String userHome) {
        return place(CACHE, env, osName, userHome);
    }

    public static Path cacheHome() {
        return cacheHome(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    private static Path place(Convention c, Map<String, String> env, String osName, String userHome) {
        String os = osName.toLowerCase();
        if (os.contains("win")) {
            String base = env.get(c.windowsVariable());
            return Path.of(base != null ? base : userHome).resolve(c.windowsFolder());
        }
        if (os.contains("mac")) return Path.of(userHome).resolve(c.macFolder());
        String xdg = env.get(c.xdgVariable());
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome).resolve(c.xdgDefault())).resolve("cachet");
    }
}
