package io.github.parmap.engine.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** Content hashes and time stamps in the forms the build state stores. */
public final class Fingerprints {
    private static final int BUFFER_SIZE = 64 * 1024;
    /** One read buffer per thread: hashing is on every item's path, and a fresh 64 KiB each time is garbage. */
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER_SIZE));
    /** Likewise one digest per thread: each new one looks up its provider and allocates its state. */
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(Fingerprints::sha256);

    private Fingerprints() {}

    public static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** @return the SHA-256 of a file's content */
    public static byte[] sha256(Path file) throws IOException {
        MessageDigest digest = DIGESTS.get();
        digest.reset(); // a read that failed halfway leaves its bytes in the digest
        ByteBuffer buffer = BUFFERS.get();
        // A channel reads into the thread's buffer as it is; an InputStream over a channel wraps the array anew on every read.
        try (FileChannel channel = FileChannel.open(file)) {
            while (buffer.clear().hasRemaining() && channel.read(buffer) >= 0) {
                digest.update(buffer.array(), 0, buffer.position());
            }
        }
        return digest.digest();
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Adds a text to a digest preceded by its length in UTF-8 bytes, as four bytes big-endian, so that text
     * cannot move from one part of a digest to the next.
     */
    public static void updateWithLength(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
