/**
 * The worker pool: threads that take the next item until none is left, the watchdog that cancels items
 * running past their timeout, progress, and the budget of items in flight across builds in one JVM. Each
 * worker records its items' outcomes. {@link io.github.parmap.engine.run.ItemRunner} is where an item meets
 * its processor: in this JVM today, in a worker JVM of its own with process isolation.
 */
package io.github.parmap.engine.run;
