package io.github.parmap.it.processors;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;

/**
 * Copies each file in two halves, pausing {@code pauseMillis} (default 25) before each, so that an item
 * takes a while and spends part of it with a half-written output: if the build is stopped then, a file in
 * the output tree that differs from its input is a half-written output that parmap let through.
 */
public class SlowCopy implements ItemProcessor {
    private final long pauseMillis;

    public SlowCopy(ProcessorContext context) {
        this.pauseMillis = Long.parseLong(context.parameters().getOrDefault("pauseMillis", "25"));
    }

    @Override
    public void process(Item item) throws IOException, InterruptedException {
        byte[] content = Files.readAllBytes(item.path());
        int half = content.length / 2;
        try (OutputStream out = Files.newOutputStream(item.output())) {
            Thread.sleep(pauseMillis);
            out.write(content, 0, half);
            out.flush();
            Thread.sleep(pauseMillis);
            out.write(content, half, content.length - half);
        }
    }
}
