import java.nio.charset.StandardCharsets;
import java.util.function.Function;

public class Tag implements Function<byte[], byte[]> {
    @Override
    public byte[] apply(byte[] input) {
        return ("v1: " + new String(input, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
}
