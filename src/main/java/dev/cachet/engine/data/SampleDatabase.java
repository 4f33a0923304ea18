package dev.cachet.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The shop database the data route demonstrates itself with: built from {@code /data/sample-shop.sql}
 * into {@code DATA_DIR/sample-shop.db} the first time it is needed (a script in git, not a binary).
 * Built into a temporary file and moved into place, so a half-built file is never connected.
 */
public final class SampleDatabase {

    public static final String FILE = "sample-shop.db";
    static final String SCRIPT = "/data/sample-shop.sql";

    private SampleDatabase() { }

    /** The sample database's path, building it first if it is not there. */
    public static synchronized Path ensure(Path dataDir) throws DataException {
        Path file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) return file;
        Path temp = null;
        try (InputStream in = SampleDatabase.class.getResourceAsStream(SCRIPT)) {
            if (in == null) throw new DataException("the sample database script is missing from the jar: " + SCRIPT, null);
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Files.createDirectories(dataDir);
            temp = Files.createTempFile(dataDir, ".sample-shop-", ".db");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + temp.toAbsolutePath());
                 Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                for (String sql : statements(script)) st.executeUpdate(sql);
                c.commit();
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException | SQLException e) {
            throw new DataException("cannot build the sample database in " + dataDir + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless
                }
            }
        }
    }

    /** The script's statements: split on ';' at line ends, comment lines dropped. */
    static java.util.List<String> statements(String script) {
        var out = new java.util.ArrayList<String>();
        var sb = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("--")) continue;
            sb.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                out.add(sb.toString().strip());
                sb.setLength(0);
            }
        }
        if (!sb.toString().isBlank()) out.add(sb.toString().strip());
        return out;
    }
}
