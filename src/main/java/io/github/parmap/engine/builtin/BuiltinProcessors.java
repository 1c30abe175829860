package io.github.parmap.engine.builtin;

import io.github.parmap.engine.support.CodeLocations;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The built-in processors by short name. */
public final class BuiltinProcessors {
    private static final Map<String, Class<?>> BY_NAME = Map.of(
            "copy", CopyProcessor.class,
            "gzip", GzipProcessor.class,
            "zstd", ZstdProcessor.class,
            "brotli", BrotliProcessor.class,
            "precompress", PrecompressProcessor.class,
            "checksum", ChecksumProcessor.class,
            "resize-image", ResizeImageProcessor.class,
            "exec", ExecProcessor.class);

    private static final List<String> ZSTD_LIBRARIES = List.of("com.github.luben.zstd.ZstdCompressCtx");
    private static final List<String> BROTLI_LIBRARIES = List.of("com.aayushatharva.brotli4j.encoder.Encoder",
            "com.aayushatharva.brotli4j.service.BrotliNativeProvider");
    /**
     * Classes of the third-party libraries a built-in runs on, one from each jar, by name: loaded only for
     * that built-in, so that the others work even where a library cannot be loaded. brotli4j's native
     * library comes in a platform jar released with brotli4j under the same version, so brotli4j's own jar
     * stands for it: a different version shows in both.
     */
    private static final Map<String, List<String>> LIBRARIES = Map.of(
            "zstd", ZSTD_LIBRARIES,
            "brotli", BROTLI_LIBRARIES,
            "precompress", Stream.concat(ZSTD_LIBRARIES.stream(), BROTLI_LIBRARIES.stream()).toList(),
            "resize-image", List.of("com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader",
                    "com.twelvemonkeys.imageio.plugins.webp.WebPImageReader", "com.twelvemonkeys.imageio.ImageReaderBase",
                    "com.twelvemonkeys.imageio.metadata.Directory", "com.twelvemonkeys.image.ImageUtil",
                    "com.twelvemonkeys.io.FastByteArrayOutputStream", "com.twelvemonkeys.lang.Validate"));

    private BuiltinProcessors() {}

    /**
     * @param name a short name such as {@code gzip}
     * @return the built-in's class, if there is one of that name
     */
    public static Optional<Class<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * @param type a processor class
     * @return how that built-in's outputs are made, to say after a run where it made none; empty for other classes
     */
    public static Optional<String> howOutputsAreMade(Class<?> type) {
        return type == ExecProcessor.class ? Optional.of(ExecProcessor.HOW_OUTPUTS_ARE_MADE) : Optional.empty();
    }

    /** @return the short names, sorted */
    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }

    /**
     * Where a built-in's code comes from, for the configuration fingerprint of incremental builds: parmap's
     * own jar (or classes directory), and the jar of each library the built-in runs on. Other built-ins'
     * libraries are left out, so that updating one does not redo what another built-in did.
     *
     * @param name a built-in's short name
     * @return the jars and directories, in a fixed order; empty if there is no built-in of that name
     */
    public static List<Path> codeLocations(String name) {
        Class<?> type = BY_NAME.get(name);
        if (type == null) {
            return List.of();
        }
        Set<Path> locations = new LinkedHashSet<>();
        locations.add(CodeLocations.of(type));
        for (String library : LIBRARIES.getOrDefault(name, List.of())) {
            try {
                locations.add(CodeLocations.of(Class.forName(library, false, type.getClassLoader())));
            } catch (ClassNotFoundException | LinkageError missing) {
                // The built-in fails when it is created, saying so; its absent library has no code to fingerprint.
                locations.add(Path.of(library));
            }
        }
        return List.copyOf(locations);
    }

}
