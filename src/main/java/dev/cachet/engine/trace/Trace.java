package dev.cachet.engine.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The record of one request: every stage appends an entry. Thread-safe (fan-out stages may append
 * from other virtual threads).
 */
public final class Trace {

    private final String requestId;
    private final Instant startedAt;
    private final List<TraceEntry> entries = new ArrayList<>();
    private final List<Attempt> attempts = new ArrayList<>();
    private volatile Duration timeToFirstToken;
    private volatile Duration timeToFirstThinking;
    private volatile Duration total;
    private volatile List<Citation> citations = List.of();

    public Trace(Instant startedAt) {
        this(randomId(), startedAt);
    }

    /**
     * A random (version 4) UUID from a fast generator: a request id must be unique, not
     * unguessable, and {@code UUID.randomUUID()} takes SecureRandom's lock on every request.
     */
    static String randomId() {
        var rnd = ThreadLocalRandom.current();
        long hi = (rnd.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    public Trace(String requestId, Instant startedAt) {
        this.requestId = requestId;
        this.startedAt = startedAt;
    }

    public String requestId() { return requestId; }
    public Instant startedAt() { return startedAt; }

    public synchronized void add(TraceEntry entry) { entries.add(entry); }

    public synchronized List<TraceEntry> entries() { return List.copyOf(entries); }

    public synchronized Optional<TraceEntry> entry(String stage) {
        return entries.stream().filter(e -> e.stage().equals(stage)).findFirst();
    }

    /** Records one provider attempt for the timeline. */
    public synchronized void attempt(Attempt a) { attempts.add(a); }

    /** Every provider attempt of this request, in order: the timeline. */
    public synchronized List<Attempt> attempts() { return List.copyOf(attempts); }

    public Optional<Duration> timeToFirstToken() { return Optional.ofNullable(timeToFirstToken); }
    public void timeToFirstToken(Duration ttft) { if (timeToFirstToken == null) timeToFirstToken = ttft; }

    /** Time to the first reasoning token of a thinking model (before its first answer token), if it thought aloud. */
    public Optional<Duration> timeToFirstThinking() { return Optional.ofNullable(timeToFirstThinking); }
    public void timeToFirstThinking(Duration d) { if (timeToFirstThinking == null) timeToFirstThinking = d; }

    public Optional<Duration> total() { return Optional.ofNullable(total); }
    public void total(Duration d) { total = d; }

    /** The sources the answer was given (retrieve stage), in the order they were numbered. */
    public List<Citation> citations() { return citations; }
    public void citations(List<Citation> c) { citations = List.copyOf(c); }

    public synchronized double costUsd() { return entries.stream().mapToDouble(TraceEntry::costUsd).sum(); }

    /** A plain-text table, one line a stage: what the CLI prints after an answer. */
    public synchronized String format() {
        var sb = new StringBuilder();
        for (var e : entries) {
            sb.append(String.format("%-10s %-9s %8.2f ms  %s", e.stage(), e.decision(),
                    e.duration().toNanos() / 1e6, e.reason()));
            if (e.tokensIn() + e.tokensOut() > 0) {
                sb.append(String.format("  [tokens %d in / %d out, $%.6f]", e.tokensIn(), e.tokensOut(), e.costUsd()));
            }
            sb.append('\n');
        }
        if (attempts.size() > 1 || attempts.stream().anyMatch(a -> a.queued().isPositive())) {
            for (Attempt a : attempts) {
                sb.append(String.format("  attempt  +%7.1f ms  %-28s queued %6.1f ms, call %8.1f ms  %s%n", a.start().toNanos() / 1e6,
                        a.target(), a.queued().toNanos() / 1e6, a.call().toNanos() / 1e6, a.outcome()));
            }
        }
        var times = new java.util.ArrayList<String>();
        timeToFirstThinking().ifPresent(t -> times.add(String.format("thinking from %.1f ms", t.toNanos() / 1e6)));
        timeToFirstToken().ifPresent(t -> times.add(String.format("ttft %.1f ms", t.toNanos() / 1e6)));
        total().ifPresent(t -> times.add(String.format("total %.1f ms", t.toNanos() / 1e6)));
        sb.append(String.join(", ", times));
        return sb.toString();
    }
}
