package io.github.parmap.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.codehaus.plexus.util.DirectoryScanner;

/** Resolves {@code <extraInputs>}: paths and Ant-style patterns relative to the project's base directory. */
final class ExtraInputs {
    private ExtraInputs() {}

    /**
     * @return every file the entries name, by a name that holds no absolute path when the file lies in the
     *     project (its path relative to the base directory), sorted; an entry naming nothing yields nothing,
     *     and the entries themselves are part of the fingerprint
     */
    static Map<String, Path> resolve(Path basedir, java.util.List<String> entries) throws IOException {
        Path base = basedir.toAbsolutePath().normalize();
        Map<String, Path> files = new TreeMap<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            String trimmed = entry.trim();
            if (trimmed.contains("*") || trimmed.contains("?")) {
                DirectoryScanner scanner = new DirectoryScanner();
                scanner.setBasedir(base.toFile());
                scanner.setIncludes(new String[] {trimmed});
                scanner.addDefaultExcludes();
                scanner.scan();
                for (String relative : scanner.getIncludedFiles()) {
                    add(files, base, base.resolve(relative));
                }
                continue;
            }
            Path path = base.resolve(trimmed).normalize();
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    for (Path file : walk.filter(Files::isRegularFile).toList()) {
                        add(files, base, file);
                    }
                }
            } else {
                add(files, base, path); // a missing file counts as absent
            }
        }
        return files;
    }

    private static void add(Map<String, Path> files, Path base, Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        String name = normalized.startsWith(base) ? base.relativize(normalized).toString().replace(File.separatorChar, '/') : normalized.toString();
        files.put(name, normalized);
    }
}
