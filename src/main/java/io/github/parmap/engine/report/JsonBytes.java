package io.github.parmap.engine.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes JSON text as UTF-8 bytes into a buffer of its own, flushed to a stream when full. A report has a line
 * per file, a million lines for a million files: going through a {@code Writer} and its charset encoder took
 * three times as long as putting the bytes in place, and most names are ASCII, one byte per character.
 */
final class JsonBytes {
    private static final int BUFFER = 64 * 1024;
    /** The most bytes one character takes here: a {@code \}{@code u0000} escape. */
    private static final int MOST_PER_CHAR = 6;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private int count;

    JsonBytes(OutputStream out) {
        this.out = out;
    }

    /** Writes text that is ASCII and needs no escaping, such as the report's own keys and numbers. */
    JsonBytes raw(String ascii) throws IOException {
        return raw(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes bytes that are ASCII and need no escaping: a piece of the report's layout, encoded once. */
    JsonBytes raw(byte[] ascii) throws IOException {
        if (ascii.length > buffer.length) {
            drain();
            out.write(ascii);
        } else {
            room(ascii.length);
            System.arraycopy(ascii, 0, buffer, count, ascii.length);
            count += ascii.length;
        }
        return this;
    }

    /** Writes the text as a JSON string: quoted, with quotes, backslashes and control characters escaped. */
    JsonBytes string(String text) throws IOException {
        int length = text.length();
        // Room for the whole string at its longest, made once: the common name then costs no check per character.
        boolean fits = 2 + (long) length * MOST_PER_CHAR <= buffer.length;
        room(fits ? 2 + length * MOST_PER_CHAR : 1);
        buffer[count++] = '"';
        for (int i = 0; i < length; i++) {
            if (!fits) {
                room(MOST_PER_CHAR);
            }
            char ch = text.charAt(i);
            if (ch >= 0x20 && ch < 0x80 && ch != '"' && ch != '\\') {
                buffer[count++] = (byte) ch;
            } else {
                i = special(text, i);
            }
        }
        room(1);
        buffer[count++] = '"';
        return this;
    }

    /** Writes the character at {@code i}, one that is escaped or takes more than a byte. @return the index of its last char */
    private int special(String text, int i) {
        char ch = text.charAt(i);
        if (ch < 0x80) {
            escape(ch);
        } else if (ch < 0x800) {
            buffer[count++] = (byte) (0xC0 | ch >> 6);
            buffer[count++] = (byte) (0x80 | ch & 0x3F);
        } else if (Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            int codePoint = Character.toCodePoint(ch, text.charAt(++i));
            buffer[count++] = (byte) (0xF0 | codePoint >> 18);
            buffer[count++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
            buffer[count++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            buffer[count++] = (byte) (0x80 | codePoint & 0x3F);
        } else if (Character.isSurrogate(ch)) {
            buffer[count++] = '?'; // half a pair is no character: the JDK's UTF-8 encoder writes '?' too
        } else {
            buffer[count++] = (byte) (0xE0 | ch >> 12);
            buffer[count++] = (byte) (0x80 | ch >> 6 & 0x3F);
            buffer[count++] = (byte) (0x80 | ch & 0x3F);
        }
        return i;
    }

    /** Writes the ASCII characters of {@code chars} from {@code from} to its end. */
    JsonBytes ascii(char[] chars, int from) throws IOException {
        room(chars.length - from);
        for (int i = from; i < chars.length; i++) {
            buffer[count++] = (byte) chars[i];
        }
        return this;
    }

    void flush() throws IOException {
        drain();
        out.flush();
    }

    private void drain() throws IOException {
        out.write(buffer, 0, count);
        count = 0;
    }

    private void escape(char ch) {
        buffer[count++] = '\\';
        switch (ch) {
            case '"' -> buffer[count++] = '"';
            case '\\' -> buffer[count++] = '\\';
            case '\n' -> buffer[count++] = 'n';
            case '\r' -> buffer[count++] = 'r';
            case '\t' -> buffer[count++] = 't';
            default -> {
                buffer[count++] = 'u';
                buffer[count++] = '0';
                buffer[count++] = '0';
                buffer[count++] = HEX[ch >> 4];
                buffer[count++] = HEX[ch & 0xF];
            }
        }
    }

    private void room(int bytes) throws IOException {
        if (count + bytes > buffer.length) {
            drain();
        }
    }
}
