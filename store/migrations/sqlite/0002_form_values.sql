-- What the stored roll-up adds up: for each form's current version, the
-- values Rollup reads from it (each indicator value with its key, part,
-- side, kind and unit; the funds lines; the weights), written at every save
-- from the judgement made for it (rollup.EncodeValues: text, the same in
-- both dialects).
--
-- One compact row per form, not one row per value: rolling a nation up
-- reads 3,000 short rows instead of 192,000, which is what makes it an order
-- of magnitude faster than GROUP BY ROLLUP over per-value rows
-- (BENCHMARKS.md, issue 10: storage); the values stay queryable per
-- indicator in form_indicators. A row holds only numbers; what each number
-- is (the layout: indicator keys, parts, units, funds lines) is kept once
-- for all the forms that share it — forms of a program mostly follow its
-- prescribed indicator table — in value_layouts, found by its SHA-256.
-- Tables of their own rather than columns on forms: forms rows carry the
-- whole document, and SQLite reads a column stored after a large one by
-- walking its overflow pages.
CREATE TABLE value_layouts (
    id     INTEGER PRIMARY KEY,
    hash   TEXT NOT NULL UNIQUE,
    layout TEXT NOT NULL
);

CREATE TABLE form_values (
    form_id   INTEGER PRIMARY KEY REFERENCES forms(id),
    layout_id INTEGER NOT NULL REFERENCES value_layouts(id),
    data      TEXT NOT NULL
);
