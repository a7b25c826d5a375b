package dev.adversarial.gan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The machine a number was measured on, in the words docs use: CPU model, cores the JVM sees and
 * the vector extensions that decide kernel speed (from /proc/cpuinfo on Linux). Timings from a
 * 2-core AVX2 machine and an AVX-512 one are not comparable, so every summary records this.
 */
final class Machine {
    /** Extensions worth naming, in the order they are printed. */
    private static final List<String> VECTOR_FLAGS = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw",
            "avx512vl", "avx512_vnni", "avx512_bf16", "amx_tile", "asimd", "sve");

    private Machine() {
    }

    /** E.g. "AMD EPYC 9454P (2 cores; avx avx2 fma avx512f ...)". */
    static String describe() {
        return describe(Path.of("/proc/cpuinfo"));
    }

    static String describe(Path cpuinfo) {
        int cores = Runtime.getRuntime().availableProcessors();
        String model = System.getProperty("os.arch");
        Set<String> flags = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (key.equals("model name") && model.equals(System.getProperty("os.arch"))) {
                    model = value;
                } else if ((key.equals("flags") || key.equals("Features")) && flags.isEmpty()) {
                    flags.addAll(List.of(value.split("\\s+")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc/cpuinfo (macOS, Windows): the architecture and core count still say something.
            return model + " (" + cores + " cores; vector extensions unknown: " + cpuinfo + " unreadable)";
        }
        List<String> vector = new ArrayList<>();
        for (String f : VECTOR_FLAGS) {
            if (flags.contains(f)) {
                vector.add(f);
            }
        }
        return model + " (" + cores + " cores; " + (vector.isEmpty() ? "no AVX/NEON" : String.join(" ", vector)) + ")";
    }
}
