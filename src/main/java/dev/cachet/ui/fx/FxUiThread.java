package dev.cachet.ui.fx;

import javafx.application.Platform;

/** The one place that hands work to the JavaFX application thread. */
public final class FxUiThread implements UiThread {

    @Override
    public void run(Runnable work) {
        if (Platform.isFxApplicationThread()) work.run();
        else Platform.runLater(work);
    }
}
