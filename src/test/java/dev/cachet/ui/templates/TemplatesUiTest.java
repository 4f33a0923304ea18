package dev.cachet.ui.templates;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.TemplateSettings;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.chat.ChatTurn;
import dev.cachet.ui.shell.ThemeStylesheets;
import dev.cachet.ui.shell.WindowStateFile;
import dev.cachet.ui.shell.WorkbenchWindow;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Templates pane in the real window (TestFX, headless), with its files edited on disk meanwhile. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class TemplatesUiTest {

    @TempDir static Path base;
    Engine engine;
    WorkbenchWindow window;
    Path prompts;

    static final String GREET = """
            id: greet
            variables:
              name: {type: string, required: true, example: Ada}
            messages:
              system: You are brief.
              user: Say hello to {{ name }}
            """;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = base.resolve("run-" + System.nanoTime());
        prompts = dir.resolve("prompts");
        Files.createDirectories(prompts);
        Files.writeString(prompts.resolve("greet.yaml"), GREET);
        var config = CachetConfig.defaults().withDefaultProvider("simulator").withSimulator(TestEngines.FAST)
                .withTemplates(TemplateSettings.DEFAULTS.withFolders(List.of(prompts.toString())));
        engine = Engine.open(new EngineOptions(dir.resolve("data"), config, false, InstantSource.system()));
        window = new WorkbenchWindow(engine, stage, WindowStateFile.in(dir), new ThemeStylesheets(List.of(dir.resolve("no-themes"))));
        window.show();
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.api.FxToolkit.hideStage();
        engine.close();
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
    }

    private void openGreet(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        waitUntil(() -> robot.lookup((TreeCell<?> c) -> "greet".equals(c.getText())).tryQuery().isPresent());
        robot.clickOn(robot.lookup((TreeCell<?> c) -> "greet".equals(c.getText())).<Node>query());
        waitUntil(() -> editorText(robot).contains("Say hello"));
    }

    private static String editorText(FxRobot robot) {
        return robot.lookup("#yamlEditor").queryAs(CodeArea.class).getText();
    }

    /** Clicks Run and returns the finished answer of the variant. */
    private String run(FxRobot robot) throws Exception {
        robot.clickOn(robot.lookup(".tab-pane .tab-header-area .tab-label").match((Label l) -> "Run".equals(l.getText())).<Node>query());
        var results = window.templates().runs().results();
        ChatTurn before = results.isEmpty() ? null : results.getFirst();
        waitUntil(() -> !robot.lookup("#runVariant").query().isDisabled());
        robot.clickOn("#runVariant");
        try {
            waitUntil(() -> !results.isEmpty() && results.getFirst() != before && results.getFirst().state() == ChatTurn.State.ANSWERED);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer: " + window.templates().runs().results().stream()
                    .map(t -> t.state() + " " + t.answer() + " " + t.error()).toList() + ", template " + window.templates().templateProperty().get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#runResults .answer-text").queryAs(Label.class).getText();
    }

    private String servedVersion() {
        return engine.templates().current().get("greet").orElseThrow().value().version();
    }

    private static List<String> problemLines(FxRobot robot) {
        return robot.lookup("#templateProblems").<ListView<dev.cachet.engine.definitions.Problem>>query().getItems().stream()
                .map(p -> p.at().line() + ": " + p.message()).toList();
    }

    @Test
    void preview_withNothingOpen_saysToOpenATemplate_thenShowsItsVariables(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#previewForm").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(previewFormText(robot)).contains("Open a template").doesNotContain("declares no variables");
        openGreet(robot);
        waitUntil(() -> robot.lookup("#var-name").tryQuery().isPresent());
        assertThat(previewFormText(robot)).doesNotContain("Open a template").contains("name");
    }

    private static String previewFormText(FxRobot robot) {
        return robot.lookup("#previewForm").queryAs(javafx.scene.layout.GridPane.class).getChildrenUnmodifiable().stream()
                .filter(Label.class::isInstance).map(n -> ((Label) n).getText()).collect(java.util.stream.Collectors.joining(" | "));
    }

    @Test
    void aFileEditedOutside_changesTheNextAnswer_brokenYamlShowsItsLineAndKeepsServing_andFixingRecovers(FxRobot robot) throws Exception {
        openGreet(robot);
        assertThat(run(robot)).startsWith("[simulated answer] Re: \"Say hello to Ada\"");

        // Edited outside Cachet: the editor follows (no unsaved edits) and the next answer uses the new text.
        Files.writeString(prompts.resolve("greet.yaml"), GREET.replace("Say hello to", "Say goodbye to"));
        waitUntil(() -> editorText(robot).contains("Say goodbye to"));
        String good = servedVersion();
        assertThat(run(robot)).startsWith("[simulated answer] Re: \"Say goodbye to Ada\"");

        // Broken outside Cachet: the error shows at its line, the old version keeps serving.
        Files.writeString(prompts.resolve("greet.yaml"), GREET.replace("Say hello to", "Say goodbye to")
                .replace("  system: You are brief.", "  system: [You are brief."));
        waitUntil(() -> !problemLines(robot).isEmpty());
        var problem = robot.lookup("#templateProblems").<ListView<dev.cachet.engine.definitions.Problem>>query().getItems().getFirst();
        assertThat(problem.message()).startsWith("YAML syntax: while parsing a flow sequence");
        assertThat(problem.at().line()).isBetween(5, 7);
        waitUntil(() -> robot.lookup("#marker-" + problem.at().line()).tryQuery().isPresent());
        assertThat(robot.lookup((TreeCell<?> c) -> "greet".equals(c.getText())).<TreeCell<?>>query().getGraphic()).isNotNull();
        assertThat(servedVersion()).isEqualTo(good);
        assertThat(run(robot)).startsWith("[simulated answer] Re: \"Say goodbye to Ada\"");

        // Fixed: no markers, a new version serves.
        Files.writeString(prompts.resolve("greet.yaml"), GREET.replace("Say hello to", "Welcome"));
        waitUntil(() -> robot.lookup(".line-marker-error").tryQuery().isEmpty() && problemLines(robot).isEmpty());
        waitUntil(() -> !servedVersion().equals(good));
        assertThat(run(robot)).startsWith("[simulated answer] Re: \"Welcome Ada\"");
    }

    @Test
    void ctrlS_savesTheFileAtomically_andThePipelineServesIt_whileAnOutsideChangeToUnsavedEditsAsksFirst(FxRobot robot) throws Exception {
        openGreet(robot);
        String before = servedVersion();
        CodeArea area = robot.lookup("#yamlEditor").queryAs(CodeArea.class);
        robot.interact(() -> area.replaceText(GREET.replace("Say hello to", "Hi there,")));
        waitUntil(() -> window.templates().dirty());

        // Changed on disk while the editor has unsaved edits: the pane asks, and keeps the edits meanwhile.
        Files.writeString(prompts.resolve("greet.yaml"), GREET.replace("You are brief.", "You are terse."));
        waitUntil(() -> robot.lookup("#externalChangeBanner").query().isVisible());
        assertThat(area.getText()).contains("Hi there,");
        robot.clickOn("#keepMine");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#externalChangeBanner").query().isVisible()).isFalse();

        robot.clickOn("#yamlEditor");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitUntil(() -> Files.readString(prompts.resolve("greet.yaml")).contains("Hi there,"));
        waitUntil(() -> !window.templates().dirty());
        waitUntil(() -> !servedVersion().equals(before)
                && engine.templates().current().get("greet").orElseThrow().value().messages().user().source().startsWith("Hi there,"));
        try (var files = Files.list(prompts)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("greet.yaml"); // no temporary file left
        }
        assertThat(run(robot)).startsWith("[simulated answer] Re: \"Hi there, Ada\"");
    }

    @Test
    void typingAnUnknownField_marksItsLineBeforeSaving_withTheClosestKnownName(FxRobot robot) throws Exception {
        openGreet(robot);
        CodeArea area = robot.lookup("#yamlEditor").queryAs(CodeArea.class);
        robot.interact(() -> area.replaceText(GREET + "modle: simulator/sim-small\n"));
        waitUntil(() -> robot.lookup("#marker-7").tryQuery().isPresent());
        assertThat(problemLines(robot)).containsExactly("7: unknown field 'modle' (did you mean 'model'?)");
        assertThat(Files.readString(prompts.resolve("greet.yaml"))).isEqualTo(GREET);
    }

    @Test
    void runAAndB_showsBothAnswersSideBySide_andHistoryDiffsTwoVersions(FxRobot robot) throws Exception {
        Files.writeString(prompts.resolve("greet.yaml"), GREET + "variants:\n  A:\n  B:\n    messages:\n      user: Bonjour {{ name }}\n");
        waitUntil(() -> engine.templates().current().get("greet").map(e -> e.value().variants().size() == 2).orElse(false));
        openGreet(robot);
        robot.clickOn(robot.lookup(".tab-pane .tab-header-area .tab-label").match((Label l) -> "Run".equals(l.getText())).<Node>query());
        robot.clickOn("#runAll");
        waitUntil(() -> window.templates().runs().results().size() == 2
                && window.templates().runs().results().stream().allMatch(t -> t.state() == ChatTurn.State.ANSWERED));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#runResults .answer-text").queryAllAs(Label.class)).extracting(Label::getText)
                .satisfiesExactly(a -> assertThat(a).contains("Say hello to Ada"), b -> assertThat(b).contains("Bonjour Ada"));
        assertThat(robot.lookup("#runResults .badge").queryAllAs(Label.class)).extracting(Label::getText).contains("miss");

        robot.clickOn(robot.lookup(".tab-pane .tab-header-area .tab-label").match((Label l) -> "History".equals(l.getText())).<Node>query());
        waitUntil(() -> window.templates().versions().versions().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        var diff = robot.lookup("#diffView").<ListView<dev.cachet.engine.templates.TemplateDiff.Line>>query().getItems();
        assertThat(diff).anyMatch(l -> l.kind() == dev.cachet.engine.templates.TemplateDiff.Kind.ADDED && l.text().contains("Bonjour"));
    }
}
