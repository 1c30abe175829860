package io.github.parmap.engine.scan;


/**
 * One input file as the scan saw it.
 *
 * @param relativePath the path relative to the input directory, {@code '/'}-separated
 * @param size the size in bytes
 * @param modified the last modification time, in nanoseconds since the epoch
 */
public record InputFile(String relativePath, long size, long modified) {}
