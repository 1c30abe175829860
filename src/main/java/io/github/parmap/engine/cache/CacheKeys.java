package io.github.parmap.engine.cache;

import io.github.parmap.engine.support.Fingerprints;
import java.security.MessageDigest;

/**
 * The key of an item's cache entry: a SHA-256 over the cache format version, the input's relative path,
 * the input's content hash and the configuration fingerprint. It holds no absolute path, so clones of a
 * project at different paths, on different machines, compute the same keys.
 */
public final class CacheKeys {
    /** Changes whenever the layout or the manifest format of entries changes; part of every key and path. */
    static final int FORMAT_VERSION = 1;

    private CacheKeys() {}

    public static String key(String configurationFingerprint, String relativePath, byte[] inputSha256) {
        MessageDigest digest = Fingerprints.sha256();
        Fingerprints.updateWithLength(digest, "parmap-cache-key " + FORMAT_VERSION);
        Fingerprints.updateWithLength(digest, relativePath);
        digest.update(inputSha256);
        Fingerprints.updateWithLength(digest, configurationFingerprint);
        return Fingerprints.hex(digest.digest());
    }
}
