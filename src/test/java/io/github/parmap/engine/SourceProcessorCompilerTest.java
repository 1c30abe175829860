package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.processor.CompiledProcessor;
import io.github.parmap.engine.processor.ProcessorCompilationException;
import io.github.parmap.engine.processor.ProcessorDefinition;
import io.github.parmap.engine.processor.ProcessorSource;
import io.github.parmap.engine.processor.SourceProcessorCompiler;
import io.github.parmap.engine.report.ProcessingResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.lang.model.SourceVersion;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processor written as one {@code .java} file: compiled in memory against the API and its libraries, run like
 * any processor, its compile errors reported as javac prints them, and its classes cached so that an unchanged
 * source is not compiled again.
 */
class SourceProcessorCompilerTest {
    private static final String SHOUT = """
            import io.github.parmap.Item;
            import io.github.parmap.ItemProcessor;
            import java.io.IOException;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.Files;
            import java.util.Locale;

            public class Shout implements ItemProcessor {
                @Override
                public void process(Item item) throws IOException {
                    String text = Files.readString(item.path(), StandardCharsets.UTF_8);
                    Files.writeString(item.output(), text.toUpperCase(Locale.ROOT) + "!", StandardCharsets.UTF_8);
                }
            }
            """;

    @TempDir
    Path project;

    private final CountingCompiler javac = new CountingCompiler(ToolProvider.getSystemJavaCompiler());
    private final SourceProcessorCompiler compiler = new SourceProcessorCompiler(javac);

    @Test
    void compiledProcessorRunsOverEveryFile() throws Exception {
        Path file = Trees.write(project, "src/build/java/Shout.java", SHOUT);

        try (CompiledProcessor compiled = compiler.compile(source(file).build())) {
            assertEquals("Shout", compiled.className());
            assertFalse(compiled.fromCache());
            assertSame(ItemProcessor.class, compiled.processorClass().getInterfaces()[0], "the API is the engine's own, not a copy");
            assertEquals(List.of(), compiled.warnings());

            ProcessingResult result = run(compiled, Map.of("a.txt", "hello", "sub/b.txt", "world"));

            assertTrue(result.succeeded(), () -> result.failures().toString());
            assertEquals("HELLO!", Trees.read(project.resolve("out"), "a.txt"));
            assertEquals("WORLD!", Trees.read(project.resolve("out"), "sub/b.txt"));
        }
    }

    @Test
    void packageDeclarationNestedInnerAndLocalClassesAllWork() throws Exception {
        Path file = Trees.write(project, "src/build/java/Rot13.java", """
                package com.example.build;

                import java.nio.charset.StandardCharsets;
                import java.util.function.Function;
                import java.util.function.IntUnaryOperator;

                /** A function processor spread over nested, inner, anonymous and second top-level classes. */
                public class Rot13 implements Function<byte[], byte[]> {
                    private final Rotation rotation = new Rotation(13);

                    @Override
                    public byte[] apply(byte[] input) {
                        Counter counter = new Counter();
                        IntUnaryOperator rotate = new IntUnaryOperator() {
                            @Override
                            public int applyAsInt(int c) {
                                return rotation.apply(c);
                            }
                        };
                        StringBuilder out = new StringBuilder();
                        new String(input, StandardCharsets.UTF_8).chars().map(rotate).peek(c -> counter.count()).forEach(c -> out.append((char) c));
                        return (out + " " + counter.seen + " " + Suffix.TEXT).getBytes(StandardCharsets.UTF_8);
                    }

                    static final class Rotation {
                        private final int by;

                        Rotation(int by) {
                            this.by = by;
                        }

                        int apply(int c) {
                            if (c >= 'a' && c <= 'z') {
                                return 'a' + (c - 'a' + by) % 26;
                            }
                            return c;
                        }
                    }

                    final class Counter {
                        int seen;

                        void count() {
                            seen++;
                        }
                    }
                }

                final class Suffix {
                    static final String TEXT = "chars";
                }
                """);

        try (CompiledProcessor compiled = compiler.compile(source(file).build())) {
            assertEquals("com.example.build.Rot13", compiled.className());

            ProcessingResult result = run(compiled, Map.of("word.txt", "uryyb"));

            assertTrue(result.succeeded(), () -> result.failures().toString());
            assertEquals("hello 5 chars", Trees.read(project.resolve("out"), "word.txt"));
        }
    }

    @Test
    void compileErrorListsJavacMessagesWithTheFileAndLine() throws Exception {
        Path file = Trees.write(project, "src/build/java/Broken.java", """
                import io.github.parmap.Item;
                import io.github.parmap.ItemProcessor;

                public class Broken implements ItemProcessor {
                    private final Strin name = "x";

                    @Override
                    public void process(Item item) {
                        int count = "not a number";
                    }
                }
                """);

        ProcessorCompilationException e = assertThrows(ProcessorCompilationException.class,
                () -> compiler.compile(source(file).displayPath("src/build/java/Broken.java").build()));

        List<String> lines = e.getMessage().lines().toList();
        assertAll(
                () -> assertEquals("src/build/java/Broken.java does not compile:", lines.get(0)),
                () -> assertEquals("src/build/java/Broken.java:5: error: cannot find symbol", lines.get(1)),
                () -> assertEquals("    private final Strin name = \"x\";", lines.get(2)),
                () -> assertEquals(" ".repeat(18) + "^", lines.get(3), "the caret points at the unknown name"),
                () -> assertEquals("  symbol:   class Strin", lines.get(4)),
                () -> assertEquals("  location: class Broken", lines.get(5)),
                () -> assertEquals("src/build/java/Broken.java:9: error: incompatible types: String cannot be converted to int", lines.get(6)),
                () -> assertEquals("2 errors", lines.get(lines.size() - 1)),
                () -> assertEquals(2, e.diagnostics().size()),
                () -> assertTrue(e.diagnostics().get(1).startsWith("src/build/java/Broken.java:9: error: "), e.diagnostics().get(1)),
                () -> assertEquals("src/build/java/Broken.java", e.file()));
        assertFalse(Files.exists(project.resolve("cache")), "nothing is cached from a failed compilation");
    }

    @Test
    void warningsComeBackFormattedLikeJavacsAndDoNotFailTheCompilation() throws Exception {
        Path file = Trees.write(project, "src/build/java/Old.java", """
                import java.util.function.Function;

                public class Old implements Function<byte[], byte[]> {
                    @Override
                    public byte[] apply(byte[] input) {
                        return new Integer(input.length).toString().getBytes();
                    }
                }
                """);

        try (CompiledProcessor compiled = compiler.compile(source(file).displayPath("Old.java").build())) {
            assertEquals(1, compiled.warnings().size(), compiled.warnings()::toString);
            assertTrue(compiled.warnings().get(0).startsWith("Old.java:6: warning: [removal] Integer(int) in Integer has been deprecated"),
                    compiled.warnings().get(0));
        }
    }

    @Test
    void unchangedSourceIsLoadedFromTheCacheWithoutCompiling() throws Exception {
        Path file = Trees.write(project, "src/build/java/Shout.java", SHOUT);
        ProcessorSource source = source(file).cacheDirectory(project.resolve("cache")).build();

        try (CompiledProcessor first = compiler.compile(source)) {
            assertFalse(first.fromCache());
        }
        try (CompiledProcessor second = compiler.compile(source)) {
            assertTrue(second.fromCache());
            assertEquals(1, javac.tasks.get(), "the compiler ran once");
            assertTrue(run(second, Map.of("a.txt", "cached")).succeeded());
            assertEquals("CACHED!", Trees.read(project.resolve("out"), "a.txt"));
        }
        List<String> cached = Trees.files(project.resolve("cache"));
        assertEquals(2, cached.size(), cached::toString);
        assertTrue(cached.get(0).matches("[0-9a-f]{64}/Shout\\.class"), cached::toString);
        assertTrue(cached.get(1).matches("[0-9a-f]{64}/" + SourceProcessorCompiler.CACHE_INDEX), cached::toString);
    }

    @Test
    void cachedClassesNeedNoCompiler() throws Exception {
        Path file = Trees.write(project, "src/build/java/Shout.java", SHOUT);
        ProcessorSource source = source(file).cacheDirectory(project.resolve("cache")).build();
        compiler.compile(source).close();

        try (CompiledProcessor compiled = new SourceProcessorCompiler(null).compile(source)) {
            assertTrue(compiled.fromCache());
            assertEquals("Shout", compiled.className());
        }
    }

    @Test
    void changedSourceIsCompiledAgainAndReplacesTheOldClassesInTheCache() throws Exception {
        Path file = Trees.write(project, "src/build/java/Shout.java", SHOUT);
        ProcessorSource source = source(file).cacheDirectory(project.resolve("cache")).build();
        String firstDigest;
        try (CompiledProcessor first = compiler.compile(source)) {
            firstDigest = first.sourceDigest();
        }
        List<String> before = Trees.files(project.resolve("cache"));

        Files.writeString(file, SHOUT.replace("\"!\"", "\"?\""));
        try (CompiledProcessor second = compiler.compile(source)) {
            assertFalse(second.fromCache());
            assertEquals(2, javac.tasks.get());
            assertFalse(firstDigest.equals(second.sourceDigest()), "the digest follows the source's bytes");
            assertTrue(run(second, Map.of("a.txt", "changed")).succeeded());
            assertEquals("CHANGED?", Trees.read(project.resolve("out"), "a.txt"));
        }
        List<String> after = Trees.files(project.resolve("cache"));
        assertEquals(2, after.size(), "only the current compilation is kept: " + after);
        assertTrue(after.stream().noneMatch(before::contains), "the old compilation is gone: " + before + " -> " + after);
    }

    @Test
    void changedLibraryIsCompiledAgainst() throws Exception {
        Path library = compileLibrary("greeting/Greeting.java", """
                package greeting;

                public final class Greeting {
                    public static String of(String name) {
                        return "hello " + name;
                    }
                }
                """);
        Path file = Trees.write(project, "src/build/java/Greet.java", """
                import java.nio.charset.StandardCharsets;
                import java.util.function.Function;

                public class Greet implements Function<byte[], byte[]> {
                    @Override
                    public byte[] apply(byte[] input) {
                        return greeting.Greeting.of(new String(input, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    }
                }
                """);
        ProcessorSource source = source(file).libraries(List.of(library)).cacheDirectory(project.resolve("cache")).build();
        try (CompiledProcessor compiled = compiler.compile(source)) {
            assertTrue(run(compiled, Map.of("name.txt", "parmap")).succeeded());
            assertEquals("hello parmap", Trees.read(project.resolve("out"), "name.txt"), "the library's classes are loaded too");
        }

        Path classFile = library.resolve("greeting/Greeting.class");
        Files.setLastModifiedTime(classFile, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(classFile).toMillis() + 60_000));
        try (CompiledProcessor again = compiler.compile(source)) {
            assertFalse(again.fromCache(), "a changed class path entry means a new compilation");
            assertEquals(2, javac.tasks.get());
        }
    }

    @Test
    void damagedCacheIsCompiledAgain() throws Exception {
        Path file = Trees.write(project, "src/build/java/Shout.java", SHOUT);
        ProcessorSource source = source(file).cacheDirectory(project.resolve("cache")).build();
        compiler.compile(source).close();
        String classFile = Trees.files(project.resolve("cache")).get(0);
        Files.delete(project.resolve("cache").resolve(classFile));

        try (CompiledProcessor compiled = compiler.compile(source)) {
            assertFalse(compiled.fromCache());
            assertTrue(run(compiled, Map.of("a.txt", "whole")).succeeded());
        }
        assertTrue(Files.isRegularFile(project.resolve("cache").resolve(classFile)), "the cache is whole again");
    }

    @Test
    void fileWithoutAClassNamedLikeItIsRejected() throws Exception {
        Path file = Trees.write(project, "Helper.java", """
                class SomethingElse implements java.util.function.Function<byte[], byte[]> {
                    public byte[] apply(byte[] input) {
                        return input;
                    }
                }
                """);

        ProcessorCompilationException e = assertThrows(ProcessorCompilationException.class,
                () -> compiler.compile(source(file).displayPath("Helper.java").cacheDirectory(project.resolve("cache")).build()));

        assertEquals("Helper.java declares no class Helper: the processor must be the file's public top-level class, named like the file",
                e.getMessage());
        assertEquals(List.of(), e.diagnostics());
        assertEquals(List.of(), Trees.files(project.resolve("cache")), "classes without a processor are not cached");
    }

    @Test
    void missingCompilerFailsSayingToUseAJdk() throws Exception {
        Path file = Trees.write(project, "src/build/java/Shout.java", SHOUT);

        ProcessorCompilationException e = assertThrows(ProcessorCompilationException.class,
                () -> new SourceProcessorCompiler(null).compile(source(file).displayPath("Shout.java").build()));

        assertTrue(e.getMessage().startsWith("Shout.java cannot be compiled: this Java runtime ("), e.getMessage());
        assertTrue(e.getMessage().contains("has no Java compiler. Run the build on a JDK, not a JRE"), e.getMessage());
    }

    @Test
    void sourceIsReadInTheGivenEncoding() throws Exception {
        Path file = project.resolve("Accent.java");
        String text = """
                public class Accent implements java.util.function.Function<byte[], byte[]> {
                    public byte[] apply(byte[] input) {
                        return "café".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    }
                }
                """;
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);

        ProcessorCompilationException e = assertThrows(ProcessorCompilationException.class,
                () -> compiler.compile(source(file).displayPath("Accent.java").build()));
        assertTrue(e.getMessage().startsWith("Accent.java is not valid UTF-8 text"), e.getMessage());

        try (CompiledProcessor compiled = compiler.compile(source(file).encoding(Charset.forName("ISO-8859-1")).build())) {
            assertTrue(run(compiled, Map.of("x.txt", "")).succeeded());
            assertEquals("café", Trees.read(project.resolve("out"), "x.txt"));
        }
    }

    @Test
    void compilesForTheRunningJavaVersion() {
        assertEquals(Runtime.version().feature(), SourceProcessorCompiler.release());
        assertEquals(List.of("--release", Integer.toString(Runtime.version().feature()), "-proc:none", "-g"),
                SourceProcessorCompiler.compilerOptions());
    }

    // ---- helpers ----

    private ProcessorSource.Builder source(Path file) throws URISyntaxException {
        Path api = Path.of(ItemProcessor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return ProcessorSource.builder(file, getClass().getClassLoader()).parentClasspath(List.of(api));
    }

    private ProcessingResult run(CompiledProcessor compiled, Map<String, String> inputs) throws Exception {
        Path input = project.resolve("in");
        inputs.forEach((path, content) -> Trees.write(input, path, content));
        ProcessorDefinition definition = ProcessorDefinition.of(compiled.className(), compiled.processorClass());
        return ParallelRun.execute(ProcessingRequest.builder(input, project.resolve("out"), definition).workers(2).build());
    }

    /** Compiles a library class into its own directory, as a project dependency would be. */
    private Path compileLibrary(String relativePath, String text) throws IOException {
        Path sources = project.resolve("library-src");
        Path source = Trees.write(sources, relativePath, text);
        Path classes = Files.createDirectories(project.resolve("library"));
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString());
        assertEquals(0, status);
        return classes;
    }

    /** The JDK's compiler, counting the compilations it is asked for. */
    private static final class CountingCompiler implements JavaCompiler {
        final AtomicInteger tasks = new AtomicInteger();
        private final JavaCompiler delegate;

        CountingCompiler(JavaCompiler delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompilationTask getTask(Writer out, JavaFileManager fileManager, DiagnosticListener<? super JavaFileObject> diagnosticListener,
                Iterable<String> options, Iterable<String> classes, Iterable<? extends JavaFileObject> compilationUnits) {
            tasks.incrementAndGet();
            return delegate.getTask(out, fileManager, diagnosticListener, options, classes, compilationUnits);
        }

        @Override
        public StandardJavaFileManager getStandardFileManager(DiagnosticListener<? super JavaFileObject> diagnosticListener, Locale locale,
                Charset charset) {
            return delegate.getStandardFileManager(diagnosticListener, locale, charset);
        }

        @Override
        public int isSupportedOption(String option) {
            return delegate.isSupportedOption(option);
        }

        @Override
        public int run(InputStream in, OutputStream out, OutputStream err, String... arguments) {
            throw new UnsupportedOperationException("parmap compiles through getTask");
        }

        @Override
        public Set<SourceVersion> getSourceVersions() {
            return delegate.getSourceVersions();
        }
    }
}
