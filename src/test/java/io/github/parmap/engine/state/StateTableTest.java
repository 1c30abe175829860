package io.github.parmap.engine.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.parmap.engine.commit.CommittedOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateTableTest {
    private static final String[] NAMES = {"a.txt", "b/c.css", "ünïcode/ß.txt", "日本/語.txt", "emoji/\uD83D\uDE00.png", "x", ""};

    @Test
    void anEntryReadsBackAsItWasPut() {
        StateTable table = new StateTable();
        StateEntry entry = new StateEntry("日本/語.txt", 12, 34, sha(7), List.of(new CommittedOutput("日本/語.txt", 5, 6),
                new CommittedOutput("日本/語.txt.gz", 7, 8)));
        assertNull(table.put(entry));
        assertSame(entry, table.get("日本/語.txt"));
        assertNull(table.get("日本/語.tx"));
        assertEquals(true, table.contains("日本/語.txt"));
        assertEquals(false, table.contains("other"));
    }

    @Test
    void aFailureRecordsNoContentAndNoOutputs() {
        StateTable table = new StateTable();
        table.put(StateEntry.failed("broken.txt"));
        StateEntry read = table.get("broken.txt");
        assertEquals(true, read.isFailure());
        assertEquals(List.of(), read.outputs());
    }

    @Test
    void anUpdateReturnsTheEntryItReplaces() {
        StateTable table = new StateTable();
        StateEntry first = new StateEntry("a", 1, 2, sha(1), List.of(new CommittedOutput("a.gz", 3, 4), new CommittedOutput("a.br", 5, 6)));
        StateEntry second = new StateEntry("a", 10, 20, sha(2), List.of(new CommittedOutput("a.gz", 30, 40)));
        StateEntry third = new StateEntry("a", 100, 200, sha(3), List.of(new CommittedOutput("a.zst", 1, 1), new CommittedOutput("a.gz", 2, 2),
                new CommittedOutput("a", 3, 3)));
        table.put(first);
        assertSame(first, table.put(second));
        assertSame(second, table.put(third));
        assertSame(third, table.get("a"));
        assertEquals(1, table.size());
    }

    /** Random puts, updates and removals against a HashMap: the table must agree with it at every step. */
    @Test
    void agreesWithAMapOverManyRandomChanges() {
        Random random = new Random(16);
        StateTable table = new StateTable();
        Map<String, StateEntry> model = new HashMap<>();
        for (int step = 0; step < 60_000; step++) {
            String input = NAMES[random.nextInt(NAMES.length)] + random.nextInt(3000);
            int action = random.nextInt(10);
            if (action < 6) {
                StateEntry entry = randomEntry(random, input);
                assertSame(model.put(input, entry), table.put(entry));
            } else if (action < 8) {
                assertSame(model.remove(input), table.remove(input));
            } else {
                assertSame(model.get(input), table.get(input));
            }
            if (step % 10_000 == 0 && step > 0) {
                table.reserve(model.size() + step / 10);
            }
        }
        assertEquals(model.size(), table.size());
        Set<String> inputs = new HashSet<>();
        table.forEachInput(inputs::add);
        assertEquals(model.keySet(), inputs);
        List<StateEntry> all = new ArrayList<>();
        table.entries().forEach(all::add);
        assertEquals(model.size(), all.size());
        for (StateEntry entry : all) {
            assertSame(model.get(entry.input()), entry);
        }
        for (String input : model.keySet()) {
            assertSame(model.get(input), table.get(input));
        }
        assertSlotsAgreeWith(model, table, random);
    }

    /**
     * A table put in path order, as a snapshot is read, finds the slots of a sorted scan by merging the two;
     * one put out of order, as a journal is replayed, looks each up: both find the same entries, and so does a
     * scan that is not sorted.
     */
    @Test
    void slotsOfAScanAreTheEntriesOfItsPathsWhateverTheOrderOfEither() {
        Random random = new Random(17);
        for (boolean putInOrder : new boolean[] {true, false}) {
            Map<String, StateEntry> model = new HashMap<>();
            List<String> inputs = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                inputs.add(NAMES[random.nextInt(NAMES.length)] + "/" + random.nextInt(100_000));
            }
            List<String> order = new ArrayList<>(new java.util.TreeSet<>(inputs));
            if (!putInOrder) {
                java.util.Collections.shuffle(order, random);
            }
            StateTable table = new StateTable();
            for (String input : order) {
                StateEntry entry = randomEntry(random, input);
                model.put(input, entry);
                table.put(entry);
            }
            for (String input : order.subList(0, 200)) { // removed slots are skipped by the merge
                model.remove(input);
                table.remove(input);
            }
            assertSlotsAgreeWith(model, table, random);

            List<StateEntry> written = new ArrayList<>();
            table.entriesInPathOrder().forEach(written::add);
            List<String> writtenInputs = written.stream().map(StateEntry::input).toList();
            assertEquals(new java.util.TreeSet<>(model.keySet()).stream().toList(), writtenInputs, "a snapshot lists the entries in path order");
        }
    }

    /** For scans holding recorded inputs and others, sorted and not: each input's slot reads back its entry. */
    private static void assertSlotsAgreeWith(Map<String, StateEntry> model, StateTable table, Random random) {
        List<String> scan = new ArrayList<>(model.keySet());
        for (int i = 0; i < 500; i++) {
            scan.add(NAMES[random.nextInt(NAMES.length)] + "/new" + random.nextInt(100_000)); // not recorded
        }
        scan = new ArrayList<>(new java.util.TreeSet<>(scan));
        for (boolean sorted : new boolean[] {true, false}) {
            if (!sorted) {
                java.util.Collections.shuffle(scan, random);
            }
            List<String> paths = scan;
            int[] slots = table.slotsOf(paths.size(), paths::get);
            RecordedEntry read = new RecordedEntry();
            for (int item = 0; item < paths.size(); item++) {
                StateEntry expected = model.get(paths.get(item));
                assertEquals(expected != null, table.read(slots[item], paths.get(item), read), paths.get(item));
                if (expected != null) {
                    assertEquals(expected.size(), table.sizeAt(slots[item]));
                    assertEquals(expected.size(), read.size);
                    assertEquals(expected.modified(), read.modified);
                    assertEquals(expected.outputs().size(), read.outputCount);
                    for (int output = 0; output < read.outputCount; output++) {
                        assertEquals(expected.outputs().get(output).path(), read.outputPaths[output]);
                    }
                }
            }
        }
    }

    @Test
    void clearForgetsEverything() {
        StateTable table = new StateTable();
        table.put(new StateEntry("a", 1, 1, sha(1), List.of()));
        table.clear();
        assertEquals(0, table.size());
        assertNull(table.get("a"));
        assertEquals(false, table.entries().iterator().hasNext());
    }

    private static StateEntry randomEntry(Random random, String input) {
        List<CommittedOutput> outputs = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            String path = random.nextBoolean() ? input : input + "." + random.nextInt(3);
            if (outputs.stream().noneMatch(output -> output.path().equals(path))) {
                outputs.add(new CommittedOutput(path, random.nextInt(1000), random.nextLong()));
            }
        }
        return random.nextInt(8) == 0 ? StateEntry.failed(input) : new StateEntry(input, random.nextInt(100), random.nextLong(), sha(random.nextInt()), outputs);
    }

    private static byte[] sha(int seed) {
        byte[] sha = new byte[32];
        new Random(seed).nextBytes(sha);
        return sha;
    }

    /** Entries are made afresh on each lookup, so they are compared by what they hold. */
    private static void assertSame(StateEntry expected, StateEntry actual) {
        if (expected == null) {
            assertNull(actual);
            return;
        }
        assertEquals(expected.input(), actual.input());
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.modified(), actual.modified());
        assertArrayEquals(expected.sha256(), actual.sha256());
        assertEquals(expected.outputs(), actual.outputs());
    }
}
