package io.github.parmap.it.processors;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

/**
 * Writes an upper-cased copy of each UTF-8 text file at the same relative path, and reports through the
 * processor logger how many files its worker handled.
 */
public class UpperCase implements ItemProcessor {
    private final ProcessorContext context;
    private int handled;

    public UpperCase(ProcessorContext context) {
        this.context = context;
    }

    @Override
    public void process(Item item) throws IOException {
        String text = Files.readString(item.path(), StandardCharsets.UTF_8);
        Files.writeString(item.output(), text.toUpperCase(Locale.ROOT), StandardCharsets.UTF_8);
        handled++;
    }

    @Override
    public void close() {
        context.logger().log(Level.INFO, "UpperCase worker {0} of {1} upper-cased {2} file(s)",
                context.workerIndex(), context.workers(), handled);
    }
}
