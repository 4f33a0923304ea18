package dev.cachet.ui.chat;

import dev.cachet.engine.trace.Trace;
import dev.cachet.engine.trace.TraceEntry;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One line of the trace view: what one stage did, formatted for a table. */
public record TraceRow(String stage, String decision, String duration, String reason, String tokens,
                       String cost, String details) {

    public static List<TraceRow> of(Trace trace) {
        return trace.entries().stream().map(TraceRow::of).toList();
    }

    static TraceRow of(TraceEntry e) {
        String tokens = e.tokensIn() + e.tokensOut() > 0 ? e.tokensIn() + " / " + e.tokensOut() : "";
        String cost = e.costUsd() > 0 ? AnswerBadges.usd(e.costUsd()) : "";
        String details = new TreeMap<>(e.details()).entrySet().stream()
                .map(d -> d.getKey() + "=" + d.getValue()).collect(Collectors.joining(", "));
        return new TraceRow(e.stage(), e.decision(), AnswerBadges.ms(e.duration().toNanos() / 1e6), e.reason(),
                tokens, cost, details);
    }

    /** The line above the table: request id, TTFT and total. */
    public static String summary(Trace trace) {
        var sb = new StringBuilder("request ").append(trace.requestId(), 0, Math.min(8, trace.requestId().length()));
        trace.timeToFirstToken().ifPresent(t -> sb.append(" · TTFT ").append(AnswerBadges.ms(t.toNanos() / 1e6)));
        trace.total().ifPresent(t -> sb.append(" · total ").append(AnswerBadges.ms(t.toNanos() / 1e6)));
        sb.append(String.format(Locale.ROOT, " · cost %s", AnswerBadges.usd(trace.costUsd())));
        return sb.toString();
    }
}
