package io.github.parmap.engine.builtin.image;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.spi.ServiceRegistry;
import javax.imageio.stream.ImageInputStream;

/**
 * The decoders and encoders {@code resize-image} uses: the JDK's own, plus the TwelveMonkeys readers (CMYK
 * and YCCK JPEG, WebP) that ship with parmap.
 *
 * <p>ImageIO's global registry finds plugins through the context class loader, which inside Maven is not the
 * plugin's, so it would silently fall back to the JDK's JPEG reader (which reads CMYK with wrong colours). The
 * readers are therefore loaded from this class's own loader into a registry of our own; that also keeps them
 * out of the JVM-wide registry, which would otherwise hold on to the plugin's class loader after the build.
 * Writers are always the JDK's, so that the same input gives the same bytes wherever it runs.
 */
public final class ImageCodecs {
    private static final ServiceRegistry READERS = readerRegistry();

    private ImageCodecs() {}

    private static ServiceRegistry readerRegistry() {
        ServiceRegistry registry = new ServiceRegistry(List.<Class<?>>of(ImageReaderSpi.class).iterator());
        // The JDK's first: TwelveMonkeys' JPEG reader wraps the JDK's and looks for it when it is registered.
        jdkProviders(ImageReaderSpi.class).forEach(registry::registerServiceProvider);
        ServiceLoader.load(ImageReaderSpi.class, ImageCodecs.class.getClassLoader()).forEach(registry::registerServiceProvider);
        return registry;
    }

    private static <T> List<T> jdkProviders(Class<T> category) {
        List<T> providers = new ArrayList<>();
        Iterator<T> all = IIORegistry.getDefaultInstance().getServiceProviders(category, false);
        all.forEachRemaining(provider -> {
            if (provider.getClass().getModule() == ImageReader.class.getModule()) {
                providers.add(provider);
            }
        });
        return providers;
    }

    /**
     * @param in the image's bytes, positioned at their start (and left there)
     * @return a reader for them, preferring the TwelveMonkeys ones where both can read; null if none can
     */
    public static ImageReader readerFor(ImageInputStream in) throws IOException {
        Iterator<ImageReaderSpi> providers = READERS.getServiceProviders(ImageReaderSpi.class, true);
        while (providers.hasNext()) {
            ImageReaderSpi provider = providers.next();
            in.mark();
            boolean readable;
            try {
                readable = provider.canDecodeInput(in);
            } catch (EOFException tooShort) {
                readable = false; // shorter than this format's signature
            } finally {
                in.reset();
            }
            if (readable) {
                return provider.createReaderInstance();
            }
        }
        return null;
    }

    /** @return the JDK's writer of a format ImageIO always has, such as {@code png} or {@code jpeg} */
    public static ImageWriter writerFor(String formatName) throws IOException {
        for (ImageWriterSpi provider : jdkProviders(ImageWriterSpi.class)) {
            for (String name : provider.getFormatNames()) {
                if (name.equalsIgnoreCase(formatName)) {
                    return provider.createWriterInstance();
                }
            }
        }
        throw new IllegalStateException("this Java runtime has no " + formatName + " writer");
    }
}
