package dev.adversarial.gan.recipes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adversarial.gan.core.io.AtomicFiles;
import dev.adversarial.gan.eval.figures.Figure1Plot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The panels of figure-1.png kept beside it as JSON (figure-1.png.panels.json), so that a resumed
 * run redraws the moments drawn before it stopped instead of losing them. Panels are stored as
 * Figure1Plot's own records (Jackson maps records field by field), so the file follows that
 * record as it grows.
 */
final class Figure1Panels {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EPOCH = Pattern.compile("epoch (\\d{1,9})");

    private Figure1Panels() {
    }

    static Path file(Path png) {
        return png.resolveSibling(png.getFileName() + ".panels.json");
    }

    static void save(Path png, List<Figure1Plot.Snapshot> panels) throws IOException {
        AtomicFiles.write(file(png), out -> JSON.writeValue(out, panels));
    }

    /**
     * The saved panels a resumed run keeps: those of epochs it has completed ({@code throughEpoch})
     * that are among its moments, which an extended run ({@code --epochs}) may have moved. A file
     * that does not read is reported and ignored: the figure is a picture, not training state.
     */
    static List<Figure1Plot.Snapshot> load(Path png, int throughEpoch, Set<Integer> moments) {
        Path f = file(png);
        List<Figure1Plot.Snapshot> kept = new ArrayList<>();
        if (!Files.exists(f)) {
            return kept;
        }
        try {
            for (Figure1Plot.Snapshot s : JSON.readValue(f.toFile(), new TypeReference<List<Figure1Plot.Snapshot>>() { })) {
                Matcher m = EPOCH.matcher(s.label());
                if (m.matches()) {
                    int epoch = Integer.parseInt(m.group(1));
                    if (epoch <= throughEpoch && moments.contains(epoch)) {
                        kept.add(s);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("Note: " + f + " cannot be read (" + e.getMessage() + "); " + png.getFileName()
                    + " will show only the moments from now on");
            kept.clear();
        }
        return kept;
    }
}
