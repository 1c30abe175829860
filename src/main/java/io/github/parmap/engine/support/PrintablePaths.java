package io.github.parmap.engine.support;


/**
 * Shows a path in a message on one line, whatever characters its name holds. File systems allow a line
 * feed, a carriage return, a tab or an escape sequence in a file name; written as they are, they would split
 * one failure over several lines of the build log, or rewrite the terminal. Only what users read is escaped:
 * processors always see the path as it is.
 */
public final class PrintablePaths {
    private PrintablePaths() {}

    /**
     * @param path a relative or absolute path, as text
     * @return the path unchanged if it has no control characters; otherwise the path with each control
     *     character (and the line and paragraph separators U+2028 and U+2029) escaped as {@code \n}, {@code \r},
     *     {@code \t} or {@code \u001b}, and each backslash doubled, so that the escaped form reads back
     *     unambiguously, as GNU {@code sha256sum} writes such names
     */
    public static String printable(String path) {
        if (path == null || !anyNeedsEscape(path)) {
            return path;
        }
        StringBuilder escaped = new StringBuilder(path.length() + 8);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (needsEscape(c)) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    private static boolean anyNeedsEscape(String path) {
        for (int i = 0; i < path.length(); i++) {
            if (needsEscape(path.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean needsEscape(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
