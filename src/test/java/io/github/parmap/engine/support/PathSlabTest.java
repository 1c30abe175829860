package io.github.parmap.engine.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PathSlabTest {
    private static final String[] PARTS = {"a", "b", "ab", "a.b", "a/b", "ä", "日本", "\uD83D\uDE00", "z", "Z", "0", "", "/", "ÿ"};

    @Test
    void everyTextReadsBackWithItsHashAndMatchesOnlyItself() {
        PathSlab slab = new PathSlab(0);
        List<String> texts = randomTexts(new Random(7), 500);
        List<Long> refs = new ArrayList<>();
        texts.forEach(text -> refs.add(slab.add(text)));
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            long ref = refs.get(i);
            assertEquals(text, slab.get(ref));
            assertEquals(text.hashCode(), slab.hash(ref));
            assertEquals(text.length(), PathSlab.length(ref));
            assertTrue(slab.matches(ref, text));
            assertFalse(slab.matches(ref, text + "x"));
        }
    }

    /** Texts over many chunks, one longer than a chunk among them: each reads back from where it was put. */
    @Test
    void textsFillChunkAfterChunkAndALongOneGetsItsOwn() {
        PathSlab slab = new PathSlab(0);
        List<String> texts = new ArrayList<>();
        List<Long> refs = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            String text = i == 30_000 ? "x".repeat(PathSlab.CHUNK_BYTES + 5) : i == 30_001 ? "日".repeat(PathSlab.CHUNK_BYTES)
                    : "d" + (i % 100) + "/file-" + i + (i % 13 == 0 ? "-ü" : "") + ".txt";
            texts.add(text);
            refs.add(slab.add(text));
        }
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(texts.get(i), slab.get(refs.get(i)));
        }
        assertEquals(Integer.signum(texts.get(29_999).compareTo(texts.get(30_000))), Integer.signum(slab.compare(refs.get(29_999), refs.get(30_000))));
    }

    /** Narrow against narrow, wide against wide and the two mixed: the order is String's, sign for sign. */
    @Test
    void ordersAsStringCompareToDoes() {
        PathSlab slab = new PathSlab(0);
        List<String> texts = randomTexts(new Random(11), 400);
        texts.add("abc");
        texts.add("abc");
        texts.add("ab");
        texts.add("abd");
        List<Long> refs = new ArrayList<>();
        texts.forEach(text -> refs.add(slab.add(text)));
        for (int i = 0; i < texts.size(); i++) {
            for (int j = 0; j < texts.size(); j++) {
                int expected = Integer.signum(texts.get(i).compareTo(texts.get(j)));
                assertEquals(expected, Integer.signum(slab.compare(refs.get(i), refs.get(j))), texts.get(i) + " against " + texts.get(j));
                assertEquals(expected, Integer.signum(slab.compareTo(refs.get(i), texts.get(j))), texts.get(i) + " against the text " + texts.get(j));
            }
        }
        int[] items = new int[texts.size()];
        java.util.Arrays.setAll(items, i -> i);
        slab.sort(items, refs::get);
        for (int i = 1; i < items.length; i++) {
            assertEquals(true, texts.get(items[i - 1]).compareTo(texts.get(items[i])) <= 0, "sorted: " + texts.get(items[i - 1]) + ", " + texts.get(items[i]));
            if (texts.get(items[i - 1]).equals(texts.get(items[i]))) {
                assertEquals(true, items[i - 1] < items[i], "equal texts keep their order");
            }
        }
    }

    private static List<String> randomTexts(Random random, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int part = random.nextInt(5); part > 0; part--) {
                text.append(PARTS[random.nextInt(PARTS.length)]);
            }
            texts.add(text.toString());
        }
        return texts;
    }
}
