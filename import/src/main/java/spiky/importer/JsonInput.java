package spiky.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.zip.ZipException;
import spiky.InvalidInputException;
import spiky.Progress;

/**
 * A streaming JSON parser over an input file (plain or gzip, strict UTF-8), whose every failure
 * becomes an {@link InvalidInputException} at the parser's line and column. Streaming, because a
 * playlist dump is far bigger than its interactions: a tree of the whole file would not fit.
 */
final class JsonInput {
    /**
     * Strings are limited like lines of the text formats: a megabyte-long id or name is damage,
     * and Jackson's own default (20 million characters) would let one in.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(InputFiles.MAX_LINE_LENGTH).build())
            .build();

    @FunctionalInterface
    interface Body {
        void read(JsonInput json) throws IOException;
    }

    private final Path file;
    private final JsonParser parser;

    private JsonInput(Path file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /** Runs {@code body} over the file's parser, then checks nothing follows the first JSON value. */
    static void read(Path file, Progress progress, Body body) throws IOException {
        try (Reader reader = InputFiles.reader(file, progress); JsonParser parser = FACTORY.createParser(reader)) {
            JsonInput json = new JsonInput(file, parser);
            try {
                body.read(json);
                if (parser.nextToken() != null) {
                    throw json.error("found " + json.describe() + " after the end of the top-level value");
                }
            } catch (StreamConstraintsException e) {
                // Said where the string starts, and without the count Jackson had reached when it
                // stopped (which depends on its buffers, not on the file).
                String problem = e.getOriginalMessage().startsWith("String value length")
                        ? "a string longer than " + InputFiles.MAX_LINE_LENGTH + " characters"
                        : e.getOriginalMessage().replaceAll(", from `[^`]*`", "");
                throw json.error(problem, parser.currentTokenLocation());
            } catch (JsonProcessingException e) {
                JsonLocation where = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw json.error("invalid JSON: " + e.getOriginalMessage(), where);
            } catch (CharacterCodingException e) {
                throw json.error("not valid UTF-8 text", parser.currentLocation());
            } catch (EOFException | ZipException e) {
                throw json.error(InputFiles.TRUNCATED_GZIP, parser.currentLocation());
            }
        }
    }

    /** Moves to the next token; the end of the input here is an error. */
    JsonToken next() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw error("unexpected end of the JSON input");
        }
        return token;
    }

    JsonToken current() {
        return parser.currentToken();
    }

    /** Checks the current token. */
    void expect(JsonToken token, String what) {
        if (parser.currentToken() != token) {
            throw error("expected " + what + ", found " + describe());
        }
    }

    /** The current field's name; call on a FIELD_NAME token. */
    String fieldName() throws IOException {
        return parser.currentName();
    }

    /** The current value as an id: a non-empty string or an integer. */
    String id(String what) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT) {
            throw error("expected " + what + " as a string or an integer, found " + describe());
        }
        String id = parser.getText().strip();
        if (id.isEmpty()) {
            throw error("empty " + what);
        }
        return checkedText(id, what);
    }

    /**
     * Refuses a string holding half of a surrogate pair (a JSON escape of U+D800 alone, say): it is
     * no character, UTF-8 has no bytes for it (Java's encoder writes '?'), so two different ids
     * could be stored as one.
     */
    private String checkedText(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw error(what + " holds an unpaired surrogate \\u" + Integer.toHexString(c) + ", which is not a character");
            }
        }
        return text;
    }

    /** The current value as text, or null when it is JSON null. */
    String textOrNull(String what) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isScalarValue()) {
            throw error("expected " + what + ", found " + describe());
        }
        return checkedText(parser.getText(), what);
    }

    long longValue(String what) throws IOException {
        expect(JsonToken.VALUE_NUMBER_INT, what + " as an integer");
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw error(what + " " + Fields.quote(parser.getText()) + " does not fit in 64 bits");
        }
        return parser.getLongValue();
    }

    /** Skips the current value, with all it holds. */
    void skipValue() throws IOException {
        parser.skipChildren();
    }

    /** The current token's line, kept for errors found only at the end of its object. */
    long line() {
        return parser.currentTokenLocation().getLineNr();
    }

    /** An error at the current token. */
    InvalidInputException error(String problem) {
        return error(problem, parser.currentTokenLocation());
    }

    /** An error about the object that started on {@code line} and has just ended. */
    InvalidInputException errorAt(long line, String problem) {
        String path = parser.getParsingContext().pathAsPointer().toString();
        return InvalidInputException.atLine(file, line, problem + (path.isEmpty() ? "" : " (at " + Fields.quote(path) + ")"));
    }

    /**
     * The line, the column and the JSON path (a JSON Pointer such as /playlists/3/tracks/0): a
     * dump is often one line of hundreds of megabytes, where a column alone does not say which
     * playlist to look at.
     */
    private InvalidInputException error(String problem, JsonLocation where) {
        String path = parser.getParsingContext().pathAsPointer().toString();
        return InvalidInputException.atLine(file, where.getLineNr(), problem + " (column " + where.getColumnNr()
                + (path.isEmpty() ? "" : ", at " + Fields.quote(path)) + ")");
    }

    private String describe() {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case END_OBJECT -> "the end of an object";
            case END_ARRAY -> "the end of an array";
            case FIELD_NAME -> "a field name";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }
}
