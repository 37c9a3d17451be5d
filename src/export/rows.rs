//! Plain rows to CSV (for example the rows an import rejected, to fix and import again).

use std::io::Write;
use std::path::Path;

use super::cells::{UTF8_BOM, neutralise_formula};

/// Writes `headers` and `rows` as UTF-8 CSV with a BOM, formula cells neutralised.
pub fn write_csv(path: &Path, headers: &[String], rows: &[Vec<String>]) -> std::io::Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    file.write_all(UTF8_BOM)?;
    let mut writer = csv::Writer::from_writer(file);
    writer.write_record(headers.iter().map(|h| neutralise_formula(h)))?;
    for row in rows {
        writer.write_record(row.iter().map(|c| neutralise_formula(c)))?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_written_with_bom_and_safe_cells() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rejected.csv");
        write_csv(
            &path,
            &["姓名".into(), "手机".into()],
            &[vec!["=1+1".into(), "".into()]],
        )
        .unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(UTF8_BOM));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(text, "姓名,手机\n'=1+1,\n");
    }
}
