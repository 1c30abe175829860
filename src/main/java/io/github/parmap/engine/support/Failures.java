package io.github.parmap.engine.support;

import java.io.IOException;

import java.nio.file.FileSystemException;

/** Turns a processor's exception into the short text shown to users. */
public final class Failures {
    private Failures() {}

    /**
     * @return whether the JVM may be unfit to go on after this was thrown, so that no further item should
     *     start: running out of memory, or a failure inside the JVM itself. A stack overflow or a missing
     *     class fails its item only.
     */
    public static boolean isFatal(Throwable thrown) {
        return thrown instanceof OutOfMemoryError || thrown instanceof InternalError || thrown instanceof UnknownError;
    }

    /**
     * @param thrown what a processor threw
     * @return the exception's simple class name and message, for example
     *     {@code "NumberFormatException: For input string: \"x\""}; the message alone for parmap's own
     *     {@link PlainMessageException}
     */
    public static String describe(Throwable thrown) {
        String message = thrown instanceof FileSystemException fileSystem ? printableMessage(fileSystem) : thrown.getMessage();
        if (message == null || message.isBlank()) {
            return thrown.getClass().getSimpleName();
        }
        if (thrown instanceof PlainMessageException) {
            return message;
        }
        if (thrown instanceof OutOfMemoryError) {
            return thrown.getClass().getSimpleName() + ": " + message
                    + " (no further file was started; give the build more memory, e.g. MAVEN_OPTS=-Xmx4g)";
        }
        return thrown.getClass().getSimpleName() + ": " + message;
    }

    /** The message of a file system error, such as {@code "/in/a b.txt: Permission denied"}, with its paths on one line. */
    private static String printableMessage(FileSystemException thrown) {
        if (thrown.getFile() == null) {
            return thrown.getMessage();
        }
        StringBuilder message = new StringBuilder(PrintablePaths.printable(thrown.getFile()));
        if (thrown.getOtherFile() != null) {
            message.append(" -> ").append(PrintablePaths.printable(thrown.getOtherFile()));
        }
        if (thrown.getReason() != null) {
            message.append(": ").append(thrown.getReason());
        }
        return message.toString();
    }

    /**
     * Throws what a task threw, as it was: an {@link IOException}, a {@link RuntimeException} or an
     * {@link Error}; anything else in an {@code IOException}.
     */
    public static void rethrowCause(java.util.concurrent.ExecutionException failed) throws IOException {
        Throwable cause = failed.getCause();
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IOException(cause);
    }
}
