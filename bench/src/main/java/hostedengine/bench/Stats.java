package hostedengine.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Medians, spreads and percentiles, and how the report prints them. */
final class Stats {
    private Stats() {}

    /** Median with its spread (min and max) over {@code n} repetitions. */
    record Summary(double median, double min, double max, int n) {
        static Summary of(List<Double> values) {
            if (values.isEmpty()) return new Summary(Double.NaN, Double.NaN, Double.NaN, 0);
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = v.length;
            double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            return new Summary(median, v[0], v[n - 1], n);
        }

        /** "12.3 (11.9–12.8, n=3)", or just the value for one repetition. */
        String format(String pattern) {
            if (n == 0) return "n/a";
            if (n == 1) return num(pattern, median);
            return num(pattern, median) + " (" + num(pattern, min) + "–" + num(pattern, max) + ", n=" + n + ")";
        }
    }

    /** Nearest-rank percentile of sorted values (p in 0..100). */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static long[] sorted(long[] values, int count) {
        long[] copy = Arrays.copyOf(values, count);
        Arrays.sort(copy);
        return copy;
    }

    static String num(String pattern, double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, pattern, value);
    }

    static double ms(long nanos) { return nanos / 1e6; }

    static double s(long nanos) { return nanos / 1e9; }
}
