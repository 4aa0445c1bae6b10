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

// Embedding runs (spiky.pipeline): one node per run, several per dataset side by side.
//   (:EmbeddingRun {id, dataset, status, createdAt, finishedAt, error?,
//                   every parameter (minCount, topK, rankRule, rank, oversampling, powerIterations,
//                   seed, method, sigmaPower, spkDims, cosTheta, rho, concurrency, writePpmi,
//                   maxPpmiRelationships),
//                   n, nnz, cooccurringPairs, pairsAfterMinCount, pairsAfterRank, pairsPositive,
//                   singularValues, matrixProducts, spkF, spkPeaks, spkCovered, spk,
//                   millisRead, millisPpmi, millisSvd, millisEmbed, millisSpikes, millisWrite,
//                   ppmiRelationships})
//     status: 'running', then 'finished' or 'failed'. A run cut short by a crash is marked
//     'failed' at the next start-up. Dataset.latestRun names the latest finished run.
//     The Spk table is the four parallel lists spkF, spkPeaks, spkCovered, spk.
//   (:Item)-[:HAS_EMBEDDING]->(:Embedding {run, dataset, item, norm, vector, spike16?, peak16, ...})
//     one per item that keeps a PPMI pair, per run: vector is the rank-f embedding E = U·Σ^p
//     (float[]), norm its Euclidean norm, spike<f'> the id of the peak item whose spike covers the
//     item at f' (absent when uncovered), peak<f'> whether the item is that peak.
//     Result nodes (not properties keyed by run on Item) so that runs coexist for the stability
//     analysis, and one label holds every vector for a vector index.
//   (:Item)-[:PPMI {weight, count, run}]->(:Item)
//     one per kept pair (from the smaller to the larger item key), written by the run named in
//     Dataset.ppmiRun; older runs' PPMI relationships are removed when a newer run finishes.
CREATE CONSTRAINT run_id IF NOT EXISTS FOR (r:EmbeddingRun) REQUIRE r.id IS UNIQUE;
CREATE INDEX run_dataset IF NOT EXISTS FOR (r:EmbeddingRun) ON (r.dataset);
CREATE INDEX run_status IF NOT EXISTS FOR (r:EmbeddingRun) ON (r.status);
CREATE INDEX embedding_run IF NOT EXISTS FOR (e:Embedding) ON (e.run);
CREATE INDEX embedding_dataset IF NOT EXISTS FOR (e:Embedding) ON (e.dataset);
