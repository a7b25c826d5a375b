package dev.adversarial.gan.core.onnx;

import dev.adversarial.gan.core.provenance.Provenance;
import dev.adversarial.gan.core.train.NoisePrior;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an exported generator's metadata_props say, so that any runtime can use the file without
 * this project: the noise to feed it ({@code latent_size}, {@code noise_prior} and its parameters
 * {@code noise_low}/{@code noise_high} or {@code noise_mean}/{@code noise_std}), what comes out
 * ({@code data_shape} as a list such as {@code [784]}, and the interval
 * {@code output_low}/{@code output_high} the values are guaranteed to lie in, ±Infinity when
 * unbounded), plus provenance: by convention {@code recipe}, {@code seed}, {@code gan_version}
 * and whatever else the caller records (the training epoch, settings, …).
 *
 * <p>All values are strings, as ONNX requires; numbers use Java's shortest round-tripping form,
 * which Python's {@code float()} and {@code int()} read (including "Infinity").
 */
public record GeneratorMetadata(NoisePrior prior, int[] dataShape, double outputLow, double outputHigh,
                                Map<String, String> provenance) {
    public static final String DATA_SHAPE = "data_shape";
    public static final String OUTPUT_LOW = "output_low";
    public static final String OUTPUT_HIGH = "output_high";
    /** Conventional provenance keys (what {@code gan export} records). */
    public static final String RECIPE = "recipe";
    public static final String SEED = "seed";
    public static final String GAN_VERSION = "gan_version";

    /** Keys that describe the model's interface; provenance may not reuse them. */
    private static final Set<String> STRUCTURAL = Set.of("noise_prior", "latent_size", "noise_low", "noise_high",
            "noise_mean", "noise_std", DATA_SHAPE, OUTPUT_LOW, OUTPUT_HIGH);

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
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
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
        return new GeneratorMetadata(prior, shape, low, high, provenance);
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
                && g.provenance.equals(provenance);
    }

    @Override
    public int hashCode() {
        return prior.hashCode() * 31 + Arrays.hashCode(dataShape);
    }
}
