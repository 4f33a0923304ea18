package dev.cachet.engine.experiments.assertions;

/** Grades an output against a rubric ({@code llm-rubric}): a model call through the provider port, its verdicts cached. */
public interface RubricJudge {

    /** The judge's verdict: pass, a score 0..1 and its reason. */
    record Verdict(boolean pass, double score, String reason) { }

    Verdict grade(String rubric, String output) throws JudgeException, InterruptedException;

    /** The judge could not give a verdict (its model failed, or answered something that is not one). */
    final class JudgeException extends Exception {
        public JudgeException(String message) { super(message, null, false, false); }
    }
}
