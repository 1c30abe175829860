package io.github.parmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.ParallelRun;
import io.github.parmap.engine.ProcessingRequest;
import io.github.parmap.engine.processor.CompiledProcessor;
import io.github.parmap.engine.processor.ProcessorCompilationException;
import io.github.parmap.engine.processor.ProcessorDefinition;
import io.github.parmap.engine.processor.ProcessorSource;
import io.github.parmap.engine.processor.SourceProcessorCompiler;
import io.github.parmap.engine.report.ProcessingResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processors shown in README.md and docs/ compile against the API as printed there, and do what the
 * pages say when parmap runs them: the ones in package {@code com.example} as classes from a jar, the one
 * without a package as a {@code processorSource}, compiled by parmap.
 */
class ReadmeExamplesTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");
    private static final Pattern PROCESSOR_SOURCE = Pattern.compile("<processorSource>(.*?)</processorSource>");

    @TempDir
    static Path compiled;

    private static URLClassLoader readmeClasses;
    private static String processorSourceExample;

    @BeforeAll
    static void compileReadmeExamples() throws Exception {
        String readme = Manual.text();
        Path sources = Files.createDirectories(compiled.resolve("src/com/example"));
        List<String> files = new ArrayList<>();
        Matcher block = JAVA_BLOCK.matcher(readme);
        while (block.find()) {
            Matcher name = CLASS_NAME.matcher(block.group(1));
            assertTrue(name.find(), "every java block of the manual declares a public class");
            if (!block.group(1).startsWith("package com.example;")) {
                assertEquals(null, processorSourceExample, "the manual shows one processor source");
                processorSourceExample = block.group(1);
                continue;
            }
            Path source = sources.resolve(name.group(1) + ".java");
            assertTrue(!Files.exists(source), "the manual shows one processor named " + name.group(1));
            Files.writeString(source, block.group(1));
            files.add(source.toString());
        }
        assertEquals(3, files.size(), "the manual shows three processors in a jar");
        assertTrue(processorSourceExample != null, "the manual shows a processor source");

        Path classes = Files.createDirectories(compiled.resolve("classes"));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // -try: ItemProcessor.close() declares "throws Exception", which javac flags on every AutoCloseable that does.
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", classpath, "-Xlint:all,-try", "-Werror"));
        arguments.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
        assertEquals(0, status, "the manual's examples must compile without warnings:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        readmeClasses = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ReadmeExamplesTest.class.getClassLoader());
    }

    @Test
    void thumbnailerWritesAThumbnailOfTheConfiguredWidth(@TempDir Path project) throws Exception {
        Path images = Files.createDirectories(project.resolve("images/icons"));
        ImageIO.write(new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB), "png", images.resolve("wide.png").toFile());
        Path out = project.resolve("out");

        ProcessingResult result = run("com.example.Thumbnailer", project.resolve("images"), out, Map.of("width", "100"));

        assertTrue(result.succeeded());
        BufferedImage thumbnail = ImageIO.read(out.resolve("icons/wide.png").toFile());
        assertEquals(100, thumbnail.getWidth());
        assertEquals(50, thumbnail.getHeight());
    }

    @Test
    void thumbnailerFailsNamingAFileThatIsNoImage(@TempDir Path project) throws Exception {
        Path images = Files.createDirectories(project.resolve("images"));
        Files.writeString(images.resolve("notes.png"), "not a picture");
        Path out = project.resolve("out");

        ProcessingResult result = run("com.example.Thumbnailer", images, out, Map.of());

        assertEquals(1, result.failures().size());
        assertEquals("notes.png: IOException: not an image that ImageIO can read", result.failures().get(0).describe());
        assertTrue(!Files.exists(out.resolve("notes.png")));
    }

    @Test
    void wordCountWritesTheNumberOfWordsBesideEveryFile(@TempDir Path project) throws Exception {
        Path texts = Files.createDirectories(project.resolve("texts/notes"));
        Files.writeString(texts.resolve("todo.txt"), "  buy milk\n\tcall   home \n");
        Files.writeString(texts.resolve("empty.txt"), "\n");
        Path out = project.resolve("out");

        ProcessingResult result = run("com.example.WordCount", project.resolve("texts"), out, Map.of());

        assertTrue(result.succeeded());
        assertEquals("4\n", Files.readString(out.resolve("notes/todo.txt.words")));
        assertEquals("0\n", Files.readString(out.resolve("notes/empty.txt.words")));
    }

    @Test
    void upperCaseFunctionWritesUpperCasedCopies(@TempDir Path project) throws Exception {
        Path texts = Files.createDirectories(project.resolve("texts/sub"));
        Files.writeString(texts.resolve("hello.txt"), "Hello, parmap");
        Path out = project.resolve("out");

        ProcessingResult result = run("com.example.UpperCase", project.resolve("texts"), out, Map.of());

        assertTrue(result.succeeded());
        assertEquals("HELLO, PARMAP", Files.readString(out.resolve("sub/hello.txt")));
    }

    @Test
    void processorSourceExamplePutsTheNoticeOnTopOfEveryFile(@TempDir Path project) throws Exception {
        Matcher path = PROCESSOR_SOURCE.matcher(Manual.text());
        assertTrue(path.find(), "the manual configures a <processorSource>");
        Path file = project.resolve(path.group(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, processorSourceExample);
        Path web = Files.createDirectories(project.resolve("src/main/web/js"));
        Files.writeString(web.resolve("app.js"), "console.log('hi');\n");
        Path out = project.resolve("out");

        try (CompiledProcessor processor = new SourceProcessorCompiler().compile(source(file, path.group(1)))) {
            ProcessingRequest request = ProcessingRequest.builder(project.resolve("src/main/web"), out,
                            ProcessorDefinition.of(processor.className(), processor.processorClass()))
                    .parameters(Map.of("notice", "(c) Example Corp, MIT License"))
                    .workers(2)
                    .build();
            assertTrue(ParallelRun.execute(request).succeeded());
        }

        assertEquals("/*! (c) Example Corp, MIT License */\nconsole.log('hi');\n", Files.readString(out.resolve("js/app.js")));
    }

    @Test
    void compileErrorShownInTheReadmeIsWhatParmapPrints(@TempDir Path project) throws Exception {
        String readme = Manual.text();
        Matcher path = PROCESSOR_SOURCE.matcher(readme);
        assertTrue(path.find());
        Path file = project.resolve(path.group(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, processorSourceExample.replace("item.output()", "item.outptu()"));

        ProcessorCompilationException e = assertThrows(ProcessorCompilationException.class,
                () -> new SourceProcessorCompiler().compile(source(file, path.group(1))));

        for (String line : ("<processorSource> " + e.getMessage()).split("\\R")) {
            assertTrue(readme.contains("[ERROR] " + line + "\n") || readme.contains(": " + line + "\n"), () -> "the manual lacks: " + line);
        }
    }

    private static ProcessorSource source(Path file, String displayPath) throws Exception {
        Path api = Path.of(ItemProcessor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return ProcessorSource.builder(file, ReadmeExamplesTest.class.getClassLoader())
                .displayPath(displayPath)
                .parentClasspath(List.of(api))
                .build();
    }

    private static ProcessingResult run(String className, Path input, Path output, Map<String, String> parameters) throws Exception {
        Class<?> type = Class.forName(className, true, readmeClasses);
        ProcessingRequest request = ProcessingRequest.builder(input, output, ProcessorDefinition.of(className, type))
                .parameters(parameters)
                .workers(2)
                .build();
        return ParallelRun.execute(request);
    }

}
