package io.github.parmap;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a processor instance knows about the run it is part of. Passed to a processor's constructor when
 * it declares a public constructor taking one {@code ProcessorContext}.
 *
 * <p>Each worker has its own context; all of its methods may be called from the worker's thread at any
 * time during the run, including from {@link ItemProcessor#close()}.
 */
public interface ProcessorContext {

    /**
     * The processor's parameters, as configured in the plugin's {@code <parameters>} element: element name
     * to text value, for example {@code width -> "256"}. Values are plain text: an empty element, or one
     * with nested elements instead of text, reads as {@code ""}.
     *
     * @return an unmodifiable map, empty when no parameters are configured
     */
    Map<String, String> parameters();

    /**
     * The index of the worker that owns this instance, from {@code 0} to {@code workers() - 1}. Useful to
     * name per-worker scratch files.
     *
     * @return this worker's index
     */
    int workerIndex();

    /**
     * The number of workers in this run: the configured {@code workers}, or fewer when there are fewer
     * items to process than workers.
     *
     * @return the number of workers running at once
     */
    int workers();

    /**
     * The directory that was scanned for input files.
     *
     * @return the absolute path of the input directory
     */
    Path inputDirectory();

    /**
     * The directory outputs are committed to. Processors write outputs through {@link Item#output(String)},
     * never into this directory directly, so that a failed item leaves nothing behind.
     *
     * @return the absolute path of the output directory
     */
    Path outputDirectory();

    /**
     * A logger whose messages appear in the build log, one whole line at a time even when several workers
     * log at once. {@code DEBUG} and {@code TRACE} messages show with {@code mvn -X}.
     *
     * @return the logger for this processor
     */
    System.Logger logger();
}
