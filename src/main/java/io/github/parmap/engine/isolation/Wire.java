package io.github.parmap.engine.isolation;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages between the build's JVM and a worker JVM, over one local socket: a tag byte, then the
 * message's fields. Strings are length-prefixed UTF-8, so no size limit applies as with {@code writeUTF}.
 * The build writes a request and reads until its answer; in between, the worker may send log lines and
 * ask for output paths, which the build answers at once.
 */
final class Wire {
    private Wire() {}

    // Build to worker.
    /** Processor name, worker index, worker count, input and output directory, logger name, enabled levels, parameters. */
    static final byte START = 1;
    /** Input path and relative path of the next item. */
    static final byte ITEM = 2;
    /** The staged path of a requested output. */
    static final byte OUTPUT_PATH = 3;
    /** A requested output path the build refused: the exception's kind and message. */
    static final byte OUTPUT_REFUSED = 4;
    /** Close the processor and exit. */
    static final byte CLOSE = 5;

    // Worker to build.
    static final byte STARTED = 11;
    /** The processor could not be created: a {@link RemoteFailure}. */
    static final byte START_FAILED = 12;
    /** The item's relative output path the processor asked for. */
    static final byte OUTPUT = 13;
    /** Level, message and the text of a throwable, or empty. */
    static final byte LOG = 14;
    static final byte ITEM_DONE = 15;
    /** The processor threw: a {@link RemoteFailure}. */
    static final byte ITEM_FAILED = 16;
    static final byte CLOSED = 17;
    /** The processor's close threw: a {@link RemoteFailure}. */
    static final byte CLOSE_FAILED = 18;

    /** The kinds of refusal an output request can meet, thrown again in the worker as the same exception type. */
    static final byte REFUSED_ARGUMENT = 1;
    static final byte REFUSED_STATE = 2;
    static final byte REFUSED_IO = 3;

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
