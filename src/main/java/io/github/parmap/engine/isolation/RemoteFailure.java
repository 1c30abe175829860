package io.github.parmap.engine.isolation;

import io.github.parmap.engine.support.Failures;
import io.github.parmap.engine.support.PlainMessageException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What a processor threw in a worker JVM, rebuilt in the build's JVM: its message is the text the worker
 * made of the exception, exactly as a processor in the build's JVM would be described, and its stack trace
 * and causes are the worker's, so that {@code mvn -e} shows where the processor failed.
 */
final class RemoteFailure extends PlainMessageException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_CAUSES = 8;

    private final String typeName;

    private RemoteFailure(String description, String typeName) {
        super(description);
        this.typeName = typeName;
    }

    /** @return the class name of the exception the worker caught, such as {@code java.lang.IllegalStateException} */
    String typeName() {
        return typeName;
    }

    @Override
    public String toString() {
        return typeName + ": " + getMessage();
    }

    /** Writes what the worker caught, with the text shown to users. */
    static void write(DataOutputStream out, Throwable thrown, String description) throws IOException {
        Wire.writeString(out, description);
        int causes = 0;
        for (Throwable t = thrown; t != null && causes < MAX_CAUSES; t = t.getCause() == t ? null : t.getCause()) {
            causes++;
        }
        out.writeInt(causes);
        Throwable t = thrown;
        for (int i = 0; i < causes; i++, t = t.getCause()) {
            Wire.writeString(out, t.getClass().getName());
            Wire.writeString(out, i == 0 ? description : Failures.describe(t));
            StackTraceElement[] frames = t.getStackTrace();
            out.writeInt(frames.length);
            for (StackTraceElement frame : frames) {
                Wire.writeString(out, frame.getClassName());
                Wire.writeString(out, frame.getMethodName());
                Wire.writeString(out, frame.getFileName() == null ? "" : frame.getFileName());
                out.writeInt(frame.getLineNumber());
            }
        }
    }

    static RemoteFailure read(DataInputStream in) throws IOException {
        String description = Wire.readString(in);
        int causes = in.readInt();
        RemoteFailure top = null;
        RemoteFailure last = null;
        for (int i = 0; i < causes; i++) {
            String typeName = Wire.readString(in);
            RemoteFailure failure = new RemoteFailure(Wire.readString(in), typeName);
            StackTraceElement[] frames = new StackTraceElement[in.readInt()];
            for (int f = 0; f < frames.length; f++) {
                String className = Wire.readString(in);
                String method = Wire.readString(in);
                String file = Wire.readString(in);
                frames[f] = new StackTraceElement(className, method, file.isEmpty() ? null : file, in.readInt());
            }
            failure.setStackTrace(frames);
            if (top == null) {
                top = failure;
            } else {
                last.initCause(failure);
            }
            last = failure;
        }
        if (top == null) {
            return new RemoteFailure(description, RemoteFailure.class.getName());
        }
        return top;
    }
}
