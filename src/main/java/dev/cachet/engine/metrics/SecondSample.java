package dev.cachet.engine.metrics;

/**
 * One closed second in the ring. Arrays are never written after construction.
 *
 * @param cumulative running totals at the end of this second: model calls, tokens saved, cost saved
 */
record SecondSample(long epochSecond, long[] outcomes, long[] levelHits, double p50Ms, double p95Ms,
                    long tokensSaved, double costSavedUsd,
                    long cumModelCalls, long cumTokensSaved, double cumCostSavedUsd) {

    long requests() {
        long n = 0;
        for (long c : outcomes) n += c;
        return n;
    }

    static SecondSample empty(long second, int levels, SecondSample previous) {
        return new SecondSample(second, new long[Outcome.values().length], new long[levels], 0, 0, 0, 0,
                previous == null ? 0 : previous.cumModelCalls(),
                previous == null ? 0 : previous.cumTokensSaved(),
                previous == null ? 0 : previous.cumCostSavedUsd());
    }
}
