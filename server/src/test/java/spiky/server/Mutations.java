package spiky.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded damage to a valid file: byte flips, truncations, inserted delimiters, quotes, newlines
 * and random bytes, duplicated or dropped stretches, and damage to the gzip form of the file.
 * The same seed always gives the same bytes, so a failure can be replayed from its message.
 */
final class Mutations {
    private static final byte[][] INSERTS = {
        {','}, {'\t'}, {';'}, {' '}, {'|'}, {'"'}, {'"', '"'}, {'\n'}, {'\r'}, {'\r', '\n'},
        {'['}, {']'}, {'{'}, {'}'}, {':'}, {'\\'}, {'-'}, {'0'}, {'9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9', '9'},
        {(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {0},
    };

    /** The damaged bytes and what was done, for the failure message. */
    record Mutant(byte[] bytes, String description) {}

    private Mutations() {}

    /** One to three kinds of damage to {@code valid}; a quarter of the time to its gzip form. */
    static Mutant of(byte[] valid, long seed) {
        Random random = new Random(seed);
        StringBuilder how = new StringBuilder("seed " + seed + ":");
        boolean gzip = random.nextInt(4) == 0;
        boolean damageCompressed = gzip && random.nextBoolean();
        byte[] bytes = damageCompressed ? ImportSamples.gzip(valid) : valid;
        if (damageCompressed) {
            how.append(" gzip, then");
        }
        int times = 1 + random.nextInt(3);
        for (int i = 0; i < times; i++) {
            bytes = once(bytes, random, how);
        }
        if (gzip && !damageCompressed) {
            bytes = ImportSamples.gzip(bytes);
            how.append(", then gzip");
        }
        return new Mutant(bytes, how.toString());
    }

    private static byte[] once(byte[] in, Random random, StringBuilder how) {
        int at = in.length == 0 ? 0 : random.nextInt(in.length + 1);
        switch (random.nextInt(8)) {
            case 0 -> {
                if (in.length == 0) {
                    return in;
                }
                int p = Math.min(at, in.length - 1);
                byte[] out = in.clone();
                out[p] ^= (byte) (1 << random.nextInt(8));
                how.append(" flip a bit at ").append(p);
                return out;
            }
            case 1 -> {
                if (in.length == 0) {
                    return in;
                }
                int p = Math.min(at, in.length - 1);
                byte[] out = in.clone();
                out[p] = (byte) random.nextInt(256);
                how.append(" random byte at ").append(p);
                return out;
            }
            case 2 -> {
                how.append(" truncate at ").append(at);
                return Arrays.copyOf(in, at);
            }
            case 3 -> {
                byte[] insert = INSERTS[random.nextInt(INSERTS.length)];
                how.append(" insert ").append(Arrays.toString(insert)).append(" at ").append(at);
                return insert(in, at, insert);
            }
            case 4 -> {
                byte[] insert = new byte[1 + random.nextInt(8)];
                random.nextBytes(insert);
                how.append(" insert random ").append(Arrays.toString(insert)).append(" at ").append(at);
                return insert(in, at, insert);
            }
            case 5 -> {
                int end = Math.min(in.length, at + 1 + random.nextInt(16));
                how.append(" delete ").append(at).append("..").append(end);
                return concat(Arrays.copyOf(in, at), Arrays.copyOfRange(in, end, in.length));
            }
            case 6 -> {
                String text = new String(in, StandardCharsets.ISO_8859_1);
                int start = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
                int end = text.indexOf('\n', start);
                end = end < 0 ? text.length() : end + 1;
                how.append(" duplicate the line at ").append(start);
                return insert(in, end, Arrays.copyOfRange(in, start, end));
            }
            default -> {
                int end = Math.min(in.length, at + 1 + random.nextInt(64));
                int to = random.nextInt(in.length + 1);
                how.append(" copy ").append(at).append("..").append(end).append(" to ").append(to);
                return insert(in, to, Arrays.copyOfRange(in, at, end));
            }
        }
    }

    private static byte[] insert(byte[] in, int at, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
        out.write(in, 0, at);
        out.write(insert, 0, insert.length);
        out.write(in, at, in.length - at);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return insert(a, a.length, b);
    }
}
