//! The PDF's page layout, before anything is written: the fonts and their metrics, text wrapping, and
//! [`Layout`], which places lines on pages so a heading never ends a page and the footer can count them.

use crate::catalog::validate::is_http_url;
use crate::report::ReportError;

pub(super) const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
pub(super) const BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// The page size of a PDF report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Paper {
    /// 210 x 297 mm.
    #[default]
    A4,
    /// 8.5 x 11 in.
    Letter,
}

impl Paper {
    /// Width and height in PDF points (1/72 in).
    pub(crate) fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// An sRGB colour of the printed page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color(pub u8, pub u8, pub u8);

pub(super) const INK: Color = Color(0x1d, 0x23, 0x2b);
pub(super) const MUTED: Color = Color(0x5b, 0x65, 0x72);
pub(super) const ACCENT: Color = Color(0x2f, 0x7d, 0x4f);
pub(super) const WARN: Color = Color(0xb3, 0x5c, 0x00);
pub(super) const TRACK: Color = Color(0xdf, 0xe4, 0xea);
pub(super) const CARD: Color = Color(0xf2, 0xf4, 0xf7);
pub(super) const RULE: Color = Color(0xc8, 0xce, 0xd6);
pub(super) const LINK: Color = Color(0x1f, 0x5f, 0xb0);
pub(super) const WHITE: Color = Color(0xff, 0xff, 0xff);

/// The two faces of the bundled font (DejaVu Sans).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

impl Face {
    /// The font file of this face, for whoever draws the pages (the PDF writer, the window's preview).
    pub(crate) fn font_data(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR_TTF,
            Face::Bold => BOLD_TTF,
        }
    }
}

/// A report laid out on paper: every page's drawing operations, the footer included, in points from
/// the page's top-left corner. The PDF is written from it and the window's preview paints it.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedPages {
    /// The document's title (the PDF's metadata).
    pub title: String,
    /// Page width and height in points.
    pub size: (f32, f32),
    pub pages: Vec<Vec<Op>>,
}

/// One drawing operation, in points from the top-left corner of its line (after placing: of the page).
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Text { x: f32, baseline: f32, size: f32, face: Face, color: Color, text: String },
    Path { points: Vec<(f32, f32)>, closed: bool, fill: Option<Color>, stroke: Option<(Color, f32)> },
    Link { x: f32, y: f32, w: f32, h: f32, url: String },
}

impl Op {
    pub(crate) fn moved_down(mut self, dy: f32) -> Op {
        match &mut self {
            Op::Text { baseline, .. } => *baseline += dy,
            Op::Path { points, .. } => points.iter_mut().for_each(|(_, y)| *y += dy),
            Op::Link { y, .. } => *y += dy,
        }
        self
    }
}

pub(super) fn rect(x: f32, y: f32, w: f32, h: f32, fill: Option<Color>, stroke: Option<(Color, f32)>) -> Op {
    Op::Path { points: vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)], closed: true, fill, stroke }
}

/// A row of the report: it moves to the next page as a whole.
#[derive(Debug, Default)]
pub(super) struct Line {
    pub(super) height: f32,
    pub(super) ops: Vec<Op>,
}

/// Text widths, from the same shaping (rustybuzz) that krilla uses to draw, so wrapped lines fit.
pub(super) struct Fonts {
    pub(super) regular: rustybuzz::Face<'static>,
    pub(super) bold: rustybuzz::Face<'static>,
}

impl Fonts {
    pub(super) fn new() -> Result<Fonts, ReportError> {
        let face =
            |data| rustybuzz::Face::from_slice(data, 0).ok_or(ReportError::Pdf("the bundled font is damaged".into()));
        Ok(Fonts { regular: face(REGULAR_TTF)?, bold: face(BOLD_TTF)? })
    }

    fn font(&self, face: Face) -> &rustybuzz::Face<'static> {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    pub(super) fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let font = self.font(face);
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        let shaped = rustybuzz::shape(font, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 * size / f32::from(font.units_per_em() as u16)
    }

    /// Splits `text` into lines no wider than `width`: at spaces, and inside a word (a long URL) only
    /// when the word alone is wider than the line.
    pub(super) fn wrap(&self, face: Face, size: f32, text: &str, width: f32) -> Vec<String> {
        let space = self.width(face, size, " ");
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            let mut line_width = 0.0;
            for word in paragraph.split_whitespace() {
                let mut word_width = self.width(face, size, word);
                let gap = if line.is_empty() { 0.0 } else { space };
                if line_width + gap + word_width <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_width += gap + word_width;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let mut pieces = self.split_word(face, size, word, width);
                let rest = pieces.pop().unwrap_or_default();
                lines.extend(pieces.into_iter().map(str::to_owned));
                word_width = self.width(face, size, rest);
                line.push_str(rest);
                line_width = word_width;
            }
            if !line.is_empty() {
                lines.push(line);
            }
        }
        lines
    }

    /// The byte length of the longest prefix of `word` that fits in `width` (at least one character).
    /// Cuts `word` into pieces no wider than `width` (at least one character each), from a single
    /// shaping of the whole word, so a pasted megabyte of base64 takes linear time (F8: cutting by
    /// re-shaping every prefix took 35 minutes).
    pub(super) fn split_word<'w>(&self, face: Face, size: f32, word: &'w str, width: f32) -> Vec<&'w str> {
        let font = self.font(face);
        let scale = size / f32::from(font.units_per_em() as u16);
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(word);
        let shaped = rustybuzz::shape(font, &[], buffer);
        // Each glyph's advance, by the byte where its character starts; right-to-left runs come out
        // reversed, so they are put back in text order.
        let mut advances: Vec<(usize, f32)> = shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, position)| (info.cluster as usize, position.x_advance as f32 * scale))
            .collect();
        advances.sort_by_key(|&(cluster, _)| cluster);
        let mut pieces = Vec::new();
        let (mut start, mut line_width) = (0, 0.0);
        for (cluster, advance) in advances {
            if line_width + advance > width && cluster > start && word.is_char_boundary(cluster) {
                pieces.push(&word[start..cluster]);
                (start, line_width) = (cluster, 0.0);
            }
            line_width += advance;
        }
        pieces.push(&word[start..]);
        pieces
    }
}

pub(super) const MARGIN: f32 = 50.0;
pub(super) const FOOTER: f32 = 36.0;
pub(super) const BODY: f32 = 10.0;
pub(super) const BODY_LINE: f32 = 14.0;
pub(super) const SMALL: f32 = 8.5;
pub(super) const SMALL_LINE: f32 = 11.5;

/// Places lines on pages, top to bottom.
pub(super) struct Layout<'a> {
    pub(super) fonts: &'a Fonts,
    pub(super) page_width: f32,
    pub(super) page_height: f32,
    pub(super) pages: Vec<Vec<Op>>,
    /// Where the next line starts on the last page.
    pub(super) y: f32,
}

impl<'a> Layout<'a> {
    pub(super) fn new(fonts: &'a Fonts, paper: Paper) -> Layout<'a> {
        let (page_width, page_height) = paper.size();
        Layout { fonts, page_width, page_height, pages: vec![Vec::new()], y: MARGIN }
    }

    pub(super) fn left(&self) -> f32 {
        MARGIN
    }

    pub(super) fn right(&self) -> f32 {
        self.page_width - MARGIN
    }

    pub(super) fn content_width(&self) -> f32 {
        self.right() - self.left()
    }

    pub(super) fn bottom(&self) -> f32 {
        self.page_height - MARGIN - FOOTER / 2.0
    }

    pub(super) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` more points fit on this one (or the page is still empty,
    /// where waiting would not help).
    pub(super) fn keep(&mut self, height: f32) {
        let page_is_empty = self.y <= MARGIN;
        if !page_is_empty && self.y + height > self.bottom() {
            self.new_page();
        }
    }

    pub(super) fn place(&mut self, line: Line) {
        self.keep(line.height);
        let dy = self.y;
        let page = self.pages.last_mut();
        if let Some(page) = page {
            page.extend(line.ops.into_iter().map(|op| op.moved_down(dy)));
        }
        self.y += line.height;
    }

    /// Places `lines` together on one page when they fit on a page at all, plus `then` more points
    /// (the first row of what follows, so a heading never ends a page).
    pub(super) fn place_together(&mut self, lines: Vec<Line>, then: f32) {
        let height: f32 = lines.iter().map(|l| l.height).sum::<f32>() + then;
        if height <= self.bottom() - MARGIN {
            self.keep(height);
        }
        for line in lines {
            self.place(line);
        }
    }

    /// The placed pages, each with `footer_left` and "Page N of M" at its foot.
    pub(super) fn finish(self, title: &str, footer_left: &str) -> PrintedPages {
        let page_count = self.pages.len();
        let footer_y = self.page_height - MARGIN + 4.0;
        let pages = self
            .pages
            .iter()
            .enumerate()
            .map(|(index, ops)| {
                let page_label = format!("Page {} of {page_count}", index + 1);
                let mut page = ops.clone();
                page.extend([
                    rect(self.left(), footer_y - 14.0, self.content_width(), 0.6, Some(RULE), None),
                    self.text(self.left(), 0.0, SMALL, Face::Regular, MUTED, footer_left).moved_down(footer_y),
                    self.text_right(self.right(), 0.0, SMALL, Face::Regular, MUTED, &page_label).moved_down(footer_y),
                ]);
                page
            })
            .collect();
        PrintedPages { title: title.to_owned(), size: (self.page_width, self.page_height), pages }
    }

    /// Places a heading and the blocks under it; the heading stays on the page of the first block.
    pub(super) fn place_group(&mut self, heading: Vec<Line>, blocks: Vec<Vec<Line>>) {
        let first = blocks.first().map_or(0.0, |lines| lines.iter().map(|l| l.height).sum());
        self.place_together(heading, first);
        for lines in blocks {
            self.place_together(lines, 0.0);
        }
    }

    pub(super) fn space(&mut self, height: f32) {
        if self.y > MARGIN {
            self.y = (self.y + height).min(self.bottom());
        }
    }

    pub(super) fn text(&self, x: f32, line_height: f32, size: f32, face: Face, color: Color, text: &str) -> Op {
        // Centre the x-height band of DejaVu Sans in the line.
        let baseline = (line_height + size * 0.72) / 2.0;
        // Hundreds of stacked accents on one letter make the PDF's text layer invalid (F21).
        // Direction overrides and escapes are shown as `\u{202e}`, never applied (N15).
        let text = crate::safe_text::cap_combining_marks(text);
        let text = crate::safe_text::for_terminal(&text, false).into_owned();
        Op::Text { x, baseline, size, face, color, text }
    }

    pub(super) fn text_right(
        &self,
        right: f32,
        line_height: f32,
        size: f32,
        face: Face,
        color: Color,
        text: &str,
    ) -> Op {
        let width = self.fonts.width(face, size, text);
        self.text(right - width, line_height, size, face, color, text)
    }

    /// Wrapped text as lines, each `line_height` tall, starting at `x`.
    pub(super) fn paragraph(&self, x: f32, width: f32, style: (Face, f32, f32, Color), text: &str) -> Vec<Line> {
        let (face, size, line_height, color) = style;
        self.fonts
            .wrap(face, size, text, width)
            .into_iter()
            .map(|t| Line { height: line_height, ops: vec![self.text(x, line_height, size, face, color, &t)] })
            .collect()
    }

    /// A heading of the overview and the blocks under it.
    pub(super) fn section(&mut self, title: &str, blocks: Vec<Vec<Line>>) {
        self.space(12.0);
        let lines = self.section_title(title);
        self.place_group(lines, blocks);
    }

    pub(super) fn section_title(&self, title: &str) -> Vec<Line> {
        self.paragraph(self.left(), self.content_width(), (Face::Bold, 13.0, 19.5, INK), title)
    }

    pub(super) fn link_text(&self, x: f32, line_height: f32, size: f32, text: &str, url: &str) -> Vec<Op> {
        let mut ops = vec![self.text(x, line_height, size, Face::Regular, LINK, text)];
        if is_http_url(url) {
            let w = self.fonts.width(Face::Regular, size, text);
            ops.push(Op::Link { x, y: 0.0, w, h: line_height, url: url.to_owned() });
        }
        ops
    }
}
