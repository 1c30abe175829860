package io.github.parmap.engine.support;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces a file of parmap's own (the state snapshot, the timing report) as one atomic rename of a complete
 * temporary file beside it. A write that fails leaves the old file as it was and no temporary file behind,
 * and its message names the file and, when the disk is full, how much space it needs.
 */
public final class AtomicFileWrite {
    /** Writes a file's whole content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFileWrite() {}

    public static Path temporaryFor(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /**
     * @throws RunStoppedException naming the file, the reason and, when the file system is full, the space
     *     needed and how to go on
     */
    public static void replace(Path file, Content content) throws IOException {
        Path temporary = temporaryFor(file);
        long[] written = {0};
        try {
            try (OutputStream out = new FilterOutputStream(Files.newOutputStream(temporary)) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    written[0] += length; // counted before the write: a full disk refuses exactly these bytes
                    this.out.write(bytes, offset, length);
                }

                @Override
                public void write(int b) throws IOException {
                    written[0]++;
                    this.out.write(b);
                }
            }) {
                content.writeTo(out);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cannotDelete) {
                e.addSuppressed(cannotDelete);
            }
            RunStoppedException described = new RunStoppedException(describe(file, e, written[0]));
            described.initCause(e);
            throw described;
        }
    }

    private static String describe(Path file, IOException failure, long bytesAttempted) {
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof java.nio.file.FileSystemException fileSystem && fileSystem.getReason() != null) {
            reason = fileSystem.getReason();
        }
        StringBuilder message = new StringBuilder("could not write ").append(file).append(": ").append(reason);
        if (reason.contains("No space left on device") || reason.contains("Disk quota exceeded")) {
            message.append(" (it needs at least ").append(bytesAttempted).append(" bytes");
            long free = usableSpace(file);
            if (free >= 0) {
                message.append(", and ").append(free).append(" bytes are free there");
            }
            message.append("); free some space and build again: the next build picks up where this one stopped");
        }
        return message.toString();
    }

    private static long usableSpace(Path file) {
        try {
            return Files.getFileStore(file.getParent()).getUsableSpace();
        } catch (IOException | RuntimeException unknown) {
            return -1;
        }
    }
}
