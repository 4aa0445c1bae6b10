package spiky.proc;

import java.util.Arrays;
import java.util.List;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.UserFunction;
import spiky.InvalidInputException;
import spiky.algo.stats.Correlation;
import spiky.algo.stats.Labels;
import spiky.algo.stats.PartitionAgreement;

/**
 * Statistics that Cypher does badly, as functions the report queries (and analysts) call on
 * collected lists: partition agreement and rank correlation.
 */
public final class StatsFunctions {

    @UserFunction(name = "spiky.stats.ari")
    @Description("spiky.stats.ari(a :: LIST, b :: LIST) :: FLOAT - Adjusted Rand index of two labelings of the same items "
            + "(a[i] and b[i] label item i; any values; null is a group of its own, e.g. uncovered items): 1 for the same "
            + "partition, about 0 for independent ones. Null for empty lists.")
    public Double ari(@Name("a") List<Object> a, @Name("b") List<Object> b) {
        checkLabels(a, b);
        return a.isEmpty() ? null : PartitionAgreement.adjustedRandIndex(Labels.dense(a), Labels.dense(b));
    }

    @UserFunction(name = "spiky.stats.nmi")
    @Description("spiky.stats.nmi(a :: LIST, b :: LIST) :: FLOAT - Normalised mutual information (arithmetic mean of the "
            + "entropies, natural log) of two labelings of the same items; null is a group of its own. In [0, 1]. Null for "
            + "empty lists.")
    public Double nmi(@Name("a") List<Object> a, @Name("b") List<Object> b) {
        checkLabels(a, b);
        return a.isEmpty() ? null : PartitionAgreement.normalizedMutualInformation(Labels.dense(a), Labels.dense(b));
    }

    @UserFunction(name = "spiky.stats.pearson")
    @Description("spiky.stats.pearson(x :: LIST<FLOAT>, y :: LIST<FLOAT>) :: FLOAT - Pearson's correlation of paired "
            + "numbers; pairs with a null are left out. Null when fewer than two pairs remain or a side is constant.")
    public Double pearson(@Name("x") List<Number> x, @Name("y") List<Number> y) {
        double[][] xy = pairs(x, y);
        return nullIfNaN(Correlation.pearson(xy[0], xy[1]));
    }

    @UserFunction(name = "spiky.stats.spearman")
    @Description("spiky.stats.spearman(x :: LIST<FLOAT>, y :: LIST<FLOAT>) :: FLOAT - Spearman's rank correlation of "
            + "paired numbers (ties share their average rank); pairs with a null are left out. Null when fewer than two "
            + "pairs remain or a side is constant.")
    public Double spearman(@Name("x") List<Number> x, @Name("y") List<Number> y) {
        double[][] xy = pairs(x, y);
        return nullIfNaN(Correlation.spearman(xy[0], xy[1]));
    }

    private static void checkLabels(List<Object> a, List<Object> b) {
        if (a == null || b == null) {
            throw InvalidInputException.parameter(a == null ? "a" : "b", "null is not a list of labels");
        }
        if (a.size() != b.size()) {
            throw InvalidInputException.parameter("b", "has " + b.size() + " labels where a has " + a.size()
                    + ": both must label the same items, in the same order");
        }
    }

    private static double[][] pairs(List<Number> x, List<Number> y) {
        if (x == null || y == null) {
            throw InvalidInputException.parameter(x == null ? "x" : "y", "null is not a list of numbers");
        }
        if (x.size() != y.size()) {
            throw InvalidInputException.parameter("y", "has " + y.size() + " values where x has " + x.size()
                    + ": both must describe the same items, in the same order");
        }
        int kept = 0;
        double[] xs = new double[x.size()];
        double[] ys = new double[y.size()];
        for (int i = 0; i < x.size(); i++) {
            if (x.get(i) != null && y.get(i) != null) {
                xs[kept] = x.get(i).doubleValue();
                ys[kept] = y.get(i).doubleValue();
                kept++;
            }
        }
        return new double[][] {Arrays.copyOf(xs, kept), Arrays.copyOf(ys, kept)};
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
