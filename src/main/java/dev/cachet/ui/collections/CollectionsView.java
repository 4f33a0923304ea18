package dev.cachet.ui.collections;

import dev.cachet.engine.retrieval.CollectionInfo;
import dev.cachet.engine.retrieval.IngestProblem;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The Collections pane: a table of collections, actions above it, the selected one's details and problems below. */
public final class CollectionsView extends BorderPane {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final CollectionsViewModel vm;

    public CollectionsView(CollectionsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("collections");
        setPadding(new Insets(16));
        var title = new Label("Collections");
        title.getStyleClass().add("pane-title");
        var subtitle = new Label("Documents the chat can answer from: folders and files (Markdown, text, HTML, PDF), split into chunks, "
                + "embedded and indexed. Pick a collection in the chat to get answers with numbered sources.");
        subtitle.setWrapText(true);
        subtitle.getStyleClass().add("pane-subtitle");
        var top = new VBox(6, title, subtitle, toolbar(), progressRow());
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);
        setCenter(table());
        setBottom(details());
    }

    private HBox toolbar() {
        var addFolder = new Button("Add folder…");
        addFolder.setId("addFolder");
        addFolder.getStyleClass().add("primary");
        addFolder.setOnAction(e -> {
            var chooser = new DirectoryChooser();
            chooser.setTitle("Folder of documents");
            File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) askName(List.of(dir.toPath()), dir.getName());
        });
        var addFiles = new Button("Add files…");
        addFiles.setOnAction(e -> {
            var chooser = new FileChooser();
            chooser.setTitle("Documents");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Documents", "*.md", "*.markdown", "*.txt", "*.html", "*.htm", "*.pdf"));
            List<File> files = chooser.showOpenMultipleDialog(getScene().getWindow());
            if (files != null && !files.isEmpty()) askName(files.stream().map(File::toPath).toList(), "documents");
        });
        var ingest = new Button("Re-ingest");
        ingest.setId("ingestButton");
        ingest.setTooltip(new Tooltip("Read new and changed files, drop deleted ones; unchanged files are skipped"));
        ingest.setOnAction(e -> vm.ingestSelected());
        ingest.disableProperty().bind(vm.ingestingProperty().or(vm.selectedProperty().isNull()));
        var cancel = new Button("Cancel");
        cancel.setId("cancelIngest");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.ingestingProperty().not());
        var watch = new CheckBox("Watch folders");
        watch.setId("watchToggle");
        watch.setTooltip(new Tooltip("Re-ingest automatically when files in the collection's folders change"));
        vm.selectedProperty().addListener((o, a, b) -> watch.setSelected(b != null && b.watch()));
        if (vm.selectedProperty().get() != null) watch.setSelected(vm.selectedProperty().get().watch());
        watch.setOnAction(e -> vm.watch(watch.isSelected()));
        watch.disableProperty().bind(vm.selectedProperty().isNull());
        var remove = new Button("Remove");
        remove.setTooltip(new Tooltip("Delete the collection's chunks and cached retrievals (your files are not touched)"));
        remove.setOnAction(e -> vm.removeSelected());
        remove.disableProperty().bind(vm.selectedProperty().isNull().or(vm.ingestingProperty()));
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var bar = new HBox(8, addFolder, addFiles, ingest, cancel, watch, spacer, remove);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return bar;
    }

    private HBox progressRow() {
        var bar = new ProgressBar();
        bar.setId("ingestProgress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.ingestingProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        var status = new Label();
        status.setId("ingestStatus");
        status.textProperty().bind(vm.statusProperty());
        var error = new Label();
        error.getStyleClass().add("error-text");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        var row = new HBox(10, bar, status, error);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    private TableView<CollectionInfo> table() {
        var table = new TableView<>(vm.collections());
        table.setId("collectionsTable");
        table.setPlaceholder(new Label("No collections yet. Add a folder of Markdown, text, HTML or PDF files."));
        table.getColumns().add(column("Name", 150, CollectionInfo::name));
        table.getColumns().add(column("Documents", 90, c -> Integer.toString(c.documents())));
        table.getColumns().add(column("Chunks", 90, c -> String.format(Locale.ROOT, "%,d", c.chunks())));
        table.getColumns().add(column("Size", 90, c -> c.sizeText()));
        table.getColumns().add(column("Version", 70, c -> Long.toString(c.version())));
        table.getColumns().add(column("Last ingest", 140, c -> c.lastIngest() == null ? "never" : WHEN.format(c.lastIngest())));
        table.getColumns().add(column("Watch", 60, c -> c.watch() ? "on" : "off"));
        table.getColumns().add(column("Problems", 80, c -> c.problems().isEmpty() ? "" : Integer.toString(c.problems().size())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> { if (b != null) vm.selectedProperty().set(b); });
        vm.selectedProperty().addListener((o, a, b) -> { if (b != null && table.getSelectionModel().getSelectedItem() != b) table.getSelectionModel().select(b); });
        if (vm.selectedProperty().get() != null) table.getSelectionModel().select(vm.selectedProperty().get());
        return table;
    }

    private static TableColumn<CollectionInfo, String> column(String name, double width, Function<CollectionInfo, String> value) {
        var c = new TableColumn<CollectionInfo, String>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }

    private VBox details() {
        var heading = new Label();
        heading.getStyleClass().add("section-title");
        var sources = new Label();
        sources.setWrapText(true);
        var last = new Label();
        last.setWrapText(true);
        last.getStyleClass().add("pane-subtitle");
        var problemsTitle = new Label("Files that could not be read");
        problemsTitle.getStyleClass().add("error-text");
        var problems = new ListView<IngestProblem>();
        problems.setId("problemList");
        problems.setPrefHeight(90);
        Runnable show = () -> {
            CollectionInfo c = vm.selectedProperty().get();
            heading.setText(c == null ? "" : c.name());
            sources.setText(c == null ? "" : "Sources: " + String.join(", ", c.sources()));
            last.setText(c == null || c.lastReport().isEmpty() ? "" : "Last ingest: " + c.lastReport());
            problems.getItems().setAll(c == null ? List.of() : c.problems());
            boolean any = c != null && !c.problems().isEmpty();
            problemsTitle.setVisible(any);
            problemsTitle.setManaged(any);
            problems.setVisible(any);
            problems.setManaged(any);
        };
        vm.selectedProperty().addListener((o, a, b) -> show.run());
        show.run();
        var box = new VBox(6, heading, sources, last, problemsTitle, problems);
        box.getStyleClass().add("card");
        box.setPadding(new Insets(12));
        VBox.setVgrow(problems, Priority.NEVER);
        var outer = new VBox(box);
        outer.setPadding(new Insets(10, 0, 0, 0));
        return outer;
    }

    /** Asks for the new collection's name (checked as it is typed), then adds and ingests it. */
    private void askName(List<Path> sources, String suggestion) {
        var dialog = new Dialog<String>();
        dialog.setTitle("New collection");
        dialog.setHeaderText("Name the collection for " + (sources.size() == 1 ? sources.getFirst().toString() : sources.size() + " files"));
        var name = new TextField(suggestion.replaceAll("[^A-Za-z0-9._-]", "-"));
        var problem = new Label();
        problem.getStyleClass().add("error-text");
        problem.textProperty().bind(Bindings.createStringBinding(() -> vm.nameProblem(name.getText()), name.textProperty()));
        var grid = new GridPane(8, 6);
        grid.addRow(0, new Label("Name"), name);
        grid.add(problem, 1, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(problem.textProperty().isNotEmpty());
        dialog.setResultConverter(b -> b == ButtonType.OK ? name.getText().strip() : null);
        // over the window and in its theme (unowned, it came up in the default light look, even in dark)
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
            dialog.getDialogPane().getStylesheets().setAll(getScene().getStylesheets());
        }
        dialog.showAndWait().ifPresent(n -> vm.add(n, sources));
    }

}
