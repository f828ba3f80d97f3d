-- Version 6: the actor registry. Per person name, the country and sector the stored
-- articles gave it (from a role phrase in the text, or from the Phoenix person dictionary
-- when the text gave none), with the number of articles and the first and last publication
-- dates; a person an article names without a code takes the registry's majority code when
-- the article is stored.
CREATE TABLE actor_registry (
    -- The name as compared: lower case, full stops dropped, one space between words.
    name TEXT NOT NULL,
    -- Its name identity (the last word, case-folded: readout_cluster::person_identity), by
    -- which a one-word name ("Putin") is looked up.
    person TEXT NOT NULL,
    -- '' when none.
    country TEXT NOT NULL,
    sector TEXT NOT NULL,
    -- 'role': the article gave the person a role phrase; 'dictionary': it gave none, so the
    -- code came from the entity stage's person dictionary (or "of COUNTRY" after the name).
    source TEXT NOT NULL CHECK (source IN ('role', 'dictionary')),
    -- The name as the first article wrote it.
    shown TEXT NOT NULL,
    articles INTEGER NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    PRIMARY KEY (name, country, sector, source)
) WITHOUT ROWID;
CREATE INDEX actor_registry_person ON actor_registry (person);
