package dev.cachet.ui.dashboard;

import dev.cachet.engine.cache.Namespace;
import dev.cachet.engine.exec.ProviderHealth;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import dev.cachet.ui.fx.ReadableColumns;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Live charts (ChartFX), headline figures, provider health, and the operator's actions. */
public final class DashboardView extends BorderPane {

    private static final List<String> CHART_ORDER = List.of(DashboardFrame.HIT_RATE, DashboardFrame.REQUESTS,
            DashboardFrame.LATENCY, DashboardFrame.MODEL_CALLS, DashboardFrame.COST_SAVED);
    private static final List<String> ROUTING_CHARTS = List.of(DashboardFrame.ROUTES, DashboardFrame.ROUTING_METHOD,
            DashboardFrame.ROUTING_LATENCY);

    private final DashboardViewModel vm;
    private final Map<String, XYChart> charts = new LinkedHashMap<>();
    private final List<DefaultNumericAxis> timeAxes = new java.util.ArrayList<>();
    private final Map<String, Map<String, DoubleDataSet>> datasets = new LinkedHashMap<>();
    private final FlowPane kpis = new FlowPane(8, 8); // wraps to a second line rather than cutting a figure
    private final Map<String, Label> kpiValues = new LinkedHashMap<>();
    private final TableView<ProviderHealth> health = new TableView<>();
    private final EndpointTrafficCard endpoint = new EndpointTrafficCard();

    private final VBox center;
    private final Label noTraffic = new Label("No requests in this window yet: Load sends builtin:demo through the pipeline "
            + "and the charts fill as it runs; questions asked in Chat show up here too.");
    private static final String KPI_CAPTION = "kpi-caption";
    /** A chart card's least height: title, legend and axis leave a plot area a trend can be read in. */
    public static final double MIN_CARD_HEIGHT = 175;

    /** Adds a card under the charts (the live A/B). */
    public void addCard(javafx.scene.Node card) { center.getChildren().add(card); }

    public DashboardView(DashboardViewModel vm) {
        this.vm = vm;
        getStyleClass().add("dashboard-view");
        setTop(toolbar());
        var grid = new GridPane();
        grid.getStyleClass().add("dashboard");
        for (int c = 0; c < 3; c++) {
            var cc = new ColumnConstraints();
            cc.setPercentWidth(100 / 3.0);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < 3; r++) {
            // equal rows that share the height, never so low that a chart is all axes: below that the pane scrolls
            var rc = new RowConstraints(MIN_CARD_HEIGHT, MIN_CARD_HEIGHT, Double.MAX_VALUE);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        int i = 0;
        for (String id : CHART_ORDER) {
            grid.add(chartCard(id), i % 3, i / 3);
            i++;
        }
        grid.add(healthCard(), 2, 1);
        i = 0;
        for (String id : ROUTING_CHARTS) grid.add(chartCard(id), i++, 2);
        kpis.getStyleClass().add("kpi-row");
        kpis.setStyle("-fx-padding: 10 12 0 12");
        noTraffic.setId("dashboardEmpty");
        noTraffic.getStyleClass().add("muted");
        noTraffic.setWrapText(true);
        noTraffic.setMinHeight(Region.USE_PREF_SIZE); // wrap, never cut: the charts below give way instead
        noTraffic.setStyle("-fx-padding: 8 14 0 14");
        noTraffic.managedProperty().bind(noTraffic.visibleProperty());
        noTraffic.setVisible(false);
        center = new VBox(kpis, noTraffic, grid, endpoint);
        VBox.setVgrow(grid, Priority.ALWAYS);
        var scroll = new ScrollPane(center);
        scroll.setId("dashboardScroll");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true); // fills a tall window; a short one (1280×800) scrolls the last few pixels
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setFocusTraversable(false);
        setCenter(scroll);
        vm.frameProperty().addListener((o, a, f) -> show(f));
        vm.windowProperty().addListener((o, a, w) -> spanTimeAxes(w));
        spanTimeAxes(vm.windowProperty().get());
        show(vm.frame());
    }

    /**
     * A fixed window spans its whole length (-60..0 s for "1 min") from the start, so the charts do not
     * rescale every second while data fills it; "since start" has no fixed length and ranges on its data.
     */
    private void spanTimeAxes(TimeWindow w) {
        for (DefaultNumericAxis x : timeAxes) {
            if (w == null || w.length() == null) {
                x.setAutoRanging(true);
            } else {
                x.setAutoRanging(false);
                x.set(-w.length().toSeconds(), 0);
            }
            x.requestAxisLayout();
        }
    }

    private VBox toolbar() {
        var window = new ComboBox<TimeWindow>();
        window.getItems().setAll(TimeWindow.values());
        window.valueProperty().bindBidirectional(vm.windowProperty());
        window.setId("timeWindow");

        var clear = new Button("Clear cache…");
        clear.setId("clearCache");
        clear.setOnAction(e -> clearCache());
        var export = new Button("Export CSV…");
        export.setId("exportCsv");
        export.setOnAction(e -> {
            var chooser = new FileChooser();
            chooser.setInitialFileName("cachet-metrics.csv");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            File f = chooser.showSaveDialog(getScene().getWindow());
            if (f != null) vm.exportCsv(f.toPath());
        });

        var workload = new TextField(DashboardViewModel.DEMO_WORKLOAD);
        workload.setId("workload");
        workload.setPrefColumnCount(14);
        workload.setTooltip(new Tooltip("A JSONL workload file, or builtin:demo"));
        var browse = new Button("…");
        browse.setTooltip(new Tooltip("Choose a workload file"));
        browse.setOnAction(e -> {
            var chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Workload (JSONL)", "*.jsonl", "*.json"));
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) workload.setText(f.getAbsolutePath());
        });
        var load = new Button("Load");
        load.setId("loadButton");
        load.setTooltip(new Tooltip("Replay the workload through the pipeline and watch the charts move"));
        load.setOnAction(e -> vm.startLoad(workload.getText().strip(), 32));
        load.disableProperty().bind(vm.loadRunningProperty());
        var warm = new Button("Warm cache");
        warm.setId("warmButton");
        warm.setTooltip(new Tooltip("Send the file's prompts through the pipeline and keep only the answers that pass their"
                + " \"expect\" checks (cachet warm FILE)"));
        warm.setOnAction(e -> vm.startWarm(workload.getText().strip(), 8));
        warm.disableProperty().bind(vm.loadRunningProperty());
        var cancel = new Button("Cancel");
        cancel.setId("cancelLoad");
        cancel.setOnAction(e -> vm.cancelLoad());
        cancel.disableProperty().bind(vm.loadRunningProperty().not());
        var progress = new ProgressBar();
        progress.setPrefWidth(110);
        progress.progressProperty().bind(vm.loadProgressProperty());
        progress.visibleProperty().bind(vm.loadRunningProperty());
        var loadStatus = new Label();
        loadStatus.setId("loadStatus");
        loadStatus.textProperty().bind(vm.loadStatusProperty());
        loadStatus.getStyleClass().add("muted");
        loadStatus.setMinWidth(0);
        HBox.setHgrow(loadStatus, Priority.ALWAYS);
        var message = new Label();
        message.setId("dashboardMessage");
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("muted");
        message.setMinWidth(0);

        for (var b : List.of(clear, export, browse, load, warm, cancel)) b.setMinWidth(Region.USE_PREF_SIZE);
        window.setMinWidth(Region.USE_PREF_SIZE);
        window.setPrefWidth(120);
        HBox.setHgrow(message, Priority.ALWAYS);
        var actions = new HBox(10, label("Window"), window, clear, export, message);
        actions.setAlignment(Pos.CENTER_LEFT);
        var replay = new HBox(10, label("Replay workload"), workload, browse, load, warm, cancel, progress, loadStatus);
        replay.setAlignment(Pos.CENTER_LEFT);
        var bar = new VBox(8, actions, replay, routerTest());
        bar.getStyleClass().add("dashboard-toolbar");
        return bar;
    }

    /** Type a message, see where the router's heuristic sends it, how sure it is and why — live, no model call. */
    private HBox routerTest() {
        var input = new TextField();
        input.setId("routerTestInput");
        input.setPromptText("Type a message to see how it would be routed");
        input.setPrefColumnCount(30);
        var route = new Label();
        route.setId("routerTestRoute");
        route.getStyleClass().add("route-name");
        route.setMinWidth(Region.USE_PREF_SIZE);
        var reason = new Label();
        reason.setId("routerTestReason");
        reason.getStyleClass().add("muted");
        reason.setMinWidth(0);
        HBox.setHgrow(reason, Priority.ALWAYS);
        input.textProperty().bindBidirectional(vm.routerTestInputProperty());
        vm.routerTestProperty().addListener((o, a, t) -> {
            if (t.route().isEmpty()) {
                route.setText("");
                reason.setText("");
                return;
            }
            route.setText(String.format(Locale.ROOT, "→ %s %.2f", t.route(), t.confidence()));
            reason.setText(String.format(Locale.ROOT, "%s · %.0f µs%s", t.reason(), t.micros(), t.fallback().isEmpty() ? "" : " · " + t.fallback()));
            reason.setTooltip(new Tooltip(reason.getText()));
        });
        var box = new HBox(10, label("Router test"), input, route, reason);
        box.getStyleClass().add("router-test");
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void clearCache() {
        List<Namespace> options = vm.namespaces();
        var choose = new ChoiceDialog<>(options.getFirst(), options);
        choose.setTitle("Clear cache");
        choose.setHeaderText("Which entries should be removed from the exact cache?");
        choose.setContentText("Namespace");
        style(choose.getDialogPane());
        choose.initOwner(getScene().getWindow());
        choose.showAndWait().ifPresent(ns -> {
            var confirm = new Alert(Alert.AlertType.CONFIRMATION,
                    "Remove " + (ns instanceof Namespace.All ? "every cache entry" : "the entries of " + ns)
                            + " from memory and from the SQLite file? Later requests will call the model again.",
                    ButtonType.CANCEL, ButtonType.OK);
            confirm.setHeaderText("Clear the cache (" + ns + ")?");
            confirm.initOwner(getScene().getWindow());
            style(confirm.getDialogPane());
            confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.clearCache(ns));
        });
    }

    private void style(javafx.scene.control.DialogPane pane) {
        if (getScene() != null) pane.getStylesheets().setAll(getScene().getStylesheets());
    }

    private VBox chartCard(String id) {
        var title = new Label();
        title.getStyleClass().add("card-title");
        title.setId("chart-title-" + id);
        var x = new DefaultNumericAxis("seconds (0 = now)", null);
        x.setAutoRangeRounding(false);
        x.setAutoRangePadding(0);
        x.setTickLabelFormatter(AxisLabels.plainFigures());
        timeAxes.add(x);
        var y = new DefaultNumericAxis(null, null);
        y.setForceZeroInRange(true);
        y.setAutoRangePadding(0.1);
        var chart = new XYChart(x, y);
        chart.setId("chart-" + id);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setMinSize(0, 0);
        chart.getToolBar().setVisible(false);
        chart.getToolBar().setManaged(false);
        charts.put(id, chart);
        var card = new VBox(2, title, chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        card.getStyleClass().add("chart-card");
        card.setMinSize(0, 0);
        return card;
    }

    private VBox healthCard() {
        health.setId("providerHealth");
        var provider = column("Provider", ProviderHealth::provider);
        provider.setPrefWidth(90);
        var state = column("Breaker · probes · calls", ProviderHealthText::summary);
        state.setCellFactory(ReadableColumns::wrapping);
        health.getColumns().add(provider);
        health.getColumns().add(state);
        health.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        ReadableColumns.fitHeaders(health);
        health.setRowFactory(t -> {
            var row = new javafx.scene.control.TableRow<ProviderHealth>();
            row.itemProperty().addListener((o, a, h) -> row.setTooltip(h == null ? null : new Tooltip(ProviderHealthText.full(h))));
            return row;
        });
        health.setPlaceholder(new Label("No provider called yet: send a message in Chat or Load a workload above"));
        var title = new Label("Provider health");
        title.getStyleClass().add("card-title");
        var card = new VBox(4, title, health);
        VBox.setVgrow(health, Priority.ALWAYS);
        card.getStyleClass().add("chart-card");
        card.setMinSize(0, 0);
        return card;
    }

    private void show(DashboardFrame f) {
        for (var entry : f.charts().entrySet()) {
            XYChart chart = charts.get(entry.getKey());
            if (chart == null) continue;
            ChartData data = entry.getValue();
            Label title = (Label) lookup("#chart-title-" + entry.getKey());
            if (title != null) title.setText(AxisLabels.labelsCarryUnit(data.unit()) ? data.title() : data.title() + " (" + data.unit() + ")");
            if (chart.getYAxis() instanceof DefaultNumericAxis y && !data.unit().equals(y.getUserData())) {
                y.setUserData(data.unit());
                y.setTickLabelFormatter(AxisLabels.forUnit(data.unit()));
            }
            var sets = datasets.computeIfAbsent(entry.getKey(), k -> new LinkedHashMap<>());
            for (var line : data.lines().entrySet()) {
                DoubleDataSet ds = sets.computeIfAbsent(line.getKey(), name -> {
                    var created = new DoubleDataSet(name);
                    chart.getDatasets().add(created);
                    return created;
                });
                ds.set(data.x(), line.getValue());
            }
        }
        // Update in place: new nodes every second would mean CSS and layout work every second.
        for (var e : f.kpis().entrySet()) {
            Label value = kpiValues.computeIfAbsent(e.getKey(), name -> {
                var v = new Label();
                kpis.getChildren().add(kpi(name, v));
                return v;
            });
            // "learning (15 labels) · promise ≤ 2%": the figure stays big, its qualifier joins the caption
            String text = e.getValue();
            int qualifier = text.indexOf(" · ");
            value.setText(qualifier < 0 ? text : text.substring(0, qualifier));
            ((Label) value.getProperties().get(KPI_CAPTION)).setText(qualifier < 0 ? e.getKey() : e.getKey() + " · " + text.substring(qualifier + 3));
        }
        noTraffic.setVisible("0".equals(f.kpis().get("requests")));
        if (!health.getItems().equals(f.health())) health.getItems().setAll(f.health());
        endpoint.show(f.endpoint(), vm.endpointServingAt());
    }

    private static Node kpi(String name, Label v) {
        v.getStyleClass().add("kpi-value");
        v.setId("kpi-" + name.replace(' ', '-'));
        v.setMinWidth(Region.USE_PREF_SIZE);
        var l = new Label(name);
        l.getStyleClass().add("kpi-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        v.getProperties().put(KPI_CAPTION, l);
        var box = new VBox(0, v, l);
        box.getStyleClass().addAll("card", "kpi");
        return box;
    }

    private static Label label(String text) {
        var l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }


    private static TableColumn<ProviderHealth, String> column(String title, Function<ProviderHealth, String> f) {
        var c = new TableColumn<ProviderHealth, String>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
        return c;
    }
}
