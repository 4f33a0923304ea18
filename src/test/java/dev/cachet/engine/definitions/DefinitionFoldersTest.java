package dev.cachet.engine.definitions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class DefinitionFoldersTest {

    @TempDir Path dir;
    private DefinitionFolders<NoteKind.Note> folders;
    private final List<String> notices = new CopyOnWriteArrayList<>();

    private DefinitionFolders<NoteKind.Note> open(List<Path> roots, BuiltInFolder builtIns, FolderWatcher.Mode mode) {
        folders = new DefinitionFolders<>(new NoteKind(), roots, builtIns,
                new FolderWatcher.Settings(mode, Duration.ofMillis(30), Duration.ofMillis(50)));
        folders.subscribe((set, n) -> notices.addAll(n));
        return folders;
    }

    private DefinitionFolders<NoteKind.Note> open() { return open(List.of(dir), BuiltInFolder.none(), FolderWatcher.Mode.EVENTS); }

    @AfterEach void close() { if (folders != null) folders.close(); }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private String text(String id) { return folders.current().get(id).map(e -> e.value().text()).orElse(null); }

    private static void await(BooleanSupplier condition) throws InterruptedException { dev.cachet.engine.Await.until(condition); }

    @Test
    void aBrokenFile_keepsItsLastGoodVersionServing_andRecovers() throws Exception {
        write(dir.resolve("a.yaml"), "id: a\ntext: first\n");
        open().refresh();
        assertThat(text("a")).isEqualTo("first");

        write(dir.resolve("a.yaml"), "id: a\ntext: [unclosed\n");
        var set = folders.refresh();
        assertThat(text("a")).isEqualTo("first");
        assertThat(set.get("a").orElseThrow().stale()).isTrue();
        var report = set.files().getFirst();
        assertThat(report.status()).isEqualTo(DefinitionSet.Status.STALE);
        assertThat(report.problems().getFirst().format()).startsWith(dir.resolve("a.yaml") + ":2:16: YAML syntax: while parsing a flow sequence: expected ',' or ']'");
        assertThat(notices).anyMatch(n -> n.contains("has errors; note 'a' keeps serving its last good version"));

        write(dir.resolve("a.yaml"), "id: a\ntext: fixed\n");
        folders.refresh();
        assertThat(text("a")).isEqualTo("fixed");
        assertThat(folders.current().get("a").orElseThrow().stale()).isFalse();
        assertThat(notices).anyMatch(n -> n.contains("is valid again"));
    }

    @Test
    void aFileBrokenFromTheStart_servesNothing_andSaysWhy() throws Exception {
        write(dir.resolve("b.yaml"), "id: b\ntexxt: typo\n");
        var set = open().refresh();
        assertThat(set.byId()).isEmpty();
        assertThat(set.files().getFirst().status()).isEqualTo(DefinitionSet.Status.BROKEN);
        assertThat(set.problems()).extracting(Problem::format)
                .containsExactly(dir.resolve("b.yaml") + ":2:1: unknown field 'texxt' (did you mean 'text'?)");
    }

    @Test
    void aDeletedFile_removesItsDefinition_withANotice() throws Exception {
        write(dir.resolve("a.yaml"), "id: a\ntext: x\n");
        write(dir.resolve("b.yaml"), "id: b\ntext: y\n");
        open().refresh();
        Files.delete(dir.resolve("a.yaml"));
        folders.refresh();
        assertThat(folders.current().byId()).containsOnlyKeys("b");
        assertThat(notices).contains("note 'a' removed: " + dir.resolve("a.yaml") + " was deleted");
    }

    @Test
    void aDuplicateId_namesBothFiles_andTheFileThatHadItKeepsServing() throws Exception {
        write(dir.resolve("z-first.yaml"), "id: same\ntext: original\n");
        open().refresh();
        write(dir.resolve("a-second.yaml"), "id: same\ntext: intruder\n");
        var set = folders.refresh();
        assertThat(text("same")).isEqualTo("original");
        var dup = set.files().stream().filter(f -> f.status() == DefinitionSet.Status.DUPLICATE).findFirst().orElseThrow();
        assertThat(dup.source().name()).endsWith("a-second.yaml");
        assertThat(dup.problems()).extracting(Problem::format).containsExactly(dir.resolve("a-second.yaml")
                + ":1:5: duplicate note id 'same': " + dir.resolve("z-first.yaml") + ":1:5 defines it too and is the one used; ids are unique across all folders");
        var owner = set.files().stream().filter(f -> f.status() == DefinitionSet.Status.OK).findFirst().orElseThrow();
        assertThat(owner.problems()).extracting(Problem::message).anyMatch(m -> m.contains("also defined in " + dir.resolve("a-second.yaml")));
    }

    @Test
    void nestedFolders_arePartOfTheTree_notOfTheId() throws Exception {
        write(dir.resolve("rag/deep/x.yaml"), "id: x\ntext: nested\n");
        var set = open().refresh();
        var entry = set.get("x").orElseThrow();
        assertThat(entry.source().folder()).isEqualTo("rag/deep");
        assertThat(entry.value().id()).isEqualTo("x");
    }

    @Test
    void withNoDefinitionFiles_theBuiltInCopiesServe_untilAFileAppears() throws Exception {
        write(dir.resolve("README.md"), "not a definition");
        open(List.of(dir, dir.resolve("missing")), new BuiltInFolder("definitions-builtin"), FolderWatcher.Mode.EVENTS).refresh();
        var set = folders.current();
        assertThat(set.builtIn()).isTrue();
        assertThat(set.byId()).containsOnlyKeys("built-one", "built-two");
        assertThat(set.get("built-two").orElseThrow().source().name()).isEqualTo("jar:definitions-builtin/sub/two.yaml");
        assertThat(set.get("built-two").orElseThrow().source().folder()).isEqualTo("sub");

        write(dir.resolve("mine.yaml"), "id: mine\ntext: local\n");
        folders.refresh();
        assertThat(folders.current().builtIn()).isFalse();
        assertThat(folders.current().byId()).containsOnlyKeys("mine");
    }

    @ParameterizedTest
    @EnumSource(value = FolderWatcher.Mode.class, names = {"EVENTS", "POLL"})
    void theWatcher_picksUpEditsNewFilesNewFoldersAndDeletions_withoutAnExplicitRefresh(FolderWatcher.Mode mode) throws Exception {
        write(dir.resolve("a.yaml"), "id: a\ntext: one\n");
        open(List.of(dir), BuiltInFolder.none(), mode).start();
        assertThat(folders.watching()).startsWith(mode == FolderWatcher.Mode.POLL ? "polling" : "file events");
        assertThat(text("a")).isEqualTo("one");

        write(dir.resolve("a.yaml"), "id: a\ntext: two\n");
        await(() -> "two".equals(text("a")));

        write(dir.resolve("new/sub/b.yaml"), "id: b\ntext: made later\n");
        await(() -> "made later".equals(text("b")));

        Files.delete(dir.resolve("a.yaml"));
        await(() -> text("a") == null);
    }

    @Test
    void aFolderThatDoesNotExistYet_isWatchedFromTheMomentItIsCreated() throws Exception {
        Path later = dir.resolve("later/prompts");
        open(List.of(later), BuiltInFolder.none(), FolderWatcher.Mode.EVENTS).start();
        assertThat(folders.current().byId()).isEmpty();
        write(later.resolve("c.yaml"), "id: c\ntext: arrived\n");
        await(() -> "arrived".equals(text("c")));
    }
}
