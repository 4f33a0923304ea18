package dev.cachet.ui.shell;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The window's layout: navigation on the left (Ctrl+1 … Ctrl+5), the selected pane in the middle
 * (each built on first visit), the status bar below; applies the theme and reloads edited CSS live.
 */
public final class MainWindow {

    private final ShellViewModel vm;
    private final ThemeStylesheets themes;
    private final Map<PaneId, Supplier<Node>> factories;
    private final Map<PaneId, Node> built = new EnumMap<>(PaneId.class);
    private final StackPane content = new StackPane();
    private final Scene scene;
    private String themeFingerprint = "";

    public MainWindow(ShellViewModel vm, ThemeStylesheets themes, Map<PaneId, Supplier<Node>> panes, double width, double height) {
        this.vm = vm;
        this.themes = themes;
        this.factories = Map.copyOf(panes);
        var root = new BorderPane();
        root.setLeft(navigation());
        root.setCenter(content);
        root.setBottom(statusBar());
        content.setMinSize(0, 0);
        scene = new Scene(root, width, height);
        for (PaneId p : PaneId.values()) {
            KeyCombination key = new KeyCodeCombination(KeyCode.valueOf("DIGIT" + p.shortcut()), KeyCombination.SHORTCUT_DOWN);
            scene.getAccelerators().put(key, () -> vm.paneProperty().set(p));
        }
        vm.paneProperty().addListener((o, a, b) -> showPane(b));
        showPane(vm.paneProperty().get());
        vm.themeProperty().addListener((o, a, b) -> applyTheme(true));
        applyTheme(true);
        // Live reload: a cheap poll of a few file timestamps, once a second.
        var poll = new Timeline(new KeyFrame(Duration.seconds(1), e -> applyTheme(false)));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    public Scene scene() { return scene; }

    /** The pane's node, building it if it has not been shown yet. */
    public Node pane(PaneId id) { return built.computeIfAbsent(id, p -> factories.get(p).get()); }

    private void showPane(PaneId id) {
        content.getChildren().setAll(pane(id));
    }

    private void applyTheme(boolean force) {
        String fp = themes.fingerprint(vm.themeProperty().get());
        if (!force && fp.equals(themeFingerprint)) return;
        themeFingerprint = fp;
        scene.getStylesheets().setAll(themes.stylesheets(vm.themeProperty().get()));
        scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
        scene.getRoot().getStyleClass().add("theme-" + vm.themeProperty().get().name().toLowerCase(java.util.Locale.ROOT));
    }

    private VBox navigation() {
        var title = new Label("Cachet");
        title.getStyleClass().add("nav-title");
        var nav = new VBox(title);
        nav.getStyleClass().add("nav");
        var group = new ToggleGroup();
        for (PaneId p : PaneId.values()) {
            var name = new Label(p.title());
            var key = new Label("Ctrl+" + p.shortcut());
            key.getStyleClass().add("nav-shortcut");
            var spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            var row = new HBox(name, spacer, key);
            row.setAlignment(Pos.CENTER_LEFT);
            var button = new ToggleButton();
            button.setGraphic(row);
            row.prefWidthProperty().bind(button.widthProperty().subtract(22));
            button.setId("nav-" + p.name().toLowerCase(java.util.Locale.ROOT));
            button.getStyleClass().setAll("nav-item");
            button.setToggleGroup(group);
            button.setUserData(p);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setTooltip(new Tooltip(p.title() + " (Ctrl+" + p.shortcut() + ")"));
            button.setSelected(vm.paneProperty().get() == p);
            // A selected pane stays selected: clicking it again must not leave nothing selected.
            button.setOnAction(e -> {
                vm.paneProperty().set(p);
                button.setSelected(true);
            });
            nav.getChildren().add(button);
        }
        vm.paneProperty().addListener((o, a, b) -> group.getToggles().forEach(t -> t.setSelected(t.getUserData() == b)));
        return nav;
    }

    private StatusBar statusBar() {
        var bar = new StatusBar();
        bar.setId("statusBar");
        bar.textProperty().bind(vm.modelStatusProperty());
        var team = item("statusTeam", vm.teamStatusProperty());
        vm.teamDownProperty().addListener((o, a, down) -> team.getStyleClass().setAll(down ? List.of("status-item", "error-text")
                : List.of("status-item")));
        bar.getRightItems().addAll(item("statusEndpoint", vm.endpointStatusProperty()), team, item("statusCache", vm.cacheStatusProperty()),
                item("statusRate", vm.rateStatusProperty()), item("statusHitRate", vm.hitRateStatusProperty()));
        return bar;
    }

    private static Label item(String id, javafx.beans.value.ObservableValue<String> text) {
        var l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.managedProperty().bind(l.textProperty().isNotEmpty()); // a part that is not configured takes no room
        l.getStyleClass().add("status-item");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
