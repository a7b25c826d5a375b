package dev.adversarial.gan.core.loss;

import dev.adversarial.gan.api.Tensor;
import java.util.Locale;

/**
 * The two players' objectives, as losses to minimise, computed from the discriminator's
 * logits (pre-sigmoid scores) so that no log(0) can occur: log σ(x) is evaluated as
 * −softplus(−x) and log(1 − σ(x)) as −softplus(x), both finite for every finite x.
 */
public enum GanLoss {
    /**
     * The paper's value function. D minimises ½·[BCE(1, D(x)) + BCE(0, D(G(z)))];
     * G minimises log(1 − D(G(z))), which saturates when D rejects G's samples confidently.
     */
    MINIMAX {
        @Override
        public Tensor generator(Tensor fake) {
            return fake.softplus().mean().neg();
        }
    },
    /**
     * Same D; G minimises BCE(1, D(G(z))) = −log D(G(z)) instead: the same fixed point with
     * much stronger gradients early in training (the paper's practical advice, and what the
     * original code does).
     */
    NON_SATURATING {
        @Override
        public Tensor generator(Tensor fake) {
            return fake.neg().softplus().mean();
        }
    },
    /** Least squares (Mao et al., 2017) with targets 1 for data and 0 for samples, on the raw score. */
    LEAST_SQUARES {
        @Override
        public Tensor discriminator(Tensor real, Tensor fake) {
            return real.sub(1f).square().mean().add(fake.square().mean()).mul(0.5f);
        }

        @Override
        public Tensor generator(Tensor fake) {
            return fake.sub(1f).square().mean().mul(0.5f);
        }
    },
    /**
     * The Wasserstein critic (Arjovsky et al. 2017) on the raw score, no sigmoid: the critic
     * minimises E[D(G(z))] − E[D(x)] and G minimises −E[D(G(z))]. Its Lipschitz constraint comes
     * from a {@link GradientPenalty} (WGAN-GP, Gulrajani et al. 2017), which {@code wgan-gp} adds.
     */
    WASSERSTEIN {
        @Override
        public Tensor discriminator(Tensor real, Tensor fake) {
            return fake.mean().sub(real.mean());
        }

        @Override
        public Tensor generator(Tensor fake) {
            return fake.mean().neg();
        }
    },
    /** Hinge loss (Lim and Ye 2017; Miyato et al. 2018) on the raw score. */
    HINGE {
        @Override
        public Tensor discriminator(Tensor real, Tensor fake) {
            return real.rsub(1f).relu().mean().add(fake.add(1f).relu().mean());
        }

        @Override
        public Tensor generator(Tensor fake) {
            return fake.mean().neg();
        }
    };

    /** D's loss: ½·[−log σ(real) − log(1 − σ(fake))], averaged over each batch. */
    public Tensor discriminator(Tensor real, Tensor fake) {
        return real.neg().softplus().mean().add(fake.softplus().mean()).mul(0.5f);
    }

    /** G's loss given D's logits on G's samples. */
    public abstract Tensor generator(Tensor fake);

    /**
     * Parses "non-saturating", "minimax", "least-squares", "wasserstein" or "hinge" (case and
     * dashes free); "wgan-gp" is the Wasserstein loss (its penalty is added by the caller).
     */
    public static GanLoss parse(String name) {
        String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (key.equals("WGAN_GP")) {
            return WASSERSTEIN;
        }
        for (GanLoss l : values()) {
            if (l.name().equals(key)) {
                return l;
            }
        }
        throw new IllegalArgumentException("Unknown loss '" + name + "'; choose one of: minimax, non-saturating,"
                + " least-squares, hinge, wasserstein, wgan-gp");
    }

    /** The name {@link #parse} accepts. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
