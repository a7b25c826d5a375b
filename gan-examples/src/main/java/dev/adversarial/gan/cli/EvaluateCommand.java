package dev.adversarial.gan.cli;

import dev.adversarial.gan.core.data.MnistSplits;
import dev.adversarial.gan.eval.parzen.ParzenWindow;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gan evaluate}: the paper's Parzen-window log-likelihood, the classifier-based metrics
 * (FID, KID, classifier score, precision/recall), a conditional generator's accuracy on the
 * classes asked for, mode coverage on the 2-D mixtures, the theory
 * of a 1-D game (Theorem 1 by quadrature), and the
 * paper's Figures 2 and 3. Each subcommand prints its numbers and can write them as JSON, so a
 * script can evaluate every checkpoint of a run.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate samples, a checkpoint, or real images standing in as samples; every metric"
                + " prints its numbers and can write them with --json FILE.",
        subcommands = {EvaluateCommand.Parzen.class, EvaluateMetricsCommand.Fid.class, EvaluateMetricsCommand.Kid.class,
            EvaluateMetricsCommand.Score.class, EvaluateMetricsCommand.Pr.class, EvaluateMetricsCommand.All.class,
            EvaluateMetricsCommand.Classifier.class, EvaluateConditionalCommand.class, EvaluateModesCommand.class, EvaluateTheoryCommand.class,
            EvaluateFiguresCommand.class,
            EvaluateCurveCommand.class})
final class EvaluateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name what to evaluate: parzen, fid, kid, score, pr,"
                + " all, classifier, conditional, modes, theory, figures or curve (see `gan evaluate --help`)");
    }

    /**
     * {@code gan evaluate parzen}: the Parzen-window log-likelihood by the protocol of the paper's
     * parzen_ll.py (see {@link ParzenWindow}): σ from logspace(-1, 0, 10) on the first 1,000
     * validation images, mean ± standard error over the 10,000 test images.
     */
    @Command(name = "parzen", mixinStandardHelpOptions = true,
            description = {"Parzen-window log-likelihood of the test images under a Gaussian kernel density on the samples"
                    + " (Goodfellow et al. 2014, Table 1).",
                "Example: gan evaluate parzen --samples s.npy --dataset mnist --json parzen.json",
                "Reference: gan evaluate parzen --real-samples train --dataset mnist (10,000 training images as samples)."})
    static final class Parzen implements Callable<Integer> {
        @Mixin
        EvaluationInputs in;

        @Override
        public Integer call() throws Exception {
            in.requireOneSource();
            String split = in.split();
            if ("test".equals(split) || "validation".equals(split)) {
                throw new IllegalArgumentException("The Parzen protocol scores the test images and tunes σ on the validation"
                        + " images, so neither can serve as the samples; use --real-samples train for the real-data"
                        + " reference");
            }
            String datasetName = in.datasetName();
            MnistSplits data = EvaluationInputs.load(datasetName);
            EvaluationInputs.Samples s = in.samples(data);
            if (s.count() != ParzenWindow.PAPER_SAMPLES) {
                System.err.printf("Note: the paper's protocol uses %d samples; these are %d, so the number is not"
                        + " comparable with Table 1.%n", ParzenWindow.PAPER_SAMPLES, s.count());
            }
            int d = data.train().exampleSize();
            int nv = Math.min(ParzenWindow.PAPER_VALIDATION, data.validation().size());
            float[] validation = Arrays.copyOf(data.validation().values(), nv * d);
            System.out.printf("Parzen window on %d samples (%s); choosing σ on %d validation images, scoring %d test"
                    + " images...%n", s.count(), s.source(), nv, data.test().size());
            ParzenWindow.Result r = new ParzenWindow(s.values(), s.count(), d)
                    .evaluate(validation, nv, data.test().values(), data.test().size());
            for (int k = 0; k < r.sigmas().length; k++) {
                System.out.printf(Locale.ROOT, "  σ = %.4f: validation mean log-likelihood %10.2f%s%n", r.sigmas()[k],
                        r.validationMeans()[k], r.sigmas()[k] == r.sigma() ? "  <- chosen" : "");
            }
            System.out.printf(Locale.ROOT, "sigma %.4f%nmean %.2f%nstandard error %.2f%n(%.1f s)%n", r.sigma(), r.mean(),
                    r.standardError(), r.seconds());
            Map<String, Object> json = in.header("parzen", datasetName, s);
            json.put("sigma", r.sigma());
            json.put("mean", r.mean());
            json.put("standard_error", r.standardError());
            json.put("validation_images", r.validationImages());
            json.put("test_images", r.testImages());
            json.put("sigmas", r.sigmas());
            json.put("validation_means", r.validationMeans());
            json.put("seconds", r.seconds());
            in.writeJson(json);
            return 0;
        }
    }
}
