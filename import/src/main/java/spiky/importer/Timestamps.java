package spiky.importer;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import spiky.data.InteractionsBuilder;

/** Reads a timestamp in the forms datasets use, as epoch seconds. */
final class Timestamps {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,19}");

    private Timestamps() {}

    /**
     * Epoch seconds from an integer, an ISO-8601 date-time ({@code 2010-01-01T00:00:00Z}, with an
     * offset, or without one meaning UTC; a space may replace the T) or an ISO date (its midnight
     * UTC). Fractions of a second are dropped. Empty when the text is none of these.
     */
    static OptionalLong parse(String text) {
        String s = text.strip();
        long plain = Fields.plainDigits(s);
        if (plain >= 0) {
            // the common case, epoch seconds as plain digits, read without the pattern
            return OptionalLong.of(plain);
        }
        try {
            long seconds;
            if (INTEGER.matcher(s).matches()) {
                seconds = Long.parseLong(s);
            } else if (s.length() == 10) {
                seconds = LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            } else {
                if (s.length() > 10 && s.charAt(10) == ' ') {
                    s = s.substring(0, 10) + 'T' + s.substring(11);
                }
                TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, ZonedDateTime::from, LocalDateTime::from);
                seconds = t instanceof ZonedDateTime z ? z.toEpochSecond() : ((LocalDateTime) t).toEpochSecond(ZoneOffset.UTC);
            }
            // The builder reads Long.MIN_VALUE as "no timestamp"; no real one is that far back.
            return seconds == InteractionsBuilder.NO_TIMESTAMP ? OptionalLong.empty() : OptionalLong.of(seconds);
        } catch (DateTimeException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
