/**
 * The API for processor authors: the types a processor sees, and nothing else.
 *
 * <p>A processor implements {@link io.github.parmap.ItemProcessor} and is handed one
 * {@link io.github.parmap.Item} (one input file) at a time. parmap creates one processor instance per
 * worker thread, so a processor need not be thread-safe. Anything a processor needs from its run, such as
 * its configured parameters or a logger that reaches the build log, comes from the
 * {@link io.github.parmap.ProcessorContext} passed to its constructor.
 *
 * <p>For the simplest case, a class implementing {@code java.util.function.Function<byte[], byte[]>} is a
 * processor too: it receives each input's bytes and returns the bytes of the output written at the same
 * relative path, or {@code null} to write nothing.
 *
 * <p>This package depends on the JDK only, so processors compile against it without any Maven type.
 */
package io.github.parmap;
