package io.github.parmap.engine.support;

import java.util.Arrays;

/**
 * Many strings, such as the paths of a million files, in one growing byte array instead of two objects
 * each: a collector copies a handful of large arrays at no cost, where it would copy millions of small
 * objects, and heap growth follows. A string is kept as one byte per char when all its chars fit in one
 * (nearly every path), else as two; it is named by a {@code long} reference that {@link #add} returns.
 *
 * <p>Not thread-safe: its owner synchronizes.
 */
public final class PathSlab {
    /** In the low half of a reference, marks a string kept as two bytes per char. */
    private static final long WIDE = 1L << 31;
    private static final int CHARS = (int) (WIDE - 1);

    private byte[] bytes;
    private int used;

    /** @param expectedBytes how many bytes to make room for at once */
    public PathSlab(int expectedBytes) {
        bytes = new byte[Math.max(64, expectedBytes)];
    }

    /** @return the reference of a copy of the text */
    public long add(String text) {
        int length = text.length();
        boolean wide = !fitsOneByte(text);
        int need = wide ? 2 * length : length;
        if (bytes.length - used < need) {
            long grown = Math.max((long) bytes.length + (bytes.length >> 1), (long) used + need);
            if (grown > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("more than 2 GB of paths");
            }
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
        int offset = used;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (wide) {
                bytes[offset + 2 * i] = (byte) (c >>> 8);
                bytes[offset + 2 * i + 1] = (byte) c;
            } else {
                bytes[offset + i] = (byte) c;
            }
        }
        used += need;
        return (long) offset << 32 | (wide ? WIDE : 0) | length;
    }

    /** @return the text of a reference */
    public String get(long ref) {
        int offset = offset(ref);
        int length = length(ref);
        if (!isWide(ref)) {
            return new String(bytes, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = charAt(offset, true, i);
        }
        return new String(chars);
    }

    /** @return the text's length in chars */
    public static int length(long ref) {
        return (int) (ref & CHARS);
    }

    /** @return whether the reference names this text */
    public boolean matches(long ref, String text) {
        int length = length(ref);
        if (length != text.length()) {
            return false;
        }
        int offset = offset(ref);
        boolean wide = isWide(ref);
        for (int i = 0; i < length; i++) {
            if (charAt(offset, wide, i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return the text's {@link String#hashCode()}, without making the string */
    public int hash(long ref) {
        int offset = offset(ref);
        boolean wide = isWide(ref);
        int hash = 0;
        for (int i = 0, length = length(ref); i < length; i++) {
            hash = 31 * hash + charAt(offset, wide, i);
        }
        return hash;
    }

    /** @return the order of two texts as {@link String#compareTo} has it */
    public int compare(long a, long b) {
        int aOffset = offset(a);
        int bOffset = offset(b);
        boolean aWide = isWide(a);
        boolean bWide = isWide(b);
        int aLength = length(a);
        int bLength = length(b);
        for (int i = 0, common = Math.min(aLength, bLength); i < common; i++) {
            int difference = charAt(aOffset, aWide, i) - charAt(bOffset, bWide, i);
            if (difference != 0) {
                return difference;
            }
        }
        return aLength - bLength;
    }

    private char charAt(int offset, boolean wide, int index) {
        if (wide) {
            return (char) ((bytes[offset + 2 * index] & 0xFF) << 8 | bytes[offset + 2 * index + 1] & 0xFF);
        }
        return (char) (bytes[offset + index] & 0xFF);
    }

    private static int offset(long ref) {
        return (int) (ref >>> 32);
    }

    private static boolean isWide(long ref) {
        return (ref & WIDE) != 0;
    }

    private static boolean fitsOneByte(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
