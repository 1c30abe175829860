package io.github.parmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.ParallelRun;
import io.github.parmap.engine.ProcessingRequest;
import io.github.parmap.engine.builtin.BuiltinProcessors;
import io.github.parmap.engine.processor.ProcessorResolver;
import io.github.parmap.engine.report.ProcessingResult;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in processor has a pom example in the manual (README.md and docs/), is listed in its table, and the parameters each
 * example shows are accepted by the built-in: it runs, or, for {@code exec} examples whose program this machine
 * lacks, fails only because the program is not installed.
 */
class ReadmeBuiltinExamplesTest {
    private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern EXECUTION = Pattern.compile("<execution>(.*?)</execution>", Pattern.DOTALL);
    private static final Pattern PROCESSOR = Pattern.compile("<processor>([^<]*)</processor>");
    private static final Pattern PARAMETERS = Pattern.compile("<parameters>(.*?)</parameters>", Pattern.DOTALL);
    private static final Pattern ELEMENT = Pattern.compile("<([\\w.]+)>(.*?)</\\1>", Pattern.DOTALL);

    private static String readme;
    private static final List<Example> EXAMPLES = new ArrayList<>();

    private record Example(String processor, Map<String, String> parameters) {}

    @BeforeAll
    static void readExamples() throws Exception {
        readme = Manual.text();
        Matcher block = XML_BLOCK.matcher(readme);
        while (block.find()) {
            Matcher execution = EXECUTION.matcher(block.group(1));
            while (execution.find()) {
                Matcher processor = PROCESSOR.matcher(execution.group(1));
                if (processor.find() && BuiltinProcessors.find(processor.group(1)).isPresent()) {
                    Map<String, String> parameters = new LinkedHashMap<>();
                    Matcher section = PARAMETERS.matcher(execution.group(1));
                    if (section.find()) {
                        Matcher element = ELEMENT.matcher(section.group(1));
                        while (element.find()) {
                            parameters.put(element.group(1), element.group(2));
                        }
                    }
                    EXAMPLES.add(new Example(processor.group(1), parameters));
                }
            }
        }
    }

    @Test
    void everyBuiltinIsInTheTableAndEveryOneWithParametersHasAnExample() {
        for (String name : BuiltinProcessors.names()) {
            assertTrue(readme.contains("| `" + name + "` |"), name + " is missing from the built-ins table");
        }
        Set<String> withExamples = new TreeSet<>();
        EXAMPLES.forEach(example -> withExamples.add(example.processor()));
        Set<String> expected = new TreeSet<>(BuiltinProcessors.names());
        expected.remove("copy");
        assertEquals(expected, withExamples);
    }

    @Test
    void everyExampleConfigurationIsAccepted(@TempDir Path project) throws Exception {
        Path images = Files.createDirectories(project.resolve("src/main/images"));
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", images.resolve("picture.png").toFile());
        Path files = Files.createDirectories(project.resolve("src/main/files"));
        Files.writeString(files.resolve("data.json"), "{\"a\": [1, 2]}\n");
        Files.createDirectories(project.resolve("src/templates"));

        for (Example example : EXAMPLES) {
            Map<String, String> parameters = new LinkedHashMap<>();
            example.parameters().forEach((name, value) -> parameters.put(name, value.replace("${project.basedir}", project.toString())));
            Path input = example.processor().equals("resize-image") ? images : files;
            ProcessingRequest request = ProcessingRequest.builder(input, Files.createTempDirectory(project, example.processor()),
                    ProcessorResolver.resolve(example.processor(), getClass().getClassLoader()))
                    .parameters(parameters)
                    .workers(1)
                    .build();

            ProcessingResult result = ParallelRun.execute(request);

            if (example.processor().equals("exec")) {
                // The programs are not this project's to install: the configuration must be accepted, and a
                // program this machine lacks must be the only complaint.
                assertTrue(result.processorFailures().isEmpty() || result.processorFailures().size() == 1
                        && result.processorFailures().get(0).message().contains("was not found on the PATH"), () -> example + ": " + result);
            } else {
                assertTrue(result.succeeded(), () -> example + ": " + result);
            }
        }
    }
}
