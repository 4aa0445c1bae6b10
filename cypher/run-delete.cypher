// Deletes one run (spiky.run.delete): its (:Embedding) nodes, its (:EmbeddingRun) node and the
// PPMI relationships of the set it embeds, unless the dataset's current set or another run's is
// that set. When it was its dataset's latestRun, the newest other finished run becomes it.
// A running run is refused. Parameters: $id (run id). Returns one row: runId, dataset,
// embeddings (deleted), ppmiRelationships (deleted), latestRun (the dataset's, after; null when none).
CALL spiky.run.delete($id) YIELD runId, dataset, embeddings, ppmiRelationships, latestRun
RETURN runId, dataset, embeddings, ppmiRelationships, latestRun
