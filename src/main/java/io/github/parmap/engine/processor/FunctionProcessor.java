package io.github.parmap.engine.processor;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import java.nio.file.Files;
import java.util.function.Function;

/** Runs a {@code Function<byte[], byte[]>} as a processor: whole input in, whole output out, same relative path. */
public final class FunctionProcessor implements ItemProcessor {
    private final Function<byte[], byte[]> function;

    FunctionProcessor(Function<byte[], byte[]> function) {
        this.function = function;
    }

    @Override
    public void process(Item item) throws Exception {
        byte[] output = function.apply(Files.readAllBytes(item.path()));
        if (output != null) {
            Files.write(item.output(), output);
        }
    }

    @Override
    public void close() throws Exception {
        if (function instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
