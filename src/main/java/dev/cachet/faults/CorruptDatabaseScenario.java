package dev.cachet.faults;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.store.DatabaseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A database file that is random bytes, truncated, zero length, damaged in the middle, or written by a
 * newer Cachet: opening it never crashes and never loses it silently. A damaged file is moved aside
 * (byte for byte) with a notice naming where it went and a fresh one started; a newer one is refused
 * with a message naming the file and left untouched; an empty one holds nothing to lose.
 */
final class CorruptDatabaseScenario implements Scenario {

    @Override public String name() { return "corruptDatabase"; }

    @Override public String description() {
        return "random bytes, truncated, zero length, damaged page, newer schema: moved aside with a notice naming where, or refused; never a crash";
    }

    private enum Expect { MOVED_ASIDE, REFUSED, FRESH }

    @Override
    public ScenarioResult run(FaultContext ctx) throws Exception {
        var result = new ScenarioResult.Builder(name());
        var outcomes = new LinkedHashMap<String, Object>();
        Map<String, Expect> cases = new LinkedHashMap<>();
        cases.put("randomBytes", Expect.MOVED_ASIDE);
        cases.put("truncated", Expect.MOVED_ASIDE);
        cases.put("damagedPage", Expect.MOVED_ASIDE);
        cases.put("zeroLength", Expect.FRESH);
        cases.put("newerSchema", Expect.REFUSED);
        for (var c : cases.entrySet()) {
            Path dir = ctx.dir(name() + "-" + c.getKey());
            Path file = dir.resolve(Database.FILE_NAME);
            prepare(c.getKey(), dir, file);
            String before = sha256(file);
            ctx.say(name() + ": opening a database that is " + c.getKey());
            String outcome;
            boolean ok;
            try (var engine = Engine.open(options(dir))) {
                // It must also work: one request answered and stored.
                engine.pipeline().execute(FaultEngines.request(SimulatorProvider.ID, "after " + c.getKey()), TokenListener.NONE, new Cancellation());
                String notice = String.join("; ", engine.notices());
                Path aside = movedAside(dir);
                boolean keptWhole = aside != null && before.equals(sha256(aside));
                outcome = aside != null ? "moved aside: " + notice : "opened: " + notice;
                ok = switch (c.getValue()) {
                    case MOVED_ASIDE -> keptWhole && notice.contains(aside.getFileName().toString());
                    case FRESH -> aside == null && notice.contains("was empty");
                    case REFUSED -> false;
                };
                if (c.getValue() == Expect.MOVED_ASIDE && !keptWhole) result.lost(1);
            } catch (DatabaseException refused) {
                outcome = "refused: " + refused.getMessage();
                ok = c.getValue() == Expect.REFUSED && refused.getMessage().contains(file.toString()) && before.equals(sha256(file));
                if (c.getValue() == Expect.REFUSED && !before.equals(sha256(file))) result.lost(1);
            } catch (RuntimeException crash) {
                outcome = "crashed: " + crash;
                ok = false;
            }
            outcomes.put(c.getKey(), outcome);
            result.sent(1).answered(ok ? 1 : 0).failed(ok ? 0 : 1).check(ok, c.getKey() + ": expected " + c.getValue() + ", got " + outcome);
        }
        outcomes.forEach(result::figure);
        return result.build();
    }

    private static EngineOptions options(Path dir) { return FaultEngines.simulatorOptions(dir); }

    /** A real database with some answers in it, then damaged the way {@code kind} says. */
    private static void prepare(String kind, Path dir, Path file) throws Exception {
        if (kind.equals("randomBytes")) {
            byte[] junk = new byte[64 * 1024];
            new Random(14).nextBytes(junk);
            Files.write(file, junk);
            return;
        }
        if (kind.equals("zeroLength")) {
            Files.write(file, new byte[0]);
            return;
        }
        try (var engine = Engine.open(options(dir))) {
            Traffic.send(engine.pipeline(), 600, 16, i -> FaultEngines.request(SimulatorProvider.ID, "before the damage " + i));
        }
        switch (kind) {
            case "truncated" -> {
                byte[] all = Files.readAllBytes(file);
                Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
            }
            case "damagedPage" -> {
                byte[] all = Files.readAllBytes(file);
                var rnd = new Random(7);
                // Page 2 onwards (the schema table is page 1): overwrite a few pages in the middle with noise.
                for (int i = all.length / 3; i < all.length / 3 + 3 * 4096 && i < all.length; i++) all[i] = (byte) rnd.nextInt();
                Files.write(file, all);
            }
            case "newerSchema" -> {
                try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
                    s.executeUpdate("UPDATE schema_version SET version = 99 WHERE module = 'cache'");
                }
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }

    private static Path movedAside(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(Database.FILE_NAME + ".corrupt-")
                    && !p.getFileName().toString().endsWith("-wal") && !p.getFileName().toString().endsWith("-shm")).findFirst().orElse(null);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
