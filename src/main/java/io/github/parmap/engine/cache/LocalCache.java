package io.github.parmap.engine.cache;

import io.github.parmap.engine.support.Fingerprints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The local cache directory: {@code v1/manifests/ab/abcd…} and {@code v1/blobs/ef/efgh…}. Every file is
 * written to a temporary name and moved into place, so builds sharing the directory never see half a file,
 * and an entry that already exists counts as written. Blobs go in before their manifest. A hit renews the
 * modification times of the manifest and its blobs, which is what least-recently-used eviction goes by.
 */
public final class LocalCache implements CacheStore {
    private static final String TEMPORARY_PREFIX = ".tmp-";
    /** A temporary file this old belongs to a build that was killed, not one still writing it. */
    private static final Duration ABANDONED_TEMPORARY = Duration.ofHours(1);
    private static final int BUFFER_SIZE = 64 * 1024;
    /** Eviction stops below this share of the size limit, so that the next build does not evict again at once. */
    private static final double EVICTION_TARGET = 0.9;

    private final Path root;
    private final long maxSize;

    LocalCache(Path directory, long maxSize) {
        this.root = directory.resolve("v" + CacheKeys.FORMAT_VERSION);
        this.maxSize = maxSize;
    }

    Path root() {
        return root;
    }

    /** @return the entry's manifest bytes, or {@code null} if there is none */
    @Override
    public String name() {
        return "Local";
    }

    @Override
    public byte[] readManifest(String key) throws IOException {
        try {
            return Files.readAllBytes(manifestPath(key));
        } catch (NoSuchFileException miss) {
            return null;
        }
    }

    /**
     * Copies a blob to a file, checking its bytes against the hash it is stored under.
     *
     * @return whether the blob exists
     * @throws CacheManifest.CorruptEntryException if the blob holds other bytes
     */
    @Override
    public boolean copyBlob(CacheManifest.Output output, Path target) throws IOException, CacheManifest.CorruptEntryException {
        Path blob = blobPath(output.sha256());
        MessageDigest digest = Fingerprints.sha256();
        long size;
        InputStream blobStream;
        try {
            blobStream = Files.newInputStream(blob);
        } catch (NoSuchFileException evicted) {
            return false;
        }
        try (InputStream in = blobStream; OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            size = in.transferTo(out);
        }
        if (size != output.size() || !Fingerprints.hex(digest.digest()).equals(output.sha256())) {
            Files.deleteIfExists(blob); // so that the next store writes it again
            throw new CacheManifest.CorruptEntryException("blob " + output.sha256() + " of " + output.path() + " has other bytes");
        }
        return true;
    }

    /** Deletes an entry's manifest, after it was found damaged or incomplete, so that it is stored again. */
    void deleteManifest(String key) throws IOException {
        Files.deleteIfExists(manifestPath(key));
    }

    /** Deletes those blobs of a damaged entry that do not hold the bytes they are named for, so that they are stored again. */
    void deleteDamagedBlobs(CacheManifest manifest) {
        for (CacheManifest.Output output : manifest.outputs()) {
            Path blob = blobPath(output.sha256());
            try {
                if (Files.exists(blob) && !Fingerprints.hex(Fingerprints.sha256(blob)).equals(output.sha256())) {
                    Files.deleteIfExists(blob);
                }
            } catch (IOException unreadable) {
                // left for eviction
            }
        }
    }

    /** Marks an entry as just used, for least-recently-used eviction. */
    void touch(String key, CacheManifest manifest) {
        FileTime now = FileTime.from(Instant.now());
        try {
            Files.setLastModifiedTime(manifestPath(key), now);
            for (CacheManifest.Output output : manifest.outputs()) {
                Files.setLastModifiedTime(blobPath(output.sha256()), now);
            }
        } catch (IOException evictedMeanwhile) {
            // A concurrent build evicted part of it; the next lookup misses and stores it again.
        }
    }

    /**
     * Stores a blob unless it is there already.
     *
     * @param source a file holding the blob's bytes, already hashed to {@code sha256}
     */
    void storeBlob(String sha256, Path source) throws IOException {
        Path target = blobPath(sha256);
        if (Files.exists(target)) {
            return;
        }
        Path temporary = temporaryFileFor(target);
        try {
            Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
            moveIntoPlace(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Copies a file into a temporary file of the cache while hashing it, then moves it in as a blob.
     *
     * @return the file's SHA-256 in hexadecimal
     */
    String storeBlobHashing(Path source) throws IOException {
        Path blobs = root.resolve("blobs");
        Files.createDirectories(blobs);
        Path temporary = blobs.resolve(TEMPORARY_PREFIX + UUID.randomUUID());
        try {
            MessageDigest digest = Fingerprints.sha256();
            try (InputStream in = Files.newInputStream(source);
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), digest)) {
                byte[] buffer = new byte[BUFFER_SIZE];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                }
            }
            String sha256 = Fingerprints.hex(digest.digest());
            Path target = blobPath(sha256);
            if (!Files.exists(target)) {
                moveIntoPlace(temporary, target);
            }
            return sha256;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes a manifest unless the entry exists; its blobs must be stored first. */
    void storeManifest(String key, byte[] manifest) throws IOException {
        Path target = manifestPath(key);
        if (Files.exists(target)) {
            return;
        }
        Path temporary = temporaryFileFor(target);
        try {
            Files.write(temporary, manifest);
            moveIntoPlace(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Deletes the least recently used files until the cache is under its size limit, and temporary files
     * that killed builds left behind.
     *
     * @return how many bytes were freed
     */
    long evict() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        record Stored(Path path, long size, long modified) {}
        List<Stored> files = new ArrayList<>();
        long total = 0;
        long freed = 0;
        Instant abandoned = Instant.now().minus(ABANDONED_TEMPORARY);
        long[] totals = new long[2]; // total size, bytes freed
        // Builds sharing the cache add and delete files while this one walks it: a file gone is skipped.
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) throws IOException {
                if (!attributes.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                if (path.getFileName().toString().startsWith(TEMPORARY_PREFIX)) {
                    if (attributes.lastModifiedTime().toInstant().isBefore(abandoned) && Files.deleteIfExists(path)) {
                        totals[1] += attributes.size();
                    }
                    return FileVisitResult.CONTINUE;
                }
                files.add(new Stored(path, attributes.size(), attributes.lastModifiedTime().toMillis()));
                totals[0] += attributes.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path path, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }
        });
        total = totals[0];
        freed = totals[1];
        long target = total > maxSize ? (long) (maxSize * EVICTION_TARGET) : total;
        // Oldest first; at equal times manifests before blobs, so that no manifest outlives its blobs for long.
        files.sort(Comparator.comparingLong(Stored::modified).thenComparing(stored -> !stored.path().startsWith(root.resolve("manifests"))));
        for (Stored file : files) {
            if (total <= target) {
                break;
            }
            if (Files.deleteIfExists(file.path())) {
                freed += file.size();
            }
            total -= file.size();
        }
        return freed;
    }

    private Path manifestPath(String key) {
        return root.resolve("manifests").resolve(key.substring(0, 2)).resolve(key);
    }

    private Path blobPath(String sha256) {
        return root.resolve("blobs").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static Path temporaryFileFor(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return target.resolveSibling(TEMPORARY_PREFIX + UUID.randomUUID());
    }

    /** One atomic rename; when another build moved the same content in first, its file stays. */
    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException writtenByAnotherBuild) {
            // same key, same content: the entry is there, which is all that counts
        }
    }

    /** Evicted by a concurrent build: a plain miss, and the item is stored again. */
    @Override
    public void entryIncomplete(String key) throws IOException {
        deleteManifest(key);
    }

    @Override
    public void entryDamaged(String key, CacheManifest manifest) throws IOException {
        deleteManifest(key);
        if (manifest != null) {
            deleteDamagedBlobs(manifest);
        }
    }

    @Override
    public void entryRestored(String key, CacheManifest manifest) {
        touch(key, manifest);
    }
}
