package io.github.parmap.engine.scan;


/**
 * Decides which files under the input directory are items. Paths are relative to the input directory and
 * {@code '/'}-separated. A build tool adapter supplies the implementation, so that include and exclude
 * patterns mean what they mean everywhere else in that build tool.
 */
public interface PathFilter {

    /**
     * @param relativePath a regular file's path, for example {@code "img/logo.png"}
     * @return whether the file is an item
     */
    boolean includesFile(String relativePath);

    /**
     * Lets the scanner skip whole subtrees. Returning {@code true} is always correct; returning
     * {@code false} promises that no file below the directory is included.
     *
     * @param relativePath a directory's path, for example {@code "img"}
     * @return whether any file below the directory might be included
     */
    boolean mayIncludeFilesUnder(String relativePath);

    /** @return a filter that includes every file */
    static PathFilter all() {
        return new PathFilter() {
            @Override
            public boolean includesFile(String relativePath) {
                return true;
            }

            @Override
            public boolean mayIncludeFilesUnder(String relativePath) {
                return true;
            }
        };
    }
}
