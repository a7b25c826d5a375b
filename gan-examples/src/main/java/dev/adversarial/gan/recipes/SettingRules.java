package dev.adversarial.gan.recipes;

import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;

/**
 * What a setting means decides which values make sense: a learning rate is positive, a keep or
 * momentum probability lies in [0, 1], a batch size is a positive whole number. Recipes name
 * their settings by shared conventions ({@code lr}, {@code g.lr}, {@code d.input.keep},
 * {@code momentum.start}, {@code batch}, ...), so the rules are keyed by name here, once, and
 * hold for every recipe, including ones added later; a setting no rule names is only parsed by
 * the recipe that reads it. Without these checks {@code --set lr=-1} trained (ascending the
 * loss) and exited 0.
 */
final class SettingRules {
    private record Rule(Pattern names, String meaning, String requirement, boolean whole, DoublePredicate ok) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(.+\\.)?lr"), "a learning rate", "a positive number", false, v -> v > 0),
            new Rule(Pattern.compile("lr\\.min"), "the learning rate's floor", "a number >= 0", false, v -> v >= 0),
            // Recipes may read lr.decay differently (paper-mnist divides the rate by it every step; a
            // per-epoch multiplier below 1 is as sensible), so only its sign is common ground.
            new Rule(Pattern.compile("lr\\.decay"), "the learning rate's decay factor", "a positive number", false,
                    v -> v > 0),
            new Rule(Pattern.compile("(.+\\.)?keep"), "a keep probability", "in (0, 1]", false, v -> v > 0 && v <= 1),
            new Rule(Pattern.compile("momentum(\\.start|\\.end)?|beta1|beta2"), "a momentum coefficient", "in [0, 1)",
                    false, v -> v >= 0 && v < 1),
            new Rule(Pattern.compile("batch|k|latent|(.+\\.)?hidden|(.+\\.)?units|(.+\\.)?pieces|data\\.size"
                    + "|checkpoint\\.every|momentum\\.saturate|(.+\\.)?channels"), "a count", "a positive whole number",
                    true, v -> v >= 1),
            new Rule(Pattern.compile("(.+\\.)?(std|scale|init|range)"), "a scale", "a positive number", false, v -> v > 0));

    private SettingRules() {
    }

    /** Refuses a value that contradicts the setting's meaning, in one sentence naming setting, value and range. */
    static void check(String recipe, String name, String value) {
        if (value.trim().equals("auto")) {
            return; // decided by the recipe later (dcgan's size and channels come from the data), and checked then
        }
        for (Rule r : RULES) {
            if (!r.names().matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                continue;
            }
            double v;
            try {
                v = r.whole() ? Long.parseLong(value.trim()) : Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw refuse(recipe, name, value, r);
            }
            if (!Double.isFinite(v) || !r.ok().test(v)) {
                throw refuse(recipe, name, value, r);
            }
            return;
        }
    }

    private static IllegalArgumentException refuse(String recipe, String name, String value, Rule r) {
        return new IllegalArgumentException("Setting '" + name + "' of recipe '" + recipe + "' is " + r.meaning()
                + " and must be " + r.requirement() + ", got '" + value + "'; fix it with --set " + name + "=VALUE");
    }
}
