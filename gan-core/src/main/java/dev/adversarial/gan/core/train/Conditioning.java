package dev.adversarial.gan.core.train;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Tensor;
import java.util.List;

/**
 * How a conditional {@link GanModel} receives its labels: as one-hot rows appended to G's noise
 * and to D's flat samples. Kept in one place so that training, sampling, evaluation and export
 * agree on the layout (the label columns always come last).
 */
public final class Conditioning {
    private Conditioning() {
    }

    /** [n, classes] rows with a 1 in column labels[i]; a label outside [0, classes) is refused. */
    public static Tensor oneHot(Backend backend, int[] labels, int classes) {
        float[] v = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("Label " + y + " (row " + i + ") is not a class of this model: use 0 to "
                        + (classes - 1));
            }
            v[i * classes + y] = 1f;
        }
        return backend.tensor(v, labels.length, classes);
    }

    /**
     * {@code input} ([n, k]) with the one-hot labels appended ([n, k + classes]); {@code input}
     * itself when the model is unconditional ({@code labels} must then be null). Recorded on the
     * tape, so a gradient with respect to {@code input} ignores the label columns.
     */
    public static Tensor withLabels(GanModel model, Tensor input, int[] labels) {
        if (!model.isConditional()) {
            if (labels != null) {
                throw new IllegalArgumentException("This model is not conditional; it takes no labels");
            }
            return input;
        }
        if (labels == null || labels.length != input.shape().dim(0)) {
            throw new IllegalArgumentException("A conditional model needs one label per row: " + input.shape().dim(0)
                    + " rows, " + (labels == null ? "no" : labels.length) + " labels");
        }
        return Tensor.concat(List.of(input, oneHot(input.backend(), labels, model.classes())), 1);
    }
}
