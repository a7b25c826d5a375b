package dev.adversarial.gan.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A user's images from wherever they are: a folder ({@link ImageFolder}) or a .npy array
 * ({@link NpyImages}), chosen by what the path is.
 */
public final class ImageSets {
    private ImageSets() {
    }

    /**
     * @param labelsOrNull a labels .npy for a .npy array (a folder's labels are its subfolders)
     * @param size         0 to keep the images' size, else 8 or more: centre-crop and resize to size × size
     * @param channels     0 for the images' own, else 1 (grayscale) or 3 (RGB)
     */
    public static ImageSet read(Path path, Path labelsOrNull, int size, int channels) throws IOException {
        if (size != 0 && size < 8) {
            throw new IllegalArgumentException("The image size must be at least 8 pixels, got " + size);
        }
        if (channels != 0 && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("Images have 1 (grayscale) or 3 (RGB) channels, got " + channels);
        }
        if (Files.isDirectory(path)) {
            if (labelsOrNull != null) {
                throw new IllegalArgumentException("Labels of an image folder come from its subfolders (one per class);"
                        + " a labels file (" + labelsOrNull + ") goes only with a .npy array");
            }
            return ImageFolder.read(path, size, channels);
        }
        if (path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            if (!Files.exists(path)) {
                throw new IOException("No file at " + path + "; check the path");
            }
            return NpyImages.read(path, labelsOrNull, size, channels);
        }
        if (!Files.exists(path)) {
            throw new IOException("Nothing at " + path + "; give a folder of images or a .npy file");
        }
        throw new IOException(path + " is neither a folder of images nor a .npy file; put the images in a folder (one"
                + " subfolder per class for labels) or save them with np.save");
    }

    /** A fresh SHA-256 digest, for hashing many files in turn ({@link Mnist#sha256} hashes one array). */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
