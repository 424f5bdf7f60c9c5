//! The summary for a terminal.

use std::fmt::Write;

use super::{Summary, heading, percent_label, status_word};

const BAR_WIDTH: usize = 20;

fn bar(percent: Option<f64>) -> String {
    let filled = percent.map_or(0, |p| ((p / 100.0) * BAR_WIDTH as f64).round() as usize).min(BAR_WIDTH);
    format!("{}{}", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled))
}

pub(crate) fn render_text(summary: &Summary) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    write_text(&mut out, summary).ok();
    out
}

fn write_text(out: &mut String, s: &Summary) -> std::fmt::Result {
    writeln!(out, "{}, {}", one_line(&heading(s)), s.date.format("%Y-%m-%d"))?;
    writeln!(out)?;
    let target = one_line(s.target.title);
    writeln!(out, "Readiness for {target}: {:.0}/100   Level {}: {}", s.readiness, s.level, s.level_name)?;
    writeln!(out, "{}", s.explanation)?;
    writeln!(out, "{}", s.next_level.sentence)?;
    writeln!(out, "Overall    {} of {} applicable items done ({} in all)", s.done, s.applicable, s.total)?;
    writeln!(out, "Practised  {}", s.practice.sentence())?;
    writeln!(out)?;
    writeln!(out, "Stages")?;
    for stage in &s.stages {
        let learning = if stage.learning > 0 { format!(", {} learning", stage.learning) } else { String::new() };
        writeln!(
            out,
            "  {:<8} [{}] {:>4}  {}/{} done{learning}",
            stage.name,
            bar(stage.percent),
            percent_label(stage.percent),
            stage.done,
            stage.applicable
        )?;
    }
    write_targets(out, s)?;
    write_projects(out, s)?;
    writeln!(out)?;
    writeln!(out, "Checklists")?;
    for checklist in &s.checklists {
        writeln!(out, "  {} ({}): {}/{}", checklist.title, checklist.id, checklist.done, checklist.total)?;
        for section in &checklist.sections {
            writeln!(out, "    {:<40} {:>3}/{}", section.title, section.done, section.total)?;
            // Items are listed only for their notes: the terminal summary stays short.
            for item in section.items.iter().filter(|i| !i.note.is_empty() || !i.evidence.is_empty()) {
                writeln!(out, "      - {} ({})", item.title, status_word(item.status))?;
                if !item.note.is_empty() {
                    writeln!(out, "        note: {}", one_line(item.note))?;
                }
                if !item.evidence.is_empty() {
                    writeln!(out, "        evidence: {}", one_line(item.evidence))?;
                }
            }
        }
    }
    writeln!(out)?;
    if s.gaps.is_empty() {
        writeln!(out, "No gaps: every applicable item is done.")?;
    } else {
        writeln!(out, "Top gaps (what the next level needs first; readiness points each would add)")?;
        for gap in &s.gaps {
            writeln!(out, "  +{:>4.1}  {:<8} {}  ({})", gap.gain, gap.stage.name(), gap.title, gap.id)?;
        }
    }
    if !s.recent.is_empty() {
        writeln!(out)?;
        writeln!(out, "Recently done")?;
        for recent in &s.recent {
            writeln!(out, "  {}  {}", recent.at.format("%Y-%m-%d"), recent.title)?;
        }
    }
    if let Some(since) = &s.since {
        writeln!(out)?;
        writeln!(out, "Done since {} ({})", since.date.format("%Y-%m-%d"), since.items.len())?;
        if since.items.is_empty() {
            writeln!(out, "  Nothing yet.")?;
        }
        for item in &since.items {
            writeln!(out, "  {}  {}", item.at.format("%Y-%m-%d"), item.title)?;
        }
    }
    if !s.portfolio.is_empty() {
        writeln!(out)?;
        writeln!(out, "What I can do")?;
        for group in &s.portfolio {
            writeln!(out, "  {}:", group.label)?;
            for item in &group.items {
                writeln!(out, "    {} ({})", item.title, one_line(item.evidence))?;
            }
        }
    }
    Ok(())
}

/// Every target side by side, the active one starred (only when there is more than one).
fn write_targets(out: &mut String, s: &Summary) -> std::fmt::Result {
    if s.targets.len() < 2 {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Targets")?;
    for line in &s.targets {
        let mark = if line.active { '*' } else { ' ' };
        let level = format!("Level {}: {}", line.level, line.level_name);
        let (title, readiness) = (one_line(line.title), line.readiness);
        writeln!(out, "{mark} {title:<28} {readiness:>3.0}/100  {level:<28} {}/{} done", line.done, line.applicable)?;
    }
    Ok(())
}

/// The person's projects and how far each is (when there are any).
fn write_projects(out: &mut String, s: &Summary) -> std::fmt::Result {
    if s.projects.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Projects")?;
    for line in &s.projects {
        let level = format!("Level {}: {}", line.level, line.level_name);
        let (name, readiness) = (one_line(line.name), line.readiness);
        writeln!(out, "  {name:<28} {readiness:>3.0}/100  {level:<28} {}/{} done", line.done, line.applicable)?;
    }
    Ok(())
}

/// User text on one terminal line: line breaks become spaces, and control and invisible formatting
/// characters (which could move the cursor, change colours or reorder the text) are shown escaped.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    crate::safe_text::for_terminal(text, false)
}
