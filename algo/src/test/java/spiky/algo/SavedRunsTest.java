package spiky.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SpikeCover and Ppmi give, bit for bit, what they gave before they were split into phases
 * (issue 16 part 5): the digests below were printed by {@link SavedRuns#main} against main at
 * e2a94ee (one SpikeCover.Cover class, one Ppmi.compute method, dense kernels on loose (array, stride, offset,
 * width) arguments). Every output bit is in a digest:
 * spikeOf, peaks and coverage curve; items, columns, PMI bits, counts and the filter counts.
 */
class SavedRunsTest {
    private static final List<String> SPIKES_BEFORE_THE_SPLIT = List.of(
            "spk few n=20000 cos=0.9 threads=1 peaks=5 21118709b7bc6460",
            "spk few n=20000 cos=0.5 threads=1 peaks=5 21118709b7bc6460",
            "spk few n=20000 cos=0.9 threads=2 peaks=5 21118709b7bc6460",
            "spk few n=20000 cos=0.5 threads=2 peaks=5 21118709b7bc6460",
            "spk gaussian n=3000 cos=0.9 threads=1 peaks=2401 564d6bbbbf4d6523",
            "spk gaussian n=3000 cos=0.5 threads=1 peaks=2386 a3207d1b30a7ec84",
            "spk gaussian n=3000 cos=0.9 threads=2 peaks=2401 564d6bbbbf4d6523",
            "spk gaussian n=3000 cos=0.5 threads=2 peaks=2386 a3207d1b30a7ec84",
            "spk planted n=20000 cos=0.9 threads=1 peaks=606 01a98c9a696729ab",
            "spk planted n=20000 cos=0.5 threads=1 peaks=125 7ce3f4521ae2374d",
            "spk planted n=20000 cos=0.9 threads=2 peaks=606 01a98c9a696729ab",
            "spk planted n=20000 cos=0.5 threads=2 peaks=125 7ce3f4521ae2374d");

    private static final List<String> PPMI_BEFORE_THE_SPLIT = List.of(
            "ppmi sql topK=5 threads=1 n=22 nnz=60 ae5e17ecebe2abf4",
            "ppmi sql topK=5 threads=2 n=22 nnz=60 ae5e17ecebe2abf4",
            "ppmi sql topK=40 threads=1 n=548 nnz=8330 4c9c2cd038d2eb51",
            "ppmi sql topK=40 threads=2 n=548 nnz=8330 4c9c2cd038d2eb51",
            "ppmi sql topK=2000 threads=1 n=600 nnz=186928 0423221dc3a6dc84",
            "ppmi sql topK=2000 threads=2 n=600 nnz=186928 0423221dc3a6dc84",
            "ppmi mutual topK=5 threads=1 n=9 nnz=32 b1320bdf97910297",
            "ppmi mutual topK=5 threads=2 n=9 nnz=32 b1320bdf97910297",
            "ppmi mutual topK=40 threads=1 n=388 nnz=2926 44fe8c4f52505d57",
            "ppmi mutual topK=40 threads=2 n=388 nnz=2926 44fe8c4f52505d57",
            "ppmi mutual topK=2000 threads=1 n=600 nnz=186928 0423221dc3a6dc84",
            "ppmi mutual topK=2000 threads=2 n=600 nnz=186928 0423221dc3a6dc84");

    private static final List<String> SVD_BEFORE_THE_WINDOWS = List.of(
            "svd randomized threads=1 62e1dda2a6c67b3f",
            "svd randomized threads=2 62e1dda2a6c67b3f",
            "svd block-krylov threads=1 dce448b2887cef69",
            "svd block-krylov threads=2 dce448b2887cef69");

    @Test
    void theSpikeCoverIsBitIdenticalToTheSavedRunOnEveryRoute() {
        assertEquals(SPIKES_BEFORE_THE_SPLIT, SavedRuns.spikeDigests());
    }

    @Test
    void ppmiIsBitIdenticalToTheSavedRunForBothRulesAndEveryCut() {
        assertEquals(PPMI_BEFORE_THE_SPLIT, SavedRuns.ppmiDigests());
    }

    @Test
    void bothSvdMethodsAreBitIdenticalToTheSavedRunAfterTheKernelsTookColumnWindows() {
        SavedRuns.ppmiDigests(); // its last matrix is the SVD's input
        assertEquals(SVD_BEFORE_THE_WINDOWS, SavedRuns.svdDigests());
    }
}
