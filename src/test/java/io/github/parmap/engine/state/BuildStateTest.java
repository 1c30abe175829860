package io.github.parmap.engine.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.parmap.engine.RecordingLog;
import io.github.parmap.engine.Trees;
import io.github.parmap.engine.commit.CommittedOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file and its journal: what survives a finished run, a killed run, and a torn or damaged journal. */
class BuildStateTest {

    @TempDir
    Path root;

    private final RecordingLog log = new RecordingLog();

    private Path state() {
        return root.resolve("state");
    }

    private BuildState open() throws IOException {
        return open(state(), "configuration");
    }

    private BuildState open(Path directory, String configuration) throws IOException {
        return BuildState.open(directory, configuration, log);
    }

    private static StateEntry entry(String input, String... outputs) {
        byte[] sha256 = Arrays.copyOf(input.getBytes(StandardCharsets.UTF_8), 32);
        return new StateEntry(input, 100 + input.length(), 1_700_000_000_123_456_789L, sha256,
                Stream.of(outputs).map(output -> new CommittedOutput(output, output.length(), 1_700_000_001_000_000_000L)).toList());
    }

    private static void assertSameEntry(StateEntry expected, StateEntry actual) {
        assertNotNull(actual, "no entry for " + expected.input());
        assertEquals(expected.input(), actual.input());
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.modified(), actual.modified());
        assertArrayEquals(expected.sha256(), actual.sha256());
        assertEquals(expected.outputs(), actual.outputs());
    }

    @Test
    void committedStateIsReadBackEntryForEntry() throws IOException {
        StateEntry a = entry("a.txt", "a.txt", "index/a.idx");
        StateEntry b = entry("dir/ünïcødé b.txt");
        try (BuildState state = open()) {
            state.put(a);
            state.put(b);
            state.commit();
        }

        try (BuildState state = open()) {
            assertEquals(Set.of("a.txt", "dir/ünïcødé b.txt"), state.inputs());
            assertSameEntry(a, state.entry("a.txt"));
            assertSameEntry(b, state.entry("dir/ünïcødé b.txt"));
            assertEquals(List.of(), paths(state.orphanedOutputs()));
        }
        assertEquals(List.of(), log.entries());
    }

    @Test
    void committedRunLeavesOnlyTheSnapshot() throws IOException {
        try (BuildState state = open()) {
            state.put(entry("a.txt", "a.txt"));
            state.commit();
        }

        assertEquals(List.of(BuildState.SNAPSHOT), Trees.files(state()));
    }

    @Test
    void recordsOfARunThatWasKilledAreReplayedOnTheNextOpen() throws IOException {
        try (BuildState state = open()) {
            state.put(entry("c.txt", "c.out"));
            state.commit();
        }
        BuildState killed = open();
        killed.put(entry("a.txt", "a.out"));
        killed.put(entry("b.txt", "b.out"));
        killed.remove("c.txt");
        killed.close(); // no commit: the build died here

        try (BuildState state = open()) {
            assertEquals(Set.of("a.txt", "b.txt"), state.inputs());
            assertEquals(List.of("c.out"), paths(state.orphanedOutputs()), "the removal is remembered, so its output is deleted later");
        }
        assertEquals(List.of(), log.entries());
    }

    @Test
    void killedFirstRunIsReplayedFromTheJournalAlone() throws IOException {
        BuildState killed = open();
        killed.put(entry("a.txt", "a.out"));
        killed.close();
        assertEquals(List.of(BuildState.JOURNAL), Trees.files(state()));

        try (BuildState state = open()) {
            assertSameEntry(entry("a.txt", "a.out"), state.entry("a.txt"));
        }
    }

    @Test
    void runKilledAgainAfterReplayingStillKeepsEveryRecord() throws IOException {
        BuildState first = open();
        first.put(entry("a.txt", "a.out"));
        first.close();
        BuildState second = open();
        second.put(entry("b.txt", "b.out"));
        second.close();

        try (BuildState state = open()) {
            assertEquals(Set.of("a.txt", "b.txt"), state.inputs());
        }
    }

    @Test
    void runKilledAfterWritingTheSnapshotButBeforeDroppingTheJournalReplaysItHarmlessly() throws IOException {
        byte[] journal;
        try (BuildState state = open()) {
            state.put(entry("a.txt", "a.out", "shared.out"));
            state.put(entry("b.txt", "b.out"));
            state.remove("b.txt");
            journal = Files.readAllBytes(state().resolve(BuildState.JOURNAL));
            state.commit();
        }
        Files.write(state().resolve(BuildState.JOURNAL), journal);

        try (BuildState state = open()) {
            assertEquals(Set.of("a.txt"), state.inputs());
            assertSameEntry(entry("a.txt", "a.out", "shared.out"), state.entry("a.txt"));
            assertEquals(List.of("b.out"), paths(state.orphanedOutputs()),
                    "replaying the same records again retires nothing that the snapshot still produces");
        }
    }

    @Test
    void tornLastJournalRecordIsIgnoredAndEveryEarlierRecordIsKept() throws IOException {
        long afterA;
        long afterB;
        BuildState killed = open();
        killed.put(entry("a.txt", "a.out"));
        afterA = Files.size(state().resolve(BuildState.JOURNAL));
        killed.put(entry("b.txt", "b.out"));
        afterB = Files.size(state().resolve(BuildState.JOURNAL));
        killed.close();
        byte[] journal = Files.readAllBytes(state().resolve(BuildState.JOURNAL));

        for (long length = afterA; length < afterB; length++) {
            Path copy = Files.createDirectories(root.resolve("cut-" + length));
            Files.write(copy.resolve(BuildState.JOURNAL), Arrays.copyOf(journal, (int) length));
            try (BuildState state = open(copy, "configuration")) {
                assertEquals(Set.of("a.txt"), state.inputs(), "journal cut to " + length + " of " + afterB + " bytes");
                assertSameEntry(entry("a.txt", "a.out"), state.entry("a.txt"));
            }
        }
        assertEquals(List.of(), log.entries(), "a torn journal is what a kill leaves: no warning");
    }

    /** A record whose checksum holds but which no version writes (a content hash longer than SHA-256's) ends the replay there. */
    @Test
    void journalRecordThatPassesItsChecksumButCannotBeAnEntryIsIgnored() throws IOException {
        Files.createDirectories(state());
        String tooLongHash = "01" + "0005" + hex("b.txt") + "0000000000000002" + "0000000000000002" + "21" + "02".repeat(33) + "00000000";
        Files.write(state().resolve(BuildState.JOURNAL), bytes(HEADER + record("01" + entryBytes("a.txt", 1)) + record(tooLongHash)));

        try (BuildState state = open()) {
            assertEquals(Set.of("a.txt"), state.inputs());
        }
        assertEquals(List.of(), log.entries());
    }

    @Test
    void journalRecordWithAFlippedByteIsIgnored() throws IOException {
        long afterA;
        BuildState killed = open();
        killed.put(entry("a.txt", "a.out"));
        afterA = Files.size(state().resolve(BuildState.JOURNAL));
        killed.put(entry("b.txt", "b.out"));
        killed.close();
        byte[] journal = Files.readAllBytes(state().resolve(BuildState.JOURNAL));

        for (int position = (int) afterA; position < journal.length; position++) {
            for (int flip : new int[] {0x01, 0x80, 0xFF}) {
                Path copy = Files.createDirectories(root.resolve("flip-" + position + "-" + flip));
                byte[] damaged = journal.clone();
                damaged[position] ^= (byte) flip;
                Files.write(copy.resolve(BuildState.JOURNAL), damaged);
                try (BuildState state = open(copy, "configuration")) {
                    assertEquals(Set.of("a.txt"), state.inputs(), "byte " + position + " flipped with " + flip);
                }
            }
        }
    }

    @Test
    void journalCutInsideItsHeaderIsIgnoredWithoutAWarning() throws IOException {
        try (BuildState state = open()) {
            state.put(entry("a.txt", "a.out"));
            state.commit();
        }
        BuildState killed = open();
        killed.put(entry("b.txt", "b.out"));
        killed.close();
        byte[] journal = Files.readAllBytes(state().resolve(BuildState.JOURNAL));
        Files.write(state().resolve(BuildState.JOURNAL), Arrays.copyOf(journal, 5));

        try (BuildState state = open()) {
            assertEquals(Set.of("a.txt"), state.inputs());
        }
        assertEquals(List.of(), log.entries());
    }

    @Test
    void entriesRecordedUnderAnotherConfigurationAreKnownButNeverMatchAnInput() throws IOException {
        try (BuildState state = open(state(), "old")) {
            state.put(entry("a.txt", "a.out"));
            state.commit();
        }
        BuildState killed = open(state(), "old");
        killed.put(entry("b.txt", "b.out"));
        killed.close();

        try (BuildState state = open(state(), "new")) {
            for (String input : List.of("a.txt", "b.txt")) {
                StateEntry entry = state.entry(input);
                assertEquals(StateEntry.UNKNOWN, entry.size(), input);
                assertEquals(StateEntry.UNKNOWN, entry.modified(), input);
            }
            state.remove("a.txt");
            state.remove("b.txt");
            assertEquals(Set.of("a.out", "b.out"), Set.copyOf(paths(state.orphanedOutputs())),
                    "outputs written under the old configuration are still known, so they can be removed");
        }
    }

    @Test
    void outputsAnEntryNoLongerListsAreOrphanedUnlessAnotherEntryNowWritesThem() throws IOException {
        try (BuildState state = open()) {
            state.put(entry("a.txt", "a.out", "moves.out", "dropped.out"));
            state.put(entry("a.txt", "a.out"));
            assertEquals(Set.of("moves.out", "dropped.out"), Set.copyOf(paths(state.orphanedOutputs())));

            state.put(entry("b.txt", "moves.out"));
            assertEquals(List.of("dropped.out"), paths(state.orphanedOutputs()));

            state.remove("a.txt");
            assertEquals(Set.of("a.out", "dropped.out"), Set.copyOf(paths(state.orphanedOutputs())));
        }
    }

    @Test
    void orphansOfAKilledRunAreStillKnownToTheNextRun() throws IOException {
        try (BuildState state = open()) {
            state.put(entry("a.txt", "a.out"));
            state.commit();
        }
        BuildState killed = open();
        killed.remove("a.txt");
        killed.close();

        try (BuildState replayed = open()) {
            assertEquals(List.of("a.out"), paths(replayed.orphanedOutputs()));
        }
        try (BuildState again = open()) {
            assertEquals(List.of("a.out"), paths(again.orphanedOutputs()), "kept in the snapshot until a run deletes them and commits");
            again.commit();
        }
        try (BuildState afterCommit = open()) {
            assertEquals(List.of(), paths(afterCommit.orphanedOutputs()));
        }
    }

    @Test
    void closedStateTakesNoMoreRecords() throws IOException {
        BuildState state = open();
        state.close();

        assertThrows(IllegalStateException.class, () -> state.put(entry("a.txt")));
    }

    @Test
    void removingAnInputWithoutAnEntryWritesNothing() throws IOException {
        try (BuildState state = open()) {
            long header = Files.size(state().resolve(BuildState.JOURNAL));
            state.remove("never-seen.txt");
            assertEquals(header, Files.size(state().resolve(BuildState.JOURNAL)));
        }
    }

    @Test
    void missingStateStartsEmptyWithoutAWarning() throws IOException {
        try (BuildState state = open()) {
            assertEquals(Set.of(), state.inputs());
            assertNull(state.entry("a.txt"));
        }
        assertEquals(List.of(), log.entries());
    }

    @Test
    void namesWithNulControlAndSupplementaryCharactersSurviveTheSnapshotAndTheJournal() throws IOException {
        List<StateEntry> odd = List.of(
                entry("nul\0in the middle.txt", "nul\0.out"),
                entry("bell\u0007 and tab\t.txt", "\u0007.out"),
                entry("emoji 😀 and 𝄞.txt", "😀/out 𝄞.txt"),
                entry("ünïcødé \uFFFD \u07FF \u0800 \uFFFF.txt", "ü.out"),
                entry("a\u0080b.txt"));
        try (BuildState state = open()) {
            for (StateEntry entry : odd.subList(0, 3)) {
                state.put(entry);
            }
            state.commit();
        }
        BuildState killed = open();
        for (StateEntry entry : odd.subList(3, 5)) {
            killed.put(entry);
        }
        killed.close();

        try (BuildState state = open()) {
            assertEquals(Set.copyOf(odd.stream().map(StateEntry::input).toList()), state.inputs());
            for (StateEntry entry : odd) {
                assertSameEntry(entry, state.entry(entry.input()));
            }
        }
        assertEquals(List.of(), log.entries());
    }

    // The formats byte for byte: big-endian numbers, and strings as a two-byte length and Java's modified
    // UTF-8 (DataOutputStream.writeUTF), in which a supplementary character is two three-byte surrogates.
    // Format 1, as version 0.1 wrote it, kept retired outputs by path alone; format 2 adds their size and time.
    private static final String HEADER_FORMAT_1 = "000c" + hex("parmap-state") + "00000001" + "000d" + hex("configuration");
    private static final String HEADER = "000c" + hex("parmap-state") + "00000002" + "000d" + hex("configuration");
    private static final StateEntry EMOJI = new StateEntry("a 😀.txt", 101, 1_700_000_000_123_456_789L, filled(32, 0x11),
            List.of(new CommittedOutput("a.out", 5, 1_700_000_001_000_000_000L)));
    private static final String EMOJI_BYTES = "000c" + "6120" + "eda0bd" + "edb880" + hex(".txt") // input
            + "0000000000000065" + "17979cfe3d85cd15" // size, modified
            + "20" + "11".repeat(32) // SHA-256
            + "00000001" + "0005" + hex("a.out") + "0000000000000005" + "17979cfe71c4ca00"; // outputs

    @Test
    void stateFileKeepsItsLayoutSoThatStateWrittenByEarlierVersionsLoads() throws IOException {
        String retiredOldOut = "00000001" + "0007" + hex("old.out");
        Files.createDirectories(state());
        Files.write(state().resolve(BuildState.SNAPSHOT), withChecksum(HEADER_FORMAT_1 + "00000001" + EMOJI_BYTES + retiredOldOut));

        try (BuildState state = open()) {
            assertSameEntry(EMOJI, state.entry("a 😀.txt"));
            assertEquals(List.of("old.out"), paths(state.orphanedOutputs()));
            state.commit();
        }

        assertArrayEquals(withChecksum(HEADER + "00000001" + EMOJI_BYTES + "00000000"), Files.readAllBytes(state().resolve(BuildState.SNAPSHOT)),
                "the committed run has no retired outputs left");
        assertEquals(List.of(), log.entries());
    }

    /**
     * Earlier versions wrote the snapshot in the order the entries were recorded; this one writes it in path
     * order, which the no-op's merge with the sorted scan relies on. Both load entry for entry.
     */
    @Test
    void snapshotOutOfPathOrderLoadsWholeAndIsWrittenBackInPathOrder() throws IOException {
        Files.createDirectories(state());
        Files.write(state().resolve(BuildState.SNAPSHOT),
                withChecksum(HEADER + "00000003" + entryBytes("c.txt", 3) + entryBytes("a.txt", 1) + entryBytes("b.txt", 2) + "00000000"));

        try (BuildState state = open()) {
            for (String input : List.of("a.txt", "b.txt", "c.txt")) {
                StateEntry entry = state.entry(input);
                assertEquals(input.charAt(0) - 'a' + 1, entry.size(), input);
                assertEquals(List.of(new CommittedOutput(input, 7, 8)), entry.outputs());
            }
            int[] slots = state.slotsOf(4, List.of("a.txt", "b.txt", "c.txt", "d.txt")::get);
            assertEquals(-1, slots[3]);
            RecordedEntry read = new RecordedEntry();
            assertEquals(true, state.read(slots[1], "b.txt", read));
            assertEquals(2, read.size);
            state.put(new StateEntry("b.txt", 20, 2, filled(32, 2), List.of())); // a change, so the snapshot is written
            state.commit();
        }

        assertArrayEquals(withChecksum(HEADER + "00000003" + entryBytes("a.txt", 1)
                        + entryBytesWith("b.txt", 20, "00000000") + entryBytes("c.txt", 3) + "00000000"),
                Files.readAllBytes(state().resolve(BuildState.SNAPSHOT)), "written back in path order");
    }

    /** @return an entry of an ASCII input recorded with that size, time 2, a SHA-256 of twos, and one output at its own path */
    private static String entryBytes(String input, long size) {
        return entryBytesWith(input, size, "00000001" + "%04x".formatted(input.length()) + hex(input) + "0000000000000007" + "0000000000000008");
    }

    private static String entryBytesWith(String input, long size, String outputs) {
        return "%04x".formatted(input.length()) + hex(input) + "%016x".formatted(size) + "0000000000000002" + "20" + "02".repeat(32) + outputs;
    }

    @Test
    void retiredOutputsKeepTheSizeAndTimeTheyWereCommittedWithInTheSnapshot() throws IOException {
        try (BuildState state = open()) {
            state.put(EMOJI);
            state.commit();
        }
        BuildState killed = open();
        killed.remove("a 😀.txt");
        killed.close(); // killed before its stale outputs were deleted: the next load folds the removal in

        try (BuildState state = open()) {
            assertEquals(EMOJI.outputs(), state.orphanedOutputs());
        }
        assertArrayEquals(withChecksum(HEADER + "00000000" + "00000001" + "0005" + hex("a.out") + "0000000000000005" + "17979cfe71c4ca00"),
                Files.readAllBytes(state().resolve(BuildState.SNAPSHOT)));
    }

    @Test
    void journalKeepsItsLayoutOfOneChecksummedRecordPerChange() throws IOException {
        try (BuildState state = open()) {
            state.put(EMOJI);
            state.remove("a 😀.txt");

            String put = "01" + EMOJI_BYTES;
            String remove = "02" + "000c" + "6120" + "eda0bd" + "edb880" + hex(".txt");
            assertArrayEquals(bytes(HEADER + record(put) + record(remove)), Files.readAllBytes(state().resolve(BuildState.JOURNAL)));
        }
    }

    /** @return a journal record: the payload's length and CRC-32, then the payload */
    private static String record(String payload) {
        CRC32 crc = new CRC32();
        crc.update(bytes(payload));
        return "%08x%08x%s".formatted(payload.length() / 2, (int) crc.getValue(), payload);
    }

    /** @return a state file: the body, then its CRC-32 as a long */
    private static byte[] withChecksum(String body) {
        byte[] bytes = bytes(body);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return java.nio.ByteBuffer.allocate(bytes.length + Long.BYTES).put(bytes).putLong(crc.getValue()).array();
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static List<String> paths(List<CommittedOutput> outputs) {
        return outputs.stream().map(CommittedOutput::path).toList();
    }
}
