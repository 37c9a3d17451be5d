//! 聊天记录: one search over every imported chat message — words (1–2 Chinese characters too),
//! group, sender, days — with the messages around a hit and each sender one click from their
//! profile. Searches as you type (the index answers in milliseconds).

use chrono::NaiveDate;
use egui::RichText;

use super::data::HealthData;
use crate::gui::app::intents::Intent;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::store::chat::{self, ChatHit, ChatQuery};

/// Hits listed at most (the newest imported first).
const HIT_LIMIT: usize = 200;
/// Messages shown before and after the opened hit.
const CONTEXT: usize = 4;

#[derive(Default)]
pub struct ChatSearchState {
    query: ChatQuery,
    limit_days: bool,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    /// The query the hits are for (re-searched when the query changes).
    searched: Option<ChatQuery>,
    hits: Vec<ChatHit>,
    opened: Option<(i64, Vec<ChatHit>)>,
}

impl ChatSearchState {
    pub fn invalidate(&mut self) {
        self.searched = None;
        self.opened = None;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, data: &HealthData) {
        ui.add_space(theme::SECTION_GAP);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(cx.t(Key::CsWords));
            ui.add(
                egui::TextEdit::singleline(&mut self.query.text)
                    .hint_text(cx.t(Key::CsWordsHint))
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
            let label = ui.label(cx.t(Key::HlChooseGroup));
            let shown = self
                .query
                .group_id
                .map_or(cx.t(Key::CsAllGroups), |g| data.name(g))
                .to_string();
            egui::ComboBox::from_id_salt("chat_search_group")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(self.query.group_id.is_none(), cx.t(Key::CsAllGroups))
                        .clicked()
                    {
                        self.query.group_id = None;
                    }
                    for g in &data.groups {
                        if ui
                            .selectable_label(self.query.group_id == Some(g.id), &g.name)
                            .clicked()
                        {
                            self.query.group_id = Some(g.id);
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label(cx.t(Key::CsSender));
            ui.add(egui::TextEdit::singleline(&mut self.query.sender).desired_width(100.0))
                .labelled_by(label.id);
            ui.checkbox(&mut self.limit_days, cx.t(Key::CsLimitDays));
            if self.limit_days {
                let from = self
                    .from
                    .get_or_insert(data.last - chrono::Duration::days(30));
                crate::gui::widgets::date_picker::date_ui(ui, "chat_search_from", from);
                ui.label("–");
                let to = self.to.get_or_insert(data.last);
                crate::gui::widgets::date_picker::date_ui(ui, "chat_search_to", to);
            }
        });
        self.query.from = self.from.filter(|_| self.limit_days);
        self.query.to = self.to.filter(|_| self.limit_days);
        if self.searched.as_ref() != Some(&self.query) {
            self.hits = cx.read(chat::search(cx.store.conn(), &self.query, HIT_LIMIT));
            self.searched = Some(self.query.clone());
            self.opened = None;
        }
        ui.add_space(4.0);
        if self.query.text.trim().is_empty() {
            ui.label(RichText::new(cx.t(Key::CsHelp)).color(theme::muted(ui.visuals())));
            return;
        }
        let n = self.hits.len().to_string();
        let key = if self.hits.len() >= HIT_LIMIT {
            Key::CsManyHits
        } else {
            Key::CsHits
        };
        ui.label(fill(cx.t(key), &[("n", &n)]));
        self.hits_ui(ui, cx);
    }

    fn hits_ui(&mut self, ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>) {
        let mut open = None;
        egui::ScrollArea::vertical()
            .id_salt("chat_search_hits")
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for h in &self.hits {
                    let opened = self.opened.as_ref().is_some_and(|(id, _)| *id == h.id);
                    ui.horizontal_wrapped(|ui| {
                        if line_ui(ui, cx, h, true) {
                            open = Some(h.clone());
                        }
                    });
                    if opened && let Some((_, around)) = &self.opened {
                        egui::Frame::group(ui.style()).show(ui, |ui| {
                            for m in around {
                                ui.horizontal_wrapped(|ui| {
                                    if m.id == h.id {
                                        ui.label(
                                            RichText::new("▶").color(theme::accent(ui.visuals())),
                                        );
                                    }
                                    line_ui(ui, cx, m, false);
                                });
                            }
                        });
                    }
                }
            });
        if let Some(h) = open {
            let around = cx.read(chat::context(cx.store.conn(), &h, CONTEXT));
            self.opened = Some((h.id, around));
        }
    }
}

/// `05-21 14:02 · 群 · 发言人: 正文`; the sender opens their customer; `true` when the line's
/// 上下文 link was clicked.
fn line_ui(ui: &mut egui::Ui, cx: &mut ScreenCtx<'_>, h: &ChatHit, with_context: bool) -> bool {
    let muted = theme::muted(ui.visuals());
    let when = format!("{} · {}", h.at.display_minutes(), h.group);
    ui.label(RichText::new(when).small().color(muted));
    match h.customer_id {
        Some(id) if !h.own => {
            if ui.link(&h.sender).clicked() {
                cx.intent(Intent::ShowCustomer(id));
            }
        }
        _ => {
            ui.label(RichText::new(&h.sender).strong());
        }
    }
    let text: String = h.text.chars().take(120).collect();
    ui.label(text).on_hover_text(&h.text);
    with_context && ui.small_button(cx.t(Key::CsContext)).clicked()
}
