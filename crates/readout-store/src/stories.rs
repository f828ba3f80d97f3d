//! Writing an article into its story: the story's counts, the article's events merged with
//! the events the story's other articles reported (one mention per article), and the
//! ordinal claims made of them.

use readout_cluster::EventKey;
use readout_model::record::{ArticleRecord, EventRecord};
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
    /// The codes of the actors shown.
    shown: Vec<String>,
}

impl Known {
    /// The codes more than half of the reports give, sorted.
    fn consensus(&self) -> Vec<String> {
        let mut codes: Vec<String> = self
            .votes
            .iter()
            .filter(|(_, n)| 2 * n > self.reports)
            .map(|(c, _)| c.clone())
            .collect();
        codes.sort();
        codes
    }

    fn votes_text(&self) -> String {
        self.votes
            .iter()
            .map(|(c, n)| format!("{c}:{n}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
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
        let key = EventKey::of(e);
        let id = match known.iter_mut().find(|k| k.key.same_event(&key)) {
            Some(k) => {
                k.key.merge(&key);
                // A finer CAMEO code of the same event (041 "discuss by telephone" under
                // 040 "consult") replaces the coarser one.
                if e.cameo.len() > k.cameo.len() && e.cameo.is_within(&k.cameo) {
                    k.cameo = e.cameo;
                }
                k.reports += 1;
                for code in &key.codes {
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
                        k.key.codes.join(" "),
                        k.key.date.as_ref().map(ToString::to_string),
                        k.cameo.as_str(),
                        k.votes_text(),
                        k.reports
                    ],
                )?;
                // The actors shown are those of a report that gives the codes most reports
                // agree on: one report's misreading does not become the event's.
                let consensus = k.consensus();
                if key.codes == consensus && k.shown != consensus {
                    let (sc, tc, sn, tn) = actors(r, e);
                    exec(
                        tx,
                        "UPDATE story_events SET source_codes = ?2, target_codes = ?3,
                                source_names = ?4, target_names = ?5 WHERE id = ?1",
                        params![k.id, sc, tc, sn, tn],
                    )?;
                    actor_rows(tx, k.id, e)?;
                    k.shown = consensus;
                }
                k.id
            }
            None => {
                let (sc, tc, sn, tn) = actors(r, e);
                exec(
                    tx,
                    "INSERT INTO story_events (story_id, type, mode, cameo, codes, source_codes,
                        target_codes, source_names, target_names, negated, modality, date,
                        articles, sources, votes, reports)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, 0, ?13, 1)",
                    params![
                        story.story as i64,
                        e.kind.as_str(),
                        e.mode.map(|m| m.as_str()),
                        e.cameo.as_str(),
                        key.codes.join(" "),
                        sc,
                        tc,
                        sn,
                        tn,
                        e.negated,
                        crate::name_of(e.modality),
                        key.date.as_ref().map(ToString::to_string),
                        key.codes
                            .iter()
                            .map(|c| format!("{c}:1"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ],
                )?;
                let id = tx.last_insert_rowid();
                actor_rows(tx, id, e)?;
                known.push(Known {
                    id,
                    votes: key.codes.iter().map(|c| (c.clone(), 1)).collect(),
                    reports: 1,
                    shown: key.codes.clone(),
                    key,
                    cameo: e.cameo,
                });
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

/// The events a story holds so far.
fn story_events(tx: &Transaction, story: i64) -> Result<Vec<Known>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, type, codes, date, negated, cameo, votes, reports, source_codes, target_codes
         FROM story_events WHERE story_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([story], |row| {
            let codes: String = row.get(2)?;
            Ok(Known {
                id: row.get(0)?,
                key: EventKey {
                    kind: crate::parsed(row, 1)?,
                    codes: codes.split_whitespace().map(str::to_string).collect(),
                    date: crate::parsed_opt(row, 3)?,
                    negated: row.get(4)?,
                },
                cameo: crate::parsed(row, 5)?,
                votes: row
                    .get::<_, String>(6)?
                    .split_whitespace()
                    .filter_map(|v| {
                        let (code, n) = v.rsplit_once(':')?;
                        Some((code.to_string(), n.parse().ok()?))
                    })
                    .collect(),
                reports: row.get(7)?,
                shown: {
                    let (sources, targets): (String, String) = (row.get(8)?, row.get(9)?);
                    let mut shown: Vec<String> = sources
                        .split_whitespace()
                        .chain(targets.split_whitespace())
                        .map(str::to_string)
                        .collect();
                    shown.sort();
                    shown.dedup();
                    shown
                },
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
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
    let codes = |list: &[readout_model::record::EventActorRecord]| {
        list.iter()
            .filter_map(|a| a.code.clone())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let names = |list: &[readout_model::record::EventActorRecord]| {
        list.iter()
            .map(|a| {
                a.entity
                    .as_ref()
                    .and_then(|id| r.entities.iter().find(|x| &x.id == id))
                    .map_or_else(|| a.span.text.clone(), |x| x.name.text.clone())
            })
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

/// The actor codes of a story event as rows: those of the report whose actors it shows.
fn actor_rows(tx: &Transaction, story_event: i64, e: &EventRecord) -> Result<(), StoreError> {
    exec(
        tx,
        "DELETE FROM story_event_actors WHERE story_event_id = ?1",
        [story_event],
    )?;
    for (role, list) in [("source", &e.source), ("target", &e.target)] {
        for code in list.iter().filter_map(|a| a.code.as_deref()) {
            exec(
                tx,
                "INSERT OR IGNORE INTO story_event_actors (story_event_id, role, code)
                 VALUES (?1, ?2, ?3)",
                params![story_event, role, code],
            )?;
        }
    }
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

/// The story each stored article is in, in the order they were stored, with the features
/// the grouping compared; `each` is called once per article.
pub(crate) fn each_story_article(
    conn: &rusqlite::Connection,
    mut each: impl FnMut(&str, u64, &str),
) -> Result<(), StoreError> {
    let mut stmt =
        conn.prepare("SELECT article_id, story_id, features FROM story_articles ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        let story: i64 = row.get(1)?;
        let features: String = row.get(2)?;
        each(&id, story as u64, &features);
    }
    Ok(())
}
