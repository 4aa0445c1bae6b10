// Generate a seeded degree-corrected block model dataset (items, contexts, interactions, and
// planted truth: trueCommunity and theta on every item).
// Parameters: $dataset (string), $config (map; see SHOW PROCEDURES YIELD name, description
// WHERE name = 'spiky.dcbm.generate'). Returns one row with the generated counts.
CALL spiky.dcbm.generate($dataset, $config)
YIELD dataset, items, contexts, interactions, communities, seed, milliseconds
RETURN dataset, items, contexts, interactions, communities, seed, milliseconds
