/**
 * What a run did: each item's outcome, recorded once in {@link io.github.parmap.engine.report.ItemOutcomes},
 * the {@link io.github.parmap.engine.report.ProcessingResult} counted from it, the summary line and the
 * per-file timing report.
 */
package io.github.parmap.engine.report;
