package io.github.parmap.engine.cache;

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

    /** @return whether any cache is configured */
    public boolean enabled() {
        return localDirectory != null || remote != null;
    }
}
