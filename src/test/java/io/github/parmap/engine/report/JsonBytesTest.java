package io.github.parmap.engine.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The report's names come out as JSON strings in UTF-8, byte for byte what the JDK's encoder writes. */
class JsonBytesTest {

    private static byte[] written(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonBytes json = new JsonBytes(bytes);
        json.string(text);
        json.flush();
        return bytes.toByteArray();
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() throws IOException {
        assertEquals("\"a\\nb\\u0001\\\\c\\\"d\\te\\rf\\u001f\"", new String(written("a\nb\u0001\\c\"d\te\rf\u001f"), StandardCharsets.UTF_8));
    }

    @Test
    void everyOtherCharacterIsEncodedAsTheJdkEncodesUtf8() throws IOException {
        String[] names = {"plain.txt", "\u007f", "späť.txt", "\u00ff\u0100\u07ff", "\u0800中文\uffff", "😀 emoji 𝄞.png",
            "half \ud800 pair", "low \udc00 first", "ends high \ud83d"};
        for (String name : names) {
            assertArrayEquals(('"' + name + '"').getBytes(StandardCharsets.UTF_8), written(name), name);
        }
    }

    @Test
    void textLongerThanTheBufferArrivesWhole() throws IOException {
        String name = "ä😀x".repeat(40_000); // multi-byte characters across every buffer boundary
        assertArrayEquals(('"' + name + '"').getBytes(StandardCharsets.UTF_8), written(name));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonBytes json = new JsonBytes(bytes);
        String line = "{\"k\": 1}\n";
        for (int i = 0; i < 20_000; i++) {
            json.raw(line);
        }
        json.flush();
        assertEquals(line.repeat(20_000), bytes.toString(StandardCharsets.UTF_8));
    }
}
