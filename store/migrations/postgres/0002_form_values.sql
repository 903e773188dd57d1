-- What the stored roll-up adds up: for each form's current version, the
-- values Rollup reads from it (each indicator value with its key, part,
-- side, kind and unit; the funds lines; the weights), written at every save
-- from the judgement made for it (rollup.EncodeValues: text, the same in
-- both dialects).
--
-- One compact row per form, not one row per value: rolling a nation up
-- reads 3,000 rows instead of 192,000, which is what makes it an order of
-- magnitude faster than GROUP BY ROLLUP over per-value rows
-- (BENCHMARKS.md, issue 10: storage). The values stay queryable per
-- indicator through form_indicators. A table of its own rather than a
-- column on forms: forms rows carry the whole document, and SQLite reads a
-- column stored after a large one by walking its overflow pages.
CREATE TABLE form_values (
    form_id BIGINT PRIMARY KEY REFERENCES forms(id),
    data    TEXT NOT NULL
);
