-- Listing forms (Store.Forms) in SQLite needs a covering index, because a
-- forms row there holds its document inline (migrations/sqlite/0004).
-- PostgreSQL moves large values out of the row (TOAST), so the listing
-- reads short rows already; the number stays in step with SQLite's.
SELECT 1;
