package spiky.spark;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import spiky.InvalidInputException;
import spiky.data.DatasetName;

/**
 * A dataset's interactions read from a running spiky over Bolt with the Neo4j Connector for
 * Apache Spark: one row per {@code (:Item {dataset})-[:IN]->(:Context)} relationship, in the frame
 * schema of file input ({@link InteractionInput#SCHEMA}), so that everything after reading is the
 * same code. Ids come as their decimal or string text, as the csv interchange has them (PpmiFrames
 * then takes numeric keys when every item id is an integer); {@code line}, the order of an item's
 * rows, is the item's node id: the order an import created the items in, the one the database's
 * own pipeline gives the matrix rows (DatasetReader sorts by node id), so the seeded SVD draws the
 * same Ω per item. The only class of the job that knows the connector.
 *
 * <p>Before Spark reads anything, the Neo4j driver (the connector's own) checks the credentials
 * and that the dataset exists and is ready, with the dataset as a query parameter. The connector's
 * {@code query} option binds no parameters of ours (only its {@code $scriptResult}), so the read
 * query carries the name as a string literal: the name has passed spiky's dataset-name rule
 * (letters, digits, '.', '_', '-'), which no quote or backslash gets through.
 */
final class Neo4jInput implements InteractionInput.Source {
    static final String USER = "neo4j";
    static final String PASSWORD_ENV = "SPIKY_NEO4J_PASSWORD";
    private static final Set<String> SCHEMES = Set.of("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc");

    private final String url;
    private final String dataset;
    private final String user;
    private final String password;
    private final String passwordFrom;
    private final int partitions;

    /** What the driver's check found: the read's row count and the optional columns. */
    record Facts(long interactions, boolean hasTimestamps, boolean hasWeights) {}

    private Neo4jInput(String url, String dataset, String user, String password, String passwordFrom, int partitions) {
        this.url = url;
        this.dataset = dataset;
        this.user = user;
        this.password = password;
        this.passwordFrom = passwordFrom;
        this.partitions = partitions;
    }

    /**
     * @param passwordFile the file holding the password ({@code DATA/neo4j-password} of the server);
     *                     null: the environment variable {@value #PASSWORD_ENV}
     * @param partitions   the connector's {@code partitions}: how many Spark tasks pull the rows
     */
    static Neo4jInput of(String url, String dataset, String user, String passwordFile, int partitions) {
        checkUrl(url);
        DatasetName.check(dataset);
        if (partitions < 1 || partitions > 10_000) {
            throw InvalidInputException.parameter("neo4j-partitions", partitions + " is not in [1, 10000]");
        }
        String password;
        String from;
        if (passwordFile != null) {
            Path file = Path.of(passwordFile);
            try {
                // As the server reads its own file: the whole content, surrounding blanks stripped.
                password = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw InvalidInputException.parameter("neo4j-password-file", "cannot read " + file + ": " + e.getMessage());
            }
            if (password.isEmpty()) {
                throw InvalidInputException.parameter("neo4j-password-file", file + " is empty");
            }
            from = "the password in " + file;
        } else {
            password = System.getenv(PASSWORD_ENV);
            if (password == null || password.isBlank()) {
                throw InvalidInputException.parameter("neo4j-password-file", "--neo4j needs the password of user '" + user
                        + "': give --neo4j-password-file DATA/neo4j-password (the file ./spiky serve keeps) or set " + PASSWORD_ENV);
            }
            from = "the password in " + PASSWORD_ENV;
        }
        return new Neo4jInput(url, dataset, user, password, from, partitions);
    }

    @Override
    public String describe() {
        return "dataset '" + dataset + "' at " + url;
    }

    int partitions() {
        return partitions;
    }

    /**
     * Connects, authenticates and checks the dataset: present and ready, with at least one
     * interaction. Every refusal names the dataset or the URL; nothing is read.
     */
    Facts check() {
        Config config = Config.builder().withLogging(Logging.none())
                .withConnectionTimeout(20, TimeUnit.SECONDS).withMaxConnectionPoolSize(1).build();
        try (Driver driver = GraphDatabase.driver(url, AuthTokens.basic(user, password), config);
                Session session = driver.session()) {
            List<Record> found = session.run("MATCH (d:Dataset {name: $name}) RETURN d.status AS status, "
                    + "coalesce(d.hasTimestamps, false) AS hasTimestamps, coalesce(d.hasWeights, false) AS hasWeights",
                    Map.of("name", dataset)).list();
            if (found.isEmpty()) {
                List<String> names = new ArrayList<>();
                session.run("MATCH (d:Dataset) WHERE d.status = 'ready' RETURN d.name AS name ORDER BY name")
                        .forEachRemaining(r -> names.add(r.get("name").asString()));
                throw InvalidInputException.notFound("dataset", "no dataset named '" + dataset + "' at " + url
                        + (names.isEmpty() ? " (it has none)" : " (it has " + String.join(", ", names) + ")"));
            }
            String status = found.get(0).get("status").isNull() ? null : found.get(0).get("status").asString();
            if (!"ready".equals(status)) {
                throw InvalidInputException.conflict("dataset", "dataset '" + dataset + "' at " + url + " is not ready (status '"
                        + status + "': an import is under way or was cut short)");
            }
            long interactions = session.run("MATCH (:Item {dataset: $name})-[r:IN]->(:Context) RETURN count(r) AS n",
                    Map.of("name", dataset)).single().get("n").asLong();
            if (interactions == 0) {
                throw InvalidInputException.parameter("dataset", "dataset '" + dataset + "' at " + url + " has no interactions");
            }
            return new Facts(interactions, found.get(0).get("hasTimestamps").asBoolean(), found.get(0).get("hasWeights").asBoolean());
        } catch (AuthenticationException e) {
            throw InvalidInputException.parameter("neo4j-password-file", "Neo4j at " + url + " refused user '" + user + "' with "
                    + passwordFrom + " (" + e.getMessage() + ")");
        } catch (ServiceUnavailableException e) {
            throw InvalidInputException.parameter("neo4j", "cannot reach Neo4j at " + url + " (is ./spiky serve running, "
                    + "and is that its Bolt port?): " + e.getMessage());
        } catch (Neo4jException e) {
            throw InvalidInputException.parameter("neo4j", "Neo4j at " + url + " answered: " + e.getMessage());
        }
    }

    /**
     * The checked rows, read once through the connector and kept (memory, then disk): the PPMI
     * stage reads them several times, and each read would otherwise run the query again on the
     * server. The rows are counted as they are kept; a count other than the check's means the
     * dataset changed meanwhile, and is refused.
     */
    @Override
    public InteractionInput.Input read(SparkSession spark) {
        Facts facts = check();
        Dataset<Row> rows = spark.read().format("org.neo4j.spark.DataSource")
                // Our schema: the connector then infers none (no sampling query) and hands the
                // values over as they come (strings, longs, doubles: the query casts them).
                .schema(InteractionInput.SCHEMA)
                .option("url", url)
                .option("authentication.type", "basic")
                .option("authentication.basic.username", user)
                .option("authentication.basic.password", password)
                .option("query", query(dataset, partitions))
                // The count the connector splits by (else it runs the query once more to count).
                .option("query.count", Long.toString(facts.interactions()))
                .option("partitions", Integer.toString(partitions))
                .load()
                .persist(StorageLevel.MEMORY_AND_DISK());
        long read = rows.count();
        if (read != facts.interactions()) {
            rows.unpersist();
            throw InvalidInputException.parameter("dataset", "dataset '" + dataset + "' at " + url + " changed while it was read ("
                    + facts.interactions() + " interactions counted, " + read + " read): run the job again");
        }
        return new InteractionInput.Input(describe(), rows, facts.hasTimestamps(), facts.hasWeights());
    }

    /**
     * The read query. With several partitions the connector appends {@code SKIP s LIMIT n} to it
     * and runs it once per partition, so the rows must come in one fixed order: by item node,
     * then context node. Each partition's query then matches and sorts the whole dataset on the
     * server before skipping; one partition needs no order.
     */
    static String query(String dataset, int partitions) {
        return "MATCH (i:Item {dataset: '" + DatasetName.check(dataset) + "'})-[r:IN]->(c:Context) "
                + "RETURN toString(i.id) AS item, toString(c.id) AS context, toInteger(r.timestamp) AS timestamp, "
                + "toFloat(r.weight) AS weight, id(i) AS line"
                + (partitions > 1 ? " ORDER BY line, id(c)" : "");
    }

    private static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
                throw InvalidInputException.parameter("neo4j", "'" + url + "' is not a Bolt URL (bolt://HOST:PORT, or neo4j://, bolt+s://, ...)");
            }
        } catch (URISyntaxException e) {
            throw InvalidInputException.parameter("neo4j", "'" + url + "' is not a Bolt URL: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Neo4jInput[" + describe() + ", user " + user + ", partitions " + partitions + ", password hidden]";
    }
}
