package io.github.parmap.it.processors;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * Copies each file, but a file whose content contains the marker {@code EXIT} makes it call
 * {@code System.exit(status)} (parameter {@code status}, default 0), as a command-line tool wrapped as a
 * processor may do when it is done. The copy is staged first, so the exit leaves a staged output behind.
 */
public class ExitOnMarker implements ItemProcessor {
    private final int status;

    public ExitOnMarker(ProcessorContext context) {
        this.status = Integer.parseInt(context.parameters().getOrDefault("status", "0"));
    }

    @Override
    public void process(Item item) throws IOException {
        Files.copy(item.path(), item.output(), StandardCopyOption.REPLACE_EXISTING);
        if (Files.readString(item.path()).contains("EXIT")) {
            System.exit(status);
        }
    }
}
