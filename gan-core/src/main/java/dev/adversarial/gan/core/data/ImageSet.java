package dev.adversarial.gan.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A user's images as loaded by {@link ImageFolder} or {@link NpyImages}: the data set (each
 * example channels × height × width, channel-major as PyTorch's CHW, values in [0, 1]) and what
 * a person and run.json want to know about it.
 *
 * @param data     the examples, {@code exampleDims} = [channels, height, width]; labelled when
 *                 the source had classes
 * @param classes  class names in label order (label i is {@code classes.get(i)}); empty when
 *                 unlabelled
 * @param source   the folder or .npy file, as an absolute path
 * @param format   "image folder" or "npy"
 * @param sha256   hex SHA-256 of the source's bytes: the image files' bytes concatenated in
 *                 sorted path order, or the .npy file's (the labels file's comes separately)
 * @param notes    what the loader did that a person should know (alpha dropped, images
 *                 resized, grayscale repeated into RGB, files ignored), one sentence each
 */
public record ImageSet(ArrayDataset data, List<String> classes, String source, String format, String sha256,
                       List<String> notes) {
    public ImageSet {
        int[] dims = data.exampleDims();
        if (dims.length != 3) {
            throw new IllegalArgumentException("An image set's examples are [channels, height, width], got "
                    + java.util.Arrays.toString(dims));
        }
        classes = List.copyOf(classes);
        notes = List.copyOf(notes);
    }

    public int count() {
        return data.size();
    }

    public int channels() {
        return data.exampleDims()[0];
    }

    public int height() {
        return data.exampleDims()[1];
    }

    public int width() {
        return data.exampleDims()[2];
    }

    /** What {@code gan data inspect} prints: one fact per line. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(source + " (" + format + ")");
        lines.add(String.format(Locale.ROOT, "  images    %d", count()));
        lines.add(String.format(Locale.ROOT, "  size      %d×%d pixels (height × width)", height(), width()));
        lines.add("  channels  " + channels() + (channels() == 1 ? " (grayscale)" : " (RGB)"));
        lines.add("  classes   " + (classes.isEmpty() ? "none (unlabelled)" : classes.size() + ": " + classSummary()));
        lines.add("  sha256    " + sha256);
        notes.forEach(n -> lines.add("  note: " + n));
        return lines;
    }

    /** Facts for a run's provenance (run.json's "data" entry). */
    public Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("path", source);
        p.put("format", format);
        p.put("examples", count());
        p.put("channels", channels());
        p.put("height", height());
        p.put("width", width());
        p.put("classes", classes);
        p.put("sha256", sha256);
        return p;
    }

    private String classSummary() {
        int[] counts = new int[classes.size()];
        for (int l : data.labels()) {
            counts[l]++;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < classes.size(); i++) {
            if (i == 12) {
                s.append(", … (").append(classes.size() - i).append(" more)");
                break;
            }
            s.append(i == 0 ? "" : ", ").append(classes.get(i)).append(" (").append(counts[i]).append(')');
        }
        return s.toString();
    }
}
