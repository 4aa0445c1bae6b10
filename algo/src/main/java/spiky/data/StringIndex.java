package spiky.data;

import java.util.Arrays;

/**
 * Interns strings as dense indexes 0, 1, 2, … in order of first appearance. Every distinct key is
 * stored once, its characters appended to one shared {@code char[]}, and found again through an
 * open-addressing table of ints: no map entry, boxed Integer or String per key, so an import of
 * tens of millions of rows costs memory in proportion to its distinct ids, not to its rows.
 * Not thread-safe.
 */
public final class StringIndex {
    private char[] chars = new char[1 << 12];
    private int charCount;
    /** Per index: where its characters start in {@link #chars}; starts[size] is the end of the last. */
    private int[] starts = new int[1 << 10];
    private int[] hashes = new int[1 << 10];
    private int size;
    /** Slot → index + 1 (0 is an empty slot). */
    private int[] table = new int[1 << 11];
    private int mask = table.length - 1;

    /** The index of {@code key}, adding it when it is new. */
    public int intern(CharSequence key) {
        int hash = hash(key);
        int slot = hash & mask;
        while (true) {
            int entry = table[slot];
            if (entry == 0) {
                int index = append(key, hash);
                table[slot] = index + 1;
                if (size * 2 > table.length) {
                    rehash();
                }
                return index;
            }
            if (hashes[entry - 1] == hash && equalsAt(entry - 1, key)) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The index of {@code key}, or -1 when it was never interned. */
    public int indexOf(CharSequence key) {
        int hash = hash(key);
        int slot = hash & mask;
        while (true) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            if (hashes[entry - 1] == hash && equalsAt(entry - 1, key)) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    public int size() {
        return size;
    }

    /** The key of {@code index} (a new String each call: for output, not for the read loop). */
    public String get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return new String(chars, starts[index], starts[index + 1] - starts[index]);
    }

    /** Every key, in index order. */
    public String[] toArray() {
        String[] out = new String[size];
        for (int i = 0; i < size; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /** Characters stored, all keys together (for memory estimates). */
    public long storedChars() {
        return charCount;
    }

    private int append(CharSequence key, int hash) {
        int length = key.length();
        if ((long) charCount + length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more than 2^31 characters of distinct ids");
        }
        if (charCount + length > chars.length) {
            chars = Arrays.copyOf(chars, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(charCount + length, chars.length * 2L)));
        }
        for (int i = 0; i < length; i++) {
            chars[charCount + i] = key.charAt(i);
        }
        if (size + 2 > starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
        }
        starts[size] = charCount;
        hashes[size] = hash;
        charCount += length;
        size++;
        starts[size] = charCount;
        return size - 1;
    }

    private boolean equalsAt(int index, CharSequence key) {
        int start = starts[index];
        int length = starts[index + 1] - start;
        if (length != key.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (chars[start + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        table = new int[table.length * 2];
        mask = table.length - 1;
        for (int index = 0; index < size; index++) {
            int slot = hashes[index] & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = index + 1;
        }
    }

    /** String's polynomial hash, then mixed so that nearby ids ("u1", "u2") spread over the table. */
    private static int hash(CharSequence key) {
        int h = 0;
        for (int i = 0; i < key.length(); i++) {
            h = 31 * h + key.charAt(i);
        }
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
