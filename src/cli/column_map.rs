//! `qunzhu import --kind KIND --map HEADER=FIELD …`: the command line's way to import a table
//! the detector does not recognise, or recognised as the wrong kind — the same choice of kind and
//! per-column mapping the review screen offers. Columns not named keep what their header says.

use crate::import::chat::ChatField;
use crate::import::purchases::PurchaseField;
use crate::import::{
    ChatColumns, ColumnTarget, Field, GroupStatColumns, PurchaseColumns, StatField,
};

/// The kind a file is imported as, when the user says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    /// A customer list.
    Contacts,
    /// An order export.
    Orders,
    /// Daily group statistics.
    GroupStats,
    /// Chat history.
    Chat,
}

/// One `--map HEADER=FIELD` (FIELD `-` leaves the column out).
#[derive(Debug, Clone)]
pub struct MapArg {
    header: String,
    field: String,
}

/// Parses `HEADER=FIELD`.
pub fn map_arg(text: &str) -> Result<MapArg, String> {
    let (header, field) = text
        .rsplit_once('=')
        .ok_or_else(|| format!("expected HEADER=FIELD, got {text:?}"))?;
    Ok(MapArg {
        header: header.trim().to_string(),
        field: field.trim().to_string(),
    })
}

/// Each column's target: what its header says, changed where `pairs` say.
fn apply<F: ColumnTarget>(headers: &[String], pairs: &[MapArg]) -> Result<Vec<Option<F>>, String> {
    let mut fields = F::from_headers(headers);
    fields.resize(headers.len(), None);
    for pair in pairs {
        let index = headers
            .iter()
            .position(|h| h.trim() == pair.header)
            .ok_or_else(|| {
                format!(
                    "the file has no column {:?} (its columns: {})",
                    pair.header,
                    headers.join(", ")
                )
            })?;
        fields[index] = match pair.field.as_str() {
            "-" => None,
            wanted => Some(F::from_key(wanted).ok_or_else(|| {
                let known: Vec<&str> = F::TARGETS.iter().map(|f| f.key()).collect();
                format!(
                    "{wanted:?} is not a field of this kind (one of: {}, or - to leave the column out)",
                    known.join(", ")
                )
            })?),
        };
    }
    Ok(fields)
}

/// A customer list's mapping.
pub fn contacts(headers: &[String], pairs: &[MapArg]) -> Result<Vec<Option<Field>>, String> {
    apply(headers, pairs)
}

/// An order export's columns, or what they lack.
pub fn orders(headers: &[String], pairs: &[MapArg]) -> Result<PurchaseColumns, String> {
    let fields: Vec<Option<PurchaseField>> = apply(headers, pairs)?;
    PurchaseColumns::from_fields(&fields).ok_or_else(|| {
        "orders need an amount, a paid_at time and a column that finds the buyer (phone, name, wechat_id, external_id or address)".into()
    })
}

/// Group statistics' columns, or what they lack.
pub fn group_stats(headers: &[String], pairs: &[MapArg]) -> Result<GroupStatColumns, String> {
    let fields: Vec<Option<StatField>> = apply(headers, pairs)?;
    GroupStatColumns::from_fields(headers, &fields).map_err(|_| {
        "group statistics need at least one count column and a date or group_name / chat_id column".into()
    })
}

/// A chat's columns, or what they lack.
pub fn chat(headers: &[String], pairs: &[MapArg]) -> Result<ChatColumns, String> {
    let fields: Vec<Option<ChatField>> = apply(headers, pairs)?;
    ChatColumns::from_fields(&fields)
        .ok_or_else(|| "a chat needs a time, a sender and a content column".into())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn pairs_override_the_headers_and_name_what_is_wrong() {
        let h = headers(&["单据", "实收", "日子", "联系方式"]);
        let pairs: Vec<MapArg> = [
            "单据=order_no",
            "实收=amount",
            "日子=paid_at",
            "联系方式=phone",
        ]
        .iter()
        .map(|p| map_arg(p).unwrap())
        .collect();
        let cols = orders(&h, &pairs).unwrap();
        assert_eq!(
            (cols.amount, cols.paid_at, cols.phones.clone()),
            (1, Some(2), vec![3])
        );
        assert!(orders(&h, &pairs[..2]).unwrap_err().contains("paid_at"));
        let wrong_header = orders(&h, &[map_arg("金额=amount").unwrap()]).unwrap_err();
        assert!(wrong_header.contains("单据, 实收"), "{wrong_header}");
        let wrong_field = orders(&h, &[map_arg("实收=money").unwrap()]).unwrap_err();
        assert!(wrong_field.contains("order_no"), "{wrong_field}");
        assert!(map_arg("no equals sign").is_err());
    }

    #[test]
    fn a_recognised_column_can_be_left_out() {
        let h = headers(&["客户名称", "手机号"]);
        let mapping = contacts(&h, &[map_arg("手机号=-").unwrap()]).unwrap();
        assert_eq!(mapping, vec![Some(Field::Name), None]);
        let chat_cols = chat(
            &headers(&["时间", "人", "话"]),
            &["时间=time", "人=sender", "话=content"].map(|p| map_arg(p).unwrap()),
        );
        assert!(chat_cols.is_ok());
        assert!(
            group_stats(
                &headers(&["日", "人数"]),
                &[map_arg("人数=members").unwrap()]
            )
            .is_err()
        );
        assert!(
            group_stats(
                &headers(&["日", "人数"]),
                &["日=date", "人数=members"].map(|p| map_arg(p).unwrap())
            )
            .is_ok()
        );
    }
}
