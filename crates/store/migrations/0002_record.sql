-- 0002: the resolved record in normalised tables, and human judgements.
--
-- Entity, event and conflict ids are the 0-based positions in the Record's vectors; seq
-- columns keep the order of every list. Document ids (doc_id) deliberately carry no foreign
-- key: the record is replaced wholesale and its freshness is tracked in meta instead.

CREATE TABLE entities (
    id   INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX entities_name ON entities (name);

CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    seq       INTEGER NOT NULL,
    alias     TEXT NOT NULL,
    PRIMARY KEY (entity_id, seq)
);
CREATE INDEX entity_aliases_alias ON entity_aliases (alias);

CREATE TABLE entity_mentions (
    entity_id  INTEGER NOT NULL REFERENCES entities (id),
    seq        INTEGER NOT NULL,
    doc_id     INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    PRIMARY KEY (entity_id, seq)
);
CREATE INDEX entity_mentions_doc ON entity_mentions (doc_id);

-- date is the EDTF string; date_start and date_end are the first and last day it covers,
-- in days since 1970-01-01, for range queries. term is an ISO 8601 duration.
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    date         TEXT,
    date_start   INTEGER,
    date_end     INTEGER,
    place_entity INTEGER REFERENCES entities (id),
    count_value  INTEGER,
    count_bound  TEXT,
    term         TEXT,
    amount_json  TEXT,
    legal_json   TEXT NOT NULL,
    CHECK ((count_value IS NULL) = (count_bound IS NULL))
);
CREATE INDEX events_date_start ON events (date_start);
CREATE INDEX events_kind ON events (kind);

CREATE TABLE event_participants (
    event_id  INTEGER NOT NULL REFERENCES events (id),
    seq       INTEGER NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    role      TEXT NOT NULL,
    PRIMARY KEY (event_id, seq)
);
CREATE INDEX event_participants_entity ON event_participants (entity_id);

-- One row per claim: a passage of a document that reports the event, with its values.
CREATE TABLE event_sources (
    event_id     INTEGER NOT NULL REFERENCES events (id),
    seq          INTEGER NOT NULL,
    doc_id       INTEGER NOT NULL,
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL,
    quote        TEXT NOT NULL,
    date         TEXT,
    place_entity INTEGER REFERENCES entities (id),
    count_value  INTEGER,
    count_bound  TEXT,
    term         TEXT,
    amount_json  TEXT,
    PRIMARY KEY (event_id, seq),
    CHECK ((count_value IS NULL) = (count_bound IS NULL))
);
CREATE INDEX event_sources_doc ON event_sources (doc_id);

CREATE TABLE conflicts (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id),
    field    TEXT NOT NULL
);
CREATE INDEX conflicts_event ON conflicts (event_id);

CREATE TABLE conflict_values (
    conflict_id INTEGER NOT NULL REFERENCES conflicts (id),
    seq         INTEGER NOT NULL,
    value_json  TEXT NOT NULL,
    docs_json   TEXT NOT NULL,
    claims_json TEXT NOT NULL,
    PRIMARY KEY (conflict_id, seq)
);

-- What people decided about two entities: the same thing, or different things.
CREATE TABLE judgements (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL CHECK (kind IN ('same', 'different')),
    a          TEXT NOT NULL,
    b          TEXT NOT NULL,
    created_at TEXT NOT NULL
);
