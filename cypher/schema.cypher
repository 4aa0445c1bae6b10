// spiky graph schema. Run once per database (the server does it at start-up; with the plugin
// jar in a standalone Neo4j, paste these statements into Neo4j Browser or cypher-shell).
//
// The model: several datasets side by side in one database.
//   (:Dataset {name, status, format, source, items, contexts, interactions, rowsRead,
//              duplicates, rowsSkipped, hasTimestamps, hasWeights, hasTruth,
//              itemIdType, contextIdType, importedAt, seconds, readerOptions?, ppmiSets})
//     readerOptions: how the reader was told to read the file, as 'key=value, ...' with every
//     option's effective value (only the cornell format takes any: 'minSongs=5, countBy=distinct').
//     ppmiSets: the tags of the PPMI sets (below) the dataset may hold: a tag is listed before its
//     set's first relationship is written and unlisted once the set is deleted, so that removing
//     unused sets needs no walk over the items when none is unused (absent on stores written
//     before it: the next removal walks once, then lists what it kept).
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

// Embedding runs (spiky.pipeline, or spiky.svd.write then spiky.spikes.write): one node per run,
// several per dataset side by side.
//   (:EmbeddingRun {id, dataset, status, createdAt, finishedAt, error?,
//                   every parameter (minCount, topK, rankRule, rank, oversampling, powerIterations,
//                   seed, method, sigmaPower, spkDims, cosTheta, rho, concurrency, writePpmi,
//                   maxPpmiRelationships, ppmiGraphTopK),
//                   n, nnz, cooccurringPairs, pairsAfterMinCount, pairsAfterRank, pairsPositive,
//                   singularValues, matrixProducts, spkF, spkPeaks, spkCovered, spk,
//                   millisRead, millisPpmi, millisSvd, millisEmbed, millisSpikes, millisWrite,
//                   peakHeapBytesPpmi, peakHeapBytesSvd, peakHeapBytesEmbed, peakHeapBytesSpikes
//                   (the JVM's peak heap during each stage, garbage included),
//                   millisWriteEmbeddings, millisWritePpmi (the parts of millisWrite),
//                   ppmiRelationships (how many this run wrote), ppmiRun? (the PPMI set it embeds), ppmiDigest? (that set's fingerprint),
//                   ppmiWrittenTopK? (when it wrote a set: 0 for every pair, else k: above maxPpmiRelationships pairs only
//                   each item's k strongest pairs are relationships, a pair being written when it is among the k largest
//                   weights of either item, and the whole matrix is in <home>/spiky-ppmi/<database>/<dataset>/<set>.csr,
//                   which spiky.degrees, spiky.dcbm.fit and spiky.svd.write read; the file goes with the set))
//     status: 'running', then 'finished' or 'failed'. A run cut short by a crash is marked
//     'failed' at the next start-up. Dataset.latestRun names the latest finished run.
//     The Spk table is the four parallel lists spkF, spkPeaks, spkCovered, spk.
//     A run of spiky.svd.write embeds the dataset's written PPMI relationships: it records their
//     ppmiRun and PPMI parameters (from the Dataset node), its SVD parameters, and no writePpmi,
//     maxPpmiRelationships, ppmiRelationships, millisPpmi; it has no Spk table, spkDims, cosTheta,
//     rho or spike properties until spiky.spikes.write adds them (with millisSpikes and
//     millisSpikesWrite). spiky.spikes.write on any finished run replaces its Spk table and the
//     spike properties of all its Embedding nodes.
//   (:Item)-[:HAS_EMBEDDING]->(:Embedding {run, dataset, item, norm, vector, spike16?, peak16, ...})
//     one per item that keeps a PPMI pair, per run: vector is the rank-f embedding E = U·Σ^p
//     (float[]), norm its Euclidean norm, spike<f'> the id of the peak item whose spike covers the
//     item at f' (absent when uncovered), peak<f'> whether the item is that peak.
//     Result nodes (not properties keyed by run on Item) so that runs coexist for the stability
//     analysis, and one label holds every vector for a vector index.
//     stabilityForecast? (float in [0, 1]): written by spiky.stability.forecast on the embeddings of
//     a dataset's latest snapshot run only: the item's expected Jaccard of its top-k list between
//     this snapshot and the next. The run node then records the backtest: forecastModel,
//     forecastFeatures, forecastLag, forecastMae, forecastBaselineMae, forecastSpearman?,
//     forecastRuns (the snapshot runs learnt from), forecastTrainRows, forecastTestRows, forecastK,
//     forecastMetric, forecastGapDays. A new forecast replaces both.
//   (:Item)-[:PPMI {weight, count, run}]->(:Item)
//     one per kept pair (from the smaller to the larger item key). A dataset has one current set
//     of them, the one Dataset.ppmiRun names; `run` on each relationship is the id of the write
//     that made it: the EmbeddingRun id when spiky.pipeline wrote them (writePpmi), or
//     '<dataset>-ppmi-<N>' (N from Dataset.ppmiCounter) when spiky.ppmi.write did. Either writer
//     writes its set beside the current one, switches ppmiRun in one transaction, then removes the
//     sets that nothing names (neither the dataset, nor a run that is not failed: EmbeddingRun.ppmiRun);
//     a failed write removes its own set. So a reader that follows ppmiRun (spiky.svd.write)
//     never sees half a matrix, and a finished run's reports, which read the set its ppmiRun
//     names, never change whatever runs come after (store cost: one set per distinct matrix that
//     some run embeds; spiky.run.delete removes a run and the set only it named). With the switch the Dataset node records the set:
//       ppmiRun, ppmiSource ('spiky.pipeline', 'spiky.ppmi.write' or 'spark': an imported run's), ppmiMinCount, ppmiTopK,
//       ppmiRankRule, ppmiItems, ppmiPairs, ppmiCooccurringPairs, ppmiPairsAfterMinCount,
//       ppmiPairsAfterRank, ppmiDigest (a 64-bit fingerprint of the pairs, counts and weights, in hex)
//     (databases written before this record have ppmiRun only: the run it names holds the settings).
//     A spiky.pipeline run whose PPMI matrix has the settings and fingerprint of a set the dataset
//     keeps (its current one, or a finished run's: EmbeddingRun.ppmiDigest) names that set rather
//     than writing it again: its ppmiRun names the set, its ppmiRelationships is 0.
CREATE CONSTRAINT run_id IF NOT EXISTS FOR (r:EmbeddingRun) REQUIRE r.id IS UNIQUE;
CREATE INDEX run_dataset IF NOT EXISTS FOR (r:EmbeddingRun) ON (r.dataset);
CREATE INDEX run_status IF NOT EXISTS FOR (r:EmbeddingRun) ON (r.status);
CREATE INDEX embedding_run IF NOT EXISTS FOR (e:Embedding) ON (e.run);
CREATE INDEX embedding_dataset IF NOT EXISTS FOR (e:Embedding) ON (e.dataset);
