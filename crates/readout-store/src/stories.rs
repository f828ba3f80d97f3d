//! Writing an article into its story: the story's counts, the article's events merged with
//! the events the story's other articles reported (one mention per article), and the
//! ordinal claims made of them.

use readout_cluster::{ActorId, EventKey};
use readout_model::record::{ArticleRecord, EventActorRecord, EventRecord};
use readout_model::{CameoCode, Modality, TimeBasis};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::{exec, StoreError, StoryRef};

/// The events of the stories written lately, by story: the writer is the only one to add
/// to them, so reading them once per run is enough.
pub(crate) type EventCache = rustc_hash::FxHashMap<i64, Vec<Known>>;

/// How many stories' events the cache holds before it starts afresh: memory stays flat.
pub(crate) const CACHED_STORIES: usize = 20_000;

/// A story's event as stored: its row id and what decides whether a report is of it.
pub(crate) struct Known {
    id: i64,
    key: EventKey,
    cameo: CameoCode,
    /// How many reports give each code.
    votes: Vec<(String, u32)>,
    /// How many reports it has.
    reports: u32,
    /// The name shown for each actor of the key: its role, identity and words.
    names: Vec<(Role, ActorId, String)>,
}

/// The side of an event an actor is on, as the store writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Source = 0,
    Target = 1,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::Source => "source",
            Role::Target => "target",
        }
    }
}

impl Known {
    fn votes_text(&self) -> String {
        self.votes
            .iter()
            .map(|(c, n)| format!("{c}:{n}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The key's actors with their roles, sources first.
    fn actors(&self) -> impl Iterator<Item = (Role, &ActorId)> {
        let source = self.key.source.iter().map(|a| (Role::Source, a));
        source.chain(self.key.target.iter().map(|a| (Role::Target, a)))
    }

    /// Names every actor of the key: by the name it had, else by the words of the report
    /// `e` (of the article `r`) that gave it; actors the key no longer holds (a bare code
    /// beside a person of that code) are dropped.
    fn rename(&mut self, r: &ArticleRecord, e: &EventRecord) {
        let names = self
            .actors()
            .map(|(role, id)| {
                // The same role first: a bare code on both sides ("White House" and
                // "Congress", both USA) keeps each side's own words.
                let known = |same: bool| {
                    self.names
                        .iter()
                        .find(|(rl, n, _)| n == id && (!same || *rl == role))
                        .map(|(_, _, name)| name.clone())
                };
                let (mine, other) = match role {
                    Role::Source => (&e.source, &e.target),
                    Role::Target => (&e.target, &e.source),
                };
                let reported = |list: &[EventActorRecord]| {
                    list.iter()
                        .find(|a| ActorId::of(a, &r.entities).as_ref() == Some(id))
                        .map(|a| actor_name(r, a))
                };
                let name = known(true)
                    .or_else(|| reported(mine))
                    .or_else(|| known(false))
                    .or_else(|| reported(other));
                (role, id.clone(), name.unwrap_or_else(|| label(id)))
            })
            .collect();
        self.names = names;
    }
}

/// The words that stand for an identity when no report's words are at hand (an event of a
/// database made before version 5 whose actors' names could not be paired with codes).
fn label(id: &ActorId) -> String {
    id.person
        .clone()
        .or_else(|| id.code.clone())
        .unwrap_or_default()
}

/// Puts an article (whose record is stored already) into its story, and gives the story
/// event each of its events is, in order.
pub(crate) fn insert_story(
    tx: &Transaction,
    r: &ArticleRecord,
    story: &StoryRef,
    cache: &mut EventCache,
) -> Result<Vec<i64>, StoreError> {
    let mut ids = Vec::with_capacity(r.events.len());
    let published = r.published.as_ref().map(|p| p.iso.clone());
    exec(
        tx,
        "INSERT INTO stories (id, title, first_seen, last_seen, articles, sources)
         VALUES (?1, ?2, ?3, ?3, 0, 0) ON CONFLICT (id) DO NOTHING",
        params![story.story as i64, r.title, published],
    )?;
    exec(
        tx,
        "INSERT INTO story_articles (article_id, story_id, features) VALUES (?1, ?2, ?3)",
        params![r.id, story.story as i64, story.features],
    )?;
    exec(tx,
        "UPDATE stories SET
            articles = articles + 1,
            title = coalesce(title, ?2),
            first_seen = CASE WHEN first_seen IS NULL OR ?3 < first_seen THEN ?3 ELSE first_seen END,
            last_seen = CASE WHEN last_seen IS NULL OR ?3 > last_seen THEN ?3 ELSE last_seen END,
            sources = sources + ?4
         WHERE id = ?1",
        params![
            story.story as i64,
            r.title,
            published,
            new_source(
                tx,
                "INSERT OR IGNORE INTO story_sources (story_id, source) VALUES (?1, ?2)",
                story.story as i64,
                r
            )?
        ],
    )?;
    let id = story.story as i64;
    let known = match cache.entry(id) {
        std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
        std::collections::hash_map::Entry::Vacant(e) => e.insert(story_events(tx, id)?),
    };
    for e in &r.events {
        let key = EventKey::of(e, &r.entities);
        let codes = key.codes();
        let chosen = key.choose(known.iter().map(|k| (&k.key, k.reports)));
        let id = match chosen {
            Some(i) => {
                let k = &mut known[i];
                let before = (k.key.source.clone(), k.key.target.clone());
                k.key.merge(&key);
                // A finer CAMEO code of the same event (041 "discuss by telephone" under
                // 040 "consult") replaces the coarser one.
                if e.cameo.len() > k.cameo.len() && e.cameo.is_within(&k.cameo) {
                    k.cameo = e.cameo;
                }
                k.reports += 1;
                for code in &codes {
                    match k.votes.iter_mut().find(|(c, _)| c == code) {
                        Some((_, n)) => *n += 1,
                        None => k.votes.push((code.clone(), 1)),
                    }
                }
                exec(
                    tx,
                    "UPDATE story_events SET codes = ?2, date = ?3, cameo = ?4, votes = ?5,
                            reports = ?6 WHERE id = ?1",
                    params![
                        k.id,
                        k.key.codes().join(" "),
                        k.key.date.as_ref().map(ToString::to_string),
                        k.cameo.as_str(),
                        k.votes_text(),
                        k.reports
                    ],
                )?;
                // The event shows every actor the reports agree on: a report that names
                // the counterpart the event lacked, or a person where it had only a
                // country, adds to it.
                if (&k.key.source, &k.key.target) != (&before.0, &before.1) {
                    k.rename(r, e);
                    write_actors(tx, k)?;
                }
                k.id
            }
            None => {
                exec(
                    tx,
                    "INSERT INTO story_events (story_id, type, mode, cameo, codes, source_codes,
                        target_codes, source_names, target_names, negated, modality, date,
                        articles, sources, votes, reports)
                     VALUES (?1, ?2, ?3, ?4, ?5, '', '', '', '', ?6, ?7, ?8, 0, 0, ?9, 1)",
                    params![
                        story.story as i64,
                        e.kind.as_str(),
                        e.mode.map(|m| m.as_str()),
                        e.cameo.as_str(),
                        codes.join(" "),
                        e.negated,
                        crate::name_of(e.modality),
                        key.date.as_ref().map(ToString::to_string),
                        codes
                            .iter()
                            .map(|c| format!("{c}:1"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ],
                )?;
                let mut k = Known {
                    id: tx.last_insert_rowid(),
                    votes: codes.iter().map(|c| (c.clone(), 1)).collect(),
                    reports: 1,
                    key,
                    cameo: e.cameo,
                    names: Vec::new(),
                };
                k.rename(r, e);
                write_actors(tx, &k)?;
                let id = k.id;
                known.push(k);
                id
            }
        };
        insert_mention(tx, r, e, id)?;
        ids.push(id);
        for c in &e.claims {
            exec(
                tx,
                "INSERT OR IGNORE INTO claims (article_id, event, story_event_id, ordinal, text,
                    start, end, anchor)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    r.id,
                    e.id.to_string(),
                    id,
                    c.ordinal,
                    c.span.text,
                    c.span.start as i64,
                    c.span.end as i64,
                    anchor(r, c.span.start, c.span.end)
                ],
            )?;
        }
    }
    Ok(ids)
}

/// The events a story holds so far, with their actors as the matching compares them.
fn story_events(tx: &Transaction, story: i64) -> Result<Vec<Known>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, date, negated, cameo, votes, reports
         FROM story_events WHERE story_id = ?1 ORDER BY id",
    )?;
    let mut events = stmt
        .query_map([story], |row| {
            let cameo: CameoCode = crate::parsed(row, 3)?;
            Ok(Known {
                id: row.get(0)?,
                key: EventKey {
                    root: cameo.root(),
                    source: Vec::new(),
                    target: Vec::new(),
                    date: crate::parsed_opt(row, 1)?,
                    negated: row.get(2)?,
                },
                cameo,
                votes: row
                    .get::<_, String>(4)?
                    .split_whitespace()
                    .filter_map(|v| {
                        let (code, n) = v.rsplit_once(':')?;
                        Some((code.to_string(), n.parse().ok()?))
                    })
                    .collect(),
                reports: row.get(5)?,
                names: Vec::new(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut stmt = tx.prepare_cached(
        "SELECT n.story_event_id, n.role, n.code, n.person, n.name
         FROM story_events e JOIN story_event_names n ON n.story_event_id = e.id
         WHERE e.story_id = ?1 ORDER BY n.story_event_id, n.role, n.code, n.person",
    )?;
    let mut rows = stmt.query([story])?;
    while let Some(row) = rows.next()? {
        let event: i64 = row.get(0)?;
        let Some(k) = events.iter_mut().find(|k| k.id == event) else {
            continue;
        };
        let role = if row.get::<_, String>(1)? == "target" {
            Role::Target
        } else {
            Role::Source
        };
        let text = |i: usize| -> rusqlite::Result<Option<String>> {
            Ok(Some(row.get::<_, String>(i)?).filter(|t| !t.is_empty()))
        };
        let id = ActorId {
            code: text(2)?,
            person: text(3)?,
        };
        match role {
            Role::Source => k.key.source.push(id.clone()),
            Role::Target => k.key.target.push(id.clone()),
        }
        k.names.push((role, id, row.get(4)?));
    }
    for k in &mut events {
        // The rows come in the key's own order (code, then person), but the order of the
        // names must follow the key's, whatever SQLite's collation.
        k.key.source.sort();
        k.key.target.sort();
        let ids: Vec<(Role, ActorId)> = k.actors().map(|(r, a)| (r, a.clone())).collect();
        k.names
            .sort_by_key(|(role, id, _)| ids.iter().position(|x| x == &(*role, id.clone())));
    }
    Ok(events)
}

/// The article's mention of a story event: its first report there, and how many reports
/// the article has; a second event of the article that is the same real event adds its
/// reports to the mention, and its first report becomes the mention when the article is
/// surer of it.
fn insert_mention(
    tx: &Transaction,
    r: &ArticleRecord,
    e: &EventRecord,
    story_event: i64,
) -> Result<(), StoreError> {
    let Some(first) = e.mentions.first() else {
        return Ok(());
    };
    let new = tx
        .prepare_cached(
            "SELECT 1 FROM event_mentions WHERE story_event_id = ?1 AND article_id = ?2",
        )?
        .query_row(params![story_event, r.id], |_| Ok(()))
        .optional()?
        .is_none();
    exec(
        tx,
        "INSERT INTO event_mentions (story_event_id, article_id, event, sentence,
            trigger_start, trigger_end, trigger, confidence, reports)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (story_event_id, article_id) DO UPDATE SET
            reports = reports + excluded.reports,
            event = iif(excluded.confidence > confidence, excluded.event, event),
            sentence = iif(excluded.confidence > confidence, excluded.sentence, sentence),
            trigger_start = iif(excluded.confidence > confidence,
                                excluded.trigger_start, trigger_start),
            trigger_end = iif(excluded.confidence > confidence,
                              excluded.trigger_end, trigger_end),
            trigger = iif(excluded.confidence > confidence, excluded.trigger, trigger),
            confidence = max(confidence, excluded.confidence)",
        params![
            story_event,
            r.id,
            e.id.to_string(),
            first.sentence as i64,
            first.trigger.start as i64,
            first.trigger.end as i64,
            first.trigger.text,
            confidence(e),
            e.mentions.len() as i64
        ],
    )?;
    if new {
        let published = r.published.as_ref().map(|p| p.iso.clone());
        exec(
            tx,
            "UPDATE story_events SET
                articles = articles + 1,
                sources = sources + ?3,
                first_seen = CASE WHEN first_seen IS NULL OR ?2 < first_seen
                                  THEN ?2 ELSE first_seen END,
                last_seen = CASE WHEN last_seen IS NULL OR ?2 > last_seen
                                 THEN ?2 ELSE last_seen END
             WHERE id = ?1",
            params![
                story_event,
                published,
                new_source(
                    tx,
                    "INSERT OR IGNORE INTO story_event_sources (story_event_id, source)
                     VALUES (?1, ?2)",
                    story_event,
                    r
                )?
            ],
        )?;
    }
    Ok(())
}

/// 1 when the article's outlet is new to the story (or event) `id`, which `insert` (an
/// `INSERT OR IGNORE` of the id and the outlet) then records; 0 when it is known or the
/// article has none.
fn new_source(
    tx: &Transaction,
    insert: &str,
    id: i64,
    r: &ArticleRecord,
) -> Result<i64, StoreError> {
    let Some(source) = &r.source else {
        return Ok(0);
    };
    Ok(exec(tx, insert, params![id, source])? as i64)
}

/// How sure the article is of the event, from 0 to 1: what it says of it, not a calibrated
/// probability. Both actors coded, a date in the text and more than one report each add to
/// it; a report that is denied, announced or only possible counts half.
fn confidence(e: &EventRecord) -> f64 {
    let coded =
        |list: &[readout_model::record::EventActorRecord]| list.iter().any(|a| a.code.is_some());
    let mut c = 0.4;
    if coded(&e.source) {
        c += 0.2;
    }
    if coded(&e.target) {
        c += 0.2;
    }
    if e.date
        .as_ref()
        .is_some_and(|d| d.basis == TimeBasis::Expression)
    {
        c += 0.1;
    }
    if e.mentions.len() > 1 {
        c += 0.1;
    }
    if e.negated || e.modality != Modality::Asserted {
        c *= 0.5;
    }
    c
}

/// The codes and names of an event's sources and targets: codes separated by spaces,
/// names (of the entities the actors are, else the words that name them) by "; ".
pub(crate) fn actors(r: &ArticleRecord, e: &EventRecord) -> (String, String, String, String) {
    let codes = |list: &[EventActorRecord]| {
        list.iter()
            .filter_map(|a| a.code.clone())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let names = |list: &[EventActorRecord]| {
        list.iter()
            .map(|a| actor_name(r, a))
            .collect::<Vec<_>>()
            .join("; ")
    };
    (
        codes(&e.source),
        codes(&e.target),
        names(&e.source),
        names(&e.target),
    )
}

/// The words that name an event's actor: the name of the entity it is, else its own words.
fn actor_name(r: &ArticleRecord, a: &EventActorRecord) -> String {
    a.entity
        .as_ref()
        .and_then(|id| r.entities.iter().find(|x| &x.id == id))
        .map_or_else(|| a.span.text.clone(), |x| x.name.text.clone())
}

/// Writes a story event's actors: the codes and names shown, the codes as rows (what
/// `--actor CODE` finds), and every actor of the key with its name (what a later run reads
/// the key back from).
fn write_actors(tx: &Transaction, k: &Known) -> Result<(), StoreError> {
    for table in ["story_event_actors", "story_event_names"] {
        exec(
            tx,
            &format!("DELETE FROM {table} WHERE story_event_id = ?1"),
            [k.id],
        )?;
    }
    let mut shown = [(Vec::new(), Vec::new()), (Vec::new(), Vec::new())];
    for (role, id, name) in &k.names {
        let (codes, names) = &mut shown[*role as usize];
        if let Some(code) = &id.code {
            if !codes.contains(code) {
                codes.push(code.clone());
            }
            exec(
                tx,
                "INSERT OR IGNORE INTO story_event_actors (story_event_id, role, code)
                 VALUES (?1, ?2, ?3)",
                params![k.id, role.as_str(), code],
            )?;
        }
        names.push(name.clone());
        exec(
            tx,
            "INSERT OR IGNORE INTO story_event_names (story_event_id, role, code, person, name)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                k.id,
                role.as_str(),
                id.code.as_deref().unwrap_or(""),
                id.person.as_deref().unwrap_or(""),
                name
            ],
        )?;
    }
    let [(sc, sn), (tc, tn)] = shown;
    exec(
        tx,
        "UPDATE story_events SET source_codes = ?2, target_codes = ?3, source_names = ?4,
                target_names = ?5 WHERE id = ?1",
        params![
            k.id,
            sc.join(" "),
            tc.join(" "),
            sn.join("; "),
            tn.join("; ")
        ],
    )?;
    Ok(())
}

/// The date a claim counts from: the value of the first dated expression inside the claim
/// ("since Trump returned to the White House earlier this year": 2025).
fn anchor(r: &ArticleRecord, start: usize, end: usize) -> Option<String> {
    r.times
        .iter()
        .filter(|t| t.span.start >= start && t.span.end <= end)
        .filter_map(|t| t.value.as_ref())
        .find(|v| v.year().is_some())
        .map(ToString::to_string)
}

/// The story of each article stored after position `after` (0 for all), in the order
/// they were stored, with its position and the features the grouping compared; `each` is
/// called once per article.
pub(crate) fn each_story_article_after(
    conn: &rusqlite::Connection,
    after: u64,
    mut each: impl FnMut(u64, &str, u64, &str),
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare(
        "SELECT seq, article_id, story_id, features FROM story_articles
         WHERE seq > ?1 ORDER BY seq",
    )?;
    let mut rows = stmt.query([after as i64])?;
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let id: String = row.get(1)?;
        let story: i64 = row.get(2)?;
        let features: String = row.get(3)?;
        each(seq as u64, &id, story as u64, &features);
    }
    Ok(())
}

/// How many articles are stored at positions up to `seq`, and the id of the one at `seq`.
pub(crate) fn story_article_mark(
    conn: &rusqlite::Connection,
    seq: u64,
) -> Result<(u64, Option<String>), StoreError> {
    let count: i64 = conn.query_row(
        "SELECT count(*) FROM story_articles WHERE seq <= ?1",
        [seq as i64],
        |r| r.get(0),
    )?;
    let id: Option<String> = conn
        .query_row(
            "SELECT article_id FROM story_articles WHERE seq = ?1",
            [seq as i64],
            |r| r.get(0),
        )
        .optional()?;
    Ok((count as u64, id))
}
