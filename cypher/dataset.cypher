// Dataset: one dataset by name, with its counts (as in datasets.cypher).
// Parameters: $name (string). Returns one row, dataset, or no row when there is no such
// finished dataset.
MATCH (d:Dataset {name: $name, status: 'ready'})
RETURN d {.*, importedAt: toString(d.importedAt)} AS dataset
