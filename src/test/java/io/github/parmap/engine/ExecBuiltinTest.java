package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.builtin.CommandFailedException;
import io.github.parmap.engine.processor.ProcessorDefinition;
import io.github.parmap.engine.processor.ProcessorResolver;
import io.github.parmap.engine.report.ItemFailure;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.state.Incremental;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exec built-in, with programs every Debian machine has (coreutils and gzip): arguments reach the
 * program intact whatever the file names hold, outputs go through the item, failures carry the exit code and
 * what the program printed, and a missing program is one failure, before any file.
 */
class ExecBuiltinTest {
    /** File names a shell would mangle: spaces, a leading dash, quotes, a dollar sign, a glob. */
    private static final List<String> AWKWARD = List.of("a b.txt", "-rf.txt", "sub dir/it's \"quoted\".txt", "$HOME *.txt");

    @TempDir
    Path root;

    private Path input;
    private Path output;

    @BeforeEach
    void createInput() throws IOException {
        input = Files.createDirectories(root.resolve("in"));
        output = root.resolve("out");
    }

    private ProcessingResult exec(Map<String, String> parameters, int workers) throws Exception {
        return Runs.runBuiltin(input, output, "exec", parameters, workers);
    }

    private ProcessingResult exec(Map<String, String> parameters, RecordingLog log) throws Exception {
        ProcessorDefinition definition = ProcessorResolver.resolve("exec", getClass().getClassLoader());
        return ParallelRun.execute(ProcessingRequest.builder(input, output, definition).parameters(parameters).workers(2).log(log).build());
    }

    @Test
    void copiesFilesWhoseNamesHaveSpacesLeadingDashesAndShellCharacters() throws Exception {
        for (String name : AWKWARD) {
            Trees.write(input, name, "content of " + name);
        }

        ProcessingResult result = exec(Map.of("command", "cp {in} {out}"), 2);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(Trees.contents(input), Trees.contents(output));
    }

    @Test
    void eachPlaceholderIsOneArgumentEvenWithSpacesAndLeadingDashes() throws Exception {
        Trees.write(input, "sub dir/-n my file.tar.gz", "x");

        // printf repeats its format for each argument: one line per argument, in brackets.
        ProcessingResult result = exec(Map.of(
                "command", "printf [%s]\\n {in} {rel} {name} {stem} prefix-{stem}-suffix {out:.log}",
                "stdout", "{out:.args}"), 1);

        assertTrue(result.succeeded(), result::toString);
        List<String> lines = Trees.read(output, "sub dir/-n my file.tar.args").lines().toList();
        assertEquals(6, lines.size(), lines::toString);
        assertEquals("[" + input.resolve("sub dir/-n my file.tar.gz") + "]", lines.get(0));
        assertEquals("[sub dir/-n my file.tar.gz]", lines.get(1));
        assertEquals("[-n my file.tar.gz]", lines.get(2));
        assertEquals("[-n my file.tar]", lines.get(3));
        assertEquals("[prefix--n my file.tar-suffix]", lines.get(4));
        assertTrue(lines.get(5).endsWith("/-n my file.tar.log]"), lines.get(5));
        assertEquals(List.of("sub dir/-n my file.tar.args"), Trees.files(output), "{out:.log} was never written, so it is no output");
    }

    @Test
    void quotesGroupWordsAndAreRemovedWithoutEscapes() throws Exception {
        Trees.write(input, "a.txt", "x");

        exec(Map.of("command", "printf '%s|%s|%s\\n' \"two words\" 'say \"hi\"' pre\"fix {name}\"post", "stdout", "{out}"), 1);

        assertEquals("two words|say \"hi\"|prefix a.txtpost\n", Trees.read(output, "a.txt"));
    }

    @Test
    void bracesThatStartNoPlaceholderStayAsWritten() throws Exception {
        Trees.write(input, "a.txt", "x");

        exec(Map.of("command", "printf [%s]\\n {} '{\"key\":{name}}' {in {rel", "stdout", "{out}"), 1);

        assertEquals("[{}]\n[{\"key\":a.txt}]\n[{in]\n[{rel]\n", Trees.read(output, "a.txt"));
    }

    @Test
    void aCommandMaySpanSeveralLines() throws Exception {
        Trees.write(input, "a.txt", "x");

        exec(Map.of("command", "\n  printf\n    %s-%s\n    {name}\n    {stem}\n", "stdout", "{out}"), 1);

        assertEquals("a.txt-a", Trees.read(output, "a.txt"));
    }

    @Test
    void stdinAndStdoutLetFiltersRun() throws Exception {
        Trees.write(input, "hello world.txt", "hello, world\n");
        Trees.write(input, "-dash.txt", "dash\n");

        ProcessingResult result = exec(Map.of("command", "tr a-z A-Z", "stdin", "{in}", "stdout", "{out}"), 2);

        assertTrue(result.succeeded(), result::toString);
        assertEquals("HELLO, WORLD\n", Trees.read(output, "hello world.txt"));
        assertEquals("DASH\n", Trees.read(output, "-dash.txt"));
    }

    @Test
    void outWithAnExtensionReplacesTheInputsExtension() throws Exception {
        Trees.write(input, "docs/readme.txt", "text");
        Trees.write(input, "Makefile", "all:");

        ProcessingResult result = exec(Map.of("command", "gzip -n -c {in}", "stdout", "{out:.gz}"), 1);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(List.of("Makefile.gz", "docs/readme.gz"), Trees.files(output));
    }

    @Test
    void aFailingCommandFailsItsFileWithTheExitCodeAndTheEndOfItsStderrAndLeavesNoOutput() throws Exception {
        Trees.write(input, "good.gz", gzip("good content\n"));
        Trees.write(input, "bad name.gz", "this is not gzip\n");

        ProcessingResult result = exec(Map.of("command", "gzip -d -c {in}", "stdout", "{out:.txt}"), 2);

        assertEquals(1, result.failures().size(), result::toString);
        ItemFailure failure = result.failures().get(0);
        assertEquals("bad name.gz", failure.relativePath());
        CommandFailedException cause = (CommandFailedException) failure.cause();
        assertEquals(1, cause.exitCode());
        assertEquals(1, cause.lastLines().size(), cause.lastLines()::toString);
        assertTrue(cause.lastLines().get(0).contains("not in gzip format"), cause.lastLines()::toString);
        assertEquals("bad name.gz: gzip exited with code 1; the last lines of its stderr:" + System.lineSeparator() + "      "
                + cause.lastLines().get(0), failure.describe());
        // gzip had opened its stdout, {out:.txt}, before it failed: that file is discarded with the item.
        assertEquals(List.of("good.txt"), Trees.files(output));
        assertEquals("good content\n", Trees.read(output, "good.txt"));
    }

    @Test
    void onlyTheLastTwentyLinesOfStderrAreKept() throws Exception {
        Trees.write(input, "a.txt", "x");
        String missing = IntStream.rangeClosed(1, 30).mapToObj(i -> String.format("missing-%02d", i)).collect(Collectors.joining(" "));

        ProcessingResult result = exec(Map.of("command", "ls " + missing), 1);

        CommandFailedException cause = (CommandFailedException) result.failures().get(0).cause();
        assertEquals(2, cause.exitCode());
        assertEquals(20, cause.lastLines().size());
        assertTrue(cause.lastLines().get(0).contains("missing-11"), cause.lastLines().get(0));
        assertTrue(cause.lastLines().get(19).contains("missing-30"), cause.lastLines().get(19));
    }

    @Test
    void aCommandThatPrintsNothingFailsSayingSo() throws Exception {
        Trees.write(input, "a.txt", "x");

        ProcessingResult result = exec(Map.of("command", "false"), 1);

        assertEquals("a.txt: false exited with code 1 and printed nothing", result.failures().get(0).describe());
    }

    @Test
    void successExitCodesDecideWhatSucceeds() throws Exception {
        Trees.write(input, "a.txt", "x");

        assertTrue(exec(Map.of("command", "false", "successExitCodes", "0, 1"), 1).succeeded());
        ProcessingResult onlyTwo = exec(Map.of("command", "true", "successExitCodes", "2"), 1);
        assertEquals("a.txt: true exited with code 0 (success: 2) and printed nothing", onlyTwo.failures().get(0).describe());
    }

    @Test
    void aMissingProgramIsOneFailureBeforeAnyFile() throws Exception {
        for (int i = 0; i < 8; i++) {
            Trees.write(input, "file-" + i + ".txt", "x");
        }

        ProcessingResult result = exec(Map.of("command", "parmap-no-such-program {in} {out}"), 4);

        assertFalse(result.succeeded());
        assertEquals(List.of(), result.failures());
        assertEquals(0, result.processed());
        assertEquals(1, result.processorFailures().size(), result::toString);
        String message = result.processorFailures().get(0).message();
        assertTrue(message.startsWith("processor exec could not be created: the program parmap-no-such-program named in <command> "
                + "was not found on the PATH ("), message);
        assertTrue(message.endsWith("); install it, or write its path in <command>"), message);
        assertEquals(List.of(), Trees.entries(output).stream().filter(path -> !path.startsWith(".parmap-staging")).toList());
    }

    @Test
    void theProgramIsLookedUpOnThePathSetInTheEnvironment() throws Exception {
        Trees.write(input, "a.txt", "x");

        ProcessingResult result = exec(Map.of("command", "cp {in} {out}", "environment", "PATH=" + root.resolve("empty-bin")), 1);

        assertEquals("processor exec could not be created: the program cp named in <command> was not found on the PATH ("
                + root.resolve("empty-bin") + "); install it, or write its path in <command>", result.processorFailures().get(0).message());
    }

    @Test
    void aProgramGivenAsAPathMustExist() throws Exception {
        Trees.write(input, "a.txt", "x");

        ProcessingResult result = exec(Map.of("command", "./tools/convert {in}"), 1);

        assertEquals("processor exec could not be created: the program ./tools/convert named in <command> does not exist: "
                + input.resolve("tools/convert"), result.processorFailures().get(0).message());
    }

    @Test
    void environmentLinesAreAddedToTheProgramsEnvironment() throws Exception {
        Trees.write(input, "a.txt", "x");

        ProcessingResult result = exec(Map.of("command", "printenv GREETING EMPTY TARGET",
                "environment", "\n    GREETING = hello, world\n    EMPTY=\n    TARGET=a=b\n  ", "stdout", "{out}"), 1);

        assertTrue(result.succeeded(), result::toString);
        assertEquals("hello, world\n\na=b\n", Trees.read(output, "a.txt"));
    }

    @Test
    void theProgramRunsInTheInputDirectoryOrTheWorkingDirectory() throws Exception {
        Trees.write(input, "a.txt", "from the input directory");
        Path tools = Files.createDirectories(root.resolve("tools"));
        Trees.write(tools, "a.txt", "from the working directory");

        exec(Map.of("command", "cp {name} {out}"), 1);
        assertEquals("from the input directory", Trees.read(output, "a.txt"));

        exec(Map.of("command", "cp {name} {out}", "workingDirectory", "../tools"), 1);
        assertEquals("from the working directory", Trees.read(output, "a.txt"));

        exec(Map.of("command", "cp {name} {out}", "workingDirectory", tools.toString()), 1);
        assertEquals("from the working directory", Trees.read(output, "a.txt"));
    }

    @Test
    void outputIsLoggedAtDebugOneWholeMessagePerFile() throws Exception {
        List<String> names = IntStream.range(0, 8).mapToObj(i -> "file-" + i + ".txt").toList();
        names.forEach(name -> Trees.write(input, name, name));
        RecordingLog log = new RecordingLog(Level.DEBUG);

        ProcessingResult result = exec(Map.of("command", "printf %s\\n%s\\n {rel} {rel}"), log);

        assertTrue(result.succeeded(), result::toString);
        List<String> messages = log.messages(Level.DEBUG).stream().filter(message -> message.contains("exited with 0")).toList();
        assertEquals(8, messages.size(), messages::toString);
        for (String name : names) {
            String message = messages.stream().filter(m -> m.startsWith(name + ": ")).findFirst().orElseThrow();
            List<String> lines = message.lines().toList();
            assertEquals(List.of("stdout:", "  " + name, "  " + name), lines.subList(1, lines.size()), message);
        }
        RecordingLog quiet = new RecordingLog();
        exec(Map.of("command", "printf %s\\n {rel}"), quiet);
        assertTrue(quiet.entries().stream().noneMatch(entry -> entry.message().contains("file-0.txt")), "nothing per file without -X");
    }

    @Test
    void capturedOutputFilesAreRemovedAtTheEnd() throws Exception {
        Trees.write(input, "a.txt", "x");
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        Set<Path> before = captureFiles(temporary);

        exec(Map.of("command", "printf %s {rel}"), 2);

        assertEquals(before, captureFiles(temporary));
    }

    private static Set<Path> captureFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().startsWith("parmap-exec-")).collect(Collectors.toSet());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "  | the exec processor needs parameter <command>, the program to run and its arguments, such as "
                + "<command>cwebp -q 80 {in} -o {out:.webp}</command>",
        "cp 'a b {in} | parameter <command> of the exec processor must be words separated by spaces, where quotes come in pairs; "
                + "a single quote is not closed, was: 'cp 'a b {in}'",
        "cp {input} {out} | parameter <command> of the exec processor has an unknown placeholder {input}; the placeholders are "
                + "{in}, {rel}, {out}, {out:.ext}, {name} and {stem}",
        "cp {in} {out:webp} | parameter <command> of the exec processor has the placeholder {out:webp}, but {out:.ext} takes an "
                + "extension that starts with a dot and has no slash, such as {out:.webp}",
        "'' {in} | parameter <command> of the exec processor must be a program followed by its arguments; the program's name is empty, "
                + "was: ''' {in}'"
    })
    void rejectsBadCommandsNamingTheParameter(String command, String message) throws Exception {
        Trees.write(input, "a.txt", "x");
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("command", command == null ? "" : command);

        ProcessingResult result = exec(parameters, 1);

        assertEquals("processor exec could not be created: " + message, result.processorFailures().get(0).message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "successExitCodes=0,x | parameter <successExitCodes> of the exec processor must be whole numbers separated by commas, "
                + "such as 0,1, was: '0,x'",
        "environment=JUST_A_NAME | parameter <environment> of the exec processor must be one NAME=value per line, was: 'JUST_A_NAME'",
        "workingDirectory=no-such-dir | parameter <workingDirectory> of the exec processor must be an existing directory (INPUT/no-such-dir "
                + "is not one; a relative path is resolved against the input directory), was: 'no-such-dir'",
        "stdin={file} | parameter <stdin> of the exec processor has an unknown placeholder {file}; the placeholders are "
                + "{in}, {rel}, {out}, {out:.ext}, {name} and {stem}",
        "shell=bash | unknown parameter shell for the exec processor; it accepts: command, environment, stdin, stdout, successExitCodes, "
                + "workingDirectory"
    })
    void rejectsBadParametersNamingThem(String parameter, String message) throws Exception {
        Trees.write(input, "a.txt", "x");
        Map<String, String> parameters = new TreeMap<>(Map.of("command", "cp {in} {out}"));
        parameters.put(parameter.substring(0, parameter.indexOf('=')), parameter.substring(parameter.indexOf('=') + 1));

        ProcessingResult result = exec(parameters, 1);

        assertEquals("processor exec could not be created: " + message.replace("INPUT", input.toString()),
                result.processorFailures().get(0).message());
    }

    @Test
    void incrementalRunsRedoOnlyWhatChanged() throws Exception {
        Trees.write(input, "a.txt", "a");
        Trees.write(input, "b.txt", "b");
        Incremental incremental = new Incremental(root.resolve("state"), "exec cp", false);
        ProcessorDefinition definition = ProcessorResolver.resolve("exec", getClass().getClassLoader());
        ProcessingRequest request = ProcessingRequest.builder(input, output, definition)
                .parameters(Map.of("command", "cp {in} {out}")).workers(2).incremental(incremental).build();

        assertEquals(2, ParallelRun.execute(request).processed());
        Trees.write(input, "b.txt", "b, edited");
        ProcessingResult second = ParallelRun.execute(request);

        assertEquals(1, second.processed());
        assertEquals(1, second.upToDate());
        assertEquals("b, edited", Trees.read(output, "b.txt"));
    }

    /**
     * A command run for its exit code only, such as {@code xmllint --noout {in}}, is legitimate, so a run that
     * made no output succeeds; but {@code cat {in}} without {@code <stdout>} is a mistake that must not pass
     * unnoticed: one INFO line at the end says so and how outputs are made.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"cat {in}", "true", "cp {in} /dev/null"})
    void commandThatWritesNoOutputSucceedsWithOneLineSayingHowOutputsAreMade(String command) throws Exception {
        Trees.write(input, "a.txt", "a");
        Trees.write(input, "b.txt", "b");
        Trees.write(input, "c.txt", "c");
        RecordingLog log = new RecordingLog();

        ProcessingResult result = exec(Map.of("command", command), log);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(0, result.outputsCommitted());
        List<String> notes = log.messages(Level.INFO).stream().filter(line -> line.contains("no output")).toList();
        assertEquals(List.of("exec wrote no output for any of the 3 files processed: only the files the command writes to {out} or"
                + " {out:.ext}, and its standard output when <stdout> names one (<stdout>{out}</stdout>), become outputs. A command"
                + " run only for its exit code, such as a validator, needs neither."), notes);
        assertTrue(log.messages(Level.INFO).indexOf(notes.get(0)) > log.messages(Level.INFO).indexOf(
                log.messages(Level.INFO).stream().filter(line -> line.startsWith("Processed 3 of 3 files")).findFirst().orElseThrow()),
                "after the summary: " + log.messages(Level.INFO));
    }

    @Test
    void commandThatWritesOutputsOrRunWhereNothingIsProcessedHasNoSuchLine() throws Exception {
        Trees.write(input, "a.txt", "a");
        Trees.write(input, "b.txt", "b");
        RecordingLog copying = new RecordingLog();
        exec(Map.of("command", "cp {in} {out}"), copying);
        RecordingLog fromStdout = new RecordingLog();
        exec(Map.of("command", "cat {in}", "stdout", "{out:.cat}"), fromStdout);
        ProcessingRequest.Builder validator = ProcessingRequest.builder(input, root.resolve("validated"),
                        ProcessorResolver.resolve("exec", getClass().getClassLoader()))
                .parameters(Map.of("command", "true")).incremental(new Incremental(root.resolve("state"), "exec true", false));
        ParallelRun.execute(validator.log(new RecordingLog()).build());
        RecordingLog upToDate = new RecordingLog();
        assertEquals(2, ParallelRun.execute(validator.log(upToDate).build()).upToDate());

        for (RecordingLog log : List.of(copying, fromStdout, upToDate)) {
            assertEquals(List.of(), log.messages(Level.INFO).stream().filter(line -> line.contains("no output")).toList(),
                    log.messages(Level.INFO)::toString);
        }
        assertEquals(List.of("a.cat", "a.txt", "b.cat", "b.txt"), Trees.files(output));
    }

    private static byte[] gzip(String text) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
