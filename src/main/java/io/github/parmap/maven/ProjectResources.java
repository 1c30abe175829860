package io.github.parmap.maven;

import io.github.parmap.engine.commit.StagingArea;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
     * Maven 4 keeps a project's resource directories as source roots, in the order they were added, and
     * offers no way to add one in front: the others are taken out and added again behind it. Maven 4's API is
     * reached by reflection, since the plugin is built against Maven 3.9's.
     *
     * @return whether the resource directory is now first
     */
    private static boolean moveOtherResourcesBehind(MavenProject project, Path first) {
        try {
            ClassLoader maven = project.getClass().getClassLoader();
            Class<?> sourceRoot = Class.forName("org.apache.maven.api.SourceRoot", false, maven);
            Class<?> scopeType = Class.forName("org.apache.maven.api.ProjectScope", false, maven);
            Class<?> languageType = Class.forName("org.apache.maven.api.Language", false, maven);
            Method scope = sourceRoot.getMethod("scope");
            Method language = sourceRoot.getMethod("language");
            Method directory = sourceRoot.getMethod("directory");
            Object main = scopeType.getField("MAIN").get(null);
            Object resources = languageType.getField("RESOURCES").get(null);
            Method remove = MavenProject.class.getMethod("removeSourceRoot", scopeType, languageType, Path.class);
            Method add = MavenProject.class.getMethod("addSourceRoot", sourceRoot);
            List<Object> others = new ArrayList<>();
            Set<Path> otherDirectories = new LinkedHashSet<>();
            for (Object root : (Collection<?>) MavenProject.class.getMethod("getSourceRoots").invoke(project)) {
                Path rootDirectory = ((Path) directory.invoke(root)).toAbsolutePath();
                if (main.equals(scope.invoke(root)) && resources.equals(language.invoke(root)) && !rootDirectory.equals(first)) {
                    others.add(root);
                    otherDirectories.add((Path) directory.invoke(root));
                }
            }
            for (Path other : otherDirectories) {
                remove.invoke(project, main, resources, other);
            }
            for (Object root : others) {
                add.invoke(project, root);
            }
            List<Resource> now = project.getResources();
            return !now.isEmpty() && Path.of(now.get(0).getDirectory()).toAbsolutePath().equals(first);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException notMaven4) {
            return false;
        }
    }

    private static boolean isResource(MavenProject project, String path) {
        return project.getResources().stream().anyMatch(resource -> new File(resource.getDirectory()).getAbsolutePath().equals(path));
    }

    /**
     * Adds the directory as the first resource directory, unless it is one already, and warns when the goal
     * is bound to a phase after the resources were copied.
     *
     * @param phase the phase the goal is bound to, or {@code null} when it is called on its own
     * @param shown the directory as messages show it
     */
    static void add(MavenProject project, File directory, String phase, String shown, Log log) {
        String path = directory.getAbsolutePath();
        if (!isResource(project, path)) {
            Resource resource = new Resource();
            resource.setDirectory(path);
            // A run that was killed may have left its staging area behind until the next run removes it.
            resource.addExclude(StagingArea.DIRECTORY_NAME + "/**");
            List<Resource> resources = project.getResources();
            if (resources == project.getBuild().getResources()) {
                // Maven 3 hands out the build's own list. First in line: the resources plugin copies a file
                // only when it is newer than the copy already in target/classes, so an output that shares
                // its path with an original resource (the default inputDirectory is src/main/resources)
                // replaces the original instead of being skipped.
                resources.add(0, resource);
            } else {
                // Maven 4 hands out a copy: what the resources plugin copies is added through the project, at
                // the end, and the roots before it are then moved behind it.
                project.addResource(resource);
                if (!moveOtherResourcesBehind(project, directory.toPath().toAbsolutePath())) {
                    log.warn("parmap could not put " + shown + " first among the project's resources: an output with the same "
                            + "path as a file of another resource directory may not replace it in target/classes");
                }
            }
        }
        if (phase != null && FROM_PROCESS_RESOURCES.indexOf(phase) > 0) {
            log.warn("parmap runs in phase " + phase + ", after process-resources: its outputs in " + shown
                    + " are added to the resources too late to reach target/classes or the jar. Bind it to generate-resources "
                    + "(the default) or set <addResources>false</addResources>.");
        }
    }
}
