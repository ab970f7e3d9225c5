-- 0004: the resolver's state in pages, so that a process absorbing one document reads and writes
-- only the pages that document leads to (its blocking keys, the entities and events it
-- touches), not the whole state.
--
-- resolver_state.state now holds the state's head (the collections' sizes and the judgements,
-- JSON); the rest is here, one row per page: part is the collection (locals, union-find
-- parents, blocking keys, surname and place blocks, entities, event clusters and their blocks,
-- event order, document ranks), page the page of a vector or the bucket of a map, data the
-- page's JSON. Both are dossier_extract's (versioned by resolver_version). A bucket with no row
-- is empty. Saved in the transaction that saves resolver_state and the record; a record saved
-- without a state deletes every page with the state.

CREATE TABLE resolver_pages (
    part INTEGER NOT NULL,
    page INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (part, page)
) WITHOUT ROWID;

-- A state saved before this version is a whole JSON blob that no longer reads back as a head:
-- the next ingest resolves again and saves pages.
DELETE FROM resolver_state;
