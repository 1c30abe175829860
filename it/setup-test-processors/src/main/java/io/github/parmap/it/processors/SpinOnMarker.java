package io.github.parmap.it.processors;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * Copies each file, but on a file whose content contains the marker {@code SPIN} it loops forever without
 * ever looking at its interrupt, as a processor stuck in a tight loop does: only killing its JVM ends it.
 */
public class SpinOnMarker implements ItemProcessor {
    @Override
    public void process(Item item) throws IOException {
        Files.copy(item.path(), item.output(), StandardCopyOption.REPLACE_EXISTING);
        if (Files.readString(item.path()).contains("SPIN")) {
            long turns = 0;
            while (turns >= 0) {
                turns = (turns + 1) & Long.MAX_VALUE;
            }
        }
    }
}
