package spiky.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import spiky.InvalidInputException;
import spiky.algo.dcbm.DcbmConfig;
import spiky.algo.dcbm.DcbmGenerator;
import spiky.algo.generate.PlaylistConfig;
import spiky.algo.generate.PlaylistGenerator;
import spiky.data.Interactions;
import spiky.importer.InterchangeWriter;

/**
 * Writes a generated dataset to files in the csv interchange, without a database: datasets of
 * the paper's size are then imported like any file ({@code ./spiky import --format csv --path F --items T}).
 */
@Command(name = "generate-file", mixinStandardHelpOptions = true,
        description = "Write a generated dataset (MPD-shaped playlists or a DCBM) as csv interchange files, for ./spiky import.")
final class GenerateFileCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "playlists (MPD-shaped: 1 M playlists, mean 66 tracks, 1,000 communities) or dcbm.")
    String model;

    @Option(names = "--out", required = true, description = "The interactions file to write (item,context,timestamp; gzip when it ends in .gz).")
    Path out;

    @Option(names = "--truth", description = "Also write the planted truth (item,community,theta) here, for import's --items.")
    Path truth;

    @Option(names = {"-c", "--config"}, description = "A generator setting as key=value (repeatable), e.g. -c playlists=10000. "
            + "The settings of each model are listed below.")
    Map<String, String> config = new LinkedHashMap<>();

    /** The usage footer: every setting of both models, from their tables (so the help cannot go stale). */
    static String settingsHelp() {
        return "%nSettings of --model playlists:%n  " + PlaylistConfig.SETTINGS.render().replace("; ", "%n  ")
                + "%n%nSettings of --model dcbm:%n  " + DcbmConfig.SETTINGS.render().replace("; ", "%n  ") + "%n";
    }

    @Override
    public Integer call() throws IOException {
        TerminalProgress progress = TerminalProgress.forStderr();
        Map<String, Object> settings = new LinkedHashMap<>(config);
        try {
            String summary = switch (model) {
                case "playlists" -> playlists(PlaylistConfig.from(settings), progress);
                case "dcbm" -> dcbm(DcbmConfig.from(settings), progress);
                default -> throw InvalidInputException.parameter("--model", "'" + model + "' is not a model: use playlists or dcbm");
            };
            progress.finish();
            System.out.println(summary);
        } finally {
            progress.finish();
        }
        return 0;
    }

    private String playlists(PlaylistConfig c, TerminalProgress progress) throws IOException {
        PlaylistGenerator.Result result;
        try (InterchangeWriter rows = InterchangeWriter.interactions(out)) {
            result = new PlaylistGenerator(c, progress).generate((j, timestamp, tracks, count) -> {
                for (int s = 0; s < count; s++) {
                    rows.interaction(tracks[s] + 1L, j + 1L, timestamp);
                }
            });
            rows.commit();
        }
        if (truth != null) {
            try (InterchangeWriter file = InterchangeWriter.truth(truth)) {
                int[] counts = result.trackCounts();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] > 0) {
                        file.truth(Integer.toString(i + 1), result.community()[i], result.theta()[i]);
                    }
                }
                file.commit();
            }
        }
        int most = 0;
        int once = 0;
        for (int n : result.trackCounts()) {
            most = Math.max(most, n);
            once += n == 1 ? 1 : 0;
        }
        return String.format("Wrote %s: %,d playlists, %,d interactions, %,d distinct tracks (of a pool of %,d; %,d in one playlist,"
                        + " the most popular in %,d), %,d slots%s",
                out, c.playlists(), result.interactions(), result.distinctTracks(), c.tracks(), once, most, result.slots(),
                truth == null ? "" : "; truth in " + truth);
    }

    private String dcbm(DcbmConfig c, TerminalProgress progress) throws IOException {
        DcbmGenerator.Result result = new DcbmGenerator(c, progress).generate();
        Interactions data = result.interactions();
        try (InterchangeWriter rows = InterchangeWriter.interactions(out)) {
            for (int k = 0; k < data.size(); k++) {
                rows.interaction(data.itemKeys()[data.itemOf()[k]], data.contextKeys()[data.contextOf()[k]], data.timestamps()[k]);
            }
            rows.commit();
        }
        if (truth != null) {
            try (InterchangeWriter file = InterchangeWriter.truth(truth)) {
                for (int i = 0; i < data.itemCount(); i++) {
                    file.truth(data.itemKeys()[i], data.itemTruth().community()[i], data.itemTruth().theta()[i]);
                }
                file.commit();
            }
        }
        return String.format("Wrote %s: %,d contexts, %,d interactions, %,d items%s",
                out, data.contextCount(), data.size(), data.itemCount(), truth == null ? "" : "; truth in " + truth);
    }
}
