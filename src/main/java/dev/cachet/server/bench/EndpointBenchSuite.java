package dev.cachet.server.bench;

import dev.cachet.engine.Engine;
import dev.cachet.engine.bench.BenchContext;
import dev.cachet.engine.bench.BenchSuite;
import dev.cachet.engine.bench.Percentiles;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.EndpointSettings;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.ProviderRequest;
import dev.cachet.engine.provider.ResolvedModel;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.server.EndpointServer;
import dev.cachet.server.TokenStore;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The endpoint's own cost, over loopback HTTP with the JDK's HTTP/1.1 client (client and server in this
 * process, on this machine's cores): an exact hit's round trip; throughput and latency at 64 concurrent
 * clients; and, interleaved in one run, a request that misses the cache (zero-latency simulator) three
 * ways: through the endpoint, through the pipeline in-process, and straight to the simulator. Misses are
 * asked at temperature 1.5, above {@code semantic.maxTemperature}, so the semantic level skips: its
 * embedding (a few ms, measured by the semantic suite) would otherwise be most of every miss figure.
 */
public final class EndpointBenchSuite implements BenchSuite {

    private static final SimulatorSettings INSTANT = SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0);
    private static final int CLIENTS = 64;

    @Override public String name() { return "endpoint"; }

    @Override
    public Map<String, Object> run(BenchContext ctx) throws Exception {
        var figures = new LinkedHashMap<String, Object>();
        try (Engine engine = ctx.openEngine("endpoint", INSTANT)) {
            var tokens = new TokenStore(engine.database(), InstantSource.system());
            String token = tokens.issue("bench");
            try (var server = EndpointServer.start(engine, EndpointSettings.DEFAULTS.withPort(0), tokens);
                 var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
                var client = new Client(http, server.baseUrl() + "/chat/completions", token);
                figures.put("exactHit", exactHit(ctx, client));
                figures.put("concurrent64", concurrent(ctx, client));
                // on a virtual thread, as the pipeline runs in use (its in-process leg calls execute() directly)
                var miss = new java.util.concurrent.CompletableFuture<Map<String, Object>>();
                Thread.ofVirtual().start(() -> {
                    try {
                        miss.complete(missOverhead(ctx, engine, client));
                    } catch (Throwable t) {
                        miss.completeExceptionally(t);
                    }
                }).join();
                figures.put("missOverhead", miss.get());
                var serverTime = engine.endpointTraffic().serverTime();
                var s = new LinkedHashMap<String, Object>();
                s.put("p50Us", Math.round(serverTime.p50Ms() * 10_000) / 10.0);
                s.put("p99Us", Math.round(serverTime.p99Ms() * 10_000) / 10.0);
                s.put("requests", serverTime.count());
                figures.put("serverSide", s);
                ctx.progress("server side of every request above (first byte read to last byte written): p50 %.1f us, p99 %.1f us over %,d requests",
                        serverTime.p50Ms() * 1000, serverTime.p99Ms() * 1000, serverTime.count());
            }
        }
        return figures;
    }

    /** Above the semantic level's temperature limit: a miss skips it (see the class comment). */
    private static final double SKIPS_SEMANTIC = 1.5;

    /** One JSON request, one response; fails loudly on anything but 200. */
    private record Client(HttpClient http, String url, String token) {
        void ask(String prompt) throws Exception {
            ask(prompt, "");
        }

        void askSkippingSemantic(String prompt) throws Exception {
            ask(prompt, ",\"temperature\":" + SKIPS_SEMANTIC);
        }

        private void ask(String prompt, String extra) throws Exception {
            String body = "{\"model\":\"simulator/sim-small\"" + extra + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
            var response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) throw new IllegalStateException("endpoint answered " + response.statusCode() + ": " + new String(response.body()));
        }
    }

    private Map<String, Object> exactHit(BenchContext ctx, Client client) throws Exception {
        client.ask("What is an exact cache hit?");
        int warmup = ctx.scale(5_000, 500);
        int samples = ctx.scale(20_000, 2_000);
        var p = new Percentiles();
        for (int i = 0; i < warmup + samples; i++) {
            long t0 = System.nanoTime();
            client.ask("What is an exact cache hit?");
            if (i >= warmup) p.record(System.nanoTime() - t0);
        }
        ctx.progress("exact hit over HTTP: p50 %.1f us, p99 %.1f us (%,d sequential requests on one connection)", p.p50Us(), p.p99Us(), samples);
        return p.figures();
    }

    private Map<String, Object> concurrent(BenchContext ctx, Client client) throws Exception {
        for (int i = 0; i < CLIENTS; i++) client.ask("concurrent question " + i);
        int perClient = ctx.scale(1_000, 100);
        var warm = run(client, perClient / 5, null);
        var p = new Percentiles();
        long t0 = System.nanoTime();
        long done = run(client, perClient, p);
        double seconds = (System.nanoTime() - t0) / 1e9;
        var m = new LinkedHashMap<String, Object>(p.figures());
        m.put("clients", CLIENTS);
        m.put("requests", done);
        m.put("requestsPerSecond", Math.round(done / seconds));
        ctx.progress("64 clients, exact hits: %,.0f req/s, p50 %.1f us, p99 %.1f us (%,d requests, %d warm-up)",
                done / seconds, p.p50Us(), p.p99Us(), done, warm);
        return m;
    }

    /** Each of 64 virtual-thread clients asks its own question {@code perClient} times (exact hits after the first). */
    private static long run(Client client, int perClient, Percentiles p) throws Exception {
        var count = new AtomicLong();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new java.util.ArrayList<Future<?>>();
            for (int c = 0; c < CLIENTS; c++) {
                int id = c;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        long t0 = System.nanoTime();
                        client.ask("concurrent question " + id);
                        long t = System.nanoTime() - t0;
                        if (p != null) synchronized (p) { p.record(t); }
                        count.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (var f : futures) f.get();
        }
        return count.get();
    }

    private Map<String, Object> missOverhead(BenchContext ctx, Engine engine, Client client) throws Exception {
        ResolvedModel target = engine.providers().resolve(null, null);
        int warmup = ctx.scale(3_000, 300);
        int samples = ctx.scale(10_000, 1_000);
        var endpoint = new Percentiles();
        var pipeline = new Percentiles();
        var direct = new Percentiles();
        for (int n = 0; n < warmup + samples; n++) {
            int i = n;
            boolean record = i >= warmup;
            // rotate the order so that none always runs first
            for (int k = 0; k < 3; k++) {
                switch ((i + k) % 3) {
                    case 0 -> time(record ? endpoint : null, () -> client.askSkippingSemantic("endpoint miss " + i));
                    case 1 -> time(record ? pipeline : null, () -> {
                        var request = ChatRequest.ofPrompt("pipeline miss " + i).withTarget("simulator", "sim-small")
                                .withParams(ChatParams.DEFAULTS.withTemperature(SKIPS_SEMANTIC));
                        if (!(engine.pipeline().execute(request, TokenListener.NONE, new Cancellation()) instanceof ChatResult.Answered)) {
                            throw new IllegalStateException("pipeline miss failed");
                        }
                    });
                    default -> time(record ? direct : null, () -> target.provider().chat(new ProviderRequest(target.ref().model(),
                            ChatRequest.ofPrompt("direct miss " + i).messages(), ChatParams.DEFAULTS.withTemperature(SKIPS_SEMANTIC)),
                            TokenListener.NONE, new Cancellation()));
                }
            }
        }
        var m = new LinkedHashMap<String, Object>();
        m.put("endpoint", endpoint.figures());
        m.put("pipelineInProcess", pipeline.figures());
        m.put("simulatorDirect", direct.figures());
        m.put("overHttpP50Us", round2(endpoint.p50Us() - pipeline.p50Us()));
        m.put("overHttpP99Us", round2(endpoint.p99Us() - pipeline.p99Us()));
        m.put("overSimulatorP50Us", round2(endpoint.p50Us() - direct.p50Us()));
        m.put("overSimulatorP99Us", round2(endpoint.p99Us() - direct.p99Us()));
        ctx.progress("miss: endpoint p50 %.1f / p99 %.1f us; pipeline in-process p50 %.1f / p99 %.1f us; simulator direct p50 %.1f / p99 %.1f us",
                endpoint.p50Us(), endpoint.p99Us(), pipeline.p50Us(), pipeline.p99Us(), direct.p50Us(), direct.p99Us());
        ctx.progress("overhead of the endpoint over calling the simulator directly: p50 %.1f us, p99 %.1f us (of which HTTP + JSON: p50 %.1f us, p99 %.1f us)",
                endpoint.p50Us() - direct.p50Us(), endpoint.p99Us() - direct.p99Us(),
                endpoint.p50Us() - pipeline.p50Us(), endpoint.p99Us() - pipeline.p99Us());
        return m;
    }

    @FunctionalInterface
    private interface Timed { void run() throws Exception; }

    private static void time(Percentiles p, Timed work) throws Exception {
        long t0 = System.nanoTime();
        work.run();
        if (p != null) p.record(System.nanoTime() - t0);
    }

    private static double round2(double v) { return Math.round(v * 100) / 100.0; }
}
