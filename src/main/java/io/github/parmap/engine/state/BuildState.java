package io.github.parmap.engine.state;

import io.github.parmap.engine.commit.CommittedOutput;
import io.github.parmap.engine.support.AtomicFileWrite;
import io.github.parmap.engine.support.RunLog;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

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
public final class BuildState implements AutoCloseable {
    public static final String SNAPSHOT = "state.bin";
    public static final String JOURNAL = "journal.bin";
    /** The snapshot being written, moved over {@link #SNAPSHOT} once complete. */
    private static final String SNAPSHOT_TEMPORARY = AtomicFileWrite.temporaryFor(Path.of(SNAPSHOT)).toString();

    private static final String MAGIC = "parmap-state";
    /** Raised whenever the layout of the files or the meaning of a fingerprint changes. */
    public static final int FORMAT_VERSION = 2;
    /** Format 1 recorded retired outputs by path alone; it is still read, and its retired outputs deleted as before. */
    private static final int FORMAT_VERSION_WITHOUT_RETIRED_SIZES = 1;
    private static final byte PUT = 1;
    private static final byte REMOVE = 2;
    private static final byte FORGET_ALL = 3;
    /** A journal record starts with its payload's length and checksum, two ints. */
    private static final int RECORD_HEADER = 2 * Integer.BYTES;
    private static final int SNAPSHOT_BUFFER = 64 * 1024;
    /** The fewest bytes an entry takes in a snapshot: a count read from a damaged file reserves no more than the file can hold. */
    private static final int MIN_ENTRY_BYTES = 2 + 2 * Long.BYTES + 1 + Integer.BYTES;

    private final Path directory;
    private final String configuration;
    private final StateTable entries;
    /** Retired outputs by path, with the size and time they were committed with. */
    private final Map<String, CommittedOutput> retired;
    private FileChannel journal;
    /** Where each journal record is encoded; reused, as the methods that append are synchronized. */
    private final RecordBuffer recordBuffer = new RecordBuffer();
    private final DataOutputStream recordOut = new DataOutputStream(recordBuffer);
    private final CRC32 recordCrc = new CRC32();
    /** Whether anything was recorded since the snapshot was read or written. */
    private boolean changed;
    /** The format of the file whose header was read last. */
    private int readVersion = FORMAT_VERSION;
    /** Whether the snapshot read was recorded under another configuration. */
    private boolean configurationChanged;

    private BuildState(Path directory, String configuration, StateTable entries, Map<String, CommittedOutput> retired) {
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
    public static BuildState open(Path directory, String configuration, RunLog log) throws IOException {
        Files.createDirectories(directory);
        BuildState state = new BuildState(directory, configuration, new StateTable(), new LinkedHashMap<>());
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
        Files.deleteIfExists(directory.resolve(RecordedOutputDirectory.FILE));
        Files.deleteIfExists(directory.resolve(SettingDigests.FILE));
        Files.deleteIfExists(directory.resolve(SettingDigests.FILE + ".tmp"));
        Files.deleteIfExists(directory.resolve(StateLock.FILE));
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
    public synchronized StateEntry entry(String input) {
        return entries.get(input);
    }

    /**
     * Finds the entries of a run's inputs in one pass, for {@link #read(int, String, RecordedEntry)}.
     *
     * @param pathOf the inputs' paths, sorted as the scan lists them
     * @return per input its entry's slot, or -1 if it has none; valid until the entries are forgotten all at once
     */
    synchronized int[] slotsOf(int count, IntFunction<String> pathOf) {
        return entries.slotsOf(count, pathOf);
    }

    /** Copies the entry of a slot from {@link #slotsOf} into a holder the calling thread reuses. @return whether it has one */
    synchronized boolean read(int slot, String input, RecordedEntry into) {
        return entries.read(slot, input, into);
    }

    /** @return the size the entry of a slot from {@link #slotsOf} was recorded with ({@link StateEntry#UNKNOWN} to redo it) */
    synchronized long recordedSizeAt(int slot) {
        return entries.sizeAt(slot);
    }

    /** @return how many inputs have an entry */
    synchronized int size() {
        return entries.size();
    }

    /**
     * Makes room for this many entries in all: a first build of a million files then grows no array while it
     * records them, each growth a copy of tens of megabytes the collector has to find contiguous room for.
     */
    synchronized void reserve(int expected) {
        entries.reserve(expected);
    }

    /** @return the inputs that have an entry */
    public synchronized Set<String> inputs() {
        Set<String> inputs = new HashSet<>(entries.size() * 2);
        entries.forEachInput(inputs::add);
        return inputs;
    }

    /** @return the inputs that have an entry and that the predicate rejects */
    synchronized List<String> inputsNotIn(Predicate<String> present) {
        List<String> gone = new ArrayList<>();
        entries.forEachInput(input -> {
            if (!present.test(input)) {
                gone.add(input);
            }
        });
        return gone;
    }

    /** Records an input's new entry, durably, before the caller reports the item done. */
    public synchronized void put(StateEntry entry) throws IOException {
        startRecord(PUT);
        writeEntry(recordOut, entry);
        appendRecord();
        apply(entry);
        changed = true;
    }

    /** Forgets an input (deleted, excluded now, or failed), retiring its outputs. */
    synchronized void remove(String input) throws IOException {
        if (entries.contains(input)) {
            startRecord(REMOVE);
            recordOut.writeUTF(input);
            appendRecord();
            applyRemove(input);
            changed = true;
        }
    }

    /**
     * @return the retired outputs that no entry produces: the ones to delete now, if they are still as committed
     */
    synchronized List<CommittedOutput> orphanedOutputs() {
        if (retired.isEmpty()) {
            return List.of();
        }
        // Sized by the retired outputs, usually few, not by the entries, which may be a million.
        Set<String> unclaimed = new HashSet<>(retired.keySet());
        for (StateEntry entry : entries.entries()) {
            entry.outputs().forEach(output -> unclaimed.remove(output.path()));
        }
        List<CommittedOutput> orphaned = new ArrayList<>();
        for (CommittedOutput output : retired.values()) {
            if (unclaimed.contains(output.path())) {
                orphaned.add(output);
            }
        }
        return orphaned;
    }

    /**
     * Forgets every entry without retiring its outputs: they lie in an output directory this execution no
     * longer writes, so no stale removal may look for them in the current one.
     */
    synchronized void forgetAll() throws IOException {
        startRecord(FORGET_ALL);
        appendRecord();
        applyForgetAll();
        changed = true;
    }

    /** @return every output the entries record, with the size and time it was committed with */
    synchronized List<CommittedOutput> recordedOutputs() {
        List<CommittedOutput> outputs = new ArrayList<>();
        entries.entries().forEach(entry -> outputs.addAll(entry.outputs()));
        outputs.addAll(retired.values());
        return outputs;
    }

    /** Ends the run: the retired outputs have been dealt with, so the snapshot replaces the journal. */
    public synchronized void commit() throws IOException {
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
        StateEntry previous = entries.put(entry);
        if (previous != null) {
            retire(previous.outputs());
        }
        if (!retired.isEmpty()) {
            entry.outputs().forEach(output -> retired.remove(output.path()));
        }
    }

    private void applyRemove(String input) {
        StateEntry previous = entries.remove(input);
        if (previous != null) {
            retire(previous.outputs());
        }
    }

    private void retire(Collection<CommittedOutput> outputs) {
        outputs.forEach(output -> retired.put(output.path(), output));
    }

    private void applyForgetAll() {
        entries.clear();
        retired.clear();
    }

    // ---- snapshot ----

    /**
     * Reads the snapshot as a stream, taking its checksum on the way, so that a large state is never held in
     * memory as bytes beside its entries; entries read from a file whose checksum then fails are dropped.
     */
    private void readSnapshot() throws IOException, CorruptStateException {
        try (FileChannel file = FileChannel.open(directory.resolve(SNAPSHOT), StandardOpenOption.READ)) {
            long payload = file.size() - Long.BYTES;
            if (payload < 0) {
                throw new CorruptStateException("the state file is truncated");
            }
            ByteBuffer trailer = ByteBuffer.allocate(Long.BYTES);
            while (trailer.hasRemaining() && file.read(trailer, payload + trailer.position()) >= 0) {
                // read on until the checksum is complete
            }
            if (trailer.hasRemaining()) {
                throw new CorruptStateException("the state file is truncated");
            }
            CRC32 crc = new CRC32();
            file.position(0);
            StateInput in = StateInput.streaming(Channels.newInputStream(file), payload, crc);
            readSnapshotEntries(in);
            if (crc.getValue() != trailer.getLong(0)) {
                throw new CorruptStateException("the state file is damaged");
            }
        } catch (NoSuchFileException none) {
            // no state yet: the first build
        } catch (CorruptStateException e) {
            throw e;
        } catch (IOException unreadable) {
            throw new CorruptStateException("the state file cannot be read: " + unreadable);
        }
    }

    private void readSnapshotEntries(StateInput in) throws CorruptStateException {
        try {
            boolean sameConfiguration = readHeader(in);
            configurationChanged = !sameConfiguration;
            int count = in.readInt();
            if (count < 0) {
                throw new CorruptStateException("the state file is damaged: " + count + " entries");
            }
            entries.reserve((int) Math.min(count, in.remaining() / MIN_ENTRY_BYTES));
            // A million entries are read while the scan runs, on the same cores: each goes straight into the
            // table through one reused holder, with no object made for the entry or its outputs.
            RecordedEntry read = new RecordedEntry();
            for (int i = 0; i < count; i++) {
                String input = readEntry(in, read);
                if (!sameConfiguration) {
                    read.size = StateEntry.UNKNOWN;
                    read.modified = StateEntry.UNKNOWN;
                }
                if (!entries.append(input, read)) {
                    entries.put(read.toEntry(input)); // out of path order: a snapshot written by an earlier version
                }
            }
            int retiredCount = in.readInt();
            for (int i = 0; i < retiredCount; i++) {
                String path = in.readUTF();
                retired.put(path, readVersion == FORMAT_VERSION_WITHOUT_RETIRED_SIZES
                        ? new CommittedOutput(path, CommittedOutput.UNKNOWN, CommittedOutput.UNKNOWN)
                        : new CommittedOutput(path, in.readLong(), in.readLong()));
            }
            if (in.remaining() > 0) {
                throw new CorruptStateException("the state file is damaged: bytes after its last entry");
            }
        } catch (IOException | RuntimeException e) {
            throw new CorruptStateException("the state file is damaged: " + e);
        }
    }

    private void writeSnapshot() throws IOException {
        // Streamed, with the checksum taken on the way: a large state is never held in memory as bytes.
        CRC32 crc = new CRC32();
        AtomicFileWrite.replace(directory.resolve(SNAPSHOT), stream -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(stream, crc), SNAPSHOT_BUFFER));
            writeHeader(out);
            out.writeInt(entries.size());
            for (StateEntry entry : entries.entriesInPathOrder()) {
                writeEntry(out, entry);
            }
            out.writeInt(retired.size());
            for (CommittedOutput output : retired.values()) {
                out.writeUTF(output.path());
                out.writeLong(output.size());
                out.writeLong(output.modified());
            }
            out.flush(); // the checksum covers everything before it, so all of that must have passed through
            out.writeLong(crc.getValue());
            out.flush();
        });
    }

    // ---- journal ----

    private void startJournal() throws IOException {
        journal = FileChannel.open(directory.resolve(JOURNAL), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        recordBuffer.reset();
        writeHeader(recordOut);
        writeFully(recordBuffer.view());
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
        StateInput journalIn = new StateInput(bytes, 0, bytes.length);
        boolean sameConfiguration;
        try {
            sameConfiguration = readHeader(journalIn);
        } catch (EOFException | RuntimeException | CorruptStateException killedWhileStarting) {
            return true; // no record can follow a header that was not fully written
        }
        CRC32 crc = new CRC32();
        while (journalIn.remaining() >= RECORD_HEADER) {
            int length = journalIn.readInt();
            int checksum = journalIn.readInt();
            if (length <= 0 || length > journalIn.remaining()) {
                break; // the last record was cut short by a kill
            }
            crc.reset();
            crc.update(bytes, journalIn.position(), length);
            if ((int) crc.getValue() != checksum) {
                break;
            }
            try {
                StateInput in = new StateInput(bytes, journalIn.position(), journalIn.position() + length);
                byte type = in.readByte();
                if (type == PUT) {
                    StateEntry entry = readEntry(in);
                    apply(sameConfiguration ? entry : entry.outdated());
                } else if (type == REMOVE) {
                    applyRemove(in.readUTF());
                } else if (type == FORGET_ALL) {
                    applyForgetAll();
                } else {
                    break;
                }
            } catch (IOException unreadable) {
                break; // a record that passed its checksum yet does not parse: written by something else
            }
            journalIn.skip(length);
        }
        return true;
    }

    /** Starts encoding a record in {@link #recordBuffer}, leaving room for its length and checksum. */
    private void startRecord(byte type) throws IOException {
        if (journal == null) {
            throw new IllegalStateException("the build state is closed");
        }
        recordBuffer.reset();
        recordOut.writeLong(0);
        recordOut.writeByte(type);
    }

    /** Appends the record encoded since {@link #startRecord}. */
    private void appendRecord() throws IOException {
        int length = recordBuffer.size() - RECORD_HEADER;
        recordCrc.reset();
        recordCrc.update(recordBuffer.array(), RECORD_HEADER, length);
        ByteBuffer bytes = recordBuffer.view();
        bytes.putInt(0, length).putInt(Integer.BYTES, (int) recordCrc.getValue());
        // One write per record: a kill loses at most the record being written, never an earlier one.
        writeFully(bytes);
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
    private boolean readHeader(StateInput in) throws IOException, CorruptStateException {
        if (!MAGIC.equals(in.readUTF())) {
            throw new CorruptStateException("not a parmap state file");
        }
        int version = in.readInt();
        readVersion = version;
        if (version != FORMAT_VERSION && version != FORMAT_VERSION_WITHOUT_RETIRED_SIZES) {
            throw new CorruptStateException("written in format " + version + ", this version reads format " + FORMAT_VERSION);
        }
        return configuration.equals(in.readUTF());
    }

    private static void writeEntry(DataOutputStream out, StateEntry entry) throws IOException {
        out.writeUTF(entry.input());
        out.writeLong(entry.size());
        out.writeLong(entry.modified());
        out.writeByte(entry.sha256().length);
        out.write(entry.sha256());
        out.writeInt(entry.outputs().size());
        for (CommittedOutput output : entry.outputs()) {
            out.writeUTF(output.path());
            out.writeLong(output.size());
            out.writeLong(output.modified());
        }
    }

    /**
     * Reads an entry into a reused holder; an entry no version writes (a longer hash, a count beyond reason) is
     * an {@link IOException}, as a cut-short one is.
     *
     * @return its input's path
     */
    private static String readEntry(StateInput in, RecordedEntry into) throws IOException {
        String input = in.readUTF();
        into.size = in.readLong();
        into.modified = in.readLong();
        int shaLength = in.readUnsignedByte();
        if (shaLength > StateTable.SHA_BYTES) {
            throw new IOException("a content hash of " + shaLength + " bytes");
        }
        in.readBytes(into.sha256, shaLength);
        into.shaLength = shaLength;
        int count = in.readInt();
        if (count < 0 || count > 1_000_000) {
            throw new IOException("implausible output count " + count);
        }
        into.reserveOutputs(count);
        for (int i = 0; i < count; i++) {
            String path = in.readUTF();
            into.outputPaths[i] = path.equals(input) ? input : path;
            into.outputSizes[i] = in.readLong();
            into.outputModified[i] = in.readLong();
        }
        return input;
    }

    private static StateEntry readEntry(StateInput in) throws IOException {
        RecordedEntry read = new RecordedEntry();
        return read.toEntry(readEntry(in, read));
    }

    /**
     * Reads what {@link DataOutputStream} wrote, from an array, without a stream per record or a buffer per
     * string. Reading past its end throws {@link EOFException}, as {@link DataInputStream} does.
     */
    private static final class StateInput {
        /** Holds any string {@code writeUTF} writes (at most 65,535 bytes and its length) several times over. */
        private static final int STREAM_BUFFER = 256 * 1024;

        private final byte[] bytes;
        private int end;
        private int position;
        /** Where a streaming input refills its buffer from, or {@code null} when the bytes are all there. */
        private final InputStream source;
        /** How many bytes the source has left to give. */
        private long unread;
        private final CRC32 crc;

        StateInput(byte[] bytes, int from, int to) {
            this(bytes, from, to, null, 0, null);
        }

        private StateInput(byte[] bytes, int from, int to, InputStream source, long unread, CRC32 crc) {
            this.bytes = bytes;
            this.position = from;
            this.end = to;
            this.source = source;
            this.unread = unread;
            this.crc = crc;
        }

        /**
         * @param length how many bytes to read from the source
         * @param crc updated with every byte read, in order
         */
        static StateInput streaming(InputStream source, long length, CRC32 crc) {
            return new StateInput(new byte[STREAM_BUFFER], 0, 0, source, length, crc);
        }

        static long longAt(byte[] bytes, int at) {
            return (long) intAt(bytes, at) << 32 | intAt(bytes, at + Integer.BYTES) & 0xFFFF_FFFFL;
        }

        private static int intAt(byte[] bytes, int at) {
            return bytes[at] << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | bytes[at + 3] & 0xFF;
        }

        int position() {
            return position;
        }

        /** @return the bytes left: in the buffer, and in the source of a streaming input */
        long remaining() {
            return end - position + unread;
        }

        void skip(int count) throws EOFException {
            require(count);
            position += count;
        }

        byte readByte() throws EOFException {
            require(1);
            return bytes[position++];
        }

        int readUnsignedByte() throws EOFException {
            return readByte() & 0xFF;
        }

        int readInt() throws EOFException {
            require(Integer.BYTES);
            int value = intAt(bytes, position);
            position += Integer.BYTES;
            return value;
        }

        long readLong() throws EOFException {
            require(Long.BYTES);
            long value = longAt(bytes, position);
            position += Long.BYTES;
            return value;
        }

        void readBytes(byte[] into, int count) throws EOFException {
            require(count);
            System.arraycopy(bytes, position, into, 0, count);
            position += count;
        }

        /** Reads a string in the modified UTF-8 of {@link DataOutputStream#writeUTF}. */
        String readUTF() throws IOException {
            require(2);
            int length = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
            require(2 + length);
            int from = position + 2;
            int to = from + length;
            String text;
            if (isAscii(from, to)) {
                text = new String(bytes, from, length, StandardCharsets.ISO_8859_1); // ASCII bytes are their chars
            } else {
                // NUL and characters beyond the BMP are encoded unlike UTF-8: the JDK's own reader decodes them
                text = new DataInputStream(new ByteArrayInputStream(bytes, position, 2 + length)).readUTF();
            }
            position = to;
            return text;
        }

        private boolean isAscii(int from, int to) {
            for (int i = from; i < to; i++) {
                if (bytes[i] < 0) {
                    return false;
                }
            }
            return true;
        }

        private void require(int count) throws EOFException {
            if (count > end - position && source != null) {
                refill(count);
            }
            if (count < 0 || count > end - position) {
                throw new EOFException();
            }
        }

        /** Moves the unread bytes to the front of the buffer and reads more behind them, at least {@code count} in all if there are. */
        private void refill(int count) throws EOFException {
            System.arraycopy(bytes, position, bytes, 0, end - position);
            end -= position;
            position = 0;
            try {
                while (end < count && unread > 0) {
                    int read = source.read(bytes, end, (int) Math.min(bytes.length - end, unread));
                    if (read < 0) {
                        throw new EOFException("the state file ended early");
                    }
                    crc.update(bytes, end, read);
                    end += read;
                    unread -= read;
                }
            } catch (EOFException e) {
                throw e;
            } catch (IOException e) {
                EOFException unreadable = new EOFException("the state file cannot be read: " + e.getMessage());
                unreadable.initCause(e);
                throw unreadable;
            }
        }
    }

    /** A byte array stream whose bytes are used in place, without the copy {@code toByteArray} makes. */
    private static final class RecordBuffer extends ByteArrayOutputStream {
        private ByteBuffer view;

        RecordBuffer() {
            super(256);
        }

        byte[] array() {
            return buf;
        }

        /** @return the bytes written since the last reset, valid until the next write */
        ByteBuffer view() {
            if (view == null || view.array() != buf) {
                view = ByteBuffer.wrap(buf); // only when the array has grown
            }
            return view.limit(count).position(0);
        }
    }

    /** The state on disk cannot be read as a whole; the run starts from nothing. */
    static final class CorruptStateException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptStateException(String message) {
            super(message);
        }
    }
}
