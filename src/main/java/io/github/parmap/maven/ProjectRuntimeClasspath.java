package io.github.parmap.maven;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.graph.Dependency;

/**
 * The project's runtime class path (its compiled classes and its compile and runtime dependencies), resolved
 * only when a processor class is not found among the plugin's own dependencies, or when a processor source
 * is compiled against the dependencies, so that the usual case never touches the project's dependency graph.
 */
final class ProjectRuntimeClasspath {
    private static final Set<String> RUNTIME_SCOPES = Set.of("compile", "runtime");

    private ProjectRuntimeClasspath() {}

    /** @return the project's compiled classes, when they exist, then its compile and runtime dependencies */
    static List<URL> resolve(MavenProject project, MavenSession session, ProjectDependenciesResolver resolver)
            throws DependencyResolutionException {
        List<URL> urls = new ArrayList<>();
        File classes = new File(project.getBuild().getOutputDirectory());
        if (classes.isDirectory()) {
            urls.add(toUrl(classes));
        }
        urls.addAll(dependencies(project, session, resolver));
        return urls;
    }

    /** @return the project's compile and runtime dependencies, without its own classes */
    static List<URL> dependencies(MavenProject project, MavenSession session, ProjectDependenciesResolver resolver)
            throws DependencyResolutionException {
        List<URL> urls = new ArrayList<>();
        DefaultDependencyResolutionRequest request = new DefaultDependencyResolutionRequest(project, session.getRepositorySession());
        request.setResolutionFilter((node, parents) -> node.getDependency() == null || RUNTIME_SCOPES.contains(node.getDependency().getScope()));
        DependencyResolutionResult result = resolver.resolve(request);
        for (Dependency dependency : result.getDependencies()) {
            File file = dependency.getArtifact().getFile();
            if (file != null && RUNTIME_SCOPES.contains(dependency.getScope())) {
                urls.add(toUrl(file));
            }
        }
        return urls;
    }

    private static URL toUrl(File file) {
        try {
            return file.toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot turn " + file + " into a URL", e);
        }
    }
}
