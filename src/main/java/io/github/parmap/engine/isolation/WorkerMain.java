package io.github.parmap.engine.isolation;

import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import io.github.parmap.engine.commit.OutputClaims;
import io.github.parmap.engine.commit.StagingSlot;
import io.github.parmap.engine.commit.WorkItem;
import io.github.parmap.engine.processor.ProcessorCreationException;
import io.github.parmap.engine.processor.ProcessorDefinition;
import io.github.parmap.engine.processor.ProcessorResolver;
import io.github.parmap.engine.run.RunLogLogger;
import io.github.parmap.engine.run.WorkerContext;
import io.github.parmap.engine.support.Failures;
import io.github.parmap.engine.support.RunLog;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * The main class of a worker JVM: connects to the build's JVM, creates the processor there, and runs the
 * items it is sent until told to close. Outputs are staged in the worker's slot of the build's staging area
 * and committed by the build, never here. The worker ends itself when the build's JVM is gone, however it ended.
 *
 * <p>Arguments: the socket to connect to, and the process id of the build's JVM.
 */
public final class WorkerMain {
    /** How often the worker looks whether the build's JVM still runs. */
    private static final long PARENT_POLL_MILLIS = 250;
    /** The exit code of a worker whose build is gone. */
    static final int EXIT_ORPHANED = 72;
    /** The exit code of a worker the build let go. */
    static final int EXIT_DONE = 0;

    private final DataInputStream in;
    private final DataOutputStream out;
    /** Held for a whole message to the build: a log line from another thread must not cut into it. */
    private final Object wire = new Object();
    private StagingSlot slot;
    private Path slotDirectory;

    private WorkerMain(SocketChannel channel) {
        this.in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: " + WorkerMain.class.getName() + " SOCKET BUILD_PID (started by parmap's process isolation)");
            System.exit(2);
        }
        watchParent(Long.parseLong(args[1]));
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
        try {
            new WorkerMain(channel).serve();
        } catch (EOFException | java.nio.channels.ClosedChannelException buildDone) {
            // the build closed the connection: it needs this worker no more, or it is gone
        }
        end(EXIT_DONE);
    }

    /**
     * Serves one processor after another, as long as the build wants: a build may hand an idle worker to its
     * next execution with the same class path and JVM options. Ends when the build closes the connection.
     */
    private void serve() throws IOException {
        while (true) {
            byte tag = in.readByte();
            if (tag != Wire.START) {
                throw new IOException("unexpected message " + tag + " from the build, where a processor was to start");
            }
            serveOneProcessor();
        }
    }

    /** Creates a processor and runs the items it is sent, until the build closes it. */
    private void serveOneProcessor() throws IOException {
        String processorName = Wire.readString(in);
        int workerIndex = in.readInt();
        int workers = in.readInt();
        Path inputDirectory = Path.of(Wire.readString(in));
        Path outputDirectory = Path.of(Wire.readString(in));
        String loggerName = Wire.readString(in);
        int enabledLevels = in.readInt();
        Map<String, String> parameters = Map.copyOf(Wire.readMap(in));
        ProcessorContext context = new WorkerContext(parameters, workerIndex, workers, inputDirectory, outputDirectory,
                new RunLogLogger(loggerName, new WireLog(enabledLevels)));
        ItemProcessor processor = start(processorName, context);
        if (processor == null) {
            return;
        }
        while (true) {
            byte tag = in.readByte();
            if (tag == Wire.ITEM) {
                Path path = Path.of(Wire.readString(in));
                String relativePath = Wire.readString(in);
                runItem(processor, new WorkItem(path, relativePath, outputDirectory, slot(Path.of(Wire.readString(in))), new OutputClaims()));
            } else if (tag == Wire.CLOSE) {
                close(processor);
                return;
            } else {
                throw new IOException("unexpected message " + tag + " from the build");
            }
        }
    }

    private ItemProcessor start(String processorName, ProcessorContext context) throws IOException {
        try {
            ProcessorDefinition definition = ProcessorResolver.resolve(processorName, WorkerMain.class.getClassLoader());
            ItemProcessor processor = definition.create(context);
            send(Wire.STARTED);
            return processor;
        } catch (ProcessorCreationException e) {
            fail(Wire.START_FAILED, e.getCause());
        } catch (Exception | LinkageError e) {
            fail(Wire.START_FAILED, e);
        }
        return null;
    }

    /** The worker's staging slot: the same directory for every item, made by the build. */
    private StagingSlot slot(Path directory) {
        if (slot == null || !slotDirectory.equals(directory)) {
            slot = StagingSlot.existing(directory);
            slotDirectory = directory;
        }
        return slot;
    }

    /**
     * Runs one item. Its outputs are staged as the build stages them, under a claim of this item alone: the
     * build claims them against every other item when it records them.
     */
    private void runItem(ItemProcessor processor, WorkItem item) throws IOException {
        try {
            processor.process(item);
            if (item.rejectedOutput() != null) {
                throw item.rejectedOutput(); // a refused output path fails the item even if the processor caught it
            }
        } catch (Throwable thrown) {
            // The build never learns a failed item's outputs, so this JVM removes them, as a worker thread
            // would: left in the slot, a file of the same name would be in the way of a later item.
            try {
                item.discard();
            } catch (IOException | RuntimeException notRemoved) {
                thrown.addSuppressed(notRemoved);
            }
            synchronized (wire) {
                out.writeByte(Wire.ITEM_FAILED);
                out.writeBoolean(Failures.isFatal(thrown)); // this JVM may be unfit to go on: the build replaces it
                RemoteFailure.write(out, thrown, describe(thrown));
                out.flush();
            }
            if (Failures.isFatal(thrown)) {
                System.exit(1);
            }
            return;
        }
        synchronized (wire) {
            out.writeByte(Wire.ITEM_DONE);
            Wire.writeList(out, item.requestedOutputs());
            Wire.writeString(out, item.skipReason() == null ? "" : item.skipReason());
            out.flush();
        }
    }

    private void close(ItemProcessor processor) throws IOException {
        try {
            processor.close();
        } catch (Throwable thrown) {
            fail(Wire.CLOSE_FAILED, thrown);
            return;
        }
        send(Wire.CLOSED);
    }

    /** As the build's JVM describes a failure, but a worker's memory is set by {@code workerArgLine}, not the build's. */
    private static String describe(Throwable thrown) {
        if (thrown instanceof OutOfMemoryError) {
            return "OutOfMemoryError: " + thrown.getMessage() + " in a worker JVM with a max heap of "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB (give workers more with <workerArgLine>-Xmx2g</workerArgLine>)";
        }
        return Failures.describe(thrown);
    }

    private void send(byte tag) throws IOException {
        synchronized (wire) {
            out.writeByte(tag);
            out.flush();
        }
    }

    private void fail(byte tag, Throwable thrown) throws IOException {
        synchronized (wire) {
            out.writeByte(tag);
            RemoteFailure.write(out, thrown, Failures.describe(thrown));
            out.flush();
        }
    }

    /** Ends this worker, and what it started, soon after the build's JVM has gone, even if it was killed. */
    private static void watchParent(long buildPid) {
        Thread watch = new Thread(() -> {
            ProcessHandle build = ProcessHandle.of(buildPid).orElse(null);
            while (build != null && build.isAlive()) {
                try {
                    Thread.sleep(PARENT_POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            end(EXIT_ORPHANED);
        }, "parmap-build-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** Ends this JVM at once, and every process it started and left running; its processor is closed or past help. */
    private static void end(int status) {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().halt(status);
    }

    /** Where the processor's logger writes: each message goes to the build's log whole, with its exception. */
    private final class WireLog implements RunLog {
        private final int enabledLevels;

        WireLog(int enabledLevels) {
            this.enabledLevels = enabledLevels;
        }

        @Override
        public boolean isEnabled(System.Logger.Level level) {
            return (enabledLevels & (1 << level.ordinal())) != 0;
        }

        @Override
        public void log(System.Logger.Level level, String message, Throwable thrown) {
            try {
                synchronized (wire) {
                    out.writeByte(Wire.LOG);
                    out.writeInt(level.ordinal());
                    Wire.writeString(out, message);
                    out.writeBoolean(thrown != null);
                    if (thrown != null) {
                        RemoteFailure.write(out, thrown, Failures.describe(thrown));
                    }
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
