package dev.cachet.ui.templates;

import dev.cachet.engine.definitions.FolderWatcher;
import dev.cachet.engine.templates.TemplateLibrary;
import dev.cachet.ui.fx.UiThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pane's logic without a toolkit: files are refreshed by hand, work runs on the calling thread. */
class TemplatesViewModelTest {

    @TempDir Path dir;
    private TemplateLibrary library;
    private TemplatesViewModel vm;

    private static final String GREET = """
            id: greet
            tags: [demo]
            variables:
              name: {type: string, required: true, example: Ada}
              n: {type: number, default: 2}
            messages:
              user: Say hello to {{ name }} {{ n }} times
            variants:
              A:
              B:
                messages: {user: "Hi {{ name }}"}
            """;

    private TemplatesViewModel open(List<Path> folders) {
        library = new TemplateLibrary(folders, FolderWatcher.Settings.DEFAULTS, null);
        vm = new TemplatesViewModel(library, null, null, UiThread.direct(), Runnable::run);
        return vm;
    }

    @AfterEach void close() {
        if (vm != null) vm.dispose();
        if (library != null) library.close();
    }

    @Test
    void theTree_hasFoldersTemplatesAndVariants_andTheFilterKeepsWhatMatches() throws Exception {
        Files.createDirectories(dir.resolve("rag"));
        Files.writeString(dir.resolve("greet.yaml"), GREET);
        Files.writeString(dir.resolve("rag/answer.yaml"), "id: answer\ntags: [citations]\nmessages: {user: hi}\n");
        open(List.of(dir));
        assertThat(vm.tree()).extracting(TreeEntry::label).containsExactly("rag", "greet");
        assertThat(vm.tree().getFirst().children()).extracting(TreeEntry::label).containsExactly("answer");
        assertThat(vm.tree().get(1).children()).extracting(TreeEntry::variant).containsExactly("A", "B");

        vm.filterProperty().set("citations");
        assertThat(vm.tree()).extracting(TreeEntry::label).containsExactly("rag");
        vm.filterProperty().set("demo B");
        assertThat(vm.tree()).extracting(TreeEntry::label).containsExactly("greet");
        vm.filterProperty().set("nothing-like-this");
        assertThat(vm.tree()).isEmpty();
    }

    @Test
    void opening_fillsTheEditorAndTheForm_andPreviewsEveryVariant_andEditsShowAtOnce() throws Exception {
        Files.writeString(dir.resolve("greet.yaml"), GREET);
        open(List.of(dir)).open("greet");
        assertThat(vm.textProperty().get()).isEqualTo(GREET);
        assertThat(vm.dirty()).isFalse();
        var preview = vm.preview();
        assertThat(preview.inputs()).extracting(VariableInput::label).containsExactly("name (string, required)", "n (number)");
        assertThat(preview.inputs()).extracting(i -> i.textProperty().get()).containsExactly("Ada", "2");
        assertThat(preview.previews()).extracting(VariantPreview::text)
                .containsExactly("USER:\nSay hello to Ada 2 times", "USER:\nHi Ada");

        preview.inputs().get(1).textProperty().set("many");
        assertThat(preview.previews().getFirst().error()).contains("variable 'n'").contains("expected a number, got 'many'");

        vm.textProperty().set(GREET.replace("Say hello to", "Greet"));
        assertThat(vm.dirty()).isTrue();
        assertThat(vm.problems()).isEmpty();
        preview.inputs().get(1).textProperty().set("3");
        assertThat(preview.previews().getFirst().text()).isEqualTo("USER:\nGreet Ada 3 times");
    }

    @Test
    void save_writesTheFile_andALaterOutsideChangeReloadsAnUneditedBuffer() throws Exception {
        Files.writeString(dir.resolve("greet.yaml"), GREET);
        open(List.of(dir)).open("greet");
        vm.textProperty().set(GREET.replace("Say hello to", "Greet"));
        vm.save();
        assertThat(Files.readString(dir.resolve("greet.yaml"))).contains("Greet {{ name }}");
        assertThat(vm.dirty()).isFalse();
        assertThat(library.current().get("greet").orElseThrow().value().messages().user().source()).startsWith("Greet");

        Files.writeString(dir.resolve("greet.yaml"), GREET.replace("Say hello to", "Wave at"));
        library.refresh(null);
        assertThat(vm.textProperty().get()).contains("Wave at");
        assertThat(vm.messageProperty().get()).contains("changed outside Cachet");
    }

    @Test
    void anOutsideChangeToAnEditedBuffer_asks_andReloadDropsTheEdits() throws Exception {
        Files.writeString(dir.resolve("greet.yaml"), GREET);
        open(List.of(dir)).open("greet");
        vm.textProperty().set(GREET + "# my edit\n");
        Files.writeString(dir.resolve("greet.yaml"), GREET.replace("Say hello to", "Wave at"));
        library.refresh(null);
        assertThat(vm.externalChangeProperty().get()).contains("changed on disk while you have unsaved edits");
        assertThat(vm.textProperty().get()).endsWith("# my edit\n");
        vm.reloadFromDisk();
        assertThat(vm.textProperty().get()).contains("Wave at").doesNotContain("# my edit");
        assertThat(vm.dirty()).isFalse();
        assertThat(vm.externalChangeProperty().get()).isNull();
    }

    @Test
    void savingABuiltInTemplate_copiesTheBuiltInSetIntoTheFolder_soNoneStopsServing() throws Exception {
        Path empty = dir.resolve("prompts");
        open(List.of(empty));
        assertThat(library.current().builtIn()).isTrue();
        int builtIns = library.current().byId().size();
        vm.open("summarizer");
        assertThat(vm.openSource()).isEqualTo("jar:prompts/summarizer.yaml");
        vm.textProperty().set(vm.textProperty().get().replace("You summarize texts faithfully.", "You summarize faithfully."));
        vm.save();
        assertThat(Files.readString(empty.resolve("summarizer.yaml"))).contains("You summarize faithfully.");
        assertThat(Files.exists(empty.resolve("rag/answer-with-citations.yaml"))).isTrue();
        assertThat(library.current().builtIn()).isFalse();
        assertThat(library.current().byId()).hasSize(builtIns);
        assertThat(vm.openSource()).isEqualTo(empty.resolve("summarizer.yaml").toString());
    }

    @Test
    void aNewTemplate_isWrittenValid_andOpened() throws Exception {
        Files.writeString(dir.resolve("greet.yaml"), GREET);
        open(List.of(dir));
        assertThat(vm.create("bad id!")).isFalse();
        assertThat(vm.create("fresh")).isTrue();
        assertThat(library.current().get("fresh")).isPresent();
        assertThat(library.current().problems()).isEmpty();
        assertThat(vm.openSource()).isEqualTo(dir.resolve("fresh.yaml").toString());
        assertThat(vm.create("fresh")).isFalse();
    }

    @Test
    void aRunThatFinishesAtOnce_leavesTheRunButtonsUsable_andAnswersFromTheRenderedPrompt() throws Exception {
        Files.writeString(dir.resolve("greet.yaml"), GREET);
        library = new TemplateLibrary(List.of(dir), FolderWatcher.Settings.DEFAULTS, null);
        // A request thread that runs inside start(): the answer is in before the pane subscribes to it.
        java.util.concurrent.ThreadFactory inline = r -> new Thread(r) { @Override public synchronized void start() { run(); } };
        dev.cachet.engine.pipeline.Stage echo = new dev.cachet.engine.pipeline.Stage() {
            @Override public String name() { return "echo"; }
            @Override public dev.cachet.engine.pipeline.StageResult process(dev.cachet.engine.pipeline.RequestContext ctx) {
                return new dev.cachet.engine.pipeline.StageResult.Answer(dev.cachet.engine.pipeline.StageResult.Note.of("echoed", ""),
                        "echo: " + ctx.request().lastUserText(), dev.cachet.engine.chat.AnswerSource.MODEL,
                        new dev.cachet.engine.chat.ModelRef("test", "echo"), dev.cachet.engine.chat.Usage.NONE,
                        dev.cachet.engine.chat.FinishReason.STOP, false);
            }
        };
        var pipeline = new dev.cachet.engine.pipeline.Pipeline(List.of(new dev.cachet.engine.templates.RenderStage(library), echo),
                List.of(), inline, java.time.InstantSource.system());
        vm = new TemplatesViewModel(library, pipeline, dev.cachet.engine.provider.PriceTable.defaults(), UiThread.direct(), Runnable::run);
        vm.open("greet");
        var turns = vm.runs().runAll();
        assertThat(turns).extracting(dev.cachet.ui.chat.ChatTurn::answer).containsExactly("echo: Say hello to Ada 2 times", "echo: Hi Ada");
        assertThat(vm.runs().busyProperty().get()).isFalse();
    }
}
