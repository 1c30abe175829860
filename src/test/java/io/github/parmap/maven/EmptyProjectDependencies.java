package io.github.parmap.maven;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.maven.project.DependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;

/**
 * Stands in for Maven's dependency resolver: a project with no dependencies at all. Counts how often it is
 * asked, so that tests can tell whether the mojo looked at the project's class path.
 */
final class EmptyProjectDependencies implements ProjectDependenciesResolver {
    private final AtomicInteger requests = new AtomicInteger();

    /** @return how many times the mojo asked for the project's dependencies */
    int requests() {
        return requests.get();
    }

    @Override
    public DependencyResolutionResult resolve(DependencyResolutionRequest request) {
        requests.incrementAndGet();
        return new DependencyResolutionResult() {
            @Override
            public DependencyNode getDependencyGraph() {
                return null;
            }

            @Override
            public List<Dependency> getDependencies() {
                return List.of();
            }

            @Override
            public List<Dependency> getResolvedDependencies() {
                return List.of();
            }

            @Override
            public List<Dependency> getUnresolvedDependencies() {
                return List.of();
            }

            @Override
            public List<Exception> getCollectionErrors() {
                return List.of();
            }

            @Override
            public List<Exception> getResolutionErrors(Dependency dependency) {
                return List.of();
            }
        };
    }
}
