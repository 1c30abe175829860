package io.github.parmap.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The incremental build state of one execution: for each input, its fingerprint and outputs; and the
 * outputs parmap wrote that no input produces any more ("retired"), to be deleted at the end of the run.
 *
 * <p>On disk it is a snapshot ({@code state.bin}) written atomically at the end of a run, and a journal
 * ({@code journal.bin}) to which each item's record is appended as soon as its outputs are committed. A
 * build killed at any instant therefore leaves a snapshot plus a journal whose every complete record is
 * true; the next load replays the journal, so exactly the items whose record is missing are redone.
 * Every record carries a checksum: a torn last record is ignored, a damaged snapshot means a full rebuild.
 */
final class BuildState implements AutoCloseable {
    static final String SNAPSHOT = "state.bin";
    static final String JOURNAL = "journal.bin";
    /** The snapshot being written, moved over {@link #SNAPSHOT} once complete. */
    private static final String SNAPSHOT_TEMPORARY = SNAPSHOT + ".tmp";

    private static final String MAGIC = "parmap-state";
    /** Raised whenever the layout of the files or the meaning of a fingerprint changes. */
    static final int FORMAT_VERSION = 1;
    private static final byte PUT = 1;
    private static final byte REMOVE = 2;

    private final Path directory;
    private final String configuration;
    private final Map<String, StateEntry> entries;
    private final Set<String> retired;
    private FileChannel journal;
    /** Whether anything was recorded since the snapshot was read or written. */
    private boolean changed;
    /** Whether the snapshot read was recorded under another configuration. */
    private boolean configurationChanged;

    private BuildState(Path directory, String configuration, Map<String, StateEntry> entries, Set<String> retired) {
        this.directory = directory;
        this.configuration = configuration;
        this.entries = entries;
        this.retired = retired;
    }

    /**
     * Loads the state, replays the journal of a run that did not finish, and starts a new journal.
     *
     * @param directory the execution's state directory
     * @param configuration the configuration fingerprint of this run; entries recorded under another one
     *     are kept (their outputs are still known) but never count as up to date
     * @param log told once when a state exists but cannot be used
     */
    static BuildState open(Path directory, String configuration, RunLog log) throws IOException {
        Files.createDirectories(directory);
        BuildState state = new BuildState(directory, configuration, new HashMap<>(), new LinkedHashSet<>());
        try {
            state.readSnapshot();
            boolean replayed = state.replayJournal();
            if (replayed) {
                state.writeSnapshot(); // fold the unfinished run in before this run starts its own journal
            }
            if (!Files.exists(directory.resolve(SNAPSHOT))) {
                state.changed = true; // the first run writes a snapshot even when it finds no file
            }
        } catch (CorruptStateException e) {
            log.warn("The incremental build state in " + directory + " cannot be used (" + e.getMessage()
                    + "); every file is processed again");
            state.entries.clear();
            state.retired.clear();
            Files.deleteIfExists(directory.resolve(SNAPSHOT));
        }
        Files.deleteIfExists(directory.resolve(JOURNAL));
        state.startJournal();
        return state;
    }

    /**
     * Deletes the state of an execution and then its directory, so that turning incremental builds back on
     * starts afresh. A directory that holds files parmap did not write is left in place, with those files.
     */
    static void delete(Path directory) throws IOException {
        Files.deleteIfExists(directory.resolve(JOURNAL));
        Files.deleteIfExists(directory.resolve(SNAPSHOT));
        Files.deleteIfExists(directory.resolve(SNAPSHOT_TEMPORARY));
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException notOnlyOurs) {
            // someone else's files: not ours to delete
        }
    }

    /** @return whether the last build recorded its state under another configuration */
    synchronized boolean configurationChanged() {
        return configurationChanged;
    }

    /** @return the entry of an input, or {@code null} */
    synchronized StateEntry entry(String input) {
        return entries.get(input);
    }

    /** @return how many inputs have an entry */
    synchronized int size() {
        return entries.size();
    }

    /** @return the inputs that have an entry */
    synchronized Set<String> inputs() {
        return new HashSet<>(entries.keySet());
    }

    /** Records an input's new entry, durably, before the caller reports the item done. */
    synchronized void put(StateEntry entry) throws IOException {
        append(encodePut(entry));
        apply(entry);
        changed = true;
    }

    /** Forgets an input (deleted, excluded now, or failed), retiring its outputs. */
    synchronized void remove(String input) throws IOException {
        if (entries.containsKey(input)) {
            append(encodeRemove(input));
            applyRemove(input);
            changed = true;
        }
    }

    /**
     * @return the retired outputs that no entry produces: the ones to delete now
     */
    synchronized List<String> orphanedOutputs() {
        if (retired.isEmpty()) {
            return List.of();
        }
        Set<String> live = new HashSet<>();
        for (StateEntry entry : entries.values()) {
            entry.outputs().forEach(output -> live.add(output.path()));
        }
        List<String> orphaned = new ArrayList<>();
        for (String output : retired) {
            if (!live.contains(output)) {
                orphaned.add(output);
            }
        }
        return orphaned;
    }

    /** Ends the run: the retired outputs have been dealt with, so the snapshot replaces the journal. */
    synchronized void commit() throws IOException {
        closeJournal();
        if (changed || !retired.isEmpty()) {
            retired.clear();
            writeSnapshot(); // a run that changed nothing leaves the snapshot as it was
        }
        Files.deleteIfExists(directory.resolve(JOURNAL));
    }

    @Override
    public synchronized void close() throws IOException {
        closeJournal();
    }

    // ---- applying changes, for live updates and journal replay alike ----

    private void apply(StateEntry entry) {
        StateEntry previous = entries.put(entry.input(), entry);
        if (previous != null) {
            retire(previous.outputs());
        }
        entry.outputs().forEach(output -> retired.remove(output.path()));
    }

    private void applyRemove(String input) {
        StateEntry previous = entries.remove(input);
        if (previous != null) {
            retire(previous.outputs());
        }
    }

    private void retire(Collection<StateEntry.Output> outputs) {
        outputs.forEach(output -> retired.add(output.path()));
    }

    // ---- snapshot ----

    private void readSnapshot() throws IOException, CorruptStateException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(directory.resolve(SNAPSHOT));
        } catch (NoSuchFileException none) {
            return;
        } catch (IOException unreadable) {
            throw new CorruptStateException("the state file cannot be read: " + unreadable);
        }
        if (bytes.length < Long.BYTES) {
            throw new CorruptStateException("the state file is truncated");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - Long.BYTES);
        if (crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong()) {
            throw new CorruptStateException("the state file is damaged");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - Long.BYTES))) {
            boolean sameConfiguration = readHeader(in);
            configurationChanged = !sameConfiguration;
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                StateEntry entry = readEntry(in);
                entries.put(entry.input(), sameConfiguration ? entry : entry.outdated());
            }
            int retiredCount = in.readInt();
            for (int i = 0; i < retiredCount; i++) {
                retired.add(in.readUTF());
            }
        } catch (IOException | RuntimeException e) {
            throw new CorruptStateException("the state file is damaged: " + e);
        }
    }

    private void writeSnapshot() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * 96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeHeader(out);
            out.writeInt(entries.size());
            for (StateEntry entry : entries.values()) {
                writeEntry(out, entry);
            }
            out.writeInt(retired.size());
            for (String output : retired) {
                out.writeUTF(output);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        }
        Path temporary = directory.resolve(SNAPSHOT_TEMPORARY);
        Files.write(temporary, bytes.toByteArray());
        Files.move(temporary, directory.resolve(SNAPSHOT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    // ---- journal ----

    private void startJournal() throws IOException {
        journal = FileChannel.open(directory.resolve(JOURNAL), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(header)) {
            writeHeader(out);
        }
        writeFully(ByteBuffer.wrap(header.toByteArray()));
    }

    /** @return whether a journal was there to replay */
    private boolean replayJournal() throws IOException, CorruptStateException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(directory.resolve(JOURNAL));
        } catch (NoSuchFileException none) {
            return false;
        } catch (IOException unreadable) {
            throw new CorruptStateException("the journal cannot be read: " + unreadable);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        boolean sameConfiguration;
        try {
            DataInputStream headerIn = new DataInputStream(new ByteArrayInputStream(bytes));
            sameConfiguration = readHeader(headerIn);
            buffer.position(bytes.length - headerIn.available());
        } catch (EOFException | RuntimeException | CorruptStateException killedWhileStarting) {
            return true; // no record can follow a header that was not fully written
        }
        while (buffer.remaining() >= 2 * Integer.BYTES) {
            int length = buffer.getInt();
            int checksum = buffer.getInt();
            if (length <= 0 || length > buffer.remaining()) {
                break; // the last record was cut short by a kill
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, buffer.position(), length);
            if ((int) crc.getValue() != checksum) {
                break;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, buffer.position(), length))) {
                byte type = in.readByte();
                if (type == PUT) {
                    StateEntry entry = readEntry(in);
                    apply(sameConfiguration ? entry : entry.outdated());
                } else if (type == REMOVE) {
                    applyRemove(in.readUTF());
                } else {
                    break;
                }
            } catch (IOException unreadable) {
                break; // a record that passed its checksum yet does not parse: written by something else
            }
            buffer.position(buffer.position() + length);
        }
        return true;
    }

    private void append(byte[] record) throws IOException {
        if (journal == null) {
            throw new IllegalStateException("the build state is closed");
        }
        CRC32 crc = new CRC32();
        crc.update(record);
        ByteBuffer buffer = ByteBuffer.allocate(2 * Integer.BYTES + record.length);
        buffer.putInt(record.length).putInt((int) crc.getValue()).put(record).flip();
        // One write per record: a kill loses at most the record being written, never an earlier one.
        writeFully(buffer);
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            journal.write(buffer);
        }
    }

    private void closeJournal() throws IOException {
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }

    // ---- encoding ----

    private void writeHeader(DataOutputStream out) throws IOException {
        out.writeUTF(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(configuration);
    }

    /** @return whether the data was recorded under this run's configuration */
    private boolean readHeader(DataInputStream in) throws IOException, CorruptStateException {
        if (!MAGIC.equals(in.readUTF())) {
            throw new CorruptStateException("not a parmap state file");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new CorruptStateException("written in format " + version + ", this version reads format " + FORMAT_VERSION);
        }
        return configuration.equals(in.readUTF());
    }

    private static byte[] encodePut(StateEntry entry) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(PUT);
            writeEntry(out, entry);
        }
        return bytes.toByteArray();
    }

    private static byte[] encodeRemove(String input) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(REMOVE);
            out.writeUTF(input);
        }
        return bytes.toByteArray();
    }

    private static void writeEntry(DataOutputStream out, StateEntry entry) throws IOException {
        out.writeUTF(entry.input());
        out.writeLong(entry.size());
        out.writeLong(entry.modified());
        out.writeByte(entry.sha256().length);
        out.write(entry.sha256());
        out.writeInt(entry.outputs().size());
        for (StateEntry.Output output : entry.outputs()) {
            out.writeUTF(output.path());
            out.writeLong(output.size());
            out.writeLong(output.modified());
        }
    }

    private static StateEntry readEntry(DataInputStream in) throws IOException {
        String input = in.readUTF();
        long size = in.readLong();
        long modified = in.readLong();
        byte[] sha256 = new byte[in.readUnsignedByte()];
        in.readFully(sha256);
        int count = in.readInt();
        if (count < 0 || count > 1_000_000) {
            throw new IOException("implausible output count " + count);
        }
        List<StateEntry.Output> outputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            outputs.add(new StateEntry.Output(in.readUTF(), in.readLong(), in.readLong()));
        }
        return new StateEntry(input, size, modified, sha256, outputs);
    }

    /** The state on disk cannot be read as a whole; the run starts from nothing. */
    static final class CorruptStateException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptStateException(String message) {
            super(message);
        }
    }
}
