package dev.adversarial.gan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gan evaluate}: the paper's Parzen-window log-likelihood, the classifier-based metrics
 * (FID, KID, classifier score, precision/recall), mode coverage on the 2-D mixtures, and the
 * paper's Figures 2 and 3. Each subcommand prints its numbers and can write them as JSON, so a
 * script can evaluate every checkpoint of a run.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate samples, a checkpoint, or real images standing in as samples; every metric"
                + " prints its numbers and can write them with --json FILE.",
        subcommands = {EvaluateParzenCommand.class, EvaluateMetricsCommand.Fid.class, EvaluateMetricsCommand.Kid.class,
            EvaluateMetricsCommand.Score.class, EvaluateMetricsCommand.Pr.class, EvaluateMetricsCommand.All.class,
            EvaluateMetricsCommand.Classifier.class, EvaluateModesCommand.class, EvaluateFiguresCommand.class})
final class EvaluateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name what to evaluate: parzen, fid, kid, score, pr,"
                + " all, classifier, modes or figures (see `gan evaluate --help`)");
    }
}
