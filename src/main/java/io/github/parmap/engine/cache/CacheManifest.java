package io.github.parmap.engine.cache;

import io.github.parmap.engine.commit.OutputPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a cache entry holds: the item's outputs, each with its relative path, size and SHA-256, whose bytes
 * are stored as blobs by that hash. Text, one output a line, with a count up front and an end line, so that
 * a truncated manifest is recognised instead of restoring part of an item.
 */
public record CacheManifest(List<Output> outputs) {
    private static final String HEADER = "parmap-cache-manifest 1";
    private static final String END = "end";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** No item writes anywhere near this many outputs; a manifest that says so is damaged. */
    private static final int MAX_OUTPUTS = 1_000_000;

    public CacheManifest {
        outputs = List.copyOf(outputs);
    }

    /**
     * One output of a cached item.
     *
     * @param path relative to the output directory, '/'-separated
     * @param size its size in bytes
     * @param sha256 its SHA-256 in lowercase hexadecimal: the name of its blob
     */
    public record Output(String path, long size, String sha256) {}

    /** @return whether every output path can be written in a manifest (no line breaks) */
    static boolean storable(String path) {
        return path.indexOf('\n') < 0 && path.indexOf('\r') < 0;
    }

    public byte[] encode() {
        StringBuilder text = new StringBuilder(HEADER).append('\n').append(outputs.size()).append('\n');
        for (Output output : outputs) {
            text.append(output.sha256()).append(' ').append(output.size()).append(' ').append(output.path()).append('\n');
        }
        return text.append(END).append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return whether the bytes begin as a manifest does, even if damaged further on: a cache entry, not some other page */
    static boolean looksLikeOne(byte[] bytes) {
        byte[] header = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        return bytes.length >= header.length && java.util.Arrays.equals(bytes, 0, header.length, header, 0, header.length);
    }

    /**
     * @param bytes a stored manifest
     * @return the manifest
     * @throws CorruptEntryException if the bytes are not a whole manifest, or name an output outside the
     *     output directory
     */
    public static CacheManifest decode(byte[] bytes) throws CorruptEntryException {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        try {
            if (lines.length < 4 || !lines[0].equals(HEADER)) {
                throw new CorruptEntryException("the manifest is not a parmap cache manifest, or is cut short");
            }
            int count = Integer.parseInt(lines[1]);
            if (count < 0 || count > MAX_OUTPUTS || lines.length != count + 4 || !lines[count + 2].equals(END)
                    || !lines[count + 3].isEmpty()) {
                throw new CorruptEntryException("the manifest is cut short or has extra lines");
            }
            List<Output> outputs = new ArrayList<>(count);
            for (int line = 2; line < count + 2; line++) {
                String[] fields = lines[line].split(" ", 3);
                if (fields.length != 3 || !SHA256.matcher(fields[0]).matches()) {
                    throw new CorruptEntryException("manifest line " + (line + 1) + " is damaged");
                }
                long size = Long.parseLong(fields[1]);
                if (size < 0) {
                    throw new CorruptEntryException("manifest line " + (line + 1) + " has a negative size");
                }
                String path;
                try {
                    path = OutputPaths.normalize(fields[2]);
                } catch (IllegalArgumentException escapes) {
                    throw new CorruptEntryException("the manifest names an output outside the output directory: " + fields[2]);
                }
                outputs.add(new Output(path, size, fields[0].toLowerCase(Locale.ROOT)));
            }
            return new CacheManifest(outputs);
        } catch (NumberFormatException e) {
            throw new CorruptEntryException("the manifest has a damaged number");
        }
    }

    /** A cache entry that cannot be used: its manifest is damaged, or a blob is missing or has other bytes. */
    public static final class CorruptEntryException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptEntryException(String message) {
            super(message);
        }
    }
}
