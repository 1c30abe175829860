/**
 * Outputs on their way to the output directory: each item stages them, claims their paths, and commits them
 * at once or not at all; stale outputs are removed only while they are still as parmap wrote them.
 */
package io.github.parmap.engine.commit;
