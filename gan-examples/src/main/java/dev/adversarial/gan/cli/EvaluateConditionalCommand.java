package dev.adversarial.gan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Inject;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.MnistSplits;
import dev.adversarial.gan.core.io.AtomicFiles;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.eval.classifier.EvaluationClassifier;
import dev.adversarial.gan.eval.classifier.ClassConditionalMetrics;
import dev.adversarial.gan.eval.classifier.ClassifierMetrics;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gan evaluate conditional}: does a conditional generator give the class asked for? For
 * each class it draws N samples with that label (noise from the seed), has the data set's
 * evaluation classifier (the one behind fid/kid/score/pr, trained once and cached) classify them,
 * and reports the share it assigns to the asked label, per class and overall, and each class's
 * classifier metrics against that class's real test images ({@link ClassConditionalMetrics}).
 */
@Command(name = "conditional", mixinStandardHelpOptions = true,
        description = {"For a conditional generator: draw N samples of every class, classify them with the evaluation"
                + " classifier, and report the share classified as the label asked for (per class and overall), with"
                + " FID, KID, classifier score and precision/recall of each class's samples against that class's real"
                + " test images.",
                "Example: gan evaluate conditional --checkpoint runs/cgan/checkpoints/latest --n 1000 --json cond.json"})
final class EvaluateConditionalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    GeneratorChoice generatorChoice = new GeneratorChoice();

    @Option(names = "--checkpoint", required = true, paramLabel = "PATH",
            description = "A checkpoint of a conditional recipe, e.g. runs/cgan-mnist/checkpoints/latest.")
    Path checkpoint;

    @Option(names = "--n", paramLabel = "N", description = "Samples per class (default ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    int perClass;

    @Option(names = "--seed", description = "Seed for the noise (default ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--dataset", paramLabel = "NAME", description = "mnist or fashion-mnist (default: the data set the"
            + " checkpoint was trained on).")
    String dataset;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results to this JSON file (atomically).")
    Path json;

    @Option(names = "--batch", description = "Samples per forward pass (default ${DEFAULT-VALUE}).", defaultValue = "500")
    int batch;

    @Mixin
    BackendOptions backendOptions;

    @Inject
    Recipes recipes;

    @Override
    public Integer call() throws Exception {
        if (perClass < ClassConditionalMetrics.MIN_PER_CLASS || batch <= 0) {
            throw new IllegalArgumentException("--n must be at least " + ClassConditionalMetrics.MIN_PER_CLASS
                    + " samples per class (the per-class precision/recall needs that many) and --batch positive; got --n "
                    + perClass + " and --batch " + batch);
        }
        Backend b = backendOptions.backend();
        LoadedCheckpoint loaded = LoadedCheckpoint.load(checkpoint, recipes, b, generatorChoice.raw);
        GanModel model = loaded.model();
        if (!model.isConditional()) {
            throw new IllegalArgumentException("--checkpoint " + checkpoint + " holds an unconditional generator (recipe "
                    + loaded.recipe().name() + "), which takes no class labels; `gan evaluate conditional` needs a"
                    + " conditional recipe's checkpoint (e.g. cgan-mnist). Score unconditional samples with"
                    + " `gan evaluate all --checkpoint " + checkpoint + "`");
        }
        String name = dataset != null ? dataset.toLowerCase(Locale.ROOT)
                : loaded.settings().asMap().getOrDefault("data", "");
        if (!name.equals("mnist") && !name.equals("fashion-mnist")) {
            throw new IllegalArgumentException("The evaluation classifier exists for mnist and fashion-mnist; this"
                    + " checkpoint was trained on '" + name + "'. Pass --dataset mnist or --dataset fashion-mnist if its"
                    + " samples are of one of those");
        }
        MnistSplits data = EvaluationInputs.load(name);
        EvaluationClassifier classifier = EvaluateMetricsCommand.classifier(name, data, b);
        if (model.dataSize() != classifier.spec().inputs() || model.classes() != classifier.spec().classes()) {
            throw new IllegalArgumentException("The generator draws " + model.classes() + " classes of " + model.dataSize()
                    + " values but the " + name + " classifier takes " + classifier.spec().classes() + " classes of "
                    + classifier.spec().inputs() + "; evaluate it against the data set it was trained on");
        }

        int classes = model.classes(), n = classes * perClass;
        int[] asked = new int[n];
        for (int i = 0; i < n; i++) {
            asked[i] = i / perClass;
        }
        System.out.printf("Drawing %d samples of each of %d classes from %s (epoch %s, seed %d) and classifying them with"
                + " the %s classifier %s (test accuracy %.2f%%)...%n", perClass, classes, checkpoint,
                loaded.checkpoint().metadata().getOrDefault("epoch", "?"), seed, name, classifier.spec().version(),
                100 * classifier.testAccuracy());
        float[] samples = Sampler.generate(model, b, Sampler.noise(model.prior(), new Rng(seed), n), asked, n, batch);
        ClassifierMetrics.Options options = new ClassifierMetrics.Options(ClassifierMetrics.Options.DEFAULT.kidSubsets(),
                ClassifierMetrics.Options.DEFAULT.kidSubsetSize(), ClassifierMetrics.Options.DEFAULT.scoreSplits(), seed);
        ClassConditionalMetrics.Report r = ClassConditionalMetrics.compute(classifier.model(), b, samples, asked,
                data.test(), options);
        System.out.print(r.describe());
        System.out.printf("(accuracy: the share of samples the classifier assigns to the label asked for; the other"
                + " columns compare each class's samples with the %s test images of that class, %d in all)%n", name,
                data.test().size());
        if (json != null) {
            AtomicFiles.write(json, out -> JSON.writeValue(out, asJson(loaded, name, classifier, r)));
            System.out.println("Wrote " + json);
        }
        return 0;
    }

    private Map<String, Object> asJson(LoadedCheckpoint loaded, String name, EvaluationClassifier classifier,
                                       ClassConditionalMetrics.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", "conditional");
        m.put("dataset", name);
        m.put("checkpoint", checkpoint.toString());
        m.put("recipe", loaded.recipe().name());
        m.put("epoch", loaded.checkpoint().metadata().getOrDefault("epoch", "?"));
        m.put("generator_weights", loaded.averaged() ? "moving average (ema)" : "generator");
        m.put("seed", seed);
        m.put("samples_per_class", perClass);
        m.put("classifier", EvaluateMetricsCommand.describe(classifier));
        m.put("accuracy", r.accuracy());
        m.put("samples", r.samples());
        m.put("classes", r.classes().stream().map(ClassConditionalMetrics.ClassReport::asMap).toList());
        m.put("confusion", r.confusion());
        return m;
    }
}
