package io.github.parmap.engine.builtin.image;

import java.util.List;
import java.util.Locale;

/** The output formats, and what the input's file name and decoded format say about them. */
public enum ImageFormat {
    PNG("png", List.of(".png")),
    JPEG("jpeg", List.of(".jpg", ".jpeg", ".jpe", ".jfif"));

    private final String writerName;
    private final List<String> extensions;

    ImageFormat(String writerName, List<String> extensions) {
        this.writerName = writerName;
        this.extensions = extensions;
    }

    /** @return the name the JDK's ImageIO writer goes by */
    public String writerName() {
        return writerName;
    }

    /** @return the format a decoded image keeps by default: JPEG stays JPEG, everything else becomes PNG */
    public static ImageFormat defaultFor(String decodedFormatName) {
        String name = decodedFormatName.toLowerCase(Locale.ROOT);
        return name.equals("jpeg") || name.equals("jpg") ? JPEG : PNG;
    }

    /**
     * The output's relative path: the input's when its extension already names this format (any of them, in
     * any case: {@code photo.JPEG} stays), otherwise the input's with its extension replaced by this
     * format's first one. So PNG bytes in a file named {@code .jpg} come out as {@code .png}.
     */
    public String outputPath(String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        int dot = relativePath.lastIndexOf('.');
        boolean hasExtension = dot > slash + 1;
        if (hasExtension && extensions.contains(relativePath.substring(dot).toLowerCase(Locale.ROOT))) {
            return relativePath;
        }
        return (hasExtension ? relativePath.substring(0, dot) : relativePath) + extensions.get(0);
    }
}
