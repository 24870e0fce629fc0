package io.orderstream.bench;

/**
 * The nearest-rank percentile of sorted samples: the smallest sample that at least the given
 * share of all samples do not exceed. Always one of the samples, never an interpolation.
 */
final class NearestRank {
    private NearestRank() {
    }

    /**
     * A percentile.
     *
     * @param sorted  samples in ascending order, at least one
     * @param percent 0 to 100, e.g. 99
     * @return the sample at that rank
     */
    static long of(long[] sorted, int percent) {
        int index = Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.length) - 1);
        return sorted[index];
    }
}
