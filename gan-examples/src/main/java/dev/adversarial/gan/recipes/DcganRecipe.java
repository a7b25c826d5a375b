package dev.adversarial.gan.recipes;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.optim.Optimizer;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.data.ImageSet;
import dev.adversarial.gan.core.data.ImageSets;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DCGAN (Radford et al. 2016) for the user's own images ({@code gan train --data PATH}): a
 * folder of PNG/JPEG/BMP images, one subfolder per class for labels, or a .npy array (see
 * {@link ImageSets}). Its depth follows the image size, one stride-2 block per doubling
 * ({@link DcganArchitecture}):
 * <pre>
 * size 28: base 7×7, 2 blocks   G: z → 128×7×7 → 64×14×14 → C×28×28          (dcgan-mnist's shape)
 * size 32: base 4×4, 3 blocks   G: z → 256×4×4 → 128×8×8 → 64×16×16 → C×32×32
 * size 64: base 4×4, 4 blocks   G: z → 512×4×4 → 256×8×8 → 128×16×16 → 64×32×32 → C×64×64
 * D mirrors G: C → 64 → 128 (→ 256 (→ 512)) channels, halving the side, then a linear logit.
 * </pre>
 * The widths are those of {@code g.channels} and {@code d.channels} = 64: G's last hidden layer
 * and D's first, doubling towards the base, as in the DCGAN paper. Training is dcgan-mnist's
 * (Adam 2e-4, betas (0.5, 0.999), batch 64, k = 1, non-saturating loss), 25 epochs by default.
 *
 * <p>The model's shape lives in the settings {@code size} (28, 32 or 64) and {@code channels}
 * (1 or 3). Left at {@code auto}, they are taken from the data when it is loaded and recorded
 * as numbers, with {@code data.path} made absolute, so that run.json and checkpoints rebuild the
 * model (resume, `gan sample`, `gan export`) without reading the data again. Set explicitly,
 * they convert the data on load: {@code size=S} centre-crops and resizes every image to S×S,
 * {@code channels=1} turns colour into grayscale and {@code channels=3} grayscale into RGB.
 *
 * <p>{@code conditional=true} trains a conditional DCGAN on the data's labels (one subfolder per
 * class, or {@code data.labels}): G's first Linear reads [z, one-hot(y)] and D starts with one
 * constant label map per class beside the image channels ({@link DcganArchitecture}). The
 * number of classes, the setting {@code classes}, is then taken from the data (the subfolders, or
 * the largest label + 1) and recorded, like the size, so the model rebuilds without the data.
 */
public final class DcganRecipe implements Recipe {
    public static final String NAME = "dcgan";
    private static final String AUTO = "auto";
    private static final List<Integer> SIZES = List.of(28, 32, 64);
    /** The training configuration and optimizers are dcgan-mnist's. */
    private static final DcganMnistRecipe TRAINING = new DcganMnistRecipe();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "DCGAN for your own images (--data DIR|FILE.npy): 28, 32 or 64 pixels, grayscale or RGB, depth follows size";
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(TrainingData.PATH_SETTING, "");
        d.put("data.labels", "");
        d.put("size", AUTO);
        d.put("channels", AUTO);
        d.put("classes", AUTO);
        TRAINING.defaults().forEach((k, v) -> {
            if (!k.equals("data")) {
                d.put(k, v);
            }
        });
        d.put("g.channels", "64");
        return d;
    }

    @Override
    public int defaultEpochs() {
        return 25;
    }

    @Override
    public int[] imageShape(Settings s) {
        int size = size(s), channels = channels(s);
        return size == 0 || channels == 0 ? null : new int[] {channels, size, size};
    }

    @Override
    public ArrayDataset trainingData(Settings s) throws IOException {
        return images(s).data();
    }

    @Override
    public TrainingData loadTrainingData(Settings s) throws IOException {
        ImageSet set = images(s);
        int size = set.height();
        if (set.height() != set.width() || !SIZES.contains(size)) {
            throw new IllegalArgumentException("The images in " + set.source() + " are " + set.height() + "×" + set.width()
                    + "; dcgan needs square images of 28, 32 or 64 pixels: pass --set size=32 (or 28, or 64) to"
                    + " centre-crop and resize them");
        }
        Map<String, String> resolved = new LinkedHashMap<>(s.asMap());
        resolved.put(TrainingData.PATH_SETTING, set.source());
        if (!s.string("data.labels").isBlank()) {
            resolved.put("data.labels", Path.of(s.string("data.labels")).toAbsolutePath().normalize().toString());
        }
        resolved.put("size", Integer.toString(size));
        resolved.put("channels", Integer.toString(set.channels()));
        if (DcganArchitecture.conditional(s)) {
            if (!set.data().hasLabels()) {
                throw new IllegalArgumentException("Recipe dcgan with conditional=true trains on labels, but " + set.source()
                        + " has none: put each class's images in a subfolder of their own, or pass a labels .npy with"
                        + " --set data.labels=FILE.npy (or drop --set conditional=true)");
            }
            int fromData = Math.max(2, Math.max(set.classes().size(), classesIn(set.data())));
            int declared = classes(s);
            if (declared != 0 && declared < fromData) {
                throw new IllegalArgumentException("Setting 'classes' of recipe dcgan is " + declared + " but the labels in "
                        + set.source() + " go up to " + (fromData - 1) + "; set it to at least " + fromData + " or leave"
                        + " it at auto");
            }
            resolved.put("classes", Integer.toString(declared != 0 ? declared : fromData));
        }
        return new TrainingData(set.data(), settings(resolved), set.provenance(), set.notes());
    }

    private ImageSet images(Settings s) throws IOException {
        String path = s.string(TrainingData.PATH_SETTING);
        if (path.isBlank()) {
            throw new IllegalArgumentException("Recipe dcgan trains on your own images: pass --data PATH, a folder of"
                    + " images (one subfolder per class for labels) or a .npy array; `gan data inspect PATH` checks them first");
        }
        String labels = s.string("data.labels");
        return ImageSets.read(Path.of(path), labels.isBlank() ? null : Path.of(labels), size(s), channels(s));
    }

    /** The setting {@code size}: 0 for auto, else 28, 32 or 64. */
    private static int size(Settings s) {
        if (s.string("size").equals(AUTO)) {
            return 0;
        }
        int size = s.integer("size");
        if (!SIZES.contains(size)) {
            throw new IllegalArgumentException("Setting 'size' of recipe dcgan must be 28, 32, 64 or auto (the data's own),"
                    + " got " + size);
        }
        return size;
    }

    /** The setting {@code classes}: 0 for auto, else at least 2. */
    private static int classes(Settings s) {
        if (s.string("classes").equals(AUTO)) {
            return 0;
        }
        int k = s.integer("classes");
        if (k < 2) {
            throw new IllegalArgumentException("Setting 'classes' of recipe dcgan must be at least 2 or auto (from the"
                    + " data's labels), got " + k);
        }
        return k;
    }

    /** The largest label + 1. */
    private static int classesIn(ArrayDataset data) {
        return java.util.Arrays.stream(data.labels()).max().orElse(-1) + 1;
    }

    /** The setting {@code channels}: 0 for auto, else 1 or 3. */
    private static int channels(Settings s) {
        if (s.string("channels").equals(AUTO)) {
            return 0;
        }
        int c = s.integer("channels");
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException("Setting 'channels' of recipe dcgan must be 1 (grayscale), 3 (RGB) or auto,"
                    + " got " + c);
        }
        return c;
    }

    @Override
    public GanModel model(Backend b, Rng rng, Settings s, ArrayDataset data) {
        int size = size(s), channels = channels(s);
        if ((size == 0 || channels == 0) && data != null && data.exampleDims().length == 3) {
            size = size == 0 ? data.exampleDims()[1] : size;
            channels = channels == 0 ? data.exampleDims()[0] : channels;
        }
        if (size == 0 || channels == 0) {
            throw new IllegalArgumentException("dcgan's model shape comes from its data: settings 'size' and 'channels'"
                    + " are auto until the data is loaded; set them (e.g. --set size=32 --set channels=3) to build the"
                    + " model without data");
        }
        int classes = 0;
        if (DcganArchitecture.conditional(s)) {
            classes = classes(s);
            if (classes == 0 && data != null && data.hasLabels()) {
                classes = Math.max(2, classesIn(data));
            }
            if (classes == 0) {
                throw new IllegalArgumentException("A conditional dcgan takes its number of classes from labelled data;"
                        + " set it (e.g. --set classes=10) to build the model without data");
            }
        }
        int base = size == 28 ? 7 : 4, blocks = Integer.numberOfTrailingZeros(size / base);
        int latent = s.integer("latent"), gc = s.integer("g.channels"), dc = s.integer("d.channels");
        Layer g = DcganArchitecture.generator(b, rng, latent + classes, base, blocks, gc << (blocks - 1), channels);
        Layer d = DcganArchitecture.discriminator(b, rng, size, channels, blocks, dc, DcganArchitecture.discriminatorNorm(s),
                classes);
        return new GanModel(g, d, NoisePrior.normal(latent, 0, 1), new int[] {channels, size, size}, classes);
    }

    @Override
    public Optimizer discriminatorOptimizer(GanModel m, Settings s) {
        return DcganMnistRecipe.adam(m.discriminator(), s);
    }

    @Override
    public Optimizer generatorOptimizer(GanModel m, Settings s) {
        return DcganMnistRecipe.adam(m.generator(), s);
    }

    @Override
    public TrainingConfig training(Settings s) {
        return TRAINING.training(s);
    }
}
