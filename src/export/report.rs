//! The weekly report written out: Markdown (to paste), a self-contained HTML page (charts as
//! inline SVG; prints cleanly to PDF from a browser) and a long PNG image for WeChat, which a
//! headless Chromium / Chrome / Edge already on the machine renders from the HTML.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::domain::purchase::format_yuan;
use crate::domain::questions::ServiceSummary;
use crate::domain::report::{GroupWeek, WeeklyReport};
use crate::export::report_text::{ReportLang, Texts};

/// The formats the report is saved in, told by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Html,
    Png,
}

impl ReportFormat {
    /// `.md`, `.html`/`.htm` or `.png`; anything else is `None`.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" => Some(Self::Html),
            "png" => Some(Self::Png),
            _ => None,
        }
    }
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0}: the report is saved as .md, .html or .png")]
    UnknownFormat(String),
    #[error(
        "no Chromium, Chrome or Edge found to draw the PNG; save the report as .html and take a screenshot, or install Chromium"
    )]
    NoBrowser,
    #[error("the browser could not draw the PNG: {0}")]
    Browser(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

fn pct(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{:.1}%", v * 100.0))
}

fn count(v: Option<i64>) -> String {
    v.map_or("—".into(), |v| v.to_string())
}

fn signed(v: Option<i64>) -> String {
    match v {
        None => "—".into(),
        Some(0) => "0".into(),
        Some(v) => format!("{v:+}"),
    }
}

fn week_text(r: &WeeklyReport, t: &Texts) -> String {
    t.week
        .replace("{from}", &r.monday.to_string())
        .replace("{to}", &r.sunday().to_string())
}

fn alerts_text(g: &GroupWeek, lang: ReportLang) -> String {
    if g.alerts.is_empty() {
        return lang.texts().no_alerts.into();
    }
    let sep = if lang == ReportLang::Zh { "；" } else { "; " };
    g.alerts
        .iter()
        .map(|a| lang.alert(a))
        .collect::<Vec<_>>()
        .join(sep)
}

/// The summary figures as `(label, value)` pairs.
fn summary_pairs(r: &WeeklyReport, t: &Texts) -> Vec<(&'static str, String)> {
    vec![
        (t.new_customers, r.new_customers.to_string()),
        (t.orders, r.sales.orders.to_string()),
        (t.buyers, r.sales.buyers.to_string()),
        (t.amount, format_yuan(r.sales.amount_cents)),
        (
            t.avg_order,
            r.sales
                .average_order_cents()
                .map_or("—".into(), format_yuan),
        ),
    ]
}

fn service_pairs(s: &ServiceSummary, t: &Texts) -> Vec<(&'static str, String)> {
    let share = s
        .in_time_share()
        .map_or("—".into(), |v| format!("{:.0}%", v * 100.0));
    vec![
        (t.questions, s.questions.to_string()),
        (t.in_time, share),
        (
            t.median,
            s.median_response_min
                .map_or("—".into(), |m| format!("{m:.0} {}", t.minutes)),
        ),
        (t.late, s.late.to_string()),
        (t.unanswered, (s.never + s.open).to_string()),
    ]
}

/// The report as Markdown.
pub fn markdown(r: &WeeklyReport, lang: ReportLang) -> String {
    let t = lang.texts();
    let mut out = String::new();
    let _ = writeln!(out, "# {} · {}\n", t.title, week_text(r, t));
    let _ = writeln!(out, "## {}\n", t.summary);
    for (label, value) in summary_pairs(r, t) {
        let _ = writeln!(out, "- {label}: **{value}**");
    }
    let _ = writeln!(out, "\n## {}\n", t.groups);
    if r.groups.is_empty() {
        let _ = writeln!(out, "{}", t.no_groups);
    } else {
        let _ = writeln!(
            out,
            "| {} | {} |\n|---|---:|---:|---:|---:|---:|---|",
            t.figure_columns().join(" | "),
            t.col_alerts
        );
        for g in &r.groups {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                md_cell(&g.name),
                count(g.members),
                signed(g.net_growth),
                pct(g.interaction_rate),
                pct(g.leave_rate),
                pct(g.conversion_rate),
                md_cell(&alerts_text(g, lang))
            );
        }
    }
    let c = &r.content;
    let _ = writeln!(out, "\n## {}\n", t.content);
    let _ = writeln!(
        out,
        "- {}: {} · {}: {} · {}: {} · {}: {}",
        t.planned, c.planned, t.sent, c.sent, t.not_sent, c.not_sent, t.skipped, c.skipped
    );
    let _ = writeln!(out, "\n## {}\n", t.koc);
    if r.contributors.is_empty() {
        let _ = writeln!(out, "{}", t.no_koc);
    }
    for (i, k) in r.contributors.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} — {} {}",
            i + 1,
            md_cell(&k.name),
            k.contributions,
            t.contributions
        );
    }
    let _ = writeln!(out, "\n## {}\n", t.followups);
    let _ = writeln!(
        out,
        "- {}: {} · {}: {}",
        t.done, r.followups_done, t.overdue, r.followups_overdue
    );
    let _ = writeln!(out, "\n## {}\n", t.service);
    match &r.service {
        None => {
            let _ = writeln!(out, "{}", t.no_chat);
        }
        Some(s) => {
            for (label, value) in service_pairs(s, t) {
                let _ = writeln!(out, "- {label}: **{value}**");
            }
            for g in &r.groups {
                if let Some(s) = &g.service {
                    let share = s
                        .in_time_share()
                        .map_or("—".into(), |v| format!("{:.0}%", v * 100.0));
                    let _ = writeln!(
                        out,
                        "- {}: {} {} · {} {share}",
                        md_cell(&g.name),
                        s.questions,
                        t.questions,
                        t.in_time
                    );
                }
            }
        }
    }
    let _ = writeln!(out, "\n---\n{}", t.footer);
    out
}

/// A table cell: pipes and line breaks would break the row.
fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Seven days of a count as small bars (unknown days left empty).
fn bars_svg(values: &[Option<i64>]) -> String {
    let (w, h, gap) = (16.0, 28.0, 3.0);
    let max = values.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{h}" role="img">"#,
        values.len() as f64 * (w + gap)
    );
    for (i, v) in values.iter().enumerate() {
        let x = i as f64 * (w + gap);
        match v {
            Some(v) => {
                let bh = (*v as f64 / max * (h - 2.0)).max(1.0);
                let _ = write!(
                    svg,
                    r##"<rect x="{x}" y="{}" width="{w}" height="{bh}" fill="#2b8a8a"><title>{v}</title></rect>"##,
                    h - bh
                );
            }
            None => {
                let _ = write!(
                    svg,
                    r##"<rect x="{x}" y="{}" width="{w}" height="1" fill="#ccc"/>"##,
                    h - 1.0
                );
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Planned against sent as one horizontal bar.
fn progress_svg(done: usize, total: usize) -> String {
    let width = 320.0;
    let filled = if total == 0 {
        0.0
    } else {
        width * done as f64 / total as f64
    };
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="14" role="img"><rect width="{width}" height="14" rx="3" fill="#e6e6e6"/><rect width="{filled}" height="14" rx="3" fill="#2b8a8a"/></svg>"##
    )
}

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;max-width:860px;margin:24px auto;padding:0 20px;color:#222;background:#fff}h1{font-size:26px;margin-bottom:4px}h2{font-size:19px;border-bottom:2px solid #2b8a8a;padding-bottom:4px;margin-top:28px}.week{color:#666}.cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #ddd;border-radius:8px;padding:10px 14px;min-width:120px}.card b{display:block;font-size:22px}table{border-collapse:collapse;width:100%;font-size:14px}th,td{border-bottom:1px solid #eee;padding:6px;text-align:left}td.n{text-align:right}.alert{color:#c5221f}.muted{color:#777}footer{margin-top:32px;color:#888;font-size:12px}@media print{body{margin:0}}";

fn cards(pairs: &[(&str, String)]) -> String {
    let mut out = String::from(r#"<div class="cards">"#);
    for (label, value) in pairs {
        let _ = write!(
            out,
            r#"<div class="card">{}<b>{}</b></div>"#,
            esc(label),
            esc(value)
        );
    }
    out.push_str("</div>");
    out
}

/// The report as one self-contained HTML page.
pub fn html(r: &WeeklyReport, lang: ReportLang) -> String {
    let t = lang.texts();
    let title = format!("{} · {}", t.title, week_text(r, t));
    let html_lang = if lang == ReportLang::Zh {
        "zh-CN"
    } else {
        "en"
    };
    let mut out = format!(
        r#"<!DOCTYPE html><html lang="{html_lang}"><head><meta charset="utf-8"><title>{}</title><style>{STYLE}</style></head><body>"#,
        esc(&title)
    );
    let _ = write!(
        out,
        r#"<h1>{}</h1><div class="week">{}</div>"#,
        esc(t.title),
        esc(&week_text(r, t))
    );
    let _ = write!(
        out,
        "<h2>{}</h2>{}",
        esc(t.summary),
        cards(&summary_pairs(r, t))
    );
    let _ = write!(out, "<h2>{}</h2>", esc(t.groups));
    if r.groups.is_empty() {
        let _ = write!(out, r#"<p class="muted">{}</p>"#, esc(t.no_groups));
    } else {
        out.push_str("<table><tr>");
        for h in t
            .figure_columns()
            .into_iter()
            .chain([t.col_trend, t.col_alerts])
        {
            let _ = write!(out, "<th>{}</th>", esc(h));
        }
        out.push_str("</tr>");
        for g in &r.groups {
            let class = if g.alerts.is_empty() {
                "muted"
            } else {
                "alert"
            };
            let _ = write!(
                out,
                r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td>{}</td><td class="{class}">{}</td></tr>"#,
                esc(&g.name),
                count(g.members),
                signed(g.net_growth),
                pct(g.interaction_rate),
                pct(g.leave_rate),
                pct(g.conversion_rate),
                bars_svg(&g.messages_by_day),
                esc(&alerts_text(g, lang))
            );
        }
        out.push_str("</table>");
    }
    let c = &r.content;
    let _ = write!(
        out,
        "<h2>{}</h2><p>{} {} · {} {} · {} {} · {} {}</p>{}",
        esc(t.content),
        esc(t.planned),
        c.planned,
        esc(t.sent),
        c.sent,
        esc(t.not_sent),
        c.not_sent,
        esc(t.skipped),
        c.skipped,
        progress_svg(c.sent, c.planned)
    );
    let _ = write!(out, "<h2>{}</h2>", esc(t.koc));
    if r.contributors.is_empty() {
        let _ = write!(out, r#"<p class="muted">{}</p>"#, esc(t.no_koc));
    } else {
        out.push_str("<ol>");
        for k in &r.contributors {
            let _ = write!(
                out,
                "<li>{} — {} {}</li>",
                esc(&k.name),
                k.contributions,
                esc(t.contributions)
            );
        }
        out.push_str("</ol>");
    }
    let _ = write!(
        out,
        "<h2>{}</h2>{}",
        esc(t.followups),
        cards(&[
            (t.done, r.followups_done.to_string()),
            (t.overdue, r.followups_overdue.to_string()),
        ])
    );
    let _ = write!(out, "<h2>{}</h2>", esc(t.service));
    match &r.service {
        None => {
            let _ = write!(out, r#"<p class="muted">{}</p>"#, esc(t.no_chat));
        }
        Some(s) => out.push_str(&cards(&service_pairs(s, t))),
    }
    let _ = write!(out, "<footer>{}</footer></body></html>", esc(t.footer));
    out
}

/// Writes the report to `path` in the format its extension names (the PNG through a headless
/// browser, from an HTML file written beside it and removed afterwards).
pub fn write(r: &WeeklyReport, lang: ReportLang, path: &Path) -> Result<(), ReportError> {
    let format = ReportFormat::from_path(path)
        .ok_or_else(|| ReportError::UnknownFormat(path.display().to_string()))?;
    match format {
        ReportFormat::Markdown => std::fs::write(path, markdown(r, lang))?,
        ReportFormat::Html => std::fs::write(path, html(r, lang))?,
        ReportFormat::Png => {
            let page = path.with_extension("report.html");
            std::fs::write(&page, html(r, lang))?;
            let drawn = png_from_html(&page, path, png_height(r));
            let _ = std::fs::remove_file(&page);
            drawn?;
        }
    }
    Ok(())
}

/// How long a headless browser may take to draw the page before it is stopped.
const BROWSER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(45);

/// Runs `command` to its end, killing it after `BROWSER_TIMEOUT` (a hung browser must not hang
/// the caller). Its output is not kept: an unread pipe that fills up would stall it.
fn run_with_timeout(command: &mut Command) -> std::io::Result<std::process::Output> {
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let started = std::time::Instant::now();
    loop {
        if child.try_wait()?.is_some() {
            return child.wait_with_output();
        }
        if started.elapsed() > BROWSER_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the browser did not finish drawing the page in 45 s",
            ));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Browsers that draw a page headless, by the names they have on Linux, macOS and Windows.
const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
];

/// How tall the PNG is: a headless screenshot has a fixed size, so it is reckoned from what the
/// page holds (sections, one row per group and contributor) with a little room to spare.
fn png_height(r: &WeeklyReport) -> u32 {
    let (groups, people) = (r.groups.len() as u32, r.contributors.len() as u32);
    (980 + 45 * groups + 24 * people).min(16_000)
}

/// `file:///C:/…` on Windows (without the `\\?\` prefix canonicalize adds), `file:///…` elsewhere.
fn file_url(path: &Path) -> String {
    let text = path.display().to_string();
    let text = text.trim_start_matches(r"\\?\").replace('\\', "/");
    format!("file:///{}", text.trim_start_matches('/'))
}

/// Draws `html` into `png`, `height` pixels tall, with the first headless browser found.
pub fn png_from_html(html: &Path, png: &Path, height: u32) -> Result<(), ReportError> {
    let page = std::fs::canonicalize(html)?;
    let out = std::path::absolute(png)?;
    // An older picture at the path must not pass for this one.
    match std::fs::remove_file(&out) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
        _ => {}
    }
    for browser in BROWSERS {
        let result = run_with_timeout(
            Command::new(browser)
                .args([
                    "--headless",
                    "--disable-gpu",
                    "--no-sandbox",
                    "--hide-scrollbars",
                    "--no-first-run",
                    &format!("--window-size=900,{height}"),
                    &format!("--screenshot={}", out.display()),
                ])
                .arg(file_url(&page)),
        );
        match result {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(ReportError::Browser(e.to_string())),
            Ok(o) if o.status.success() && out.is_file() => return Ok(()),
            Ok(o) => {
                let why = format!("{browser}: {}, no picture written", o.status);
                return Err(ReportError::Browser(why));
            }
        }
    }
    Err(ReportError::NoBrowser)
}
