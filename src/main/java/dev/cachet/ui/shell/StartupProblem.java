package dev.cachet.ui.shell;

/**
 * Something the workbench had to work around to open (a config file it could not use, ...), shown to the
 * person in a dialog over the window, not only on stderr.
 *
 * @param title  what part is affected, in a few words ("Settings file not used")
 * @param detail the problem in one line, with its place ("cachet.yaml:3:5: field ...")
 * @param action what the person can do about it, and what Cachet does meanwhile
 */
public record StartupProblem(String title, String detail, String action) {

    /** One line for stderr. */
    public String oneLine() { return title + ": " + detail; }
}
