//! A project's story as a PDF: the level and the portfolio sentence, a bar per stage, then each stage
//! with what is done and its evidence (a link where there is one), what is open and what does not apply.

use super::layout::*;
use super::{bar_row, evidence_lines, write_pdf};
use crate::report::ReportError;
use crate::report::project::{Fact, ProjectStory, StageStory};

/// Writes `story` as a PDF on `paper`.
pub(crate) fn render_story_pdf(story: &ProjectStory, paper: Paper) -> Result<Vec<u8>, ReportError> {
    write_pdf(&lay_out_story(story, paper)?)
}

/// `story` laid out on `paper`, as [`render_story_pdf`] prints it.
fn lay_out_story(story: &ProjectStory, paper: Paper) -> Result<PrintedPages, ReportError> {
    let fonts = Fonts::new()?;
    let mut layout = Layout::new(&fonts, paper);
    let (left, width) = (layout.left(), layout.content_width());
    let title = format!("{} in production", story.name);
    for line in layout.paragraph(left, width, (Face::Bold, 20.0, 26.0, INK), &title) {
        layout.place(line);
    }
    let date = format!("{} · scored against {}", story.date.format("%-d %B %Y"), story.checklist);
    for line in layout.paragraph(left, width, (Face::Regular, BODY, 18.0, MUTED), &date) {
        layout.place(line);
    }
    layout.space(8.0);
    let (name, except) = (story.level_name, &story.except);
    let level = format!("Level {}: {name}{except} · readiness {:.0}/100", story.level, story.readiness);
    let paragraphs = [
        (level.as_str(), Face::Bold, 13.0, 18.0, ACCENT),
        (story.next_level.sentence.as_str(), Face::Regular, BODY, BODY_LINE, MUTED),
        (story.explanation.as_str(), Face::Regular, BODY, BODY_LINE, INK),
    ];
    for (text, face, size, line_height, color) in paragraphs {
        for line in layout.paragraph(left, width, (face, size, line_height, color), text) {
            layout.place(line);
        }
    }
    layout.space(8.0);
    for line in layout.paragraph(left, width, (Face::Bold, 11.0, 16.0, INK), &story.sentence) {
        layout.place(line);
    }
    let bars = story
        .stages
        .iter()
        .map(|stage| {
            let state = if stage.in_hand { "in hand" } else { "not yet" };
            vec![bar_row(&layout, (Face::Regular, stage.name), stage.percent, state)]
        })
        .collect();
    layout.section("Stages", bars);
    for stage in &story.stages {
        stage_section(&mut layout, stage);
    }
    let footer = format!("skillgap · {} · {}", story.name, story.date.format("%Y-%m-%d"));
    Ok(layout.finish(&title, &footer))
}

fn stage_section(layout: &mut Layout<'_>, stage: &StageStory) {
    let (left, width) = (layout.left() + 12.0, layout.content_width() - 12.0);
    let mut blocks: Vec<Vec<Line>> = stage.done.iter().map(|fact| done_lines(layout, fact)).collect();
    for fact in &stage.open {
        let text = format!("○  {}{}", fact.title, if fact.status == "doing" { " (doing)" } else { "" });
        blocks.push(layout.paragraph(left, width, (Face::Regular, BODY, BODY_LINE, MUTED), &text));
    }
    for fact in &stage.not_applicable {
        let text = format!("–  {} (not applicable: {})", fact.title, fact.note);
        blocks.push(layout.paragraph(left, width, (Face::Regular, BODY, BODY_LINE, MUTED), &text));
    }
    let state = if stage.in_hand { "in hand" } else { "not yet" };
    let percent = crate::report::percent_label(stage.percent);
    layout.section(&format!("{}: {percent}, {state}", stage.name), blocks);
}

/// "✓ Title" and its evidence under it: a clickable link, or the path in the project's folder.
fn done_lines(layout: &Layout<'_>, fact: &Fact) -> Vec<Line> {
    let (left, width) = (layout.left() + 12.0, layout.content_width() - 12.0);
    let title = format!("✓  {}", fact.title);
    if let Some(link) = &fact.link {
        return evidence_lines(layout, left, width, &title, link);
    }
    let mut lines = layout.paragraph(left, width, (Face::Regular, BODY, BODY_LINE, INK), &title);
    if !fact.evidence.is_empty() {
        let evidence = format!("evidence: {}", fact.evidence);
        lines.extend(layout.paragraph(left + 10.0, width - 10.0, (Face::Regular, SMALL, SMALL_LINE, MUTED), &evidence));
    }
    lines
}
