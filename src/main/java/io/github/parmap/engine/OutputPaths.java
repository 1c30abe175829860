package io.github.parmap.engine;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Checks an output path that a processor asks for and brings it to one canonical, relative form. */
final class OutputPaths {
    private OutputPaths() {}

    /**
     * @param requested the path as the processor gave it
     * @return the normalized, {@code '/'}-separated relative path
     * @throws IllegalArgumentException if the path is empty, absolute, contains a backslash, leads outside
     *     the output directory or into parmap's staging directory
     */
    static String normalize(String requested) {
        return normalize(requested, false);
    }

    /**
     * @param requested the path as the processor gave it
     * @param backslashIsAName whether a backslash is an ordinary character of a name here: on a file system
     *     whose separator is {@code '/'}, an input's own name may contain one, and its outputs may too
     * @return the normalized, {@code '/'}-separated relative path
     * @throws IllegalArgumentException if the path is empty, absolute, contains a backslash that is not
     *     allowed, leads outside the output directory or into parmap's staging directory
     */
    static String normalize(String requested, boolean backslashIsAName) {
        if (requested == null || requested.isBlank()) {
            throw new PlainMessageException("output path must not be empty");
        }
        String shown = PrintablePaths.printable(requested);
        Path path;
        try {
            path = Path.of(requested);
        } catch (InvalidPathException e) {
            throw new PlainMessageException("output path '" + shown + "' is not a valid path: " + e.getReason());
        }
        if (requested.indexOf('\\') >= 0 && !(backslashIsAName && path.getFileSystem().getSeparator().equals("/"))) {
            throw new PlainMessageException("output path '" + shown + "' contains a backslash; separate directories with '/'");
        }
        if (path.isAbsolute() || path.getRoot() != null || requested.startsWith("/")) {
            throw new PlainMessageException(
                    "output path '" + shown + "' is absolute; give a path relative to the output directory");
        }
        Path normalized = path.normalize();
        String separator = path.getFileSystem().getSeparator();
        String canonical = separator.equals("/") ? normalized.toString() : normalized.toString().replace(separator, "/");
        if (canonical.isEmpty() || canonical.equals("..") || canonical.startsWith("../")) {
            throw new PlainMessageException("output path '" + shown + "' leads outside the output directory");
        }
        if (canonical.equals(StagingArea.DIRECTORY_NAME) || canonical.startsWith(StagingArea.DIRECTORY_NAME + "/")) {
            throw new PlainMessageException(
                    "output path '" + shown + "' is inside " + StagingArea.DIRECTORY_NAME + ", which parmap reserves for itself");
        }
        return canonical;
    }
}
