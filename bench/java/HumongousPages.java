import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why spiky's paged arrays use small pages (PagedIntArray.DEFAULT_PAGE_SHIFT): a heap that keeps
 * KEEP MiB in pages of PAGE doubles, allocated interleaved with TEMP MiB of pages that then die
 * (as the PPMI's matrix pages are, among its temporaries), then asks for one array of 80 % of what
 * is free (as the SVD's Krylov basis does). Under G1 pages of half a region or more are humongous
 * and never moved, so the free space stays in holes between them; small pages are compacted.
 *
 * usage: java -Xmx2g -XX:+UseG1GC bench/java/HumongousPages.java PAGE KEEP TEMP
 *   e.g. PAGE 16777216 (128 MiB) against 32768 (256 KiB), KEEP 800, TEMP 800
 */
public class HumongousPages {
    public static void main(String[] args) {
        int page = Integer.parseInt(args[0]);
        long keepBytes = Long.parseLong(args[1]) << 20;
        long tempBytes = Long.parseLong(args[2]) << 20;
        List<double[]> keep = new ArrayList<>();
        List<double[]> temp = new ArrayList<>();
        long kept = 0;
        long dead = 0;
        while (kept < keepBytes || dead < tempBytes) {
            if (dead < tempBytes) {
                temp.add(new double[page]);
                dead += 8L * page;
            }
            if (kept < keepBytes) {
                keep.add(new double[page]);
                kept += 8L * page;
            }
        }
        temp.clear();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        int want = (int) Math.min(Integer.MAX_VALUE - 8, free * 8 / 10 / 8);
        System.out.printf(Locale.ROOT, "kept %d MiB in %d pages of %d KiB; free %d MiB; one array of %d MiB: ", kept >> 20, keep.size(),
                (8L * page) >> 10, free >> 20, (8L * want) >> 20);
        try {
            double[] big = new double[want];
            System.out.println("allocated (" + big.length + " doubles)");
        } catch (OutOfMemoryError e) {
            System.out.println("OutOfMemoryError");
        }
    }
}
