package io.github.parmap.engine.cache;

import io.github.parmap.engine.support.Fingerprints;
import java.nio.charset.StandardCharsets;
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
        update(digest, "parmap-cache-key " + FORMAT_VERSION);
        update(digest, relativePath);
        digest.update(inputSha256);
        update(digest, configurationFingerprint);
        return Fingerprints.hex(digest.digest());
    }

    /** Each part is preceded by its length, so that text cannot move from one part to the next. */
    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
        digest.update(bytes);
    }
}
