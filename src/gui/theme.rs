//! Colours, spacing and fonts: the only place they are defined.
#![allow(clippy::disallowed_methods)] // the one file allowed to name raw colours

use std::sync::Arc;

use egui::{Color32, FontData, FontDefinitions, FontFamily, Visuals};
use serde::{Deserialize, Serialize};

use crate::domain::tag::parse_hex_color;

/// The bundled CJK font (Noto Sans CJK SC subset to GB2312; see assets/fonts/README.md).
const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-subset.otf");

/// Space between sections of a panel.
pub const SECTION_GAP: f32 = 12.0;
/// Height of one customer table row.
pub const ROW_HEIGHT: f32 = 26.0;
/// Width of the left navigation.
pub const NAV_WIDTH: f32 = 132.0;
/// Default width of the customer detail panel.
pub const DETAIL_WIDTH: f32 = 380.0;
/// How long a toast stays, in seconds.
pub const TOAST_SECONDS: f64 = 8.0;

/// Light, dark, or whatever the OS says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    /// egui's preference for this choice.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Registers the CJK font as the first fallback after egui's Latin font in every family, so Latin
/// text keeps egui's look and every Chinese character and punctuation mark renders from it.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert("cjk".into(), Arc::new(FontData::from_static(CJK_FONT)));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        // Right after the Latin font: before the emoji fonts, which also carry full-width
        // punctuation (？！) in an emoji style that looks wrong in Chinese text.
        let list = fonts.families.entry(family).or_default();
        let at = list.len().min(1);
        list.insert(at, "cjk".into());
    }
    ctx.set_fonts(fonts);
}

/// Applies the theme choice and Qunzhu's spacing.
pub fn apply(ctx: &egui::Context, choice: ThemeChoice) {
    ctx.set_theme(choice.preference());
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
        style.interaction.tooltip_delay = 0.3;
    });
}

/// The brand accent (teal, as in the icon).
pub fn accent(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x4f, 0xc3, 0xb0)
    } else {
        Color32::from_rgb(0x0f, 0x8a, 0x7a)
    }
}

/// Muted text (counts, dates).
pub fn muted(visuals: &Visuals) -> Color32 {
    visuals.weak_text_color()
}

/// Colour for errors and destructive buttons.
pub fn danger(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0xff, 0x8a, 0x80)
    } else {
        Color32::from_rgb(0xc5, 0x22, 0x1f)
    }
}

/// Colour for things that need attention but are not errors (a late reply).
pub fn warning(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0xff, 0xc0, 0x4d)
    } else {
        Color32::from_rgb(0xb3, 0x5c, 0x00)
    }
}

/// A stored `#rrggbb` colour (tag groups, columns), grey when unreadable.
pub fn hex(text: &str) -> Color32 {
    parse_hex_color(text)
        .map(|[r, g, b]| Color32::from_rgb(r, g, b))
        .unwrap_or(Color32::GRAY)
}

/// Chip fill and text colours for a tag colour: a light tint in light mode, a deep one in dark.
pub fn chip_colors(visuals: &Visuals, color: Color32) -> (Color32, Color32) {
    if visuals.dark_mode {
        (color.gamma_multiply(0.35), Color32::from_gray(235))
    } else {
        (
            color.gamma_multiply(0.18),
            color.gamma_multiply(0.9).to_opaque(),
        )
    }
}

/// The navigation badge (follow-ups due): fill and text.
pub fn badge_colors(visuals: &Visuals) -> (Color32, Color32) {
    (danger(visuals), Color32::WHITE)
}

/// Colours for chart series (groups in the compare view, rates in the group view), cycling.
pub fn series_color(visuals: &Visuals, index: usize) -> Color32 {
    const LIGHT: [(u8, u8, u8); 8] = [
        (0x0f, 0x8a, 0x7a),
        (0x3b, 0x6e, 0xc4),
        (0xd9, 0x7a, 0x1e),
        (0x9c, 0x4d, 0xc4),
        (0xc5, 0x22, 0x1f),
        (0x4a, 0x8f, 0x2c),
        (0x8a, 0x6d, 0x3b),
        (0x2b, 0x9f, 0xc4),
    ];
    let (r, g, b) = LIGHT[index % LIGHT.len()];
    let color = Color32::from_rgb(r, g, b);
    if visuals.dark_mode {
        color.lerp_to_gamma(Color32::WHITE, 0.25)
    } else {
        color
    }
}

/// Joins bars (growth).
pub fn joins_color(visuals: &Visuals) -> Color32 {
    accent(visuals).gamma_multiply(0.7)
}

/// Leaves bars and alerts.
pub fn leaves_color(visuals: &Visuals) -> Color32 {
    danger(visuals).gamma_multiply(0.7)
}

/// The health overview's sparkline.
pub fn sparkline_color(visuals: &Visuals) -> Color32 {
    accent(visuals)
}
