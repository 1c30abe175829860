package io.github.parmap.it.processors;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * Copies each file, then fails the item if its content contains the marker {@code BAD}. The copy is written
 * before the check on purpose: parmap must throw away what a failed item wrote.
 */
public class FailOnMarker implements ItemProcessor {
    static final String MARKER = "BAD";

    @Override
    public void process(Item item) throws IOException {
        Files.copy(item.path(), item.output(), StandardCopyOption.REPLACE_EXISTING);
        String content = Files.readString(item.path());
        if (content.contains(MARKER)) {
            throw new IllegalStateException("content contains the marker " + MARKER + " at offset " + content.indexOf(MARKER));
        }
    }
}
