package io.github.parmap.engine.builtin;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/** Built-in {@code copy}: writes each input unchanged at the same relative path. Takes no parameters. */
public final class CopyProcessor implements ItemProcessor {

    /** @param context the run's context; parameters are checked (there are none) */
    public CopyProcessor(ProcessorContext context) {
        new Parameters("copy", context.parameters(), Set.of());
    }

    @Override
    public void process(Item item) throws IOException {
        Files.copy(item.path(), item.output(), StandardCopyOption.REPLACE_EXISTING);
    }
}
