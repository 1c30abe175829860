package io.github.parmap.engine.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Paths as the file system sees them, so that two spellings of one directory (a symbolic link, {@code ..}, a
 * bind mount seen through a link) compare equal. Comparing the text of configured paths is not enough to keep
 * parmap from writing where it must not.
 */
public final class RealPaths {
    private RealPaths() {}

    /**
     * @param path an absolute path, which need not exist yet
     * @return the real path of its deepest existing ancestor, with the part that does not exist yet appended
     */
    public static Path of(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException danglingOrUnreadable) {
            return absolute;
        }
    }

    /** @return whether {@code inner} is {@code outer} or lies inside it, as the file system sees both */
    public static boolean isWithin(Path inner, Path outer) {
        return of(inner).startsWith(of(outer));
    }
}
