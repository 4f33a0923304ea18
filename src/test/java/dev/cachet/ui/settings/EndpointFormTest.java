package dev.cachet.ui.settings;

import dev.cachet.engine.Engine;
import dev.cachet.engine.config.ConfigFile;
import dev.cachet.server.EndpointControl;
import dev.cachet.ui.TestEngines;
import dev.cachet.ui.fx.UiThread;
import dev.cachet.ui.shell.Theme;
import dev.cachet.ui.shell.ThemeStylesheets;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings › Endpoint: Save turns the endpoint on (and off), the address is checked, a new token works at once. */
class EndpointFormTest {

    @TempDir Path dataDir;
    private Engine engine;
    private EndpointControl control;

    @AfterEach void close() {
        control.close();
        engine.close();
    }

    private SettingsViewModel vm() {
        engine = TestEngines.open(dataDir, TestEngines.FAST);
        control = new EndpointControl(engine);
        return new SettingsViewModel(engine, new SimpleObjectProperty<>(Theme.LIGHT), new ThemeStylesheets(List.of(dataDir.resolve("themes"))),
                Map.<String, String>of()::get, UiThread.direct(), control);
    }

    private static int freePort() throws Exception {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitStatus(EndpointForm ep, String prefix) throws InterruptedException {
        for (int i = 0; i < 500 && !ep.statusProperty().get().startsWith(prefix); i++) Thread.sleep(10);
        assertThat(ep.statusProperty().get()).startsWith(prefix);
    }

    @Test void save_withTheEndpointOn_servesIt_andANewTokenIsAcceptedAtOnce() throws Exception {
        var vm = vm();
        EndpointForm ep = vm.endpoint();
        assertThat(ep.statusProperty().get()).isEqualTo("off");
        int port = freePort();
        ep.enabledProperty().set(true);
        ep.port().setText(Integer.toString(port));
        assertThat(vm.save()).isTrue();
        awaitStatus(ep, "serving http://127.0.0.1:" + port);
        assertThat(new ConfigFile().load(dataDir).endpoint().enabled()).isTrue();

        ep.newToken();
        String token = ep.tokenProperty().get();
        assertThat(token).startsWith("cachet-");
        try (var http = HttpClient.newHttpClient()) {
            var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }

        ep.enabledProperty().set(false);
        vm.save();
        awaitStatus(ep, "off");
    }

    @Test void badPort_andAnOpenAddress_sayWhat() {
        var vm = vm();
        EndpointForm ep = vm.endpoint();
        ep.port().setText("99999");
        assertThat(ep.port().error()).contains("1 to 65535");
        assertThat(vm.validProperty().get()).isFalse();
        ep.port().setText("8484");
        ep.host().setText("0.0.0.0");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(ep.host().note()).contains("other machines");
    }
}
