package io.github.parmap.engine.processor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The classes compiled from a {@link ProcessorSource}, loaded and ready to run. Closing it closes their class
 * loader; do so once the run is over.
 */
public final class CompiledProcessor implements AutoCloseable {
    private final Class<?> processorClass;
    private final CompiledClassLoader classLoader;
    private final boolean fromCache;
    private final String sourceDigest;
    private final List<String> compilerOptions;
    private final List<String> warnings;
    private final Path classesDirectory;

    CompiledProcessor(Class<?> processorClass, CompiledClassLoader classLoader, boolean fromCache, String sourceDigest,
            List<String> compilerOptions, List<String> warnings, Path classesDirectory) {
        this.processorClass = processorClass;
        this.classLoader = classLoader;
        this.fromCache = fromCache;
        this.sourceDigest = sourceDigest;
        this.compilerOptions = List.copyOf(compilerOptions);
        this.warnings = List.copyOf(warnings);
        this.classesDirectory = classesDirectory;
    }

    /**
     * @return the directory the class files are kept in, laid out as on a class path, or {@code null} when
     *     they were compiled without a cache directory and live in memory only
     */
    public Path classesDirectory() {
        return classesDirectory;
    }

    /** @return the file's public top-level class, to be checked with {@link ProcessorDefinition#of(String, Class)} */
    public Class<?> processorClass() {
        return processorClass;
    }

    /** @return the processor class's binary name, such as {@code com.example.Thumbnailer} */
    public String className() {
        return processorClass.getName();
    }

    /** @return whether the classes came from the cache, without running the compiler */
    public boolean fromCache() {
        return fromCache;
    }

    /** @return the SHA-256 of the source file's bytes as they were compiled, in hexadecimal */
    public String sourceDigest() {
        return sourceDigest;
    }

    /** @return the options the compiler ran with, such as {@code --release 17} */
    public List<String> compilerOptions() {
        return compilerOptions;
    }

    /**
     * @return the compiler's warnings and notes, formatted as javac prints them; empty when the classes came
     *     from the cache
     */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public void close() throws IOException {
        classLoader.close();
    }
}
