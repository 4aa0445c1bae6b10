package spiky.algo.similar;

/**
 * The result of a search: rows[i] is the (i+1)-th most similar row, scores[i] its score; scored is
 * how many rows the search computed a score for (the dot scan's bound skips the rest).
 */
public record Neighbours(int[] rows, double[] scores, long scored) {
    public int size() {
        return rows.length;
    }
}
