package dev.cachet.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code cachet --version}: what was built (the jar's manifest), what it runs on (the Java runtime, its
 * folder, JavaFX, the platform) and, from an installed package, the package version and the AOT cache
 * the launcher passes. Enough to answer "which Cachet is this, on what" in a bug report.
 */
public final class VersionInfo implements IVersionProvider {

    @Override
    public String[] getVersion() {
        var lines = new ArrayList<String>();
        lines.add("cachet " + buildVersion());
        String packaged = System.getProperty("jpackage.app-version");
        if (packaged != null) lines.add("package: " + packaged + " (" + System.getProperty("jpackage.app-path", "?") + ")");
        lines.add("runtime: Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor", "?") + ", "
                + System.getProperty("java.vm.name", "?") + ") at " + System.getProperty("java.home"));
        lines.add("JavaFX " + javafxVersion() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        aotCache().ifPresent(path -> lines.add("AOT cache: " + path));
        return lines.toArray(String[]::new);
    }

    /** The Implementation-Version the build wrote into the manifest; "development build" from classes on disk. */
    static String buildVersion() {
        String v = VersionInfo.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    /** JavaFX's own version file, read without starting the toolkit. */
    static String javafxVersion() {
        try (InputStream in = VersionInfo.class.getResourceAsStream("/javafx.properties")) {
            if (in == null) return "(not found)";
            var p = new Properties();
            p.load(in);
            return p.getProperty("javafx.runtime.version", p.getProperty("javafx.version", "(unknown)"));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** The -XX:AOTCache the JVM was started with (the installed launcher passes one), if any. */
    static java.util.Optional<String> aotCache() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return args.stream().filter(a -> a.startsWith("-XX:AOTCache=")).map(a -> a.substring("-XX:AOTCache=".length())).findFirst();
    }
}
