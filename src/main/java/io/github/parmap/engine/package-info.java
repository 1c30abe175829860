/**
 * The engine: scans an input directory, runs a processor over every selected file on a pool of workers,
 * commits each item's outputs atomically and reports the result. Nothing here knows about Maven.
 *
 * <p>This package is the engine's front door. A build tool adapter parses its settings with the parsers
 * here ({@link io.github.parmap.engine.WorkerCount}, {@link io.github.parmap.engine.DurationSetting},
 * {@link io.github.parmap.engine.SizeSetting}, {@link io.github.parmap.engine.Shard}), fills a
 * {@link io.github.parmap.engine.ProcessingRequest}, calls
 * {@link io.github.parmap.engine.ParallelRun#execute(ProcessingRequest)} and turns the
 * {@link io.github.parmap.engine.report.ProcessingResult} into its own messages.
 *
 * <p>The rooms below it, in the order data flows through a run: {@code scan} (which files are items),
 * {@code state} (what earlier builds did, and which items are up to date), {@code cache} (results shared
 * across builds and machines), {@code processor} (loading, compiling and creating processors),
 * {@code run} (the workers and their watchdog), {@code commit} (staging and committing outputs, removing
 * stale ones), {@code report} (each item's outcome, the summary, the timing report); {@code support} holds
 * what all of them share, and {@code builtin} the processors that ship with parmap. Arrows point one way:
 * this package uses the rooms, no room uses this package, and no two rooms need each other
 * ({@code PackageRulesTest} holds the plan).
 */
package io.github.parmap.engine;
