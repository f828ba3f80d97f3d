//! BILOU tags over the four CoNLL entity types, and the rules of which tag may follow which.

/// The number of labels: `O` and B, I, L, U for each of the four types.
pub const LABELS: usize = 17;
/// The label outside any entity.
pub const O: u8 = 0;

pub use readout_model::EntityType;

/// Where a token stands in its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// First of several tokens.
    Begin,
    /// Inside, neither first nor last.
    Inside,
    /// Last of several tokens.
    Last,
    /// The only token.
    Unit,
}

/// The label for a type at a position.
pub fn label(kind: EntityType, position: Position) -> u8 {
    1 + 4 * kind as u8 + position as u8
}

/// The type and position of a label, `None` for `O`.
pub fn split(label: u8) -> Option<(EntityType, Position)> {
    if label == O || label as usize >= LABELS {
        return None;
    }
    let k = (label - 1) / 4;
    let position = match (label - 1) % 4 {
        0 => Position::Begin,
        1 => Position::Inside,
        2 => Position::Last,
        _ => Position::Unit,
    };
    Some((EntityType::ALL[k as usize], position))
}

/// The entity type of a label, `None` for `O`.
pub fn kind(label: u8) -> Option<EntityType> {
    split(label).map(|(k, _)| k)
}

/// Whether `next` may follow `prev`: inside an entity only I or L of its type may come;
/// outside one, only O, B or U.
pub fn allowed(prev: u8, next: u8) -> bool {
    let open = matches!(split(prev), Some((_, Position::Begin | Position::Inside)));
    match (open, split(next)) {
        (true, Some((k, Position::Inside | Position::Last))) => Some(k) == kind(prev),
        (true, _) => false,
        (false, Some((_, Position::Inside | Position::Last))) => false,
        (false, _) => true,
    }
}

/// The highest-scoring label allowed after `prev` (ties: the lower label).
pub fn best_allowed(prev: u8, scores: &[f32; LABELS]) -> u8 {
    let mut best = O;
    let mut best_score = f32::NEG_INFINITY;
    for (l, &s) in scores.iter().enumerate() {
        if s > best_score && allowed(prev, l as u8) {
            best = l as u8;
            best_score = s;
        }
    }
    best
}

/// Labels for `n` tokens given entities as token ranges `(first, end, type)`. Overlapping
/// entities keep the first.
pub fn encode(n: usize, entities: &[(usize, usize, EntityType)]) -> Vec<u8> {
    let mut out = vec![O; n];
    for &(first, end, k) in entities {
        if first >= end || end > n || out[first..end].iter().any(|&l| l != O) {
            continue;
        }
        if end - first == 1 {
            out[first] = label(k, Position::Unit);
        } else {
            out[first] = label(k, Position::Begin);
            for l in &mut out[first + 1..end - 1] {
                *l = label(k, Position::Inside);
            }
            out[end - 1] = label(k, Position::Last);
        }
    }
    out
}

/// The entities of a label sequence as token ranges `(first, end, type)`. A sequence cut
/// short (B or I at the end, as greedy decoding cannot produce but a caller might) closes
/// its entity there.
pub fn decode(labels: &[u8]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &l) in labels.iter().enumerate() {
        match split(l) {
            Some((k, Position::Unit)) => {
                if let Some((s, ok)) = open.take() {
                    out.push((s, i, ok));
                }
                out.push((i, i + 1, k));
            }
            Some((k, Position::Begin)) => {
                if let Some((s, ok)) = open.take() {
                    out.push((s, i, ok));
                }
                open = Some((i, k));
            }
            Some((k, Position::Inside)) => {
                if open.is_none_or(|(_, ok)| ok != k) {
                    if let Some((s, ok)) = open.take() {
                        out.push((s, i, ok));
                    }
                    open = Some((i, k));
                }
            }
            Some((k, Position::Last)) => match open.take() {
                Some((s, ok)) if ok == k => out.push((s, i + 1, k)),
                other => {
                    if let Some((s, ok)) = other {
                        out.push((s, i, ok));
                    }
                    out.push((i, i + 1, k));
                }
            },
            None => {
                if let Some((s, ok)) = open.take() {
                    out.push((s, i, ok));
                }
            }
        }
    }
    if let Some((s, k)) = open {
        out.push((s, labels.len(), k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_and_decode_round_trip() {
        let ents = vec![
            (0, 2, EntityType::Per),
            (3, 4, EntityType::Loc),
            (5, 8, EntityType::Org),
        ];
        let labels = encode(9, &ents);
        assert_eq!(labels[0], label(EntityType::Per, Position::Begin));
        assert_eq!(labels[1], label(EntityType::Per, Position::Last));
        assert_eq!(labels[2], O);
        assert_eq!(labels[3], label(EntityType::Loc, Position::Unit));
        assert_eq!(labels[6], label(EntityType::Org, Position::Inside));
        assert_eq!(decode(&labels), ents);
    }

    #[test]
    fn transitions_follow_bilou() {
        let b_per = label(EntityType::Per, Position::Begin);
        let l_per = label(EntityType::Per, Position::Last);
        let l_org = label(EntityType::Org, Position::Last);
        let u_loc = label(EntityType::Loc, Position::Unit);
        assert!(allowed(b_per, l_per));
        assert!(!allowed(b_per, l_org));
        assert!(!allowed(b_per, O));
        assert!(!allowed(O, l_per));
        assert!(allowed(l_per, u_loc));
        // The best score is I-ORG, which cannot follow O; U-LOC is the best allowed.
        let mut scores = [0.0; LABELS];
        scores[label(EntityType::Org, Position::Inside) as usize] = 5.0;
        scores[u_loc as usize] = 2.0;
        assert_eq!(best_allowed(O, &scores), u_loc);
    }

    #[test]
    fn decode_closes_broken_sequences() {
        let b_per = label(EntityType::Per, Position::Begin);
        let i_org = label(EntityType::Org, Position::Inside);
        assert_eq!(
            decode(&[b_per, i_org]),
            vec![(0, 1, EntityType::Per), (1, 2, EntityType::Org)]
        );
        assert_eq!(decode(&[b_per]), vec![(0, 1, EntityType::Per)]);
        assert!(decode(&[]).is_empty());
    }
}
