package dev.cachet.ui.dashboard;

import dev.cachet.engine.metrics.EndpointTraffic;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;

/**
 * The endpoint's traffic on the dashboard, under the charts: its heading says where it serves and the
 * latest request; opened, each client (token label and program) with its totals.
 */
final class EndpointTrafficCard extends TitledPane {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final TableView<EndpointTraffic.ClientTotals> clients = new TableView<>();
    private final Label latest = new Label();
    private EndpointTraffic.Snapshot shown = EndpointTraffic.Snapshot.EMPTY;

    EndpointTrafficCard() {
        setId("endpointTitle");
        setExpanded(false);
        latest.setId("endpointLatest");
        latest.getStyleClass().add("muted");
        latest.setMinWidth(0);
        clients.setId("endpointClients");
        clients.getColumns().add(column("Client", 210, EndpointTraffic.ClientTotals::client));
        clients.getColumns().add(column("Req", 45, c -> Long.toString(c.requests())));
        clients.getColumns().add(column("Hits", 45, c -> String.format(Locale.ROOT, "%.0f%%", 100 * c.hitRate())));
        clients.getColumns().add(column("Err", 40, c -> Long.toString(c.errors())));
        clients.getColumns().add(column("Last", 95, c -> CLOCK.format(LocalTime.ofInstant(c.lastSeen(), ZoneId.systemDefault()))));
        clients.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        clients.setPlaceholder(new Label("No endpoint requests yet"));
        clients.setPrefHeight(150); // the charts above keep most of the pane
        var body = new VBox(4, latest, clients);
        VBox.setVgrow(clients, Priority.ALWAYS);
        setContent(body);
        show(EndpointTraffic.Snapshot.EMPTY, null);
    }

    /** @param servingAt the endpoint's base URL, or null while it is off */
    void show(EndpointTraffic.Snapshot traffic, String servingAt) {
        latest.setText(describeLatest(traffic));
        setText((servingAt == null ? "Endpoint clients (endpoint off)" : "Endpoint clients · " + servingAt) + " — " + latest.getText());
        if (traffic.equals(shown)) return;
        shown = traffic;
        clients.getItems().setAll(traffic.clients());
    }

    /** "last: agent · OpenAI/Python 1.54.4 → 200 exact, 1.2 ms" */
    static String describeLatest(EndpointTraffic.Snapshot traffic) {
        if (traffic.recent().isEmpty()) return "Turn it on in Settings › Endpoint, or run cachet serve";
        EndpointTraffic.Request r = traffic.recent().getFirst();
        String outcome = r.outcome() == null ? "" : " " + r.outcome().key();
        return String.format(Locale.ROOT, "last: %s → %d%s, %s", r.client(), r.status(), outcome, ms(r.latency()));
    }

    private static String ms(Duration d) {
        double ms = d.toNanos() / 1e6;
        return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    private static TableColumn<EndpointTraffic.ClientTotals, String> column(String title, double width,
                                                                             Function<EndpointTraffic.ClientTotals, String> f) {
        var c = new TableColumn<EndpointTraffic.ClientTotals, String>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
        return c;
    }

}
