//! Mappings of orders, group statistics and chats that the user chose by hand, remembered per
//! kind and header signature: the next file of the same shape (the shop's weekly export) opens
//! as that kind with those columns. Customer lists keep theirs through `contact_import`.

use crate::import::chat::ChatField;
use crate::import::purchases::PurchaseField;
use crate::import::{ColumnTarget, FileKind, StatField, header_signature};
use crate::store::imports::{remember_mapping, remembered_mapping};
use crate::store::{Store, StoreError};

/// A hand-made mapping of one kind, one entry per column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandMapping {
    Orders(Vec<Option<PurchaseField>>),
    GroupStats(Vec<Option<StatField>>),
    Chat(Vec<Option<ChatField>>),
}

/// The kinds a file of unknown shape is looked up as, in this order.
const KINDS: [FileKind; 3] = [FileKind::Purchases, FileKind::GroupStats, FileKind::Chat];

impl HandMapping {
    /// The kind of file the mapping reads.
    pub fn kind(&self) -> FileKind {
        match self {
            HandMapping::Orders(_) => FileKind::Purchases,
            HandMapping::GroupStats(_) => FileKind::GroupStats,
            HandMapping::Chat(_) => FileKind::Chat,
        }
    }

    fn keys(&self) -> Vec<Option<&'static str>> {
        fn keys<F: ColumnTarget>(fields: &[Option<F>]) -> Vec<Option<&'static str>> {
            fields.iter().map(|f| f.map(F::key)).collect()
        }
        match self {
            HandMapping::Orders(f) => keys(f),
            HandMapping::GroupStats(f) => keys(f),
            HandMapping::Chat(f) => keys(f),
        }
    }

    fn from_keys(kind: FileKind, keys: &[Option<String>]) -> Option<Self> {
        fn fields<F: ColumnTarget>(keys: &[Option<String>]) -> Vec<Option<F>> {
            keys.iter()
                .map(|k| k.as_deref().and_then(F::from_key))
                .collect()
        }
        Some(match kind {
            FileKind::Purchases => HandMapping::Orders(fields(keys)),
            FileKind::GroupStats => HandMapping::GroupStats(fields(keys)),
            FileKind::Chat => HandMapping::Chat(fields(keys)),
            FileKind::Contacts | FileKind::Unknown => return None,
        })
    }
}

/// Where a kind's mapping of this header is kept (beside the customer lists' own, by signature).
fn slot(kind: FileKind, headers: &[String]) -> String {
    let kind = match kind {
        FileKind::Purchases => "orders",
        FileKind::GroupStats => "group_stats",
        _ => "chat",
    };
    format!("{kind}|{}", header_signature(headers))
}

/// Remembers `mapping` for files with these headers.
pub fn remember(
    store: &Store,
    headers: &[String],
    mapping: &HandMapping,
) -> Result<(), StoreError> {
    let json =
        serde_json::to_string(&mapping.keys()).map_err(|e| StoreError::Invalid(e.to_string()))?;
    remember_mapping(store.conn(), &slot(mapping.kind(), headers), &json)?;
    Ok(())
}

/// The mapping remembered for these headers: as `kind`, or (an unrecognised file) as whichever
/// kind one was remembered for.
pub fn recall(
    store: &Store,
    headers: &[String],
    kind: FileKind,
) -> Result<Option<HandMapping>, StoreError> {
    let kinds: &[FileKind] = match kind {
        FileKind::Unknown => &KINDS,
        FileKind::Purchases => &KINDS[..1],
        FileKind::GroupStats => &KINDS[1..2],
        FileKind::Chat => &KINDS[2..],
        FileKind::Contacts => &[],
    };
    for &kind in kinds {
        if let Some(json) = remembered_mapping(store.conn(), &slot(kind, headers))?
            && let Ok(keys) = serde_json::from_str::<Vec<Option<String>>>(&json)
            && keys.len() == headers.len()
        {
            return Ok(HandMapping::from_keys(kind, &keys));
        }
    }
    Ok(None)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;

    #[test]
    fn a_mapping_comes_back_for_the_same_headers_and_kind_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("q.db")).unwrap();
        let headers: Vec<String> = ["单据", "实收", "日子"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mapping = HandMapping::Orders(vec![
            Some(PurchaseField::OrderNo),
            Some(PurchaseField::Amount),
            Some(PurchaseField::Date),
        ]);
        assert_eq!(recall(&store, &headers, FileKind::Unknown).unwrap(), None);
        remember(&store, &headers, &mapping).unwrap();
        assert_eq!(
            recall(&store, &headers, FileKind::Unknown).unwrap(),
            Some(mapping.clone())
        );
        assert_eq!(
            recall(&store, &headers, FileKind::Purchases).unwrap(),
            Some(mapping)
        );
        assert_eq!(recall(&store, &headers, FileKind::Chat).unwrap(), None);
        assert_eq!(recall(&store, &headers, FileKind::Contacts).unwrap(), None);
        assert_eq!(
            recall(&store, &headers[..2], FileKind::Unknown).unwrap(),
            None
        );
    }
}
