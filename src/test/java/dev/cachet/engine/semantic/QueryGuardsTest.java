package dev.cachet.engine.semantic;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class QueryGuardsTest {

    private final QueryGuards guards = new QueryGuards();

    private String verdict(String query, String cached) {
        return guards.check(QueryFacts.of(query), QueryFacts.of(cached)).map(GuardVeto::guard).orElse("pass");
    }

    @ParameterizedTest(name = "{0} | {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # numbers
            What was the GDP of France in 2016?       | What was the GDP of France in 2017?        | numbers
            How do I split a bill between 3 people?   | How do I split a bill between three people? | pass
            Is 1,000 mg of vitamin C too much?        | Is 1000 mg of vitamin C too much?          | pass
            Top 5 books on Rust                       | Top 10 books on Rust                       | numbers
            Is it safe to take 2 aspirin?             | Is it safe to take two aspirin?            | pass
            # negation
            Is ibuprofen safe during pregnancy?       | Is ibuprofen not safe during pregnancy?    | negation
            Why can't I sleep at night?               | Why can I sleep at night?                  | negation
            Why don't cats like water?                | Why do cats not like water?                | pass
            # names and proper nouns
            Who is the best dermatologist in India?   | Who is the best dermatologist in London?   | entities
            What are some reasons to vote for Trump?  | What are some reasons to vote for trump?   | pass
            How do I move from Texas to Ohio?         | How do I move from Texas to Utah?          | entities
            Is Python faster than Java?               | Is Python faster than Go?                  | entities
            How can I improve my English?             | How can I improve my English skills?       | pass
            # code identifiers
            How do I sort a `HashMap` by value?       | How do I sort a `TreeMap` by value?        | identifiers
            What does getUserById return?             | What does getUserByName return?            | identifiers
            What does os.path.join do?                | What does os.path.split do?                | identifiers
            # quoted strings
            How do I say "good morning" in French?    | How do I say "good night" in French?       | quoted
            # paraphrases pass
            How can I lose weight fast?               | What is the quickest way to lose weight?   | pass
            How do I learn to cook?                   | What is the best way to learn cooking?     | pass
            # order and direction: the same words in swapped roles
            Convert 10 miles to km                    | Convert 10 km to miles                     | direction
            How do I convert USD to EUR?              | How do I convert EUR to USD?               | direction
            Translate this from English to French     | Translate this from French to English      | direction
            Translate this from English into French   | Translate this into English from French    | direction
            Is Python faster than Java?               | Is Java faster than Python?                | direction
            Python vs Java for data science           | Java vs Python for data science            | direction
            Flights from London to Paris              | Flights to Paris from London               | pass
            How do I convert miles to km?             | How to convert miles into kilometres km?   | pass
            What is faster, Python or Java?           | Is Java faster than Python?                | pass
            # long descriptions reword: a detail left out is no veto, a contradiction is
            I am 25 and have had a dry cough for two weeks with no fever. Should I see a doctor? | I have had a dry cough for two weeks now. Should I be worried and see a doctor? | pass
            I am 25 and have had a dry cough for two weeks with no fever. Should I see a doctor? | I am 25 and have had a dry cough for three weeks with no fever. Should I see a doctor? | numbers
            I have had a dry cough and a fever for two weeks. Should I see a doctor? | I have had a dry cough but no fever for two weeks. Should I see a doctor? | negation
            """)
    void table(String query, String cached, String expected) {
        assertThat(verdict(query.strip(), cached.strip())).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            What was the GDP of France in 2016?     | What was the GDP of France in 2017?      | numbers  | 2016
            Who is the best dermatologist in India? | Who is the best dermatologist in London? | entities | india
            """)
    void vetoReasonNamesWhatDiffers(String query, String cached, String guard, String mentioned) {
        var veto = guards.check(QueryFacts.of(query.strip()), QueryFacts.of(cached.strip()));
        assertThat(veto).isPresent();
        assertThat(veto.get().guard()).isEqualTo(guard.strip());
        assertThat(veto.get().reason()).containsIgnoringCase(mentioned.strip());
    }
}
