// Datasets: every dataset that finished importing, with its counts and where it came from.
// Parameters: none. Returns one row per dataset, ordered by name: dataset (a map of the
// Dataset node's properties: name, format, source, items, contexts, interactions, rowsRead,
// duplicates, rowsSkipped, hasTimestamps, hasWeights, hasTruth, itemIdType, contextIdType,
// importedAt as an ISO-8601 string).
MATCH (d:Dataset {status: 'ready'})
RETURN d {.*, importedAt: toString(d.importedAt)} AS dataset
ORDER BY d.name
