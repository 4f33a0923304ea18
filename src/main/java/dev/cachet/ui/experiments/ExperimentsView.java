package dev.cachet.ui.experiments;

import dev.cachet.engine.experiments.run.RunRecord;
import dev.cachet.ui.fx.PaneShortcut;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import java.io.File;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The Experiments pane: a new-run form and the active run's progress on top, the stored runs on the
 * left, the selected run's results, charts, side-by-side diff and comparison in tabs. Ctrl+Enter starts
 * a run, Escape cancels the active one.
 */
public final class ExperimentsView extends BorderPane {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final ExperimentsViewModel vm;

    public ExperimentsView(ExperimentsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("experiments");
        setPadding(new Insets(16));
        var title = new Label("Experiments");
        title.getStyleClass().add("pane-title");
        var subtitle = new Label("A/B runs of prompt variants over a dataset: every cell checked by its assertions, pass rates with "
                + "95% intervals, paired tests between arms, one verdict. Runs are stored as they go and resume where they stopped.");
        subtitle.setWrapText(true);
        subtitle.getStyleClass().add("pane-subtitle");
        var error = new Label();
        error.setId("experimentError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        var top = new VBox(6, title, subtitle, form(), progressRow(), error);
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);
        setLeft(runList());
        var results = new ResultsTab(vm);
        var charts = new ExperimentCharts();
        vm.resultsProperty().addListener((o, a, r) -> charts.show(r));
        var tabs = new TabPane(new Tab("Results", results), new Tab("Charts", charts), new Tab("Diff", new DiffTab(vm)),
                new Tab("Compare", new CompareTab(vm)));
        tabs.setId("experimentTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
        BorderPane.setMargin(tabs, new Insets(0, 0, 0, 10));
        PaneShortcut.whileShown(this, new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), vm::start);
        PaneShortcut.whileShown(this, new KeyCodeCombination(KeyCode.ESCAPE), vm::cancel);
        sceneProperty().addListener((o, was, now) -> {
            if (now != null && was == null) vm.open();
        });
    }

    private HBox form() {
        var file = new ComboBox<Path>(vm.files());
        file.setId("experimentFile");
        file.setPromptText("experiment file");
        file.valueProperty().bindBidirectional(vm.fileProperty());
        file.setConverter(new StringConverter<>() {
            @Override public String toString(Path p) { return p == null ? "" : p.getFileName() + "  (" + shortDir(p) + ")"; }
            @Override public Path fromString(String s) { return null; }
        });
        file.setPrefWidth(320);
        file.setTooltip(new Tooltip("Experiment files under each templates folder's experiments/, or one opened with Open…"));
        var open = new Button("_Open YAML…");
        open.setMnemonicParsing(true);
        open.setId("openExperiment");
        open.setTooltip(new Tooltip("A Cachet experiment file or a promptfoo config (promptfooconfig.yaml)"));
        open.setOnAction(e -> {
            var chooser = new FileChooser();
            chooser.setTitle("Experiment or promptfoo config");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"));
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) vm.openFile(f.toPath());
        });
        var repeat = field("experimentRepeat", "repeat", "Repetitions of every case (blank: as the file says)", vm.repeatProperty(), 70);
        var concurrency = field("experimentConcurrency", "concurrency", "Cells in flight at once (blank: as the file says)",
                vm.concurrencyProperty(), 105);
        var model = field("experimentModel", "provider/model", "Run every prompt on this model instead of the file's", vm.modelProperty(), 170);
        var start = new Button("_Start run");
        start.setMnemonicParsing(true);
        start.setId("startRun");
        start.getStyleClass().add("primary");
        start.setTooltip(new Tooltip("Start a run of the chosen file (Ctrl+Enter)"));
        start.disableProperty().bind(vm.runningProperty().or(vm.fileProperty().isNull()));
        start.setOnAction(e -> vm.start());
        var row = new HBox(8, file, open, repeat, concurrency, model, start);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static TextField field(String id, String prompt, String tip, javafx.beans.property.StringProperty value, double width) {
        var f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setTooltip(new Tooltip(tip));
        f.setPrefWidth(width);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static String shortDir(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent == null ? "" : parent.getFileName() == null ? parent.toString() : parent.getFileName().toString();
    }

    private HBox progressRow() {
        var bar = new ProgressBar();
        bar.setId("runProgress");
        bar.setPrefWidth(260);
        bar.progressProperty().bind(vm.progressProperty());
        var text = new Label();
        text.setId("runProgressText");
        text.textProperty().bind(vm.progressTextProperty());
        var cancel = new Button("_Cancel");
        cancel.setMnemonicParsing(true);
        cancel.setId("cancelRun");
        cancel.setTooltip(new Tooltip("Stop the run (Escape): finished cells stay stored, Resume runs the rest"));
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        var resume = new Button("_Resume");
        resume.setMnemonicParsing(true);
        resume.setId("resumeRun");
        resume.setTooltip(new Tooltip("Run the selected run's unfinished cells (and those that failed to answer)"));
        resume.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.resumable(vm.selectedRunProperty().get()),
                vm.selectedRunProperty(), vm.runningProperty()));
        resume.setOnAction(e -> vm.resume());
        var status = new Label();
        status.setId("runStatus");
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.statusProperty());
        var row = new HBox(8, bar, cancel, resume, text, status);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private VBox runList() {
        var heading = new Label("Runs");
        heading.getStyleClass().add("section-title");
        var list = new ListView<RunRecord>(vm.runs());
        list.setId("runList");
        list.setPrefWidth(215); // "#12  order-status-reply" and its date line; the results take the rest
        var empty = new Label("No runs yet: choose a file and Start run");
        empty.setWrapText(true);  // the list is 215 px wide: on one line the hint is cut
        list.setPlaceholder(empty);
        list.setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(RunRecord r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("run-finished", "run-cancelled", "run-interrupted", "run-running");
                if (empty || r == null) {
                    setText(null);
                    return;
                }
                var s = r.statusAt(java.time.Instant.now());
                getStyleClass().add("run-" + s.name().toLowerCase(Locale.ROOT));
                setText("#" + r.id() + "  " + r.experimentId() + "\n" + WHEN.format(r.created()) + " · " + s.name().toLowerCase(Locale.ROOT)
                        + " · " + r.done() + "/" + r.totalCells());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) vm.selectedRunProperty().set(r);
        });
        vm.selectedRunProperty().addListener((o, a, r) -> {
            if (r != null && list.getSelectionModel().getSelectedItem() != r) list.getSelectionModel().select(r);
        });
        var export = new MenuButton("E_xport");
        export.setMnemonicParsing(true);
        export.setId("exportRun");
        export.disableProperty().bind(vm.resultsProperty().isNull());
        for (ReportFormat f : ReportFormat.values()) {
            var item = new MenuItem(f.title());
            item.setId("export-" + f.extension());
            item.setOnAction(e -> {
                var chooser = new FileChooser();
                chooser.setTitle("Export run as " + f.title());
                chooser.setInitialFileName(vm.resultsProperty().get().run().experimentId() + "-run" + vm.resultsProperty().get().run().id()
                        + "." + f.extension());
                File target = chooser.showSaveDialog(getScene().getWindow());
                if (target != null) vm.export(f, target.toPath());
            });
            export.getItems().add(item);
        }
        var box = new VBox(6, heading, list, export);
        VBox.setVgrow(list, Priority.ALWAYS);
        return box;
    }
}
