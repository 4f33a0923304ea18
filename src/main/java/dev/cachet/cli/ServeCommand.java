package dev.cachet.cli;

import dev.cachet.engine.config.EndpointSettings;
import dev.cachet.server.EndpointServer;
import dev.cachet.server.TokenStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code cachet serve [--port P] [--host H] [--new-token [LABEL]]}: the OpenAI-compatible endpoint without a
 * window, until Ctrl-C. The first run (or --new-token) prints a bearer token once; only its hash is kept.
 */
@Command(name = "serve", description = {
        "Serve the OpenAI-compatible endpoint (POST /v1/chat/completions, GET /v1/models, POST /v1/embeddings, "
        + "and Anthropic's POST /v1/messages) headless, until Ctrl-C. Point any app's base URL at it; "
        + "every request goes through the pipeline."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by Ctrl-C", "2:bad option", "3:cannot start (port taken, data dir, config)"})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand CachetCommand parent;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    Integer port;

    @Option(names = "--port", paramLabel = "P", description = "TCP port, 0..65535 (default: endpoint.port in cachet.yaml, else 8484; 0 = any free port)")
    void port(int p) { port = (int) OptionRange.within(spec, "--port", p, 0, 65_535); }

    @Option(names = "--host", paramLabel = "ADDRESS", description = "address to bind (default: endpoint.host, else 127.0.0.1 — this machine only)")
    String host;

    @Option(names = "--new-token", paramLabel = "LABEL", arity = "0..1", fallbackValue = TokenStore.DEFAULT_LABEL,
            description = "issue a new token for LABEL (default: '" + TokenStore.DEFAULT_LABEL + "'), replacing its old one, and print it once")
    String newToken;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        var engine = EngineFactory.open(parent.dataDir);
        EndpointSettings settings = engine.config().endpoint();
        try {
            if (port != null) settings = settings.withPort(port);
            if (host != null) settings = settings.withHost(host);
        } catch (IllegalArgumentException e) {
            engine.close();
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        engine.notices().forEach(n -> System.err.println("note: " + n));
        var tokens = new TokenStore(engine.database(), InstantSource.system());
        if (newToken != null || tokens.isEmpty()) {
            String label = newToken == null ? TokenStore.DEFAULT_LABEL : newToken;
            out.println("token for '" + label + "' (shown this once; only its hash is kept — store it now):");
            out.println("  " + tokens.issue(label));
        }
        EndpointServer server;
        try {
            server = EndpointServer.start(engine, settings, tokens);
        } catch (EndpointServer.EndpointException e) {
            engine.close();
            System.err.println("error: " + e.getMessage());
            return 3;
        }
        if (!EndpointSettings.LOOPBACK.equals(settings.host()) && !"localhost".equals(settings.host())) {
            System.err.println("note: bound to " + settings.host() + ": other machines that reach it can use this Cachet with a token");
        }
        out.println("serving " + server.baseUrl() + "  (tokens: " + String.join(", ", tokens.labels()) + "; Ctrl-C stops)");
        out.println("  e.g. OPENAI_BASE_URL=" + server.baseUrl() + " OPENAI_API_KEY=<token>");
        out.flush();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            engine.close();
            stopped.countDown();
        }, "cachet-serve-stop"));
        stopped.await();
        return 0;
    }
}
