package io.github.parmap.engine.processor;

import io.github.parmap.engine.support.FileTrees;
import io.github.parmap.engine.support.Fingerprints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles a processor written as one {@code .java} file with the JDK's compiler, in memory, and loads it.
 *
 * <p>The file's public top-level class, named like the file, is the processor; a package declaration, further
 * top-level classes and nested classes are all fine. The source is compiled for the running JVM's Java version
 * ({@code --release} of its feature version), without annotation processing, against
 * {@link ProcessorSource#parentClasspath()} and {@link ProcessorSource#libraries()}. Compile errors come back
 * as a {@link ProcessorCompilationException} whose message lists them as javac prints them.
 *
 * <p>With a {@link ProcessorSource#cacheDirectory()}, the class files are kept there under a key made of the
 * source's bytes, its file name and encoding, the compiler options, the Java version, and the path, size and
 * modification time of every class path entry; a later compilation with the same key loads them instead of
 * running the compiler. Directories of other keys are removed when a new one is written, so the cache holds
 * the current compilation only.
 */
public final class SourceProcessorCompiler {
    /** Lists the binary names of the cached classes; written last, so a directory that has it is complete. */
    public static final String CACHE_INDEX = "classes.list";

    private static final String CACHE_FORMAT = "1";
    private static final Pattern CACHE_ENTRY = Pattern.compile("[0-9a-f]{64}(\\.tmp-.*)?");

    private final JavaCompiler compiler;

    /** Uses the JDK's compiler, as {@link ToolProvider#getSystemJavaCompiler()} finds it. */
    public SourceProcessorCompiler() {
        this(ToolProvider.getSystemJavaCompiler());
    }

    /** @param compiler the compiler to use, or {@code null} when the Java runtime has none */
    public SourceProcessorCompiler(JavaCompiler compiler) {
        this.compiler = compiler;
    }

    /** @return the Java version processor sources are compiled for: the running JVM's feature version */
    public static int release() {
        return Runtime.version().feature();
    }

    /** @return the options the compiler runs with */
    public static List<String> compilerOptions() {
        // -g: line numbers and local variables in stack traces and debuggers; -proc:none: no annotation
        // processors picked up from the class path.
        return List.of("--release", Integer.toString(release()), "-proc:none", "-g");
    }

    /**
     * Compiles the source, or loads its classes from the cache, and loads its processor class.
     *
     * @param source the file and what it is compiled against
     * @return the loaded classes; close them when the run is over
     * @throws ProcessorCompilationException if the source does not compile, declares no class named like the
     *     file, cannot be decoded, or there is no compiler to compile it with
     * @throws IOException if the file cannot be read or the cache cannot be written
     */
    public CompiledProcessor compile(ProcessorSource source) throws ProcessorCompilationException, IOException {
        byte[] bytes = Files.readAllBytes(source.file());
        String sourceDigest = Fingerprints.hex(Fingerprints.sha256().digest(bytes));
        List<String> options = compilerOptions();
        Path cached = source.cacheDirectory() == null ? null : source.cacheDirectory().resolve(cacheKey(source, sourceDigest, options));

        Map<String, byte[]> classes = cached == null ? null : readCache(cached);
        boolean fromCache = classes != null;
        List<String> warnings = List.of();
        String className;
        if (fromCache) {
            className = processorClassName(classes.keySet(), source);
        } else {
            Compilation compilation = javac(source, decode(bytes, source), options);
            classes = compilation.classes();
            warnings = compilation.warnings();
            className = processorClassName(classes.keySet(), source);
            if (cached != null) {
                writeCache(cached, classes);
            }
        }

        CompiledClassLoader loader = new CompiledClassLoader(classes, source.libraries(), source.parent(), source.file());
        try {
            Class<?> type = Class.forName(className, false, loader);
            return new CompiledProcessor(type, loader, fromCache, sourceDigest, options, warnings, cached);
        } catch (ClassNotFoundException | LinkageError e) {
            loader.close();
            throw new ProcessorCompilationException(source.displayPath(), "class " + className + " compiled from " + source.displayPath()
                    + " could not be loaded: " + e);
        }
    }

    private record Compilation(Map<String, byte[]> classes, List<String> warnings) {}

    private Compilation javac(ProcessorSource source, String text, List<String> options) throws ProcessorCompilationException, IOException {
        if (compiler == null) {
            throw new ProcessorCompilationException(source.displayPath(), source.displayPath() + " cannot be compiled: this Java runtime ("
                    + System.getProperty("java.home") + ") has no Java compiler. Run the build on a JDK, not a JRE "
                    + "(point JAVA_HOME at a JDK).");
        }
        SourceText unit = new SourceText(source.file().toUri(), source.displayPath(), text);
        // No diagnostic listener: javac then prints its messages the way it does on the command line.
        StringWriter output = new StringWriter();
        boolean success;
        Map<String, byte[]> classes;
        try (StandardJavaFileManager standard = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<Path> classpath = new ArrayList<>(source.parentClasspath());
            classpath.addAll(source.libraries());
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
            // Without a source path javac would look for sources on the class path, too.
            standard.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
            InMemoryOutput fileManager = new InMemoryOutput(standard);
            try {
                JavaCompiler.CompilationTask task = compiler.getTask(output, fileManager, null, options, null, List.of(unit));
                task.setLocale(Locale.ROOT);
                success = task.call();
            } catch (RuntimeException e) {
                throw new ProcessorCompilationException(source.displayPath(), "the Java compiler failed on " + source.displayPath() + ": " + e);
            }
            classes = fileManager.classes();
        }
        String printed = output.toString().strip().replaceAll("\\R", System.lineSeparator());
        List<String> messages = messages(printed, source.displayPath());
        if (success) {
            return new Compilation(classes, messages);
        }
        throw new ProcessorCompilationException(source.displayPath(), source.displayPath() + " does not compile:" + System.lineSeparator()
                + (printed.isEmpty() ? "(the compiler gave no reason)" : printed), messages);
    }

    /**
     * Splits what javac printed into its messages: each starts with {@code file:line: error:} (or
     * {@code warning:}, or {@code Note:}) and runs until the next; the closing counts such as {@code 2 errors}
     * are left out.
     */
    private static List<String> messages(String printed, String displayPath) {
        Pattern start = Pattern.compile("(" + Pattern.quote(displayPath) + ":\\d+: )?(error|warning|Note): .*");
        Pattern count = Pattern.compile("\\d+ (error|warning)s?");
        List<String> messages = new ArrayList<>();
        StringBuilder current = null;
        for (String line : printed.lines().toList()) {
            if (count.matcher(line).matches()) {
                continue;
            }
            if (current == null || start.matcher(line).matches()) {
                if (current != null) {
                    messages.add(current.toString());
                }
                current = new StringBuilder(line);
            } else {
                current.append(System.lineSeparator()).append(line);
            }
        }
        if (current != null) {
            messages.add(current.toString());
        }
        return messages;
    }

    private static String decode(byte[] bytes, ProcessorSource source) throws ProcessorCompilationException {
        try {
            String text = source.encoding().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ProcessorCompilationException(source.displayPath(), source.displayPath() + " is not valid " + source.encoding().name()
                    + " text (" + e.getMessage() + "); save it in that encoding");
        }
    }

    /** The processor is the class named like the file, in whatever package the file declares. */
    private static String processorClassName(Iterable<String> classNames, ProcessorSource source) throws ProcessorCompilationException {
        String simpleName = source.expectedSimpleName();
        for (String name : classNames) {
            if (name.equals(simpleName) || name.endsWith("." + simpleName)) {
                return name;
            }
        }
        throw new ProcessorCompilationException(source.displayPath(), source.displayPath() + " declares no class " + simpleName
                + ": the processor must be the file's public top-level class, named like the file");
    }

    // ---- the cache ----

    private static String cacheKey(ProcessorSource source, String sourceDigest, List<String> options) throws IOException {
        MessageDigest digest = Fingerprints.sha256();
        Fingerprints.updateWithLength(digest, "format " + CACHE_FORMAT);
        Fingerprints.updateWithLength(digest, "java " + Runtime.version());
        Fingerprints.updateWithLength(digest, "options " + String.join(" ", options));
        Fingerprints.updateWithLength(digest, "file " + source.file().getFileName());
        Fingerprints.updateWithLength(digest, "encoding " + source.encoding().name());
        Fingerprints.updateWithLength(digest, "source " + sourceDigest);
        Fingerprints.updateWithLength(digest, "parent");
        for (Path entry : source.parentClasspath()) {
            stamp(digest, entry);
        }
        Fingerprints.updateWithLength(digest, "libraries");
        for (Path entry : source.libraries()) {
            stamp(digest, entry);
        }
        return Fingerprints.hex(digest.digest());
    }

    /** A class path entry's identity, cheaply: its path, and the size and modification time of its files. */
    private static void stamp(MessageDigest digest, Path entry) throws IOException {
        Path absolute = entry.toAbsolutePath().normalize();
        Fingerprints.updateWithLength(digest, "entry " + absolute);
        if (Files.isRegularFile(absolute)) {
            BasicFileAttributes attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
            Fingerprints.updateWithLength(digest, attributes.size() + " " + Fingerprints.nanos(attributes.lastModifiedTime()));
        } else if (Files.isDirectory(absolute)) {
            try (Stream<Path> files = Files.walk(absolute)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    Fingerprints.updateWithLength(digest, absolute.relativize(file) + " " + attributes.size() + " " + Fingerprints.nanos(attributes.lastModifiedTime()));
                }
            }
        } else {
            Fingerprints.updateWithLength(digest, "absent");
        }
    }

    /** @return the cached classes, or {@code null} when the directory holds no complete, readable compilation */
    private static Map<String, byte[]> readCache(Path directory) {
        try {
            Path index = directory.resolve(CACHE_INDEX);
            if (!Files.isRegularFile(index)) {
                return null;
            }
            Map<String, byte[]> classes = new TreeMap<>();
            for (String name : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                if (!name.isBlank()) {
                    classes.put(name, Files.readAllBytes(classFile(directory, name)));
                }
            }
            return classes.isEmpty() ? null : classes;
        } catch (IOException | RuntimeException damaged) {
            return null;
        }
    }

    /** Writes the classes to a temporary directory and moves it into place, then removes older compilations. */
    private static void writeCache(Path directory, Map<String, byte[]> classes) throws IOException {
        Path root = directory.getParent();
        Files.createDirectories(root);
        Path temporary = Files.createTempDirectory(root, directory.getFileName() + ".tmp-");
        try {
            for (Map.Entry<String, byte[]> compiled : classes.entrySet()) {
                Path file = classFile(temporary, compiled.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, compiled.getValue());
            }
            Files.write(temporary.resolve(CACHE_INDEX), classes.keySet(), StandardCharsets.UTF_8);
            if (Files.exists(directory)) {
                // incomplete or damaged, or readCache would have used it
                FileTrees.deleteTree(directory);
            }
            Files.move(temporary, directory, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(temporary)) {
                FileTrees.deleteTree(temporary);
            }
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (!entry.equals(directory) && CACHE_ENTRY.matcher(entry.getFileName().toString()).matches()) {
                    FileTrees.deleteTree(entry);
                }
            }
        } catch (IOException ignored) {
            // older compilations only take space
        }
    }

    private static Path classFile(Path directory, String binaryName) {
        return directory.resolve(binaryName.replace('.', '/') + ".class");
    }

    // ---- in-memory files for javac ----

    /**
     * The source text as read once, so that what is compiled is exactly what was hashed; named in javac's
     * messages by its display path.
     */
    private static final class SourceText extends SimpleJavaFileObject {
        private final String name;
        private final String text;

        SourceText(URI uri, String name, String text) {
            super(uri, Kind.SOURCE);
            this.name = name;
            this.text = text;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** Keeps every class file javac writes in memory, by binary name. */
    private static final class InMemoryOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> classes = new TreeMap<>();

        InMemoryOutput(StandardJavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling)
                throws IOException {
            if (kind != JavaFileObject.Kind.CLASS) {
                return super.getJavaFileForOutput(location, className, kind, sibling);
            }
            URI uri = URI.create("memory:///" + className.replace('.', '/') + kind.extension);
            return new SimpleJavaFileObject(uri, kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    classes.put(className, bytes);
                    return bytes;
                }
            };
        }

        Map<String, byte[]> classes() {
            Map<String, byte[]> result = new TreeMap<>();
            classes.forEach((name, bytes) -> result.put(name, bytes.toByteArray()));
            return result;
        }
    }
}
