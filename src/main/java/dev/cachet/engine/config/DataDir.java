package dev.cachet.engine.config;

import java.nio.file.Path;
import java.util.Map;

/** Where Cachet keeps its SQLite file and config: XDG on Linux, the usual places elsewhere. */
public final class DataDir {

    private DataDir() { }

    public static Path resolve(Path override, Map<String, String> env, String osName, String userHome) {
        if (override != null) return override.toAbsolutePath();
        String os = osName.toLowerCase();
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return Path.of(appData != null ? appData : userHome, "Cachet");
        }
        if (os.contains("mac")) return Path.of(userHome, "Library", "Application Support", "Cachet");
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".local", "share")).resolve("cachet");
    }

    public static Path resolve(Path override) {
        return resolve(override, System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }
}
