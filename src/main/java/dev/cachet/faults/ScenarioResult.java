package dev.cachet.faults;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one fault scenario came to.
 *
 * @param sent            requests (or inputs) sent
 * @param answered        requests answered (inputs accepted)
 * @param failed          requests that ended in an error a caller saw (inputs refused with a clear error)
 * @param lost            acknowledged answers (or good inputs) that are gone: must be 0
 * @param duplicateCalls  model calls for a request the model had already answered completely
 * @param rateLimitedToCallers 429s (rate-limit failures) that reached a caller
 * @param figures         what the scenario measured (throughput, p95, opened-at, peak heap, ...)
 * @param problems        what went wrong, in words; empty when the scenario held
 */
public record ScenarioResult(String name, long sent, long answered, long failed, long lost, long duplicateCalls,
                             long rateLimitedToCallers, Map<String, Object> figures, List<String> problems) {

    public ScenarioResult {
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        problems = List.copyOf(problems);
    }

    public boolean passed() { return lost == 0 && problems.isEmpty(); }

    /** The JSON object of this scenario in the {@code faults} summary. */
    public Map<String, Object> json() {
        var m = new LinkedHashMap<String, Object>();
        m.put("sent", sent);
        m.put("answered", answered);
        m.put("failed", failed);
        m.put("lost", lost);
        m.put("duplicateCalls", duplicateCalls);
        m.put("429sToCallers", rateLimitedToCallers);
        m.put("passed", passed());
        m.putAll(figures);
        if (!problems.isEmpty()) m.put("problems", problems);
        return m;
    }

    /** Builds a result as a scenario goes. */
    public static final class Builder {
        private final String name;
        long sent;
        long answered;
        long failed;
        long lost;
        long duplicateCalls;
        long rateLimitedToCallers;
        private final Map<String, Object> figures = new LinkedHashMap<>();
        private final List<String> problems = new java.util.ArrayList<>();

        public Builder(String name) { this.name = name; }

        public Builder sent(long n) { sent += n; return this; }
        public Builder answered(long n) { answered += n; return this; }
        public Builder failed(long n) { failed += n; return this; }
        public Builder lost(long n) { lost += n; return this; }
        public Builder duplicateCalls(long n) { duplicateCalls += n; return this; }
        public Builder rateLimitedToCallers(long n) { rateLimitedToCallers += n; return this; }
        public Builder figure(String key, Object value) { figures.put(key, value); return this; }

        /** Records a problem when {@code ok} is false. */
        public Builder check(boolean ok, String problem) {
            if (!ok) problems.add(problem);
            return this;
        }

        public ScenarioResult build() {
            return new ScenarioResult(name, sent, answered, failed, lost, duplicateCalls, rateLimitedToCallers, figures, problems);
        }
    }
}
