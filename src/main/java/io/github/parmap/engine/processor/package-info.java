/**
 * Processors from their names to their instances: resolving a class or a built-in, checking that it can
 * serve, compiling a {@code processorSource} file, and adapting a {@code Function<byte[], byte[]>}.
 */
package io.github.parmap.engine.processor;
