// Run the whole spiky pipeline on a dataset and write the run (see cypher/schema.cypher).
// Parameters: $dataset (string), $config (map; SHOW PROCEDURES YIELD name, description
// WHERE name = 'spiky.pipeline' lists every key). Returns one row: the run id, the number of
// embedded items, PPMI non-zeros, singular values, the Spk table, the time and the peak heap
// (bytes, JVM-wide) of each stage.
CALL spiky.pipeline($dataset, $config)
YIELD runId, dataset, n, nnz, rank, method, singularValues, spk, millis, peakHeapBytes, ppmiRelationships, status
RETURN runId, dataset, n, nnz, rank, method, singularValues, spk, millis, peakHeapBytes, ppmiRelationships, status
