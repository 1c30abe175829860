package io.github.parmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The floor plan holds: the API needs nothing of parmap's own, the engine no Maven type, data flows one way
 * (no two packages need each other, no engine room reaches back into the facade above it), and the
 * built-ins use the API and the engine's shared helpers only.
 */
class PackageRulesTest {
    private static final String ROOT = "io.github.parmap";
    private static final String ENGINE = ROOT + ".engine";
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** A reference to one of parmap's types, in an import or written out in the code. */
    private static final Pattern OWN_TYPE = Pattern.compile("\\b(io\\.github\\.parmap(?:\\.[a-z]\\w*)*)\\.[A-Z]");
    private static final Pattern MAVEN_TYPE = Pattern.compile("\\borg\\.apache\\.maven\\.|\\borg\\.codehaus\\.plexus\\.|\\borg\\.sonatype\\.");

    /** Each package and the other parmap packages it refers to. */
    private static final Map<String, Set<String>> USES = new TreeMap<>();
    private static final Map<String, List<String>> MAVEN_USERS = new TreeMap<>();

    @BeforeAll
    static void readSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = withoutComments(Files.readString(file, StandardCharsets.UTF_8));
                Matcher declared = PACKAGE.matcher(source);
                assertTrue(declared.find(), file + " declares its package");
                String pkg = declared.group(1);
                Set<String> uses = USES.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher used = OWN_TYPE.matcher(source.substring(declared.end()));
                while (used.find()) {
                    if (!used.group(1).equals(pkg)) {
                        uses.add(used.group(1));
                    }
                }
                if (MAVEN_TYPE.matcher(source).find()) {
                    MAVEN_USERS.computeIfAbsent(pkg, p -> new ArrayList<>()).add(file.getFileName().toString());
                }
            }
        }
    }

    @Test
    void theApiNeedsNothingOfParmapsOwnAndNoMavenType() {
        assertEquals(Set.of(), USES.get(ROOT));
        assertEquals(null, MAVEN_USERS.get(ROOT));
    }

    @Test
    void theEngineUsesNoMavenType() {
        MAVEN_USERS.keySet().forEach(pkg -> assertTrue(!pkg.startsWith(ENGINE), pkg + " uses Maven types: " + MAVEN_USERS.get(pkg)));
    }

    @Test
    void noEngineRoomReachesBackIntoTheFacade() {
        USES.forEach((pkg, uses) -> {
            if (pkg.startsWith(ENGINE + ".")) {
                assertTrue(!uses.contains(ENGINE), pkg + " uses the engine's facade package " + ENGINE);
                assertTrue(uses.stream().noneMatch(used -> used.startsWith(ROOT + ".maven")), pkg + " uses the Maven adapter");
            }
        });
    }

    /** The built-ins' package and its own parts (such as {@code builtin.image}) count as one room here. */
    @Test
    void builtInsUseTheApiAndTheSharedHelpersOnly() {
        String builtin = ENGINE + ".builtin";
        USES.forEach((pkg, uses) -> {
            if (pkg.equals(builtin) || pkg.startsWith(builtin + ".")) {
                assertEquals(Set.of(), uses.stream()
                        .filter(used -> !used.equals(ROOT) && !used.equals(ENGINE + ".support") && !used.startsWith(builtin + "."))
                        .collect(java.util.stream.Collectors.toSet()), pkg + " uses more than the API and the shared helpers");
                assertTrue(pkg.equals(builtin) || !uses.contains(builtin), pkg + " reaches back into " + builtin);
            }
        });
    }

    @Test
    void noPackagesNeedEachOther() {
        for (String start : USES.keySet()) {
            List<String> cycle = cycleFrom(start, start, new ArrayList<>(List.of(start)), new TreeSet<>());
            assertEquals(List.of(), cycle, "packages that need each other, in a circle");
        }
    }

    @Test
    void theRoomsAreThere() {
        for (String room : List.of("", ".scan", ".run", ".commit", ".state", ".cache", ".processor", ".report", ".builtin", ".support", ".isolation")) {
            assertTrue(USES.containsKey(ENGINE + room), "the engine has its room " + ENGINE + room);
        }
    }

    /** @return a path of uses from {@code from} back to {@code start}, or an empty list if there is none */
    private static List<String> cycleFrom(String start, String from, List<String> path, Set<String> seen) {
        for (String next : USES.getOrDefault(from, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = cycleFrom(start, next, path, seen);
                if (!found.isEmpty()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return List.of();
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }
}
