package io.github.parmap.engine.state;

import io.github.parmap.engine.support.AtomicFileWrite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The digest of each setting of the last build, kept beside the state in {@value #FILE}, one
 * {@code name<TAB>digest} line each: when the configuration changes, the next build names the settings
 * that did, never their values.
 */
final class SettingDigests {
    static final String FILE = "settings.txt";

    private SettingDigests() {}

    /**
     * @return the names of the settings whose digest differs from the last build's, that are new, or that
     *     are gone, sorted; {@code null} when the last build left no digests to compare with
     */
    static List<String> changedSince(Path stateDirectory, Map<String, String> current) {
        Map<String, String> previous = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(stateDirectory.resolve(FILE), StandardCharsets.UTF_8)) {
                int tab = line.lastIndexOf('\t');
                if (tab > 0) {
                    previous.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (NoSuchFileException none) {
            return null;
        } catch (IOException unreadable) {
            return null;
        }
        TreeSet<String> names = new TreeSet<>(previous.keySet());
        names.addAll(current.keySet());
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (!String.valueOf(previous.get(name)).equals(String.valueOf(current.get(name)))) {
                changed.add(name);
            }
        }
        return changed;
    }

    static void write(Path stateDirectory, Map<String, String> current) throws IOException {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(current).forEach((name, digest) -> text.append(name.replace('\n', ' ')).append('\t').append(digest).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFileWrite.replace(stateDirectory.resolve(FILE), stream -> stream.write(bytes));
    }
}
