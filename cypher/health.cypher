// Health: the versions of Neo4j and of Graph Data Science, read from the running database.
// Parameters: none. Returns one row: neo4j, edition, gds.
CALL dbms.components() YIELD name, versions, edition
WHERE name = 'Neo4j Kernel'
RETURN versions[0] AS neo4j, edition, gds.version() AS gds
