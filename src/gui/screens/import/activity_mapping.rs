//! What each column of an order export, a statistics sheet or a chat table holds: one mapping per
//! kind, each starting from what the headers say (or what was chosen for the last file of this
//! shape), so that switching the kind back and forth keeps every choice.

use egui::RichText;

use crate::gui::i18n::{Key, Lang};
use crate::gui::theme;
use crate::import::chat::ChatField;
use crate::import::purchases::PurchaseField;
use crate::import::{ColumnTarget, FileKind, RawRow, StatField};
use crate::jobs::mapping_memory::HandMapping;

use super::field_labels;
use super::mapping_grid::{Targets, mapping_grid_ui};

/// One kind's mapping: a target (or none) per column, and what the headers alone said.
#[derive(Debug, Clone)]
pub struct KindMapping<F> {
    pub slots: Vec<Option<F>>,
    from_headers: Vec<Option<F>>,
}

impl<F: Copy + PartialEq> KindMapping<F> {
    fn new(slots: Vec<Option<F>>) -> Self {
        Self {
            from_headers: slots.clone(),
            slots,
        }
    }

    /// Whether the import must be told the columns: the user changed them, or the file was
    /// detected as another kind (the job would not find them by their headers).
    pub fn by_hand(&self, detected_as_this: bool) -> bool {
        !detected_as_this || self.slots != self.from_headers
    }
}

/// The mappings of the three kinds that carry no customer fields.
pub struct ActivityMappings {
    pub orders: KindMapping<PurchaseField>,
    pub stats: KindMapping<StatField>,
    pub chat: KindMapping<ChatField>,
}

impl ActivityMappings {
    /// Each kind's columns as its headers name them.
    pub fn from_headers(headers: &[String]) -> Self {
        Self {
            orders: KindMapping::new(ColumnTarget::from_headers(headers)),
            stats: KindMapping::new(ColumnTarget::from_headers(headers)),
            chat: KindMapping::new(ColumnTarget::from_headers(headers)),
        }
    }

    /// Takes the mapping chosen for the last file of this shape.
    pub fn apply(&mut self, recalled: HandMapping) {
        match recalled {
            HandMapping::Orders(m) => self.orders.slots = m,
            HandMapping::GroupStats(m) => self.stats.slots = m,
            HandMapping::Chat(m) => self.chat.slots = m,
        }
    }

    /// The mapping to remember for files of this shape when `kind` is imported by hand.
    pub fn hand_mapping(&self, kind: FileKind, detected: FileKind) -> Option<HandMapping> {
        let detected_as_this = kind == detected;
        match kind {
            FileKind::Purchases if self.orders.by_hand(detected_as_this) => {
                Some(HandMapping::Orders(self.orders.slots.clone()))
            }
            FileKind::GroupStats if self.stats.by_hand(detected_as_this) => {
                Some(HandMapping::GroupStats(self.stats.slots.clone()))
            }
            FileKind::Chat if self.chat.by_hand(detected_as_this) => {
                Some(HandMapping::Chat(self.chat.slots.clone()))
            }
            _ => None,
        }
    }

    /// The mapping row of `kind` over the preview (columns not chosen are left out; only a
    /// customer list keeps them, as custom fields).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        kind: FileKind,
        headers: &[String],
        preview: &[RawRow],
    ) {
        fn grid<F: Copy + PartialEq>(
            ui: &mut egui::Ui,
            lang: Lang,
            (headers, preview): (&[String], &[RawRow]),
            slots: &mut [Option<F>],
            all: &[F],
            label: fn(F) -> Key,
        ) {
            let none = Key::ImportSkipColumn;
            let targets = Targets { all, label, none };
            mapping_grid_ui(ui, lang, headers, preview, slots, &targets);
        }
        ui.add_space(theme::SECTION_GAP);
        ui.label(RichText::new(lang.t(Key::ImportMapping)).strong());
        let table = (headers, preview);
        match kind {
            FileKind::Purchases => {
                let (all, label) = (&PurchaseField::ALL, field_labels::purchase_field);
                grid(ui, lang, table, &mut self.orders.slots, all, label);
            }
            FileKind::GroupStats => {
                let (all, label) = (&StatField::ALL, field_labels::stat_field);
                grid(ui, lang, table, &mut self.stats.slots, all, label);
            }
            FileKind::Chat => {
                let (all, label) = (&ChatField::ALL, field_labels::chat_field);
                grid(ui, lang, table, &mut self.chat.slots, all, label);
            }
            FileKind::Contacts | FileKind::Unknown => {}
        }
    }
}
