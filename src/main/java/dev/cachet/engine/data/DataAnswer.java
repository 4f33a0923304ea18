package dev.cachet.engine.data;

/**
 * The answer text made from rows: one value as "column: value", a few rows as a Markdown table,
 * no rows as a sentence that says so. The full rows travel in the trace ({@link QueryResult#toJson()}).
 */
final class DataAnswer {

    /** Rows the answer text shows; the table in the chat shows all of them. */
    static final int ROWS_IN_TEXT = 20;

    private DataAnswer() { }

    static String text(QueryResult r) {
        if (r.rows().isEmpty()) return "No rows match: the query ran and found nothing.";
        if (r.rows().size() == 1 && r.columns().size() == 1) return r.columns().getFirst() + ": " + r.rows().getFirst().getFirst();
        var sb = new StringBuilder();
        int n = r.rows().size();
        sb.append(n).append(n == 1 ? " row" : " rows").append(r.truncated() ? " (the row limit; there are more)" : "").append(":\n\n");
        sb.append('|');
        for (String c : r.columns()) sb.append(' ').append(cell(c)).append(" |");
        sb.append("\n|");
        for (int i = 0; i < r.columns().size(); i++) sb.append("---|");
        sb.append('\n');
        for (int i = 0; i < Math.min(n, ROWS_IN_TEXT); i++) {
            sb.append('|');
            for (String v : r.rows().get(i)) sb.append(' ').append(cell(v)).append(" |");
            sb.append('\n');
        }
        if (n > ROWS_IN_TEXT) sb.append("\n… ").append(n - ROWS_IN_TEXT).append(" more in the result table.");
        return sb.toString().stripTrailing();
    }

    private static String cell(String v) { return v.replace("|", "\\|").replace("\n", " "); }
}
