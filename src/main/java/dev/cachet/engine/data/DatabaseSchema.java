package dev.cachet.engine.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What introspection found in a connected database.
 *
 * @param product the database's product name ("SQLite", "PostgreSQL"): the SQL dialect the model writes
 */
public record DatabaseSchema(String product, List<Table> tables) {

    public record Column(String name, String type) { }

    public record Table(String name, List<Column> columns) {
        public Table { columns = List.copyOf(columns); }
    }

    public static final DatabaseSchema EMPTY = new DatabaseSchema("none", List.of());

    public DatabaseSchema { tables = List.copyOf(tables); }

    /** Table → column names (what the router's schema vocabulary is built from). */
    public Map<String, List<String>> columnsByTable() {
        var m = new LinkedHashMap<String, List<String>>();
        for (Table t : tables) m.put(t.name(), t.columns().stream().map(Column::name).toList());
        return m;
    }

    /** The schema as the SQL prompt shows it: one line a table, "name(column type, ...)". */
    public String describe() {
        var sb = new StringBuilder();
        for (Table t : tables) {
            sb.append(t.name()).append('(');
            for (int i = 0; i < t.columns().size(); i++) {
                Column c = t.columns().get(i);
                if (i > 0) sb.append(", ");
                sb.append(c.name());
                if (c.type() != null && !c.type().isBlank()) sb.append(' ').append(c.type().toLowerCase(java.util.Locale.ROOT));
            }
            sb.append(")\n");
        }
        return sb.toString();
    }
}
