package io.github.parmap.engine.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.builtin.CopyProcessor;
import io.github.parmap.engine.builtin.GzipProcessor;
import io.github.parmap.engine.support.InvalidConfigurationException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessorResolverTest {

    private static final ClassLoader LOADER = ProcessorResolverTest.class.getClassLoader();

    /** A usable processor, found by its binary name. */
    public static final class Usable implements ItemProcessor {
        @Override
        public void process(Item item) {}
    }

    /** A usable function processor. */
    public static final class BytesFunction implements Function<byte[], byte[]> {
        @Override
        public byte[] apply(byte[] bytes) {
            return bytes;
        }
    }

    /** Implements neither processor interface. */
    public static final class Unrelated implements Runnable {
        @Override
        public void run() {}
    }

    /** Cannot be instantiated. */
    public abstract static class AbstractProcessor implements ItemProcessor {}

    /** Cannot be instantiated either. */
    public interface ProcessorInterface extends ItemProcessor {}

    /** Has a public constructor, but not one parmap can call. */
    public static final class WrongConstructor implements ItemProcessor {
        public WrongConstructor(String unexpected) {}

        @Override
        public void process(Item item) {}
    }

    /** Has only a private constructor. */
    public static final class PrivateConstructor implements ItemProcessor {
        private PrivateConstructor() {}

        @Override
        public void process(Item item) {}
    }

    /** A function of the wrong types. */
    public static final class StringFunction implements Function<String, String> {
        @Override
        public String apply(String text) {
            return text;
        }
    }

    /** Not public. */
    static final class PackagePrivate implements ItemProcessor {
        @Override
        public void process(Item item) {}
    }

    /** An inner class needs an enclosing instance. */
    public final class Inner implements ItemProcessor {
        @Override
        public void process(Item item) {}
    }

    /** A generic function base, as a family of processors might share. */
    public abstract static class SameTypeTransform<T> implements Function<T, T> {}

    /** A byte function through a generic base class. */
    public static final class BytesThroughGenericBase extends SameTypeTransform<byte[]> {
        @Override
        public byte[] apply(byte[] bytes) {
            return bytes;
        }
    }

    /** A byte function through an interface that extends Function. */
    public interface BytesTransform extends Function<byte[], byte[]> {}

    /** Implements Function<byte[], byte[]> through {@link BytesTransform}. */
    public static final class BytesThroughInterface implements BytesTransform {
        @Override
        public byte[] apply(byte[] bytes) {
            return bytes;
        }
    }

    @ParameterizedTest(name = "built-in ''{0}''")
    @CsvSource({"copy, io.github.parmap.engine.builtin.CopyProcessor", "gzip, io.github.parmap.engine.builtin.GzipProcessor"})
    void builtinsResolveByShortName(String name, String className) throws Exception {
        ProcessorDefinition definition = ProcessorResolver.resolve(name, LOADER);

        assertEquals(name, definition.name());
        assertEquals(className, definition.type().getName());
    }

    @Test
    void builtinNameMayCarrySurroundingWhitespace() throws Exception {
        assertSame(GzipProcessor.class, ProcessorResolver.resolve("  gzip\n", LOADER).type());
        assertSame(CopyProcessor.class, ProcessorResolver.resolve("copy ", LOADER).type());
    }

    @Test
    void classResolvesByItsFullyQualifiedName() throws Exception {
        ProcessorDefinition definition = ProcessorResolver.resolve(Usable.class.getName(), LOADER);

        assertSame(Usable.class, definition.type());
        assertEquals(Usable.class.getName(), definition.name());
    }

    @Test
    void functionOfBytesResolvesAsAProcessor() throws Exception {
        assertSame(BytesFunction.class, ProcessorResolver.resolve(BytesFunction.class.getName(), LOADER).type());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {BytesThroughGenericBase.class, BytesThroughInterface.class})
    void functionOfBytesDeclaredIndirectlyResolvesAsAProcessor(Class<?> type) throws Exception {
        assertSame(type, ProcessorResolver.resolve(type.getName(), LOADER).type());
    }

    @Test
    void unknownClassIsNotFound() {
        ProcessorLoadException.NotFound e = assertThrows(ProcessorLoadException.NotFound.class,
                () -> ProcessorResolver.resolve("com.example.DoesNotExist", LOADER));

        assertEquals("com.example.DoesNotExist", e.processorName());
        assertTrue(e.getMessage().contains("com.example.DoesNotExist"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} is rejected: {1}")
    @CsvSource(delimiter = '|', value = {
        "Unrelated          | implements neither io.github.parmap.ItemProcessor nor java.util.function.Function<byte[], byte[]>",
        "AbstractProcessor  | it is abstract",
        "ProcessorInterface | it is an interface",
        "WrongConstructor   | no public constructor taking a io.github.parmap.ProcessorContext, and no public no-argument constructor",
        "PrivateConstructor | no public constructor",
        "StringFunction     | Function<java.lang.String, java.lang.String>, but a function processor must implement java.util.function.Function<byte[], byte[]>",
        "PackagePrivate     | public top-level or public static nested class",
        "Inner              | public top-level or public static nested class",
    })
    void classThatCannotServeAsAProcessorIsRejectedWithTheReason(String simpleName, String reason) {
        String className = ProcessorResolverTest.class.getName() + "$" + simpleName;

        ProcessorLoadException.NotAProcessor e = assertThrows(ProcessorLoadException.NotAProcessor.class,
                () -> ProcessorResolver.resolve(className, LOADER));

        assertEquals(className, e.processorName());
        assertTrue(e.getMessage().startsWith("class " + className + " cannot be used as a processor: "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void jdkClassThatIsNoProcessorIsRejected() {
        assertThrows(ProcessorLoadException.NotAProcessor.class, () -> ProcessorResolver.resolve("java.lang.String", LOADER));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "com..Foo", "my processor", "com.example.", ".Foo", "com.example.class", "com/example/Foo", "1com.Foo",
        "com.example.Foo;", "gzp", "Copy", "Thumbnailer"})
    void blankOrMalformedNameIsAConfigurationErrorNamingProcessor(String name) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> ProcessorResolver.resolve(name, LOADER));

        assertEquals("processor", e.parameter());
        assertTrue(e.getMessage().startsWith("<processor> must be"), e.getMessage());
        assertTrue(e.getMessage().contains("(brotli, checksum, copy, exec, gzip, precompress, resize-image, zstd)"),
                () -> "the message should list the built-ins: " + e.getMessage());
    }

    @Test
    void definitionOfChecksTheClassDirectly() throws Exception {
        assertEquals("short", ProcessorDefinition.of("short", Usable.class).name());
        ProcessorLoadException e = assertThrows(ProcessorLoadException.NotAProcessor.class,
                () -> ProcessorDefinition.of("named", Unrelated.class));
        assertEquals("named", e.processorName());
    }
}
