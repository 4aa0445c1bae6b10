package spiky.server;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.importer.DatasetImporter;
import spiky.importer.Format;
import spiky.importer.ImportRequest;

/**
 * Thousands of seeded mutations of each reader's small valid input, read as an import reads
 * them before it writes anything: every one ends in a dataset or in an
 * {@link InvalidInputException} naming the damaged file, never in another exception or a hang.
 * The database side of a refusal is {@link BadImportIntoDatabaseTest}'s.
 */
class MutatedImportFilesTest {
    static final int MUTATIONS = 400;

    @TempDir
    Path dir;

    static List<ImportSamples> samples() {
        return ImportSamples.all();
    }

    /** Reads {@code input} from {@code folder} up to the point where an import would start writing. */
    static void read(ImportSamples input, Path folder) {
        Path items = input.items() == null ? null : folder.resolve(input.items());
        ImportRequest request = new ImportRequest("mutant", input.format(), folder.resolve(input.main()), items, false);
        new DatasetImporter(null, Progress.NONE).read(Format.parse(input.format()), request);
    }

    /** The files a mutation may damage: the one under test and the name files beside it. */
    static List<String> damageable(ImportSamples sample) {
        return sample.files().keySet().stream()
                .filter(f -> f.equals(sample.target()) || !f.equals(sample.main()))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyMutationIsReadOrRefusedNamingTheFile(ImportSamples sample) throws IOException {
        sample.writeTo(dir);
        List<String> files = damageable(sample);
        Map<String, Integer> outcomes = new TreeMap<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < MUTATIONS; i++) {
                long seed = sample.label().hashCode() * 1_000_003L + i;
                String file = files.get(i % files.size());
                Mutations.Mutant mutant = Mutations.of(sample.files().get(file), seed);
                Files.write(dir.resolve(file), mutant.bytes());
                String outcome = outcome(sample, dir, file, mutant);
                outcomes.merge(outcome, 1, Integer::sum);
                Files.write(dir.resolve(file), sample.files().get(file));
            }
        }, () -> sample.label() + ": the mutations did not finish in time");
        // Both outcomes must occur, or the mutations are too weak (or too strong) to test anything.
        assertTrue(outcomes.getOrDefault("read", 0) > 0 && outcomes.getOrDefault("refused", 0) > MUTATIONS / 4,
                sample.label() + ": " + outcomes);
    }

    /** "read" or "refused"; any other ending fails, saying how to replay it. */
    static String outcome(ImportSamples sample, Path folder, String file, Mutations.Mutant mutant) {
        try {
            read(sample, folder);
            return "read";
        } catch (InvalidInputException e) {
            String named = folder.resolve(file).toString();
            if (!e.getMessage().startsWith(named + ":")) {
                throw new AssertionError(sample.label() + ", " + file + " " + mutant.description()
                        + ": the message does not start with the file's path: " + BadImportIntoDatabaseTest.abbreviated(e.getMessage()));
            }
            return "refused";
        } catch (RuntimeException | Error e) {
            throw new AssertionError(sample.label() + ", " + file + " " + mutant.description() + ": " + e, e);
        }
    }
}
