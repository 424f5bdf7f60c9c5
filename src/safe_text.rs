//! Text from checklist files and progress files, made safe to show (hostile-input review F21): a right-to-
//! left override can make `moc.live` read as `evil.com`, an ANSI escape in a synced note can rewrite the
//! terminal, and a few hundred stacked accents break a PDF's text layer.

use std::borrow::Cow;

use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// Most combining marks kept on one character: Unicode's stream-safe limit. Real scripts need a handful.
const MAX_MARKS_PER_CHARACTER: usize = 30;

/// An invisible formatting character that can reorder or hide text: bidirectional overrides, embeddings
/// and isolates, marks, zero-width spaces, byte-order marks. The joiners (U+200C, U+200D) are not: Persian,
/// Indic scripts and emoji need them.
pub(crate) fn is_hidden_format(c: char) -> bool {
    // No ASCII character is a format character: the quick test first, as every checklist's text is checked.
    !c.is_ascii() && c.general_category() == GeneralCategory::Format && !matches!(c, '\u{200C}' | '\u{200D}')
}

/// Why `text` (named `what`: "the name", "the evidence") cannot be kept as one line of a person's own text:
/// a control character (a line break, an escape) or an invisible formatting character. Project names and
/// evidence follow the rules checklist titles follow (hostile-input review N5, N12, N15).
pub(crate) fn one_line_problem(what: &str, text: &str) -> Option<String> {
    // U+2028 and U+2029 are line breaks too, though not control characters.
    if let Some(c) = text.chars().find(|&c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')) {
        return Some(format!(
            "{what} contains the control character {} (a line break or an escape); write it on one line",
            c.escape_unicode()
        ));
    }
    hidden_character(what, text)
}

/// Characters that show as nothing though they are letters or marks: Hangul and Khmer fillers, the
/// combining grapheme joiner, the blank Braille pattern. A name of them looks empty, or like another.
fn is_blank_filler(c: char) -> bool {
    matches!(c, '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{3164}' | '\u{FFA0}' | '\u{034F}' | '\u{2800}')
}

/// Joiners and variation selectors: they shape what is around them (emoji, Persian) but are not seen.
pub(crate) fn is_unseen_shaping(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// [`one_line_problem`] for a name, which must also show something: blank fillers are refused, and a
/// name of spaces, joiners and variation selectors alone is none.
pub(crate) fn name_problem(what: &str, text: &str) -> Option<String> {
    if let Some(problem) = one_line_problem(what, text) {
        return Some(problem);
    }
    if let Some(c) = text.chars().find(|&c| is_blank_filler(c)) {
        return Some(format!("{what} contains {}, which shows as a blank; remove it", c.escape_unicode()));
    }
    let visible = text.chars().any(|c| !c.is_whitespace() && !is_unseen_shaping(c));
    (!visible).then(|| format!("{what} shows nothing; give it letters, digits or signs"))
}

/// The problem with `text` (named `what`) if it holds an invisible formatting character (F21).
pub(crate) fn hidden_character(what: &str, text: &str) -> Option<String> {
    let c = text.chars().find(|&c| is_hidden_format(c))?;
    Some(format!("{what} contains the invisible character {}, which can disguise text; remove it", c.escape_unicode()))
}

/// `text` with control characters and hidden formatting characters written as visible escapes
/// (`\u{1b}`), for a terminal. Line breaks and tabs are kept when `keep_lines`, and become spaces otherwise.
pub(crate) fn for_terminal(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() && !(keep_lines && matches!(c, '\n' | '\t'))) || is_hidden_format(c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\t' | '\r' if !keep_lines => out.push(' '),
            c if unsafe_char(c) => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` with at most [`MAX_MARKS_PER_CHARACTER`] combining marks on each character; the rest are dropped.
pub(crate) fn cap_combining_marks(text: &str) -> Cow<'_, str> {
    // Whether `c` is kept, counting the marks in a row in `run`.
    let keep = |run: &mut usize, c: char| {
        *run = if !c.is_ascii() && c.general_category_group() == GeneralCategoryGroup::Mark { *run + 1 } else { 0 };
        *run <= MAX_MARKS_PER_CHARACTER
    };
    let mut run = 0;
    if text.chars().all(|c| keep(&mut run, c)) {
        return Cow::Borrowed(text);
    }
    let mut run = 0;
    Cow::Owned(text.chars().filter(|&c| keep(&mut run, c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_shows_escapes_and_overrides_instead_of_obeying_them() {
        assert_eq!(for_terminal("\u{1b}[31mred\u{1b}[0m", true), "\\u{1b}[31mred\\u{1b}[0m");
        assert_eq!(for_terminal("good.example/\u{202e}moc.live", true), "good.example/\\u{202e}moc.live");
        assert_eq!(for_terminal("two\nlines", false), "two lines");
        assert_eq!(for_terminal("two\nlines", true), "two\nlines");
        assert!(matches!(for_terminal("Zoë Ångström, نوشتن\u{200c}ها", true), Cow::Borrowed(_)));
    }

    #[test]
    fn stacked_marks_are_capped_and_ordinary_accents_kept() {
        let zalgo = format!("Z{}", "\u{301}".repeat(298));
        assert_eq!(cap_combining_marks(&zalgo).chars().count(), 1 + MAX_MARKS_PER_CHARACTER);
        assert!(matches!(cap_combining_marks("e\u{301}te\u{301} Tiếng Việt"), Cow::Borrowed(_)));
    }
}
