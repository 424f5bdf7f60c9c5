//! The summary as GitHub-flavoured Markdown, with `- [x]` task lists, to paste into a README.

use std::fmt::Write;

use super::{ItemLine, Summary, heading, percent_label};
use crate::catalog::validate::is_http_url;
use crate::progress::Status;

/// Escapes text so Markdown shows it literally (no links, emphasis or HTML from user text). User text
/// never starts a line here (it follows a list marker or a heading mark), so the characters that only
/// matter at the start of a line (`-`, `+`, `1.`) stay as they are; `(` and `!` are harmless once `[`
/// is escaped.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            // Shown, not obeyed (N12): `\u\{1b\}` reads as `\u{1b}`.
            c if c.is_control() || crate::safe_text::is_hidden_format(c) => {
                out.push_str(&format!("\\u\\{{{:x}\\}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// A link when `url` is http(s), else the escaped text: a `javascript:` evidence link stays inert.
pub(crate) fn link(text: &str, url: &str) -> String {
    if is_http_url(url) {
        format!("[{}](<{url}>)", escape_markdown(text))
    } else {
        format!("{} ({})", escape_markdown(text), escape_markdown(url))
    }
}

pub(crate) fn render_markdown(summary: &Summary) -> String {
    let mut out = String::new();
    write_markdown(&mut out, summary).ok();
    out
}

fn write_markdown(out: &mut String, s: &Summary) -> std::fmt::Result {
    writeln!(out, "# {}, {}", escape_markdown(&heading(s)), s.date.format("%Y-%m-%d"))?;
    writeln!(out)?;
    writeln!(
        out,
        "**Readiness for {}: {:.0}/100**, level {}: **{}**. {} {}",
        escape_markdown(s.target.title),
        s.readiness,
        s.level,
        s.level_name,
        escape_markdown(&s.explanation),
        escape_markdown(&s.next_level.sentence)
    )?;
    writeln!(out)?;
    let (done, applicable, total, practice) = (s.done, s.applicable, s.total, s.practice.sentence());
    writeln!(out, "{done} of {applicable} applicable items done ({total} in all). {practice}")?;
    writeln!(out)?;
    writeln!(out, "| Stage | Coverage | Done |")?;
    writeln!(out, "|---|---:|---:|")?;
    for stage in &s.stages {
        writeln!(out, "| {} | {} | {}/{} |", stage.name, percent_label(stage.percent), stage.done, stage.applicable)?;
    }
    writeln!(out)?;
    write_targets(out, s)?;
    write_projects(out, s)?;
    if !s.gaps.is_empty() {
        writeln!(out, "## Top gaps")?;
        writeln!(out)?;
        for (rank, gap) in s.gaps.iter().enumerate() {
            writeln!(
                out,
                "{}. {} ({}, +{:.1} readiness)",
                rank + 1,
                escape_markdown(gap.title),
                gap.stage.name(),
                gap.gain
            )?;
        }
        writeln!(out)?;
    }
    if !s.recent.is_empty() {
        writeln!(out, "## Recently done")?;
        writeln!(out)?;
        for recent in &s.recent {
            writeln!(out, "- {}: {}", recent.at.format("%Y-%m-%d"), escape_markdown(recent.title))?;
        }
        writeln!(out)?;
    }
    if let Some(since) = &s.since {
        writeln!(out, "## Done since {} ({})", since.date.format("%Y-%m-%d"), since.items.len())?;
        writeln!(out)?;
        if since.items.is_empty() {
            writeln!(out, "Nothing yet.")?;
        }
        for item in &since.items {
            writeln!(out, "- {}: {}", item.at.format("%Y-%m-%d"), escape_markdown(item.title))?;
        }
        writeln!(out)?;
    }
    if !s.portfolio.is_empty() {
        writeln!(out, "## What I can do")?;
        writeln!(out)?;
        for group in &s.portfolio {
            let links: Vec<String> = group.items.iter().map(|item| link(item.title, item.evidence)).collect();
            writeln!(out, "**{}:** {}.", group.label, links.join(", "))?;
            writeln!(out)?;
        }
    }
    for checklist in &s.checklists {
        writeln!(out, "## {} ({}/{})", escape_markdown(checklist.title), checklist.done, checklist.total)?;
        writeln!(out)?;
        for section in &checklist.sections {
            writeln!(out, "### {} ({}/{})", escape_markdown(section.title), section.done, section.total)?;
            writeln!(out)?;
            for item in &section.items {
                write_item(out, item)?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// Every target side by side, the active one in bold (only when there is more than one).
fn write_targets(out: &mut String, s: &Summary) -> std::fmt::Result {
    if s.targets.len() < 2 {
        return Ok(());
    }
    writeln!(out, "## Targets")?;
    writeln!(out)?;
    writeln!(out, "| Target | Readiness | Level | Done | Next |")?;
    writeln!(out, "|---|---:|---|---:|---|")?;
    for line in &s.targets {
        let title = escape_markdown(line.title);
        let title = if line.active { format!("**{title}**") } else { title };
        let next = line.next.as_ref().map_or_else(|| "all done".to_owned(), |gap| escape_markdown(gap.title));
        let (done, of) = (line.done, line.applicable);
        writeln!(
            out,
            "| {title} | {:.0}/100 | {} {} | {done}/{of} | {next} |",
            line.readiness, line.level, line.level_name
        )?;
    }
    writeln!(out)?;
    Ok(())
}

/// The person's projects and how far each is (when there are any).
fn write_projects(out: &mut String, s: &Summary) -> std::fmt::Result {
    if s.projects.is_empty() {
        return Ok(());
    }
    writeln!(out, "## Projects\n\n| Project | Readiness | Level | Done |\n|---|---:|---|---:|")?;
    for line in &s.projects {
        let name = escape_markdown(line.name);
        let (level, done, of) = (line.level, line.done, line.applicable);
        writeln!(out, "| {name} | {:.0}/100 | {level} {} | {done}/{of} |", line.readiness, line.level_name)?;
    }
    writeln!(out)
}

/// One item as a task-list line, with its note and evidence below it when the summary has them.
fn write_item(out: &mut String, item: &ItemLine) -> std::fmt::Result {
    let (box_mark, suffix) = match item.status {
        Status::Done => ("x", item.done_at.map(|at| format!(" (done {})", at.format("%Y-%m-%d"))).unwrap_or_default()),
        Status::Learning => (" ", " (learning)".to_owned()),
        Status::Skipped => (" ", " (skipped)".to_owned()),
        Status::Todo => (" ", String::new()),
    };
    let title = escape_markdown(item.title);
    let title = if item.status == Status::Skipped { format!("~~{title}~~") } else { title };
    let outside = if item.in_target { "" } else { " (not in target)" };
    writeln!(out, "- [{box_mark}] {title}{suffix}{outside}")?;
    if !item.note.is_empty() {
        writeln!(out, "  - Note: {}", escape_markdown(item.note))?;
    }
    if !item.evidence.is_empty() {
        let evidence = if is_http_url(item.evidence) {
            link(item.evidence, item.evidence)
        } else {
            escape_markdown(item.evidence)
        };
        writeln!(out, "  - Evidence: {evidence}")?;
    }
    Ok(())
}
