//! One customer per key: [`dedup_key`], the [`merge`] policy and an in-memory [`dedup_records`].
//!
//! Key (fixtures' `dedup_rule.key`): `ext:`+external_userid when there is one, else
//! `wx:`+wxid, else `tel:`+normalised phone digits, else `ns:`+NFC-trimmed name+`|`+trimmed staff.
//! Merge: "first seen" is chronological — the row with the earlier add time leads (file order
//! when a time is missing), since exports list newest first. Its fields win and the other row
//! fills the empty ones; tags and staff are unions in that order; the add time is the earliest;
//! custom values keep the first per header; the row number is the smaller one.

use std::collections::HashMap;

use crate::import::contacts::{ContactRecord, StaffLink};
use crate::import::normalize::normalize_name;

/// The identity of a record, or `None` when it has no id, phone or name.
pub fn dedup_key(record: &ContactRecord) -> Option<String> {
    if let Some(id) = record.external_id.as_deref().map(str::trim)
        && !id.is_empty()
    {
        return Some(format!("ext:{id}"));
    }
    if let Some(wxid) = record.wxid.as_deref().map(str::trim)
        && !wxid.is_empty()
    {
        return Some(format!("wx:{wxid}"));
    }
    if let Some(phone) = record.phone.as_deref().filter(|p| !p.is_empty()) {
        return Some(format!("tel:{phone}"));
    }
    let name = normalize_name(&record.name);
    if name.is_empty() {
        return None;
    }
    let staff = record.staff_names().first().map_or("", |s| s.trim());
    Some(format!("ns:{name}|{staff}"))
}

/// Folds `other` (another row of the same customer) into `into`.
pub fn merge(into: &mut ContactRecord, mut other: ContactRecord) {
    let other_is_earlier = matches!(
        (into.added_at, other.added_at),
        (Some(a), Some(b)) if b < a
    );
    if other_is_earlier {
        std::mem::swap(into, &mut other);
    }
    into.row_number = into.row_number.min(other.row_number);
    fill_text(&mut into.name, other.name);
    fill_text(&mut into.remark, other.remark);
    fill_text(&mut into.description, other.description);
    fill_text(&mut into.source, other.source);
    fill_text(&mut into.corp, other.corp);
    if into.external_id.is_none() {
        into.external_id = other.external_id;
    }
    for (slot, value) in [
        (&mut into.phone, other.phone),
        (&mut into.wechat_id, other.wechat_id),
        (&mut into.wxid, other.wxid),
    ] {
        if slot.is_none() {
            *slot = value;
        }
    }
    if matches!(into.gender, None | Some(crate::import::Gender::Unknown)) && other.gender.is_some()
    {
        into.gender = other.gender;
    }
    into.added_at = match (into.added_at, other.added_at) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    for link in other.staff {
        merge_staff(&mut into.staff, link);
    }
    union(&mut into.tags, other.tags);
    for (header, value) in other.custom {
        if !into.custom.iter().any(|(h, _)| *h == header) {
            into.custom.push((header, value));
        }
    }
}

fn fill_text(slot: &mut String, value: String) {
    if slot.trim().is_empty() && !value.trim().is_empty() {
        *slot = value;
    }
}

/// Adds a staff link, or completes the one for the same member (earliest time wins).
fn merge_staff(links: &mut Vec<StaffLink>, link: StaffLink) {
    match links.iter_mut().find(|l| l.same_member(&link)) {
        Some(known) => {
            fill_text(&mut known.name, link.name);
            fill_text(&mut known.userid, link.userid);
            fill_text(&mut known.department, link.department);
            known.added_at = match (known.added_at, link.added_at) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        None => links.push(link),
    }
}

fn union<T: PartialEq>(list: &mut Vec<T>, more: Vec<T>) {
    for item in more {
        if !list.contains(&item) {
            list.push(item);
        }
    }
}

/// Merges records sharing a [`dedup_key`], keeping first-seen order; keyless records stay apart.
pub fn dedup_records(records: impl IntoIterator<Item = ContactRecord>) -> Vec<ContactRecord> {
    let mut out: Vec<ContactRecord> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for record in records {
        match dedup_key(&record) {
            Some(key) => match index.get(&key) {
                Some(&i) => merge(&mut out[i], record),
                None => {
                    index.insert(key, out.len());
                    out.push(record);
                }
            },
            None => out.push(record),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;
    use chrono::DateTime;

    fn rec(name: &str, staff: &str) -> ContactRecord {
        ContactRecord {
            name: name.to_string(),
            staff: vec![StaffLink {
                name: staff.to_string(),
                ..StaffLink::default()
            }],
            ..ContactRecord::default()
        }
    }

    #[test]
    fn key_prefers_external_id_then_phone_then_name_staff() {
        let mut r = rec(" 张老师 ", " 林晓雯 ");
        assert_eq!(dedup_key(&r).unwrap(), "ns:张老师|林晓雯");
        r.phone = Some("15200648305".into());
        assert_eq!(dedup_key(&r).unwrap(), "tel:15200648305");
        r.external_id = Some("wm123".into());
        assert_eq!(dedup_key(&r).unwrap(), "ext:wm123");
        r.external_id = Some("  ".into());
        assert_eq!(dedup_key(&r).unwrap(), "tel:15200648305");
        assert_eq!(dedup_key(&ContactRecord::default()), None);
        assert_eq!(dedup_key(&rec("Cafe\u{301}", "")).unwrap(), "ns:Café|");
    }

    #[test]
    fn merge_fills_unions_and_keeps_earliest() {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).ok();
        let mut a = rec("王昇", "王浩然");
        a.tags = vec!["老客".into(), "普洱".into(), "茶具".into()];
        a.added_at = t("2024-02-05T21:23:29+08:00");
        a.custom = vec![("年龄".into(), "30".into())];
        let mut b = rec("王昇", "林晓雯");
        b.remark = "王总-企业采购".into();
        b.tags = vec!["高价值".into(), "企业采购".into(), "普洱".into()];
        b.added_at = t("2024-01-24T18:23:29+08:00");
        b.custom = vec![("年龄".into(), "31".into()), ("生日".into(), "5-1".into())];
        a.row_number = 70;
        b.row_number = 86;
        merge(&mut a, b);
        assert_eq!(a.row_number, 70);
        assert_eq!(
            a.staff_names(),
            ["林晓雯", "王浩然"],
            "the earlier-added row leads"
        );
        assert_eq!(a.tags, ["高价值", "企业采购", "普洱", "老客", "茶具"]);
        assert_eq!(a.added_at, t("2024-01-24T18:23:29+08:00"));
        assert_eq!(a.remark, "王总-企业采购");
        assert_eq!(a.custom.len(), 2);
        assert_eq!(a.custom[0].1, "31");
    }

    #[test]
    fn dedup_keeps_order_and_keyless_records() {
        let rows = vec![
            rec("a", "x"),
            rec("b", "x"),
            rec("a", "x"),
            ContactRecord::default(),
        ];
        let out = dedup_records(rows);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].name, "a");
        assert_eq!(out[1].name, "b");
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod staff_tests {
    use super::*;

    #[test]
    fn the_same_member_twice_is_one_link_completed() {
        let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok();
        let mut links = vec![StaffLink {
            name: "林晓雯".into(),
            added_at: t("2024-02-01T10:00:00+08:00"),
            ..StaffLink::default()
        }];
        merge_staff(
            &mut links,
            StaffLink {
                name: "林晓雯".into(),
                userid: "LinXiaoWen".into(),
                added_at: t("2024-01-01T10:00:00+08:00"),
                ..StaffLink::default()
            },
        );
        merge_staff(
            &mut links,
            StaffLink {
                name: "林晓雯(2)".into(),
                userid: "LinXiaoWen".into(),
                ..StaffLink::default()
            },
        );
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].userid, "LinXiaoWen");
        assert_eq!(links[0].added_at, t("2024-01-01T10:00:00+08:00"));
        let other = StaffLink {
            name: "王浩然".into(),
            ..StaffLink::default()
        };
        merge_staff(&mut links, other);
        assert_eq!(links.len(), 2);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod order_tests {
    use super::*;

    #[test]
    fn without_times_file_order_leads() {
        let mut a = ContactRecord {
            tags: vec!["x".into()],
            ..ContactRecord::default()
        };
        let b = ContactRecord {
            tags: vec!["y".into(), "x".into()],
            remark: "later".into(),
            ..ContactRecord::default()
        };
        merge(&mut a, b);
        assert_eq!(a.tags, ["x", "y"]);
        assert_eq!(a.remark, "later");
    }
}
