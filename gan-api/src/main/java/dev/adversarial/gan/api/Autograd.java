package dev.adversarial.gan.api;

/** Records operations on the open tape; the one place that decides whether an op is recorded. */
final class Autograd {
    private Autograd() {
    }

    /** A recorded op's gradient rule: input gradients from the output gradient. */
    @FunctionalInterface
    interface Rule {
        /**
         * @param grad   gradient of the loss with respect to the op's output
         * @param needed which inputs need a gradient; the rule may return null for the others
         */
        Tensor[] apply(Tensor grad, boolean[] needed);
    }

    /** One recorded operation. */
    record Node(Tensor[] inputs, Tensor output, Rule rule) {
    }

    static boolean isRecording() {
        return GradientTape.recording() != null;
    }

    /** Records {@code out} if a tape is recording and any input requires a gradient. */
    static Tensor record(Tensor out, Rule rule, Tensor... inputs) {
        GradientTape tape = GradientTape.recording();
        if (tape == null) {
            return out;
        }
        for (Tensor in : inputs) {
            if (in.requiresGrad()) {
                out.requiresGrad(true);
                tape.add(new Node(inputs, out, rule));
                return out;
            }
        }
        return out;
    }
}
