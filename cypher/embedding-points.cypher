// Points of a run's embedding scatter (the report page's Figure 1): the $limit items of highest
// norm, each with its id, name, spike at $f (the peak item's id, null when uncovered), full
// norm, and its coordinates on the 0-based embedding dimensions $x and $y. Highest norms first
// because the spikes are the long arms of the picture; the small-norm bulk near the origin says
// least. Sorted by norm descending, then item id.
// Parameters: $run (run id), $f (an f' of the run's Spk table), $x, $y (dimensions < rank),
// $limit (how many items).
MATCH (e:Embedding {run: $run})
WITH e
ORDER BY e.norm DESC, e.item
LIMIT $limit
MATCH (i:Item)-[:HAS_EMBEDDING]->(e)
RETURN i.id AS item, i.name AS name, e['spike' + toString($f)] AS spike, e.norm AS norm,
       e.vector[$x] AS x, e.vector[$y] AS y
ORDER BY norm DESC, item
