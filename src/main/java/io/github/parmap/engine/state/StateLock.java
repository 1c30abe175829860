package io.github.parmap.engine.state;

import io.github.parmap.engine.support.RunLog;
import io.github.parmap.engine.support.RunStoppedException;
import io.github.parmap.engine.support.Units;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One build at a time per execution's state: two builds of the same execution at once (two terminals, an IDE
 * beside the command line) would both process everything and leave a state that makes the next build redo
 * up-to-date files. The second build waits for the first, saying so once, and fails after a bounded wait.
 *
 * <p>The lock is the operating system's lock on {@code lock} in the state directory, so a build killed with
 * {@code kill -9} holds it no longer. The file is never deleted while builds may wait on it: deleting it would
 * let two builds lock two different files.
 */
public final class StateLock implements AutoCloseable {
    public static final String FILE = "lock";
    private static final long POLL_MILLIS = 100;

    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param stateDirectory the execution's state directory, created if needed
     * @param maxWait how long to wait for another build that holds the lock
     * @throws IOException naming the lock file, when the other build still holds it after {@code maxWait}
     */
    public static StateLock acquire(Path stateDirectory, Duration maxWait, RunLog log) throws IOException, InterruptedException {
        Files.createDirectories(stateDirectory);
        Path file = stateDirectory.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            long deadline = System.nanoTime() + maxWait.toNanos();
            boolean told = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    return new StateLock(channel, lock);
                }
                if (!told) {
                    log.info("Waiting for another build of this execution to finish: it holds " + file
                            + " (waiting up to " + Units.duration(maxWait) + ")");
                    told = true;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new RunStoppedException("another build of this execution still holds " + file + " after " + Units.duration(maxWait)
                            + ": let it finish, or stop it, and build again (two builds of one execution at once would redo each other's work)");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** @return the lock, or {@code null} while another build holds it, in another JVM or in this one */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
