package dev.adversarial.gan.recipes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A recipe's hyperparameters by name, with the recipe's defaults for every one of them. Users
 * override with {@code --set name=value}; an unknown name or an unparsable value is refused with
 * the list of valid names, and a value that contradicts the setting's meaning (a negative
 * learning rate, a probability above 1) is refused by {@link SettingRules}. The map (all values as strings) is what run.json and checkpoints
 * record, so a run can be rebuilt exactly.
 */
public final class Settings {
    private final String recipe;
    private final Map<String, String> values;

    private Settings(String recipe, Map<String, String> values) {
        this.recipe = recipe;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Settings of the run rather than of a recipe, accepted by every recipe: {@value #STOP_ON_COLLAPSE}
     * ends a run at its first saturation or collapse warning (see the command line's training
     * health checks).
     */
    public static final String STOP_ON_COLLAPSE = "stop-on-collapse";

    /** A recipe's defaults plus the run settings every recipe accepts. */
    public static Map<String, String> withRunDefaults(Map<String, String> recipeDefaults) {
        Map<String, String> all = new LinkedHashMap<>(recipeDefaults);
        all.putIfAbsent(STOP_ON_COLLAPSE, "false");
        return all;
    }

    /** The defaults with the overrides applied; every override must name a known setting. */
    public static Settings of(String recipe, Map<String, String> defaults, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!defaults.containsKey(e.getKey())) {
                throw new IllegalArgumentException("Recipe '" + recipe + "' has no setting '" + e.getKey() + "'. Its settings: "
                        + String.join(", ", new TreeSet<>(defaults.keySet())));
            }
            merged.put(e.getKey(), e.getValue().trim());
        }
        merged.forEach((name, value) -> SettingRules.check(recipe, name, value));
        return new Settings(recipe, merged);
    }

    /** Parses "name=value" pairs as given on the command line. */
    public static Map<String, String> parseOverrides(Iterable<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects name=value, got '" + p + "'");
            }
            out.put(p.substring(0, eq).trim(), p.substring(eq + 1));
        }
        return out;
    }

    public Map<String, String> asMap() {
        return values;
    }

    public String string(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("Recipe '" + recipe + "' reads undeclared setting '" + name + "'");
        }
        return v;
    }

    public int integer(String name) {
        try {
            return Integer.parseInt(string(name));
        } catch (NumberFormatException e) {
            throw invalid(name, "a whole number");
        }
    }

    public boolean flag(String name) {
        return switch (string(name).toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "true or false");
        };
    }

    public double number(String name) {
        try {
            double v = Double.parseDouble(string(name));
            if (!Double.isFinite(v)) {
                throw invalid(name, "a finite number");
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid(name, "a number");
        }
    }

    private IllegalArgumentException invalid(String name, String what) {
        return new IllegalArgumentException("Setting '" + name + "' of recipe '" + recipe + "' must be " + what
                + ", got '" + values.get(name) + "'");
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
