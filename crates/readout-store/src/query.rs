//! Queries over the store: full-text search, events, quotations, stories, timelines and
//! claims.

use chrono::NaiveDate;
use readout_model::{CameoCode, PloverMode, PloverType, Precision, TimeValue};
use rusqlite::params;
use rusqlite::types::Value;

use crate::page::{page_at, page_of, Cursor, Keyset, Order, Page};
use crate::{Store, StoreError};

/// The day of an event: its date when it is a calendar date (not "FY2017" or
/// "PAST_REF"), else its article's publication date. A macro, so that the keyset below
/// can hold it in a constant.
macro_rules! event_day {
    () => {
        "(CASE WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN e.date ELSE a.published END)"
    };
}

/// The order of [`Store::events_page`]: the event's day ([`event_day`]), newest first.
const EVENTS: Keyset = Keyset {
    list: "events",
    keys: &[
        (concat!("coalesce(", event_day!(), ", '')"), Order::Desc),
        ("e.article_id", Order::Asc),
        ("e.event", Order::Asc),
    ],
};

/// The order of [`Store::quotes_page`]: newest article first.
const QUOTES: Keyset = Keyset {
    list: "quotes",
    keys: &[
        ("coalesce(a.published, '')", Order::Desc),
        ("a.id", Order::Asc),
        ("q.quote", Order::Asc),
    ],
};

/// The order of [`Store::stories_page`]: most recently seen first, the larger first among
/// equals.
const STORIES: Keyset = Keyset {
    list: "stories",
    keys: &[
        ("coalesce(s.last_seen, '')", Order::Desc),
        ("s.articles", Order::Desc),
        ("s.id", Order::Asc),
    ],
};

/// The order of [`Store::timeline_page`]: oldest first.
const TIMELINE: Keyset = Keyset {
    list: "timeline",
    keys: &[
        ("coalesce(e.date, e.first_seen, '')", Order::Asc),
        ("e.id", Order::Asc),
    ],
};

/// A `LIMIT` one above the page size, so that the extra row tells whether a next page
/// exists.
pub(crate) fn limit_after(limit: usize) -> Value {
    Value::Integer(sql_int(limit.saturating_add(1)))
}

/// A count or id as SQLite's integer; one beyond its range is its largest value (no stored
/// id is that large, and no page or offset reaches it).
pub(crate) fn sql_int(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

/// An article found by a full-text search.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchHit {
    /// The article's id.
    pub id: String,
    /// Its headline.
    pub title: Option<String>,
    /// Its outlet.
    pub source: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// Words around the match, the matched words in `[brackets]`.
    pub snippet: String,
    /// The article's story, when it was grouped.
    pub story_id: Option<i64>,
}

/// Which events to list. Every field left empty lets every event through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// An actor: a code (`RUS`: three capital letters) or a part of an actor's name.
    pub actor: Option<String>,
    /// A second actor, the same way.
    pub with: Option<String>,
    /// The PLOVER type.
    pub kind: Option<PloverType>,
    /// The earliest day (of the event's date, else the article's publication date).
    pub since: Option<NaiveDate>,
    /// The latest day, the same way.
    pub until: Option<NaiveDate>,
    /// How many to list at most.
    pub limit: usize,
}

/// One stored event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventRow {
    /// The article that reports it.
    pub article_id: String,
    /// Its headline.
    pub title: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// The event's id in the article (`v1`).
    pub event: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub kind: PloverType,
    /// PLOVER mode.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub mode: Option<PloverMode>,
    /// CAMEO code.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub cameo: CameoCode,
    /// The sources' codes, space-separated.
    pub source_codes: String,
    /// The targets' codes, space-separated.
    pub target_codes: String,
    /// Whether every report denies it.
    pub negated: bool,
    /// asserted, future or hypothetical.
    pub modality: Option<String>,
    /// Its date (a TimeML value), when known.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub date: Option<TimeValue>,
    /// How many reports of it the article has.
    pub mentions: i64,
    /// The sources' names, separated by "; ".
    pub source_names: String,
    /// The targets' names, separated by "; ".
    pub target_names: String,
}

/// One stored quotation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteRow {
    /// The article it is in.
    pub article_id: String,
    /// The article's publication date.
    pub published: Option<String>,
    /// Its id in the article (`q1`).
    pub quote: String,
    /// The speaker's name, when resolved.
    pub speaker_name: Option<String>,
    /// The source as written.
    pub source: Option<String>,
    /// The words that introduce it.
    pub cue: Option<String>,
    /// The channels it came through before the article ("Reuters"), separated by "; ".
    pub relays: String,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// What was said.
    pub content: String,
}

/// Which quotations to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteFilter {
    /// A part of the speaker's name.
    pub speaker: Option<String>,
    /// A part of the name of an outlet it came through: one of its relays, the outlet of
    /// the article that carries it, or its speaker ("Reuters reported that ...").
    pub via: Option<String>,
    /// Only the quotations of this story's articles.
    pub story: Option<u64>,
    /// How many to list at most.
    pub limit: usize,
}

/// One stored article, without its record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleRow {
    /// Its content id.
    pub id: String,
    /// Its outlet.
    pub source: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// Its publication date (ISO 8601).
    pub published: Option<String>,
    /// Its language.
    pub language: Option<String>,
    /// Its story, when it was grouped.
    pub story_id: Option<i64>,
    /// Its text.
    pub text: String,
}

/// An article as a story lists it: without its text or record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleRef {
    /// Its content id.
    pub id: String,
    /// Its outlet.
    pub source: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// Its publication date (ISO 8601).
    pub published: Option<String>,
    /// Its URL.
    pub url: Option<String>,
}

/// One story: articles that report the same event.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoryRow {
    /// Its number.
    pub id: u64,
    /// The headline of its first article.
    pub title: Option<String>,
    /// The earliest publication date of its articles.
    pub first_seen: Option<String>,
    /// The latest.
    pub last_seen: Option<String>,
    /// How many articles.
    pub articles: i64,
    /// How many distinct outlets.
    pub sources: i64,
    /// How many events across its articles.
    pub event_count: i64,
    /// Its articles' outlets, in alphabetical order.
    pub outlets: Vec<String>,
    /// Its events, most reported first (filled by [`Store::story`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<StoryEventRow>,
    /// The quotations of its articles (filled by [`Store::story`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<QuoteRow>,
}

/// One event across the articles of a story.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoryEventRow {
    /// Its number in the store.
    pub id: i64,
    /// Its story.
    pub story_id: u64,
    /// PLOVER type.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub kind: PloverType,
    /// PLOVER mode.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub mode: Option<PloverMode>,
    /// CAMEO code (the finest any report gave).
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub cameo: CameoCode,
    /// The sources' codes, space-separated.
    pub source_codes: String,
    /// The targets' codes.
    pub target_codes: String,
    /// The sources' names, separated by "; ".
    pub source_names: String,
    /// The targets' names.
    pub target_names: String,
    /// Whether it is denied.
    pub negated: bool,
    /// asserted, future or hypothetical.
    pub modality: Option<String>,
    /// The date a report gives (a TimeML value), when one does.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub date: Option<TimeValue>,
    /// How many articles report it.
    pub articles: i64,
    /// How many distinct outlets.
    pub sources: i64,
    /// The first publication date among them.
    pub first_seen: Option<String>,
    /// The last.
    pub last_seen: Option<String>,
    /// One mention per article (filled by [`Store::story`] and [`Store::story_events`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<MentionRow>,
}

/// An article's mention of an event.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MentionRow {
    /// The article.
    pub article_id: String,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// The article's event (`v1`) that is this mention.
    pub event: String,
    /// The sentence of the first report (index in the article).
    pub sentence: i64,
    /// The trigger's first byte in the article text.
    pub trigger_start: i64,
    /// One past its last byte.
    pub trigger_end: i64,
    /// The trigger's words.
    pub trigger: String,
    /// How sure the article is of it, 0 to 1 (see `docs/store.md`).
    pub confidence: f64,
    /// How many reports of it the article has.
    pub reports: i64,
    /// The article text's length in bytes.
    pub doc_len: i64,
}

/// What the store says of an ordinal claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The store holds as many such events as the claim says.
    Agree,
    /// It holds more.
    Disagree,
    /// It holds fewer: the store may lack the earlier ones, or the event's actors are unknown.
    NotEnoughData,
}

/// An ordinal claim checked against the events in the store.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimCheck {
    /// The article that makes it.
    pub article_id: String,
    /// The claim's words.
    pub text: String,
    /// The number claimed (6 for "sixth").
    pub ordinal: i64,
    /// The date it counts from, when the claim gives one.
    pub anchor: Option<String>,
    /// The event it is made of.
    pub story_event_id: Option<i64>,
    /// That event's type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Its actors' codes.
    pub codes: String,
    /// Its date (the one a report gives, else its first publication date).
    pub date: Option<String>,
    /// How many such events the store holds from the anchor to this one, this one
    /// included (events on the same day count once).
    pub found: i64,
    /// Their days, oldest first.
    pub days: Vec<String>,
    /// The verdict.
    pub verdict: Verdict,
}

impl Store {
    /// Every stored article in the order it was stored, for exports.
    pub fn each_article<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(ArticleRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {ARTICLE_COLUMNS} ORDER BY a.rowid"))
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            each(article_row(r).map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    /// Every stored article's whole record, in the order they were stored.
    pub fn each_record<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(readout_model::record::ArticleRecord) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, record, text FROM articles ORDER BY rowid")
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            let (id, stored, text) = (|| {
                Ok::<(String, rusqlite::types::Value, String), rusqlite::Error>((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                ))
            })()
            .map_err(StoreError::from)?;
            let record = crate::decode_record(&id, stored, text)?;
            each(record)?;
        }
        Ok(())
    }

    /// Ids of the articles whose title or text match a full-text query (SQLite FTS5 syntax),
    /// best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<String>, StoreError> {
        Ok(self
            .search_hits(query, limit)?
            .into_iter()
            .map(|h| h.id)
            .collect())
    }

    /// The articles whose title or text match a full-text query (SQLite FTS5 syntax: words,
    /// `"a phrase"`, `a OR b`, `pre*`), best first, with a snippet around the match.
    /// A query longer than [`crate::MAX_QUERY_WORDS`] words or [`crate::MAX_QUERY_BYTES`]
    /// bytes is refused, and one that is not valid FTS5 is [`StoreError::Query`];
    /// [`crate::fts_words`] makes ordinary words a valid query.
    pub fn search_hits(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        Ok(self.search_page(query, None, limit)?.items)
    }

    /// A page of [`Store::search_hits`]: at most `limit` hits after the cursor's. Hits are
    /// ordered by rank, so the cursor holds an offset: stable while the store does not
    /// change.
    pub fn search_page(
        &self,
        query: &str,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<Page<SearchHit>, StoreError> {
        crate::check_query_length(query)?;
        let from = after.map(|c| c.offset("search")).transpose()?.unwrap_or(0);
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.article_id, a.title, a.source, a.published,
                    snippet(article_fts, 2, '[', ']', '...', 12), s.story_id
             FROM article_fts f JOIN articles a ON a.id = f.article_id
             LEFT JOIN story_articles s ON s.article_id = f.article_id
             WHERE article_fts MATCH ?1 ORDER BY rank LIMIT ?2 OFFSET ?3",
        )?;
        let mut hits = stmt
            .query_map(params![query, limit_after(limit), sql_int(from)], |r| {
                Ok(SearchHit {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    source: r.get(2)?,
                    published: r.get(3)?,
                    snippet: r.get(4)?,
                    story_id: r.get(5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| crate::bad_query(query, e))?;
        let next = (hits.len() > limit)
            .then(|| crate::page::offset_cursor("search", from.saturating_add(limit)));
        hits.truncate(limit);
        Ok(Page { items: hits, next })
    }

    /// Events of the stored articles that pass the filter, newest first.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        Ok(self.events_page(filter, None)?.items)
    }

    /// A page of [`Store::events`]: at most `filter.limit` events after the cursor's.
    pub fn events_page(
        &self,
        filter: &EventFilter,
        after: Option<&Cursor>,
    ) -> Result<Page<EventRow>, StoreError> {
        // An actor given as a code (three capital letters: `RUS`, `IGO`) is matched among
        // the event's codes, else as a part of one of its actors' names.
        let mut sql = format!(
            "SELECT e.article_id, a.title, a.published, e.event, e.type, e.mode, e.cameo,
                    e.source_codes, e.target_codes, e.negated, e.modality, e.date, e.mentions,
                    e.source_names, e.target_names{}
             FROM events e JOIN articles a ON a.id = e.article_id WHERE 1 = 1",
            EVENTS.columns()
        );
        let mut values: Vec<Value> = Vec::new();
        for actor in [&filter.actor, &filter.with].into_iter().flatten() {
            let (condition, value) = actor_condition(Actors::Events, actor);
            sql.push_str(condition);
            values.push(value.into());
        }
        if let Some(kind) = filter.kind {
            sql.push_str(" AND e.type = ?");
            values.push(kind.to_string().into());
        }
        let when = event_day!();
        if let Some(since) = filter.since {
            sql.push_str(&format!(" AND {when} >= ?"));
            values.push(day_text(since).into());
        }
        if let Some(until) = filter.until {
            // A date of the last day counts: "2025-07-03T10:00" sorts after "2025-07-03".
            sql.push_str(&format!(" AND {when} < ? || '~'"));
            values.push(day_text(until).into());
        }
        if let Some(after) = after {
            EVENTS.after(after, &mut sql, &mut values)?;
        }
        sql.push_str(&EVENTS.order_by());
        sql.push_str(" LIMIT ?");
        values.push(limit_after(filter.limit));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values.iter()), |r| {
                let row = EventRow {
                    article_id: r.get(0)?,
                    title: r.get(1)?,
                    published: r.get(2)?,
                    event: r.get(3)?,
                    kind: crate::parsed(r, 4)?,
                    mode: crate::parsed_opt(r, 5)?,
                    cameo: crate::parsed(r, 6)?,
                    source_codes: r.get(7)?,
                    target_codes: r.get(8)?,
                    negated: r.get(9)?,
                    modality: r.get(10)?,
                    date: crate::parsed_opt(r, 11)?,
                    mentions: r.get(12)?,
                    source_names: r.get(13)?,
                    target_names: r.get(14)?,
                };
                Ok((row, EVENTS.cursor(r, 15)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(page_of(rows, filter.limit))
    }

    /// Quotations of the stored articles that pass the filter, newest first.
    pub fn quotes(&self, filter: &QuoteFilter) -> Result<Vec<QuoteRow>, StoreError> {
        Ok(self.quotes_page(filter, None)?.items)
    }

    /// A page of [`Store::quotes`]: at most `filter.limit` quotations after the cursor's.
    pub fn quotes_page(
        &self,
        filter: &QuoteFilter,
        after: Option<&Cursor>,
    ) -> Result<Page<QuoteRow>, StoreError> {
        // Only the conditions asked for are written, so that SQLite can use the indexes.
        // Without a story or a speaker, the articles are read newest first from their
        // index (`CROSS JOIN` keeps them the outer loop) and a page ends the reading; with
        // a story or a rare speaker, its few quotations are found first and sorted; a
        // frequent speaker's are read as if there were no speaker, and filtered.
        let mut sql = format!(
            "SELECT q.article_id, a.published, q.quote, q.speaker_name, q.source, q.cue,
                    q.relays, a.source, q.content{}",
            QUOTES.columns()
        );
        let frequent_speaker = match (&filter.story, &filter.speaker) {
            (None, Some(speaker)) => self.speaker_is_frequent(speaker, filter.limit)?,
            _ => false,
        };
        let mut values: Vec<Value> = Vec::new();
        if let Some(story) = filter.story {
            sql.push_str(
                " FROM quotes q JOIN articles a ON a.id = q.article_id
                  JOIN story_articles s ON s.article_id = q.article_id AND s.story_id = ?",
            );
            values.push(Value::Integer(sql_int(story)));
        } else if filter.speaker.is_some() && !frequent_speaker {
            sql.push_str(" FROM quotes q JOIN articles a ON a.id = q.article_id");
        } else {
            sql.push_str(" FROM articles a CROSS JOIN quotes q ON q.article_id = a.id");
        }
        sql.push_str(" WHERE 1 = 1");
        if let Some(speaker) = &filter.speaker {
            // The distinct names (table `speakers`) are far fewer than the quotations:
            // matching them first lets the quotations be found through the speaker index.
            sql.push_str(
                " AND q.speaker_name IN (SELECT name FROM speakers
                                         WHERE name LIKE ? ESCAPE '\\')",
            );
            values.push(contains_pattern(speaker).into());
        }
        if let Some(via) = &filter.via {
            sql.push_str(
                " AND (q.relays LIKE ? ESCAPE '\\' OR a.source LIKE ? ESCAPE '\\'
                       OR q.speaker_name LIKE ? ESCAPE '\\')",
            );
            values.extend(std::iter::repeat_n(Value::from(contains_pattern(via)), 3));
        }
        if let Some(after) = after {
            QUOTES.after(after, &mut sql, &mut values)?;
        }
        sql.push_str(&QUOTES.order_by());
        sql.push_str(" LIMIT ?");
        values.push(limit_after(filter.limit));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values.iter()), |r| {
                let row = QuoteRow {
                    article_id: r.get(0)?,
                    published: r.get(1)?,
                    quote: r.get(2)?,
                    speaker_name: r.get(3)?,
                    source: r.get(4)?,
                    cue: r.get(5)?,
                    relays: r.get(6)?,
                    outlet: r.get(7)?,
                    content: r.get(8)?,
                };
                Ok((row, QUOTES.cursor(r, 9)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(page_of(rows, filter.limit))
    }

    /// Whether the quotations of speakers whose names hold `speaker` are so many that a
    /// page of them is found sooner by reading the articles newest first and keeping the
    /// speaker's, than by finding all of them through the speaker index and sorting them.
    ///
    /// Reading newest first costs about `limit × all / matching` quotations, finding and
    /// sorting about `matching`: the first is cheaper once `matching²` passes
    /// `limit × all`. Matching quotations are counted only up to that point, so that the
    /// choice costs no more than the cheaper plan would. ("e" matched 41,666 of 100,147
    /// quotations on the corpus store: 122 ms sorted, 4 ms read newest first; "Putin"
    /// matched 125: 2 ms sorted, 21 ms newest first.)
    fn speaker_is_frequent(&self, speaker: &str, limit: usize) -> Result<bool, StoreError> {
        let all: i64 =
            self.conn
                .query_row("SELECT coalesce(max(rowid), 0) FROM quotes", [], |r| {
                    r.get(0)
                })?;
        let enough = ((limit.max(1) as f64) * (all.max(0) as f64)).sqrt().ceil() as i64;
        let matching: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM quotes
                 WHERE speaker_name IN (SELECT name FROM speakers WHERE name LIKE ?1 ESCAPE '\\')
                 LIMIT ?2)",
            )?
            .query_row(params![contains_pattern(speaker), enough], |r| r.get(0))?;
        Ok(matching >= enough && enough > 0)
    }

    /// Stories whose last article is on or after `since` and that hold at least
    /// `min_articles` articles, most recently seen first, the larger first among equals.
    pub fn stories(
        &self,
        since: Option<NaiveDate>,
        min_articles: usize,
        limit: usize,
    ) -> Result<Vec<StoryRow>, StoreError> {
        Ok(self.stories_page(since, min_articles, None, limit)?.items)
    }

    /// A page of [`Store::stories`]: at most `limit` stories after the cursor's.
    pub fn stories_page(
        &self,
        since: Option<NaiveDate>,
        min_articles: usize,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<Page<StoryRow>, StoreError> {
        // The page's stories are chosen from the ordering index first; the counts and
        // outlets are then read for those only.
        let mut page = String::from(
            "SELECT s.id FROM stories s
             WHERE (?1 IS NULL OR s.last_seen >= ?1) AND s.articles >= ?2",
        );
        let mut values: Vec<Value> = vec![
            since.map_or(Value::Null, |d| day_text(d).into()),
            Value::Integer(sql_int(min_articles)),
        ];
        if let Some(after) = after {
            STORIES.after(after, &mut page, &mut values)?;
        }
        page.push_str(&STORIES.order_by());
        page.push_str(" LIMIT ?");
        values.push(limit_after(limit));
        let sql = format!(
            "SELECT {STORY_COLUMNS}{} FROM stories s WHERE s.id IN ({page}){}",
            STORIES.columns(),
            STORIES.order_by()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values.iter()), |r| {
                Ok((story_row(r)?, STORIES.cursor(r, 8)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(page_of(rows, limit))
    }

    /// One story with its events (each with its mentions) and its articles' quotations.
    pub fn story(&self, id: u64) -> Result<Option<StoryRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {STORY_COLUMNS} FROM stories s WHERE s.id = ?1"
        ))?;
        let Some(mut story) = stmt
            .query_map([sql_int(id)], story_row)?
            .next()
            .transpose()?
        else {
            return Ok(None);
        };
        story.events = self.story_events(Some(id), None)?;
        story.quotes = self.quotes(&QuoteFilter {
            story: Some(id),
            limit: 1000,
            ..QuoteFilter::default()
        })?;
        Ok(Some(story))
    }

    /// One stored article with its text, without its record ([`Store::record`]).
    pub fn article(&self, id: &str) -> Result<Option<ArticleRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {ARTICLE_COLUMNS} WHERE a.id = ?1"))?;
        let row = stmt.query_map([id], article_row)?.next().transpose()?;
        Ok(row)
    }

    /// The articles of a story, the earliest first.
    pub fn story_articles(&self, story: u64) -> Result<Vec<ArticleRef>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.source, a.title, a.published, a.url
             FROM story_articles s JOIN articles a ON a.id = s.article_id
             WHERE s.story_id = ?1 ORDER BY a.published, a.id",
        )?;
        let rows = stmt
            .query_map([sql_int(story)], |r| {
                Ok(ArticleRef {
                    id: r.get(0)?,
                    source: r.get(1)?,
                    title: r.get(2)?,
                    published: r.get(3)?,
                    url: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The events across articles of one story (or of every story), most reported first,
    /// each with its mentions; at most `limit` when given.
    pub fn story_events(
        &self,
        story: Option<u64>,
        limit: Option<usize>,
    ) -> Result<Vec<StoryEventRow>, StoreError> {
        let sql = format!(
            "SELECT {STORY_EVENT_COLUMNS} FROM story_events e
             WHERE ?1 IS NULL OR e.story_id = ?1
             ORDER BY e.articles DESC, e.id LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt
            .query_map(
                params![story.map(|s| s as i64), limit.map_or(-1, |l| l as i64)],
                story_event_row,
            )?
            .collect::<Result<Vec<_>, _>>()?;
        for row in &mut rows {
            row.mentions = self.mentions(row.id)?;
        }
        Ok(rows)
    }

    /// Every event across articles in the order they were stored, and every mention, for
    /// exports: `each` is called once per event with its mentions.
    pub fn each_story_event<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(StoryEventRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = format!("SELECT {STORY_EVENT_COLUMNS} FROM story_events e ORDER BY e.id");
        let mut stmt = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let mut event = story_event_row(row).map_err(StoreError::from)?;
            event.mentions = self.mentions(event.id)?;
            each(event)?;
        }
        Ok(())
    }

    /// An event's mentions, the earliest article first.
    fn mentions(&self, story_event: i64) -> Result<Vec<MentionRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.article_id, a.source, a.published, a.url, m.event, m.sentence,
                    m.trigger_start, m.trigger_end, m.trigger, m.confidence, m.reports,
                    length(CAST(a.text AS BLOB))
             FROM event_mentions m JOIN articles a ON a.id = m.article_id
             WHERE m.story_event_id = ?1 ORDER BY a.published, m.article_id",
        )?;
        let rows = stmt
            .query_map([story_event], |r| {
                Ok(MentionRow {
                    article_id: r.get(0)?,
                    outlet: r.get(1)?,
                    published: r.get(2)?,
                    url: r.get(3)?,
                    event: r.get(4)?,
                    sentence: r.get(5)?,
                    trigger_start: r.get(6)?,
                    trigger_end: r.get(7)?,
                    trigger: r.get(8)?,
                    confidence: r.get(9)?,
                    reports: r.get(10)?,
                    doc_len: r.get(11)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The events across articles that involve an actor (and a second one, when given),
    /// oldest first: a code (`RUS`) is matched among the events' codes, else a part of an
    /// actor's name.
    pub fn timeline(
        &self,
        actor: &str,
        with: Option<&str>,
        limit: usize,
    ) -> Result<Vec<StoryEventRow>, StoreError> {
        Ok(self.timeline_page(actor, with, None, limit)?.items)
    }

    /// A page of [`Store::timeline`]: at most `limit` events after the cursor's.
    pub fn timeline_page(
        &self,
        actor: &str,
        with: Option<&str>,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<Page<StoryEventRow>, StoreError> {
        let mut sql = format!(
            "SELECT {STORY_EVENT_COLUMNS}{} FROM story_events e WHERE 1 = 1",
            TIMELINE.columns()
        );
        let mut values: Vec<Value> = Vec::new();
        for a in std::iter::once(actor).chain(with) {
            let (condition, value) = actor_condition(Actors::StoryEvents, a);
            sql.push_str(condition);
            values.push(value.into());
        }
        if let Some(after) = after {
            TIMELINE.after(after, &mut sql, &mut values)?;
        }
        sql.push_str(&TIMELINE.order_by());
        sql.push_str(" LIMIT ?");
        values.push(limit_after(limit));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values.iter()), |r| {
                Ok((story_event_row(r)?, TIMELINE.cursor(r, 16)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(page_of(rows, limit))
    }

    /// A page of [`Store::claims`], of one story's articles when `story` is given. Claims
    /// are checked whole, so the cursor holds an offset: stable while the store does not
    /// change.
    pub fn claims_page(
        &self,
        story: Option<u64>,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<Page<ClaimCheck>, StoreError> {
        let all = self.claims_of(story)?;
        page_at(all, "claims", after, limit)
    }

    /// Every stored ordinal claim, checked against the events in the store: events of the
    /// same type between the same actors (every code of the claimed event among theirs),
    /// asserted, not denied, dated from the claim's anchor up to the claimed event, one per
    /// day.
    pub fn claims(&self) -> Result<Vec<ClaimCheck>, StoreError> {
        self.claims_of(None)
    }

    /// The claims of one story's articles, or of every article, checked.
    fn claims_of(&self, story: Option<u64>) -> Result<Vec<ClaimCheck>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.article_id, c.text, c.ordinal, c.anchor, c.story_event_id, e.type,
                    e.codes, coalesce(e.date, e.first_seen)
             FROM claims c LEFT JOIN story_events e ON e.id = c.story_event_id
             WHERE ?1 IS NULL
                OR c.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?1)
             ORDER BY c.article_id, c.start",
        )?;
        let mut checks = stmt
            .query_map([story.map(sql_int)], |r| {
                Ok(ClaimCheck {
                    article_id: r.get(0)?,
                    text: r.get(1)?,
                    ordinal: r.get(2)?,
                    anchor: r.get(3)?,
                    story_event_id: r.get(4)?,
                    kind: r.get(5)?,
                    codes: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                    date: r.get(7)?,
                    found: 0,
                    days: Vec::new(),
                    verdict: Verdict::NotEnoughData,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        // The asserted, undenied events of the claims' types, read once: (codes, day).
        let mut kinds: Vec<String> = checks.iter().filter_map(|c| c.kind.clone()).collect();
        kinds.sort();
        kinds.dedup();
        let mut events: rustc_hash::FxHashMap<String, Vec<(String, String)>> = Default::default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.codes, substr(coalesce(e.date, e.first_seen), 1, 10) FROM story_events e
             WHERE e.type = ?1 AND e.negated = 0 AND e.modality = 'asserted'",
        )?;
        for kind in kinds {
            let rows = stmt
                .query_map([&kind], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            events.insert(kind, rows);
        }
        for check in &mut checks {
            let codes: Vec<&str> = check.codes.split_whitespace().collect();
            let (Some(kind), Some(date)) = (&check.kind, &check.date) else {
                continue;
            };
            // Without two actors the pair the claim counts is unknown.
            if codes.len() < 2 {
                continue;
            }
            let until = date.get(..10).unwrap_or(date);
            let mut days: Vec<String> = events
                .get(kind)
                .into_iter()
                .flatten()
                .filter(|(their, day)| {
                    let theirs: Vec<&str> = their.split_whitespace().collect();
                    codes.iter().all(|c| theirs.contains(c))
                        && !day.is_empty()
                        && day.as_str() <= until
                        && check.anchor.as_deref().is_none_or(|a| day.as_str() >= a)
                })
                .map(|(_, day)| day.clone())
                .collect();
            days.sort();
            days.dedup();
            check.found = days.len() as i64;
            check.days = days;
            check.verdict = match check.found.cmp(&check.ordinal) {
                std::cmp::Ordering::Equal => Verdict::Agree,
                std::cmp::Ordering::Greater => Verdict::Disagree,
                std::cmp::Ordering::Less => Verdict::NotEnoughData,
            };
        }
        Ok(checks)
    }
}

/// The columns [`story_event_row`] reads, of `story_events e`.
const STORY_EVENT_COLUMNS: &str = "e.id, e.story_id, e.type, e.mode, e.cameo, e.source_codes,
    e.target_codes, e.source_names, e.target_names, e.negated, e.modality, e.date, e.articles,
    e.sources, e.first_seen, e.last_seen";

fn story_event_row(r: &rusqlite::Row) -> rusqlite::Result<StoryEventRow> {
    Ok(StoryEventRow {
        id: r.get(0)?,
        story_id: r.get::<_, i64>(1)? as u64,
        kind: crate::parsed(r, 2)?,
        mode: crate::parsed_opt(r, 3)?,
        cameo: crate::parsed(r, 4)?,
        source_codes: r.get(5)?,
        target_codes: r.get(6)?,
        source_names: r.get(7)?,
        target_names: r.get(8)?,
        negated: r.get(9)?,
        modality: r.get(10)?,
        date: crate::parsed_opt(r, 11)?,
        articles: r.get(12)?,
        sources: r.get(13)?,
        first_seen: r.get(14)?,
        last_seen: r.get(15)?,
        mentions: Vec::new(),
    })
}

/// The columns [`article_row`] reads, and the tables they come from.
const ARTICLE_COLUMNS: &str =
    "a.id, a.source, a.url, a.title, a.published, a.language, s.story_id, a.text
     FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id";

fn article_row(r: &rusqlite::Row) -> rusqlite::Result<ArticleRow> {
    Ok(ArticleRow {
        id: r.get(0)?,
        source: r.get(1)?,
        url: r.get(2)?,
        title: r.get(3)?,
        published: r.get(4)?,
        language: r.get(5)?,
        story_id: r.get(6)?,
        text: r.get(7)?,
    })
}

/// The columns [`story_row`] reads, of `stories s`: the outlets are joined by the unit
/// separator, which no outlet's name holds.
const STORY_COLUMNS: &str = "s.id, s.title, s.first_seen, s.last_seen, s.articles, s.sources,
    (SELECT count(*) FROM story_events e WHERE e.story_id = s.id),
    (SELECT group_concat(o.source, char(31)) FROM
        (SELECT DISTINCT a.source FROM story_articles x JOIN articles a ON a.id = x.article_id
         WHERE x.story_id = s.id AND a.source IS NOT NULL ORDER BY a.source) o)";

fn story_row(r: &rusqlite::Row) -> rusqlite::Result<StoryRow> {
    let outlets: Option<String> = r.get(7)?;
    Ok(StoryRow {
        id: r.get::<_, i64>(0)? as u64,
        title: r.get(1)?,
        first_seen: r.get(2)?,
        last_seen: r.get(3)?,
        articles: r.get(4)?,
        sources: r.get(5)?,
        event_count: r.get(6)?,
        outlets: outlets
            .map(|o| o.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
        events: Vec::new(),
        quotes: Vec::new(),
    })
}

/// Which events an actor condition is on.
#[derive(Clone, Copy)]
enum Actors {
    /// `events e`, whose codes are rows of `event_actors`.
    Events,
    /// `story_events e`, whose codes are rows of `story_event_actors`.
    StoryEvents,
}

/// The condition on an event `e` that one of its actors is the given one, and the value its
/// one `?` takes: a code (three capital letters: `RUS`, `IGO`) is one of its actor rows,
/// anything else a part of an actor's name, taken literally (`%` and `_` are no wildcards).
fn actor_condition(on: Actors, actor: &str) -> (&'static str, String) {
    if actor.len() == 3 && actor.chars().all(|c| c.is_ascii_uppercase()) {
        let condition = match on {
            Actors::Events => {
                " AND (e.article_id, e.event) IN
                      (SELECT x.article_id, x.event FROM event_actors x WHERE x.code = ?)"
            }
            Actors::StoryEvents => {
                " AND e.id IN (SELECT x.story_event_id FROM story_event_actors x WHERE x.code = ?)"
            }
        };
        (condition, actor.to_string())
    } else {
        (
            " AND (e.source_names || '; ' || e.target_names) LIKE ? ESCAPE '\\'",
            contains_pattern(actor),
        )
    }
}

/// A `LIKE` pattern (with `ESCAPE '\'`) that matches any text containing `part` as it is
/// written: its `%`, `_` and `\` stand for themselves.
pub(crate) fn contains_pattern(part: &str) -> String {
    let mut pattern = String::with_capacity(part.len() + 2);
    pattern.push('%');
    for c in part.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// A day as the store writes dates: `YYYY-MM-DD`.
fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// The first and last day of a date given to a query: a day (`2018-02-03`), a month
/// (`2018-02`: the 1st to the 28th) or a year (`2018`). Anything else, a day that does not
/// exist (`2018-02-30`) included, is an error naming the text.
pub fn date_bounds(text: &str) -> Result<(NaiveDate, NaiveDate), StoreError> {
    let bad = || StoreError::BadDate {
        value: text.to_string(),
    };
    let value: TimeValue = text.parse().map_err(|_| bad())?;
    let first = |y, m| NaiveDate::from_ymd_opt(y, m, 1);
    let bounds = match value.precision() {
        Some(Precision::Day) => value.day().map(|d| (d, d)),
        Some(Precision::Month) => value.month().and_then(|(y, m)| {
            let next = if m == 12 {
                first(y + 1, 1)
            } else {
                first(y, m + 1)
            };
            Some((first(y, m)?, next?.pred_opt()?))
        }),
        Some(Precision::Year) => value
            .year()
            .and_then(|y| Some((first(y, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?))),
        _ => None,
    };
    // A day of a week (`2018-W05-1`) is a day too, but not one a user would type here.
    bounds.filter(|_| !text.contains('W')).ok_or_else(bad)
}
