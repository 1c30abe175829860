package io.github.parmap.engine;

import io.github.parmap.engine.scan.InputFile;
import io.github.parmap.engine.support.Fingerprints;
import io.github.parmap.engine.support.InvalidConfigurationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One slice of the items, so that several machines (the jobs of a CI matrix) split one data set: slice
 * {@code index} of {@code count} holds the items whose stable hash of relative path falls in it. The hash
 * depends on the relative path alone, so every machine agrees on the slices.
 *
 * @param index the slice, 1 to {@code count}
 * @param count how many slices
 */
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is K/N with 1 <= K <= N, was " + index + "/" + count);
        }
    }

    /**
     * @param text {@code K/N}, for example {@code 2/3}
     * @return the shard
     * @throws InvalidConfigurationException naming {@code <shard>} if the text is not of that form
     */
    public static Shard parse(String text) throws InvalidConfigurationException {
        String trimmed = text == null ? "" : text.trim();
        int slash = trimmed.indexOf('/');
        try {
            if (slash > 0) {
                int index = Integer.parseInt(trimmed.substring(0, slash).trim());
                int count = Integer.parseInt(trimmed.substring(slash + 1).trim());
                if (count >= 1 && index >= 1 && index <= count) {
                    return new Shard(index, count);
                }
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidConfigurationException("shard", text, "K/N with whole numbers 1 <= K <= N, such as 2/3");
    }

    /** @return whether an item belongs to this shard */
    public boolean contains(String relativePath) {
        byte[] digest = Fingerprints.sha256().digest(relativePath.getBytes(StandardCharsets.UTF_8));
        long hash = ByteBuffer.wrap(digest).getLong();
        return Long.remainderUnsigned(hash, count) == index - 1;
    }

    List<InputFile> select(List<InputFile> items) {
        return items.stream().filter(item -> contains(item.relativePath())).collect(Collectors.toCollection(ArrayList::new));
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
