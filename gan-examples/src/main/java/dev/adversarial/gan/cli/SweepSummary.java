package dev.adversarial.gan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.adversarial.gan.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DIR/summary.md and DIR/summary.json of a sweep: one row per seed and, per column, the mean ±
 * the sample standard deviation across seeds (n − 1 in the denominator, since the seeds are a
 * sample of the seeds one could have run), under a header that says what was run, how, where and
 * when. Both files carry the same numbers; the JSON has them unrounded.
 *
 * @param header  what the numbers are, in order (command, machine, date, what was scored, ...)
 */
record SweepSummary(String title, Map<String, String> header, List<Row> rows) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One seed's numbers by column name. */
    record Row(long seed, Map<String, Double> values) {
    }

    /** Mean and sample standard deviation of one column; sd is null with fewer than two values. */
    record Spread(int n, double mean, Double sd) {
        static Spread of(List<Double> values) {
            int n = values.size();
            if (n == 0) {
                throw new IllegalArgumentException("A mean needs at least one value");
            }
            double mean = 0;
            for (double v : values) {
                mean += v;
            }
            mean /= n;
            if (n < 2) {
                return new Spread(n, mean, null);
            }
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            return new Spread(n, mean, Math.sqrt(squares / (n - 1)));
        }

        String describe() {
            return sd == null ? format(mean) + " ± —" : format(mean) + " ± " + format(sd);
        }
    }

    SweepSummary {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("A sweep summary needs at least one seed");
        }
    }

    /** Every column that any seed has, in the order they first appear. */
    List<String> columns() {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.addAll(r.values().keySet()));
        return new ArrayList<>(names);
    }

    /** The spread of each column over the seeds that have it. */
    Map<String, Spread> spreads() {
        Map<String, Spread> out = new LinkedHashMap<>();
        for (String c : columns()) {
            List<Double> values = new ArrayList<>();
            rows.forEach(r -> {
                Double v = r.values().get(c);
                if (v != null) {
                    values.add(v);
                }
            });
            out.put(c, Spread.of(values));
        }
        return out;
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        // The command is shown as code, so that it can be copied as it stands.
        header.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(k.equals("command") ? "`" + v + "`" : v)
                .append('\n'));
        List<String> columns = columns();
        sb.append("\n| seed |");
        columns.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append("\n|---:|");
        columns.forEach(c -> sb.append("---:|"));
        sb.append('\n');
        for (Row r : rows) {
            sb.append("| ").append(r.seed()).append(" |");
            columns.forEach(c -> sb.append(' ').append(r.values().containsKey(c) ? format(r.values().get(c)) : "—")
                    .append(" |"));
            sb.append('\n');
        }
        Map<String, Spread> spreads = spreads();
        sb.append("| mean ± sd (n = ").append(rows.size()).append(") |");
        columns.forEach(c -> sb.append(' ').append(spreads.get(c).describe()).append(" |"));
        sb.append("\n\nsd is the sample standard deviation across seeds (n − 1); with one seed it is undefined (—).\n");
        return sb.toString();
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.putAll(header);
        List<Map<String, Object>> seeds = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seed", r.seed());
            row.putAll(r.values());
            seeds.add(row);
        }
        m.put("seeds", seeds);
        Map<String, Object> spreads = new LinkedHashMap<>();
        spreads().forEach((c, s) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("mean", s.mean());
            v.put("sd", s.sd());
            v.put("n", s.n());
            spreads.put(c, v);
        });
        m.put("mean_sd", spreads);
        return m;
    }

    /** Writes summary.md and summary.json into {@code dir}, each atomically. */
    void write(Path dir) throws IOException {
        byte[] md = markdown().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve("summary.md"), out -> out.write(md));
        Map<String, Object> json = json();
        AtomicFiles.write(dir.resolve("summary.json"), out -> JSON.writeValue(out, json));
    }

    /** Four significant digits; whole numbers (epochs, counts) and anything from 1,000 up without decimals. */
    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (Math.abs(v) >= 1000 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
