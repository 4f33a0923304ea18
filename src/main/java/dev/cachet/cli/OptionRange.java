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

    /** Picks one of {@code choices}, else bad usage naming them: "--split must be all, even or odd, was 'half'". */
    static String oneOf(CommandSpec spec, String option, String value, java.util.List<String> choices) {
        if (choices.contains(value)) return value;
        String list = choices.size() == 2 ? choices.get(0) + " or " + choices.get(1)
                : String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.getLast();
        throw new ParameterException(spec.commandLine(), option + " must be " + list + ", was '" + value + "'");
    }

    /** A command that only groups others, run on its own: bad usage naming its subcommands. */
    static ParameterException subcommandNeeded(CommandSpec spec) {
        return new ParameterException(spec.commandLine(), "name a subcommand: " + String.join(", ", spec.subcommands().keySet()));
    }

    /** 5.0 as "5", 2.5 as "2.5": the number as the user would have typed it. */
    static String text(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : Double.toString(v);
    }
}
