package dev.adversarial.gan.cli;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code gan bench} prints about the machine next to its timings, because the same commit
 * runs at different speeds on different CPUs (an AVX2 Zen 3 and an AVX-512 Zen 4 gave cpu/djl
 * ratios of 0.95 and 1.43): the CPU model and its vector extensions, the JVM's vector settings,
 * the environment variables that steer libtorch's kernels, and a matrix product's speed.
 */
final class MachineReport {
    /** The square product used as a practical peak: large enough that packing and threading are noise. */
    static final int PEAK_SIZE = 1024;
    /** Extensions worth naming, in /proc/cpuinfo's spelling and as printed. */
    private static final Map<String, String> EXTENSIONS = new LinkedHashMap<>();

    static {
        EXTENSIONS.put("avx2", "AVX2");
        EXTENSIONS.put("fma", "FMA");
        EXTENSIONS.put("avx512f", "AVX-512F");
        EXTENSIONS.put("avx512vl", "AVX-512VL");
    }

    /** Variables that change which kernels libtorch (and MKL, OpenMP inside it) run. */
    private static final List<String> NATIVE_SETTINGS = List.of("ATEN_CPU_CAPABILITY", "MKL_ENABLE_INSTRUCTIONS",
            "OMP_NUM_THREADS", "MKL_NUM_THREADS");

    private MachineReport() {
    }

    /**
     * One line: "AMD EPYC, 2 processors, AVX2 FMA AVX-512F AVX-512VL; Java 17.0.15, UseAVX=3,
     * MaxVectorSize=64", then any libtorch setting from the environment.
     */
    static String describe() {
        List<String> cpuinfo = cpuinfo();
        String model = field(cpuinfo, "model name").orElse(System.getProperty("os.arch"));
        Set<String> flags = field(cpuinfo, "flags").map(f -> Set.of(f.split("\\s+"))).orElse(Set.of());
        String extensions = EXTENSIONS.entrySet().stream().filter(e -> flags.contains(e.getKey()))
                .map(Map.Entry::getValue).collect(Collectors.joining(" "));
        StringBuilder line = new StringBuilder(model).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" processors");
        if (!extensions.isEmpty()) {
            line.append(", ").append(extensions);
        } else if (cpuinfo.isEmpty()) {
            line.append(" (vector extensions unknown: no /proc/cpuinfo)");
        }
        line.append("; Java ").append(System.getProperty("java.version"));
        for (String option : List.of("UseAVX", "MaxVectorSize")) {
            vmOption(option).ifPresent(v -> line.append(", ").append(option).append('=').append(v));
        }
        List<String> settings = new ArrayList<>();
        for (String name : NATIVE_SETTINGS) {
            String value = System.getenv(name);
            if (value != null) {
                settings.add(name + "=" + value);
            }
        }
        if (!settings.isEmpty()) {
            line.append("; ").append(String.join(" ", settings));
        }
        return line.toString();
    }

    /**
     * GFLOP/s of the best of {@code reps} float32 products of two {@code size}² matrices on
     * {@code backend}, after two untimed ones, timed through the public Tensor API.
     */
    static double matmulGflops(Backend backend, int size, int reps) {
        Rng rng = new Rng(1);
        try (Tensor a = backend.uniform(rng, -1, 1, size, size).keep();
             Tensor b = backend.uniform(rng, -1, 1, size, size).keep()) {
            long best = Long.MAX_VALUE;
            for (int i = -2; i < reps; i++) {
                long start = System.nanoTime();
                try (Tensor c = a.matmul(b).keep()) {
                    long ns = System.nanoTime() - start;
                    if (i >= 0) {
                        best = Math.min(best, ns);
                    }
                }
            }
            return 2.0 * size * size * size / best;
        }
    }

    private static List<String> cpuinfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The value of the first "name : value" line of /proc/cpuinfo. */
    private static Optional<String> field(List<String> cpuinfo, String name) {
        return cpuinfo.stream().filter(l -> l.startsWith(name) && l.indexOf(':') > 0)
                .filter(l -> l.substring(0, l.indexOf(':')).trim().equals(name))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
    }

    /** A HotSpot option's value, or empty on other JVMs or where the option does not exist (ARM has no UseAVX). */
    private static Optional<String> vmOption(String name) {
        try {
            com.sun.management.HotSpotDiagnosticMXBean hotspot =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return hotspot == null ? Optional.empty() : Optional.of(hotspot.getVMOption(name).getValue());
        } catch (IllegalArgumentException | LinkageError e) {
            return Optional.empty();
        }
    }
}
