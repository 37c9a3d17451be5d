//! A chat file of several conversations (WeChatMsg's "export all" `messages.csv`): they are read
//! on a worker, listed with their size, and the user ticks the ones to import, each into the
//! group of its name. Group chats are ticked to begin with; one-to-one chats are not.

use egui::RichText;

use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;
use crate::gui::theme;
use crate::import::chat::Conversation;
use crate::import::{ChatColumns, Detection, ImportError};
use crate::jobs::JobHandle;

type ScanJob = JobHandle<Result<Vec<Conversation>, ImportError>>;

/// The conversations of the file under review.
pub enum Conversations {
    /// One conversation, or a layout that does not say: the user names the group.
    One,
    Scanning(ScanJob),
    /// Two or more, each with whether it is ticked.
    Several(Vec<(Conversation, bool)>),
    Failed(String),
}

impl Conversations {
    /// Starts reading the conversations of a chat file whose rows name theirs (in the columns
    /// the user mapped, else those its headers name).
    pub fn scan(
        path: &std::path::Path,
        detection: &Detection,
        mapped: Option<ChatColumns>,
    ) -> Self {
        let Some(cols) = mapped.or_else(|| ChatColumns::locate(&detection.headers).ok()) else {
            return Conversations::One;
        };
        if !cols.has_conversations() {
            return Conversations::One;
        }
        let (path, detection) = (path.to_path_buf(), detection.clone());
        let spawned = JobHandle::spawn("qunzhu-conversations", move |_| {
            crate::jobs::health_import::conversations(&path, &detection, &cols)
        });
        match spawned {
            Ok(job) => Conversations::Scanning(job),
            Err(e) => Conversations::Failed(e.to_string()),
        }
    }

    /// Takes the scan's result when it is there.
    pub fn poll(&mut self, lang: crate::gui::i18n::Lang) {
        let Conversations::Scanning(job) = self else {
            return;
        };
        let Some(result) = job.poll() else { return };
        *self = match result {
            Ok(found) if found.len() > 1 => Conversations::Several(
                found
                    .into_iter()
                    .map(|c| {
                        let group = c.is_group();
                        (c, group)
                    })
                    .collect(),
            ),
            Ok(_) => Conversations::One,
            Err(e) => Conversations::Failed(super::import_error_text(lang, &e)),
        };
    }

    /// The ticked conversations, or what stops the import (still reading, none ticked).
    pub fn chosen(&self) -> Result<Option<Vec<&Conversation>>, Key> {
        match self {
            Conversations::One => Ok(None),
            Conversations::Scanning(_) => Err(Key::ImportScanningConversations),
            Conversations::Failed(_) => Err(Key::ImportConversationsUnreadable),
            Conversations::Several(list) => {
                let chosen: Vec<&Conversation> =
                    list.iter().filter(|(_, on)| *on).map(|(c, _)| c).collect();
                if chosen.is_empty() {
                    Err(Key::ImportChooseConversations)
                } else {
                    Ok(Some(chosen))
                }
            }
        }
    }

    /// The list with a tick box per conversation (nothing when the file holds one).
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCtx<'_>) {
        match self {
            Conversations::One => {}
            Conversations::Scanning(_) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(cx.t(Key::ImportScanningConversations));
                });
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
            }
            Conversations::Failed(message) => {
                ui.colored_label(theme::danger(ui.visuals()), message.as_str());
            }
            Conversations::Several(list) => {
                let n = list.len().to_string();
                ui.label(
                    RichText::new(fill(cx.t(Key::ImportConversations), &[("n", &n)])).strong(),
                );
                for (conversation, on) in list.iter_mut() {
                    ui.horizontal(|ui| {
                        ui.checkbox(on, conversation.label());
                        let messages = conversation.messages.to_string();
                        let detail = match conversation.is_group() {
                            true => fill(
                                cx.t(Key::ImportGroupChatSize),
                                &[
                                    ("messages", &messages),
                                    ("senders", &conversation.senders.to_string()),
                                ],
                            ),
                            false => {
                                fill(cx.t(Key::ImportPrivateChatSize), &[("messages", &messages)])
                            }
                        };
                        ui.label(RichText::new(detail).color(theme::muted(ui.visuals())));
                    });
                }
            }
        }
    }
}
