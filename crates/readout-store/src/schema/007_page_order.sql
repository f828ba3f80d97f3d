-- Version 7: indexes in the order pages of stories and of quotations are read in (newest
-- first), so that a page is read from the index rather than by sorting the whole table:
-- `readout serve` reads the first page of each at every visit.
CREATE INDEX stories_order ON stories (coalesce(last_seen, '') DESC, articles DESC, id);
CREATE INDEX articles_order ON articles (coalesce(published, '') DESC, id);

-- The distinct speakers' names, so that a search for a part of a name reads these rather
-- than every quotation's; a trigger keeps them as quotations are stored.
CREATE TABLE speakers (name TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT OR IGNORE INTO speakers (name)
    SELECT DISTINCT speaker_name FROM quotes WHERE speaker_name IS NOT NULL;
CREATE TRIGGER quotes_speakers AFTER INSERT ON quotes
    WHEN NEW.speaker_name IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO speakers (name) VALUES (NEW.speaker_name);
END;
