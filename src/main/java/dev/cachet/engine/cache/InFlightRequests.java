package dev.cachet.engine.cache;

import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.pipeline.Cancellation;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * Identical requests in flight at the same time share one model call: the first to miss leads, the
 * others wait for its answer instead of each paying for the same call (the thundering herd a burst of
 * a popular question causes). A leader that fails or is cancelled hands nothing on, and each
 * follower then goes on to call the model itself.
 */
public final class InFlightRequests {

    /** One model call under way; completes with its cacheable answer, or empty. */
    public static final class Flight {
        private final CompletableFuture<Optional<ChatResult.Answered>> answer = new CompletableFuture<>();
        private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
    }

    /** What {@link #join} made of the caller. */
    public sealed interface Role {
        Flight flight();

        record Leader(Flight flight) implements Role { }

        record Follower(Flight flight) implements Role { }
    }

    private final ConcurrentHashMap<CacheKey, Flight> flights = new ConcurrentHashMap<>();

    public Role join(CacheKey key) {
        var mine = new Flight();
        Flight existing = flights.putIfAbsent(key, mine);
        return existing == null ? new Role.Leader(mine) : new Role.Follower(existing);
    }

    /** Ends a leader's flight: followers get {@code answer} (empty = go and call the model yourself). */
    public void land(CacheKey key, Flight flight, Optional<ChatResult.Answered> answer) {
        flights.remove(key, flight);
        flight.answer.complete(answer);
    }

    /** Waits for the leader's answer; throws CancelledException if this follower is cancelled first. */
    public static Optional<ChatResult.Answered> await(Flight flight, Cancellation cancellation) throws InterruptedException {
        var woken = new CountDownLatch(1);
        flight.answer.whenComplete((a, e) -> woken.countDown());
        cancellation.onCancel(woken::countDown);
        flight.waiting.incrementAndGet();
        try {
            woken.await();
        } finally {
            flight.waiting.decrementAndGet();
        }
        cancellation.throwIfCancelled();
        return flight.answer.getNow(Optional.empty());
    }

    /** Model calls under way that other requests could join. */
    public int inFlight() { return flights.size(); }

    /** Requests waiting for another's answer right now. */
    public int waiting() { return flights.values().stream().mapToInt(f -> f.waiting.get()).sum(); }
}
