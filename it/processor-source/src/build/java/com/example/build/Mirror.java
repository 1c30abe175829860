package com.example.build;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import io.github.parmap.it.processors.Reverse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** Writes every line of a text file mirrored, after a prefix given as a parameter and a space. */
public class Mirror implements ItemProcessor {
    private final Lines lines;

    public Mirror(ProcessorContext context) {
        this.lines = new Lines(context.parameters().getOrDefault("prefix", ""));
    }

    @Override
    public void process(Item item) throws IOException {
        List<String> mirrored = lines.mirror(Files.readAllLines(item.path(), StandardCharsets.UTF_8));
        Files.write(item.output(), mirrored, StandardCharsets.UTF_8);
    }

    static final class Lines {
        private final Reverse reverse = new Reverse();
        private final String prefix;

        Lines(String prefix) {
            this.prefix = prefix;
        }

        List<String> mirror(List<String> lines) {
            return lines.stream()
                    .map(line -> prefix + " " + new String(reverse.apply(line.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                    .toList();
        }
    }
}
