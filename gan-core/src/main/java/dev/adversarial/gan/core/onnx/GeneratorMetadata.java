package dev.adversarial.gan.core.onnx;

import dev.adversarial.gan.core.provenance.Provenance;
import dev.adversarial.gan.core.train.NoisePrior;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What an exported generator's metadata_props say, so that any runtime can use the file without
 * this project: the noise to feed it ({@code latent_size}, {@code noise_prior} and its parameters
 * {@code noise_low}/{@code noise_high} or {@code noise_mean}/{@code noise_std}), what comes out
 * ({@code data_shape} as a list such as {@code [784]}, and the interval
 * {@code output_low}/{@code output_high} the values are guaranteed to lie in, ±Infinity when
 * unbounded), for a conditional generator the {@code classes} its {@code label} input takes, in
 * order of their index ("0,1,2,…,9"), plus provenance: by convention {@code recipe}, {@code seed},
 * {@code gan_version} and whatever else the caller records (the training epoch, settings, …).
 *
 * <p>All values are strings, as ONNX requires; numbers use Java's shortest round-tripping form,
 * which Python's {@code float()} and {@code int()} read (including "Infinity").
 */
public record GeneratorMetadata(NoisePrior prior, int[] dataShape, double outputLow, double outputHigh,
                                List<String> classes, Map<String, String> provenance) {
    public static final String DATA_SHAPE = "data_shape";
    public static final String OUTPUT_LOW = "output_low";
    public static final String OUTPUT_HIGH = "output_high";
    /** The class names of a conditional generator, comma-separated, label 0 first; absent when unconditional. */
    public static final String CLASSES = "classes";
    /** Conventional provenance keys (what {@code gan export} records). */
    public static final String RECIPE = "recipe";
    public static final String SEED = "seed";
    public static final String GAN_VERSION = "gan_version";

    /** Keys that describe the model's interface; provenance may not reuse them. */
    private static final Set<String> STRUCTURAL = Set.of("noise_prior", "latent_size", "noise_low", "noise_high",
            "noise_mean", "noise_std", DATA_SHAPE, OUTPUT_LOW, OUTPUT_HIGH, CLASSES);

    public GeneratorMetadata {
        if (prior == null) {
            throw new IllegalArgumentException("Generator metadata needs the noise prior");
        }
        dataShape = dataShape.clone();
        if (dataShape.length == 0 || Arrays.stream(dataShape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("The data shape must be a non-empty list of positive sizes, got "
                    + Arrays.toString(dataShape));
        }
        if (!(outputLow <= outputHigh)) {
            throw new IllegalArgumentException("The output range [" + outputLow + ", " + outputHigh + "] is empty");
        }
        for (String key : provenance.keySet()) {
            if (STRUCTURAL.contains(key)) {
                throw new IllegalArgumentException("Provenance key '" + key + "' is reserved for the model's interface"
                        + " (reserved: " + STRUCTURAL + "); record it under another name");
            }
        }
        classes = List.copyOf(classes);
        if (classes.size() == 1) {
            throw new IllegalArgumentException("A conditional generator has at least 2 classes, got " + classes);
        }
        for (String c : classes) {
            if (c.isBlank() || c.contains(",")) {
                throw new IllegalArgumentException("Class names must be non-blank and free of commas (they are stored"
                        + " comma-separated), got '" + c + "'");
            }
        }
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /** An unconditional generator's metadata. */
    public GeneratorMetadata(NoisePrior prior, int[] dataShape, double outputLow, double outputHigh,
                             Map<String, String> provenance) {
        this(prior, dataShape, outputLow, outputHigh, List.of(), provenance);
    }

    /** Class names "0", "1", …, for a model that knows only how many classes it has. */
    public static List<String> numberedClasses(int count) {
        return IntStream.range(0, count).mapToObj(Integer::toString).toList();
    }

    /** Whether the generator takes a class label beside its noise. */
    public boolean isConditional() {
        return !classes.isEmpty();
    }

    /**
     * The provenance of the run that trained the weights, as {@code gan export} records it
     * ({@link Provenance#toMetadata()} entries among this metadata).
     */
    public Provenance trainingProvenance() {
        return Provenance.fromMetadata(provenance, "The model's metadata");
    }

    @Override
    public int[] dataShape() {
        return dataShape.clone();
    }

    /** Values in one sample. */
    public int dataSize() {
        return Arrays.stream(dataShape).reduce(1, (a, b) -> a * b);
    }

    /** The metadata_props entries, interface first, then provenance. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>(prior.describe());
        m.put(DATA_SHAPE, Arrays.stream(dataShape).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]")));
        m.put(OUTPUT_LOW, Double.toString(outputLow));
        m.put(OUTPUT_HIGH, Double.toString(outputHigh));
        if (isConditional()) {
            m.put(CLASSES, String.join(",", classes));
        }
        m.putAll(provenance);
        return m;
    }

    /** Reads what {@link #toMap()} wrote; every entry that is not part of the interface is provenance. */
    public static GeneratorMetadata fromMap(Map<String, String> m) {
        NoisePrior prior;
        try {
            prior = NoisePrior.fromDescription(m);
        } catch (IllegalArgumentException e) {
            throw notExported(e.getMessage());
        }
        int[] shape = parseShape(required(m, DATA_SHAPE));
        double low = parseDouble(m, OUTPUT_LOW), high = parseDouble(m, OUTPUT_HIGH);
        Map<String, String> provenance = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!STRUCTURAL.contains(k)) {
                provenance.put(k, v);
            }
        });
        String classes = m.get(CLASSES);
        List<String> names = classes == null ? List.of() : Arrays.stream(classes.split(",", -1)).map(String::trim).toList();
        try {
            return new GeneratorMetadata(prior, shape, low, high, names, provenance);
        } catch (IllegalArgumentException e) {
            throw notExported(e.getMessage());
        }
    }

    private static int[] parseShape(String text) {
        String t = text.trim();
        if (!t.startsWith("[") || !t.endsWith("]")) {
            throw notExported(DATA_SHAPE + " must look like [28, 28], got '" + text + "'");
        }
        try {
            return Arrays.stream(t.substring(1, t.length() - 1).split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw notExported(DATA_SHAPE + " must list whole numbers, got '" + text + "'");
        }
    }

    private static double parseDouble(Map<String, String> m, String key) {
        try {
            return Double.parseDouble(required(m, key));
        } catch (NumberFormatException e) {
            throw notExported(key + " must be a number, got '" + m.get(key) + "'");
        }
    }

    private static String required(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw notExported("it has no '" + key + "' entry");
        }
        return v;
    }

    private static IllegalArgumentException notExported(String why) {
        return new IllegalArgumentException("The model's metadata does not describe a generator (" + why
                + "); export the generator with `gan export` or OnnxExporter.exportGenerator");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratorMetadata g && g.prior.equals(prior) && Arrays.equals(g.dataShape, dataShape)
                && Double.compare(g.outputLow, outputLow) == 0 && Double.compare(g.outputHigh, outputHigh) == 0
                && g.classes.equals(classes) && g.provenance.equals(provenance);
    }

    @Override
    public int hashCode() {
        return prior.hashCode() * 31 + Arrays.hashCode(dataShape);
    }
}
