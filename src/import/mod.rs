//! The pure parsing layer: bytes -> rows -> what the store upserts. No SQL, no egui.
//!
//! Flow: [`detect_path`] sniffs format, encoding, delimiter, sheet, header row and kind;
//! [`open_rows`] streams the data rows as [`RawRow`]s; [`auto_map`] maps headers to
//! [`Field`]s; [`record_from_row`] turns a row into a [`ContactRecord`] (or a
//! [`RowRejection`] with its row number); [`dedup_key`] and [`merge`] fold duplicates.
//! Whole-file problems are [`ImportError`]s with a stable [`ImportError::code`].

pub mod chat;
pub mod contacts;
pub mod csv;
pub mod dates;
pub mod decode;
pub mod dedup;
pub mod detect;
pub mod error;
pub mod group_stats;
pub mod mapping;
pub mod normalize;
pub mod purchases;
pub mod sniff;
pub mod table;
pub mod xlsx;

pub use chat::{ChatColumns, ChatMessage, DailyActivity, DayActivity, message_from_row};
pub use contacts::{ContactOptions, ContactRecord, RowRejection, check_mapping, record_from_row};
pub use csv::MAX_CELL_BYTES;
pub use dates::{CHINA_STANDARD_TIME, parse_datetime};
pub use dedup::{dedup_key, dedup_records, merge};
pub use detect::{
    Detection, FileKind, detect_bytes, detect_path, detect_path_as, detect_path_in_sheet,
};
pub use error::ImportError;
pub use group_stats::{GroupDayStats, GroupStatColumns, Stat, StatField, stats_from_row};
pub use mapping::{ColumnTarget, Field, auto_map, header_signature};
pub use normalize::{Gender, normalize_phone, parse_gender, split_tags};
pub use purchases::{BuyerKeys, PurchaseColumns, PurchaseRecord, purchase_from_row};
pub use sniff::{ENCODING_CHOICES, Format, TextEncoding, encoding_for_label};
pub use table::{RawRow, RowReader, open_rows, open_rows_counting, open_rows_from_bytes};

/// The widest row accepted; wider files are refused with [`ImportError::TooManyColumns`].
pub const MAX_COLUMNS: usize = 1000;
