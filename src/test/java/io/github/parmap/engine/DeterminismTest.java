package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.report.ProcessingResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    @TempDir
    Path root;

    private Path input;

    @BeforeEach
    void writeVariedInputs() throws Exception {
        input = Files.createDirectories(root.resolve("in"));
        Random random = new Random(20240611L);
        Trees.write(input, "empty.txt", new byte[0]);
        Trees.write(input, "one-byte.bin", new byte[] {42});
        for (int i = 0; i < 40; i++) {
            String dir = switch (i % 4) {
                case 0 -> "";
                case 1 -> "text/";
                case 2 -> "bin/deeper/";
                default -> "mixed/" + (i % 3) + "/";
            };
            byte[] content;
            if (i % 3 == 0) {
                content = new byte[random.nextInt(100_000)];
                random.nextBytes(content);
            } else {
                StringBuilder text = new StringBuilder();
                int lines = random.nextInt(2000);
                for (int line = 0; line < lines; line++) {
                    text.append("line ").append(line).append(": ").append(random.nextInt(1000)).append(" lorem ipsum\n");
                }
                content = text.toString().getBytes(StandardCharsets.UTF_8);
            }
            Trees.write(input, dir + "file-" + i + (i % 3 == 0 ? ".bin" : ".txt"), content);
        }
    }

    @Test
    void gzipOutputTreeIsByteIdenticalWithOneOrFourWorkers() throws Exception {
        ProcessingResult serial = Runs.runBuiltin(input, root.resolve("out-1"), "gzip", Map.of(), 1);
        ProcessingResult parallel = Runs.runBuiltin(input, root.resolve("out-4"), "gzip", Map.of(), 4);

        assertTrue(serial.succeeded(), serial::toString);
        assertTrue(parallel.succeeded(), parallel::toString);
        assertEquals(42, serial.processed());
        assertEquals(4, parallel.workers());
        // The random .bin files do not shrink and get no sibling: the same ones whatever the worker count.
        int skipped = serial.skipped().getOrDefault("not smaller", 0);
        assertTrue(skipped > 0 && skipped < 42, "some files skipped, not all: " + serial.skipped());
        assertEquals(serial.skipped(), parallel.skipped());
        Map<String, String> serialTree = Trees.contents(root.resolve("out-1"));
        assertEquals(42 - skipped, serialTree.size());
        assertEquals(serialTree, Trees.contents(root.resolve("out-4")));
    }

    @Test
    void secondRunIntoAnotherDirectoryGivesByteIdenticalTree() throws Exception {
        Runs.runBuiltin(input, root.resolve("first"), "gzip", Map.of("level", "9"), 3);
        Runs.runBuiltin(input, root.resolve("second"), "gzip", Map.of("level", "9"), 2);

        assertEquals(Trees.contents(root.resolve("first")), Trees.contents(root.resolve("second")));
    }
}
