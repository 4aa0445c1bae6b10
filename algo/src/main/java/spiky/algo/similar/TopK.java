package spiky.algo.similar;

/**
 * The k best (score, row) pairs seen so far, as a bounded min-heap on primitive arrays: the root is
 * the worst kept pair, replaced when a better one comes. "Better" is a higher score, or the same
 * score and a smaller row index, so that the result does not depend on the order rows are seen in
 * (threads, chunks, the dot scan's norm order).
 */
final class TopK {
    private final int k;
    private final double[] scores;
    private final int[] rows;
    private int size;

    TopK(int k) {
        this.k = k;
        this.scores = new double[k];
        this.rows = new int[k];
    }

    static boolean better(double s1, int r1, double s2, int r2) {
        return s1 > s2 || (s1 == s2 && r1 < r2);
    }

    boolean full() {
        return size == k;
    }

    /** The worst kept score (meaningful once full): a row scoring below it cannot enter. */
    double threshold() {
        return scores[0];
    }

    int size() {
        return size;
    }

    double score(int i) {
        return scores[i];
    }

    int row(int i) {
        return rows[i];
    }

    void offer(double score, int row) {
        if (size < k) {
            int i = size++;
            // sift up: a worse pair moves towards the root
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!better(scores[parent], rows[parent], score, row)) {
                    break;
                }
                scores[i] = scores[parent];
                rows[i] = rows[parent];
                i = parent;
            }
            scores[i] = score;
            rows[i] = row;
            return;
        }
        if (!better(score, row, scores[0], rows[0])) {
            return;
        }
        siftDown(score, row, k);
    }

    /** Removes the worst pair, into {@code out} at {@code at}; the heap shrinks by one. */
    void popWorst(int[] outRows, double[] outScores, int at) {
        outRows[at] = rows[0];
        outScores[at] = scores[0];
        size--;
        if (size > 0) {
            siftDown(scores[size], rows[size], size);
        }
    }

    /** Puts (score, row) at the root of a heap of {@code limit} entries and moves it down to its place. */
    private void siftDown(double score, int row, int limit) {
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            if (left >= limit) {
                break;
            }
            int worse = left;
            int right = left + 1;
            if (right < limit && better(scores[left], rows[left], scores[right], rows[right])) {
                worse = right;
            }
            if (!better(score, row, scores[worse], rows[worse])) {
                break;
            }
            scores[i] = scores[worse];
            rows[i] = rows[worse];
            i = worse;
        }
        scores[i] = score;
        rows[i] = row;
    }
}
