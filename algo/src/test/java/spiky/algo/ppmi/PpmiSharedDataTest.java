package spiky.algo.ppmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import spiky.Progress;
import spiky.algo.Termination;

/** The reference's numbers on the real MovieLens 100K, when the shared datasets are present. */
class PpmiSharedDataTest {

    static Path sharedFolder() {
        String property = System.getProperty("spiky.shared");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path shared = dir.resolveSibling("shared");
            if (dir.getParent() != null && Files.isDirectory(shared.resolve("datasets"))) {
                return shared;
            }
        }
        return null;
    }

    @Test
    void movieLens100kWithTheDefaults() throws IOException {
        Path shared = sharedFolder();
        Path file = shared == null ? Path.of("../shared/datasets/ml-100k/u.data") : shared.resolve("datasets/ml-100k/u.data");
        Assumptions.assumeTrue(Files.isRegularFile(file), "shared datasets not found at " + file.toAbsolutePath() + ": skipping");

        // u.data: user \t item \t rating \t timestamp. Items = movies, contexts = users.
        Map<Integer, Integer> movieIndex = new HashMap<>();
        Map<Integer, Integer> userIndex = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        int[] itemOf = new int[1024];
        int[] contextOf = new int[1024];
        int size = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                int user = Integer.parseInt(f[0].trim());
                int movie = Integer.parseInt(f[1].trim());
                int i = movieIndex.computeIfAbsent(movie, k -> movieIndex.size());
                int x = userIndex.computeIfAbsent(user, k -> userIndex.size());
                if (!seen.add(((long) i << 32) | x)) {
                    continue;
                }
                if (size == itemOf.length) {
                    itemOf = Arrays.copyOf(itemOf, size * 2);
                    contextOf = Arrays.copyOf(contextOf, size * 2);
                }
                itemOf[size] = i;
                contextOf[size] = x;
                size++;
            }
        }
        itemOf = Arrays.copyOf(itemOf, size);
        contextOf = Arrays.copyOf(contextOf, size);
        int n = movieIndex.size();
        int[] ids = new int[n];
        movieIndex.forEach((id, index) -> ids[index] = id);
        int[] sortedIds = ids.clone();
        Arrays.sort(sortedIds);
        int[] keyRank = new int[n];
        for (int i = 0; i < n; i++) {
            keyRank[i] = Arrays.binarySearch(sortedIds, ids[i]);
        }
        assertEquals(100_000, size);
        assertEquals(1_682, n);
        assertEquals(943, userIndex.size());

        PpmiResult r = Ppmi.compute(n, userIndex.size(), itemOf, contextOf, keyRank, PpmiConfig.DEFAULTS, 2,
                Progress.NONE, Termination.NONE);
        assertEquals(1_541, r.size(), "items that keep a pair");
        assertEquals(1_272_962L, r.nnz(), "stored entries, both triangles");
        assertEquals(2 * r.pairsPositive(), r.nnz());
        assertTrue(r.matrix().isSymmetric());
    }
}
