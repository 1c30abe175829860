package io.github.parmap.maven;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import io.github.parmap.maven.RecordingLog.Entry;
import io.github.parmap.maven.RecordingLog.Level;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.inject.Inject;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code process} goal as a user meets it: configured the way a pom configures it, run against a project
 * in a fresh temporary directory, judged by the files it leaves, the project model it changes, the lines it
 * logs and the exceptions Maven would show.
 *
 * <p>The harness builds the mojo from the plugin descriptor, with the project, the dependency resolver and
 * the log given by the {@code @Provides} methods below: a real {@link MavenProject} (its resources can be
 * added to, which the harness's default stand-in does not allow), a resolver for a project without
 * dependencies, and a log that keeps every line.
 */
@MojoTest
class ProcessMojoTest {
    private static final String GOAL = "process";
    private static final String REJECTS_MARKED_FILES = "io.github.parmap.maven.ProcessMojoTest$RejectsMarkedFiles";

    private final Path basedir;
    private final Path inputDirectory;
    private final Path outputDirectory;
    private final MavenProject project;
    private final EmptyProjectDependencies dependencies = new EmptyProjectDependencies();
    private final RecordingLog log = new RecordingLog();

    @Inject
    private MavenSession session;

    ProcessMojoTest(@TempDir Path basedir) {
        this.basedir = basedir;
        this.inputDirectory = basedir.resolve("src/main/resources");
        this.outputDirectory = basedir.resolve("target/generated-resources/parmap");
        this.project = new MavenProject();
        project.setGroupId("com.example");
        project.setArtifactId("site");
        project.setVersion("1.0");
        project.setFile(basedir.resolve("pom.xml").toFile());
        project.getBuild().setDirectory(basedir.resolve("target").toString());
        project.getBuild().setOutputDirectory(basedir.resolve("target/classes").toString());
        Resource resources = new Resource();
        resources.setDirectory(inputDirectory.toString());
        project.addResource(resources);
    }

    @Provides
    MavenProject project() {
        return project;
    }

    @Provides
    ProjectDependenciesResolver dependenciesResolver() {
        return dependencies;
    }

    @Provides
    Log log() {
        return log;
    }

    // ---- skip and nothing to do ----

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    @MojoParameter(name = "skip", value = "true")
    void skipWritesNothingAndLogsOneInfoLine(ProcessMojo mojo) throws Exception {
        writeInputs("index.html", "css/site.css");

        mojo.execute();

        List<Entry> entries = log.entries();
        assertEquals(1, entries.size(), () -> "log: " + entries);
        assertEquals(Level.INFO, entries.get(0).level());
        assertTrue(entries.get(0).message().contains("Skipping"), entries.get(0).message());
        assertTrue(entries.get(0).message().contains("parmap.skip"), entries.get(0).message());
        assertFalse(Files.exists(basedir.resolve("target")), "skip must write nothing");
        assertEquals(List.of(inputDirectory.toString()), resourceDirectories());
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    @MojoParameter(name = "inputDirectory", value = "${project.basedir}/src/main/images")
    void missingInputDirectorySucceedsWithOneInfoLineNamingIt(ProcessMojo mojo) throws Exception {
        mojo.execute();

        List<Entry> entries = log.entries();
        assertEquals(1, entries.size(), () -> "log: " + entries);
        assertEquals(Level.INFO, entries.get(0).level());
        assertTrue(entries.get(0).message().contains("src/main/images"), entries.get(0).message());
        assertFalse(Files.exists(basedir.resolve("target")), "a missing input directory must write nothing");
    }

    // ---- a run with the built-in gzip ----

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    void gzipWritesCompressedCopiesAndAddsOutputDirectoryToResourcesOnce(ProcessMojo mojo) throws Exception {
        Map<String, String> inputs = writeInputs("index.html", "css/site.css", "js/app.js");

        mojo.execute();
        mojo.execute();

        assertEquals(Set.of("index.html.gz", "css/site.css.gz", "js/app.js.gz"), filesUnder(outputDirectory));
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            assertEquals(input.getValue(), gunzip(outputDirectory.resolve(input.getKey() + ".gz")), input.getKey());
        }
        assertEquals(List.of(outputDirectory.toString(), inputDirectory.toString()), resourceDirectories(),
                "the output directory is added to the resources once, however often the goal runs, and first, "
                        + "so that an output replaces an original resource of the same path");
        assertTrue(log.messages(Level.INFO).stream().anyMatch(line -> line.contains("Processed 3 of 3 files")),
                () -> "log: " + log.entries());
        assertEquals(0, dependencies.requests(), "a built-in never needs the project's dependencies");
    }

    // ---- process isolation ----

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    @MojoParameter(name = "isolation", value = "process")
    @MojoParameter(name = "maxItemsPerWorker", value = "2")
    @MojoParameter(name = "workerArgLine", value = "-Xmx64m -Dparmap.test=\"a b\"")
    void isolationProcessRunsABuiltinInWorkerJvmsStartedWithTheWorkerArgLine(ProcessMojo mojo) throws Exception {
        Map<String, String> inputs = writeInputs("index.html", "css/site.css", "js/app.js");

        mojo.execute();

        for (Map.Entry<String, String> input : inputs.entrySet()) {
            assertEquals(input.getValue(), gunzip(outputDirectory.resolve(input.getKey() + ".gz")), input.getKey());
        }
        String start = log.messages(Level.INFO).stream().filter(line -> line.startsWith("Processing ")).findFirst().orElseThrow();
        assertTrue(start.endsWith(" with gzip on " + Math.min(3, Runtime.getRuntime().availableProcessors())
                + " worker JVM" + (Runtime.getRuntime().availableProcessors() == 1 ? "" : "s") + " (heap as <workerArgLine> sets it)"), start);
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    @MojoParameter(name = "isolation", value = "container")
    void isolationOtherThanNoneOrProcessIsRejectedNamingItsProperty(ProcessMojo mojo) throws Exception {
        assertProcessorRejected(mojo, "<isolation> must be none (worker threads in the build's JVM, the default) or process "
                + "(each worker in a JVM of its own), was: 'container' (set in the plugin configuration or with -Dparmap.isolation)");
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    @MojoParameter(name = "maxItemsPerWorker", value = "0")
    void maxItemsPerWorkerBelowOneIsRejected(ProcessMojo mojo) throws Exception {
        assertProcessorRejected(mojo, "<maxItemsPerWorker> must be a whole number of 1 or more (leave it unset for no limit), was: '0' "
                + "(set in the plugin configuration or with -Dparmap.maxItemsPerWorker)");
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    @MojoParameter(name = "workerArgLine", value = "-Xmx64m")
    void workerArgLineWithoutProcessIsolationIsIgnoredWithAWarning(ProcessMojo mojo) throws Exception {
        writeInputs("index.html");

        mojo.execute();

        assertEquals(List.of("<workerArgLine> is ignored: it applies to worker JVMs, which only <isolation>process</isolation> starts"),
                log.messages(Level.WARN));
        assertTrue(Files.isRegularFile(outputDirectory.resolve("index.html.gz")));
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    @MojoParameter(name = "addResources", value = "false")
    void addResourcesFalseLeavesTheProjectResourcesAlone(ProcessMojo mojo) throws Exception {
        writeInputs("index.html");

        mojo.execute();

        assertEquals(Set.of("index.html.gz"), filesUnder(outputDirectory));
        assertEquals(List.of(inputDirectory.toString()), resourceDirectories());
    }

    // ---- configuration mistakes ----

    /** Every accepted and rejected form is WorkerCountTest's; here, that a refusal reaches the user as a Maven error. */
    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    @MojoParameter(name = "workers", value = "banana")
    void workersThatIsNotANumberIsRejectedNamingTheParameter(ProcessMojo mojo) throws Exception {
        assertWorkersRejected(mojo, "banana");
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "io.github.parmap.maven.ProcessMojoTest$AbstractProcessor")
    void abstractProcessorClassIsRejectedInOneLine(ProcessMojo mojo) throws Exception {
        assertProcessorRejected(mojo, "<processor> class io.github.parmap.maven.ProcessMojoTest$AbstractProcessor cannot be used as a processor: "
                + "it is abstract; name a concrete class");
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "io.github.parmap.maven.ProcessMojoTest$NoUsableConstructor")
    void processorWithoutAUsableConstructorIsRejectedInOneLine(ProcessMojo mojo) throws Exception {
        assertProcessorRejected(mojo, "<processor> class io.github.parmap.maven.ProcessMojoTest$NoUsableConstructor cannot be used as a processor: "
                + "it has no public constructor taking a io.github.parmap.ProcessorContext, and no public no-argument constructor");
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "Gzip")
    void misspelledBuiltinIsRejectedListingTheBuiltins(ProcessMojo mojo) throws Exception {
        MojoExecutionException e = assertProcessorRejected(mojo, null);
        assertTrue(e.getMessage().startsWith("<processor> must be the fully qualified name of a processor class (such as com.example.Thumbnailer) "
                + "or a built-in processor ("), e.getMessage());
        assertTrue(e.getMessage().contains(" gzip,"), e.getMessage());
        assertTrue(e.getMessage().endsWith("was: 'Gzip' (set in the plugin configuration or with -Dparmap.processor)"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "io.github.parmap.maven.ProcessMojoTest$ThrowsInConstructor")
    @MojoParameter(name = "workers", value = "3")
    void processorWhoseConstructorThrowsFailsOnceWithItsMessageAndProcessesNothing(ProcessMojo mojo) throws Exception {
        writeInputs("a.txt", "b.txt", "c.txt");

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        List<String> lines = e.getMessage().lines().toList();
        assertEquals("processor io.github.parmap.maven.ProcessMojoTest$ThrowsInConstructor could not be created: "
                + "IllegalStateException: no licence key configured", lines.get(0), e.getMessage());
        assertEquals(1, lines.stream().filter(line -> line.contains("could not be created")).count(),
                "three workers failed alike; the message says it once: " + e.getMessage());
        assertEquals(Set.of(), filesUnder(outputDirectory));
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    @MojoParameter(name = "outputDirectory", value = "${project.basedir}/src/main/resources")
    void outputDirectoryEqualToInputDirectoryIsRejectedInOneLine(ProcessMojo mojo) throws Exception {
        writeInputs("index.html");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertEquals("<outputDirectory> must be a directory other than <inputDirectory>, so that outputs are never read back as inputs, was: '"
                + inputDirectory + "'" + OUTPUT_DIRECTORY_REMEDY, e.getMessage());
        assertEquals(Set.of("index.html"), filesUnder(inputDirectory), "nothing is written into the input directory");
    }

    private static final String OUTPUT_DIRECTORY_REMEDY =
            ". Set <outputDirectory> to a folder of its own, such as the default ${project.build.directory}/generated-resources/parmap";

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    @MojoParameter(name = "outputDirectory", value = "${project.basedir}/src/main/resources-out")
    void outputDirectoryThatIsTheInputDirectoryThroughASymbolicLinkIsRejectedAndNoSourceIsWritten(ProcessMojo mojo) throws Exception {
        writeInputs("index.html");
        Files.createSymbolicLink(basedir.resolve("src/main/resources-out"), inputDirectory);

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertTrue(e.getMessage().startsWith("<outputDirectory> must be a directory other than <inputDirectory>"), e.getMessage());
        assertEquals(Set.of("index.html"), filesUnder(inputDirectory), "no source is written");
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    @MojoParameter(name = "outputDirectory", value = "${project.basedir}/src/../src")
    void outputDirectoryThatContainsTheInputDirectoryIsRejectedNamingBoth(ProcessMojo mojo) throws Exception {
        writeInputs("index.html");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertEquals("<outputDirectory> must be a directory that does not contain <inputDirectory> (" + inputDirectory
                + "), so that outputs never land among the inputs, was: '" + basedir.resolve("src") + "'" + OUTPUT_DIRECTORY_REMEDY, e.getMessage());
        assertEquals(Set.of("main/resources/index.html"), filesUnder(basedir.resolve("src")), "nothing is written among the sources");
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    @MojoParameter(name = "outputDirectory", value = "${project.build.directory}")
    void outputDirectoryHoldingTheBuildStateIsRejectedNamingItAndWhatToSetInstead(ProcessMojo mojo) throws Exception {
        writeInputs("index.html");
        Files.writeString(basedir.resolve("pom.xml"), "<project/>");
        Files.createDirectories(basedir.resolve("target"));

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        String message = e.getMessage();
        assertEquals("<outputDirectory> must be a directory that does not contain parmap's build state (" + basedir.resolve("target/parmap/default")
                + "), or the state would be packaged with the outputs, was: '" + basedir.resolve("target") + "'" + OUTPUT_DIRECTORY_REMEDY, message);
        assertEquals(Set.of("pom.xml", "src/main/resources/index.html"), filesUnder(basedir), "nothing is written or deleted");
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    @MojoParameter(name = "remoteCacheUrl", value = "http://127.0.0.1:99999/cache/")
    void remoteCacheUrlWithAPortNoServerCanHaveIsRejectedBeforeAnyItem(ProcessMojo mojo) throws Exception {
        writeInputs("index.html");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertEquals("<remoteCacheUrl> must be an http:// or https:// URL with a port from 1 to 65535, was: 'http://127.0.0.1:99999/cache/'"
                + " (set in the plugin configuration or with -Dparmap.remoteCacheUrl)", e.getMessage());
        assertFalse(Files.exists(outputDirectory), "no item was started");
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    @MojoParameter(name = "inputDirectory", value = "${project.basedir}/src/main/resources/index.html")
    void inputDirectoryThatIsAFileIsRejectedInOneLine(ProcessMojo mojo) throws Exception {
        writeInputs("index.html");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertEquals("<inputDirectory> must be a directory, was: '" + inputDirectory.resolve("index.html")
                + "' (set in the plugin configuration or with -Dparmap.inputDirectory)", e.getMessage());
        assertFalse(Files.exists(outputDirectory));
    }

    private static final String INCLUDES_MATCHING_NOTHING_POM = """
            <project>
              <build>
                <plugins>
                  <plugin>
                    <artifactId>parmap-maven-plugin</artifactId>
                    <configuration>
                      <processor>gzip</processor>
                      <includes>
                        <include>**/*.png</include>
                      </includes>
                    </configuration>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;

    @Test
    @InjectMojo(goal = GOAL, pom = INCLUDES_MATCHING_NOTHING_POM)
    void includesThatMatchNothingSucceedWithOneInfoLine(ProcessMojo mojo) throws Exception {
        writeInputs("index.html", "css/site.css");

        mojo.execute();

        assertEquals(List.of("No files to process in src/main/resources (none match the includes and excludes)"), log.messages(Level.INFO));
        assertEquals(List.of(), log.messages(Level.WARN));
        assertEquals(List.of(), log.messages(Level.ERROR));
        assertEquals(Set.of(), filesUnder(outputDirectory));
    }

    /** {@code mvn -Dparmap.workers=banana}: the user property reaches the goal and the message names it. */
    @Nested
    class WorkersFromTheCommandLine {
        @BeforeEach
        void setUserProperty() {
            session.getUserProperties().setProperty("parmap.workers", "banana");
        }

        @Test
        @InjectMojo(goal = GOAL)
        @MojoParameter(name = "processor", value = "gzip")
        void invalidUserPropertyIsRejectedNamingIt(ProcessMojo mojo) throws Exception {
            assertWorkersRejected(mojo, "banana");
        }
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "com.example.NoSuchThumbnailer")
    void processorClassThatDoesNotExistSaysToAddAPluginDependency(ProcessMojo mojo) throws Exception {
        writeInputs("logo.png");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertAll(
                () -> assertTrue(e.getMessage().contains("com.example.NoSuchThumbnailer"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("<processor>"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("<dependency>"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("<plugin>"), e.getMessage()));
        assertEquals(1, dependencies.requests(), "the project's runtime class path is the last place looked");
        assertFalse(Files.exists(outputDirectory), "nothing is written when the processor cannot be found");
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "java.lang.String")
    void jdkClassThatIsNotAProcessorIsRejected(ProcessMojo mojo) throws Exception {
        writeInputs("logo.png");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertAll(
                () -> assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("cannot be used as a processor"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains(ItemProcessor.class.getName()), e.getMessage()));
        assertEquals(0, dependencies.requests(), "a class found among the plugin's own classes needs no project class path");
        assertFalse(Files.exists(outputDirectory), "nothing is written when the processor is not one");
    }

    // ---- which processor: exactly one of processor and processorSource ----

    private static final String SHOUT_SOURCE = """
            package com.example.build;

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
                    Files.writeString(item.output(), Text.shout(text), StandardCharsets.UTF_8);
                }

                static final class Text {
                    static String shout(String text) {
                        return text.strip().toUpperCase(Locale.ROOT) + "!";
                    }
                }
            }
            """;

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = "gzip")
    @MojoParameter(name = "processorSource", value = "src/build/java/Shout.java")
    void processorAndProcessorSourceTogetherAreRejectedNamingBoth(ProcessMojo mojo) throws Exception {
        writeInputs("a.txt");
        writeSource("src/build/java/Shout.java", SHOUT_SOURCE);

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertEquals("Set either <processor> or <processorSource>, not both: <processor> is 'gzip' and <processorSource> is '"
                + Path.of("src/build/java/Shout.java") + "'. Remove one of them.", e.getMessage());
        assertFalse(Files.exists(basedir.resolve("target")), "nothing is compiled or written");
    }

    @Test
    @InjectMojo(goal = GOAL)
    void neitherProcessorNorProcessorSourceIsRejectedNamingBoth(ProcessMojo mojo) throws Exception {
        writeInputs("a.txt");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertTrue(e.getMessage().startsWith("One of <processor> and <processorSource> is required: <processor> names a processor class"),
                e.getMessage());
        assertTrue(e.getMessage().contains("<processorSource> names one .java file in the project"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processorSource", value = "src/build/java/Shout.java")
    @MojoParameter(name = "isolation", value = "process")
    void processorSourceRunsInWorkerJvmsFromItsCompiledClasses(ProcessMojo mojo) throws Exception {
        writeInput("a.txt", "hello");
        writeInput("sub/b.txt", "world");
        writeSource("src/build/java/Shout.java", SHOUT_SOURCE);

        mojo.execute();

        assertEquals("HELLO!", Files.readString(outputDirectory.resolve("a.txt")));
        assertEquals("WORLD!", Files.readString(outputDirectory.resolve("sub/b.txt")));
        assertTrue(log.messages(Level.INFO).stream().anyMatch(line -> line.startsWith("Processing 2 files") && line.contains(" worker JVMs ")),
                () -> log.messages(Level.INFO).toString());
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processorSource", value = "src/build/java/Shout.java")
    void processorSourceIsCompiledAndRunOverEveryFile(ProcessMojo mojo) throws Exception {
        writeInput("a.txt", "hello");
        writeInput("sub/b.txt", "world");
        writeSource("src/build/java/Shout.java", SHOUT_SOURCE);

        mojo.execute();

        assertEquals("HELLO!", Files.readString(outputDirectory.resolve("a.txt")));
        assertEquals("WORLD!", Files.readString(outputDirectory.resolve("sub/b.txt")));
        assertTrue(log.messages(Level.INFO).contains("Compiled processor com.example.build.Shout from " + Path.of("src/build/java/Shout.java")
                + " (Java " + Runtime.version().feature() + ")"), () -> log.messages(Level.INFO).toString());
        assertTrue(log.messages(Level.INFO).stream()
                        .anyMatch(line -> line.startsWith("Processing 2 files") && line.contains("with com.example.build.Shout")),
                () -> log.messages(Level.INFO).toString());
        assertEquals(1, dependencies.requests(), "the source is compiled against the project's runtime dependencies");
        assertTrue(Files.isDirectory(basedir.resolve("target/parmap/default/compiled")), "the compiled classes are cached per execution");
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processorSource", value = "src/build/java/Shout.java")
    void unchangedSourceIsNotCompiledAgainAndAChangedSourceRedoesEveryFile(ProcessMojo mojo) throws Exception {
        writeInput("a.txt", "one");
        writeInput("b.txt", "two");
        Path source = writeSource("src/build/java/Shout.java", SHOUT_SOURCE);
        mojo.execute();
        assertEquals(1, compiledLines());

        mojo.execute();

        assertEquals(1, compiledLines(), "an unchanged source is not compiled again");
        assertTrue(lastInfoLine().startsWith("2 files up to date, 0 processed"), lastInfoLine());

        Files.writeString(source, SHOUT_SOURCE.replace("+ \"!\"", "+ \"?\""));
        mojo.execute();

        assertEquals(2, compiledLines(), "a changed source is compiled again");
        assertEquals("ONE?", Files.readString(outputDirectory.resolve("a.txt")), "a changed source is a changed processor");
        assertEquals("TWO?", Files.readString(outputDirectory.resolve("b.txt")));
        assertTrue(lastInfoLine().startsWith("Processed 2 of 2 files"), lastInfoLine());
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processorSource", value = "src/build/java/Broken.java")
    void processorSourceThatDoesNotCompileFailsWithJavacsMessages(ProcessMojo mojo) throws Exception {
        writeInputs("a.txt");
        writeSource("src/build/java/Broken.java", """
                import io.github.parmap.Item;
                import io.github.parmap.ItemProcessor;

                public class Broken implements ItemProcessor {
                    @Override
                    public void process(Item item) {
                        item.outptu();
                    }
                }
                """);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        String file = Path.of("src/build/java/Broken.java").toString();
        List<String> lines = e.getMessage().lines().toList();
        assertAll(
                () -> assertEquals("<processorSource> " + file + " does not compile:", lines.get(0)),
                () -> assertEquals(file + ":7: error: cannot find symbol", lines.get(1)),
                () -> assertEquals("        item.outptu();", lines.get(2)),
                () -> assertEquals("1 error", lines.get(lines.size() - 1)));
        assertFalse(Files.exists(outputDirectory), "nothing is processed");
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processorSource", value = "src/build/java/Missing.java")
    void missingProcessorSourceIsRejectedNamingIt(ProcessMojo mojo) throws Exception {
        writeInputs("a.txt");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertTrue(e.getMessage().startsWith("<processorSource> " + Path.of("src/build/java/Missing.java") + " does not exist"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processorSource", value = "src/build/java/Shout.txt")
    void processorSourceThatIsNoJavaFileIsRejected(ProcessMojo mojo) throws Exception {
        writeInputs("a.txt");
        writeSource("src/build/java/Shout.txt", SHOUT_SOURCE);

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertEquals("<processorSource> must be a .java file, such as src/build/java/Thumbnailer.java, was: '"
                + Path.of("src/build/java/Shout.txt") + "'", e.getMessage());
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processorSource", value = "src/build/java/NotOne.java")
    void processorSourceWhoseClassIsNoProcessorIsRejected(ProcessMojo mojo) throws Exception {
        writeInputs("a.txt");
        writeSource("src/build/java/NotOne.java", "public class NotOne implements Runnable { public void run() {} }\n");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertTrue(e.getMessage().startsWith("<processorSource> " + Path.of("src/build/java/NotOne.java")
                + ": class NotOne cannot be used as a processor: it implements neither"), e.getMessage());
    }

    private Path writeSource(String relativePath, String text) throws IOException {
        Path file = basedir.resolve(relativePath);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** @return how many times the log said a processor source was compiled */
    private long compiledLines() {
        return log.messages(Level.INFO).stream().filter(line -> line.startsWith("Compiled processor ")).count();
    }

    private String lastInfoLine() {
        List<String> lines = log.messages(Level.INFO);
        return lines.get(lines.size() - 1);
    }

    // ---- failing items ----

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = REJECTS_MARKED_FILES)
    @MojoParameter(name = "workers", value = "3")
    void failingItemsAreEachListedWithTheirMessageAfterEveryItemWasTried(ProcessMojo mojo) throws Exception {
        writeInput("a.txt", "fine");
        writeInput("b.txt", "reject: bad header");
        writeInput("data/c.txt", "fine");
        writeInput("data/d.txt", "reject: unexpected end of file");
        writeInput("e.txt", "reject: checksum mismatch");

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        List<String> lines = e.getMessage().lines().toList();
        assertTrue(lines.get(0).contains("3 of 5 files failed"), e.getMessage());
        assertTrue(lines.get(0).contains(REJECTS_MARKED_FILES), e.getMessage());
        assertEquals(List.of("b.txt", "data/d.txt", "e.txt"), listedPaths(lines), e.getMessage());
        assertListed(lines, "b.txt", "bad header");
        assertListed(lines, "data/d.txt", "unexpected end of file");
        assertListed(lines, "e.txt", "checksum mismatch");
        assertStackTracesKept(e, List.of("b.txt", "data/d.txt", "e.txt"));

        assertEquals(Set.of("a.txt", "data/c.txt"), filesUnder(outputDirectory),
                "every good item is committed and no failed item leaves an output");
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = REJECTS_MARKED_FILES)
    void moreThanTwentyFailuresListTheFirstTwentyAndCountTheRest(ProcessMojo mojo) throws Exception {
        List<String> failing = IntStream.range(0, 25).mapToObj(i -> String.format("item-%02d.txt", i)).toList();
        for (String path : failing) {
            writeInput(path, "reject: broken " + path);
        }
        writeInput("ok.txt", "fine");

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        List<String> lines = e.getMessage().lines().toList();
        assertTrue(lines.get(0).contains("25 of 26 files failed"), e.getMessage());
        assertEquals(failing.subList(0, 20), listedPaths(lines), e.getMessage());
        for (String path : failing.subList(0, 20)) {
            assertListed(lines, path, "broken " + path);
        }
        assertEquals("... and 5 more", lines.get(lines.size() - 1).trim(), e.getMessage());
        assertStackTracesKept(e, failing);
        assertEquals(Set.of("ok.txt"), filesUnder(outputDirectory));
    }

    @Test
    @InjectMojo(goal = GOAL)
    @MojoParameter(name = "processor", value = REJECTS_MARKED_FILES)
    @MojoParameter(name = "workers", value = "1")
    @MojoParameter(name = "failFast", value = "true")
    void failFastStartsNoFileAfterTheFirstFailure(ProcessMojo mojo) throws Exception {
        writeInput("a.txt", "reject: bad header");
        writeInput("b.txt", "fine");
        writeInput("c.txt", "fine");

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertEquals(List.of("a.txt"), listedPaths(e.getMessage().lines().toList()), e.getMessage());
        assertTrue(e.getMessage().contains("2 files were not started"), e.getMessage());
        assertEquals(Set.of(), filesUnder(outputDirectory));
    }

    // ---- what the pom says reaches the run ----

    private static final String INCLUDES_AND_EXCLUDES_POM = """
            <project>
              <build>
                <plugins>
                  <plugin>
                    <artifactId>parmap-maven-plugin</artifactId>
                    <configuration>
                      <processor>copy</processor>
                      <includes>
                        <include>**/*.txt</include>
                      </includes>
                      <excludes>
                        <exclude>drafts/</exclude>
                        <exclude>**/*-old.txt</exclude>
                      </excludes>
                    </configuration>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;

    @Test
    @InjectMojo(goal = GOAL, pom = INCLUDES_AND_EXCLUDES_POM)
    void includesAndExcludesSelectTheFiles(ProcessMojo mojo) throws Exception {
        writeInputs("a.txt", "notes/b.txt", "c.md", "notes/d.png", "drafts/e.txt", "drafts/deep/f.txt",
                "notes/plan-old.txt", ".git/g.txt", "notes/._b.txt", "h.txt~");

        mojo.execute();

        assertEquals(Set.of("a.txt", "notes/b.txt"), filesUnder(outputDirectory),
                "only *.txt, minus drafts/, *-old.txt and Maven's default excludes (.git/, macOS ._ files, editor backups)");
    }

    private static final String PARAMETERS_POM = """
            <project>
              <build>
                <plugins>
                  <plugin>
                    <artifactId>parmap-maven-plugin</artifactId>
                    <configuration>
                      <processor>io.github.parmap.maven.ProcessMojoTest$WritesItsParameters</processor>
                      <parameters>
                        <width>256</width>
                        <caption>Hello, world</caption>
                      </parameters>
                    </configuration>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;

    @Test
    @InjectMojo(goal = GOAL, pom = PARAMETERS_POM)
    void parametersReachTheProcessor(ProcessMojo mojo) throws Exception {
        writeInputs("a.txt", "b/c.txt");

        mojo.execute();

        assertEquals(Set.of("a.txt.parameters", "b/c.txt.parameters"), filesUnder(outputDirectory));
        assertEquals("{caption=Hello, world, width=256}", Files.readString(outputDirectory.resolve("a.txt.parameters")));
        assertEquals("{caption=Hello, world, width=256}", Files.readString(outputDirectory.resolve("b/c.txt.parameters")));
    }

    /** {@code mvn -Dparmap.parameter.width=64 -Dparmap.parameter.quality=80}: the pom's width wins, the quality is added. */
    @Nested
    class ParametersFromTheCommandLine {
        @BeforeEach
        void setUserProperties() {
            session.getUserProperties().setProperty("parmap.parameter.width", "64");
            session.getUserProperties().setProperty("parmap.parameter.quality", "80");
            session.getUserProperties().setProperty("parmap.parameter.", "ignored: no name");
        }

        @Test
        @InjectMojo(goal = GOAL, pom = PARAMETERS_POM)
        void commandLineParametersJoinThePomsWhichWin(ProcessMojo mojo) throws Exception {
            writeInputs("a.txt");

            mojo.execute();

            assertEquals("{caption=Hello, world, quality=80, width=256}", Files.readString(outputDirectory.resolve("a.txt.parameters")));
        }
    }

    private static final String EMPTY_PARAMETER_POM = """
            <project>
              <build>
                <plugins>
                  <plugin>
                    <artifactId>parmap-maven-plugin</artifactId>
                    <configuration>
                      <processor>io.github.parmap.maven.ProcessMojoTest$WritesItsParameters</processor>
                      <parameters>
                        <width>256</width>
                        <watermark/>
                        <caption></caption>
                      </parameters>
                    </configuration>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;

    @Test
    @InjectMojo(goal = GOAL, pom = EMPTY_PARAMETER_POM)
    void emptyParameterElementsReachTheProcessorAsEmptyText(ProcessMojo mojo) throws Exception {
        writeInputs("a.txt");

        mojo.execute();

        assertEquals("{caption=, watermark=, width=256}", Files.readString(outputDirectory.resolve("a.txt.parameters")));
    }

    // ---- processors the tests run, loaded by name from the test class path like any user's processor ----

    /**
     * Copies each file, except files whose text starts with {@code reject:}, for which it throws with the rest
     * of the text as the message, after writing an output, so that the test can see the output discarded.
     */
    public static final class RejectsMarkedFiles implements ItemProcessor {
        @Override
        public void process(Item item) throws IOException {
            String text = Files.readString(item.path());
            Files.writeString(item.output(), text);
            if (text.startsWith("reject:")) {
                throw new IllegalStateException(text.substring("reject:".length()).trim());
            }
        }
    }

    /** A processor class that cannot be instantiated. */
    public abstract static class AbstractProcessor implements ItemProcessor {}

    /** A processor whose only constructor takes something parmap cannot give. */
    public static final class NoUsableConstructor implements ItemProcessor {
        public NoUsableConstructor(String name) {}

        @Override
        public void process(Item item) {}
    }

    /** A processor whose constructor throws, as one whose setup is missing does. */
    public static final class ThrowsInConstructor implements ItemProcessor {
        public ThrowsInConstructor() {
            throw new IllegalStateException("no licence key configured");
        }

        @Override
        public void process(Item item) {}
    }

    /** Writes {@code REL.parameters} holding the processor's parameters, sorted by name. */
    public static final class WritesItsParameters implements ItemProcessor {
        private final Map<String, String> parameters;

        public WritesItsParameters(ProcessorContext context) {
            this.parameters = new TreeMap<>(context.parameters());
        }

        @Override
        public void process(Item item) throws IOException {
            Files.writeString(item.output(item.relativePath() + ".parameters"), parameters.toString());
        }
    }

    // ---- helpers ----

    private void assertWorkersRejected(ProcessMojo mojo, String value) throws IOException {
        writeInputs("index.html");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertAll(
                () -> assertTrue(e.getMessage().contains("<workers>"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("parmap.workers"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("1C"), "names an accepted form: " + e.getMessage()),
                () -> assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage()));
        assertFalse(Files.exists(outputDirectory), "nothing is written when the configuration is wrong");
    }

    /** The goal fails before any file is touched, with one line; {@code expected} is that line, or {@code null} to check it elsewhere. */
    private MojoExecutionException assertProcessorRejected(ProcessMojo mojo, String expected) throws IOException {
        writeInputs("index.html");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        if (expected != null) {
            assertEquals(expected, e.getMessage());
        }
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertFalse(Files.exists(outputDirectory), "nothing is written when the processor cannot be used");
        return e;
    }

    /** The relative paths of the failure lines ({@code "  PATH: message"}) of a failure message, in order. */
    private static List<String> listedPaths(List<String> messageLines) {
        return messageLines.stream()
                .filter(line -> line.startsWith("  ") && !line.trim().startsWith("..."))
                .map(line -> line.trim().substring(0, line.trim().indexOf(':')))
                .toList();
    }

    private static void assertListed(List<String> messageLines, String path, String message) {
        assertTrue(messageLines.stream().anyMatch(line -> line.trim().startsWith(path + ":") && line.endsWith(message)),
                () -> "expected a line naming " + path + " with '" + message + "' in:\n" + String.join("\n", messageLines));
    }

    /** Each failed item comes with its own stack trace for {@code mvn -e}, labelled with its path. */
    private static void assertStackTracesKept(MojoFailureException e, List<String> failedPaths) {
        Throwable[] suppressed = e.getSuppressed();
        assertEquals(new TreeSet<>(failedPaths), Arrays.stream(suppressed).map(Throwable::getMessage).collect(Collectors.toCollection(TreeSet::new)));
        for (Throwable label : suppressed) {
            Throwable cause = label.getCause();
            assertTrue(cause instanceof IllegalStateException, () -> label.getMessage() + " carries " + cause);
            assertTrue(Arrays.stream(cause.getStackTrace())
                            .anyMatch(frame -> frame.getClassName().equals(RejectsMarkedFiles.class.getName())
                                    && frame.getMethodName().equals("process")),
                    () -> label.getMessage() + ": the trace reaches into the processor");
        }
    }

    /** Writes each file under the input directory with a text of its own; returns path to text. */
    private Map<String, String> writeInputs(String... relativePaths) throws IOException {
        Map<String, String> written = new TreeMap<>();
        for (String relativePath : relativePaths) {
            String text = ("contents of " + relativePath + "\n").repeat(20);
            writeInput(relativePath, text);
            written.put(relativePath, text);
        }
        return written;
    }

    private void writeInput(String relativePath, String text) throws IOException {
        Path file = inputDirectory.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private List<String> resourceDirectories() {
        return project.getResources().stream().map(Resource::getDirectory).toList();
    }

    /** Every regular file below {@code directory}, as {@code '/'}-separated relative paths. */
    private static Set<String> filesUnder(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> directory.relativize(file).toString().replace(directory.getFileSystem().getSeparator(), "/"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
