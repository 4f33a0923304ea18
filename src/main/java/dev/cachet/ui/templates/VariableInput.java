package dev.cachet.ui.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.templates.Variable;
import dev.cachet.engine.templates.VariableType;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;
import java.util.Map;

/**
 * One field of the preview form, made from a declared variable: text as typed, turned into the
 * variable's type when rendered (numbers, true/false, JSON for lists and objects).
 */
public final class VariableInput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Variable variable;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");

    VariableInput(Variable variable, String initial) {
        this.variable = variable;
        text.set(initial);
    }

    public Variable variable() { return variable; }
    public String name() { return variable.name(); }
    public VariableType type() { return variable.type(); }
    public StringProperty textProperty() { return text; }

    /** "question (string, required)": the field's label. */
    public String label() {
        return variable.name() + " (" + variable.type().yamlName() + (variable.required() ? ", required" : "") + ")";
    }

    /** Long texts and JSON get a text area rather than a line. */
    public boolean multiline() {
        return variable.type() == VariableType.LIST || variable.type() == VariableType.OBJECT
                || variable.type() == VariableType.STRING && String.valueOf(variable.initialValue()).contains("\n");
    }

    /** The value to render with; empty text for an optional variable means "not given". */
    Object value() {
        String t = text.get();
        if (t == null || t.isEmpty()) return null;
        return t;
    }

    /** How a declared default or example is shown in the field. */
    static String format(Object value) {
        if (value == null) return "";
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            try {
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
        return String.valueOf(value);
    }
}
