//! Notes on a customer: what the manager learned, kind by kind (身份/购买/咨询/喜好/跟进/其他).

use super::time::Stamp;

/// The kind of a note; the stored key is stable, the label lives in the GUI's i18n table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteKind {
    Identity,
    Purchase,
    Inquiry,
    Preference,
    Followup,
    Other,
}

impl NoteKind {
    /// Every kind, in the order the note editor offers them.
    pub const ALL: [NoteKind; 6] = [
        NoteKind::Identity,
        NoteKind::Purchase,
        NoteKind::Inquiry,
        NoteKind::Preference,
        NoteKind::Followup,
        NoteKind::Other,
    ];

    /// The key stored in the database.
    pub fn key(self) -> &'static str {
        match self {
            NoteKind::Identity => "identity",
            NoteKind::Purchase => "purchase",
            NoteKind::Inquiry => "inquiry",
            NoteKind::Preference => "preference",
            NoteKind::Followup => "followup",
            NoteKind::Other => "other",
        }
    }

    /// The kind stored under `key`; unknown keys read as `Other`.
    pub fn from_key(key: &str) -> NoteKind {
        NoteKind::ALL
            .into_iter()
            .find(|kind| kind.key() == key)
            .unwrap_or(NoteKind::Other)
    }
}

/// One note on a customer's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub id: i64,
    pub customer_id: i64,
    pub kind: NoteKind,
    pub body: String,
    pub at: Stamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for kind in NoteKind::ALL {
            assert_eq!(NoteKind::from_key(kind.key()), kind);
        }
        assert_eq!(NoteKind::from_key("nonsense"), NoteKind::Other);
    }
}
