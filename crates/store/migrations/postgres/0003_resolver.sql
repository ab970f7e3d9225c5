-- 0003 (PostgreSQL, as ../0003_resolver.sql with BIGINT integers): the resolver's state,
-- kept beside the record it built, so that the next process absorbs the documents added
-- since instead of resolving every document again.
--
-- At most one row. generation is the documents_generation the state was built from, and the
-- saved record's record_generation equals it while the two describe each other; every save of
-- a record without a state deletes the row. last_document and last_judgement are the highest
-- ids the state has absorbed; extractor_version and resolver_version must match the running
-- dossier's, or the state is ignored and everything resolved again. state is the serde JSON of
-- dossier_extract::Resolver.
--
-- From this version on conflict ids are unique but not positions: a record updated in place
-- keeps the ids of unchanged conflicts, and a conflict's place in the record is its event's,
-- then its id's.

CREATE TABLE resolver_state (
    id                BIGINT PRIMARY KEY CHECK (id = 1),
    generation        BIGINT NOT NULL,
    last_document     BIGINT NOT NULL,
    last_judgement    BIGINT NOT NULL,
    extractor_version BIGINT NOT NULL,
    resolver_version  BIGINT NOT NULL,
    state             TEXT NOT NULL
);
