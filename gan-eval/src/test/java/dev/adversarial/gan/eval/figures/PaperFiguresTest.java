package dev.adversarial.gan.eval.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.Sampler;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperFiguresTest {
    static final Backend B = Backends.get();

    /** A 4x4-pixel "generator": z (5 values) → sigmoid(linear). */
    static GanModel tinyModel() {
        Rng rng = new Rng(1);
        Sequential g = new Sequential(new Linear(B, rng, 5, 16, Init.uniform(1), Init.zeros()), Activation.sigmoid());
        Linear d = new Linear(B, rng, 16, 1, Init.uniform(0.1), Init.zeros());
        return new GanModel(g, d, NoisePrior.uniform(5, -1, 1), new int[] {16});
    }

    static ArrayDataset randomImages(Rng rng, int n, int size) {
        float[] v = new float[n * size];
        rng.fillUniform(v, 0, 1);
        return new ArrayDataset("images", v, new int[] {size}, null);
    }

    @Test
    void nearestIsTheBruteForceNearestTrainingExample() {
        Rng rng = new Rng(2);
        ArrayDataset train = randomImages(rng, 500, 16);
        ArrayDataset queries = randomImages(rng, 20, 16);
        int[] got = PaperFigures.nearest(queries.values(), 20, train);
        for (int q = 0; q < 20; q++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 500; j++) {
                double d = 0;
                for (int p = 0; p < 16; p++) {
                    double diff = queries.values()[q * 16 + p] - train.values()[j * 16 + p];
                    d += diff * diff;
                }
                if (d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            assertThat(got[q]).isEqualTo(best);
        }
    }

    @Test
    void figure2PutsTheNearestTrainingExampleBesideTheLastColumn(@TempDir Path dir) throws Exception {
        Rng rng = new Rng(3);
        ArrayDataset train = randomImages(rng, 200, 16);
        // Samples that are training examples: the nearest neighbour must be the example itself.
        int rows = 3, cols = 4;
        float[] samples = new float[rows * cols * 16];
        for (int i = 0; i < rows * cols; i++) {
            System.arraycopy(train.values(), (i * 7) * 16, samples, i * 16, 16);
        }
        BufferedImage img = PaperFigures.samplesWithNearest(samples, rows, cols, train, 4, 4, 2);
        int cell = 4 * 2 + 2;
        assertThat(img.getWidth()).isEqualTo((cols + 1) * cell + 2);
        assertThat(img.getHeight()).isEqualTo(rows * cell + 2);
        // The extra column of row r shows the same pixels as the sample to its left.
        for (int r = 0; r < rows; r++) {
            int yPix = 2 + r * cell + 1, left = 2 + (cols - 1) * cell + 1, right = 2 + cols * cell + 1;
            assertThat(img.getRGB(right, yPix)).isEqualTo(img.getRGB(left, yPix));
        }
        Path png = dir.resolve("fig2.png");
        ImageGrid.writePng(img, png);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(img.getWidth());
    }

    @Test
    void figure3RowsRunInStraightLinesBetweenTwoNoiseVectors() {
        GanModel model = tinyModel();
        int pairs = 2, steps = 5, latent = 5;
        float[] z = PaperFigures.interpolationNoise(model, new Rng(4), pairs, steps);
        for (int p = 0; p < pairs; p++) {
            for (int k = 0; k < latent; k++) {
                float a = z[(p * steps) * latent + k], b = z[(p * steps + steps - 1) * latent + k];
                for (int s = 0; s < steps; s++) {
                    double t = s / (steps - 1.0);
                    assertThat(z[(p * steps + s) * latent + k]).isCloseTo((float) (a + t * (b - a)), within(1e-6f));
                }
            }
        }
        // The ends are fresh draws from the prior, so the two rows differ.
        assertThat(z[0]).isNotEqualTo(z[steps * latent]);
        BufferedImage img = PaperFigures.figure3(model, B, new Rng(4), pairs, steps, 4, 4, 1);
        assertThat(img.getWidth()).isEqualTo(steps * (4 + 2) + 2);
        assertThat(img.getHeight()).isEqualTo(pairs * (4 + 2) + 2);
        float[] firstImage = Sampler.generate(model, B, java.util.Arrays.copyOf(z, latent), 1, 1);
        int v = Math.round(255 * firstImage[0]);
        assertThat(img.getRGB(2, 2) & 0xFF).isEqualTo(v);
    }

    @Test
    void refusesSamplesThatAreNotImagesOfTheTrainingSetsSize() {
        ArrayDataset train = randomImages(new Rng(5), 10, 16);
        assertThatThrownBy(() -> PaperFigures.samplesWithNearest(new float[2 * 9], 1, 2, train, 3, 3, 1))
                .hasMessageContaining("training set of the same images");
    }
}
