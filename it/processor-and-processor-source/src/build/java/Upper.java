import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;

public class Upper implements Function<byte[], byte[]> {
    @Override
    public byte[] apply(byte[] input) {
        return new String(input, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }
}
