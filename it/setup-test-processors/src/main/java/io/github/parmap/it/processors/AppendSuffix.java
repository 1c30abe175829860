package io.github.parmap.it.processors;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Writes each UTF-8 text file at the same relative path with the parameter {@code suffix} (default empty)
 * appended, and logs one line per file it writes, {@code AppendSuffix wrote REL}, so that a test can tell
 * from the build log exactly which files a build processed.
 */
public class AppendSuffix implements ItemProcessor {
    private final ProcessorContext context;
    private final String suffix;

    public AppendSuffix(ProcessorContext context) {
        this.context = context;
        this.suffix = context.parameters().getOrDefault("suffix", "");
    }

    @Override
    public void process(Item item) throws IOException {
        String text = Files.readString(item.path(), StandardCharsets.UTF_8);
        Files.writeString(item.output(), text + suffix, StandardCharsets.UTF_8);
        context.logger().log(Level.INFO, "AppendSuffix wrote {0}", item.relativePath());
    }
}
