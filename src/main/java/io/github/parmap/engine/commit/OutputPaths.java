package io.github.parmap.engine.commit;

import io.github.parmap.engine.support.PlainMessageException;
import io.github.parmap.engine.support.PrintablePaths;
import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Checks an output path that a processor asks for and brings it to one canonical, relative form. */
public final class OutputPaths {
    private OutputPaths() {}

    /**
     * @param requested the path as the processor gave it
     * @return the normalized, {@code '/'}-separated relative path
     * @throws IllegalArgumentException if the path is empty, absolute, contains a backslash, leads outside
     *     the output directory or into parmap's staging directory
     */
    public static String normalize(String requested) {
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
    public static String normalize(String requested, boolean backslashIsAName) {
        if (requested == null || requested.isBlank()) {
            throw new PlainMessageException("output path must not be empty");
        }
        if (isCanonical(requested)) {
            return requested; // most outputs: checked without building and normalizing a Path per output
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

    /**
     * @return whether the path is already in canonical form, which the slow path would return unchanged:
     *     {@code '/'}-separated names, none empty, {@code "."} or {@code ".."}, no backslash, no NUL, and not
     *     the staging directory
     */
    private static boolean isCanonical(String requested) {
        int nameStart = 0;
        for (int i = 0; i <= requested.length(); i++) {
            char c = i < requested.length() ? requested.charAt(i) : '/';
            if (c == '\\' || c == '\0') {
                return false;
            }
            if (c == '/') {
                int length = i - nameStart;
                if (length == 0 || (length == 1 && requested.charAt(nameStart) == '.')
                        || (length == 2 && requested.charAt(nameStart) == '.' && requested.charAt(nameStart + 1) == '.')) {
                    return false;
                }
                nameStart = i + 1;
            }
        }
        return !requested.equals(StagingArea.DIRECTORY_NAME) && !requested.startsWith(StagingArea.DIRECTORY_NAME + "/")
                && File.separatorChar == '/';
    }
}
