package dev.cachet.ui.shell;

/**
 * Something wrong at start that the person at the window must see (not only stderr): database, data
 * dir, configuration. The window still opens where it can and says how in {@code whatToDo}.
 *
 * @param title    a few words ("The database cannot be used")
 * @param problem  one line naming the thing and what is wrong with it
 * @param whatToDo what Cachet did instead, and what the person can do about it
 */
public record StartupProblem(String title, String problem, String whatToDo) { }
