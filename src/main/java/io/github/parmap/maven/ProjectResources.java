package io.github.parmap.maven;

import io.github.parmap.engine.commit.StagingArea;
import java.io.File;
import java.util.List;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/** Adds the output directory to the project's resources, so that the outputs go into target/classes and the jar. */
final class ProjectResources {
    /** The default lifecycle's phases from the one that copies the resources on, in order. */
    private static final List<String> FROM_PROCESS_RESOURCES = List.of("process-resources", "compile", "process-classes",
            "generate-test-sources", "process-test-sources", "generate-test-resources", "process-test-resources", "test-compile",
            "process-test-classes", "test", "prepare-package", "package", "pre-integration-test", "integration-test",
            "post-integration-test", "verify", "install", "deploy");

    private ProjectResources() {}

    /**
     * Adds the directory as the first resource directory, unless it is one already, and warns when the goal
     * is bound to a phase after the resources were copied.
     *
     * @param phase the phase the goal is bound to, or {@code null} when it is called on its own
     * @param shown the directory as messages show it
     */
    static void add(MavenProject project, File directory, String phase, String shown, Log log) {
        String path = directory.getAbsolutePath();
        boolean present = project.getResources().stream().anyMatch(resource -> new File(resource.getDirectory()).getAbsolutePath().equals(path));
        if (!present) {
            Resource resource = new Resource();
            resource.setDirectory(path);
            // A run that was killed may have left its staging area behind until the next run removes it.
            resource.addExclude(StagingArea.DIRECTORY_NAME + "/**");
            // First in line: the resources plugin copies a file only when it is newer than the copy already in
            // target/classes, so an output that shares its path with an original resource (the default
            // inputDirectory is src/main/resources) replaces the original instead of being skipped.
            project.getBuild().getResources().add(0, resource);
        }
        if (phase != null && FROM_PROCESS_RESOURCES.indexOf(phase) > 0) {
            log.warn("parmap runs in phase " + phase + ", after process-resources: its outputs in " + shown
                    + " are added to the resources too late to reach target/classes or the jar. Bind it to generate-resources "
                    + "(the default) or set <addResources>false</addResources>.");
        }
    }
}
