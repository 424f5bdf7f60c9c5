//! The summary as one self-contained HTML page (no network, no scripts) that prints well.

use std::fmt::Write;

use super::{ChecklistLine, ItemLine, Summary, heading, percent_label};
use crate::catalog::validate::is_http_url;
use crate::progress::Status;

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            // Shown, not obeyed: a direction override would reorder the page's text (N15).
            c if c.is_control() || crate::safe_text::is_hidden_format(c) => {
                out.push_str(&c.escape_unicode().to_string())
            }
            c => out.push(c),
        }
    }
    out
}

/// A link when `url` is http(s), else the escaped text: a `javascript:` evidence link stays inert.
fn link(text: &str, url: &str) -> String {
    if is_http_url(url) {
        format!("<a href=\"{}\">{}</a>", escape_html(url), escape_html(text))
    } else {
        format!("{} <span class=\"muted\">({})</span>", escape_html(text), escape_html(url))
    }
}

const STYLE: &str = r#"
:root { color-scheme: light dark; --fg: #1d232b; --muted: #5b6572; --bg: #ffffff; --card: #f4f6f8; --bar: #dfe4ea; --accent: #2f7d4f; --warn: #b35c00; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ee; --muted: #9aa4b1; --bg: #16191d; --card: #20252b; --bar: #333a43; --accent: #5cc48a; --warn: #f0a045; } }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); max-width: 56rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; } h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
.muted { color: var(--muted); }
.hero { display: flex; gap: 2rem; align-items: center; background: var(--card); border-radius: 10px; padding: 1rem 1.5rem; margin: 1rem 0; }
.score { font-size: 3rem; font-weight: 700; line-height: 1; } .score small { font-size: 1rem; color: var(--muted); font-weight: 400; }
table { border-collapse: collapse; width: 100%; } td, th { padding: .2rem .5rem; text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; width: 6rem; }
.bar { background: var(--bar); border-radius: 4px; height: .7rem; width: 100%; min-width: 8rem; } .bar > span { display: block; height: 100%; border-radius: 4px; background: var(--accent); }
ul.items { list-style: none; padding-left: 0; margin: 0; } ul.items li { padding: .1rem 0; }
.box { display: inline-block; box-sizing: border-box; width: .9em; height: .9em; margin-right: .55em; vertical-align: -.1em; border: 1.5px solid var(--muted); border-radius: 2px; color: #fff; font-size: 1em; line-height: .75em; text-align: center; }
li.done .box { background: var(--accent); border-color: var(--accent); }
li.learning .box { border-color: var(--warn); background: linear-gradient(90deg, var(--warn) 50%, transparent 50%); }
li.skipped .box { border-color: var(--bar); }
ul.items li { padding-left: 1.45em; text-indent: -1.45em; } .note { text-indent: 0; }
.note { color: var(--muted); font-size: .9em; white-space: pre-wrap; margin: 0 0 .2rem 1.3rem; overflow-wrap: anywhere; }
.portfolio p { margin: .3rem 0; } a { color: var(--accent); }
.learning { color: var(--warn); } .skipped { color: var(--muted); text-decoration: line-through; }
section.checklist { break-inside: auto; } h3 { break-after: avoid; } li { break-inside: avoid; }
@media print {
  :root { --fg: #000; --muted: #444; --bg: #fff; --card: #f2f2f2; --bar: #ddd; --accent: #2f7d4f; --warn: #8a4500; color-scheme: light; }
  body { margin: 0; max-width: none; font-size: 11pt; }
  .hero, .bar > span, .box { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; }
}
"#;

pub(crate) fn render_html(summary: &Summary) -> String {
    let mut out = String::new();
    write_html(&mut out, summary).ok();
    out
}

fn write_html(out: &mut String, s: &Summary) -> std::fmt::Result {
    let date = s.date.format("%Y-%m-%d");
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    let title = escape_html(&heading(s));
    writeln!(out, "<title>{title}, {date}</title>\n<style>{STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<h1>{title}</h1>\n<p class=\"muted\">{date}</p>")?;
    writeln!(out, "<div class=\"hero\"><div class=\"score\">{:.0}<small>/100</small></div>", s.readiness)?;
    writeln!(
        out,
        "<div>Readiness for <strong>{}</strong><br><strong>Level {}: {}</strong><br>{}<br><span class=\"muted\">{} of {} applicable items done ({} in all). {} {}</span></div></div>",
        escape_html(s.target.title),
        s.level,
        escape_html(s.level_name),
        escape_html(&s.explanation),
        s.done,
        s.applicable,
        s.total,
        escape_html(&s.practice.sentence()),
        escape_html(&s.next_level.sentence)
    )?;
    write_stages_and_lists(out, s)?;
    for checklist in &s.checklists {
        write_checklist(out, checklist)?;
    }
    writeln!(out, "</body>\n</html>")
}

/// Every target side by side, the active one in bold.
fn write_targets(out: &mut String, s: &Summary) -> std::fmt::Result {
    if s.targets.len() < 2 {
        return Ok(());
    }
    writeln!(out, "<h2>Targets</h2>\n<table>")?;
    writeln!(
        out,
        "<tr><th>Target</th><th class=\"num\">Readiness</th><th>Level</th><th class=\"num\">Done</th><th>Next</th></tr>"
    )?;
    for line in &s.targets {
        let title = escape_html(line.title);
        let title = if line.active { format!("<strong>{title}</strong>") } else { title };
        let next = line.next.as_ref().map_or_else(|| "all done".to_owned(), |gap| escape_html(gap.title));
        writeln!(
            out,
            "<tr><td>{title}</td><td class=\"num\">{:.0}/100</td><td>{} {}</td><td class=\"num\">{}/{}</td><td>{next}</td></tr>",
            line.readiness,
            line.level,
            escape_html(line.level_name),
            line.done,
            line.applicable
        )?;
    }
    writeln!(out, "</table>")
}

/// The person's projects and how far each is (when there are any).
fn write_projects(out: &mut String, s: &Summary) -> std::fmt::Result {
    if s.projects.is_empty() {
        return Ok(());
    }
    writeln!(out, "<h2>Projects</h2>\n<table>")?;
    writeln!(
        out,
        "<tr><th>Project</th><th class=\"num\">Readiness</th><th>Level</th><th class=\"num\">Done</th></tr>"
    )?;
    for line in &s.projects {
        writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{:.0}/100</td><td>{} {}</td><td class=\"num\">{}/{}</td></tr>",
            escape_html(line.name),
            line.readiness,
            line.level,
            line.level_name,
            line.done,
            line.applicable
        )?;
    }
    writeln!(out, "</table>")
}

/// The stages, top gaps, recent and "done since" items, and the portfolio paragraph.
fn write_stages_and_lists(out: &mut String, s: &Summary) -> std::fmt::Result {
    writeln!(out, "<h2>Stages</h2>\n<table>")?;
    for stage in &s.stages {
        let width = stage.percent.unwrap_or(0.0).clamp(0.0, 100.0);
        writeln!(
            out,
            "<tr><th>{}</th><td><div class=\"bar\"><span style=\"width:{width:.1}%\"></span></div></td><td class=\"num\">{}</td><td class=\"num\">{}/{}</td></tr>",
            stage.name,
            percent_label(stage.percent),
            stage.done,
            stage.applicable
        )?;
    }
    writeln!(out, "</table>")?;
    write_targets(out, s)?;
    write_projects(out, s)?;
    if !s.gaps.is_empty() {
        writeln!(out, "<h2>Top gaps</h2>\n<ol>")?;
        for gap in &s.gaps {
            writeln!(
                out,
                "<li>{} <span class=\"muted\">({}, +{:.1} readiness)</span></li>",
                escape_html(gap.title),
                gap.stage.name(),
                gap.gain
            )?;
        }
        writeln!(out, "</ol>")?;
    }
    if !s.recent.is_empty() {
        writeln!(out, "<h2>Recently done</h2>\n<ul>")?;
        for recent in &s.recent {
            writeln!(out, "<li>{}: {}</li>", recent.at.format("%Y-%m-%d"), escape_html(recent.title))?;
        }
        writeln!(out, "</ul>")?;
    }
    if let Some(since) = &s.since {
        writeln!(
            out,
            "<h2>Done since {} <span class=\"muted\">{}</span></h2>",
            since.date.format("%Y-%m-%d"),
            since.items.len()
        )?;
        if since.items.is_empty() {
            writeln!(out, "<p class=\"muted\">Nothing yet.</p>")?;
        } else {
            writeln!(out, "<ul>")?;
            for item in &since.items {
                writeln!(out, "<li>{}: {}</li>", item.at.format("%Y-%m-%d"), escape_html(item.title))?;
            }
            writeln!(out, "</ul>")?;
        }
    }
    if !s.portfolio.is_empty() {
        writeln!(out, "<section class=\"portfolio\"><h2>What I can do</h2>")?;
        for group in &s.portfolio {
            let links: Vec<String> = group.items.iter().map(|item| link(item.title, item.evidence)).collect();
            writeln!(out, "<p><strong>{}:</strong> {}.</p>", group.label, links.join(", "))?;
        }
        writeln!(out, "</section>")?;
    }
    Ok(())
}

fn write_checklist(out: &mut String, checklist: &ChecklistLine) -> std::fmt::Result {
    writeln!(
        out,
        "<section class=\"checklist\"><h2>{} <span class=\"muted\">{}/{}</span></h2>",
        escape_html(checklist.title),
        checklist.done,
        checklist.total
    )?;
    for section in &checklist.sections {
        writeln!(
            out,
            "<h3>{} <span class=\"muted\">{}/{}</span></h3>\n<ul class=\"items\">",
            escape_html(section.title),
            section.done,
            section.total
        )?;
        for item in &section.items {
            write_item(out, item)?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</section>")
}

fn write_item(out: &mut String, item: &ItemLine) -> std::fmt::Result {
    let (mark, class, suffix) = match item.status {
        Status::Done => (
            "&#10003;",
            "done",
            item.done_at
                .map(|at| format!(" <span class=\"muted\">done {}</span>", at.format("%Y-%m-%d")))
                .unwrap_or_default(),
        ),
        Status::Learning => ("", "learning", " <span class=\"muted\">learning</span>".to_owned()),
        Status::Skipped => ("", "skipped", String::new()),
        Status::Todo => ("", "todo", String::new()),
    };
    let outside = if item.in_target { "" } else { " <span class=\"muted\">not in target</span>" };
    write!(
        out,
        "<li class=\"{class}\"><span class=\"box\" role=\"img\" aria-label=\"{class}\">{mark}</span>{}{suffix}{outside}",
        escape_html(item.title)
    )?;
    if !item.note.is_empty() {
        write!(out, "<div class=\"note\">{}</div>", escape_html(item.note))?;
    }
    if !item.evidence.is_empty() {
        let evidence =
            if is_http_url(item.evidence) { link(item.evidence, item.evidence) } else { escape_html(item.evidence) };
        write!(out, "<div class=\"note\">Evidence: {evidence}</div>")?;
    }
    writeln!(out, "</li>")
}
