package spiky.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real public datasets in ../shared/datasets (never copied into the repository). Tests that
 * need them skip, saying where they looked, when the folder is absent.
 */
final class SharedData {
    private SharedData() {}

    static Path datasets() {
        String configured = System.getProperty("spiky.shared");
        Path found = configured != null ? Path.of(configured).resolve("datasets") : null;
        for (Path dir = Path.of("").toAbsolutePath(); found == null && dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("datasets");
            if (Files.isDirectory(candidate)) {
                found = candidate;
            }
        }
        return found;
    }

    /** The file, or a skipped test when the shared datasets are not here. */
    static Path require(String relative) {
        Path root = datasets();
        assumeTrue(root != null && Files.isRegularFile(root.resolve(relative)),
                "shared dataset file " + relative + " not found (looked for ../shared/datasets above " + Path.of("").toAbsolutePath() + "): skipping");
        return root.resolve(relative);
    }
}
