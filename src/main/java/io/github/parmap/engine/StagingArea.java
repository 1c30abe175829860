package io.github.parmap.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * The private directory, inside the output directory, where items write before their outputs are moved
 * into place. Being on the same file system as the outputs is what makes each move atomic.
 *
 * <p>Each run stages under a directory of its own, guarded by a lock file, so runs that share an output
 * directory (several executions, or {@code mvn -T}) never touch each other's files, and the leftovers of a
 * killed run are recognised by their released lock and removed by the next run.
 */
public final class StagingArea implements AutoCloseable {

    /** Name of the directory inside the output directory that holds all staging areas. */
    public static final String DIRECTORY_NAME = ".parmap-staging";

    private final Path root;
    private final Path runDirectory;
    private final Path lockFile;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StagingArea(Path root, Path runDirectory, Path lockFile, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.runDirectory = runDirectory;
        this.lockFile = lockFile;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static StagingArea open(Path outputDirectory) throws IOException {
        Path root = outputDirectory.resolve(DIRECTORY_NAME);
        Files.createDirectories(root);
        removeAbandonedRuns(root);
        String runId = UUID.randomUUID().toString();
        Path runDirectory = Files.createDirectory(root.resolve(runId));
        Path lockFile = root.resolve(runId + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return new StagingArea(root, runDirectory, lockFile, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A fresh directory for one item's outputs; it is created when first needed. */
    Path directoryFor(int itemIndex) {
        return runDirectory.resolve(Integer.toString(itemIndex));
    }

    @Override
    public void close() throws IOException {
        try {
            deleteTree(runDirectory);
        } finally {
            lock.release();
            lockChannel.close();
            Files.deleteIfExists(lockFile);
            try {
                Files.deleteIfExists(root);
            } catch (DirectoryNotEmptyException stillInUse) {
                // Another run shares this output directory; the last one out removes the root.
            }
        }
    }

    private static void removeAbandonedRuns(Path root) throws IOException {
        try (DirectoryStream<Path> locks = Files.newDirectoryStream(root, "*.lock")) {
            for (Path lockFile : locks) {
                if (isAbandoned(lockFile)) {
                    String runId = lockFile.getFileName().toString().replaceFirst("\\.lock$", "");
                    deleteTree(root.resolve(runId));
                    Files.deleteIfExists(lockFile);
                }
            }
        }
        // Run directories whose lock file is already gone were abandoned between the two deletions above.
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, entry -> Files.isDirectory(entry))) {
            for (Path runDirectory : entries) {
                if (!Files.exists(root.resolve(runDirectory.getFileName() + ".lock"))) {
                    deleteTree(runDirectory);
                }
            }
        }
    }

    private static boolean isAbandoned(Path lockFile) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return false;
            }
            probe.release();
            return true;
        } catch (OverlappingFileLockException heldInThisJvm) {
            return false;
        } catch (IOException gone) {
            return false;
        }
    }

    static void deleteTree(Path directory) throws IOException {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException alreadyGone) {
            // nothing to delete
        }
    }
}
