package dev.cachet.engine.routing;

import dev.cachet.engine.Await;
import dev.cachet.engine.definitions.FolderWatcher;
import dev.cachet.engine.definitions.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Routes through the definitions machinery: loaded from a file or a folder, hot-reloaded, last good on error. */
class RouteLibraryTest {

    @TempDir Path dir;
    private RouteLibrary library;

    static final String BILLING = """
            routes:
              - name: billing
                keywords: [invoice, refund]
              - name: general
                fallback: true
            """;

    private RouteLibrary open(Path location, FolderWatcher.Mode mode) {
        library = new RouteLibrary(location, new FolderWatcher.Settings(mode, Duration.ofMillis(30), Duration.ofMillis(50)));
        return library;
    }

    @AfterEach void close() { if (library != null) library.close(); }

    private String firstError() {
        return library.problems().stream().filter(Problem::isError).findFirst().map(Problem::format).orElse(null);
    }

    @Test void withoutALocation_theBuiltInRoutesServe() {
        open(null, FolderWatcher.Mode.AUTO);
        assertThat(library.current().names()).containsExactly("greeting", "data", "general");
        assertThat(library.current().source()).isEqualTo("built-in");
        assertThat(library.status()).isEqualTo("built-in routes");
    }

    @Test void anEmptyOrMissingFolder_servesTheBuiltInRoutes() {
        open(dir.resolve("routes"), FolderWatcher.Mode.EVENTS);
        assertThat(library.current().names()).containsExactly("greeting", "data", "general");
        assertThat(library.problems()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = FolderWatcher.Mode.class, names = {"EVENTS", "POLL"})
    void aWatchedFile_isLiveAfterEachSave_aBrokenSaveKeepsTheLastGoodRoutes_andAFixRecovers(FolderWatcher.Mode mode) throws Exception {
        Path file = dir.resolve("routes.yaml");
        Files.writeString(file, BILLING);
        open(file, mode).start();
        var swaps = new CopyOnWriteArrayList<RouteSet>();
        library.subscribe(swaps::add);
        assertThat(library.current().names()).containsExactly("billing", "general");
        assertThat(library.current().source()).isEqualTo(file.toAbsolutePath().toString());

        Files.writeString(file, BILLING.replace("[invoice, refund]", "[invoice, refund, receipt]"));
        Await.until(() -> library.current().route("billing").orElseThrow().keywords().contains("receipt"));
        assertThat(swaps).hasSize(1);

        Files.writeString(file, BILLING.replace("keywords:", "keywrds:"));
        Await.until(() -> firstError() != null);
        assertThat(firstError()).isEqualTo(file.toAbsolutePath() + ":3:5: unknown field 'keywrds' in routes[0] (did you mean 'keywords'?)");
        assertThat(library.current().route("billing").orElseThrow().keywords()).as("the last good routes keep serving")
                .containsExactly("invoice", "refund", "receipt");
        assertThat(library.status()).contains("1 error(s), first: " + file.toAbsolutePath() + ":3:5");

        Files.writeString(file, BILLING);
        Await.until(() -> firstError() == null);
        assertThat(library.current().route("billing").orElseThrow().keywords()).containsExactly("invoice", "refund");
    }

    @Test void aFolderOfFiles_joinsTheirRoutes_aNameDefinedTwiceNamesBothPlaces_andTheFirstIsUsed() throws Exception {
        Path folder = dir.resolve("routes");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("a-billing.yaml"), BILLING);
        Files.writeString(folder.resolve("b-support.yaml"), """
                routes:
                  - name: support
                    keywords: [outage, broken]
                  - name: billing
                    keywords: [money]
                """);
        open(folder, FolderWatcher.Mode.EVENTS);
        assertThat(library.current().names()).containsExactly("billing", "general", "support");
        assertThat(library.current().route("billing").orElseThrow().keywords()).containsExactly("invoice", "refund");
        assertThat(firstError()).isEqualTo(folder.resolve("b-support.yaml").toAbsolutePath() + ":4:5: route 'billing' is also defined at "
                + folder.resolve("a-billing.yaml").toAbsolutePath() + ":2:5, which is the one used; route names are unique across the routes files");
    }

    @Test void filesThatTogetherCannotServe_leaveThePreviousRoutesServing() throws Exception {
        Path folder = dir.resolve("routes");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("a.yaml"), BILLING);
        open(folder, FolderWatcher.Mode.EVENTS);
        String version = library.current().version();

        Files.writeString(folder.resolve("b.yaml"), "routes:\n  - name: other\n    fallback: true\n");
        library.refresh();
        assertThat(firstError()).contains("b.yaml:2:5: route 'other' is a second fallback route");
        assertThat(library.current().version()).isEqualTo(version);
        assertThat(library.current().names()).containsExactly("billing", "general");

        Files.delete(folder.resolve("a.yaml"));
        library.refresh();
        assertThat(library.current().names()).containsExactly("other");
        assertThat(library.problems()).isEmpty();
    }

    @Test void aFileWithAProblemFromTheStart_namesItAndTheBuiltInRoutesServe() throws Exception {
        Path file = dir.resolve("routes.yaml");
        Files.writeString(file, "routes:\n  - name: general\n    fallback: true\n    regexes: ['(unclosed']\n");
        open(file, FolderWatcher.Mode.EVENTS);
        assertThat(firstError()).startsWith(file.toAbsolutePath() + ":4:15: route 'general': regexes[0] does not compile: Unclosed group");
        assertThat(library.current().source()).isEqualTo("built-in");
    }
}
