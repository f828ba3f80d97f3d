-- Version 2: the names of an event's actors, for `readout events --actor NAME`. Events
-- stored before keep these empty.
ALTER TABLE events ADD COLUMN source_names TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN target_names TEXT NOT NULL DEFAULT '';
