package io.github.parmap.engine.commit;

import io.github.parmap.engine.support.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The private directory, inside the output directory, where items write before their outputs are moved
 * into place. Being on the same file system as the outputs is what makes each move atomic.
 *
 * <p>Each run stages under a directory of its own, next to an owner file that names the process running it,
 * so runs that share an output directory (several executions, {@code mvn -T}, or several builds at once)
 * never touch each other's files, and the leftovers of a killed build are recognised by their dead owner and
 * removed by the next run.
 */
public final class StagingArea implements AutoCloseable {

    /** Name of the directory inside the output directory that holds all staging areas. */
    public static final String DIRECTORY_NAME = ".parmap-staging";

    private static final String OWNER_SUFFIX = ".owner";
    private static final int ATTEMPTS = 5;

    private final Path root;
    private final String runId;
    private final Path runDirectory;
    private final Path ownerFile;
    private final AtomicInteger nextSlot = new AtomicInteger();
    /** Removes the staging area when the build is stopped with Ctrl-C or SIGTERM while the run goes on. */
    private final Thread cleanupOnExit;
    // Guarded by this; read without the lock from a shutdown hook.
    private volatile boolean created;
    /** Set once a shutdown hook starts removing the area: the JVM is exiting, and the run with it. */
    private volatile boolean removedAtExit;
    private boolean closed;

    private StagingArea(Path outputDirectory) {
        this.root = outputDirectory.resolve(DIRECTORY_NAME);
        this.runId = UUID.randomUUID().toString();
        this.runDirectory = root.resolve(runId);
        this.ownerFile = root.resolve(runId + OWNER_SUFFIX);
        this.cleanupOnExit = new Thread(this::removeQuietly, "parmap-staging-cleanup");
    }

    /**
     * Runs while the JVM shuts down, when workers may still be staging items: a worker that creates an item's
     * directory during the walk makes the removal fail, so it is walked again. Once the run directory is gone,
     * no worker can create it again ({@link WorkItem} creates its own directory only, not its parents).
     */
    private void removeQuietly() {
        removedAtExit = true;
        for (int attempt = 1; attempt <= ATTEMPTS && Files.exists(runDirectory, LinkOption.NOFOLLOW_LINKS); attempt++) {
            try {
                FileTrees.deleteTree(runDirectory);
            } catch (IOException | RuntimeException stagedMeanwhile) {
                // a worker staged an item during the walk: walk again
            }
        }
        try {
            Files.deleteIfExists(ownerFile);
            Files.deleteIfExists(root);
        } catch (IOException | RuntimeException leftForTheNextRun) {
            // another run stages here too, or a worker outran every attempt; the next run removes what is left
        }
    }

    /**
     * Removes the staging area now, from a shutdown hook that halts the JVM and so may cut short the hook that
     * would have removed it. Takes no lock: a worker may hold one while the JVM exits.
     */
    public void removeBeforeHalt() {
        if (created) {
            removeQuietly();
        }
    }

    /** @return the staging area of a new run, created on disk now */
    static StagingArea open(Path outputDirectory) throws IOException {
        StagingArea area = new StagingArea(outputDirectory);
        area.create();
        return area;
    }

    /**
     * @return the staging area of a new run, created on disk when an item first stages an output, so that a
     *     run where every item is up to date touches no directory; the leftovers of a killed build are still
     *     removed at once when there are any
     */
    public static StagingArea onFirstUse(Path outputDirectory) throws IOException {
        StagingArea area = new StagingArea(outputDirectory);
        if (Files.exists(area.root, LinkOption.NOFOLLOW_LINKS)) {
            area.create();
        }
        return area;
    }

    /** Creates the run's directory and owner file, unless done already; never after the area was closed. */
    synchronized void create() throws IOException {
        if (closed) {
            // Once the run's staging area is removed (the build was stopped), nothing may bring it back.
            throw new NoSuchFileException(runDirectory.toString(), null, "the run's staging area is closed");
        }
        if (created) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(root);
                removeAbandonedRuns(root);
                // The owner file comes first, so a run directory without one is always abandoned.
                writeOwnerFile(root, runId);
                Files.createDirectory(runDirectory);
                break;
            } catch (NoSuchFileException rootRemovedMeanwhile) {
                // Another run sharing the output directory finished and removed the empty root; start again.
                if (attempt == ATTEMPTS) {
                    throw rootRemovedMeanwhile;
                }
            }
        }
        created = true;
        try {
            Runtime.getRuntime().addShutdownHook(cleanupOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting; the next run removes what is left
        }
    }

    /**
     * @return whether the JVM is exiting under the run (Ctrl-C, SIGTERM, a {@code System.exit}) and the area is
     *     being removed: an item that fails from now on was cut short, it did not fail
     */
    public boolean removedAtExit() {
        return removedAtExit;
    }

    /** A directory for one item's outputs; the item creates it when it stages its first output. */
    Path directoryFor(int slot) {
        return runDirectory.resolve(Integer.toString(slot));
    }

    /** @return a directory of its own for one worker (a replaced worker gets a new one), created when first needed */
    public Path newSlot() {
        return directoryFor(nextSlot.getAndIncrement());
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (!created) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or has run
        }
        try {
            FileTrees.deleteTree(runDirectory);
        } finally {
            Files.deleteIfExists(ownerFile);
            try {
                Files.deleteIfExists(root);
            } catch (DirectoryNotEmptyException stillInUse) {
                // Another run shares this output directory; the last one out removes the root.
            }
        }
    }

    private static Path writeOwnerFile(Path root, String runId) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        String owner = self.pid() + " " + self.info().startInstant().map(Instant::toString).orElse("-");
        Path temporary = Files.writeString(root.resolve(runId + OWNER_SUFFIX + ".tmp"), owner, StandardCharsets.UTF_8);
        return Files.move(temporary, root.resolve(runId + OWNER_SUFFIX), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void removeAbandonedRuns(Path root) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(OWNER_SUFFIX)) {
                    if (!ownerIsAlive(entry)) {
                        FileTrees.deleteTree(root.resolve(name.substring(0, name.length() - OWNER_SUFFIX.length())));
                        Files.deleteIfExists(entry);
                    }
                } else if (name.endsWith(OWNER_SUFFIX + ".tmp")) {
                    if (!ownerIsAlive(entry)) {
                        Files.deleteIfExists(entry); // a build killed while it was starting a run
                    }
                } else if (Files.isDirectory(entry) && !Files.exists(root.resolve(name + OWNER_SUFFIX))) {
                    FileTrees.deleteTree(entry);
                }
            }
        }
    }

    /** Whether the process named in an owner file still runs: same process id, and started at the same instant. */
    private static boolean ownerIsAlive(Path ownerFile) {
        String[] owner;
        try {
            owner = Files.readString(ownerFile, StandardCharsets.UTF_8).trim().split(" ");
        } catch (IOException gone) {
            return true; // removed by its run as we looked: nothing for us to clean up
        }
        try {
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(owner[0]));
            if (process.isEmpty() || !process.get().isAlive()) {
                return false;
            }
            String started = process.get().info().startInstant().map(Instant::toString).orElse("-");
            return owner.length < 2 || owner[1].equals("-") || started.equals("-") || owner[1].equals(started);
        } catch (NumberFormatException corrupt) {
            return false;
        }
    }

}
