package io.github.parmap.it.processors;

import java.util.function.Function;

/**
 * The one-line kind of processor: a {@code Function<byte[], byte[]>} that reverses the bytes of each file.
 * An empty file gives {@code null}, which tells parmap to write no output for it.
 */
public class Reverse implements Function<byte[], byte[]> {

    @Override
    public byte[] apply(byte[] input) {
        if (input.length == 0) {
            return null;
        }
        byte[] reversed = new byte[input.length];
        for (int i = 0; i < input.length; i++) {
            reversed[i] = input[input.length - 1 - i];
        }
        return reversed;
    }
}
