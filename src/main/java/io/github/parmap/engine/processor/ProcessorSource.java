package io.github.parmap.engine.processor;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A processor written as one {@code .java} file, and what it is compiled against.
 *
 * @param file the source file; its public top-level class, named like the file, is the processor
 * @param displayPath how messages name the file, such as its path relative to the project
 * @param encoding the source file's character encoding
 * @param parent the class loader the compiled classes delegate to first; it must see the parmap API
 * @param parentClasspath the class path entries {@code parent} loads from, which the source is compiled
 *     against (at least the parmap API)
 * @param libraries further jars or class directories the source is compiled against and that the compiled
 *     classes load from, such as a project's runtime dependencies
 * @param cacheDirectory where compiled classes are kept between runs, one subdirectory per compilation;
 *     {@code null} to compile every time
 */
public record ProcessorSource(
        Path file,
        String displayPath,
        Charset encoding,
        ClassLoader parent,
        List<Path> parentClasspath,
        List<Path> libraries,
        Path cacheDirectory) {

    public ProcessorSource {
        file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        displayPath = displayPath == null || displayPath.isBlank() ? file.toString() : displayPath;
        encoding = encoding == null ? StandardCharsets.UTF_8 : encoding;
        Objects.requireNonNull(parent, "parent");
        parentClasspath = List.copyOf(parentClasspath == null ? List.of() : parentClasspath);
        libraries = List.copyOf(libraries == null ? List.of() : libraries);
        cacheDirectory = cacheDirectory == null ? null : cacheDirectory.toAbsolutePath().normalize();
    }

    /**
     * @param file the source file
     * @param parent the class loader that holds the parmap API
     * @return a builder with every other setting at its default: shown by its absolute path, UTF-8, compiled
     *     against nothing besides the JDK, no libraries, no cache
     */
    public static Builder builder(Path file, ClassLoader parent) {
        return new Builder(file, parent);
    }

    /** @return the file's name without {@code .java}: the simple name its processor class must have */
    String expectedSimpleName() {
        String name = file.getFileName().toString();
        return name.endsWith(".java") ? name.substring(0, name.length() - ".java".length()) : name;
    }

    /** Builds a {@link ProcessorSource} step by step. */
    public static final class Builder {
        private final Path file;
        private final ClassLoader parent;
        private String displayPath;
        private Charset encoding = StandardCharsets.UTF_8;
        private List<Path> parentClasspath = List.of();
        private List<Path> libraries = List.of();
        private Path cacheDirectory;

        private Builder(Path file, ClassLoader parent) {
            this.file = file;
            this.parent = parent;
        }

        /** @param value how messages name the file @return this builder */
        public Builder displayPath(String value) {
            this.displayPath = value;
            return this;
        }

        /** @param value the source file's encoding @return this builder */
        public Builder encoding(Charset value) {
            this.encoding = value;
            return this;
        }

        /** @param value the class path entries the parent class loader loads from @return this builder */
        public Builder parentClasspath(List<Path> value) {
            this.parentClasspath = value;
            return this;
        }

        /** @param value jars or class directories to compile against and load from @return this builder */
        public Builder libraries(List<Path> value) {
            this.libraries = value;
            return this;
        }

        /** @param value where compiled classes are kept between runs, or {@code null} @return this builder */
        public Builder cacheDirectory(Path value) {
            this.cacheDirectory = value;
            return this;
        }

        /** @return the source description */
        public ProcessorSource build() {
            return new ProcessorSource(file, displayPath, encoding, parent, parentClasspath, libraries, cacheDirectory);
        }
    }
}
