package dev.cachet.ui.settings;

import dev.cachet.ui.shell.Theme;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * Settings pane: a form per section (theme, providers, simulator, cache), each field with its message
 * beneath it; Save (Ctrl+S while the pane shows) and Revert at the top, with where the file went or why not.
 */
public final class SettingsView extends BorderPane {

    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);

    private final SettingsViewModel vm;
    private final VBox providerList = new VBox(10);

    public SettingsView(SettingsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("settings");
        setTop(toolbar());
        // Short cards first: the provider list is the long one.
        var box = new VBox(14, themeCard(), simulatorCard(), cacheCard(), routingCard(), endpointCard(), providersCard());
        box.setStyle("-fx-padding: 16 20 20 20");
        var scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        // Ctrl+S saves while this pane is in the window, wherever the focus is.
        dev.cachet.ui.fx.PaneShortcut.whileShown(this, SAVE, vm::save);
    }

    private VBox toolbar() {
        var title = new Label("Settings");
        title.getStyleClass().add("pane-title");
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var revert = new Button("Revert");
        revert.setId("revertSettings");
        revert.disableProperty().bind(vm.dirtyProperty().not());
        revert.setOnAction(e -> vm.revert());
        var save = new Button("Save");
        save.setId("saveSettings");
        save.getStyleClass().add("primary");
        save.setTooltip(new Tooltip("Save to " + vm.configFile() + " (Ctrl+S)"));
        save.disableProperty().bind(vm.dirtyProperty().not().or(vm.validProperty().not()));
        save.setOnAction(e -> vm.save());
        var row = new HBox(10, title, spacer, revert, save);
        row.setAlignment(Pos.CENTER_LEFT);
        var status = new Label();
        status.setId("settingsStatus");
        status.setWrapText(true);
        status.textProperty().bind(Bindings.when(vm.validProperty().not().and(vm.statusProperty().isEmpty()))
                .then("Save is off until the fields marked in red are fixed.").otherwise(vm.statusProperty()));
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        status.visibleProperty().bind(status.managedProperty());
        vm.statusIsErrorProperty().addListener((o, a, b) -> styleMessage(status, b));
        vm.validProperty().addListener((o, a, b) -> styleMessage(status, !b || vm.statusIsErrorProperty().get()));
        styleMessage(status, !vm.validProperty().get());
        var bar = new VBox(6, row, status);
        bar.getStyleClass().add("settings-toolbar");
        return bar;
    }

    private VBox themeCard() {
        var group = new ToggleGroup();
        var row = new HBox(16);
        for (Theme t : vm.themeChoices()) {
            var rb = new RadioButton(t.label());
            rb.setId("theme-" + t.name().toLowerCase(Locale.ROOT));
            rb.setToggleGroup(group);
            rb.setUserData(t);
            rb.setSelected(vm.themeProperty().get() == t);
            row.getChildren().add(rb);
        }
        group.selectedToggleProperty().addListener((o, a, b) -> { if (b != null) vm.themeProperty().set((Theme) b.getUserData()); });
        vm.themeProperty().addListener((o, a, b) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == b).findFirst().ifPresent(t -> t.setSelected(true)));
        var note = muted("Applies at once. Themes are read from " + vm.themeFolders() + " (else the built-in copies); "
                + "a user.css there (" + vm.userCss() + ") is applied on top, and edits show up live.");
        return card("Theme", null, row, note);
    }

    private VBox providersCard() {
        var add = new MenuButton("Add provider");
        add.setId("addProvider");
        for (SettingsViewModel.NewProvider kind : SettingsViewModel.NewProvider.values()) {
            var item = new MenuItem(kind.label());
            item.setOnAction(e -> vm.addProvider(kind));
            add.getItems().add(item);
        }
        var note = noticeLabel();
        note.textProperty().bind(vm.providersNoteProperty());
        vm.providers().addListener((ListChangeListener<ProviderForm>) c -> rebuildProviders());
        rebuildProviders();
        var help = muted("Keys are read from the environment variable named here when Cachet starts; Cachet never shows or stores a key. "
                + "Provider changes apply on next start.");
        return card("Providers", new HBox(10, note, add), help, providerList);
    }

    private void rebuildProviders() {
        providerList.getChildren().setAll(vm.providers().stream().map(this::providerEntry).toList());
    }

    private Node providerEntry(ProviderForm p) {
        String key = p.id().text().isBlank() ? "new" : p.id().text();
        var grid = form();
        var kind = new ComboBox<String>();
        kind.getItems().setAll(ProviderForm.KINDS);
        kind.valueProperty().bindBidirectional(p.kindProperty());
        kind.setTooltip(new Tooltip("openai also covers OpenAI-compatible servers: llama.cpp, LM Studio, vLLM"));
        kind.setMaxWidth(Double.MAX_VALUE);
        var model = new ComboBox<>(p.modelChoices());
        model.setEditable(true);
        model.getEditor().textProperty().bindBidirectional(p.defaultModel().textProperty());
        model.setMaxWidth(Double.MAX_VALUE);
        model.setPromptText("pick after Test connection, or type");

        place(grid, 0, 0, p.id(), text(p.id(), "provider-" + key + "-id"), null);
        grid.add(label("Kind"), 2, 0);
        grid.add(kind, 3, 0);
        place(grid, 1, 0, p.baseUrl(), text(p.baseUrl(), "provider-" + key + "-url"), null);
        place(grid, 1, 2, p.defaultModel(), model, null);
        place(grid, 2, 0, p.keyEnv(), text(p.keyEnv(), "provider-" + key + "-keyEnv"), p);
        place(grid, 2, 2, p.requestsPerSecond(), text(p.requestsPerSecond(), "provider-" + key + "-rps"), null);
        var fallbacks = text(p.fallbacks(), "provider-" + key + "-fallbacks");
        fallbacks.setPromptText("e.g. simulator, openai/gpt-4o-mini");
        place(grid, 3, 0, p.fallbacks(), fallbacks, null);

        var test = new Button("Test connection");
        test.setId("test-" + key);
        test.disableProperty().bind(p.testingProperty());
        test.setOnAction(e -> vm.testConnection(p));
        var result = new Label();
        result.setWrapText(true);
        result.textProperty().bind(p.testResultProperty());
        result.getStyleClass().add("test-result");
        p.testFailedProperty().addListener((o, a, b) -> styleMessage(result, b));
        styleMessage(result, p.testFailedProperty().get());
        HBox.setHgrow(result, Priority.ALWAYS);
        result.setMaxWidth(Double.MAX_VALUE);
        var remove = new Button("Remove");
        remove.setId("remove-" + key);
        remove.setOnAction(e -> vm.removeProvider(p));
        var actions = new HBox(10, test, result, remove);
        actions.setAlignment(Pos.CENTER_LEFT);

        var limits = form();
        var r = p.resilience();
        place(limits, 0, 0, r.firstToken(), text(r.firstToken(), "provider-" + key + "-ttft"), null);
        place(limits, 0, 2, r.stall(), text(r.stall(), "provider-" + key + "-stall"), null);
        place(limits, 1, 0, r.connect(), text(r.connect(), "provider-" + key + "-connect"), null);
        place(limits, 1, 2, r.total(), text(r.total(), "provider-" + key + "-total"), null);
        place(limits, 2, 0, r.attempts(), text(r.attempts(), "provider-" + key + "-attempts"), null);
        place(limits, 2, 2, r.queueWait(), text(r.queueWait(), "provider-" + key + "-queueWait"), null);
        place(limits, 3, 0, r.breakerThreshold(), text(r.breakerThreshold(), "provider-" + key + "-breaker"), null);
        place(limits, 3, 2, r.breakerCoolDown(), text(r.breakerCoolDown(), "provider-" + key + "-coolDown"), null);
        place(limits, 4, 0, r.tokensPerMinute(), text(r.tokensPerMinute(), "provider-" + key + "-tpm"), null);
        place(limits, 4, 2, r.concurrency(), text(r.concurrency(), "provider-" + key + "-concurrency"), null);
        var limitsPane = new javafx.scene.control.TitledPane("Limits, retries and timeouts", new VBox(6, muted(
                "A first token later than its timeout moves the request to the next fallback at once. Requests wait in a queue"
                        + " (at most the longest queue wait) for the rate, token and concurrency limits and for a server's Retry-After;"
                        + " per-model limits are set in cachet.yaml (resilience.limits.models)."), limits));
        limitsPane.setExpanded(false);
        limitsPane.setId("limits-" + key);
        var health = muted("");
        health.textProperty().bind(p.healthProperty());
        health.setId("health-" + key);

        var entry = new VBox(8, grid, actions, health, limitsPane);
        entry.getStyleClass().add("provider-entry");
        return entry;
    }

    private VBox simulatorCard() {
        var grid = form();
        place(grid, 0, 0, vm.timeToFirstToken(), text(vm.timeToFirstToken(), "sim-ttft"), null);
        place(grid, 0, 2, vm.tokensPerSecond(), text(vm.tokensPerSecond(), "sim-tps"), null);
        place(grid, 1, 0, vm.errorRate(), text(vm.errorRate(), "sim-errors"), null);
        place(grid, 1, 2, vm.rateLimitRate(), text(vm.rateLimitRate(), "sim-429"), null);
        var note = muted("Applies to the running simulator as soon as a value is valid: watch the Dashboard. Save keeps it for the next start.");
        return card("Simulator", null, note, grid);
    }

    private VBox routingCard() {
        var grid = form();
        var db = text(vm.database(), "data-url");
        db.setPromptText("sample, none, a SQLite file, or jdbc:postgresql://host:5432/db");
        place(grid, 0, 0, vm.database(), db, null);
        place(grid, 0, 2, vm.confidence(), text(vm.confidence(), "routing-confidence"), null);
        var small = text(vm.smallTier(), "tier-small");
        small.setPromptText("provider/model, e.g. ollama/llama3.2:1b");
        var large = text(vm.largeTier(), "tier-large");
        large.setPromptText("provider/model, e.g. openai/gpt-4o");
        place(grid, 1, 0, vm.smallTier(), small, null);
        place(grid, 1, 2, vm.largeTier(), large, null);
        fact(grid, 2, "Data route", vm.databaseStatus());
        return card("Routing and data", null, muted("The router sends database questions to the data route, greetings to the small "
                + "tier, and sizes each request by its complexity; tiers apply to requests that name no model. Applies on next start."), grid);
    }

    private VBox cacheCard() {
        var grid = form();
        int r = 0;
        place(grid, r++, 0, vm.l1Size(), text(vm.l1Size(), "cache-l1"), null);
        place(grid, r++, 0, vm.errorBound(), text(vm.errorBound(), "semantic-error-bound"), null);
        place(grid, r++, 0, vm.semanticMaxEntries(), text(vm.semanticMaxEntries(), "semantic-max-entries"), null);
        for (var e : vm.ttl().entrySet()) place(grid, r++, 0, e.getValue(), text(e.getValue(), "ttl-" + e.getKey()), null);
        for (var e : vm.cacheFacts().entrySet()) fact(grid, r++, e.getKey(), e.getValue());
        fact(grid, r++, "Data directory", vm.dataDir());
        fact(grid, r++, "Database file", vm.databaseFile());
        fact(grid, r, "Settings file", vm.configFile());
        return card("Cache and data", null, muted("Cache sizes, TTLs, the semantic entry cap and the error bound apply on next start. Past the cap the semantic "
                + "cache drops the entries least recently stored or served. The semantic cache learns, "
                + "per namespace, how far it may go while at most δ of the questions it has no right answer for get a cached one; "
                + "semantic.calibration.errorBounds in cachet.yaml sets δ per template or namespace."), grid);
    }

    private VBox endpointCard() {
        EndpointForm ep = vm.endpoint();
        var on = new javafx.scene.control.CheckBox("Serve the OpenAI-compatible endpoint (other apps' traffic through this pipeline)");
        on.setId("endpointEnabled");
        on.selectedProperty().bindBidirectional(ep.enabledProperty());
        var grid = form();
        place(grid, 0, 0, ep.host(), text(ep.host(), "endpointHost"), null);
        place(grid, 0, 2, ep.port(), text(ep.port(), "endpointPort"), null);
        var status = new Label();
        status.setId("endpointStatus");
        status.textProperty().bind(ep.statusProperty());
        status.getStyleClass().add("notice-text");
        var newToken = new Button("New token");
        newToken.setId("endpointNewToken");
        newToken.setTooltip(new Tooltip("Issue a bearer token for label 'workbench' (replacing its previous one); it is shown here once"));
        newToken.setOnAction(e -> ep.newToken());
        var token = new TextField();
        token.setId("endpointToken");
        token.setEditable(false);
        token.textProperty().bind(ep.tokenProperty());
        token.setPromptText(ep.tokenLabels().isEmpty() ? "no token yet: New token issues one, shown here once"
                : "tokens issued: " + ep.tokenLabels() + " (only their hashes are kept)");
        HBox.setHgrow(token, Priority.ALWAYS);
        var copy = new Button("Copy");
        copy.disableProperty().bind(ep.tokenProperty().isEmpty());
        copy.setOnAction(e -> {
            var content = new javafx.scene.input.ClipboardContent();
            content.putString(ep.tokenProperty().get());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        var tokenRow = new HBox(10, newToken, token, copy);
        tokenRow.setAlignment(Pos.CENTER_LEFT);
        var note = muted("Point any app that takes an OpenAI base URL at http://ADDRESS:PORT/v1 with a token as its API key "
                + "(Authorization: Bearer); its requests go through this pipeline and show on the Dashboard. A new token is shown once: "
                + "copy it now. On/off, address and port apply on Save.");
        return card("Endpoint", status, on, grid, tokenRow, note);
    }

    // ---- building blocks

    /** Four columns: label, field, label, field; messages sit under their field. */
    private static GridPane form() {
        var grid = new GridPane();
        grid.getStyleClass().add("form");
        var label = new ColumnConstraints();
        label.setMinWidth(Region.USE_PREF_SIZE);
        // wide enough for a base URL; not 700 px for "250ms" on a wide window
        var field = new ColumnConstraints(160, 300, 440);
        field.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(label, field, label, field);
        return grid;
    }

    /** The field's label, its input, and beneath it the error (red), else the note, else the key status. */
    private static void place(GridPane grid, int row, int col, SettingField f, javafx.scene.control.Control input, ProviderForm keyOf) {
        var message = new Label();
        message.getStyleClass().add("field-message");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        var secondary = keyOf != null ? keyOf.keyStatusProperty() : f.noteProperty();
        message.textProperty().bind(Bindings.when(f.errorProperty().isEmpty()).then(secondary).otherwise(f.errorProperty()));
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
        Runnable style = () -> {
            message.getStyleClass().removeAll("error-text", "notice-text", "muted");
            message.getStyleClass().add(!f.error().isEmpty() ? "error-text" : keyOf == null ? "notice-text" : "muted");
            input.getStyleClass().remove("invalid");
            if (!f.error().isEmpty()) input.getStyleClass().add("invalid");
        };
        f.errorProperty().addListener((o, a, b) -> style.run());
        style.run();
        input.setMaxWidth(Double.MAX_VALUE);
        var cell = new VBox(3, input, message);
        var l = label(f.label());
        GridPane.setValignment(l, javafx.geometry.VPos.TOP);
        l.setStyle("-fx-padding: 4 0 0 0");
        grid.add(l, col, row);
        grid.add(cell, col + 1, row);
    }

    private static TextField text(SettingField f, String id) {
        var t = new TextField();
        t.setId(id);
        t.textProperty().bindBidirectional(f.textProperty());
        return t;
    }

    private static void fact(GridPane grid, int row, String name, String value) {
        var v = new Label(value);
        v.setWrapText(true);
        grid.add(label(name), 0, row);
        grid.add(v, 1, row, 3, 1);
    }

    private static Label label(String text) {
        var l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label muted(String text) {
        var l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("muted");
        return l;
    }

    private static Label noticeLabel() {
        var l = new Label();
        l.getStyleClass().add("notice-text");
        l.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(l, Priority.ALWAYS);
        return l;
    }

    private static void styleMessage(Label l, boolean error) {
        l.getStyleClass().removeAll("error-text", "ok-text");
        l.getStyleClass().add(error ? "error-text" : "ok-text");
    }

    private static VBox card(String title, Node headerRight, Node... content) {
        var t = new Label(title);
        t.getStyleClass().add("section-title");
        Node header = t;
        if (headerRight != null) {
            var spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            var h = new HBox(10, t, spacer, headerRight);
            h.setAlignment(Pos.CENTER_LEFT);
            header = h;
        }
        var card = new VBox(8, header);
        card.getChildren().addAll(content);
        card.getStyleClass().add("card");
        return card;
    }
}
