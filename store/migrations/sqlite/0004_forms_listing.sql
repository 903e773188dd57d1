-- Listing forms (Store.Forms: a department's 3,000 forms with their
-- status, newest change first) reads every column of the summary. In a
-- forms row they sit after the document (tens of KB), which SQLite keeps in
-- a chain of overflow pages and walks to reach any column stored after it:
-- five page reads a form. This index holds the summary columns in the
-- listing's order, so the listing reads the index alone and never sorts
-- (BENCHMARKS.md, issue 10: storage).
CREATE INDEX forms_listing ON forms (updated_at, id, program_id, year, org_id, region, region_path, kind, status,
    version, task_id, errors, warnings, budget, executed, rate, updated_by, submitted_at, hash);
