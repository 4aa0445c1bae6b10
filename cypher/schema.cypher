// spiky graph schema. Run once per database (the server does it at start-up; with the plugin
// jar in a standalone Neo4j, paste these statements into Neo4j Browser or cypher-shell).
//
// The model: several datasets side by side in one database.
//   (:Dataset {name, status, format, source, items, contexts, interactions, rowsRead,
//              duplicates, rowsSkipped, hasTimestamps, hasWeights, hasTruth,
//              itemIdType, contextIdType, importedAt, seconds})
//     status: 'importing' while a load is under way, 'ready' once it is whole. A dataset left
//     'importing' by a crash is erased at the next start-up, so queries never see half a dataset.
//   (:Item {dataset, id, name?, trueCommunity?, theta?})   one per distinct item of a dataset
//   (:Context {dataset, id})                                a playlist, a user: what holds items
//   (:Item)-[:IN {timestamp?, weight?}]->(:Context)         one per distinct (item, context) pair;
//     timestamp is epoch seconds (the earliest when the source repeats a pair), weight the
//     source's rating or play count.
//   id is an integer when every id of that dataset (items, resp. contexts) is a decimal integer,
//   else a string: Dataset.itemIdType / contextIdType say which ('integer' or 'string').

CREATE CONSTRAINT dataset_name IF NOT EXISTS FOR (d:Dataset) REQUIRE d.name IS UNIQUE;
CREATE CONSTRAINT item_key IF NOT EXISTS FOR (i:Item) REQUIRE (i.dataset, i.id) IS UNIQUE;
CREATE CONSTRAINT context_key IF NOT EXISTS FOR (c:Context) REQUIRE (c.dataset, c.id) IS UNIQUE;
CREATE INDEX item_dataset IF NOT EXISTS FOR (i:Item) ON (i.dataset);
CREATE INDEX context_dataset IF NOT EXISTS FOR (c:Context) ON (c.dataset);
