package dev.adversarial.gan.recipes;

import dev.adversarial.gan.core.loss.GanLoss;
import dev.adversarial.gan.core.loss.GradientPenalty;
import dev.adversarial.gan.core.loss.R1Penalty;
import dev.adversarial.gan.core.train.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings every recipe accepts beside its own: the game's loss and k (where a recipe has no
 * default of its own), the R1 penalty, WGAN-GP's penalty weight and a moving average of G.
 * {@code loss=wgan-gp} brings its usual companions unless they are set explicitly: k = 5 critic
 * steps, alternating updates, and no batch norm in the critic (its penalty assumes that each
 * example's gradient is its own).
 */
public final class CommonSettings {
    /** What `gan train --list` prints about these settings. */
    public static final String HELP = """
            Settings every recipe accepts (--set NAME=VALUE):
              loss=NAME      non-saturating, minimax, least-squares, hinge, wasserstein or wgan-gp (Wasserstein
                             critic with a gradient penalty; implies k=5, update=alternating, d.norm=none
                             unless those are set)
              k=N            discriminator (critic) steps per generator step
              gp=LAMBDA      weight of WGAN-GP's penalty on random interpolates (default 10)
              r1=GAMMA       R1 penalty gamma/2 E|grad D(x)|^2 on real data (default 0: off)
              ema=BETA       keep a moving average of G's weights and buffers with this beta, e.g. 0.999
                             (default 0: off); sample, evaluate and export use it unless --raw-generator""";

    private CommonSettings() {
    }

    /** The recipe's defaults with the common settings added where the recipe has none. */
    static Map<String, String> defaults(Map<String, String> recipe) {
        Map<String, String> d = new LinkedHashMap<>(recipe);
        d.putIfAbsent("loss", "non-saturating");
        d.putIfAbsent("k", "1");
        d.putIfAbsent("gp", "10");
        d.putIfAbsent("r1", "0");
        d.putIfAbsent("ema", "0");
        return d;
    }

    /** The user's overrides plus what they imply (wgan-gp's companions) where not given. */
    static Map<String, String> implied(Map<String, String> overrides, Map<String, String> defaults) {
        Map<String, String> o = new LinkedHashMap<>(overrides);
        if (isWganGp(o.getOrDefault("loss", defaults.get("loss")))) {
            o.putIfAbsent("k", "5");
            if (defaults.containsKey("update")) {
                o.putIfAbsent("update", "alternating");
            }
            if (defaults.containsKey("d.norm")) {
                o.putIfAbsent("d.norm", "none");
            }
        }
        return o;
    }

    /** The recipe's own trainer configuration with the common settings applied. */
    static TrainingConfig apply(TrainingConfig base, Settings s) {
        TrainingConfig c = base.withLoss(GanLoss.parse(s.string("loss"))).withDiscriminatorSteps(s.integer("k"));
        if (isWganGp(s.string("loss"))) {
            c = c.withPenalty(new GradientPenalty(positive(s, "gp")));
        }
        double r1 = s.number("r1");
        if (r1 < 0) {
            throw new IllegalArgumentException("Setting 'r1' is the R1 penalty's gamma and must be 0 (off) or positive, got "
                    + s.string("r1"));
        }
        if (r1 > 0) {
            c = c.withPenalty(new R1Penalty(r1));
        }
        double ema = s.number("ema");
        if (!(ema >= 0 && ema < 1)) {
            throw new IllegalArgumentException("Setting 'ema' is the generator average's beta and must be in [0, 1), e.g."
                    + " 0.999 (0 keeps no average), got " + s.string("ema"));
        }
        return c.withGeneratorAverage(ema);
    }

    static boolean isWganGp(String loss) {
        return loss != null && loss.trim().toLowerCase(Locale.ROOT).replace('_', '-').equals("wgan-gp");
    }

    private static double positive(Settings s, String name) {
        double v = s.number(name);
        if (!(v > 0)) {
            throw new IllegalArgumentException("Setting '" + name + "' must be positive, got " + s.string(name));
        }
        return v;
    }
}
