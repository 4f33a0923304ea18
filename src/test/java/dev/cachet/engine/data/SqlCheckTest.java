package dev.cachet.engine.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SqlCheckTest {

    private final SqlCheck check = new SqlCheck();

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT COUNT(*) FROM customers",
            "select name, unit_price from products order by unit_price desc limit 1",
            "WITH big AS (SELECT * FROM orders WHERE status = 'shipped') SELECT COUNT(*) FROM big",
            "SELECT city FROM customers UNION SELECT country FROM customers",
            "SELECT c.name, (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.customer_id) AS n FROM customers c"})
    void readOnlyQueries_areAccepted_inCanonicalForm(String sql) {
        var v = check.check(sql);
        assertThat(v).isInstanceOf(SqlCheck.Verdict.Accepted.class);
        assertThat(((SqlCheck.Verdict.Accepted) v).normalized()).containsIgnoringCase("select");
    }

    @Test void sameQueryDifferentlyWritten_normalisesToOneText() {
        var a = (SqlCheck.Verdict.Accepted) check.check("select   COUNT(*)\n from   customers");
        var b = (SqlCheck.Verdict.Accepted) check.check("SELECT count(*) FROM customers");
        assertThat(a.normalized().toLowerCase()).isEqualTo(b.normalized().toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE FROM orders WHERE status = 'cancelled'",
            "UPDATE products SET unit_price = 0",
            "INSERT INTO customers (name) VALUES ('x')",
            "DROP TABLE orders",
            "SELECT 1; DELETE FROM orders",
            "WITH gone AS (DELETE FROM orders RETURNING *) SELECT COUNT(*) FROM gone",
            "SELECT * INTO backup FROM orders",
            "SELECT * FROM orders FOR UPDATE"})
    void anythingThatWritesOrLocks_isRefused(String sql) {
        assertThat(check.check(sql)).isInstanceOf(SqlCheck.Verdict.Refused.class);
    }

    @Test void refusals_sayWhatWasWrong() {
        var v = (SqlCheck.Verdict.Refused) check.check("DELETE FROM orders");
        assertThat(v.reason()).contains("DELETE").contains("only a SELECT may run");
        var two = (SqlCheck.Verdict.Refused) check.check("SELECT 1; SELECT 2");
        assertThat(two.reason()).contains("2 statements");
    }

    @Test void garbage_isUnparsable_withTheParserError() {
        var v = check.check("SELEKT name FRM customers");
        assertThat(v).isInstanceOf(SqlCheck.Verdict.Unparsable.class);
        assertThat(((SqlCheck.Verdict.Unparsable) v).error()).isNotBlank();
        assertThat(check.check("")).isInstanceOf(SqlCheck.Verdict.Unparsable.class);
    }
}
