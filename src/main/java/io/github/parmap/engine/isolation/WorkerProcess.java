package io.github.parmap.engine.isolation;

import io.github.parmap.Item;
import io.github.parmap.ProcessorContext;
import io.github.parmap.engine.commit.WorkItem;
import io.github.parmap.engine.run.ItemRunner;
import io.github.parmap.engine.run.RunnerLostException;
import io.github.parmap.engine.support.PlainMessageException;
import io.github.parmap.engine.support.RunLog;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The build's side of one worker JVM: starts it and sends it items one at a time. The worker stages an
 * item's outputs in the worker's slot by the rule the build's own items follow, and names them when it is
 * done; the build then claims them (an output another item claimed fails the item, as with worker threads)
 * and commits them.
 *
 * <p>A worker that ends while it runs an item, however it ended, fails that item with a message saying how
 * (exit code or signal, its crash report, the last lines it wrote to stderr); an interrupt, as from the item
 * timeout, kills the worker and the processes it started.
 */
final class WorkerProcess implements ItemRunner {
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How long a worker told to close may take to exit before it is killed. */
    private static final long EXIT_WAIT_MILLIS = 10_000;
    private static final int STDERR_LINES_KEPT = 10;

    private volatile int workerIndex;
    private final Process process;
    private volatile RunLog log;
    private final Path crashReportDirectory;
    private final Deque<String> lastErrorLines = new ArrayDeque<>();
    private final Thread stdoutPump;
    private final Thread stderrPump;
    private SocketChannel channel;
    private DataInputStream in;
    private DataOutputStream out;

    private WorkerProcess(int workerIndex, Process process, RunLog log, Path crashReportDirectory) {
        this.workerIndex = workerIndex;
        this.process = process;
        this.log = log;
        this.crashReportDirectory = crashReportDirectory;
        this.stdoutPump = pump(process.getInputStream(), false);
        this.stderrPump = pump(process.getErrorStream(), true);
    }

    /**
     * Launches a worker JVM and waits until it has connected.
     *
     * @param command the whole command line, without the worker's own two arguments
     * @param socket where the worker connects; a path that does not exist yet
     * @throws IOException if the JVM cannot be started or ends before it connects; the message says how
     */
    static WorkerProcess launch(int workerIndex, List<String> command, Path socket, RunLog log, Path crashReportDirectory)
            throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            List<String> full = new ArrayList<>(command);
            full.add(socket.toString());
            full.add(Long.toString(ProcessHandle.current().pid()));
            Process process = new ProcessBuilder(full).start();
            WorkerProcesses.started(process);
            process.getOutputStream().close(); // a processor reading stdin sees its end, as under a build without a terminal
            WorkerProcess worker = new WorkerProcess(workerIndex, process, log, crashReportDirectory);
            try {
                worker.connect(server);
            } catch (IOException | RuntimeException e) {
                worker.kill();
                throw e;
            } finally {
                Files.deleteIfExists(socket);
            }
            return worker;
        }
    }

    private void connect(ServerSocketChannel server) throws IOException {
        server.configureBlocking(false);
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while ((channel = server.accept()) == null) {
            if (!process.isAlive()) {
                awaitPumps();
                throw new IOException(endedHow());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the worker JVM did not connect within " + TimeUnit.NANOSECONDS.toSeconds(START_TIMEOUT_NANOS) + " s");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClosedByInterruptException();
            }
        }
        channel.configureBlocking(true);
        in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
    }

    long pid() {
        return process.pid();
    }

    /**
     * Creates the processor in the worker.
     *
     * @return {@code null} once it is created, or what its creation failed with
     * @throws IOException if the worker ended or could not be reached; the message says how
     */
    RemoteFailure startProcessor(String processorClass, ProcessorContext context, String loggerName) throws IOException {
        try {
            out.writeByte(Wire.START);
            Wire.writeString(out, processorClass);
            out.writeInt(context.workerIndex());
            out.writeInt(context.workers());
            Wire.writeString(out, context.inputDirectory().toString());
            Wire.writeString(out, context.outputDirectory().toString());
            Wire.writeString(out, loggerName);
            out.writeInt(enabledLevels(context.logger()));
            Wire.writeMap(out, context.parameters());
            out.flush();
            while (true) {
                byte tag = in.readByte();
                if (tag == Wire.STARTED) {
                    return null;
                }
                if (tag == Wire.START_FAILED) {
                    RemoteFailure failure = RemoteFailure.read(in);
                    kill(); // it has nothing left to do; it exits by itself, but need not be waited for
                    return failure;
                }
                readLog(tag);
            }
        } catch (IOException e) {
            throw new IOException(lostHow(e), e);
        }
    }

    /** @param item the build's item: the worker's outputs are recorded in it as if the processor had asked it for them */
    @Override
    public void run(Item item) throws Exception {
        WorkItem staged = (WorkItem) item;
        try {
            out.writeByte(Wire.ITEM);
            Wire.writeString(out, item.path().toString());
            Wire.writeString(out, item.relativePath());
            Wire.writeString(out, staged.stagingDirectory().toString());
            out.flush();
            while (true) {
                byte tag = in.readByte();
                if (tag == Wire.ITEM_DONE) {
                    // The whole answer is read before anything can throw, such as a claim another item holds.
                    List<String> outputs = Wire.readList(in);
                    String skipReason = Wire.readString(in);
                    for (String output : outputs) {
                        staged.output(output); // claims it, and finds it where the worker staged it by the same rule
                    }
                    if (!skipReason.isEmpty()) {
                        staged.skip(skipReason); // what the worker staged is then discarded, as for an item run here
                    }
                    return;
                }
                if (tag == Wire.ITEM_FAILED) {
                    boolean unfit = in.readBoolean();
                    RemoteFailure failure = RemoteFailure.read(in);
                    if (unfit) {
                        kill();
                        throw new RunnerLostException(failure);
                    }
                    throw failure;
                }
                readLog(tag);
            }
        } catch (IOException e) {
            throw new RunnerLostException(new PlainMessageException(lostHow(e)));
        }
    }

    /** Passes on a log line, the one message a worker may send between a request and its answer. */
    private void readLog(byte tag) throws IOException {
        if (tag != Wire.LOG) {
            throw new IOException("the worker connection is out of step: message " + tag);
        }
        Level level = Level.values()[in.readInt()];
        String message = Wire.readString(in);
        Throwable thrown = in.readBoolean() ? RemoteFailure.read(in) : null;
        log.log(level, message, thrown);
    }

    /** Ends the worker's use: closes its processor and lets the JVM go. */
    @Override
    public void close() throws Exception {
        try {
            closeProcessor();
        } finally {
            release();
        }
    }

    /**
     * Closes the processor; the worker JVM stays, ready for another processor.
     *
     * @throws RemoteFailure what the processor's close threw
     * @throws IOException if the worker ended or could not be reached; it is killed
     */
    void closeProcessor() throws IOException {
        try {
            out.writeByte(Wire.CLOSE);
            out.flush();
            while (true) {
                byte tag = in.readByte();
                if (tag == Wire.CLOSED) {
                    return;
                }
                if (tag == Wire.CLOSE_FAILED) {
                    throw RemoteFailure.read(in);
                }
                readLog(tag);
            }
        } catch (IOException e) {
            String how = lostHow(e);
            kill();
            throw new IOException(how, e);
        }
    }

    /**
     * Lets the worker go: it exits as soon as its connection closes, and the run need not wait for its JVM
     * to wind down. One that has not exited a while later is killed, and the build's shutdown hook kills it
     * if the build ends first.
     */
    void release() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the worker sees its connection end either way
        }
        process.onExit().completeOnTimeout(process, EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS).thenRun(() -> {
            if (process.isAlive()) {
                WorkerProcesses.kill(process);
            }
            WorkerProcesses.ended(process);
        });
    }

    /** @return whether the worker JVM still runs, so that it can take another processor */
    boolean isAlive() {
        return process.isAlive() && channel.isOpen();
    }

    /** Hands the worker to another run: its output, from now on, goes to that run's log under that worker's number. */
    void adopt(int index, RunLog runLog) {
        this.workerIndex = index;
        this.log = runLog;
    }

    /** Ends the worker and every process it started, at once. */
    void kill() {
        WorkerProcesses.kill(process);
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing a socket of a killed process: nothing is left to lose
        }
        awaitPumps();
    }

    /** @return how the worker was lost, after an exchange with it failed */
    private String lostHow(IOException e) {
        if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
            kill(); // the item timed out or the build was stopped: the worker is killed, whatever it does
            return "the worker JVM was stopped";
        }
        try {
            if (!process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                kill();
                return "the connection to the worker JVM (pid " + process.pid() + ") broke (" + e.getMessage() + "); it was killed";
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            kill();
            return "the worker JVM was stopped";
        }
        awaitPumps();
        return endedHow();
    }

    /** @return how the ended worker ended, in words: exit code or signal, crash report, last lines on stderr */
    private String endedHow() {
        int code = process.exitValue();
        StringBuilder how = new StringBuilder("the worker JVM (pid ").append(process.pid()).append(") ");
        if (code > 128 && code < 128 + 32) {
            int signal = code - 128;
            how.append("was killed by signal ").append(signal).append(signalName(signal));
        } else {
            how.append("exited with code ").append(code);
            if (code == 0) {
                how.append(" (the processor may have called System.exit(0))");
            }
        }
        Path crashReport = crashReportDirectory.resolve("parmap-worker-hs_err_pid" + process.pid() + ".log");
        if (Files.isRegularFile(crashReport)) {
            how.append("; its crash report is ").append(crashReport);
        }
        synchronized (lastErrorLines) {
            if (!lastErrorLines.isEmpty()) {
                how.append("; its last lines on stderr: ").append(String.join(" | ", lastErrorLines));
            }
        }
        return how.toString();
    }

    private static String signalName(int signal) {
        switch (signal) {
            case 6:
                return " (SIGABRT: the JVM crashed, as in native code)";
            case 9:
                return " (SIGKILL: kill -9, or the system's out-of-memory killer)";
            case 11:
                return " (SIGSEGV: a crash in native code)";
            case 15:
                return " (SIGTERM)";
            default:
                return "";
        }
    }

    private static int enabledLevels(System.Logger logger) {
        int mask = 0;
        for (Level level : Level.values()) {
            if (level != Level.ALL && level != Level.OFF && logger.isLoggable(level)) {
                mask |= 1 << level.ordinal();
            }
        }
        return mask;
    }

    /** Shows each line the worker writes on stdout or stderr in the build's log, and keeps stderr's last few. */
    private Thread pump(InputStream stream, boolean stderr) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, Charset.defaultCharset()))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (stderr) {
                        synchronized (lastErrorLines) {
                            if (lastErrorLines.size() == STDERR_LINES_KEPT) {
                                lastErrorLines.removeFirst();
                            }
                            lastErrorLines.addLast(line);
                        }
                    }
                    log.log(stderr ? Level.WARNING : Level.INFO, "[worker " + workerIndex + (stderr ? " stderr] " : "] ") + line, null);
                }
            } catch (IOException closed) {
                // the worker ended
            }
        }, "parmap-worker-" + workerIndex + (stderr ? "-stderr" : "-stdout"));
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    /** Lets the pumps show what the worker wrote last, before its end is described. */
    private void awaitPumps() {
        try {
            stdoutPump.join(1000);
            stderrPump.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
