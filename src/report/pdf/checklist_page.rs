//! The pages of one checklist: a header with its count, then each section with a box per item, its
//! date or state, and its note and evidence when the summary has them.

use super::layout::*;
use super::printed::{printed_link, printed_note};
use super::rect;
use crate::progress::Status;
use crate::report::{ChecklistLine, ItemLine};

pub(super) fn checklist_pages(layout: &mut Layout<'_>, checklist: &ChecklistLine) {
    layout.new_page();
    let (left, right, width) = (layout.left(), layout.right(), layout.content_width());
    let count = format!("{}/{} done", checklist.done, checklist.total);
    let count_width = layout.fonts.width(Face::Regular, BODY, &count);
    let mut title = layout.paragraph(left, width - count_width - 12.0, (Face::Bold, 16.0, 22.0, INK), checklist.title);
    if let Some(first) = title.first_mut() {
        first.ops.push(layout.text_right(right, 22.0, BODY, Face::Regular, MUTED, &count));
    }
    if let Some(last) = title.last_mut() {
        last.height += 6.0;
        last.ops.push(rect(left, last.height - 3.0, width, 0.8, Some(RULE), None));
    }
    for line in title {
        layout.place(line);
    }
    for section in &checklist.sections {
        layout.space(8.0);
        let count = format!("{}/{}", section.done, section.total);
        let count_width = layout.fonts.width(Face::Regular, SMALL, &count);
        let mut header =
            layout.paragraph(left, width - count_width - 12.0, (Face::Bold, 11.5, 18.0, INK), section.title);
        if let Some(first) = header.first_mut() {
            first.ops.push(layout.text_right(right, 18.0, SMALL, Face::Regular, MUTED, &count));
        }
        let items: Vec<Vec<Line>> = section.items.iter().map(|item| item_lines(layout, item)).collect();
        layout.place_group(header, items);
    }
}

const DATE_COLUMN: f32 = 92.0;

/// An item: its box, its title (wrapped), its date or state at the right, and its note and evidence.
fn item_lines(layout: &Layout<'_>, item: &ItemLine) -> Vec<Line> {
    let (left, right) = (layout.left(), layout.right());
    let title_x = left + 18.0;
    let title_width = right - DATE_COLUMN - title_x;
    let title_color = if item.status == Status::Skipped { MUTED } else { INK };
    let mut lines = layout.paragraph(title_x, title_width, (Face::Regular, BODY, BODY_LINE, title_color), item.title);
    if lines.is_empty() {
        lines.push(Line { height: BODY_LINE, ops: Vec::new() });
    }
    let (state, state_color) = match item.status {
        Status::Done => (item.done_at.map(|at| format!("done {}", at.format("%Y-%m-%d"))).unwrap_or_default(), MUTED),
        Status::Learning => ("learning".to_owned(), WARN),
        Status::Skipped => ("skipped".to_owned(), MUTED),
        Status::Todo if !item.in_target => ("not in target".to_owned(), MUTED),
        Status::Todo => (String::new(), MUTED),
    };
    if let Some(first) = lines.first_mut() {
        first.ops.extend(status_box(left + 2.0, (BODY_LINE - 9.0) / 2.0, item.status));
        if !state.is_empty() {
            first.ops.push(layout.text_right(right, BODY_LINE, SMALL, Face::Regular, state_color, &state));
        }
    }
    let note_x = title_x + 6.0;
    let note_width = right - note_x;
    if !item.note.is_empty() {
        let note = printed_note(item.note);
        lines.extend(layout.paragraph(note_x, note_width, (Face::Regular, SMALL, SMALL_LINE, MUTED), &note));
    }
    if !item.evidence.is_empty() {
        let label = "Evidence: ";
        let label_width = layout.fonts.width(Face::Regular, SMALL, label);
        let shown = printed_link(item.evidence);
        for (index, part) in
            layout.fonts.wrap(Face::Regular, SMALL, &shown, note_width - label_width).into_iter().enumerate()
        {
            let mut ops = layout.link_text(note_x + label_width, SMALL_LINE, SMALL, &part, item.evidence);
            if index == 0 {
                ops.push(layout.text(note_x, SMALL_LINE, SMALL, Face::Regular, MUTED, label));
            }
            lines.push(Line { height: SMALL_LINE, ops });
        }
    }
    if let Some(last) = lines.last_mut() {
        last.height += 2.0;
    }
    lines
}

/// The 9-point box of an item: ticked (filled, with a check), learning (half filled), skipped (a dash) or empty.
fn status_box(x: f32, y: f32, status: Status) -> Vec<Op> {
    let size = 9.0;
    match status {
        Status::Done => vec![
            rect(x, y, size, size, Some(ACCENT), Some((ACCENT, 0.8))),
            Op::Path {
                points: vec![(x + 2.0, y + 4.8), (x + 3.8, y + 6.8), (x + 7.2, y + 2.4)],
                closed: false,
                fill: None,
                stroke: Some((WHITE, 1.3)),
            },
        ],
        Status::Learning => {
            vec![rect(x, y, size / 2.0, size, Some(WARN), None), rect(x, y, size, size, None, Some((WARN, 0.8)))]
        }
        Status::Skipped => vec![
            rect(x, y, size, size, None, Some((RULE, 0.8))),
            rect(x + 2.0, y + size / 2.0 - 0.5, size - 4.0, 1.0, Some(MUTED), None),
        ],
        Status::Todo => vec![rect(x, y, size, size, None, Some((MUTED, 0.8)))],
    }
}
