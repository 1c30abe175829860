package io.github.parmap.engine.cache;

import io.github.parmap.engine.support.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a run shares item results through a content-addressed build cache: a local directory, a remote HTTP
 * server, or both.
 *
 * @param configurationFingerprint the digest of everything besides the input that decides an item's outputs
 *     (processor code, parameters, plugin version, declared extra inputs); it must hold no absolute path, so
 *     that clones of a project at different paths share entries
 * @param localDirectory the local cache directory, or {@code null} for no local cache
 * @param localMaxSize the size in bytes the local cache is kept under, least recently used entries first out
 * @param remote the remote cache, or {@code null} for none
 */
public record CacheSettings(String configurationFingerprint, Path localDirectory, long localMaxSize, RemoteCacheSettings remote) {

    /** The default {@link #localMaxSize}: 2 GiB. */
    public static final long DEFAULT_MAX_SIZE = 2L * 1024 * 1024 * 1024;

    public CacheSettings {
        Objects.requireNonNull(configurationFingerprint, "configurationFingerprint");
        localDirectory = localDirectory == null ? null : localDirectory.toAbsolutePath().normalize();
        if (localMaxSize < 0) {
            throw new IllegalArgumentException("localMaxSize must not be negative, was " + localMaxSize);
        }
    }

    /**
     * @param text a size in bytes, or with a binary unit: {@code 2G}, {@code 2GB}, {@code 2GiB}, {@code 500M},
     *     {@code 64k}
     * @return the size in bytes
     * @throws InvalidConfigurationException naming {@code <cacheMaxSize>} if the text is no such size
     */
    public static long parseSize(String text) throws InvalidConfigurationException {
        String trimmed = text == null ? "" : text.trim().toUpperCase(java.util.Locale.ROOT);
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d+)\\s*(?:([KMGT])(?:I?B)?|B)?").matcher(trimmed);
        if (matcher.matches()) {
            try {
                long value = Long.parseLong(matcher.group(1));
                int shift = matcher.group(2) == null ? 0 : 10 * ("KMGT".indexOf(matcher.group(2)) + 1);
                if (value <= Long.MAX_VALUE >> shift) {
                    return value << shift;
                }
            } catch (NumberFormatException tooLong) {
                // reported below
            }
        }
        throw new InvalidConfigurationException("cacheMaxSize", text, "a size in bytes, or with a unit such as 500M or 2G (binary multiples)");
    }

    /** @return whether any cache is configured */
    public boolean enabled() {
        return localDirectory != null || remote != null;
    }
}
