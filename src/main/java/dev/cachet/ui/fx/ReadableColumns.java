package dev.cachet.ui.fx;

import javafx.beans.InvalidationListener;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Table columns a person can read at 1280 px: a column is never narrower than its header's text (the
 * table scrolls sideways instead of cutting "Mean latency" to "Mean late…"), and long free text can
 * wrap inside its cell instead of ending in an ellipsis.
 */
public final class ReadableColumns {

    /** Header padding, the sort arrow's room and rounding: measured text plus this is what a header needs. */
    private static final double HEADER_ROOM = 22;

    private ReadableColumns() { }

    /** Keeps every column of {@code table} at least as wide as its header text, now and when columns change. */
    public static void fitHeaders(TableView<?> table) {
        InvalidationListener fit = o -> fitNow(table);
        table.getColumns().addListener(fit);
        table.skinProperty().addListener(fit);
        // The header font is known once CSS has been applied to the header row (the theme sets it).
        table.needsLayoutProperty().addListener((o, was, needs) -> {
            if (!needs) fitNow(table);
        });
        fitNow(table);
    }

    private static void fitNow(TableView<?> table) {
        Font font = table.lookup(".column-header .label") instanceof Label l ? l.getFont() : Font.getDefault();
        for (TableColumn<?, ?> c : table.getColumns()) {
            double need = Math.ceil(textWidth(c.getText(), font) + HEADER_ROOM);
            if (c.getMinWidth() < need) c.setMinWidth(need);
            if (c.getPrefWidth() < need) c.setPrefWidth(need);
        }
    }

    static double textWidth(String s, Font font) {
        if (s == null || s.isEmpty()) return 0;
        var t = new Text(s);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    /**
     * A cell whose text wraps to the column's width: for reasons and descriptions a person reads in full.
     * (A table row asks its cells' height without a width, so a wrapping Label would stay one line: a Text
     * with a wrapping width grows the row instead.)
     */
    public static <S> TableCell<S, String> wrapping(TableColumn<S, String> column) {
        var text = new Text();
        var cell = new TableCell<S, String>() {
            @Override protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                setGraphic(empty ? null : text);
            }
        };
        cell.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        text.wrappingWidthProperty().bind(column.widthProperty().subtract(12));
        text.fontProperty().bind(cell.fontProperty());
        text.fillProperty().bind(cell.textFillProperty()); // the theme's colour, also on a selected row
        return cell;
    }
}
