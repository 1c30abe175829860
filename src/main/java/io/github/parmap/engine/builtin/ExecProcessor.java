package io.github.parmap.engine.builtin;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import io.github.parmap.engine.support.PlainMessageException;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.System.Logger.Level;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Built-in {@code exec}: runs a program once per file, like GNU parallel or {@code xargs -P} would, but with
 * parmap's atomic outputs, failure report and incremental builds.
 *
 * <p>Parameters:
 * <ul>
 * <li>{@code command} (required): the program and its arguments. Words are separated by white space
 * (line breaks included); single or double quotes group words with spaces into one argument and are removed;
 * there are no escapes. The program is started directly, never through a shell, so there are no pipes,
 * redirections, variables or wildcards. Placeholders, filled in for each file after the command is split, so
 * that each stays within its argument whatever the file name holds: {@code {in}} the input's absolute path,
 * {@code {rel}} its relative path, {@code {out}} the output path for the same relative path,
 * {@code {out:.ext}} the output path with the extension replaced, {@code {name}} the file name,
 * {@code {stem}} the file name without its extension.</li>
 * <li>{@code workingDirectory}: where the program runs; default, and base of a relative path: the input
 * directory.</li>
 * <li>{@code environment}: variables added to the program's environment, one {@code NAME=value} per line.</li>
 * <li>{@code successExitCodes}: the exit codes that mean success, separated by commas; default {@code 0}.</li>
 * <li>{@code stdin}: a file fed to the program's standard input, typically {@code {in}}; default: none.</li>
 * <li>{@code stdout}: a file that receives the program's standard output, typically {@code {out}}; default:
 * captured for the log.</li>
 * </ul>
 *
 * <p>The program is looked up on the {@code PATH} (the one set in {@code environment}, if any) when the
 * processor is created, so a missing program fails the run once, before any file. Only files written to
 * {@code {out}} or {@code {out:.ext}} paths (or to {@code stdout} there) become outputs, committed atomically
 * when the program succeeds. Its standard output and error go to files of this worker and are logged at DEBUG
 * after each file, whole; when the exit code is not a success code, the file fails with the exit code and
 * the last lines the program printed.
 */
public final class ExecProcessor implements ItemProcessor {
    /** Said once at the end of a run where the command wrote no output for any file. */
    public static final String HOW_OUTPUTS_ARE_MADE = "only the files the command writes to {out} or {out:.ext}, and its standard"
            + " output when <stdout> names one (<stdout>{out}</stdout>), become outputs. A command run only for its exit code, such as"
            + " a validator, needs neither.";
    static final int TAIL_LINES = 20;
    private static final int TAIL_BYTES = 16 * 1024;
    private static final Charset CONSOLE = consoleCharset();

    private final List<CommandTemplate> command;
    /** The program's absolute path, looked up once; {@code null} when the program itself is a placeholder. */
    private final String program;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final Set<Integer> successExitCodes;
    private final CommandTemplate stdin;
    private final CommandTemplate stdout;
    private final System.Logger logger;
    private final Path capturedOutput;
    private final Path capturedErrors;

    /**
     * @param context the run's context, whose parameters are read and checked
     * @throws IOException if the files that capture the program's output cannot be created
     */
    public ExecProcessor(ProcessorContext context) throws IOException {
        Parameters parameters = new Parameters("exec", context.parameters(),
                Set.of("command", "workingDirectory", "environment", "successExitCodes", "stdin", "stdout"));
        String commandText = parameters.required("command",
                "the program to run and its arguments, such as <command>cwebp -q 80 {in} -o {out:.webp}</command>");
        List<String> words = split(commandText, parameters);
        if (words.get(0).isBlank()) {
            throw parameters.invalid("command", "a program followed by its arguments; the program's name is empty", commandText.strip());
        }
        this.command = words.stream().map(word -> CommandTemplate.parse(word, "command")).toList();
        this.workingDirectory = workingDirectory(parameters, context.inputDirectory());
        this.environment = environment(parameters);
        this.successExitCodes = successExitCodes(parameters);
        this.stdin = parameters.text("stdin").map(text -> CommandTemplate.parse(text.strip(), "stdin")).orElse(null);
        this.stdout = parameters.text("stdout").map(text -> CommandTemplate.parse(text.strip(), "stdout")).orElse(null);
        this.program = command.get(0).hasPlaceholders() ? null : findProgram(command.get(0).text());
        this.logger = context.logger();
        this.capturedOutput = Files.createTempFile("parmap-exec-" + context.workerIndex() + "-", ".stdout");
        this.capturedErrors = Files.createTempFile("parmap-exec-" + context.workerIndex() + "-", ".stderr");
    }

    @Override
    public void process(Item item) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(command.size());
        for (CommandTemplate word : command) {
            arguments.add(arguments.isEmpty() && program != null ? program : word.expand(item));
        }
        ProcessBuilder builder = new ProcessBuilder(arguments).directory(workingDirectory.toFile());
        builder.environment().putAll(environment);
        builder.redirectOutput(stdout == null ? capturedOutput.toFile() : resolve(stdout.expand(item)));
        builder.redirectError(capturedErrors.toFile());
        if (stdin != null) {
            builder.redirectInput(resolve(stdin.expand(item)));
        }
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start " + command.get(0).text() + ": " + e.getMessage(), e);
        }
        if (stdin == null) {
            // The program reads an empty input, never the build's console.
            process.getOutputStream().close();
        }
        int exitCode = waitFor(process);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (!successExitCodes.contains(exitCode)) {
            throw failure(exitCode);
        }
        if (logger.isLoggable(Level.DEBUG)) {
            logger.log(Level.DEBUG, item.relativePath() + ": " + arguments + " exited with " + exitCode + " after " + millis + " ms"
                    + printed("stdout", stdout == null ? tail(capturedOutput) : List.of())
                    + printed("stderr", tail(capturedErrors)));
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(capturedOutput);
        Files.deleteIfExists(capturedErrors);
    }

    private static int waitFor(Process process) throws InterruptedException {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
    }

    private CommandFailedException failure(int exitCode) throws IOException {
        List<String> errors = tail(capturedErrors);
        List<String> output = stdout == null ? tail(capturedOutput) : List.of();
        String stream = !errors.isEmpty() ? "stderr" : !output.isEmpty() ? "stdout" : null;
        List<String> lines = !errors.isEmpty() ? errors : output;
        String success = successExitCodes.equals(Set.of(0)) ? ""
                : " (success: " + successExitCodes.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
        StringBuilder message = new StringBuilder(command.get(0).text()).append(" exited with code ").append(exitCode).append(success);
        if (stream == null) {
            message.append(" and printed nothing");
        } else {
            message.append("; the last lines of its ").append(stream).append(':');
            lines.forEach(line -> message.append(System.lineSeparator()).append("      ").append(line));
        }
        return new CommandFailedException(message.toString(), exitCode, lines);
    }

    private static String printed(String stream, List<String> lines) {
        if (lines.isEmpty()) {
            return "";
        }
        return System.lineSeparator() + stream + (lines.size() == TAIL_LINES ? " (last " + TAIL_LINES + " lines)" : "") + ":"
                + lines.stream().map(line -> System.lineSeparator() + "  " + line).collect(Collectors.joining());
    }

    /** The last lines of a captured stream, without empty lines before or after them. */
    static List<String> tail(Path file) throws IOException {
        byte[] bytes;
        boolean cut;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            cut = length > TAIL_BYTES;
            bytes = new byte[(int) Math.min(length, TAIL_BYTES)];
            in.seek(length - bytes.length);
            in.readFully(bytes);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, CONSOLE).split("\r?\n|\r", -1)));
        if (cut && !lines.isEmpty()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        while (!last.isEmpty() && last.get(0).isBlank()) {
            last.remove(0);
        }
        return List.copyOf(last);
    }

    private File resolve(String path) {
        return workingDirectory.resolve(path).toFile();
    }

    /** Splits the command into words at white space outside quotes; quotes group and are removed, with no escapes. */
    static List<String> split(String command, Parameters parameters) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw parameters.invalid("command", "words separated by spaces, where quotes come in pairs; a " + (quote == '"' ? "double" : "single")
                    + " quote is not closed", command.strip());
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static Path workingDirectory(Parameters parameters, Path inputDirectory) {
        String raw = parameters.text("workingDirectory").map(String::strip).orElse(null);
        if (raw == null) {
            return inputDirectory;
        }
        Path directory;
        try {
            directory = inputDirectory.resolve(raw).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw parameters.invalid("workingDirectory", "a directory path");
        }
        if (!Files.isDirectory(directory)) {
            throw parameters.invalid("workingDirectory", "an existing directory (" + directory + " is not one; a relative path is "
                    + "resolved against the input directory)");
        }
        return directory;
    }

    private static Map<String, String> environment(Parameters parameters) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : parameters.text("environment").orElse("").split("\\R")) {
            String entry = line.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String name = equals < 0 ? "" : entry.substring(0, equals).strip();
            if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                throw parameters.invalid("environment", "one NAME=value per line", entry);
            }
            variables.put(name, entry.substring(equals + 1).strip());
        }
        return Map.copyOf(variables);
    }

    private static Set<Integer> successExitCodes(Parameters parameters) {
        String raw = parameters.text("successExitCodes").orElse("0").strip();
        Set<Integer> codes = new LinkedHashSet<>();
        for (String code : raw.split("[,\\s]+")) {
            try {
                codes.add(Integer.parseInt(code));
            } catch (NumberFormatException e) {
                throw parameters.invalid("successExitCodes", "whole numbers separated by commas, such as 0,1");
            }
        }
        return Set.copyOf(codes);
    }

    /**
     * Finds the program as the operating system would, once, so that a missing one fails the run before any
     * file: a name with a slash is a path (relative to the working directory), any other name is looked up
     * on the {@code PATH}.
     */
    private String findProgram(String name) {
        if (name.indexOf('/') >= 0 || name.indexOf(File.separatorChar) >= 0) {
            Path path = workingDirectory.resolve(name).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                throw new PlainMessageException("the program " + name + " named in <command> does not exist: " + path);
            }
            if (!Files.isExecutable(path)) {
                throw new PlainMessageException("the program " + name + " named in <command> is not executable: " + path);
            }
            return path.toString();
        }
        String searchPath = environment.containsKey("PATH") ? environment.get("PATH") : System.getenv("PATH");
        for (String directory : (searchPath == null ? "" : searchPath).split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            for (String candidate : candidates(name)) {
                try {
                    Path path = Path.of(directory).resolve(candidate);
                    if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                        return path.toAbsolutePath().toString();
                    }
                } catch (InvalidPathException notAPath) {
                    // a PATH entry that is no valid path holds no program
                }
            }
        }
        throw new PlainMessageException("the program " + name + " named in <command> was not found on the PATH (" + searchPath
                + "); install it, or write its path in <command>");
    }

    /** The file names a program name may have: on Windows with each of the PATHEXT extensions too. */
    private static List<String> candidates(String name) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return List.of(name);
        }
        List<String> names = new ArrayList<>(List.of(name));
        String extensions = System.getenv("PATHEXT");
        for (String extension : (extensions == null ? ".COM;.EXE;.BAT;.CMD" : extensions).split(";")) {
            if (!extension.isEmpty()) {
                names.add(name + extension.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static Charset consoleCharset() {
        try {
            return Charset.forName(System.getProperty("native.encoding", "UTF-8"));
        } catch (IllegalArgumentException unknown) {
            return Charset.defaultCharset();
        }
    }
}
