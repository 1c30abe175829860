package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.report.ItemFailure;
import io.github.parmap.engine.report.ProcessingResult;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionProcessorTest {

    @TempDir
    Path root;

    private Path input;
    private Path output;

    static final AtomicInteger CLOSED = new AtomicInteger();

    @BeforeEach
    void reset() throws Exception {
        input = Files.createDirectories(root.resolve("in"));
        output = root.resolve("out");
        CLOSED.set(0);
    }

    /** Upper-cases text; returns null, so writes nothing, for inputs that start with "#skip". */
    public static final class UpperCase implements Function<byte[], byte[]> {
        @Override
        public byte[] apply(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            return text.startsWith("#skip") ? null : text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Reverses the bytes, and wants to be closed. */
    public static final class ClosingReverse implements Function<byte[], byte[]>, AutoCloseable {
        @Override
        public byte[] apply(byte[] bytes) {
            byte[] reversed = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                reversed[i] = bytes[bytes.length - 1 - i];
            }
            return reversed;
        }

        @Override
        public void close() {
            CLOSED.incrementAndGet();
        }
    }

    /** Throws for every input. */
    public static final class Throwing implements Function<byte[], byte[]> {
        @Override
        public byte[] apply(byte[] bytes) {
            throw new IllegalStateException("cannot parse " + bytes.length + " bytes");
        }
    }

    @Test
    void writesTheReturnedBytesAtTheSameRelativePath() throws Exception {
        Trees.write(input, "a.txt", "hello");
        Trees.write(input, "sub/dir/b.md", "ünïcödé");

        ProcessingResult result = Runs.run(input, output, UpperCase.class, 2);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(List.of("a.txt", "sub/dir/b.md"), Trees.files(output));
        assertEquals("HELLO", Trees.read(output, "a.txt"));
        assertEquals("ÜNÏCÖDÉ", Trees.read(output, "sub/dir/b.md"));
    }

    @Test
    void returningNullWritesNothing() throws Exception {
        Trees.write(input, "a.txt", "kept");
        Trees.write(input, "b.txt", "#skip me");

        ProcessingResult result = Runs.run(input, output, UpperCase.class, 1);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(2, result.processed());
        assertEquals(1, result.outputsCommitted());
        assertEquals(List.of("a.txt"), Trees.entries(output));
    }

    @Test
    void functionThatReturnsNullForEveryFileSaysOnceThatNothingWasWrittenAndHow() throws Exception {
        Trees.write(input, "a.txt", "#skip a");
        Trees.write(input, "b.txt", "#skip b");
        RecordingLog log = new RecordingLog();

        ProcessingResult result = ParallelRun.execute(Runs.request(input, output, UpperCase.class).log(log).build());

        assertTrue(result.succeeded(), result::toString);
        assertEquals(List.of("UpperCase wrote no output for any of the 2 files processed: a function processor's output is the array"
                + " it returns; null means no output."),
                log.messages(Level.INFO).stream().filter(line -> line.contains("no output")).toList());
    }

    @Test
    void binaryContentPassesThroughUnchanged() throws Exception {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (255 - i);
        }
        Trees.write(input, "all-bytes.bin", bytes);

        ProcessingResult result = Runs.run(input, output, ClosingReverse.class, 1);

        assertTrue(result.succeeded(), result::toString);
        byte[] expected = new byte[256];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) i;
        }
        assertArrayEquals(expected, Files.readAllBytes(output.resolve("all-bytes.bin")));
    }

    @Test
    void functionThatIsAutoCloseableIsClosedOncePerInstance() throws Exception {
        for (int i = 0; i < 6; i++) {
            Trees.write(input, i + ".txt", "x" + i);
        }

        ProcessingResult result = Runs.run(input, output, ClosingReverse.class, 1);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(1, CLOSED.get());
    }

    @Test
    void functionThatThrowsFailsTheItem() throws Exception {
        Trees.write(input, "a.txt", "abc");

        ProcessingResult result = Runs.run(input, output, Throwing.class, 1);

        assertEquals(List.of("a.txt: IllegalStateException: cannot parse 3 bytes"),
                result.failures().stream().map(ItemFailure::describe).toList());
        assertEquals(List.of(), Trees.entries(output));
    }
}
