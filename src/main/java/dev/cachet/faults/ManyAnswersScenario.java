package dev.cachet.faults;

import dev.cachet.engine.Engine;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 100,000 distinct answers from the zero-latency simulator, faster than SQLite can take them, on a disk
 * slowed on purpose (every write transaction 60 ms longer): every answer is in the cache afterwards,
 * the answers waiting for the disk stay within their bound, and so does the heap.
 */
final class ManyAnswersScenario implements Scenario {

    private static final Duration SLOW_DISK = Duration.ofMillis(60);

    @Override public String name() { return "manyAnswersSlowDisk"; }

    @Override public String description() {
        return "100,000 distinct answers faster than a slowed SQLite takes them: every answer kept, memory bounded";
    }

    @Override
    public ScenarioResult run(FaultContext ctx) throws Exception {
        int count = 100_000;
        var dataDir = ctx.dir(name());
        var options = FaultEngines.simulatorOptions(dataDir);
        var memory = ManagementFactory.getMemoryMXBean();
        var peakHeap = new AtomicLong();
        var result = new ScenarioResult.Builder(name());
        ctx.say(name() + ": " + count + " distinct prompts, zero-latency simulator, every write transaction " + SLOW_DISK.toMillis() + " ms slower");
        Traffic.Counted sent;
        int peakPending;
        int bound;
        long dropped;
        try (var engine = Engine.open(options)) {
            engine.database().simulateSlowDisk(SLOW_DISK);
            Thread sampler = Thread.ofVirtual().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sent = Traffic.count(engine.pipeline(), count, 64, ReplayChild::request);
            sampler.interrupt();
            sampler.join();
            engine.close();
            peakPending = engine.exactCache().peakPendingWrites();
            bound = engine.exactCache().maxPendingWrites();
            dropped = engine.exactCache().droppedWrites();
        }
        long rows;
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("cachet.db"));
             var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM exact_cache")) {
            rs.next();
            rows = rs.getLong(1);
        }
        result.sent(count).answered(sent.answered()).failed(sent.failed()).lost(sent.answered() - rows)
                .figure("slowDiskPerTransactionMs", SLOW_DISK.toMillis())
                .figure("storedAfterwards", rows)
                .figure("writesGivenUp", dropped)
                .figure("peakWaitingForDisk", peakPending)
                .figure("waitingBound", bound)
                .figure("peakHeapMb", peakHeap.get() >> 20)
                .figure("wallSeconds", RateLimitScenario.round(sent.wall().toNanos() / 1e9))
                .figure("answersPerSecond", RateLimitScenario.round(sent.answered() / (sent.wall().toNanos() / 1e9)));
        result.check(sent.failed() == 0, sent.failed() + " requests failed, first: " + sent.firstFailure())
                .check(peakPending <= bound, "the write-behind queue grew to " + peakPending + ", beyond its bound " + bound)
                .check(dropped == 0, dropped + " writes were given up");
        return result.build();
    }
}
