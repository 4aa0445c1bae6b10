package spiky.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import spiky.importer.bulk.BulkImporter;

/** The files of a data directory with digests of their content, to check that something left it byte for byte as it was. */
final class DataDirectoryFiles {
    private DataDirectoryFiles() {}

    /** Every file under the data directory with a digest of its content, the staging directory, the lock file and Neo4j's logs aside. */
    static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String rel = root.relativize(p).toString();
                if (rel.startsWith(BulkImporter.STAGING) || rel.equals("spiky.pid") || rel.startsWith("logs")) {
                    continue;
                }
                out.put(rel, Files.isDirectory(p) ? "dir" : digest(p));
            }
        }
        return out;
    }

    private static String digest(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
