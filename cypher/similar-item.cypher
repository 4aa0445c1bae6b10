// One item of a run's dataset by its id as text (ids are integers or strings: the candidates are
// the text and, when it reads as one, the integer; toString must give the text back, so '007'
// does not find item 7), and whether the run embeds it. The index on (dataset, id) answers it.
// Parameters: $run (run id), $item (the item id as text). No rows when the dataset has no such item.
MATCH (r:EmbeddingRun {id: $run})
WITH r, [x IN [toInteger($item), $item] WHERE x IS NOT NULL] AS keys
MATCH (i:Item {dataset: r.dataset})
WHERE i.id IN keys AND toString(i.id) = $item
OPTIONAL MATCH (i)-[:HAS_EMBEDDING]->(e:Embedding {run: $run})
RETURN i.id AS item, r.dataset AS dataset, e IS NOT NULL AS embedded
LIMIT 1
