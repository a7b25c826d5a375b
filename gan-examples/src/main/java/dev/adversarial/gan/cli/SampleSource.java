package dev.adversarial.gan.cli;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.onnx.OnnxGenerator;

/**
 * A generator {@code gan sample} draws from, whichever way it was opened: a checkpoint's G on a
 * gan backend, or an exported model in ONNX Runtime. The command's noise, labels, files and grids
 * are then written once for both.
 */
interface SampleSource extends AutoCloseable {
    NoisePrior prior();

    /** The shape of one sample (e.g. [784] or [1, 28, 28]). */
    int[] dataShape();

    /** Classes of a conditional generator, 0 for an unconditional one. */
    int classes();

    /** [height, width] or [channels, height, width] when samples are images, else null. */
    int[] imageShape();

    /** G(z, labels) for n rows, {@code batch} at a time; labels null when unconditional. */
    float[] generate(float[] z, int[] labels, int n, int batch);

    /** Where the samples came from, for the command's report, e.g. "epoch 3 of paper-mnist, cpu backend". */
    String origin();

    @Override
    void close();

    default int dataSize() {
        int n = 1;
        for (int d : dataShape()) {
            n *= d;
        }
        return n;
    }

    default boolean isConditional() {
        return classes() > 0;
    }

    static SampleSource of(LoadedCheckpoint loaded, Backend backend) {
        var model = loaded.model();
        String origin = "epoch " + loaded.checkpoint().metadata().getOrDefault("epoch", "?") + " of "
                + loaded.recipe().name() + ", " + backend.name() + " backend";
        int[] image = loaded.recipe().imageShape(loaded.settings());
        return new SampleSource() {
            public NoisePrior prior() {
                return model.prior();
            }

            public int[] dataShape() {
                return model.dataShape();
            }

            public int classes() {
                return model.classes();
            }

            public int[] imageShape() {
                return image;
            }

            public float[] generate(float[] z, int[] labels, int n, int batch) {
                return Sampler.generate(model, backend, z, labels, n, batch);
            }

            public String origin() {
                return origin;
            }

            public void close() {
                model.close();
            }
        };
    }

    static SampleSource of(OnnxGenerator g) {
        var provenance = g.metadata().provenance();
        String origin = "epoch " + provenance.getOrDefault("epoch", "?") + " of " + provenance.getOrDefault("recipe", "?")
                + ", ONNX Runtime";
        return new SampleSource() {
            public NoisePrior prior() {
                return g.prior();
            }

            public int[] dataShape() {
                return g.metadata().dataShape();
            }

            public int classes() {
                return g.classes();
            }

            public int[] imageShape() {
                return SampleGrid.imageShapeOf(g.metadata().dataShape());
            }

            public float[] generate(float[] z, int[] labels, int n, int batch) {
                return g.generate(z, labels, n, batch);
            }

            public String origin() {
                return origin;
            }

            public void close() {
                g.close();
            }
        };
    }
}
