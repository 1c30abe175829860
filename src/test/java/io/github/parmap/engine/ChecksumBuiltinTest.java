package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.report.ProcessingResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The checksum built-in, checked by the real {@code sha256sum -c} and {@code sha512sum -c}. */
class ChecksumBuiltinTest {
    /** Names a checksum line must carry intact: spaces, a leading dash, a line break (which the format escapes). */
    private static final List<String> NAMES = List.of("downloads/app-1.0.zip", "downloads/read me.txt", "-rf.bin", "line\nbreak.txt");

    @TempDir
    Path root;

    private Path input;
    private Path output;

    @BeforeEach
    void createInput() throws IOException {
        input = Files.createDirectories(root.resolve("in"));
        output = root.resolve("out");
        Random random = new Random(7);
        for (String name : NAMES) {
            byte[] content = new byte[1000 + random.nextInt(100_000)];
            random.nextBytes(content);
            Trees.write(input, name, content);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sha256, sha256sum", "sha512, sha512sum"})
    void theRealChecksumToolAcceptsEveryLineInTheFolderThatHoldsTheFileAndItsChecksum(String algorithm, String tool) throws Exception {
        ProcessingResult result = Runs.runBuiltin(input, output, "checksum", Map.of("algorithm", algorithm), 2);
        assertTrue(result.succeeded(), result::toString);
        // Published beside their files, as in target/classes when the inputs are resources.
        for (String name : NAMES) {
            Files.copy(input.resolve(name), output.resolve(name));
        }

        for (String name : NAMES) {
            Path checksum = output.resolve(name + "." + algorithm);
            Run check = run(checksum.getParent(), tool, "-c", "--", checksum.getFileName().toString());
            assertEquals(0, check.exitCode(), () -> tool + " -c rejected " + name + ": " + check.output());
            assertTrue(check.output().contains(": OK"), check.output());
        }
    }

    @Test
    void theRealToolRejectsAFileThatChangedAfterwards() throws Exception {
        Runs.runBuiltin(input, output, "checksum", Map.of(), 1);
        Files.copy(input.resolve("downloads/read me.txt"), output.resolve("downloads/read me.txt"));
        Files.writeString(output.resolve("downloads/read me.txt"), "tampered", StandardOpenOption.APPEND);

        Run check = run(output.resolve("downloads"), "sha256sum", "-c", "read me.txt.sha256");

        assertEquals(1, check.exitCode(), check.output());
        assertTrue(check.output().contains("read me.txt: FAILED"), check.output());
    }

    @Test
    void writesOneLineWithTheHexDigestTwoSpacesAndTheFileName() throws Exception {
        ProcessingResult result = Runs.runBuiltin(input, output, "checksum", Map.of(), 1);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(List.of("-rf.bin.sha256", "downloads/app-1.0.zip.sha256", "downloads/read me.txt.sha256", "line\nbreak.txt.sha256"),
                Trees.files(output));
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(input.resolve("downloads/read me.txt"))));
        assertEquals(hex + "  read me.txt\n", Trees.read(output, "downloads/read me.txt.sha256"));
        String escaped = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(input.resolve("line\nbreak.txt"))));
        assertEquals("\\" + escaped + "  line\\nbreak.txt\n", Trees.read(output, "line\nbreak.txt.sha256"),
                "a line break in the name is escaped, and the line marked, as sha256sum does");
    }

    @Test
    void sha512WritesRelSha512() throws Exception {
        Runs.runBuiltin(input, output, "checksum", Map.of("algorithm", "SHA512"), 1);

        String line = Trees.read(output, "-rf.bin.sha512");
        assertEquals(128 + "  -rf.bin\n".length(), line.length(), line);
        assertTrue(Trees.files(output).stream().allMatch(path -> path.endsWith(".sha512")));
    }

    @Test
    void outputIsTheSameForAnyWorkerCount() throws Exception {
        Runs.runBuiltin(input, root.resolve("one"), "checksum", Map.of(), 1);
        Runs.runBuiltin(input, root.resolve("three"), "checksum", Map.of(), 3);

        assertEquals(Trees.contents(root.resolve("one")), Trees.contents(root.resolve("three")));
    }

    @ParameterizedTest(name = "algorithm ''{0}''")
    @ValueSource(strings = {"md5", "sha-256", "sha1"})
    void rejectsOtherAlgorithmsNamingTheParameterAndTheChoices(String algorithm) throws Exception {
        ProcessingResult result = Runs.runBuiltin(input, output, "checksum", Map.of("algorithm", algorithm), 1);

        assertFalse(result.succeeded());
        assertEquals("processor checksum could not be created: parameter <algorithm> of the checksum processor must be one of sha256, sha512, "
                + "was: '" + algorithm + "'", result.processorFailures().get(0).message());
    }

    @Test
    void rejectsUnknownParameters() throws Exception {
        ProcessingResult result = Runs.runBuiltin(input, output, "checksum", Map.of("algo", "sha512"), 1);

        assertEquals("processor checksum could not be created: unknown parameter algo for the checksum processor; it accepts: algorithm",
                result.processorFailures().get(0).message());
    }

    private record Run(int exitCode, String output) {}

    private static Run run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), printed);
    }
}
