//! Turning import failures and rejection reasons into the user's language.

use crate::gui::i18n::{Key, Lang, fill};
use crate::import::{FileKind, ImportError};
use crate::jobs::contact_import::ImportFailure;

/// The label of a kind of file.
pub fn kind_label(kind: FileKind) -> Key {
    match kind {
        FileKind::Contacts => Key::KindContacts,
        FileKind::GroupStats => Key::KindGroupStats,
        FileKind::Chat => Key::KindChat,
        FileKind::Purchases => Key::KindPurchases,
        FileKind::Unknown => Key::KindUnknown,
    }
}

/// The label of a kind as batches and failures name it (`contacts`, `chat`, …).
pub fn kind_name_label(name: &str) -> Key {
    match name {
        "contacts" => Key::KindContacts,
        "group_stats" => Key::KindGroupStats,
        "chat" => Key::KindChat,
        "purchases" => Key::KindPurchases,
        _ => Key::KindUnknown,
    }
}

/// A clear sentence for a file that cannot be read.
pub fn import_error_text(lang: Lang, error: &ImportError) -> String {
    let key = match error {
        ImportError::EmptyFile => Key::ErrEmptyFile,
        ImportError::NoDataRows { .. } => Key::ErrNoDataRows,
        ImportError::NotText { .. } => Key::ErrBinary,
        ImportError::CorruptWorkbook { .. } => Key::ErrCorruptXlsx,
        ImportError::WorkbookTooLarge { .. } => Key::ErrWorkbookTooLarge,
        ImportError::PasswordProtected => Key::ErrPasswordProtected,
        ImportError::UnbalancedQuotes { .. } => Key::ErrQuote,
        ImportError::InvalidEncoding { .. } => Key::ErrEncoding,
        ImportError::TooManyColumns { .. } => Key::ErrTooManyColumns,
        ImportError::CellTooLong { .. } => Key::ErrCellTooLong,
        ImportError::UnknownKind { .. } => Key::ErrUnknownKind,
        ImportError::NoSuchSheet { .. } => Key::ErrNoSuchSheet,
        ImportError::Io(_) => Key::ErrIo,
    };
    let row = error.row().map(|r| r.to_string()).unwrap_or_default();
    fill(lang.t(key), &[("row", &row)])
}

/// A clear sentence for an import that did not happen.
pub fn failure_text(lang: Lang, failure: &ImportFailure) -> String {
    match failure {
        ImportFailure::File(e) => import_error_text(lang, e),
        ImportFailure::Store(crate::store::StoreError::Damaged { problems, .. }) => {
            fill(lang.t(Key::ErrDamaged), &[("msg", &problems.join("; "))])
        }
        ImportFailure::Store(e) => fill(lang.t(Key::ErrDatabase), &[("msg", &e.to_string())]),
        ImportFailure::WrongKind(kind) => fill(
            lang.t(Key::ErrWrongKind),
            &[("kind", lang.t(kind_name_label(kind)))],
        ),
        ImportFailure::Cancelled => lang.t(Key::ErrCancelled).to_string(),
        ImportFailure::NeedsGroup => lang.t(Key::ErrNeedsGroup).to_string(),
        ImportFailure::SeveralConversations(names) => fill(
            lang.t(Key::ErrSeveralConversations),
            &[
                ("n", &names.len().to_string()),
                ("names", &names.join(lang.name_separator())),
            ],
        ),
    }
}

/// Why a row was left out.
pub fn reason_text(lang: Lang, code: &str, detail: &str) -> String {
    match code {
        "no_identity" => lang.t(Key::ReasonNoIdentity).to_string(),
        "repeated_header" => lang.t(Key::ReasonRepeatedHeader).to_string(),
        "no_buyer" => lang.t(Key::ReasonNoBuyer).to_string(),
        "bad_date" => fill(lang.t(Key::ReasonBadDate), &[("detail", detail)]),
        "bad_amount" => fill(lang.t(Key::ReasonBadAmount), &[("detail", detail)]),
        "bad_number" => fill(lang.t(Key::ReasonBadNumber), &[("detail", detail)]),
        "unknown_buyer" => fill(lang.t(Key::ReasonUnknownBuyer), &[("detail", detail)]),
        "ambiguous_buyer" => fill(lang.t(Key::ReasonAmbiguousBuyer), &[("detail", detail)]),
        "masked_buyer" => fill(lang.t(Key::ReasonMaskedBuyer), &[("detail", detail)]),
        "no_group" => lang.t(Key::ReasonNoGroup).to_string(),
        _ => format!("{code}: {detail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_error_has_a_sentence_with_its_row() {
        let errors = [
            ImportError::EmptyFile,
            ImportError::NoDataRows { header_row: 1 },
            ImportError::NotText { what: "PNG image" },
            ImportError::CorruptWorkbook {
                detail: "zip".into(),
            },
            ImportError::UnbalancedQuotes { row: 3 },
            ImportError::InvalidEncoding {
                row: 3,
                encoding: "UTF-8",
            },
            ImportError::TooManyColumns {
                row: 3,
                count: 5000,
                limit: 1000,
            },
            ImportError::CellTooLong {
                row: 3,
                limit_bytes: 1,
            },
            ImportError::UnknownKind { headers: vec![] },
            ImportError::NoSuchSheet { name: "x".into() },
            ImportError::WorkbookTooLarge {
                detail: "sheet1".into(),
            },
            ImportError::PasswordProtected,
        ];
        for error in &errors {
            for lang in [Lang::Zh, Lang::En] {
                let text = import_error_text(lang, error);
                assert!(!text.contains('{'), "{text}");
                if let Some(row) = error.row() {
                    assert!(text.contains(&row.to_string()), "{text}");
                }
            }
        }
        assert!(import_error_text(Lang::Zh, &errors[4]).contains("第 3 行"));
    }
}
