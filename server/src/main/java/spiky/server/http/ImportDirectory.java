package spiky.server.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import spiky.InvalidInputException;

/**
 * The only folder the HTTP import endpoint reads from, like Neo4j's own import directory. A
 * requested path is resolved inside it, and refused when it (or a symbolic link on the way)
 * leads outside.
 */
public final class ImportDirectory {
    private final Path root;

    public ImportDirectory(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the import directory " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** The real path of a file named relative to the import directory. */
    public Path resolve(String parameter, String relative) {
        if (relative == null || relative.isBlank()) {
            throw InvalidInputException.parameter(parameter, "a file name inside the import directory is required");
        }
        String quoted = QueryParams.quote(relative);
        Path candidate;
        try {
            candidate = root.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            // A NUL byte, say: no file can have that name.
            throw InvalidInputException.parameter(parameter, quoted + " is not a valid file name: " + e.getReason());
        }
        if (!candidate.startsWith(root)) {
            throw InvalidInputException.parameter(parameter, quoted + " is outside the import directory");
        }
        if (!Files.isRegularFile(candidate)) {
            throw InvalidInputException.parameter(parameter, "no file " + quoted + " in the import directory");
        }
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(root)) {
                throw InvalidInputException.parameter(parameter, quoted + " leads outside the import directory");
            }
            return real;
        } catch (IOException e) {
            throw InvalidInputException.parameter(parameter, "cannot read " + quoted + ": " + e.getMessage());
        }
    }
}
