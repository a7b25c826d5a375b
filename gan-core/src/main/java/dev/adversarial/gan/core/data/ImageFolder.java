package dev.adversarial.gan.core.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * A folder of images (PNG, JPEG, BMP, GIF, decoded by ImageIO) as an {@link ImageSet}. Either
 * the images lie in the folder itself (unlabelled), or each subfolder is a class (torchvision's
 * ImageFolder layout): its name is the class, its images (at any depth below it) the examples,
 * classes numbered in sorted order. Files are read in sorted path order, so labels, the order of
 * examples and the content hash do not depend on the file system.
 *
 * <p>Grayscale and colour may mix: if any image is colour, grayscale ones are repeated into three
 * channels. 16-bit samples are divided by 65535, palettes are looked up, alpha is dropped; each
 * of these is reported as a note. Without a target size every image must have the first one's
 * size; with one, each is centre-cropped to a square and resized. A file that ImageIO cannot
 * decode or that decodes with a warning (a truncated JPEG) is refused by name, as is an empty
 * folder or class.
 */
public final class ImageFolder {
    /** The file name endings read as images; other files are ignored (and reported). */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private ImageFolder() {
    }

    /**
     * @param size     0 to keep the images' size (all must agree), else the side to crop and resize to
     * @param channels 0 for the images' own (RGB if any is colour), else 1 or 3 to convert to
     */
    public static ImageSet read(Path dir, int size, int channels) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder; give a folder of images or a .npy file");
        }
        List<Path> entries = visible(dir);
        List<Path> images = entries.stream().filter(ImageFolder::isImage).toList();
        List<Path> folders = entries.stream().filter(Files::isDirectory).toList();
        List<String> ignored = new ArrayList<>(entries.stream().filter(p -> !isImage(p) && !Files.isDirectory(p))
                .map(p -> dir.relativize(p).toString()).toList());
        if (!images.isEmpty() && !folders.isEmpty()) {
            throw new IOException(dir + " holds both images (e.g. " + images.get(0).getFileName() + ") and subfolders (e.g. "
                    + folders.get(0).getFileName() + "/); put every image into a class subfolder, or move the subfolders out");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        if (folders.isEmpty()) {
            files.addAll(images);
        } else {
            for (Path folder : folders) {
                List<Path> below = new ArrayList<>();
                collect(folder, below, ignored, dir);
                below.sort(null); // one sorted order of paths, whatever the nesting
                if (below.isEmpty()) {
                    throw new IOException(folder + " (class '" + folder.getFileName() + "') holds no images; add some or"
                            + " remove the folder");
                }
                classes.add(folder.getFileName().toString());
                for (Path p : below) {
                    files.add(p);
                    labels.add(classes.size() - 1);
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException(dir + " holds no images (" + String.join(", ", new java.util.TreeSet<>(EXTENSIONS))
                    + "); put the training images in it, or one subfolder of images per class");
        }
        return decodeAll(dir, files, labels.isEmpty() ? null : labels.stream().mapToInt(Integer::intValue).toArray(),
                classes, ignored, size, channels);
    }

    private static ImageSet decodeAll(Path dir, List<Path> files, int[] labels, List<String> classes, List<String> ignored,
                                      int size, int channels) throws IOException {
        MessageDigest sha = ImageSets.sha256();
        List<Pixels> decoded = new ArrayList<>(files.size());
        int colour = 0, alpha = 0, deep = 0, palette = 0;
        Pixels first = null;
        Path firstFile = null;
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            sha.update(bytes);
            BufferedImage img = decode(f, bytes);
            Pixels p = Pixels.of(img);
            if (first == null) {
                first = p;
                firstFile = f;
            } else if (size == 0 && (p.height() != first.height() || p.width() != first.width())) {
                throw new IOException(f + " is " + p.height() + "×" + p.width() + " but the first image (" + firstFile
                        + ") is " + first.height() + "×" + first.width() + "; resize it, or pass --set size=" + Math.min(first.height(),
                        first.width()) + " to centre-crop and resize every image to that square");
            }
            colour += p.channels() == 3 ? 1 : 0;
            alpha += p.hadAlpha() ? 1 : 0;
            deep += img.getColorModel().getComponentSize(0) > 8 ? 1 : 0;
            palette += img.getColorModel() instanceof java.awt.image.IndexColorModel ? 1 : 0;
            decoded.add(size == 0 ? p : p.squareResized(size));
        }
        List<String> notes = new ArrayList<>();
        int c = channels != 0 ? channels : colour > 0 ? 3 : 1;
        if (c == 3 && colour < files.size()) {
            notes.add((files.size() - colour) + " grayscale image(s) were repeated into three channels to match the"
                    + (channels != 0 ? " requested RGB" : " colour ones"));
        }
        if (c == 1 && colour > 0) {
            notes.add(colour + " colour image(s) were converted to grayscale (BT.601 luma) as requested");
        }
        if (alpha > 0) {
            notes.add(alpha + " image(s) had an alpha channel; it was dropped (composite them onto a background first if"
                    + " transparency matters)");
        }
        if (deep > 0) {
            notes.add(deep + " image(s) have 16-bit samples; they were scaled by 1/65535");
        }
        if (palette > 0) {
            notes.add(palette + " palette image(s) were looked up into their colours");
        }
        if (size != 0) {
            notes.add("every image was centre-cropped to a square and resized to " + size + "×" + size);
        }
        if (!ignored.isEmpty()) {
            notes.add(ignored.size() + " file(s) that are not images were ignored (e.g. " + ignored.get(0) + ")");
        }
        int h = decoded.get(0).height(), w = decoded.get(0).width(), plane = c * h * w;
        float[] values = new float[Math.multiplyExact(plane, decoded.size())];
        for (int i = 0; i < decoded.size(); i++) {
            System.arraycopy(decoded.get(i).withChannels(c).values(), 0, values, i * plane, plane);
            decoded.set(i, null); // let each image go once copied
        }
        ArrayDataset data = ArrayDataset.owning(dir.getFileName() + "", values, new int[] {c, h, w}, labels);
        return new ImageSet(data, classes, dir.toAbsolutePath().normalize().toString(), "image folder",
                java.util.HexFormat.of().formatHex(sha.digest()), notes);
    }

    /** Decodes with ImageIO, treating a decoder warning (a truncated or damaged file) as an error. */
    static BufferedImage decode(Path file, byte[] bytes) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(file + " is not an image ImageIO can read (its bytes are no PNG, JPEG, BMP or GIF);"
                        + " re-save it in one of those formats or remove it");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            BufferedImage img;
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((IIOReadWarningListener) (source, warning) -> warnings.add(warning));
                img = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + " cannot be decoded as " + reader.getFormatName().toUpperCase(Locale.ROOT)
                        + " (" + e.getMessage() + "); it is corrupt or truncated: re-export it or remove it", e);
            } finally {
                reader.dispose();
            }
            if (!warnings.isEmpty()) {
                throw new IOException(file + " is damaged (" + warnings.get(0) + "); re-export it or remove it");
            }
            return img;
        }
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT)) && Files.isRegularFile(p);
    }

    /** The folder's entries, hidden ones (".DS_Store", ".git") left out, in sorted order. */
    private static List<Path> visible(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static void collect(Path folder, List<Path> images, List<String> ignored, Path root) throws IOException {
        for (Path p : visible(folder)) {
            if (Files.isDirectory(p)) {
                collect(p, images, ignored, root);
            } else if (isImage(p)) {
                images.add(p);
            } else {
                ignored.add(root.relativize(p).toString());
            }
        }
    }
}
