import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import spiky.Progress;
import spiky.algo.dcbm.DcbmConfig;
import spiky.algo.dcbm.DcbmGenerator;
import spiky.data.Interactions;

/**
 * Writes spiky's generated DCBM (the generator `spiky generate` runs) as the csv interchange
 * item,context,timestamp, so that the database (./spiky import --format csv) and the Spark job
 * read the very same rows in the same order.
 * usage: java -cp algo/target/classes:COMMONS_MATH bench/java/DcbmCsv.java OUT.csv key=value...
 */
public final class DcbmCsv {
    public static void main(String[] args) throws Exception {
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            config.put(kv[0], kv[1].contains(".") ? (Object) Double.parseDouble(kv[1]) : (Object) Long.parseLong(kv[1]));
        }
        Interactions d = new DcbmGenerator(DcbmConfig.from(config), Progress.NONE).generate().interactions();
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(Path.of(args[0])), StandardCharsets.UTF_8), 1 << 16)) {
            w.write("item,context,timestamp\n");
            for (int e = 0; e < d.size(); e++) {
                w.write(d.itemKeys()[d.itemOf()[e]] + "," + d.contextKeys()[d.contextOf()[e]] + "," + d.timestamps()[e] + "\n");
            }
        }
        System.out.println(d.size() + " interactions, " + d.itemCount() + " items, " + d.contextCount() + " contexts");
    }
}
