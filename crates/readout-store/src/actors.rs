//! The actor registry (schema version 6): per person name, the codes the stored articles
//! gave it, with counts and first and last publication dates; and the filling of a code for
//! a person an article names without one.
//!
//! Both happen at write time, in the writer's transaction, so that the rows of the article
//! (its entities, its events' actor rows, the events across articles) and its stored record
//! agree with each other, and a later article of the same batch already sees what an
//! earlier one taught. The cost is bounded per article: one prepared upsert per coded
//! person, one indexed look-up per person without a code; nothing scans the table.

use std::collections::HashSet;

use readout_model::record::ArticleRecord;
use readout_model::{ActorCode, EntityType};
use rusqlite::{params, Transaction};

use crate::page::{page_of, Cursor, Keyset, Order, Page};
use crate::{exec, Store, StoreError};
use rusqlite::types::Value;

/// A person's code an article gives: its name key, identity, shown name, code and source.
pub(crate) struct Learnt {
    name: String,
    person: String,
    shown: String,
    country: String,
    sector: String,
    source: &'static str,
}

/// The name as the registry compares it: lower case, full stops dropped, one space between
/// words ("Vladimir V. Putin" is `vladimir v putin`).
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .map(|w| w.replace('.', "").to_lowercase())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The coded persons of an article, once per name: a person with a country, or with a
/// sector alone. Its source is `role` when the article gives it a role phrase, else
/// `dictionary` (the entity stage's person table; "of COUNTRY" after a name also lands
/// here, the record not telling the two apart).
pub(crate) fn learnt(r: &ArticleRecord) -> Vec<Learnt> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for e in r.entities.iter().filter(|e| e.kind == EntityType::Per) {
        let Some(code) = &e.code else { continue };
        let name = name_key(&e.name.text);
        let Some(person) = readout_cluster::person_identity(&e.name.text) else {
            continue;
        };
        if name.is_empty() || !seen.insert(name.clone()) {
            continue;
        }
        out.push(Learnt {
            name,
            person,
            shown: e.name.text.clone(),
            country: code.country.clone().unwrap_or_default(),
            sector: code.sector.clone().unwrap_or_default(),
            source: if e.roles.is_empty() {
                "dictionary"
            } else {
                "role"
            },
        });
    }
    out
}

/// Counts what an article (stored now) gave, with its publication day.
pub(crate) fn learn(
    tx: &Transaction,
    r: &ArticleRecord,
    learnt: &[Learnt],
) -> Result<(), StoreError> {
    let day = r
        .published
        .as_ref()
        .map(|p| p.iso.chars().take(10).collect::<String>());
    for l in learnt {
        exec(
            tx,
            "INSERT INTO actor_registry (name, person, country, sector, source, shown, articles,
                                         first_seen, last_seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7)
             ON CONFLICT (name, country, sector, source) DO UPDATE SET
                articles = articles + 1,
                first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen
                                  THEN excluded.first_seen ELSE first_seen END,
                last_seen = CASE WHEN last_seen IS NULL OR excluded.last_seen > last_seen
                                 THEN excluded.last_seen ELSE last_seen END",
            params![l.name, l.person, l.country, l.sector, l.source, l.shown, day],
        )?;
    }
    Ok(())
}

/// The majority code of a name in the registry: the country most articles gave (a tie is
/// no answer), and the sector most of those gave it. A name of several words is looked up
/// whole; a one-word name by identity, among every full name that ends in it.
fn known(tx: &Transaction, name: &str) -> Result<Option<ActorCode>, StoreError> {
    let (sql, key) = if name.split_whitespace().count() > 1 {
        (
            "SELECT country, sector, sum(articles) FROM actor_registry
             WHERE name = ?1 AND country <> '' GROUP BY country, sector",
            name_key(name),
        )
    } else {
        let Some(person) = readout_cluster::person_identity(name) else {
            return Ok(None);
        };
        (
            "SELECT country, sector, sum(articles) FROM actor_registry
             WHERE person = ?1 AND country <> '' GROUP BY country, sector",
            person,
        )
    };
    let mut stmt = tx.prepare_cached(sql)?;
    let rows: Vec<(String, String, i64)> = stmt
        .query_map([key], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<Result<_, _>>()?;
    Ok(majority(&rows))
}

/// The country with the most articles, strictly more than any other, and its sector with
/// the most (ties go to the sector first in alphabetical order, so the answer does not
/// depend on the order SQLite returns rows in; an empty sector counts as none).
fn majority(rows: &[(String, String, i64)]) -> Option<ActorCode> {
    let mut countries: Vec<(&str, i64)> = Vec::new();
    for (country, _, n) in rows {
        match countries.iter_mut().find(|(c, _)| c == country) {
            Some((_, total)) => *total += n,
            None => countries.push((country, *n)),
        }
    }
    countries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let (country, top) = *countries.first()?;
    if countries.get(1).is_some_and(|(_, n)| *n == top) {
        return None;
    }
    let sector = rows
        .iter()
        .filter(|(c, s, _)| c == country && !s.is_empty())
        .max_by(|a, b| a.2.cmp(&b.2).then(b.1.cmp(&a.1)))
        .map(|(_, s, _)| s.clone());
    Some(ActorCode {
        country: Some(country.to_string()),
        sector,
    })
}

/// Gives each person of the article without a country the registry's majority code, and
/// the event actors that are that person the same code; says whether anything changed.
pub(crate) fn fill(tx: &Transaction, r: &mut ArticleRecord) -> Result<bool, StoreError> {
    let mut changed = false;
    for i in 0..r.entities.len() {
        let e = &r.entities[i];
        if e.kind != EntityType::Per || e.code.as_ref().is_some_and(|c| c.country.is_some()) {
            continue;
        }
        let Some(found) = known(tx, &e.name.text)? else {
            continue;
        };
        let id = e.id;
        let sector = e
            .code
            .as_ref()
            .and_then(|c| c.sector.clone())
            .or(found.sector);
        let code = ActorCode {
            country: found.country,
            sector,
        };
        for event in &mut r.events {
            for actor in event.source.iter_mut().chain(event.target.iter_mut()) {
                if actor.entity == Some(id) && actor.code.is_none() {
                    actor.code = code.country.clone();
                    actor.sector = actor.sector.take().or_else(|| code.sector.clone());
                }
            }
        }
        r.entities[i].code = Some(code);
        changed = true;
    }
    Ok(changed)
}

/// Which registry rows to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorFilter {
    /// A part of the name, matched literally and case aside.
    pub name: Option<String>,
    /// How many rows to list at most.
    pub limit: usize,
}

/// One row of the actor registry: a name with one code from one source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActorRow {
    /// The name as the first article wrote it.
    pub name: String,
    /// The country (ISO 3166-1 alpha-3), when the code has one.
    pub country: Option<String>,
    /// The sector (GOV, MIL, ELI, IGO...), when the code has one.
    pub sector: Option<String>,
    /// How many stored articles gave the name this code.
    pub articles: u64,
    /// The earliest publication date among them.
    pub first_seen: Option<String>,
    /// The latest.
    pub last_seen: Option<String>,
    /// `role` (a role phrase in the article) or `dictionary` (the person dictionary).
    pub source: String,
}

/// The registry's majority codes, for a pipeline to give persons named without one
/// (`readout::Pipeline::know_persons`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownCodes {
    /// By full name key ([`name_key`]).
    pub by_name: Vec<(String, ActorCode)>,
    /// By person identity (the surname, as `readout_cluster::person_identity` gives it).
    pub by_surname: Vec<(String, ActorCode)>,
}

impl Store {
    /// Every name's and every surname's majority code in the registry (the rule of the
    /// code filled at write time), read in one pass per key kind.
    pub fn known_codes(&self) -> Result<KnownCodes, StoreError> {
        let read = |column: &str| -> Result<Vec<(String, ActorCode)>, StoreError> {
            let sql = format!(
                "SELECT {column}, country, sector, sum(articles) FROM actor_registry
                 WHERE country <> '' GROUP BY {column}, country, sector ORDER BY {column}"
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let rows: Vec<(String, String, String, i64)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<Result<_, _>>()?;
            let mut out = Vec::new();
            let mut at = 0;
            while at < rows.len() {
                let key = &rows[at].0;
                let end = at + rows[at..].iter().take_while(|r| &r.0 == key).count();
                let group: Vec<(String, String, i64)> = rows[at..end]
                    .iter()
                    .map(|(_, c, s, n)| (c.clone(), s.clone(), *n))
                    .collect();
                if let Some(code) = majority(&group) {
                    out.push((key.clone(), code));
                }
                at = end;
            }
            Ok(out)
        };
        Ok(KnownCodes {
            by_name: read("name")?,
            by_surname: read("person")?,
        })
    }

    /// The actor registry, the names seen in most articles first.
    pub fn actors(&self, filter: &ActorFilter) -> Result<Vec<ActorRow>, StoreError> {
        Ok(self.actors_page(filter, None)?.items)
    }

    /// A page of [`Store::actors`]: at most `filter.limit` rows after the cursor's.
    pub fn actors_page(
        &self,
        filter: &ActorFilter,
        after: Option<&Cursor>,
    ) -> Result<Page<ActorRow>, StoreError> {
        let mut sql = format!(
            "SELECT shown, country, sector, articles, first_seen, last_seen, source{}
             FROM actor_registry WHERE 1 = 1",
            ACTORS.columns()
        );
        let mut values: Vec<Value> = Vec::new();
        if let Some(name) = &filter.name {
            sql.push_str(" AND name LIKE ? ESCAPE '\\'");
            values.push(crate::query::contains_pattern(&name.to_lowercase()).into());
        }
        if let Some(after) = after {
            ACTORS.after(after, &mut sql, &mut values)?;
        }
        sql.push_str(&ACTORS.order_by());
        sql.push_str(" LIMIT ?");
        values.push(crate::query::limit_after(filter.limit));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let empty = |s: String| (!s.is_empty()).then_some(s);
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values.iter()), |r| {
                let row = ActorRow {
                    name: r.get(0)?,
                    country: empty(r.get(1)?),
                    sector: empty(r.get(2)?),
                    articles: r.get::<_, i64>(3)? as u64,
                    first_seen: r.get(4)?,
                    last_seen: r.get(5)?,
                    source: r.get(6)?,
                };
                Ok((row, ACTORS.cursor(r, 7)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(page_of(rows, filter.limit))
    }
}

/// The order of [`Store::actors_page`]: the names seen in most articles first.
const ACTORS: Keyset = Keyset {
    list: "actors",
    keys: &[
        ("articles", Order::Desc),
        ("name", Order::Asc),
        ("country", Order::Asc),
        ("sector", Order::Asc),
        ("source", Order::Asc),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    fn row(c: &str, s: &str, n: i64) -> (String, String, i64) {
        (c.to_string(), s.to_string(), n)
    }

    #[test]
    fn the_majority_country_and_its_sector() {
        let code = majority(&[
            row("RUR", "GOV", 3),
            row("RUR", "ELI", 1),
            row("FRE", "", 2),
        ])
        .unwrap();
        assert_eq!(code.country.as_deref(), Some("RUR"));
        assert_eq!(code.sector.as_deref(), Some("GOV"));
        // Sectors are summed within a country before countries are compared.
        let code = majority(&[
            row("RUR", "GOV", 2),
            row("RUR", "", 2),
            row("FRE", "GOV", 3),
        ]);
        assert_eq!(code.unwrap().country.as_deref(), Some("RUR"));
        // A tie between countries gives nothing.
        assert_eq!(
            majority(&[row("RUR", "GOV", 2), row("FRE", "GOV", 2)]),
            None
        );
        assert_eq!(majority(&[]), None);
    }

    #[test]
    fn name_keys() {
        assert_eq!(name_key("Vladimir  V. Putin"), "vladimir v putin");
    }
}
