package io.github.parmap.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** File tree helpers for engine tests: write inputs, read back output trees as a user would look at them. */
public final class Trees {
    private Trees() {}

    /** Writes a UTF-8 text file at a '/'-separated relative path, creating parent directories. */
    public static Path write(Path root, String relativePath, String content) {
        return write(root, relativePath, content.getBytes(StandardCharsets.UTF_8));
    }

    public static Path write(Path root, String relativePath, byte[] content) {
        try {
            Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file below the root: relative '/'-separated path to its bytes in hex, sorted by path. */
    public static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        if (!Files.exists(root)) {
            return contents;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(path)) {
                    contents.put(relative(root, path), HexFormat.of().formatHex(Files.readAllBytes(path)));
                }
            }
        }
        return contents;
    }

    /** Every regular file below the root: relative '/'-separated path to its text as UTF-8, sorted by path. */
    public static Map<String, String> texts(Path root) throws IOException {
        Map<String, String> texts = new TreeMap<>();
        contents(root).forEach((path, hex) -> texts.put(path, new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8)));
        return texts;
    }

    /** Every file and directory below the root (the root itself excluded), relative and sorted. */
    public static List<String> entries(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> !path.equals(root)).map(path -> relative(root, path)).sorted().toList();
        }
    }

    /** Just the relative paths of the regular files below the root, sorted. */
    public static List<String> files(Path root) throws IOException {
        return List.copyOf(contents(root).keySet());
    }

    public static String read(Path root, String relativePath) throws IOException {
        return Files.readString(root.resolve(relativePath), StandardCharsets.UTF_8);
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace(root.getFileSystem().getSeparator(), "/");
    }
}
