package dev.cachet.engine.data;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Decides whether SQL a model wrote may run: parsed with JSqlParser, it must be exactly one statement,
 * a query (SELECT, a set operation, VALUES), with no {@code SELECT … INTO}, no {@code FOR UPDATE/SHARE}
 * and no data-modifying statement in a {@code WITH}. The connection it runs on is read-only as well:
 * this check is the first guard, not the only one. Accepted SQL comes back in JSqlParser's canonical
 * rendering, which is also what the result cache keys on.
 */
public final class SqlCheck {

    /** The verdict on one piece of SQL. */
    public sealed interface Verdict {
        /** Safe to run: {@code normalized} is the canonical text. */
        record Accepted(String normalized) implements Verdict { }
        /** Does not parse: the model may try again with the error. */
        record Unparsable(String error) implements Verdict { }
        /** Parses but is not a single read-only query: never executed. */
        record Refused(String reason) implements Verdict { }
    }

    /** Longest SQL accepted: a model's query, not a dump. */
    static final int MAX_CHARS = 20_000;

    public Verdict check(String sql) {
        String text = sql == null ? "" : sql.strip();
        if (text.isEmpty()) return new Verdict.Unparsable("no SQL in the answer");
        if (text.length() > MAX_CHARS) return new Verdict.Refused("the SQL is longer than " + MAX_CHARS + " characters");
        Statements statements;
        try {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(text);
            statements = parser.Statements(); // parsed on this thread: no executor, no timeout thread
        } catch (ParseException | RuntimeException e) {
            return new Verdict.Unparsable(firstLine(e.getMessage()));
        }
        if (statements == null || statements.isEmpty()) return new Verdict.Unparsable("no SQL statement found");
        if (statements.size() > 1) return new Verdict.Refused("the SQL holds " + statements.size() + " statements; only one query may run");
        Statement st = statements.getFirst();
        if (!(st instanceof Select select)) {
            return new Verdict.Refused("a " + kind(st) + " statement writes or changes the database; only a SELECT may run");
        }
        String problem = problem(select);
        if (problem != null) return new Verdict.Refused(problem);
        return new Verdict.Accepted(select.toString());
    }

    /** What makes a parsed query unsafe, or null. */
    private static String problem(Select select) {
        if (select.getWithItemsList() != null) {
            for (WithItem<?> w : select.getWithItemsList()) {
                Object body = w.getParenthesedStatement();
                if (!(body instanceof ParenthesedSelect ps)) {
                    return "WITH " + w.getAliasName() + " holds a " + kind(body) + " statement; only a SELECT may run";
                }
                String inner = problem(ps.getSelect());
                if (inner != null) return inner;
            }
        }
        if (select.getForMode() != null) return "SELECT … FOR " + select.getForMode() + " takes locks; only a plain SELECT may run";
        return switch (select) {
            case PlainSelect p -> {
                if (p.getIntoTables() != null && !p.getIntoTables().isEmpty() || p.getIntoTempTable() != null) {
                    yield "SELECT … INTO creates a table; only a plain SELECT may run";
                }
                yield null;
            }
            case SetOperationList s -> {
                for (Select part : s.getSelects()) {
                    String inner = problem(part);
                    if (inner != null) yield inner;
                }
                yield null;
            }
            case ParenthesedSelect ps -> problem(ps.getSelect());
            default -> null; // VALUES, LATERAL and other read-only forms
        };
    }

    private static String kind(Object statement) {
        String name = statement == null ? "missing" : statement.getClass().getSimpleName().replace("Parenthesed", "");
        return name.toUpperCase(java.util.Locale.ROOT);
    }

    private static String firstLine(String s) {
        if (s == null) return "the SQL does not parse";
        String line = s.lines().filter(l -> !l.isBlank()).findFirst().orElse(s).strip();
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }
}
