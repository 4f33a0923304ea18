package dev.cachet.ui.shell;

import dev.cachet.engine.Engine;
import dev.cachet.engine.config.EndpointSettings;
import dev.cachet.server.EndpointControl;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * For the dashboard screenshot: the endpoint on a free loopback port and a little traffic from three
 * clients, as an IDE, an agent and curl would send it (each question twice: the second is a cache hit).
 */
final class EndpointDemo {

    private EndpointDemo() { }

    static void run(EndpointControl endpoint, Engine engine) {
        var status = endpoint.apply(EndpointSettings.DEFAULTS.withEnabled(true).withPort(0));
        if (!status.serving()) throw new IllegalStateException("endpoint did not start: " + status.describe());
        String[][] clients = {{"ide", "Continue/1.1.2"}, {"agent", "OpenAI/Python 1.54.4"}, {"scripts", "curl/8.5.0"}};
        String[] questions = {"Summarise the retry policy", "What does the exact cache key hold?", "List three ways to cut token costs"};
        try (var http = HttpClient.newHttpClient()) {
            for (String[] c : clients) {
                String token = endpoint.issueToken(c[0]);
                for (int round = 0; round < 2; round++) {
                    for (String q : questions) {
                        String body = "{\"model\":\"simulator/sim-small\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\""
                                + q + " (" + c[0] + ")\"}]}";
                        http.send(HttpRequest.newBuilder(URI.create(status.baseUrl() + "/chat/completions"))
                                .header("Authorization", "Bearer " + token).header("User-Agent", c[1])
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
