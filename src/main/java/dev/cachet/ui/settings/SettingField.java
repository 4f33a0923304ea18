package dev.cachet.ui.settings;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One editable setting as text, with what is wrong with it ({@code error}, empty when fine) and a
 * note about when it takes effect ("applies on next start"). The view-model sets error and note.
 */
public final class SettingField {

    private final String label;
    private final StringProperty text;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");

    SettingField(String label, String initial) {
        this.label = label;
        this.text = new SimpleStringProperty(this, "text", initial);
    }

    public String label() { return label; }
    public StringProperty textProperty() { return text; }
    public String text() { return text.get() == null ? "" : text.get(); }
    public void setText(String value) { text.set(value); }

    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public String error() { return error.get(); }
    public ReadOnlyStringProperty noteProperty() { return note.getReadOnlyProperty(); }
    public String note() { return note.get(); }

    void error(String message) { error.set(message == null ? "" : message); }
    void note(String message) { note.set(message == null ? "" : message); }
}
