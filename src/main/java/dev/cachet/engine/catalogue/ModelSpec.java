package dev.cachet.engine.catalogue;

import dev.cachet.engine.chat.ChatParams;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the catalogue knows about one model: limits, defaults and the parameter rules its API
 * enforces. Every field may be unknown (null); an unknown model has no rules and no defaults.
 *
 * @param maxTokensField   "max_tokens", or "max_completion_tokens" (OpenAI reasoning models)
 * @param fixedTemperature sampling is fixed at this temperature: neither temperature nor top_p is sent
 * @param temperatureOrTopP the API refuses temperature and top_p in one request
 * @param firstTokenTimeout how long the first token may take at least (reasoning models think silently)
 * @param retired          the day the provider retires (retired) the model, with its {@code replacement}
 */
public record ModelSpec(String kind, String model, Boolean chat, Integer contextWindow, Integer maxOutputTokens,
                        Integer defaultMaxTokens, String maxTokensField, Double minTemperature, Double maxTemperature,
                        Double fixedTemperature, Boolean temperatureOrTopP, Thinking thinking, Duration firstTokenTimeout,
                        Price price, LocalDate retired, String replacement) {

    /** How a model thinks: on or off by default (the think parameter switches it), or always. */
    public enum Thinking { ON, OFF, ALWAYS }

    /** USD per million tokens. */
    public record Price(double input, double output) { }

    /** Parameters fitted to the model, and what was changed or filled in (for the trace). */
    public record Fitted(ChatParams params, Map<String, String> notes) { }

    /** A model the catalogue has nothing on. */
    public static ModelSpec unknown(String kind, String model) {
        return new ModelSpec(kind, model, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean isChatModel() { return chat == null || chat; }

    /** Nothing known: no limits, defaults or rules (the simulator, a model the catalogue does not list). */
    public boolean isUnknown() {
        return chat == null && contextWindow == null && maxOutputTokens == null && defaultMaxTokens == null && maxTokensField == null
                && minTemperature == null && maxTemperature == null && fixedTemperature == null && temperatureOrTopP == null
                && thinking == null && firstTokenTimeout == null && price == null && retired == null && replacement == null;
    }

    public String tokensField() { return maxTokensField == null ? "max_tokens" : maxTokensField; }

    /** The max tokens a request goes out with: its own, else the catalogue default, else none (the server's). */
    public Integer maxTokensFor(ChatParams p) { return p.maxTokens() != null ? p.maxTokens() : defaultMaxTokens; }

    /** Whether to send think, and what: the request's choice, else the model's default; null = leave it out. */
    public Boolean thinkFor(ChatParams p) {
        if (thinking == Thinking.ALWAYS) return null;
        if (p.think() != null) return p.think();
        if (thinking == null) return null;
        return thinking == Thinking.ON;
    }

    /** The model's retirement, said as of {@code today}: "retired on ..." or "retires on ...", or null. */
    public String retirement(LocalDate today) {
        if (retired == null) return null;
        String when = (today.isBefore(retired) ? "retires on " : "was retired on ") + retired;
        return model + " " + when + (replacement == null ? "" : " (use " + replacement + ")");
    }

    /**
     * The request's parameters as this model accepts them. A fixed temperature replaces the asked one
     * (and top_p is dropped), because the API refuses anything else; limits the API would refuse are
     * refused here, before sending, with what to do.
     *
     * @throws IllegalArgumentException naming the parameter, the limit and the model
     */
    public Fitted fit(ChatParams p) {
        var notes = new LinkedHashMap<String, String>();
        ChatParams out = p;
        if (fixedTemperature != null) {
            if (p.temperature() != null && !p.temperature().equals(fixedTemperature)) {
                notes.put("temperature", "asked " + num(p.temperature()) + "; " + model + " samples at a fixed " + num(fixedTemperature) + " (not sent)");
            }
            if (p.topP() != null) notes.put("topP", "asked " + num(p.topP()) + "; not accepted by " + model + " (not sent)");
            out = new ChatParams(fixedTemperature, p.maxTokens(), null, p.stop(), p.tools(), p.responseFormat(), p.think());
        } else if (p.temperature() != null) {
            if (maxTemperature != null && p.temperature() > maxTemperature) {
                throw new IllegalArgumentException("temperature " + num(p.temperature()) + " is above " + num(maxTemperature)
                        + ", the most " + model + " accepts (range " + num(minTemperature == null ? 0 : minTemperature) + "–" + num(maxTemperature) + ")");
            }
            if (minTemperature != null && p.temperature() < minTemperature) {
                throw new IllegalArgumentException("temperature " + num(p.temperature()) + " is below " + num(minTemperature) + ", the least " + model + " accepts");
            }
        }
        if (Boolean.TRUE.equals(temperatureOrTopP) && fixedTemperature == null && p.temperature() != null && p.topP() != null) {
            throw new IllegalArgumentException(model + " accepts temperature or top_p, not both: leave one of them out");
        }
        if (p.maxTokens() != null && maxOutputTokens != null && p.maxTokens() > maxOutputTokens) {
            throw new IllegalArgumentException("max tokens " + p.maxTokens() + " is above " + maxOutputTokens + ", the most " + model + " can write");
        }
        if (p.maxTokens() == null && defaultMaxTokens != null) notes.put("maxTokens", defaultMaxTokens + " (catalogue default for " + model + ")");
        if (thinking == Thinking.ALWAYS && Boolean.FALSE.equals(p.think())) notes.put("think", model + " always thinks; think=false is not sent");
        return new Fitted(out, notes);
    }

    private static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
