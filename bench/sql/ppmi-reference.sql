-- The PPMI matrix by the rules of the paper's reference query, written for DuckDB.
-- Input: a table interactions(item, context), one row per rating / play; ids are BIGINT when
-- every id is an integer (then pairs are ordered numerically), VARCHAR otherwise.
-- Output: one row per kept unordered pair (t1, t2), t1 < t2: its co-occurrence count c and
-- pmi = ln(N·c / (c_t1 · c_t2)) > 0. Parameters as in the reference: minCount 2, topK 2000.
-- bench/java/PpmiBench.java runs this text as it is (a trailing ';' is dropped).
WITH
  -- binary item × context matrix: a repeated (item, context) counts once
  m AS (
    SELECT DISTINCT item, context FROM interactions
  ),
  -- N: the number of contexts
  total AS (
    SELECT count(DISTINCT context) AS n FROM m
  ),
  -- c_i: the number of contexts of each item
  item_count AS (
    SELECT item, count(*) AS ci FROM m GROUP BY item
  ),
  -- c(t1, t2): contexts holding both items, each unordered pair once (t1 < t2), c >= minCount
  pair AS (
    SELECT a.item AS t1, b.item AS t2, count(*) AS c
    FROM m AS a
    JOIN m AS b ON a.context = b.context AND a.item < b.item
    GROUP BY a.item, b.item
    HAVING count(*) >= 2
  ),
  -- rank of the pair among t1's partners and among t2's partners: count descending, ties by
  -- the partner's key ascending
  ranked AS (
    SELECT t1, t2, c,
           row_number() OVER (PARTITION BY t1 ORDER BY c DESC, t2 ASC) AS r1,
           row_number() OVER (PARTITION BY t2 ORDER BY c DESC, t1 ASC) AS r2
    FROM pair
  ),
  -- the rank filter: strict '<', so at most topK - 1 partners per side
  kept AS (
    SELECT t1, t2, c FROM ranked WHERE r1 < 2000 AND r2 < 2000
  ),
  scored AS (
    SELECT k.t1, k.t2, k.c,
           ln(CAST(total.n AS DOUBLE) * k.c / (CAST(i1.ci AS DOUBLE) * i2.ci)) AS pmi
    FROM kept AS k
    JOIN item_count AS i1 ON i1.item = k.t1
    JOIN item_count AS i2 ON i2.item = k.t2
    CROSS JOIN total
  )
SELECT t1, t2, c, pmi FROM scored WHERE pmi > 0;
