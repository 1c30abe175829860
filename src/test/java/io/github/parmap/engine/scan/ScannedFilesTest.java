package io.github.parmap.engine.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScannedFilesTest {
    @Test
    void itemsComeSortedAsStringsCompare() {
        // Beyond the basic plane, UTF-16 order differs from code point order: the list follows String's.
        String[] names = {"b", "a/x", "a.b", "a", "ä", "\uFFFD", "\uD83D\uDE00", "日本", "A", "a b", "z/y/x"};
        Random random = new Random(3);
        ScannedFiles.Builder builder = new ScannedFiles.Builder();
        List<InputFile> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String path = names[random.nextInt(names.length)] + "/" + i + names[random.nextInt(names.length)];
            InputFile file = new InputFile(path, random.nextInt(500), random.nextLong());
            builder.add(file.relativePath(), file.size(), file.modified());
            expected.add(file);
        }
        expected.sort(Comparator.comparing(InputFile::relativePath));
        ScannedFiles scanned = builder.build();
        assertEquals(expected, scanned);
    }

    @Test
    void anEmptyScanIsAnEmptyList() {
        assertEquals(List.of(), new ScannedFiles.Builder().build());
    }

    @Test
    void theListCannotBeChanged() {
        ScannedFiles.Builder builder = new ScannedFiles.Builder();
        builder.add("a", 1, 2);
        ScannedFiles scanned = builder.build();
        assertThrows(UnsupportedOperationException.class, () -> scanned.set(0, new InputFile("b", 1, 2)));
    }
}
