package dev.cachet.engine.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutesFileTest {

    private final RoutesFile file = new RoutesFile();

    @Test void builtInRoutes_validate_withOneFallbackAndOneSchemaRoute() {
        RouteSet routes = file.builtIn();
        assertThat(routes.names()).containsExactly("greeting", "data", "general");
        assertThat(routes.fallback().name()).isEqualTo("general");
        assertThat(routes.schemaRoute()).map(RouteDefinition::name).contains("data");
        assertThat(routes.route("greeting").orElseThrow().wholeMessage()).isTrue();
    }

    @Test void aRoutesFile_parsesEveryField() throws Exception {
        RouteSet routes = file.parse("""
                routes:
                  - name: billing
                    description: invoices and refunds
                    keywords: [invoice, refund]
                    regexes: ["\\\\border #?\\\\d+"]
                    examples: [where is my refund]
                    target: {tier: large, template: billing-answer, collection: billing-docs}
                    weight: 1.5
                  - name: general
                    fallback: true
                """, "routes.yaml");
        var billing = routes.route("billing").orElseThrow();
        assertThat(billing.keywords()).containsExactly("invoice", "refund");
        assertThat(billing.regexes().getFirst().matcher("about ORDER #42 please").find()).isTrue();
        assertThat(billing.target()).isEqualTo(new RouteTarget("large", "billing-answer", "billing-docs", null));
        assertThat(billing.weight()).isEqualTo(1.5);
        assertThat(routes.version()).hasSize(12);
    }

    @Test void errors_nameTheFileLineColumnAndRoute() {
        assertThatThrownBy(() -> file.parse("""
                routes:
                  - name: greeting
                    regexes: ["(unclosed"]
                  - name: general
                    fallback: true
                """, "routes.yaml"))
                .hasMessageStartingWith("routes.yaml:3:5: route 'greeting': regexes[0] does not compile");
        assertThatThrownBy(() -> file.parse("""
                routes:
                  - name: general
                    fallback: true
                    keywordz: [x]
                """, "routes.yaml"))
                .hasMessageStartingWith("routes.yaml:4:")
                .hasMessageContaining("unknown field 'keywordz' (did you mean 'keywords'?)");
        assertThatThrownBy(() -> file.parse("""
                routes:
                  - name: a
                  - name: a
                    fallback: true
                """, "r.yaml")).hasMessageContaining("route 'a' is defined twice");
        assertThatThrownBy(() -> file.parse("routes:\n  - name: a\n", "r.yaml")).hasMessageContaining("exactly one fallback route");
        assertThatThrownBy(() -> file.parse("routes:\n  - name: a\n    fallback: true\n    target: {tier: huge}\n", "r.yaml"))
                .hasMessageContaining("target.tier must be small or large");
    }
}
