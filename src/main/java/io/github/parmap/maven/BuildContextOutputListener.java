package io.github.parmap.maven;

import io.github.parmap.engine.OutputListener;
import java.nio.file.Path;
import org.sonatype.plexus.build.incremental.BuildContext;

/** Tells an IDE's incremental build (through Plexus' BuildContext) about every output written or deleted. */
final class BuildContextOutputListener implements OutputListener {
    private final BuildContext buildContext;

    BuildContextOutputListener(BuildContext buildContext) {
        this.buildContext = buildContext;
    }

    @Override
    public void written(Path file) {
        buildContext.refresh(file.toFile());
    }

    @Override
    public void deleted(Path file) {
        buildContext.refresh(file.toFile());
    }
}
