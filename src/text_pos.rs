//! Positions in text files, for error messages of the form `file:line:col`.

use std::fmt;

/// A 1-based line and column in a text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextPos {
    pub line: usize,
    pub col: usize,
}

impl TextPos {
    /// The position of byte `offset` in `text` (clamped to the end, and to a char boundary).
    pub(crate) fn at_byte(text: &str, offset: usize) -> TextPos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        TextPos { line, col }
    }

    /// The position of the `nth` (0-based) occurrence of `needle`, if there is one.
    pub(crate) fn find(text: &str, needle: &str, nth: usize) -> Option<TextPos> {
        text.match_indices(needle).nth(nth).map(|(offset, _)| TextPos::at_byte(text, offset))
    }

    /// Where ron found a problem.
    pub(crate) fn of_ron_error(error: &ron::error::SpannedError) -> TextPos {
        TextPos { line: error.span.start.line, col: error.span.start.col }
    }

    /// The position of the first byte that is not valid UTF-8.
    pub(crate) fn of_invalid_utf8(bytes: &[u8], valid_up_to: usize) -> TextPos {
        let valid = &bytes[..valid_up_to.min(bytes.len())];
        // The prefix is valid by definition of `valid_up_to`.
        let text = std::str::from_utf8(valid).unwrap_or_default();
        TextPos::at_byte(text, text.len())
    }
}

impl fmt::Display for TextPos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// What a ron error says, in a person's terms where ron's own words are advice for developers.
pub(crate) fn describe(error: &ron::Error) -> String {
    match error {
        ron::Error::ExceededRecursionLimit => {
            "it is nested far too deeply to be a skillgap file (brackets inside brackets, hundreds deep)".to_owned()
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let text = "ab\ncdé\nx";
        assert_eq!(TextPos::at_byte(text, 0), TextPos { line: 1, col: 1 });
        assert_eq!(TextPos::at_byte(text, 3), TextPos { line: 2, col: 1 });
        assert_eq!(TextPos::at_byte(text, 8), TextPos { line: 3, col: 1 });
        assert_eq!(TextPos::find(text, "x", 0), Some(TextPos { line: 3, col: 1 }));
        assert_eq!(TextPos::find(text, "x", 1), None);
    }

    #[test]
    fn invalid_utf8_position_points_at_the_bad_byte() {
        let bytes: Vec<u8> = b"ok\nab\xff".to_vec();
        let err = String::from_utf8(bytes.clone()).unwrap_err();
        assert_eq!(TextPos::of_invalid_utf8(&bytes, err.utf8_error().valid_up_to()), TextPos { line: 2, col: 3 });
    }
}
