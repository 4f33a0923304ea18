package dev.cachet.bench;

import dev.cachet.engine.cache.CacheEntry;
import dev.cachet.engine.cache.CacheKey;
import dev.cachet.engine.cache.CacheLookup;
import dev.cachet.engine.cache.CachedAnswer;
import dev.cachet.engine.cache.ExactCache;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.config.CacheSettings;
import dev.cachet.engine.store.Database;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The exact cache's lookup on its own, with 100,000 entries stored in SQLite and an L1 too small to
 * hold them: {@code miss} is a key never stored (answered by L2's key index, no SQLite read),
 * {@code l2Hit} a stored key L1 has evicted (one read on a reader connection with its prepared
 * statement). Sample mode, so the report has percentiles, not just a mean.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class ExactCacheLookupBenchmark {

    private static final int STORED = 100_000;

    private Database db;
    private ExactCache cache;
    private final List<CacheKey> stored = new ArrayList<>(STORED);
    private final SplittableRandom random = new SplittableRandom(7);

    @Setup(Level.Trial)
    public void open() throws Exception {
        var clock = InstantSource.system();
        db = Database.open(Files.createTempDirectory("cachet-jmh-exact"), clock);
        // L1 of 64 KB: nearly every stored key has to come from L2.
        var settings = new CacheSettings(64 << 10, Map.of("chat", Duration.ofDays(7)), 2048, 1_000, Duration.ofMillis(200));
        cache = ExactCache.open(db, settings, clock);
        Instant now = clock.instant();
        for (int i = 0; i < STORED; i++) {
            CacheKey key = randomKey();
            stored.add(key);
            cache.put(new CacheEntry(key, new CachedAnswer("stored answer " + i, new ModelRef("simulator", "sim-small"),
                    new Usage(10, 20), FinishReason.STOP, now), "simulator/sim-small", null, now.plus(Duration.ofDays(7))));
        }
        cache.flush();
    }

    @TearDown(Level.Trial)
    public void close() {
        cache.close();
        db.close();
    }

    private CacheKey randomKey() {
        byte[] b = new byte[32];
        for (int i = 0; i < 32; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8; j++) b[i + j] = (byte) (v >>> (8 * j));
        }
        return new CacheKey(HexFormat.of().formatHex(b));
    }

    @Benchmark
    public CacheLookup miss() {
        return cache.lookup(randomKey());
    }

    @Benchmark
    public CacheLookup l2Hit() {
        return cache.lookup(stored.get(random.nextInt(STORED)));
    }
}
