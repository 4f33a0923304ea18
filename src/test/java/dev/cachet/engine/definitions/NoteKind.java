package dev.cachet.engine.definitions;

/** A minimal definition kind for testing the folder machinery: {@code id} and {@code text}. */
final class NoteKind implements DefinitionKind<NoteKind.Note> {

    record Note(String id, String text) { }

    @Override public String noun() { return "note"; }

    @Override public String id(Note n) { return n.id(); }

    @Override
    public Parsed<Note> read(SourceText source) {
        var problems = new ProblemList(source.name());
        YamlNode root = YamlText.parse(source.text(), problems);
        FieldReader f = root == null ? null : FieldReader.root(root, problems, "a note");
        if (f == null) return new Parsed.Invalid<>(problems.list());
        f.only("id", "text");
        String id = f.requiredText("id");
        String text = f.text("text");
        if (problems.hasErrors()) return new Parsed.Invalid<>(problems.list());
        return new Parsed.Valid<>(new Note(id, text), f.at("id"), problems.list());
    }
}
