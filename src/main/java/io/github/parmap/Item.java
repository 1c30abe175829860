package io.github.parmap;

import java.nio.file.Path;

/**
 * One input file handed to an {@link ItemProcessor}, and the place to write its outputs.
 *
 * <p>The paths returned by {@link #output(String)} point into a private staging area. Whatever the
 * processor writes there is moved into the output directory atomically, file by file, once
 * {@link ItemProcessor#process(Item)} returns normally; if it throws, everything staged for the item is
 * deleted. A reader of the output directory therefore never sees a half-written file.
 */
public interface Item {

    /**
     * The input file, as an absolute path. Read it as often as needed; do not modify or delete it.
     *
     * @return the absolute path of the input file
     */
    Path path();

    /**
     * The input file's path relative to the input directory, with {@code '/'} as separator on every
     * operating system, for example {@code "images/logo.png"}.
     *
     * @return the relative path of the input file
     */
    String relativePath();

    /**
     * Where to write one output file. The parent directories of the returned path exist; create the file
     * itself, for example with {@link java.nio.file.Files#newOutputStream}. The returned path has the same
     * file name as the requested output (for {@code "images/logo.webp"}, a file named {@code logo.webp}), so
     * tools that look at a file's extension see the right one. A path that is requested but never written
     * produces no output. Asking again for the same output returns the same path.
     *
     * @param relativePath the output's path relative to the output directory, with {@code '/'} between
     *     directories on every operating system, for example {@code "images/logo.webp"}; it must stay inside
     *     the output directory (no absolute path, no {@code ".."} leading outside) and contain no backslash,
     *     unless the input's own name has one (Linux and macOS allow it in names), so that {@link #output()}
     *     and names derived from the input's work for every input
     * @return the path to write the output to; it is committed when {@code process} returns normally
     * @throws IllegalArgumentException if {@code relativePath} is empty, absolute, contains a backslash or
     *     leads outside the output directory, or if another item of the same run already writes that output;
     *     the item then fails even if the processor catches the exception
     */
    Path output(String relativePath);

    /**
     * Says that this item deliberately gives no output, and why, in a few words: a compressor whose result
     * would be no smaller than the input says {@code "not smaller"}. Whatever was written to this item's
     * outputs is discarded when {@code process} returns normally, so the processor may write first and decide
     * afterwards. The item counts as done, not as failed: the run's summary counts skipped items by reason
     * ({@code 12 not smaller, skipped}), and an incremental build keeps the item up to date, writing nothing,
     * until its input or the configuration changes. A processor that throws after calling this fails the
     * item as usual; calling it again replaces the reason.
     *
     * @param reason a short phrase for the summary, such as {@code "not smaller"}; items with the same reason
     *     are counted together
     * @throws IllegalArgumentException if {@code reason} is blank
     */
    void skip(String reason);

    /**
     * Where to write the output that has the same relative path as the input: shorthand for
     * {@code output(relativePath())}.
     *
     * @return the path to write the output to
     */
    default Path output() {
        return output(relativePath());
    }
}
