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
    void subdirectoriesSortedApartAreMergedAsOneSortWouldOrderThem() {
        // Names on either side of '/' in String order ('-', '.', ' ' before it; '0', 'A', 'ä', surrogates after).
        String[] directories = {"a", "a-b", "a.b", "a b", "a0", "A", "ä", "\uD83D\uDE00", "b", "ab"};
        String[] topFiles = {"a.txt", "a-", "a/", "a0.txt", "a ", "Z", "\uFFFD", "b.txt", "0"};
        Random random = new Random(5);
        List<InputFile> expected = new ArrayList<>();
        ScannedFiles.Builder top = new ScannedFiles.Builder();
        for (String name : topFiles) {
            if (!name.endsWith("/")) {
                top.add(name, 1, 2);
                expected.add(new InputFile(name, 1, 2));
            }
        }
        List<ScannedFiles.Builder> walked = new ArrayList<>();
        for (String directory : directories) {
            ScannedFiles.Builder builder = new ScannedFiles.Builder();
            for (int i = 0; i < 300; i++) {
                String path = directory + "/" + (random.nextBoolean() ? "x/" : "") + random.nextInt(1000) + "." + i;
                long modified = random.nextLong();
                builder.add(path, i, modified);
                expected.add(new InputFile(path, i, modified));
            }
            if (random.nextBoolean()) {
                builder.sort(); // the scan sorts each on its thread; merge sorts one that was not
            }
            walked.add(builder);
        }
        expected.sort(Comparator.comparing(InputFile::relativePath));

        assertEquals(expected, ScannedFiles.Builder.merge(top, List.of(directories), walked));
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
