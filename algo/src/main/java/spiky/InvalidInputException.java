package spiky;

import java.nio.file.Path;

/**
 * A user's mistake: a bad file, a bad line, a bad parameter. The one exception type for input
 * errors, so that the CLI prints it as one line, HTTP maps it to 400 and procedures raise it with
 * the same words. The message always names where the problem is.
 */
public final class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem on one line of an input file. */
    public static InvalidInputException atLine(Path file, long line, String problem) {
        return new InvalidInputException(file + ":" + line + ": " + problem, null);
    }

    /** A problem with a whole input file (empty, unreadable, not gzip, ...). */
    public static InvalidInputException inFile(Path file, String problem) {
        return new InvalidInputException(file + ": " + problem, null);
    }

    public static InvalidInputException inFile(Path file, String problem, Throwable cause) {
        return new InvalidInputException(file + ": " + problem, cause);
    }

    /** A problem with one named parameter (a config key, a CLI option, an HTTP parameter). */
    public static InvalidInputException parameter(String name, String problem) {
        return new InvalidInputException("Invalid value for `" + name + "`: " + problem, null);
    }

    /** Any other user mistake; the message must say what and where. */
    public static InvalidInputException of(String message) {
        return new InvalidInputException(message, null);
    }
}
