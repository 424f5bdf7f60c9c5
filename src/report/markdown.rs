//! The summary as GitHub-flavoured Markdown, with `- [x]` task lists, to paste into a README.

use std::fmt::Write;

use super::{Summary, percent_label, stage_name};
use crate::progress::Status;

/// Escapes text so Markdown shows it literally (no links, emphasis or HTML from user text).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.' | '!' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn render_markdown(summary: &Summary) -> String {
    let mut out = String::new();
    let _ = write_markdown(&mut out, summary);
    out
}

fn write_markdown(out: &mut String, s: &Summary) -> std::fmt::Result {
    writeln!(out, "# skillgap summary, {}", s.date.format("%Y-%m-%d"))?;
    writeln!(out)?;
    writeln!(
        out,
        "**Readiness {:.0}/100**, level {}: **{}**. {}",
        s.readiness,
        s.level,
        s.level_name,
        escape_markdown(&s.explanation)
    )?;
    writeln!(out)?;
    writeln!(out, "{} of {} applicable items done ({} in all).", s.done, s.applicable, s.total)?;
    writeln!(out)?;
    writeln!(out, "| Stage | Coverage | Done |")?;
    writeln!(out, "|---|---:|---:|")?;
    for stage in &s.stages {
        writeln!(out, "| {} | {} | {}/{} |", stage.name, percent_label(stage.percent), stage.done, stage.applicable)?;
    }
    writeln!(out)?;
    if !s.gaps.is_empty() {
        writeln!(out, "## Top gaps")?;
        writeln!(out)?;
        for (rank, gap) in s.gaps.iter().enumerate() {
            writeln!(
                out,
                "{}. {} ({}, +{:.1} readiness)",
                rank + 1,
                escape_markdown(&gap.title),
                stage_name(gap.stage),
                gap.gain
            )?;
        }
        writeln!(out)?;
    }
    if !s.recent.is_empty() {
        writeln!(out, "## Recently done")?;
        writeln!(out)?;
        for recent in &s.recent {
            writeln!(out, "- {}: {}", recent.at.format("%Y-%m-%d"), escape_markdown(&recent.title))?;
        }
        writeln!(out)?;
    }
    for checklist in &s.checklists {
        writeln!(out, "## {} ({}/{})", escape_markdown(&checklist.title), checklist.done, checklist.total)?;
        writeln!(out)?;
        for section in &checklist.sections {
            writeln!(out, "### {} ({}/{})", escape_markdown(&section.title), section.done, section.total)?;
            writeln!(out)?;
            for item in &section.items {
                let (box_mark, suffix) = match item.status {
                    Status::Done => {
                        ("x", item.done_at.map(|at| format!(" (done {})", at.format("%Y-%m-%d"))).unwrap_or_default())
                    }
                    Status::Learning => (" ", " (learning)".to_owned()),
                    Status::Skipped => (" ", " (skipped)".to_owned()),
                    Status::Todo => (" ", String::new()),
                };
                let title = escape_markdown(&item.title);
                let title = if item.status == Status::Skipped { format!("~~{title}~~") } else { title };
                writeln!(out, "- [{box_mark}] {title}{suffix}")?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}
