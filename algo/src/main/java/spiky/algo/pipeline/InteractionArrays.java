package spiky.algo.pipeline;

/**
 * The binary item × context matrix as parallel (item, context) index arrays, handed over to
 * {@link Pipeline#run(int, int, InteractionArrays, int[], PipelineConfig, spiky.Progress, spiky.algo.Termination)}:
 * once the PPMI's incidence holds their content the pipeline releases them, so that nothing keeps
 * them beside the SVD's basis (8 bytes per interaction: 0.5 GB at 66 M interactions). After that
 * only {@link #size} answers.
 */
public final class InteractionArrays {
    private int[] itemOf;
    private int[] contextOf;
    private final int size;

    /**
     * @param itemOf    per distinct interaction, its item
     * @param contextOf per distinct interaction, its context
     */
    public InteractionArrays(int[] itemOf, int[] contextOf) {
        if (itemOf.length != contextOf.length) {
            throw new IllegalArgumentException("itemOf has " + itemOf.length + " entries, contextOf " + contextOf.length);
        }
        this.itemOf = itemOf;
        this.contextOf = contextOf;
        this.size = itemOf.length;
    }

    public int size() {
        return size;
    }

    public int[] itemOf() {
        return arrays(itemOf);
    }

    public int[] contextOf() {
        return arrays(contextOf);
    }

    public boolean released() {
        return itemOf == null;
    }

    /** Drops this holder's references to the arrays (whoever else holds them keeps them). */
    void release() {
        itemOf = null;
        contextOf = null;
    }

    private static int[] arrays(int[] a) {
        if (a == null) {
            throw new IllegalStateException("the interaction arrays were released once the PPMI incidence was built");
        }
        return a;
    }
}
