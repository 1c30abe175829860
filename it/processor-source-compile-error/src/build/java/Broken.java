import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import java.nio.file.Files;

public class Broken implements ItemProcessor {
    @Override
    public void process(Item item) throws java.io.IOException {
        byte[] bytes = Files.readAllBytes(item.path());
        Files.write(item.outptu(), bytes);
        int size = bytes;
    }
}
