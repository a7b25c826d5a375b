package dev.adversarial.gan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adversarial.gan.eval.figures.LearningCurvePlot;
import dev.adversarial.gan.eval.figures.LearningCurvePlot.Panel;
import dev.adversarial.gan.eval.figures.LearningCurvePlot.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gan evaluate curve}: gathers the JSON files that {@code gan evaluate parzen --json} and
 * {@code gan evaluate all --json} wrote for a run's checkpoints, prints them as one Markdown table
 * by epoch, and draws Parzen and FID against epochs as a PNG.
 */
@Command(name = "curve", mixinStandardHelpOptions = true,
        description = {"Learning curve of a run from the --json files of `gan evaluate parzen` and `gan evaluate all`"
                + " on its checkpoints: a Markdown table by epoch, and Parzen and FID against epochs as a PNG.",
                "Example: gan evaluate curve --dir runs/repro/eval --out curve.png"})
final class EvaluateCurveCommand implements Callable<Integer> {
    /** The paper's Table 1 value for MNIST, drawn as the target line. */
    private static final double PAPER_PARZEN = 225;
    private static final Pattern EPOCH = Pattern.compile("epoch (\\d{1,9})\\b");

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Folder holding the JSON files.")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE.png", description = "Where to draw the curve (default: none).")
    Path out;

    @Option(names = "--title", description = "Title of the figure (default: ${DEFAULT-VALUE}).",
            defaultValue = "paper-mnist on the CPU backend")
    String title;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder; pass the folder where `gan evaluate ... --json`"
                    + " wrote its files");
        }
        TreeMap<Integer, JsonNode> parzen = new TreeMap<>(), all = new TreeMap<>();
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode n;
                try {
                    n = mapper.readTree(f.toFile());
                } catch (IOException e) {
                    throw new IllegalArgumentException(f + " in " + dir + " is not JSON (" + (e instanceof
                            com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage())
                            + "); --dir should hold only the files that `gan evaluate ... --json` wrote");
                }
                Matcher m = EPOCH.matcher(n.path("samples_source").asText());
                if (!m.find()) {
                    continue; // not scored from a checkpoint: no epoch to place it at
                }
                int epoch = Integer.parseInt(m.group(1));
                switch (n.path("metric").asText()) {
                    case "parzen" -> parzen.put(epoch, n);
                    case "all" -> all.put(epoch, n);
                    default -> { }
                }
            }
        }
        if (parzen.isEmpty() && all.isEmpty()) {
            throw new IllegalArgumentException("No `gan evaluate parzen|all --checkpoint ... --json` results in " + dir);
        }
        System.out.println("| epoch | Parzen log-likelihood | σ | FID | KID | classifier score | precision | recall |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        TreeMap<Integer, Boolean> epochs = new TreeMap<>();
        parzen.keySet().forEach(e -> epochs.put(e, true));
        all.keySet().forEach(e -> epochs.put(e, true));
        for (int e : epochs.keySet()) {
            JsonNode p = parzen.get(e), a = all.get(e);
            System.out.println(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s |", e,
                    p == null ? "" : String.format(Locale.ROOT, "%.1f ± %.1f", p.get("mean").asDouble(),
                            p.get("standard_error").asDouble()),
                    p == null ? "" : String.format(Locale.ROOT, "%.3f", p.get("sigma").asDouble()),
                    a == null ? "" : String.format(Locale.ROOT, "%.2f", a.get("fid").asDouble()),
                    a == null ? "" : String.format(Locale.ROOT, "%.3f", a.get("kid").asDouble()),
                    a == null ? "" : String.format(Locale.ROOT, "%.2f", a.get("classifier_score").asDouble()),
                    a == null ? "" : String.format(Locale.ROOT, "%.3f", a.get("precision").asDouble()),
                    a == null ? "" : String.format(Locale.ROOT, "%.3f", a.get("recall").asDouble())));
        }
        if (out != null) {
            List<Panel> panels = new ArrayList<>();
            if (!parzen.isEmpty()) {
                List<Point> pts = new ArrayList<>();
                parzen.forEach((e, n) -> pts.add(new Point(e, n.get("mean").asDouble(), n.get("standard_error").asDouble())));
                panels.add(new Panel("Parzen log-likelihood (test)", pts, PAPER_PARZEN, "paper: 225 ± 2"));
            }
            if (!all.isEmpty()) {
                List<Point> pts = new ArrayList<>();
                all.forEach((e, n) -> pts.add(new Point(e, n.get("fid").asDouble(), 0)));
                panels.add(new Panel("FID (classifier features)", pts, Double.NaN, null));
            }
            LearningCurvePlot.write(panels, out, title);
            System.out.println("Wrote " + out);
        }
        return 0;
    }
}
