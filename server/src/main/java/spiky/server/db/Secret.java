package spiky.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secret of one data directory (the Neo4j password, the API token): given by the operator, or
 * generated once and kept in a file of the data directory readable by its owner only (mode 600).
 *
 * @param value     the secret
 * @param generated true when this call made it up (the caller prints it once)
 */
public record Secret(String value, boolean generated) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The operator's value when given (not stored); else the value kept in {@code file}; else a
     * new random one, written to {@code file} with mode 600 before it is used.
     */
    public static Secret of(String given, Path file) {
        if (given != null && !given.isBlank()) {
            return new Secret(given, false);
        }
        try {
            if (Files.exists(file)) {
                return new Secret(Files.readString(file, StandardCharsets.UTF_8).strip(), false);
            }
            byte[] bytes = new byte[18];
            RANDOM.nextBytes(bytes);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.createDirectories(file.getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException raced) {
                return new Secret(Files.readString(file, StandardCharsets.UTF_8).strip(), false);
            }
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
            return new Secret(value, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret file " + file, e);
        }
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
