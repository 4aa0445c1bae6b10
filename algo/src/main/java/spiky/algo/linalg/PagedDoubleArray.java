package spiky.algo.linalg;

/**
 * A double array indexed by long, in pages of 2^pageShift elements (see {@link PagedIntArray}).
 */
public final class PagedDoubleArray {
    /** Pages of 2^15 elements (256 KiB): see {@link PagedIntArray#DEFAULT_PAGE_SHIFT}. */
    public static final int DEFAULT_PAGE_SHIFT = 15;

    private final int pageShift;
    private final long mask;
    private final long size;
    private final double[][] pages;

    public PagedDoubleArray(long size) {
        this(size, DEFAULT_PAGE_SHIFT);
    }

    public PagedDoubleArray(long size, int pageShift) {
        this.pageShift = pageShift;
        this.mask = (1L << pageShift) - 1;
        this.size = size;
        int pageCount = (int) ((size + mask) >>> pageShift);
        pages = new double[pageCount][];
        for (int p = 0; p < pageCount; p++) {
            long remaining = size - ((long) p << pageShift);
            pages[p] = new double[(int) Math.min(remaining, 1L << pageShift)];
        }
    }

    public long size() {
        return size;
    }

    public int pageShift() {
        return pageShift;
    }

    public double get(long i) {
        return pages[(int) (i >>> pageShift)][(int) (i & mask)];
    }

    public void set(long i, double value) {
        pages[(int) (i >>> pageShift)][(int) (i & mask)] = value;
    }

    /** The page holding index i; with {@link #offsetInPage}, lets hot loops work on plain arrays. */
    public double[] page(long i) {
        return pages[(int) (i >>> pageShift)];
    }

    public int offsetInPage(long i) {
        return (int) (i & mask);
    }
}
