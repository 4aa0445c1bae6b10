package spiky.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;
import spiky.algo.linalg.DenseBlock;
import spiky.graph.ImportedRun;

/**
 * Reads the Spark job's run directory ({@code run.json} and {@code items.csv}, see the spark
 * module's RunOutput) into an {@link ImportedRun}, checking it whole before anything is written:
 * a bad file is refused with its name and line.
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
        return items(csv, n, rank, levels, sigma, required(json, run, "nnz").asLong(), run.path("matrixProducts").asLong(), parameters,
                counts, millis);
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

    /** RFC 4180 fields (as RunOutput quotes ids holding commas or quotes). */
    static List<String> split(String line, Path file, long lineNumber) {
        if (line == null) {
            throw InvalidInputException.atLine(file, lineNumber, "the file is empty");
        }
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                StringBuilder f = new StringBuilder();
                i++;
                while (true) {
                    int q = line.indexOf('"', i);
                    if (q < 0) {
                        throw InvalidInputException.atLine(file, lineNumber, "a quoted field has no closing quote");
                    }
                    f.append(line, i, q);
                    i = q + 1;
                    if (i < n && line.charAt(i) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                fields.add(f.toString());
                if (i >= n) {
                    return fields;
                }
                i++;
            } else {
                int c = line.indexOf(',', i);
                if (c < 0) {
                    fields.add(line.substring(i));
                    return fields;
                }
                fields.add(line.substring(i, c));
                i = c + 1;
            }
        }
    }
}
