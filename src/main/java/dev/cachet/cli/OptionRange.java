package dev.cachet.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.math.BigDecimal;

/**
 * Range checks for option values, run while the command line is parsed: a value out of range is bad
 * usage (exit 2, one line naming the option) before anything is opened.
 */
final class OptionRange {

    private OptionRange() { }

    static double within(CommandSpec spec, String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new ParameterException(spec.commandLine(), option + " must be within " + text(min) + ".." + text(max) + ", was " + text(value));
        }
        return value;
    }

    static long atLeast(CommandSpec spec, String option, long value, long min) {
        if (value < min) throw new ParameterException(spec.commandLine(), option + " must be at least " + min + ", was " + value);
        return value;
    }

    static double atLeast(CommandSpec spec, String option, double value, double min) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new ParameterException(spec.commandLine(), option + " must be at least " + text(min) + ", was " + text(value));
        }
        return value;
    }

    /** 5.0 as "5", 2.5 as "2.5": the number as the user would have typed it. */
    static String text(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : Double.toString(v);
    }
}
