//! Saving the chart on display as PNG: after the App picked a path, ask the window for a
//! screenshot of the next frame, crop it to the charts' rectangle and write it out.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::gui::commands::Command;
use crate::gui::i18n::{Key, fill};
use crate::gui::screens::ScreenCtx;

/// The export in progress, if any.
#[derive(Default)]
pub struct PngExport {
    target: Option<PathBuf>,
    requested: bool,
    /// The charts' rectangle as last drawn (points).
    chart_rect: Option<egui::Rect>,
    outcome: Arc<Mutex<Option<Result<PathBuf, String>>>>,
}

impl PngExport {
    /// Starts an export to `path` on the next frame.
    pub fn start(&mut self, path: PathBuf) {
        self.target = Some(path);
        self.requested = false;
    }

    /// Remembers where the charts are.
    pub fn set_chart_rect(&mut self, rect: egui::Rect) {
        self.chart_rect = Some(rect);
    }

    /// Requests the screenshot, and reports a finished export with a toast.
    pub fn poll(&mut self, ctx: &egui::Context, cx: &mut ScreenCtx<'_>) {
        let finished = self.outcome.lock().ok().and_then(|mut o| o.take());
        if let Some(result) = finished {
            let text = match result {
                Ok(path) => fill(
                    cx.t(Key::ToastHealthExported),
                    &[("path", &path.display().to_string())],
                ),
                Err(msg) => fill(cx.t(Key::ToastError), &[("msg", &msg)]),
            };
            cx.commands.push(Command::Refresh(Some(text)));
        }
        let (Some(path), Some(rect)) = (self.target.clone(), self.chart_rect) else {
            return;
        };
        if self.requested {
            return;
        }
        self.requested = true;
        self.target = None;
        let outcome = self.outcome.clone();
        let repaint = ctx.clone();
        let ppp = ctx.pixels_per_point();
        ctx.request_screenshot(move |image| {
            let cropped = image.region(&rect, Some(ppp));
            let [w, h] = cropped.size;
            let rgba: Vec<u8> = cropped.pixels.iter().flat_map(|c| c.to_array()).collect();
            let result = crate::export::health::write_png(&path, w as u32, h as u32, &rgba)
                .map(|()| path.clone())
                .map_err(|e| e.to_string());
            if let Ok(mut slot) = outcome.lock() {
                *slot = Some(result);
            }
            repaint.request_repaint();
        });
    }
}
