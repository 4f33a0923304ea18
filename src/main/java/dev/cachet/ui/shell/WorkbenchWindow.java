package dev.cachet.ui.shell;

import dev.cachet.engine.Engine;
import dev.cachet.server.EndpointControl;
import dev.cachet.ui.chat.ChatView;
import dev.cachet.ui.collections.CollectionsView;
import dev.cachet.ui.collections.CollectionsViewModel;
import dev.cachet.ui.chat.ChatViewModel;
import dev.cachet.ui.chat.HistoryView;
import dev.cachet.ui.chat.HistoryViewModel;
import dev.cachet.ui.chat.OfferedProviders;
import dev.cachet.ui.dashboard.DashboardView;
import dev.cachet.ui.dashboard.DashboardViewModel;
import dev.cachet.ui.experiments.ExperimentsView;
import dev.cachet.ui.experiments.ExperimentsViewModel;
import dev.cachet.ui.fx.FxUiThread;
import dev.cachet.ui.fx.UiThread;
import dev.cachet.ui.settings.SettingsView;
import dev.cachet.ui.settings.SettingsViewModel;
import dev.cachet.ui.templates.TemplatesView;
import dev.cachet.ui.templates.TemplatesViewModel;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds the workbench on a stage: view-models over one engine, their views, the main window; and
 * remembers size, position, pane and theme when the window closes. Used by the app and by UI tests.
 */
public final class WorkbenchWindow {

    private final Engine engine;
    private final Stage stage;
    private final WindowStateFile stateFile;
    private final ShellViewModel shell;
    private final ChatViewModel chat;
    private final ChatView chatView;
    private final MainWindow window;
    private final DashboardViewModel dashboard;
    private final UiThread ui;
    private TemplatesViewModel templates;
    private java.util.concurrent.ExecutorService templateWork;
    private ExperimentsViewModel experiments;
    private java.util.concurrent.ExecutorService experimentWork;
    private final EndpointControl endpoint;
    private final SettingsViewModel settings;

    public WorkbenchWindow(Engine engine, Stage stage, WindowStateFile stateFile, ThemeStylesheets themes) {
        this.engine = engine;
        this.stage = stage;
        this.stateFile = stateFile;
        WindowState state = stateFile.load();
        ui = new FxUiThread();
        shell = new ShellViewModel(state);
        chat = new ChatViewModel(engine.pipeline(), engine.providers(), engine.prices(), engine.conversations(), ui,
                OfferedProviders.of(engine.config(), engine.providers(), System::getenv), engine.semantic()::rate);
        chat.useFallbacks(id -> engine.config().providers().stream().filter(p -> p.id().equals(id)).findFirst()
                .map(p -> p.fallbacks()).orElse(java.util.List.of()));
        shell.activeModelProperty().bind(chat.modelProperty());
        chat.useTemplates(engine.templates());
        chat.useLiveSplit(engine.liveSplit());
        chat.connectCollections(engine.retrieval());
        chatView = new ChatView(chat);
        chatView.setHistory(new HistoryView(new HistoryViewModel(engine.conversations(), chat, ui)));
        dashboard = new DashboardViewModel(engine, ui, shell::show);
        endpoint = new EndpointControl(engine);
        settings = new SettingsViewModel(engine, shell.themeProperty(), themes, System::getenv, ui, endpoint);

        Map<PaneId, Supplier<Node>> panes = new EnumMap<>(PaneId.class);
        panes.put(PaneId.CHAT, () -> chatView);
        panes.put(PaneId.DASHBOARD, () -> {
            var view = new DashboardView(dashboard);
            view.addCard(new dev.cachet.ui.dashboard.LiveSplitCard(new dev.cachet.ui.dashboard.LiveSplitViewModel(engine.liveSplit(),
                    engine.templates(), ui, r -> Thread.ofVirtual().name("live-split").start(r))));
            return view;
        });
        panes.put(PaneId.TEMPLATES, () -> new TemplatesView(templates()));
        panes.put(PaneId.EXPERIMENTS, () -> new ExperimentsView(experiments()));
        panes.put(PaneId.SETTINGS, () -> new SettingsView(settings));
        panes.put(PaneId.COLLECTIONS, () -> new CollectionsView(new CollectionsViewModel(engine.retrieval(), ui)));
        window = new MainWindow(shell, themes, panes, state.width(), state.height());

        stage.setTitle("Cachet");
        stage.setScene(window.scene());
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        place(stage, state);
        // Saved as they change, not only on close: a session ended by a signal (logout, kill) keeps them too.
        shell.paneProperty().addListener((o, a, b) -> saveState());
        shell.themeProperty().addListener((o, a, b) -> saveState());
        var settled = new javafx.animation.PauseTransition(javafx.util.Duration.millis(700));
        settled.setOnFinished(e -> { if (stage.isShowing()) saveState(); });
        javafx.beans.InvalidationListener moved = o -> { if (stage.isShowing()) settled.playFromStart(); };
        for (var p : List.of(stage.xProperty(), stage.yProperty(), stage.widthProperty(), stage.heightProperty())) p.addListener(moved);
        stage.maximizedProperty().addListener(moved);
        stage.setOnHiding(e -> {
            settled.stop();
            saveState();
            dashboard.stop();
            if (templates != null) {
                templates.dispose();
                templateWork.shutdownNow();
            }
            if (experiments != null) {
                experiments.cancel();
                experimentWork.shutdownNow();
            }
            endpoint.close();
        });
    }

    public ShellViewModel shell() { return shell; }
    public ChatViewModel chat() { return chat; }
    public DashboardViewModel dashboard() { return dashboard; }

    /** The Templates pane's view-model, made on first use (its files are read in the background then). */
    public TemplatesViewModel templates() {
        if (templates == null) {
            templateWork = java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofVirtual().name("templates-pane").factory());
            templates = new TemplatesViewModel(engine.templates(), engine.pipeline(), engine.prices(), ui, templateWork);
        }
        return templates;
    }
    /** The Experiments pane's view-model, made on first use. */
    public ExperimentsViewModel experiments() {
        if (experiments == null) {
            experimentWork = java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("experiments-pane-", 0).factory());
            experiments = new ExperimentsViewModel(engine.experiments(), ui, experimentWork);
        }
        return experiments;
    }

    public MainWindow window() { return window; }
    public Engine engine() { return engine; }
    public EndpointControl endpoint() { return endpoint; }
    public Stage stage() { return stage; }

    /**
     * Shows the window; after its first frame starts the once-a-second refresh and the engine's
     * background work (index rebuild, model warm-up), which on a small machine would otherwise
     * compete with start-up for the CPU.
     */
    public void show() {
        stage.show();
        if (shell.paneProperty().get() == PaneId.CHAT) chatView.focusInput();
        Workbench.afterFrames(1).thenRun(() -> {
            if (!stage.isShowing()) return;
            dashboard.start();
            Thread.ofVirtual().name("engine-background").start(() -> {
                engine.startBackgroundWork();
                engine.startHealthMonitor();
            });
            if (engine.config().endpoint().enabled()) settings.endpoint().apply(engine.config().endpoint());
        });
    }

    public void saveState() {
        WindowState s = new WindowState(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized(),
                shell.paneProperty().get(), shell.themeProperty().get());
        try {
            stateFile.save(s);
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(WorkbenchWindow.class.getName()).warning(e.getMessage());
        }
    }

    private static void place(Stage stage, WindowState s) {
        // the default (1280×820) or a size remembered from a bigger screen must not hang off a 1280×800 one
        // (JavaFX's headless platform has a nominal 1000×800 screen: screenshots and tests keep the size asked for)
        boolean realScreen = !"Headless".equalsIgnoreCase(System.getProperty("glass.platform"));
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setWidth(realScreen && screen.getWidth() > 0 ? Math.min(s.width(), screen.getWidth()) : s.width());
        stage.setHeight(realScreen && screen.getHeight() > 0 ? Math.min(s.height(), screen.getHeight()) : s.height());
        boolean visible = s.placed() && !Screen.getScreensForRectangle(new Rectangle2D(s.x(), s.y(), 80, 40)).isEmpty();
        if (visible) {
            stage.setX(s.x());
            stage.setY(s.y());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(s.maximized());
    }
}
