//! What of a person's own text goes on paper. A page is for reading, so a pasted log or key is cut, and
//! the page says so.

use std::borrow::Cow;

/// A printed page is for reading: a note longer than this (a pasted log, a key) is cut on paper, and says so.
/// The text, Markdown and HTML reports keep every note whole.
const PRINTED_NOTE_CHARS: usize = 2_000;
/// A link's printed text is cut here; the link itself still opens the whole address. Each printed line of
/// a link carries the address, so without the cut a long address grew the PDF with its square.
const PRINTED_LINK_CHARS: usize = 200;

pub(super) fn printed_note(note: &str) -> Cow<'_, str> {
    match note.char_indices().nth(PRINTED_NOTE_CHARS) {
        None => Cow::Borrowed(note),
        Some((cut, _)) => {
            let rest = thousands(note[cut..].chars().count());
            let said = "not printed; the text and HTML reports have the whole note";
            Cow::Owned(format!("{}\n… and {rest} more characters, {said}.", &note[..cut]))
        }
    }
}

pub(super) fn printed_link(link: &str) -> Cow<'_, str> {
    match link.char_indices().nth(PRINTED_LINK_CHARS) {
        None => Cow::Borrowed(link),
        Some((cut, _)) => Cow::Owned(format!("{}…", &link[..cut])),
    }
}

/// 998000 as "998,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(998_000), "998,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn short_text_is_printed_whole_and_a_cut_keeps_whole_characters() {
        assert!(matches!(printed_note("a short note"), Cow::Borrowed("a short note")));
        let link = format!("https://example.org/{}", "é".repeat(400));
        let shown = printed_link(&link);
        assert_eq!(shown.chars().count(), PRINTED_LINK_CHARS + 1);
        assert!(shown.ends_with('…'));
    }
}
