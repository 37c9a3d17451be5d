//! Tags and tag groups (基本属性/消费/兴趣/行为 …): a customer carries tags, a tag belongs to at most one group.

/// A group of tags with a shared colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagGroup {
    pub id: i64,
    pub name: String,
    /// `#rrggbb`
    pub color: String,
}

/// A tag, with its group's name and colour resolved for drawing chips.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub id: i64,
    pub name: String,
    pub group_id: Option<i64>,
    /// `#rrggbb` of its group, or the neutral colour when it has none.
    pub color: String,
}

/// A tag as a file names it: the tag group it belongs in (`""` for none) and its name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct TagRef {
    pub group: String,
    pub name: String,
}

impl TagRef {
    /// A tag outside any group.
    pub fn plain(name: &str) -> Self {
        Self {
            group: String::new(),
            name: name.to_string(),
        }
    }

    /// A tag in the group called `group`.
    pub fn grouped(group: &str, name: &str) -> Self {
        Self {
            group: group.to_string(),
            name: name.to_string(),
        }
    }
}

impl From<&str> for TagRef {
    fn from(name: &str) -> Self {
        Self::plain(name)
    }
}

/// A plain tag equals its name (tests and ungrouped lists compare this way).
impl PartialEq<&str> for TagRef {
    fn eq(&self, name: &&str) -> bool {
        self.group.is_empty() && self.name == *name
    }
}

impl PartialEq<String> for TagRef {
    fn eq(&self, name: &String) -> bool {
        *self == name.as_str()
    }
}

/// The colour of tags outside any group.
pub const UNGROUPED_COLOR: &str = "#8a8f98";

/// The palette offered for new tag groups, picked in turn so neighbours differ.
pub const GROUP_PALETTE: [&str; 8] = [
    "#4c8bf5", "#e8710a", "#1e8e3e", "#d93025", "#9334e6", "#12a4af", "#c5221f", "#f9ab00",
];

/// The palette colour for the `index`-th group.
pub fn palette_color(index: usize) -> &'static str {
    GROUP_PALETTE[index % GROUP_PALETTE.len()]
}

/// Parses `#rrggbb` into its three channels.
pub fn parse_hex_color(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// Normalises a tag name typed by a user: trimmed, inner whitespace collapsed.
pub fn clean_tag_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colors_parse_and_reject_garbage() {
        assert_eq!(parse_hex_color("#4c8bf5"), Some([0x4c, 0x8b, 0xf5]));
        assert_eq!(parse_hex_color("4c8bf5"), None);
        assert_eq!(parse_hex_color("#4c8bf"), None);
        assert_eq!(parse_hex_color("#红红红"), None);
    }

    #[test]
    fn tag_names_are_trimmed() {
        assert_eq!(clean_tag_name("  高 价值 "), "高 价值");
        assert_eq!(clean_tag_name("VIP"), "VIP");
    }

    #[test]
    fn palette_wraps() {
        assert_eq!(palette_color(0), palette_color(GROUP_PALETTE.len()));
    }
}
