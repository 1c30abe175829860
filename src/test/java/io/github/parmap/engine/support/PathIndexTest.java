package io.github.parmap.engine.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PathIndexTest {
    @Test
    void findsWhatWasAddedByItsSlotAndNothingElse() {
        PathIndex index = new PathIndex(0);
        int a = index.add("a/b.txt");
        int wide = index.add("日本/語.txt");
        assertEquals(a, index.find("a/b.txt"));
        assertEquals(wide, index.find("日本/語.txt"));
        assertEquals("日本/語.txt", index.path(wide));
        assertEquals(-1, index.find("a/b.tx"));
        assertEquals(-1, index.find(""));
        assertEquals(2, index.size());
    }

    @Test
    void aRemovedPathLeavesADeadSlotAndCanBeAddedAgain() {
        PathIndex index = new PathIndex(4);
        int first = index.add("x");
        index.remove(first);
        assertFalse(index.isLive(first));
        assertEquals(-1, index.find("x"));
        assertEquals(0, index.size());
        int second = index.add("x");
        assertTrue(second != first, "slots are never reused");
        assertEquals(second, index.find("x"));
    }

    /** The lookup table is made at the first lookup or removal: paths added, reserved for and removed before it are all there. */
    @Test
    void pathsAddedBeforeAnyLookupAreFoundAfterIt() {
        PathIndex index = new PathIndex(0);
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            slots.add(index.add("p/" + i));
            if (i == 100) {
                index.reserve(20_000);
            }
        }
        index.remove(slots.get(7)); // the first use of the table
        for (int i = 0; i < 5000; i++) {
            assertEquals(i == 7 ? -1 : slots.get(i), index.find("p/" + i));
        }
        assertEquals(4999, index.size());
        int added = index.add("p/7");
        assertEquals(added, index.find("p/7"));
    }

    /** Random adds and removals against a HashMap, past several growths of the table: every path stays findable. */
    @Test
    void agreesWithAMapOverManyRandomChanges() {
        Random random = new Random(16);
        PathIndex index = new PathIndex(0);
        Map<String, Integer> model = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            names.add("d" + random.nextInt(40) + "/" + Integer.toString(random.nextInt(1 << 20), 36) + (i % 7 == 0 ? "ü" : "") + ".txt");
        }
        for (int step = 0; step < 20_000; step++) {
            String name = names.get(random.nextInt(names.size()));
            Integer slot = model.get(name);
            if (slot == null) {
                assertEquals(-1, index.find(name), name);
                model.put(name, index.add(name));
            } else if (random.nextInt(3) == 0) {
                index.remove(slot);
                model.remove(name);
            } else {
                assertEquals(slot, index.find(name), name);
            }
            assertEquals(model.size(), index.size());
        }
        for (String name : names) {
            assertEquals(model.getOrDefault(name, -1), index.find(name), name);
        }
    }
}
