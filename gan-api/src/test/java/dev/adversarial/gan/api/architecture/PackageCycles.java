package dev.adversarial.gan.api.architecture;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * The check that this project's packages depend on each other one way only. Each module's tests
 * call {@link #assertNoneOnClassPath()}, which looks at every main-class root of the project on
 * the test class path (the module itself and the gan modules it depends on; never test
 * classes) and fails on the first package cycle it finds, naming it.
 *
 * <p>Dependencies come from jdeps, which ships with the JDK and runs in-process here: it reads
 * bytecode, so it sees every reference the compiler kept (fully qualified names in code
 * included) and none that it dropped (javadoc links), with no parsing of Java source and no
 * library beyond the JDK.
 */
public final class PackageCycles {
    /** The project's packages; dependencies outside them cannot close a cycle inside. */
    static final String PROJECT_PACKAGES = "dev\\.adversarial\\.gan\\..*";
    private static final String PROJECT_PATH = "dev/adversarial/gan/";
    /** One line of {@code jdeps -verbose:package}: "   from.pkg   ->   to.pkg   archive". */
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)(\\s.*)?$");

    private PackageCycles() {
    }

    /** Fails, naming the cycle, when the project's main classes on the class path have one. */
    public static void assertNoneOnClassPath() {
        List<Path> roots = projectClassRoots(System.getProperty("java.class.path"));
        if (roots.isEmpty()) {
            throw new AssertionError("No main classes of this project (" + PROJECT_PATH + ") on the test class path "
                    + "to check for package cycles; run the test through Maven after compiling.");
        }
        assertAcyclic(packageGraph(jdeps(roots)), roots.toString());
    }

    /** Fails with a message naming the cycle when {@code graph} has one; {@code where} says whose graph it is. */
    static void assertAcyclic(Map<String, Set<String>> graph, String where) {
        List<String> cycle = findCycle(graph);
        if (!cycle.isEmpty()) {
            throw new AssertionError("Package cycle in " + where + ": " + String.join(" -> ", cycle)
                    + ". Move the type that makes the back-edge (jdeps -verbose:class shows which) so that"
                    + " dependencies between these packages point one way.");
        }
    }

    /** The class-path entries that hold this project's main classes: directories or jars, not test classes. */
    static List<Path> projectClassRoots(String classPath) {
        List<Path> roots = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.equals("test-classes") || name.endsWith("-tests.jar")) {
                continue;
            }
            if (Files.isDirectory(p) ? Files.isDirectory(p.resolve(PROJECT_PATH)) : name.endsWith(".jar") && jarHolds(p)) {
                roots.add(p);
            }
        }
        return roots;
    }

    private static boolean jarHolds(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.stream().anyMatch(e -> e.getName().startsWith(PROJECT_PATH) && e.getName().endsWith(".class"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar + " from the test class path", e);
        }
    }

    /** jdeps' package-level report of the roots' dependencies on the project's packages. */
    static String jdeps(List<Path> roots) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException(
                "This Java runtime has no jdeps tool; the package-cycle check needs a full JDK 17 or later."));
        List<String> args = new ArrayList<>(List.of("-verbose:package", "-e", PROJECT_PACKAGES));
        roots.forEach(r -> args.add(r.toString()));
        StringWriter out = new StringWriter(), err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("jdeps " + String.join(" ", args) + " failed with exit code " + rc + ": " + err);
        }
        return out.toString();
    }

    /** Package → the other packages it uses, from jdeps' report. */
    static Map<String, Set<String>> packageGraph(String jdepsReport) {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : jdepsReport.split("\\R")) {
            Matcher m = EDGE.matcher(line);
            if (m.matches() && !m.group(1).equals(m.group(2))) {
                graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        return graph;
    }

    /**
     * A cycle as the packages along it, first repeated last ("a", "b", "a"), or an empty list
     * when there is none. Depth-first, in name order, so the same graph always reports the same
     * cycle.
     */
    static List<String> findCycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new HashMap<>(); // absent: unseen, 1: on the path, 2: done
        List<String> path = new ArrayList<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            List<String> cycle = visit(start, graph, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state,
                                      List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> cycle = visit(next, graph, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }
}
