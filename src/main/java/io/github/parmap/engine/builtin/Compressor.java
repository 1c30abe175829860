package io.github.parmap.engine.builtin;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One compressed format of the precompressing built-ins: writes the compressed form of a file. Each worker
 * has its own instances, so an encoder may keep its native state and buffers from one file to the next.
 */
interface Compressor extends AutoCloseable {

    /** @return the extension the compressed sibling gets, with its dot: {@code ".gz"} */
    String extension();

    /**
     * @param input the file to compress
     * @param size the input's size in bytes, as read before compressing
     * @param output where to write the compressed file; it does not exist yet
     */
    void compress(Path input, long size, Path output) throws IOException;

    @Override
    default void close() {}
}
