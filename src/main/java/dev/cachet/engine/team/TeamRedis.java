package dev.cachet.engine.team;

import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.RedisAddress;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection pool to the shared team Redis, with the key prefix every team structure lives under.
 * Timeouts are short on purpose: the shared tier sits beside a local one, and a slow or absent Redis
 * must cost a request a few milliseconds at most, never a failure.
 */
public final class TeamRedis implements AutoCloseable {

    public static final String DEFAULT_PREFIX = "cachet:";
    /** Loopback answers in microseconds; a second tolerates a busy machine without calling a live Redis down. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);

    private final RedisAddress address;
    private final String prefix;
    private final RedisClient client;

    private TeamRedis(RedisAddress address, String prefix, RedisClient client) {
        this.address = address;
        this.prefix = prefix;
        this.client = client;
    }

    /**
     * A pool to {@code address}; connects lazily (an unreachable Redis fails the first command, not this).
     *
     * @param passwordEnv environment variable holding the password, or null for none
     */
    public static TeamRedis open(RedisAddress address, String passwordEnv, Environment env, String prefix) {
        var config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) CONNECT_TIMEOUT.toMillis())
                .socketTimeoutMillis((int) SOCKET_TIMEOUT.toMillis())
                .blockingSocketTimeoutMillis((int) SOCKET_TIMEOUT.toMillis() * 2)
                .database(address.database())
                .ssl(address.tls())
                .clientName("cachet");
        if (address.user() != null) config.user(address.user());
        if (passwordEnv != null) {
            String password = env.get(passwordEnv).orElseThrow(() -> new IllegalArgumentException(
                    "cache.l2PasswordEnv names " + passwordEnv + ", which is not set — export " + passwordEnv + "=<the Redis password>"));
            config.password(password);
        }
        var pool = new GenericObjectPoolConfig<Connection>();
        pool.setMaxTotal(64);
        pool.setMaxIdle(16);
        pool.setMinIdle(0);
        pool.setMaxWait(CONNECT_TIMEOUT);
        pool.setJmxEnabled(false);
        RedisClient client = RedisClient.builder()
                .hostAndPort(new HostAndPort(address.host(), address.port()))
                .clientConfig(config.build())
                .poolConfig(pool)
                .build();
        return new TeamRedis(address, prefix, client);
    }

    public RedisClient client() { return client; }
    public RedisAddress address() { return address; }

    /** Every key the team structures use starts with this ("cachet:" unless tests isolate themselves). */
    public String prefix() { return prefix; }

    /** The keys matching {@code pattern}, a page at a time ({@code SCAN}, never {@code KEYS}, which blocks Redis). */
    public List<List<String>> scan(String pattern) {
        var pages = new ArrayList<List<String>>();
        String cursor = ScanParams.SCAN_POINTER_START;
        var params = new ScanParams().match(pattern).count(500);
        do {
            ScanResult<String> page = client.scan(cursor, params);
            if (!page.getResult().isEmpty()) pages.add(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return pages;
    }

    /** The members of {@code set}, a page at a time ({@code SSCAN}, never {@code SMEMBERS} on a set of any size). */
    public List<List<String>> members(String set) {
        var pages = new ArrayList<List<String>>();
        String cursor = ScanParams.SCAN_POINTER_START;
        var params = new ScanParams().count(500);
        do {
            ScanResult<String> page = client.sscan(set, cursor, params);
            if (!page.getResult().isEmpty()) pages.add(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return pages;
    }

    /** Deletes every key under this prefix; returns how many (tests, benchmarks, a team starting afresh). */
    public long deleteAll() {
        long n = 0;
        for (List<String> page : scan(prefix + "*")) n += client.del(page.toArray(String[]::new));
        return n;
    }

    @Override public void close() { client.close(); }
}
