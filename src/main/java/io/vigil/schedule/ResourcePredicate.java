package io.vigil.schedule;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vigil.hub.Comparison;
import io.vigil.hub.SeriesKey;

/** A resource condition of the capacity gate, e.g. {@code host.cpu.percent < 90}: every matching series must meet it. */
public record ResourcePredicate(String text, SeriesKey selector, Comparison comparison, double threshold) {

    private static final Pattern FORM = Pattern.compile("^\\s*(\\S+?)\\s*(>=|<=|==|!=|>|<)\\s*(-?[0-9.]+)\\s*$");

    public static ResourcePredicate parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("vigil.scheduler.resource-predicates: '" + text
                    + "' is not 'series op number', e.g. host.cpu.percent < 90");
        }
        return new ResourcePredicate(text.trim(), SeriesKey.parse(m.group(1)), Comparison.parse(m.group(2)),
                Double.parseDouble(m.group(3)));
    }

    public boolean holds(double value) {
        return comparison.holds(value, threshold);
    }
}
