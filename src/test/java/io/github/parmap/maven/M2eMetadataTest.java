package io.github.parmap.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Eclipse m2e lifecycle mapping that ships in the plugin jar: m2e reads
 * {@code META-INF/m2e/lifecycle-mapping-metadata.xml} from the plugin itself and, for the {@code process}
 * goal, must run it on incremental IDE builds (parmap's own state keeps those cheap) and on project
 * configuration (the goal adds the output directory as a resource root).
 */
class M2eMetadataTest {
    private static final String METADATA = "META-INF/m2e/lifecycle-mapping-metadata.xml";

    @Test
    void processGoalRunsOnIncrementalBuildsAndOnConfiguration() throws Exception {
        Element execute = executeActionOf("process", parse(buildOutput().resolve(METADATA)));

        assertEquals("true", childText(execute, "runOnIncremental"), "runOnIncremental");
        assertEquals("true", childText(execute, "runOnConfiguration"), "runOnConfiguration");
    }

    /** The directory the plugin's classes and resources are built into, target/classes: what the jar holds. */
    private static Path buildOutput() throws Exception {
        Path classes = Path.of(ProcessMojo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "the plugin's classes come from a directory: " + classes);
        assertTrue(Files.isRegularFile(classes.resolve(METADATA)), METADATA + " is missing from " + classes);
        return classes;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(file)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    /** @return the {@code <execute>} action of the one plugin execution whose filter names the goal */
    private static Element executeActionOf(String goal, Document metadata) {
        assertEquals("lifecycleMappingMetadata", metadata.getDocumentElement().getTagName());
        List<Element> matching = new ArrayList<>();
        NodeList executions = metadata.getElementsByTagName("pluginExecution");
        for (int i = 0; i < executions.getLength(); i++) {
            Element execution = (Element) executions.item(i);
            Element goals = child(child(execution, "pluginExecutionFilter"), "goals");
            if (goals != null && children(goals, "goal").stream().anyMatch(g -> g.getTextContent().trim().equals(goal))) {
                matching.add(execution);
            }
        }
        assertEquals(1, matching.size(), "plugin executions mapping the goal " + goal);
        Element execute = child(child(matching.get(0), "action"), "execute");
        assertTrue(execute != null, "the goal " + goal + " is mapped to <action><execute>, not ignored");
        return execute;
    }

    private static String childText(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? null : child.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }
}
