package io.github.parmap.engine.report;

import io.github.parmap.engine.state.Reason;
import static io.github.parmap.engine.support.Units.bytes;
import static io.github.parmap.engine.support.Units.plural;
import static io.github.parmap.engine.support.Units.seconds;

import io.github.parmap.engine.cache.CacheStatistics;
import io.github.parmap.engine.scan.InputFile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;

/** The lines a run ends with in the log: what it did, and which files took longest. */
public final class RunSummary {
    private RunSummary() {}

    /**
     * @param cacheShown whether a build cache is configured, so its figures belong in the line
     * @param remoteShown whether a remote cache is configured, so the bytes moved belong in the line
     * @return the summary line, such as {@code Processed 3 of 3 files in 0.12 s (25.0 files/s, 3 outputs written), 0 failed}
     */
    public static String line(ProcessingResult result, boolean cacheShown, boolean remoteShown) {
        if (result.itemCount() == 0) {
            return "Removed " + result.removed() + " stale output" + plural(result.removed()) + " of inputs that are gone";
        }
        StringBuilder line = new StringBuilder();
        if (result.allUpToDate()) {
            line.append(String.format(Locale.ROOT, "%d file%s up to date, 0 processed", result.upToDate(), plural(result.upToDate())));
        } else {
            line.append(String.format(Locale.ROOT, "Processed %d of %d file%s in %s (%.1f files/s, %d output%s written)",
                    result.processed(), result.itemCount(), plural(result.itemCount()), seconds(result.wallTime().toNanos()),
                    result.itemsPerSecond(), result.outputsCommitted(), plural(result.outputsCommitted())));
            if (result.upToDate() > 0) {
                line.append(", ").append(result.upToDate()).append(" up to date");
            }
            result.skipped().forEach((reason, count) -> line.append(", ").append(count).append(' ').append(reason).append(", skipped"));
            if (cacheShown) {
                line.append(cache(result.cache(), remoteShown));
            }
            line.append(", ").append(result.failures().size()).append(" failed");
            if (result.notStarted() > 0) {
                line.append(", ").append(result.notStarted()).append(" not started");
            }
        }
        if (result.removed() > 0) {
            line.append(", ").append(result.removed()).append(" stale output").append(plural(result.removed())).append(" removed");
        }
        if (result.allUpToDate()) {
            line.append(" (").append(seconds(result.wallTime().toNanos())).append(")");
        }
        String redone = redone(result);
        if (!redone.isEmpty()) {
            line.append("; redone: ").append(redone);
        }
        return line.toString();
    }

    /**
     * @return why the items not up to date were taken up again, such as {@code 2 input changed, 1 new input};
     *     empty when the run keeps no state, and for a first build, where every item is new
     */
    public static String redone(ProcessingResult result) {
        Map<Reason, Integer> redone = result.redone();
        if (redone.isEmpty() || (result.upToDate() == 0 && redone.keySet().equals(Set.of(Reason.NEW_INPUT)))) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        redone.forEach((reason, count) -> text.append(text.length() == 0 ? "" : ", ").append(count).append(' ').append(reason.words()));
        return text.toString();
    }

    private static String cache(CacheStatistics cache, boolean remoteShown) {
        String line = String.format(Locale.ROOT, ", %d restored from the local cache, %d from the remote cache",
                cache.restoredLocal(), cache.restoredRemote());
        if (remoteShown) {
            line += " (" + bytes(cache.bytesDownloaded()) + " downloaded, " + bytes(cache.bytesUploaded()) + " uploaded)";
        }
        return line;
    }

    /** @return the slowest processed or failed files with their times, such as {@code big.csv (4.20 s), b.csv (1.10 s)} */
    public static String slowest(List<InputFile> items, ItemOutcomes outcomes, int count) {
        StringBuilder line = new StringBuilder();
        for (int item : outcomes.slowest(count)) {
            line.append(line.length() == 0 ? "" : ", ").append(items.get(item).relativePath()).append(" (")
                    .append(seconds(outcomes.nanos(item))).append(')');
        }
        return line.toString();
    }
}
