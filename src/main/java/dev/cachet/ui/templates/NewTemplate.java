package dev.cachet.ui.templates;

/** The text of a new template file: valid as it is, with each part of the schema shown once. */
final class NewTemplate {

    private NewTemplate() { }

    static String text(String id) {
        return """
                id: %s
                description: What this template is for.
                tags: []

                variables:
                  question:
                    type: string
                    required: true
                    example: What does this template do?

                params:
                  temperature: 0.2
                  max_tokens: 300

                messages:
                  system: |
                    You are a helpful assistant.
                  user: "{{ question }}"

                variants:
                  A:
                    description: Baseline.
                  B:
                    description: Shorter answers.
                    params:
                      max_tokens: 120

                split:
                  A: 0.5
                  B: 0.5
                """.formatted(id);
    }
}
