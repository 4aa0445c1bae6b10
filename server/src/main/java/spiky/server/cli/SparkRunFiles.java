package spiky.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import spiky.InvalidInputException;
import spiky.algo.linalg.DenseBlock;
import spiky.data.Delimited;
import spiky.data.LineProblem;
import spiky.graph.ImportedRun;

/**
 * Reads the Spark job's run directory ({@code run.json}, {@code items.csv} and, when present, the
 * PPMI matrix {@code ppmi.csv}; see the spark module's RunOutput) into an {@link ImportedRun},
 * checking it whole before anything is written: a bad file is refused with its name and line.
 * {@code ppmi.csv} is Spark's output of a text file, a directory of {@code part-*} files whose
 * concatenation in name order is one csv (header {@code item,partner,weight,count}, one line per
 * pair); a plain file of that content is taken too.
 */
final class SparkRunFiles {
    static final String FORMAT = "spiky-spark-run/1";

    private SparkRunFiles() {}

    static ImportedRun read(Path dir) {
        Path json = dir.resolve("run.json");
        Path csv = dir.resolve("items.csv");
        if (!Files.isRegularFile(json) || !Files.isRegularFile(csv)) {
            throw InvalidInputException.parameter("from", dir + " is not a Spark run directory (it needs run.json and items.csv)");
        }
        JsonNode run;
        try {
            run = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw InvalidInputException.inFile(json, "not JSON: " + e.getMessage());
        }
        if (!FORMAT.equals(run.path("format").asText())) {
            throw InvalidInputException.inFile(json, "format is '" + run.path("format").asText() + "', expected '" + FORMAT + "'");
        }
        int n = required(json, run, "n").asInt();
        int rank = required(json, run, "rank").asInt();
        double[] sigma = doubles(required(json, run, "singularValues"));
        if (sigma.length != rank) {
            throw InvalidInputException.inFile(json, "rank is " + rank + " but there are " + sigma.length + " singular values");
        }
        List<ImportedRun.Level> levels = new ArrayList<>();
        for (JsonNode l : required(json, run, "spk")) {
            List<String> peaks = new ArrayList<>();
            l.path("peakItems").forEach(p -> peaks.add(p.asText()));
            JsonNode after = l.path("coveredAfter");
            int[] coveredAfter = new int[after.size()];
            for (int k = 0; k < coveredAfter.length; k++) {
                coveredAfter[k] = after.get(k).asInt();
            }
            levels.add(new ImportedRun.Level(l.path("f").asInt(), l.path("peaks").asInt(), l.path("n").asInt(), l.path("covered").asInt(),
                    l.path("spk").asDouble(), peaks, coveredAfter));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> settings = required(json, run, "settings").fields();
        while (settings.hasNext()) {
            Map.Entry<String, JsonNode> e = settings.next();
            parameters.put(e.getKey().equals("partitions") ? "sparkPartitions" : e.getKey(), value(e.getValue()));
        }
        parameters.put("sparkInput", run.path("input").asText());
        parameters.put("sparkMaster", run.path("spark").path("master").asText());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String key : List.of("cooccurringPairs", "pairsAfterMinCount", "pairsAfterRank", "pairsPositive")) {
            counts.put(key, required(json, run.path("counts"), key).asLong());
        }
        Map<String, Long> millis = new LinkedHashMap<>();
        run.path("millis").fields().forEachRemaining(e -> millis.put(e.getKey(), e.getValue().asLong()));
        ImportedRun imported = items(csv, n, rank, levels, sigma, required(json, run, "nnz").asLong(), run.path("matrixProducts").asLong(),
                parameters, counts, millis);
        Path ppmi = dir.resolve(PPMI);
        return Files.exists(ppmi) ? imported.withPpmi(pairs(ppmi, imported.items())) : imported;
    }

    static final String PPMI = "ppmi.csv";
    static final List<String> PPMI_COLUMNS = List.of("item", "partner", "weight", "count");

    /** The PPMI pairs of {@code ppmi.csv} (a file, or Spark's directory of part files), rows by the run's items. */
    static ImportedRun.Pairs pairs(Path ppmi, String[] items) {
        List<Path> parts = new ArrayList<>();
        if (Files.isDirectory(ppmi)) {
            try (Stream<Path> list = Files.list(ppmi)) {
                list.filter(p -> p.getFileName().toString().startsWith("part-") && !p.getFileName().toString().endsWith(".crc"))
                        // part-00000 … in number order (names grow a digit past 99999 parts)
                        .sorted(Comparator.comparingInt((Path p) -> p.getFileName().toString().length()).thenComparing(Comparator.naturalOrder()))
                        .forEach(parts::add);
            } catch (IOException e) {
                throw InvalidInputException.inFile(ppmi, "cannot list: " + e.getMessage(), e);
            }
            if (parts.isEmpty()) {
                throw InvalidInputException.inFile(ppmi, "a directory without part-* files");
            }
        } else {
            parts.add(ppmi);
        }
        Map<String, Integer> rowOf = new HashMap<>();
        for (int a = 0; a < items.length; a++) {
            rowOf.put(items[a], a);
        }
        int size = 0;
        int[] row = new int[1024];
        int[] partner = new int[1024];
        double[] weight = new double[1024];
        int[] count = new int[1024];
        boolean header = true;
        for (Path part : parts) {
            try (BufferedReader r = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                String line;
                long lineNumber = 0;
                while ((line = r.readLine()) != null) {
                    lineNumber++;
                    List<String> fields = split(line, part, lineNumber);
                    if (header) {
                        if (!fields.equals(PPMI_COLUMNS)) {
                            throw InvalidInputException.atLine(part, lineNumber, "expected the header " + String.join(",", PPMI_COLUMNS));
                        }
                        header = false;
                        continue;
                    }
                    if (fields.size() != PPMI_COLUMNS.size()) {
                        throw InvalidInputException.atLine(part, lineNumber, "expected 4 fields, found " + fields.size());
                    }
                    if (size == row.length) {
                        row = Arrays.copyOf(row, size * 2);
                        partner = Arrays.copyOf(partner, size * 2);
                        weight = Arrays.copyOf(weight, size * 2);
                        count = Arrays.copyOf(count, size * 2);
                    }
                    row[size] = rowOf(rowOf, fields.get(0), part, lineNumber, "item");
                    partner[size] = rowOf(rowOf, fields.get(1), part, lineNumber, "partner");
                    if (row[size] == partner[size]) {
                        throw InvalidInputException.atLine(part, lineNumber, "an item paired with itself");
                    }
                    weight[size] = number(fields.get(2), part, lineNumber, "weight");
                    if (!(weight[size] > 0)) {
                        throw InvalidInputException.atLine(part, lineNumber, "weight " + fields.get(2) + " is not positive (a PPMI set keeps PMI > 0)");
                    }
                    long c = Delimited.plainDigits(fields.get(3));
                    if (c < 1 || c > Integer.MAX_VALUE) {
                        throw InvalidInputException.atLine(part, lineNumber, "'" + fields.get(3) + "' in column 'count' is not a count (1 to "
                                + Integer.MAX_VALUE + ")");
                    }
                    count[size] = (int) c;
                    size++;
                }
            } catch (IOException e) {
                throw InvalidInputException.inFile(part, "cannot read: " + e.getMessage(), e);
            }
        }
        if (header) {
            throw InvalidInputException.inFile(parts.get(0), "the file is empty (expected the header " + String.join(",", PPMI_COLUMNS) + ")");
        }
        return new ImportedRun.Pairs(ppmi, Arrays.copyOf(row, size), Arrays.copyOf(partner, size), Arrays.copyOf(weight, size),
                Arrays.copyOf(count, size));
    }

    private static int rowOf(Map<String, Integer> rowOf, String item, Path file, long line, String column) {
        Integer a = rowOf.get(item);
        if (a == null) {
            throw InvalidInputException.atLine(file, line, "'" + item + "' in column '" + column + "' is not an item of the run's items.csv");
        }
        return a;
    }

    private static ImportedRun items(Path csv, int n, int rank, List<ImportedRun.Level> levels, double[] sigma, long nnz, long products,
            Map<String, Object> parameters, Map<String, Long> counts, Map<String, Long> millis) {
        String[] items = new String[n];
        double[] norms = new double[n];
        String[][] spikes = new String[levels.size()][n];
        double[] e = new double[n * rank];
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<String> header = split(r.readLine(), csv, 1);
            List<String> expected = new ArrayList<>(List.of("item", "norm"));
            levels.forEach(l -> expected.add("spike" + l.f()));
            for (int j = 0; j < rank; j++) {
                expected.add("e" + j);
            }
            if (!header.equals(expected)) {
                throw InvalidInputException.atLine(csv, 1, "expected the columns item, norm, " + (levels.isEmpty() ? "" : "spike" + levels.get(0).f()
                        + "…, ") + "e0…e" + (rank - 1) + " as run.json describes them");
            }
            String line;
            int a = 0;
            while ((line = r.readLine()) != null) {
                long lineNumber = a + 2L;
                if (a == n) {
                    throw InvalidInputException.atLine(csv, lineNumber, "more rows than run.json's n = " + n);
                }
                List<String> fields = split(line, csv, lineNumber);
                if (fields.size() != expected.size()) {
                    throw InvalidInputException.atLine(csv, lineNumber, "expected " + expected.size() + " fields, found " + fields.size());
                }
                items[a] = fields.get(0);
                norms[a] = number(fields.get(1), csv, lineNumber, "norm");
                for (int l = 0; l < levels.size(); l++) {
                    String s = fields.get(2 + l);
                    spikes[l][a] = s.isEmpty() ? null : s;
                }
                int base = 2 + levels.size();
                for (int j = 0; j < rank; j++) {
                    e[a * rank + j] = number(fields.get(base + j), csv, lineNumber, "e" + j);
                }
                a++;
            }
            if (a != n) {
                throw InvalidInputException.atLine(csv, a + 2L, "the file ends after " + a + " rows; run.json says n = " + n);
            }
        } catch (IOException ex) {
            throw InvalidInputException.inFile(csv, "cannot read: " + ex.getMessage(), ex);
        }
        return new ImportedRun(csv, items, norms, new DenseBlock(n, rank, e), levels, spikes, sigma, nnz, products, parameters, counts,
                millis);
    }

    private static JsonNode required(Path file, JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw InvalidInputException.inFile(file, "no '" + key + "'");
        }
        return v;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** A setting as the run node stores it: whole numbers as longs, lists as lists of longs. */
    private static Object value(JsonNode v) {
        if (v.isArray()) {
            List<Long> list = new ArrayList<>();
            v.forEach(x -> list.add(x.asLong()));
            return list;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.asText();
    }

    private static double number(String s, Path file, long line, String column) {
        try {
            double x = Double.parseDouble(s);
            if (Double.isFinite(x)) {
                return x;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw InvalidInputException.atLine(file, line, "'" + s + "' in column '" + column + "' is not a number");
    }

    /** RFC 4180 fields (as RunOutput quotes ids holding commas or quotes), by the rules the importer applies. */
    static List<String> split(String line, Path file, long lineNumber) {
        if (line == null) {
            throw InvalidInputException.atLine(file, lineNumber, "the file is empty");
        }
        try {
            return Delimited.split(line, ',');
        } catch (LineProblem p) {
            throw InvalidInputException.atLine(file, lineNumber, p.getMessage());
        }
    }
}
