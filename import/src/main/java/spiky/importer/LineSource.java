package spiky.importer;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.zip.ZipException;
import spiky.InvalidInputException;

/**
 * The lines of an input file with their 1-based numbers. A line ends at LF, CRLF or a lone CR, so
 * files from any system (or a mix of them) read the same. Lines longer than
 * {@link InputFiles#MAX_LINE_LENGTH} are refused as soon as the limit is passed, before the rest
 * of the line is read. Not thread-safe.
 */
public final class LineSource implements Closeable {
    private final Path file;
    private final Charset charset;
    private final Reader reader;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int end;
    private boolean afterCr;
    private long lineNumber;

    LineSource(Path file, Charset charset, Reader reader) {
        this.file = file;
        this.charset = charset;
        this.reader = reader;
    }

    public Path file() {
        return file;
    }

    /** The number of the line last returned by {@link #next}, 0 before the first. */
    public long lineNumber() {
        return lineNumber;
    }

    /** An input error on the line last returned. */
    public InvalidInputException error(String problem) {
        return InvalidInputException.atLine(file, lineNumber, problem);
    }

    /**
     * The first line. {@link InputFiles} refuses empty files, yet this may still find no text:
     * a file holding only a byte order mark.
     */
    public String firstLine() throws IOException {
        String first = next();
        if (first == null) {
            throw InvalidInputException.inFile(file, InputFiles.EMPTY_FILE);
        }
        return first;
    }

    /** The next line without its line ending, or null at the end of the file. */
    public String next() throws IOException {
        line.setLength(0);
        boolean started = false;
        while (true) {
            if (position == end && !fill()) {
                if (!started) {
                    return null;
                }
                break;
            }
            if (afterCr) {
                afterCr = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            started = true;
            int start = position;
            while (position < end && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            if (line.length() + (position - start) > InputFiles.MAX_LINE_LENGTH) {
                throw InvalidInputException.atLine(file, lineNumber + 1,
                        "line is longer than " + InputFiles.MAX_LINE_LENGTH + " characters");
            }
            line.append(buffer, start, position - start);
            if (position < end) {
                afterCr = buffer[position] == '\r';
                position++;
                break;
            }
        }
        lineNumber++;
        return line.toString();
    }

    private boolean fill() throws IOException {
        int n;
        try {
            n = reader.read(buffer, 0, buffer.length);
        } catch (CharacterCodingException e) {
            throw InvalidInputException.atLine(file, lineNumber + 1, "not valid " + charset.name() + " text");
        } catch (EOFException | ZipException e) {
            throw InvalidInputException.atLine(file, lineNumber + 1, InputFiles.TRUNCATED_GZIP);
        }
        position = 0;
        end = Math.max(n, 0);
        return n > 0;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
