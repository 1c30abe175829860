package io.github.parmap.engine;

import java.nio.file.FileSystemException;

/** Turns a processor's exception into the short text shown to users. */
final class Failures {
    private Failures() {}

    /**
     * @param thrown what a processor threw
     * @return the exception's simple class name and message, for example
     *     {@code "NumberFormatException: For input string: \"x\""}; the message alone for parmap's own
     *     {@link PlainMessageException}
     */
    static String describe(Throwable thrown) {
        String message = thrown instanceof FileSystemException fileSystem ? printableMessage(fileSystem) : thrown.getMessage();
        if (message == null || message.isBlank()) {
            return thrown.getClass().getSimpleName();
        }
        if (thrown instanceof PlainMessageException) {
            return message;
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
}
