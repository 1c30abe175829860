package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import io.github.parmap.engine.processor.ProcessorDefinition;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.report.ProcessorFailure;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorLifecycleTest {

    @TempDir
    Path root;

    private Path input;
    private Path output;

    static final AtomicInteger CONSTRUCTED = new AtomicInteger();
    /** Close calls per instance, keyed by the instance's number. */
    static final Map<Integer, AtomicInteger> CLOSES = new ConcurrentHashMap<>();
    /** Instance numbers whose close ran on a different thread than their construction. */
    static final Set<Integer> CLOSED_ON_OTHER_THREAD = ConcurrentHashMap.newKeySet();
    static final List<ProcessorContext> CONTEXTS = new CopyOnWriteArrayList<>();
    static final Set<Integer> INSTANCES_THAT_PROCESSED = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void reset() throws IOException {
        input = Files.createDirectories(root.resolve("in"));
        output = root.resolve("out");
        CONSTRUCTED.set(0);
        CLOSES.clear();
        CLOSED_ON_OTHER_THREAD.clear();
        CONTEXTS.clear();
        INSTANCES_THAT_PROCESSED.clear();
    }

    private void writeInputs(int count) {
        for (int i = 0; i < count; i++) {
            Trees.write(input, String.format("f%02d.txt", i), i % 4 == 0 ? "fail" : "ok");
        }
    }

    /** Counts constructions and closes; fails items whose content is "fail". */
    public static final class Counted implements ItemProcessor {
        private final int number = CONSTRUCTED.incrementAndGet();
        private final Thread owner = Thread.currentThread();

        public Counted(ProcessorContext context) {
            CONTEXTS.add(context);
            CLOSES.put(number, new AtomicInteger());
        }

        @Override
        public void process(Item item) throws IOException {
            INSTANCES_THAT_PROCESSED.add(number);
            if (Files.readString(item.path()).equals("fail")) {
                throw new IOException("told to fail");
            }
            Files.writeString(item.output(), "ok");
        }

        @Override
        public void close() {
            CLOSES.get(number).incrementAndGet();
            if (Thread.currentThread() != owner) {
                CLOSED_ON_OTHER_THREAD.add(number);
            }
        }
    }

    /** Reads each file and writes nothing, as a validator does (or a processor that forgot {@code Item.output}). */
    public static final class WritesNothing implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            Files.readAllBytes(item.path());
        }
    }

    /** Has only a no-argument constructor. */
    public static final class NoArgument implements ItemProcessor {
        public NoArgument() {
            CONSTRUCTED.incrementAndGet();
        }

        @Override
        public void process(Item item) throws IOException {
            Files.writeString(item.output(), "no-arg");
        }
    }

    /** Cannot be created. */
    public static final class ExplodingConstructor implements ItemProcessor {
        public ExplodingConstructor(ProcessorContext context) {
            CONSTRUCTED.incrementAndGet();
            throw new IllegalStateException("license key missing");
        }

        @Override
        public void process(Item item) {
            throw new AssertionError("never called");
        }
    }

    /** Processes fine, fails to close. */
    public static final class ExplodingClose implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            Files.writeString(item.output(), "kept");
        }

        @Override
        public void close() throws IOException {
            throw new IOException("cannot flush the cache");
        }
    }

    /** Logs through the context's logger in every way a processor might. */
    public static final class Chatty implements ItemProcessor {
        private final Logger logger;

        public Chatty(ProcessorContext context) {
            this.logger = context.logger();
        }

        @Override
        public void process(Item item) {
            logger.log(Level.INFO, "resized {0} to {1} px", item.relativePath(), 256);
            logger.log(Level.WARNING, "plain warning, it''s kept as is");
            logger.log(Level.DEBUG, () -> "debug detail of " + item.relativePath());
            logger.log(Level.ERROR, "with a cause", new IOException("underlying"));
        }

        @Override
        public void close() {
            logger.log(Level.INFO, "closing");
        }
    }

    /** Logs a message with braces that are not MessageFormat placeholders, along with a parameter. */
    public static final class LogsJson implements ItemProcessor {
        private final Logger logger;

        public LogsJson(ProcessorContext context) {
            this.logger = context.logger();
        }

        @Override
        public void process(Item item) throws IOException {
            logger.log(Level.INFO, "wrote {\"file\": {0}}", item.relativePath());
            Files.writeString(item.output(), "done");
        }
    }

    @Test
    void oneInstancePerWorkerEachClosedOnceOnItsOwnThreadEvenWhenItemsFail() throws Exception {
        writeInputs(24);

        ProcessingResult result = Runs.run(input, output, Counted.class, 3);

        assertEquals(6, result.failures().size());
        assertTrue(CONSTRUCTED.get() >= 1 && CONSTRUCTED.get() <= 3, "instances: " + CONSTRUCTED.get());
        assertEquals(CONSTRUCTED.get(), CLOSES.size());
        CLOSES.forEach((instance, closes) -> assertEquals(1, closes.get(), "close calls of instance " + instance));
        assertEquals(Set.of(), CLOSED_ON_OTHER_THREAD);
        assertTrue(result.processorFailures().isEmpty(), result::toString);
    }

    @Test
    void processorThatWritesNoOutputForAnyFileSucceedsWithOneLineSayingHowOutputsAreMade() throws Exception {
        writeInputs(4);
        RecordingLog log = new RecordingLog();

        ProcessingResult result = ParallelRun.execute(Runs.request(input, output, WritesNothing.class).workers(2).log(log).build());

        assertTrue(result.succeeded(), result::toString);
        assertEquals(List.of("WritesNothing wrote no output for any of the 4 files processed: its outputs are the files it writes to"
                + " the paths Item.output(...) returns; a file written anywhere else is none."),
                log.messages(Level.INFO).stream().filter(line -> line.contains("no output")).toList());
    }

    @Test
    void oneWorkerMakesOneInstanceForAllItems() throws Exception {
        writeInputs(10);

        Runs.run(input, output, Counted.class, 1);

        assertEquals(1, CONSTRUCTED.get());
        assertEquals(1, CLOSES.get(1).get());
    }

    @Test
    void noInstanceIsCreatedWhenThereIsNothingToProcess() throws Exception {
        ProcessingResult result = Runs.run(input, output, Counted.class, 3);

        assertTrue(result.succeeded());
        assertEquals(0, CONSTRUCTED.get());
    }

    @Test
    void processorWithOnlyANoArgumentConstructorIsUsed() throws Exception {
        writeInputs(3);

        ProcessingResult result = Runs.run(input, output, NoArgument.class, 2);

        assertTrue(result.succeeded(), result::toString);
        assertEquals("no-arg", Trees.read(output, "f00.txt"));
    }

    @Test
    void constructorThatThrowsFailsTheRunNamingTheProcessorAndItsMessage() throws Exception {
        writeInputs(6);

        ProcessingResult result = ParallelRun.execute(
                ProcessingRequest.builder(input, output, ProcessorDefinition.of("com.example.Licensed", ExplodingConstructor.class))
                        .workers(3)
                        .build());

        assertFalse(result.succeeded());
        assertEquals(1, result.processorFailures().size(), "the same failure of several workers is reported once: " + result);
        ProcessorFailure failure = result.processorFailures().get(0);
        assertTrue(failure.message().contains("com.example.Licensed"), failure.message());
        assertTrue(failure.message().contains("license key missing"), failure.message());
        assertTrue(failure.cause() instanceof IllegalStateException, String.valueOf(failure.cause()));
        assertEquals(0, result.processed());
        assertEquals(6, result.notStarted());
        assertEquals(List.of(), Trees.files(output));
    }

    @Test
    void closeThatThrowsFailsTheRunButKeepsTheCommittedOutputs() throws Exception {
        writeInputs(4);

        ProcessingResult result = Runs.run(input, output, ExplodingClose.class, 2);

        assertFalse(result.succeeded());
        assertEquals(4, result.processed());
        assertTrue(result.failures().isEmpty());
        assertEquals(1, result.processorFailures().size(), result::toString);
        String message = result.processorFailures().get(0).message();
        assertTrue(message.contains("ExplodingClose"), message);
        assertTrue(message.contains("close"), message);
        assertTrue(message.contains("cannot flush the cache"), message);
        assertEquals(4, Trees.files(output).size());
    }

    @Test
    void contextGivesParametersWorkerIndexWorkersAndDirectories() throws Exception {
        writeInputs(12);
        Map<String, String> parameters = Map.of("width", "256", "format", "webp");

        ParallelRun.execute(Runs.request(input, output, Counted.class).workers(3).parameters(parameters).build());

        assertFalse(CONTEXTS.isEmpty());
        Set<Integer> indexes = CONTEXTS.stream().map(ProcessorContext::workerIndex).collect(Collectors.toSet());
        assertEquals(CONTEXTS.size(), indexes.size(), "each instance belongs to a different worker");
        assertTrue(Set.of(0, 1, 2).containsAll(indexes), "worker indexes: " + indexes);
        for (ProcessorContext context : CONTEXTS) {
            assertEquals(parameters, context.parameters());
            assertThrows(UnsupportedOperationException.class, () -> context.parameters().put("width", "1"));
            assertEquals(3, context.workers());
            assertEquals(input.toAbsolutePath(), context.inputDirectory());
            assertEquals(output.toAbsolutePath(), context.outputDirectory());
            assertNotNull(context.logger());
        }
    }

    @Test
    void contextParametersAreEmptyWhenNoneAreConfigured() throws Exception {
        writeInputs(1);

        ParallelRun.execute(Runs.request(input, output, Counted.class).parameters(null).build());

        assertEquals(Map.of(), CONTEXTS.get(0).parameters());
    }

    @Test
    void contextLoggerMessagesReachTheRunLog() throws Exception {
        Trees.write(input, "img/a.png", "x");
        RecordingLog log = new RecordingLog(Level.INFO);

        ProcessingResult result = ParallelRun.execute(Runs.request(input, output, Chatty.class).log(log).build());

        assertTrue(result.succeeded(), result::toString);
        List<String> info = log.messages(Level.INFO);
        assertTrue(info.contains("resized img/a.png to 256 px"), info::toString);
        assertTrue(info.contains("closing"), info::toString);
        assertEquals(List.of("plain warning, it''s kept as is"), log.messages(Level.WARNING));
        assertEquals(List.of(), log.messages(Level.DEBUG), "DEBUG is off in this log");
        RecordingLog.Entry error = log.entries().stream().filter(e -> e.level() == Level.ERROR).findFirst().orElseThrow();
        assertEquals("with a cause", error.message());
        assertEquals("underlying", error.thrown().getMessage());
    }

    @Test
    void contextLoggerPassesDebugWhenTheRunLogShowsIt() throws Exception {
        Trees.write(input, "a.txt", "x");
        RecordingLog log = new RecordingLog(Level.DEBUG);

        ParallelRun.execute(Runs.request(input, output, Chatty.class).log(log).build());

        assertEquals(List.of("debug detail of a.txt"), log.messages(Level.DEBUG));
    }

    @Test
    void contextLoggerIsNamedAfterTheProcessorClass() throws Exception {
        writeInputs(1);

        Runs.run(input, output, Counted.class, 1);

        assertEquals(Counted.class.getName(), CONTEXTS.get(0).logger().getName());
    }

    @Test
    void loggingAMessageThatIsNoValidPatternDoesNotFailTheItem() throws Exception {
        Trees.write(input, "a.txt", "x");
        RecordingLog log = new RecordingLog(Level.INFO);

        ProcessingResult result = ParallelRun.execute(Runs.request(input, output, LogsJson.class).log(log).build());

        assertTrue(result.succeeded(), result::toString);
        assertEquals("done", Trees.read(output, "a.txt"));
        assertTrue(log.messages(Level.INFO).contains("wrote {\"file\": {0}}"), log.messages(Level.INFO)::toString);
    }
}
