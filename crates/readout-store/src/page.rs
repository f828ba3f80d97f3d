//! Pages of a list and the cursors that continue them.
//!
//! A cursor holds the sort keys of the last row of a page (keyset pagination), so that the
//! next page starts after that row whatever was stored in between: rows stored meanwhile
//! that sort before it are not shown again, and no row is skipped. Full-text search and
//! claims are ordered by a rank or a computation, not by stored keys; their cursors hold
//! an offset instead, stable while the store does not change.

use rusqlite::types::Value;

use crate::StoreError;

/// A page of a list: its items, and the cursor of the next page when there is one.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    /// The items, in the list's order.
    pub items: Vec<T>,
    /// The cursor to ask for the next page with; none on the last page.
    pub next: Option<String>,
}

/// One sort key of a row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub(crate) enum Key {
    /// An integer column.
    Int(i64),
    /// A text column.
    Text(String),
}

impl Key {
    fn value(&self) -> Value {
        match self {
            Key::Int(i) => Value::Integer(*i),
            Key::Text(t) => Value::Text(t.clone()),
        }
    }

    /// A key read from a result column, as an integer or a text.
    pub(crate) fn read(row: &rusqlite::Row, at: usize) -> rusqlite::Result<Key> {
        Ok(match row.get::<_, Value>(at)? {
            Value::Integer(i) => Key::Int(i),
            Value::Text(t) => Key::Text(t),
            Value::Null => Key::Text(String::new()),
            Value::Real(r) => Key::Text(r.to_string()),
            Value::Blob(b) => Key::Text(String::from_utf8_lossy(&b).into_owned()),
        })
    }
}

/// Where a page starts: after the row whose sort keys it holds, in one list.
///
/// Its text form is opaque to callers: the list's name and the keys as JSON, in
/// hexadecimal so that it needs no escaping in a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    list: String,
    keys: Vec<Key>,
}

/// The longest cursor text accepted: sort keys are short (a date, an id, a name).
const MAX_CURSOR_BYTES: usize = 4096;

impl Cursor {
    pub(crate) fn new(list: &str, keys: Vec<Key>) -> Cursor {
        Cursor {
            list: list.to_string(),
            keys,
        }
    }

    /// The cursor's text form.
    pub fn encode(&self) -> String {
        use std::fmt::Write;
        let json = serde_json::to_vec(&(&self.list, &self.keys)).unwrap_or_default();
        let mut out = String::with_capacity(json.len() * 2);
        for b in json {
            let _ = write!(out, "{b:02x}");
        }
        out
    }

    /// Reads a cursor's text form; anything a cursor did not give is
    /// [`StoreError::BadCursor`].
    pub fn decode(text: &str) -> Result<Cursor, StoreError> {
        let bad = |why: &str| StoreError::BadCursor {
            message: why.to_string(),
        };
        if text.len() > MAX_CURSOR_BYTES || text.len() % 2 == 1 {
            return Err(bad("not a cursor this server gave"));
        }
        let bytes = (0..text.len())
            .step_by(2)
            .map(|i| {
                text.get(i..i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            })
            .collect::<Option<Vec<u8>>>()
            .ok_or_else(|| bad("not a cursor this server gave"))?;
        let (list, keys): (String, Vec<Key>) =
            serde_json::from_slice(&bytes).map_err(|_| bad("not a cursor this server gave"))?;
        Ok(Cursor { list, keys })
    }

    /// The keys, when the cursor is one of `list`'s with `count` keys.
    fn keys_of(&self, list: &str, count: usize) -> Result<&[Key], StoreError> {
        if self.list != list || self.keys.len() != count {
            return Err(StoreError::BadCursor {
                message: format!("a cursor of another list ({}), not of {list}", self.list),
            });
        }
        Ok(&self.keys)
    }

    /// The offset an offset cursor of `list` holds.
    pub(crate) fn offset(&self, list: &str) -> Result<usize, StoreError> {
        match self.keys_of(list, 1)? {
            [Key::Int(n)] if *n >= 0 => Ok(*n as usize),
            _ => Err(StoreError::BadCursor {
                message: "not a cursor this server gave".to_string(),
            }),
        }
    }
}

/// Whether a sort key goes up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// Smallest first.
    Asc,
    /// Largest first.
    Desc,
}

/// The sort keys of a list: SQL expressions, each with its direction.
pub(crate) struct Keyset {
    /// The list's name, kept in its cursors.
    pub list: &'static str,
    /// The expressions, most significant first. None may be NULL (wrap them in
    /// `coalesce`), as NULL compares as neither smaller nor larger.
    pub keys: &'static [(&'static str, Order)],
}

impl Keyset {
    /// The `ORDER BY` clause.
    pub fn order_by(&self) -> String {
        let parts: Vec<String> = self
            .keys
            .iter()
            .map(|(k, o)| match o {
                Order::Asc => format!("{k} ASC"),
                Order::Desc => format!("{k} DESC"),
            })
            .collect();
        format!(" ORDER BY {}", parts.join(", "))
    }

    /// The keys as extra result columns, to be read by [`Keyset::cursor`] from `first`.
    pub fn columns(&self) -> String {
        let parts: Vec<&str> = self.keys.iter().map(|(k, _)| *k).collect();
        format!(", {}", parts.join(", "))
    }

    /// Appends ` AND (...)`, the condition that a row sorts after the cursor's, and its
    /// values.
    pub fn after(
        &self,
        cursor: &Cursor,
        sql: &mut String,
        values: &mut Vec<Value>,
    ) -> Result<(), StoreError> {
        let keys = cursor.keys_of(self.list, self.keys.len())?;
        let mut alternatives = Vec::new();
        for (i, (expr, order)) in self.keys.iter().enumerate() {
            let mut parts = Vec::new();
            for (j, (earlier, _)) in self.keys[..i].iter().enumerate() {
                parts.push(format!("{earlier} = ?"));
                values.push(keys[j].value());
            }
            let op = match order {
                Order::Asc => ">",
                Order::Desc => "<",
            };
            parts.push(format!("{expr} {op} ?"));
            values.push(keys[i].value());
            alternatives.push(format!("({})", parts.join(" AND ")));
        }
        sql.push_str(&format!(" AND ({})", alternatives.join(" OR ")));
        Ok(())
    }

    /// The cursor after a row whose keys are its columns from `first` on.
    pub fn cursor(&self, row: &rusqlite::Row, first: usize) -> rusqlite::Result<Cursor> {
        let keys = (0..self.keys.len())
            .map(|i| Key::read(row, first + i))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Cursor::new(self.list, keys))
    }
}

/// Cuts rows read with a limit one above the page size into a page: the extra row only
/// says that there is a next page, which starts after the last row kept.
pub(crate) fn page_of<T>(mut rows: Vec<(T, Cursor)>, limit: usize) -> Page<T> {
    let more = rows.len() > limit;
    rows.truncate(limit);
    let next = if more {
        rows.last().map(|(_, c)| c.encode())
    } else {
        None
    };
    Page {
        items: rows.into_iter().map(|(t, _)| t).collect(),
        next,
    }
}

/// A page of a list computed whole, from an offset cursor.
pub(crate) fn page_at<T>(
    all: Vec<T>,
    list: &str,
    cursor: Option<&Cursor>,
    limit: usize,
) -> Result<Page<T>, StoreError> {
    let from = cursor.map(|c| c.offset(list)).transpose()?.unwrap_or(0);
    let total = all.len();
    let items: Vec<T> = all.into_iter().skip(from).take(limit).collect();
    let end = from.saturating_add(items.len());
    let next = (end < total).then(|| offset_cursor(list, end));
    Ok(Page { items, next })
}

/// The cursor of an offset list after `end` items.
pub(crate) fn offset_cursor(list: &str, end: usize) -> String {
    Cursor::new(list, vec![Key::Int(end as i64)]).encode()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_what_they_did_not_give() {
        let c = Cursor::new("events", vec![Key::Text("2025-07-03".into()), Key::Int(7)]);
        assert_eq!(Cursor::decode(&c.encode()).unwrap(), c);
        for bad in ["", "zz", "abc", "7b7d", &"00".repeat(3000)] {
            assert!(
                matches!(Cursor::decode(bad), Err(StoreError::BadCursor { .. })),
                "{bad:?}"
            );
        }
        // A cursor of one list is refused by another.
        let keyset = Keyset {
            list: "quotes",
            keys: &[("a", Order::Desc), ("b", Order::Asc)],
        };
        let (mut sql, mut values) = (String::new(), Vec::new());
        assert!(keyset.after(&c, &mut sql, &mut values).is_err());
    }

    #[test]
    fn the_after_condition_compares_keys_in_order() {
        let keyset = Keyset {
            list: "l",
            keys: &[("a", Order::Desc), ("b", Order::Asc)],
        };
        let c = Cursor::new("l", vec![Key::Text("x".into()), Key::Int(2)]);
        let (mut sql, mut values) = (String::new(), Vec::new());
        keyset.after(&c, &mut sql, &mut values).unwrap();
        assert_eq!(sql, " AND ((a < ?) OR (a = ? AND b > ?))");
        assert_eq!(values.len(), 3);
    }
}
