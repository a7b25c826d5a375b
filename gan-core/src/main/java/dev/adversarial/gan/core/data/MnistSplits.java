package dev.adversarial.gan.core.data;

import java.io.IOException;

/**
 * The three parts of an MNIST-format data set as the paper's code (goodfeli/adversarial,
 * mnist.yaml) used them: training = train[0:50000], validation = train[50000:60000], test = the
 * 10,000 test images. The validation part is what the Parzen-window protocol tunes its bandwidth
 * on, so it must never overlap the training part. Shared by {@link Mnist} and {@link FashionMnist},
 * whose files have the same layout.
 */
public record MnistSplits(ArrayDataset train, ArrayDataset validation, ArrayDataset test) {
    /** Examples in the original training file. */
    public static final int TRAIN_FILE_COUNT = 60_000;
    /** Examples in the original test file. */
    public static final int TEST_FILE_COUNT = 10_000;
    /** Where the paper's code cut the training file into training and validation. */
    public static final int TRAIN_SPLIT = 50_000;

    public MnistSplits {
        if (train == null || validation == null || test == null) {
            throw new IllegalArgumentException("MnistSplits needs all three parts, got train=" + train
                    + ", validation=" + validation + ", test=" + test);
        }
    }

    /**
     * Cuts the paper's splits out of a training file and a test file, named {@code prefix-train},
     * {@code prefix-validation} and {@code prefix-test}. Fails when the files do not hold 60,000
     * and 10,000 examples, since the split points would then mean something else.
     */
    public static MnistSplits paperSplits(String prefix, IdxReader.LabelledImages trainFile,
            IdxReader.LabelledImages testFile) throws IOException {
        if (trainFile.count() != TRAIN_FILE_COUNT) {
            throw new IOException(trainFile.images().source() + " holds " + trainFile.count() + " examples; the"
                    + " paper's split (train[0:50000], validation[50000:60000]) needs the full " + TRAIN_FILE_COUNT);
        }
        if (testFile.count() != TEST_FILE_COUNT) {
            throw new IOException(testFile.images().source() + " holds " + testFile.count() + " examples; the"
                    + " paper's test set is the full " + TEST_FILE_COUNT);
        }
        return new MnistSplits(
                trainFile.toDataset(prefix + "-train", 0, TRAIN_SPLIT),
                trainFile.toDataset(prefix + "-validation", TRAIN_SPLIT, TRAIN_FILE_COUNT),
                testFile.toDataset(prefix + "-test", 0, TEST_FILE_COUNT));
    }
}
