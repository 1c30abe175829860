package com.example.csvjson;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a CSV file whose first row names the columns into a JSON array of objects, written beside the
 * input's relative path with the extension {@code .json}. Parameter {@code delimiter} (default {@code ,}).
 * Fields may be quoted with {@code "}, with {@code ""} for a quote inside a quoted field.
 */
public class CsvToJson implements ItemProcessor {
    private final char delimiter;

    public CsvToJson(ProcessorContext context) {
        String configured = context.parameters().getOrDefault("delimiter", ",");
        if (configured.length() != 1) {
            throw new IllegalArgumentException("parameter 'delimiter' must be one character, was '" + configured + "'");
        }
        this.delimiter = configured.charAt(0);
    }

    @Override
    public void process(Item item) throws IOException {
        List<List<String>> rows = parse(Files.readString(item.path(), StandardCharsets.UTF_8));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the file is empty; expected a header row");
        }
        List<String> header = rows.get(0);
        String target = item.relativePath().replaceFirst("\\.csv$", "") + ".json";
        try (Writer out = Files.newBufferedWriter(item.output(target), StandardCharsets.UTF_8)) {
            out.write("[");
            for (int r = 1; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("row " + (r + 1) + " has " + row.size() + " fields, the header has " + header.size());
                }
                out.write(r == 1 ? "\n  {" : ",\n  {");
                for (int c = 0; c < header.size(); c++) {
                    out.write((c == 0 ? "" : ", ") + quote(header.get(c)) + ": " + quote(row.get(c)));
                }
                out.write("}");
            }
            out.write("\n]\n");
        }
    }

    private List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == delimiter) {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed");
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    private static String quote(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> json.append(ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return json.append('"').toString();
    }
}
