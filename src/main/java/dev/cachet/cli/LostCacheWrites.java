package dev.cachet.cli;

import java.io.PrintWriter;

/**
 * Exit code 4: every request was answered, but some answers could not be stored in the cache (the
 * database kept failing, or failed at close); later identical requests will cost a model call again.
 */
final class LostCacheWrites {

    static final int EXIT_CODE = 4;

    private LostCacheWrites() { }

    /** 0 when nothing was lost; else says how many on {@code err} and returns {@link #EXIT_CODE}. */
    static int exitCode(long dropped, PrintWriter err) {
        if (dropped == 0) return 0;
        err.println("warning: " + dropped + (dropped == 1 ? " answer" : " answers")
                + " could not be stored in the cache (the database kept failing; see the warnings above)");
        err.flush();
        return EXIT_CODE;
    }
}
