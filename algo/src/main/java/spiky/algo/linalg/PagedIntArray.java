package spiky.algo.linalg;

/**
 * An int array indexed by long, in pages of 2^pageShift elements: a sparse matrix of a million
 * rows with 2,000 entries each has more entries than a Java array can hold (2^31).
 */
public final class PagedIntArray {
    /**
     * Pages of 2^15 elements (128 KiB): small enough to be ordinary objects for G1 at any region
     * size. G1 never moves a "humongous" object (half a region or more), so pages of 2^27
     * elements scattered through the heap can leave no contiguous room for the SVD's dense
     * blocks however much is free (bench/java/HumongousPages.java: 0.9 GiB in 128 MiB pages, and
     * 0.9 GiB of contiguous room could not be found in 1.1 GiB free); small pages are compacted
     * by a full collection like any object, and then it can.
     */
    public static final int DEFAULT_PAGE_SHIFT = 15;

    private final int pageShift;
    private final long mask;
    private final long size;
    private final int[][] pages;

    public PagedIntArray(long size) {
        this(size, DEFAULT_PAGE_SHIFT);
    }

    public PagedIntArray(long size, int pageShift) {
        this.pageShift = pageShift;
        this.mask = (1L << pageShift) - 1;
        this.size = size;
        int pageCount = (int) ((size + mask) >>> pageShift);
        pages = new int[pageCount][];
        for (int p = 0; p < pageCount; p++) {
            long remaining = size - ((long) p << pageShift);
            pages[p] = new int[(int) Math.min(remaining, 1L << pageShift)];
        }
    }

    public long size() {
        return size;
    }

    public int pageShift() {
        return pageShift;
    }

    public int get(long i) {
        return pages[(int) (i >>> pageShift)][(int) (i & mask)];
    }

    public void set(long i, int value) {
        pages[(int) (i >>> pageShift)][(int) (i & mask)] = value;
    }

    /** The page holding index i; with {@link #offsetInPage}, lets hot loops work on plain arrays. */
    public int[] page(long i) {
        return pages[(int) (i >>> pageShift)];
    }

    public int offsetInPage(long i) {
        return (int) (i & mask);
    }
}
