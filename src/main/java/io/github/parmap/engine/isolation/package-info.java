/**
 * Process isolation: worker JVMs that run a worker's items behind the {@link io.github.parmap.engine.run.ItemRunner}
 * seam, the messages between them and the build's JVM, and the worker JVM's main class. A worker that ends,
 * crashes or hangs fails only its item; the build's JVM stages and commits every output.
 */
package io.github.parmap.engine.isolation;
