package dev.adversarial.gan.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 28×28 greyscale images of clothing in ten
 * classes, a drop-in replacement for MNIST with the same file layout. The project uses it as its
 * second real data set because the paper's TFD is not publicly distributed.
 *
 * <p>On these machines it comes from the Debian package {@code dataset-fashion-mnist}, which
 * installs the four gzipped IDX files under {@code /usr/share/datasets/fashion-mnist/}. Nothing
 * is downloaded here: the files are read where they are. An uncompressed copy (the same names
 * without {@code .gz}) is accepted too, since {@link IdxReader} recognises gzip by content.
 *
 * <p>Splits follow the MNIST convention of the paper's code: train[0:50000], validation =
 * train[50000:60000], test = the 10,000 test images (see {@link MnistSplits}).
 */
public final class FashionMnist {
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    public static final List<String> FILE_NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /** Class names, indexed by label, from the Fashion-MNIST README. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /** Fashion-MNIST from its default place ({@link #defaultDir()}). */
    public static MnistSplits load() throws IOException {
        return load(null);
    }

    /**
     * Where Fashion-MNIST is read from by default: {@code DATA_DIR/fashion-mnist} when that
     * directory exists, DATA_DIR being the data directory of {@link DataPaths#cacheDir()} (so
     * {@code GAN_DATA_DIR} and {@code -Dgan.data.dir} move it as they move MNIST), else the
     * Debian package's {@link DataPaths#FASHION_MNIST_SYSTEM_DIR}.
     */
    public static Path defaultDir() {
        Path own = DataPaths.cacheDir().resolve(SUBDIRECTORY);
        return Files.isDirectory(own) ? own : DataPaths.FASHION_MNIST_SYSTEM_DIR;
    }

    /** The subdirectory of the data directory that may hold the four files. */
    public static final String SUBDIRECTORY = "fashion-mnist";

    /**
     * Fashion-MNIST from {@code dirOrNull}, or from {@link #defaultDir()} when null, with the
     * paper's MNIST splits (50,000 / 10,000 / 10,000).
     */
    public static MnistSplits load(Path dirOrNull) throws IOException {
        Path dir = (dirOrNull == null ? defaultDir() : dirOrNull).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "Fashion-MNIST directory does not exist. "
                    + howToInstall(dir));
        }
        List<String> missing = new ArrayList<>();
        Path[] files = new Path[FILE_NAMES.size()];
        for (int i = 0; i < files.length; i++) {
            files[i] = locate(dir, FILE_NAMES.get(i));
            if (files[i] == null) {
                missing.add(FILE_NAMES.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new NoSuchFileException(dir.resolve(missing.get(0)).toString(), null, "Fashion-MNIST file"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " missing from " + dir + ". "
                    + howToInstall(dir));
        }
        IdxReader.LabelledImages train = IdxReader.readImagesAndLabels(files[0], files[1]);
        IdxReader.LabelledImages test = IdxReader.readImagesAndLabels(files[2], files[3]);
        return MnistSplits.paperSplits("fashion-mnist", train, test);
    }

    /** {@code name} in {@code dir}, else the same name without {@code .gz}, else null. */
    private static Path locate(Path dir, String name) {
        Path gz = dir.resolve(name);
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = dir.resolve(name.substring(0, name.length() - ".gz".length()));
        return Files.isRegularFile(raw) ? raw : null;
    }

    private static String howToInstall(Path dir) {
        String files = String.join(", ", FILE_NAMES);
        if (dir.equals(DataPaths.FASHION_MNIST_SYSTEM_DIR)) {
            return "Install the Debian package " + DEBIAN_PACKAGE + " (sudo apt-get install " + DEBIAN_PACKAGE
                    + "), which puts " + files + " there, or put those four files in DATA_DIR/" + SUBDIRECTORY
                    + ", where DATA_DIR is " + DataPaths.PROPERTY + " or " + DataPaths.ENVIRONMENT + " if set, else"
                    + " ~/.cache/gan.";
        }
        return "Put " + files + " there (the Debian package " + DEBIAN_PACKAGE + " installs them under "
                + DataPaths.FASHION_MNIST_SYSTEM_DIR + ": apt-get install " + DEBIAN_PACKAGE
                + "; they are also at https://github.com/zalandoresearch/fashion-mnist), or pass null to use "
                + DataPaths.FASHION_MNIST_SYSTEM_DIR + ".";
    }
}
