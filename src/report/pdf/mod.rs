//! The summary as a PDF: page 1 is the overview (score, level, a vector bar per stage, top gaps, the
//! portfolio paragraph), then every checklist with a box per item.
//!
//! Layout runs first and places every line on a page (`Layout`), so the footer can say "Page N of M"
//! and a section header always lands on the page of its first item; only then is the PDF written with
//! krilla. The font (DejaVu Sans) ships inside the binary, so the report looks the same everywhere and
//! draws accented, Greek and Cyrillic names and notes.

use krilla::Document;
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

mod checklist_page;
mod layout;
mod printed;
mod project_pages;

pub use layout::{Color, Face, Op, Paper, PrintedPages};
pub(crate) use project_pages::render_story_pdf;

use super::{ReportError, Summary, heading, percent_label};
use checklist_page::checklist_pages;
use layout::*;
use printed::printed_link;
/// Writes `summary` as a PDF on `paper`.
pub(crate) fn render_pdf(summary: &Summary, paper: Paper) -> Result<Vec<u8>, ReportError> {
    write_pdf(&lay_out_summary(summary, paper)?)
}

/// `summary` laid out on `paper`, as `render_pdf` prints it.
pub fn lay_out_summary(summary: &Summary, paper: Paper) -> Result<PrintedPages, ReportError> {
    let fonts = Fonts::new()?;
    let mut layout = Layout::new(&fonts, paper);
    overview(&mut layout, summary);
    for checklist in &summary.checklists {
        checklist_pages(&mut layout, checklist);
    }
    let footer = match &summary.name {
        Some(name) => format!("skillgap · {name} · {}", summary.date.format("%Y-%m-%d")),
        None => format!("skillgap · {}", summary.date.format("%Y-%m-%d")),
    };
    Ok(layout.finish(&heading(summary), &footer))
}

fn overview(layout: &mut Layout<'_>, s: &Summary) {
    let (left, width) = (layout.left(), layout.content_width());
    let title = layout.paragraph(left, width, (Face::Bold, 20.0, 26.0, INK), &heading(s));
    for line in title {
        layout.place(line);
    }
    let date = s.date.format("%-d %B %Y").to_string();
    let date_line = Line { height: 18.0, ops: vec![layout.text(left, 18.0, BODY, Face::Regular, MUTED, &date)] };
    layout.place(date_line);
    layout.space(10.0);
    hero(layout, s);
    stages_and_targets(layout, s);
    gaps_and_lists(layout, s);
}

/// A bar per stage and overall, then a bar per target (the comparison).
fn stages_and_targets(layout: &mut Layout<'_>, s: &Summary) {
    let (left, width) = (layout.left(), layout.content_width());
    let mut stages: Vec<Vec<Line>> = s
        .stages
        .iter()
        .map(|stage| {
            let counts = format!("{}/{}", stage.done, stage.applicable);
            vec![bar_row(layout, (Face::Regular, stage.name), stage.percent, &counts)]
        })
        .collect();
    let overall = (s.applicable > 0).then(|| 100.0 * s.done as f64 / s.applicable as f64);
    let counts = format!("{}/{}", s.done, s.applicable);
    let mut overall = vec![bar_row(layout, (Face::Bold, "Overall"), overall, &counts)];
    let note = format!(
        "{} of {} applicable items done; {} in all, skipped ones left out. {}",
        s.done,
        s.applicable,
        s.total,
        s.practice.sentence()
    );
    overall.extend(layout.paragraph(left, width, (Face::Regular, SMALL, SMALL_LINE, MUTED), &note));
    stages.push(overall);
    layout.section("Stages", stages);
    if s.targets.len() > 1 {
        let rows = s.targets.iter().map(|line| target_lines(layout, line)).collect();
        layout.section("Readiness for each target", rows);
    }
    if !s.projects.is_empty() {
        let rows = s
            .projects
            .iter()
            .map(|line| {
                // Drawn as a target is: the name on a line of its own, the level beside it, then a bar.
                let as_target = super::TargetLine {
                    id: "",
                    title: line.name,
                    active: false,
                    readiness: line.readiness,
                    level: line.level,
                    level_name: &line.level_name,
                    done: line.done,
                    applicable: line.applicable,
                    next: None,
                };
                target_lines(layout, &as_target)
            })
            .collect();
        layout.section("Projects", rows);
    }
}

/// The top gaps, the items done since a date, and the portfolio paragraph.
fn gaps_and_lists(layout: &mut Layout<'_>, s: &Summary) {
    let (left, width) = (layout.left(), layout.content_width());

    if s.gaps.is_empty() {
        let none = layout.paragraph(
            left,
            width,
            (Face::Regular, BODY, BODY_LINE, INK),
            "No gaps: every applicable item is done.",
        );
        layout.section("Top gaps", vec![none]);
    } else {
        let gaps = s
            .gaps
            .iter()
            .enumerate()
            .map(|(rank, gap)| {
                let gain = format!("+{:.1}", gap.gain);
                numbered(layout, rank + 1, gap.title, &[(gap.stage.name(), MUTED), (&gain, ACCENT)])
            })
            .collect();
        layout.section("Top gaps (what the next level needs first; points each would add)", gaps);
    }

    if let Some(since) = &s.since {
        let title = format!("Done since {} ({})", since.date.format("%-d %B %Y"), since.items.len());
        let mut blocks: Vec<Vec<Line>> =
            since.items.iter().map(|item| dated(layout, item.title, &item.at.format("%Y-%m-%d").to_string())).collect();
        if blocks.is_empty() {
            blocks.push(layout.paragraph(left, width, (Face::Regular, BODY, BODY_LINE, MUTED), "Nothing yet."));
        }
        layout.section(&title, blocks);
    }

    if !s.portfolio.is_empty() {
        layout.space(12.0);
        let mut title = layout.section_title("What I can do");
        for group in &s.portfolio {
            let label = Line {
                height: BODY_LINE + 2.0,
                ops: vec![layout.text(left, BODY_LINE, BODY, Face::Bold, INK, &format!("{}:", group.label))],
            };
            let items = group
                .items
                .iter()
                .map(|item| evidence_lines(layout, left + 12.0, width - 12.0, item.title, item.evidence))
                .collect();
            let mut header = std::mem::take(&mut title);
            header.push(label);
            layout.place_group(header, items);
            layout.space(4.0);
        }
    }
}

/// The score card: the number, the level, the limiting stage and why.
fn hero(layout: &mut Layout<'_>, s: &Summary) {
    let (left, width) = (layout.left(), layout.content_width());
    let text_x = left + 130.0;
    let text_width = width - 130.0 - 14.0;
    let mut rows: Vec<(String, Face, f32, f32, Color)> = vec![
        (format!("Readiness for {}", s.target.title), Face::Regular, BODY, BODY_LINE, MUTED),
        (format!("Level {}: {}", s.level, s.level_name), Face::Bold, 13.0, 18.0, INK),
    ];
    if let Some(stage) = s.limiting_stage {
        rows.push((format!("Limiting stage: {}", stage.name()), Face::Regular, BODY, BODY_LINE, WARN));
    }
    rows.push((s.explanation.clone(), Face::Regular, BODY, BODY_LINE, INK));
    rows.push((s.next_level.sentence.clone(), Face::Regular, SMALL, SMALL_LINE, MUTED));
    let mut ops = Vec::new();
    let mut y = 14.0;
    for (text, face, size, line_height, color) in rows {
        for line in layout.fonts.wrap(face, size, &text, text_width) {
            ops.push(layout.text(text_x, line_height, size, face, color, &line).moved_down(y));
            y += line_height;
        }
    }
    let height = (y + 14.0).max(96.0);
    let score = format!("{:.0}", s.readiness);
    let score_width = layout.fonts.width(Face::Bold, 40.0, &score);
    let baseline = height / 2.0 + 8.0;
    let text_at = |x: f32, baseline: f32, size: f32, face: Face, color: Color, text: &str| Op::Text {
        x,
        baseline,
        size,
        face,
        color,
        text: text.to_owned(),
    };
    let mut card = vec![rect(left, 0.0, width, height, Some(CARD), None)];
    card.push(text_at(left + 18.0, baseline, 40.0, Face::Bold, ACCENT, &score));
    card.push(text_at(left + 20.0 + score_width, baseline, 12.0, Face::Regular, MUTED, "/100"));
    card.push(text_at(left + 19.0, baseline + 17.0, SMALL, Face::Regular, MUTED, "readiness"));
    card.extend(ops);
    layout.place(Line { height, ops: card });
}

/// A labelled bar: "Observe [#####.....] 42%  5/12".
fn bar_row(layout: &Layout<'_>, label: (Face, &str), percent: Option<f64>, counts: &str) -> Line {
    let (left, right) = (layout.left(), layout.right());
    let height = 20.0;
    let bar_x = left + 90.0;
    let bar_width = right - 100.0 - bar_x;
    let bar_height = 8.0;
    let bar_y = (height - bar_height) / 2.0;
    let filled = (percent.unwrap_or(0.0).clamp(0.0, 100.0) / 100.0) as f32 * bar_width;
    let mut ops = vec![
        layout.text(left, height, BODY, label.0, INK, label.1),
        rect(bar_x, bar_y, bar_width, bar_height, Some(TRACK), None),
    ];
    if filled > 0.0 {
        ops.push(rect(bar_x, bar_y, filled, bar_height, Some(ACCENT), None));
    }
    ops.push(layout.text_right(right - 45.0, height, BODY, Face::Bold, INK, &percent_label(percent)));
    ops.push(layout.text_right(right, height, BODY, Face::Regular, MUTED, counts));
    Line { height, ops }
}

/// A target of the comparison: its title (bold when active) with its level at the right, then a bar of
/// its readiness. The title has a line of its own, so a long one never runs into the bar.
fn target_lines(layout: &Layout<'_>, line: &super::TargetLine) -> Vec<Line> {
    let (left, right) = (layout.left(), layout.right());
    let face = if line.active { Face::Bold } else { Face::Regular };
    let level = format!("Level {}: {}", line.level, line.level_name);
    let level_width = layout.fonts.width(Face::Regular, SMALL, &level) + 12.0;
    let mut lines = layout.paragraph(left, right - left - level_width, (face, BODY, BODY_LINE, INK), line.title);
    if let Some(first) = lines.first_mut() {
        first.ops.push(layout.text_right(right, BODY_LINE, SMALL, Face::Regular, MUTED, &level));
    }
    let (height, bar_height) = (14.0, 8.0);
    let bar_width = right - 60.0 - left;
    let filled = (line.readiness.clamp(0.0, 100.0) / 100.0) as f32 * bar_width;
    let mut ops = vec![rect(left, (height - bar_height) / 2.0, bar_width, bar_height, Some(TRACK), None)];
    if filled > 0.0 {
        ops.push(rect(left, (height - bar_height) / 2.0, filled, bar_height, Some(ACCENT), None));
    }
    let value = format!("{:.0}/100", line.readiness);
    ops.push(layout.text_right(right, height, BODY, Face::Bold, INK, &value));
    lines.push(Line { height: height + 4.0, ops });
    lines
}

/// "1. Title ........ Stage +4.2": the title wraps, the tags sit on its first line at the right.
fn numbered(layout: &Layout<'_>, number: usize, title: &str, tags: &[(&str, Color)]) -> Vec<Line> {
    let (left, right) = (layout.left(), layout.right());
    let tag_width = 110.0;
    let title_x = left + 20.0;
    let mut lines =
        layout.paragraph(title_x, right - tag_width - title_x, (Face::Regular, BODY, BODY_LINE, INK), title);
    if let Some(first) = lines.first_mut() {
        first.ops.push(layout.text_right(title_x - 6.0, BODY_LINE, BODY, Face::Regular, MUTED, &format!("{number}.")));
        let mut x = right;
        for (tag, color) in tags.iter().rev() {
            first.ops.push(layout.text_right(x, BODY_LINE, BODY, Face::Regular, *color, tag));
            x -= layout.fonts.width(Face::Regular, BODY, tag) + 8.0;
        }
    }
    lines
}

/// A title with a date at the right of its first line.
fn dated(layout: &Layout<'_>, title: &str, date: &str) -> Vec<Line> {
    let (left, right) = (layout.left(), layout.right());
    let mut lines = layout.paragraph(left + 12.0, right - 90.0 - left, (Face::Regular, BODY, BODY_LINE, INK), title);
    if let Some(first) = lines.first_mut() {
        first.ops.push(layout.text(left, BODY_LINE, BODY, Face::Regular, MUTED, "•"));
        first.ops.push(layout.text_right(right, BODY_LINE, BODY, Face::Regular, MUTED, date));
    }
    lines
}

/// "Title: https://..." with the link clickable; the URL wraps on its own lines when long.
fn evidence_lines(layout: &Layout<'_>, x: f32, width: f32, title: &str, url: &str) -> Vec<Line> {
    let mut lines = layout.paragraph(x, width, (Face::Regular, BODY, BODY_LINE, INK), title);
    for part in layout.fonts.wrap(Face::Regular, SMALL, &printed_link(url), width - 10.0) {
        lines.push(Line { height: SMALL_LINE, ops: layout.link_text(x + 10.0, SMALL_LINE, SMALL, &part, url) });
    }
    lines
}

fn paint(color: Color) -> krilla::paint::Paint {
    rgb::Color::new(color.0, color.1, color.2).into()
}

/// Writes the laid-out pages as a PDF.
fn write_pdf(printed: &PrintedPages) -> Result<Vec<u8>, ReportError> {
    let font = |data: &'static [u8]| {
        Font::new(data.into(), 0).ok_or_else(|| ReportError::Pdf("the bundled font could not be read".into()))
    };
    let (regular, bold) = (font(REGULAR_TTF)?, font(BOLD_TTF)?);
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new().title(printed.title.clone()).creator("skillgap".to_owned()).language("en".to_owned()),
    );
    let settings = PageSettings::from_wh(printed.size.0, printed.size.1)
        .ok_or_else(|| ReportError::Pdf("the page size is invalid".into()))?;
    for ops in &printed.pages {
        let mut page = document.start_page_with(settings.clone());
        let mut links = Vec::new();
        {
            let mut surface = page.surface();
            for op in ops {
                match op {
                    Op::Text { x, baseline, size, face, color, text } => {
                        let font = if *face == Face::Bold { bold.clone() } else { regular.clone() };
                        surface.set_fill(Some(Fill { paint: paint(*color), ..Fill::default() }));
                        surface.set_stroke(None);
                        surface.draw_text(Point::from_xy(*x, *baseline), font, *size, text, false, TextDirection::Auto);
                    }
                    Op::Path { points, closed, fill, stroke } => {
                        draw_path(&mut surface, points, *closed, *fill, *stroke)
                    }
                    Op::Link { x, y, w, h, url } => links.push((Rect::from_xywh(*x, *y, *w, *h), url.clone())),
                }
            }
            surface.finish();
        }
        for (rect, url) in links {
            if let Some(rect) = rect {
                let target = Target::Action(LinkAction::new(url).into());
                page.add_annotation(Annotation::new_link(LinkAnnotation::new(rect, target), None));
            }
        }
        page.finish();
    }
    document.finish().map_err(|err| ReportError::Pdf(err.to_string()))
}

fn draw_path(
    surface: &mut krilla::surface::Surface<'_>,
    points: &[(f32, f32)],
    closed: bool,
    fill: Option<Color>,
    stroke: Option<(Color, f32)>,
) {
    let mut builder = PathBuilder::new();
    for (i, (x, y)) in points.iter().enumerate() {
        if i == 0 { builder.move_to(*x, *y) } else { builder.line_to(*x, *y) }
    }
    if closed {
        builder.close();
    }
    if let Some(path) = builder.finish() {
        surface.set_fill(fill.map(|c| Fill { paint: paint(c), ..Fill::default() }));
        surface.set_stroke(stroke.map(|(c, width)| Stroke { paint: paint(c), width, ..Stroke::default() }));
        surface.draw_path(&path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let fonts = Fonts::new().unwrap();
        let text = "Deploy a containerised web app behind a reverse proxy with TLS and a health check \
                    https://example.org/a/very/long/path/that/cannot/fit/on/one/line/of/the/report/at/all";
        let lines = fonts.wrap(Face::Regular, BODY, text, 150.0);
        assert!(lines.len() > 3, "{lines:?}");
        for line in &lines {
            assert!(fonts.width(Face::Regular, BODY, line) <= 150.0 + 0.01, "{line}");
        }
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }

    /// Hostile-input review F8: cutting an unbroken word re-shaped every prefix, so a 1 MB pasted base64
    /// note took about 35 minutes. Now the word is shaped once (BENCHMARKS.md has the timings).
    #[test]
    fn a_megabyte_word_is_cut_into_lines_that_fit() {
        let fonts = Fonts::new().unwrap();
        let word: String = "QmFzZTY0IGRhdGEgcGFzdGVkIGludG8gYSBub3Rl".chars().cycle().take(1 << 20).collect();
        let text = format!("before {word} after");
        let lines = fonts.wrap(Face::Regular, BODY, &text, 300.0);
        assert!(lines.len() > 1000, "{}", lines.len());
        for line in lines.iter().step_by(97) {
            assert!(fonts.width(Face::Regular, BODY, line) <= 300.0 + 0.01, "{line}");
        }
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        assert_eq!(lines[0], "before", "a word too long for any line starts a line of its own");
    }

    #[test]
    fn a_heading_moves_to_the_next_page_with_its_first_row() {
        let fonts = Fonts::new().unwrap();
        let mut layout = Layout::new(&fonts, Paper::A4);
        layout.y = layout.bottom() - 20.0;
        let header = layout.paragraph(MARGIN, 200.0, (Face::Bold, 11.0, 18.0, INK), "Section");
        layout.place_together(header, BODY_LINE);
        assert_eq!(layout.pages.len(), 2);
        assert_eq!(layout.y, MARGIN + 18.0);
    }
}
