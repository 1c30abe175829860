/**
 * The engine: scans an input directory, runs a processor over every selected file on a pool of workers,
 * commits each item's outputs atomically and reports the result.
 *
 * <p>Nothing here knows about Maven. A build tool adapter fills a {@link io.github.parmap.engine.ProcessingRequest},
 * calls {@link io.github.parmap.engine.ParallelRun#execute(ProcessingRequest)} and turns the
 * {@link io.github.parmap.engine.ProcessingResult} into its own messages.
 */
package io.github.parmap.engine;
