package dev.adversarial.gan.cli;

import com.google.inject.Inject;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.eval.figures.ImageGrid;
import dev.adversarial.gan.eval.figures.PaperFigures;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan evaluate figures}: the paper's Figures 2 and 3 from a checkpoint, as PNG. */
@Command(name = "figures", mixinStandardHelpOptions = true,
        description = {"Figure 2 (random samples, the nearest training image beside the last column) and Figure 3"
                + " (straight lines in z between random pairs) from a checkpoint, as PNG files in DIR.",
            "Example: gan evaluate figures --checkpoint runs/paper-mnist-2014/checkpoints/latest --out figures/"})
final class EvaluateFiguresCommand implements Callable<Integer> {
    @Mixin
    GeneratorChoice generatorChoice = new GeneratorChoice();

    @Option(names = "--checkpoint", required = true, paramLabel = "PATH", description = "A checkpoint of an image recipe.")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write figure2.png and"
            + " figure3.png.")
    Path out;

    @Option(names = "--seed", description = "Seed for the noise (default ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--rows", description = "Rows of Figure 2 (default ${DEFAULT-VALUE}).", defaultValue = "6")
    int rows;

    @Option(names = "--cols", description = "Sample columns of Figure 2, before the nearest-neighbour column (default"
            + " ${DEFAULT-VALUE}).", defaultValue = "6")
    int cols;

    @Option(names = "--pairs", description = "Rows of Figure 3, one pair of z each (default ${DEFAULT-VALUE}).",
            defaultValue = "6")
    int pairs;

    @Option(names = "--steps", description = "Images per row of Figure 3, ends included (default ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int steps;

    @Option(names = "--scale", description = "Screen pixels per image pixel (default ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int scale;

    @Mixin
    BackendOptions backendOptions;

    @Inject
    Recipes recipes;

    @Override
    public Integer call() throws Exception {
        if (rows < 1 || cols < 1 || pairs < 1 || steps < 2 || scale < 1) {
            throw new IllegalArgumentException("--rows, --cols, --pairs and --scale must be at least 1 and --steps at"
                    + " least 2");
        }
        Backend b = backendOptions.backend();
        LoadedCheckpoint loaded = LoadedCheckpoint.load(checkpoint, recipes, b, generatorChoice.raw);
        int[] shape = loaded.recipe().imageShape(loaded.settings()); // [H, W], or [C, H, W] for colour
        if (shape == null) {
            throw new IllegalArgumentException(checkpoint + " is a " + loaded.recipe().name() + " model, whose samples"
                    + " are not images; Figures 2 and 3 need an image recipe such as paper-mnist");
        }
        GanModel model = loaded.model();
        // The nearest neighbours come from exactly the data the generator was trained on.
        ArrayDataset train = loaded.recipe().trainingData(loaded.settings());
        Rng rng = new Rng(seed);
        int channels = shape.length == 3 ? shape[0] : 1, height = shape[shape.length - 2], width = shape[shape.length - 1];
        BufferedImage fig2 = PaperFigures.figure2(model, b, rng, rows, cols, train, channels, height, width, scale);
        Path f2 = out.resolve("figure2.png");
        ImageGrid.writePng(fig2, f2);
        BufferedImage fig3 = PaperFigures.figure3(model, b, rng, pairs, steps, channels, height, width, scale);
        Path f3 = out.resolve("figure3.png");
        ImageGrid.writePng(fig3, f3);
        System.out.printf("Wrote %s (%dx%d samples, framed column: nearest of %d training images to the column on its"
                + " left)%n", f2, rows, cols, train.size());
        System.out.printf("Wrote %s (%d straight lines in z, %d steps each)%n", f3, pairs, steps);
        return 0;
    }
}
