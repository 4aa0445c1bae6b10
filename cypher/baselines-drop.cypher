// Drops the projected graph of cypher/baselines.cypher when that query failed before its own drop
// (a projection stays in memory until dropped). Nothing happens when there is no such graph.
// Parameters: $graph (the name that query was given). Returns one row: dropped (0 or 1).
CALL gds.graph.drop($graph, false) YIELD graphName
RETURN count(graphName) AS dropped
