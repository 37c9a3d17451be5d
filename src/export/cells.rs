//! Making text safe for a spreadsheet cell.

/// Characters that make Excel / WPS treat a cell as a formula (CSV injection); a tab or carriage
/// return at the start can do the same after a paste.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Prefixes a formula-looking cell with `'` so the spreadsheet shows it as text.
pub fn neutralise_formula(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Reverses `neutralise_formula` on import, so an exported file re-imports to the same text.
pub fn restore_neutralised(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// The UTF-8 byte-order mark: without it Excel on Windows reads UTF-8 CSV as GBK.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_restored() {
        for cell in [
            "=HYPERLINK(\"http://x\")",
            "+86 138",
            "-1",
            "@SUM(A1)",
            "\tcmd",
        ] {
            let safe = neutralise_formula(cell);
            assert!(safe.starts_with('\''), "{cell}");
            assert_eq!(restore_neutralised(&safe), cell);
        }
    }

    #[test]
    fn plain_cells_are_untouched() {
        for cell in ["王小明", "13800123456", "", "'quoted by the user"] {
            assert_eq!(neutralise_formula(cell), cell);
            assert_eq!(restore_neutralised(cell), cell);
        }
    }
}
