package io.github.parmap.engine.isolation;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages between the build's JVM and a worker JVM, over one local socket: a tag byte, then the
 * message's fields. Strings are length-prefixed UTF-8, so no size limit applies as with {@code writeUTF}.
 * The build writes a request and reads until its answer; in between, the worker may send log lines. One
 * item is one round trip: the worker stages outputs by the same rule as the build's own items, and names
 * them in its answer.
 */
final class Wire {
    private Wire() {}

    // Build to worker.
    /** Processor name, worker index, worker count, input and output directory, logger name, enabled levels, parameters. */
    static final byte START = 1;
    /** Input path, relative path and staging directory of the next item. */
    static final byte ITEM = 2;
    /** Close the processor and exit. */
    static final byte CLOSE = 5;

    // Worker to build.
    static final byte STARTED = 11;
    /** The processor could not be created: a {@link RemoteFailure}. */
    static final byte START_FAILED = 12;
    /** Level, message, and whether a {@link RemoteFailure} follows. */
    static final byte LOG = 14;
    /**
     * The item's requested outputs, in order, staged for the build to claim and commit; then why the
     * processor skipped the item, or an empty string.
     */
    static final byte ITEM_DONE = 15;
    /** Whether the worker is unfit to go on, and what the processor threw: a {@link RemoteFailure}. */
    static final byte ITEM_FAILED = 16;
    static final byte CLOSED = 17;
    /** The processor's close threw: a {@link RemoteFailure}. */
    static final byte CLOSE_FAILED = 18;

    static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("the worker connection is out of step: a string of length " + length);
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    static void writeList(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String value : list) {
            writeString(out, value);
        }
    }

    static List<String> readList(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<String> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(readString(in));
        }
        return list;
    }

    static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
    }

    static Map<String, String> readMap(DataInputStream in) throws IOException {
        int size = in.readInt();
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }
}
