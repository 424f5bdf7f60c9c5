//! Rules a checklist must meet before it joins the catalog. Each broken rule is a [`Problem`] with the
//! position of the offending text where it can be found.

use std::collections::BTreeSet;

use super::format::ChecklistFile;
use crate::text_pos::TextPos;

/// Titles and ids longer than this are refused: they are mistakes or attacks, never content.
pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_TEXT_CHARS: usize = 20_000;

/// One broken rule in one checklist file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub pos: Option<TextPos>,
    pub message: String,
}

/// Is `id` a lowercase slug: `a-z`, `0-9` and single inner dashes, at most 64 characters?
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Is `link` an absolute http(s) URL with a host and no whitespace or control characters?
pub fn is_http_url(link: &str) -> bool {
    let rest = link.strip_prefix("https://").or_else(|| link.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            !host.is_empty()
                && !link.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
        }
        None => false,
    }
}

/// Checks every rule and returns all problems found (empty when the checklist is valid).
/// `source` is the file's text, used to point at the offending line.
pub fn validate(file: &ChecklistFile, source: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let locate = |needle: &str, nth: usize| TextPos::find(source, &format!("\"{needle}\""), nth);
    let mut seen_strings = std::collections::HashMap::<String, usize>::new();
    // Where the n-th use of a quoted string is: duplicates point at the second use.
    let mut next_pos = |needle: &str| {
        let nth = seen_strings.entry(needle.to_owned()).or_insert(0);
        let pos = locate(needle, *nth);
        *nth += 1;
        pos
    };

    let check_id = |problems: &mut Vec<Problem>, what: &str, id: &str, pos: Option<TextPos>| {
        if !is_slug(id) {
            problems.push(Problem {
                pos,
                message: format!(
                    "{what} id {id:?} is not a lowercase slug (use a-z, 0-9 and dashes, e.g. \"linux-shell\")"
                ),
            });
        }
    };
    let check_title = |problems: &mut Vec<Problem>, what: &str, title: &str, pos: Option<TextPos>| {
        if title.trim().is_empty() {
            problems.push(Problem { pos, message: format!("{what} has an empty title") });
        } else if title.chars().count() > MAX_TITLE_CHARS {
            problems
                .push(Problem { pos, message: format!("{what} title is longer than {MAX_TITLE_CHARS} characters") });
        } else if title.chars().any(char::is_control) {
            problems.push(Problem { pos, message: format!("{what} title contains control characters") });
        }
    };

    let pos = next_pos(&file.id);
    check_id(&mut problems, "checklist", &file.id, pos);
    check_title(&mut problems, "checklist", &file.title, pos);
    check_text(&mut problems, "checklist description", &file.description, pos);

    let mut section_ids = BTreeSet::new();
    let mut item_ids = BTreeSet::new();
    for section in &file.sections {
        let pos = next_pos(&section.id);
        check_id(&mut problems, "section", &section.id, pos);
        check_title(&mut problems, &format!("section {:?}", section.id), &section.title, pos);
        if !section_ids.insert(section.id.as_str()) {
            problems.push(Problem {
                pos,
                message: format!("duplicate section id {:?}: each section needs its own id", section.id),
            });
        }
        for item in &section.items {
            let pos = next_pos(&item.id);
            check_id(&mut problems, "item", &item.id, pos);
            let what = format!("item {:?}", item.id);
            check_title(&mut problems, &what, &item.title, pos);
            check_text(&mut problems, &format!("{what} description"), &item.description, pos);
            check_text(&mut problems, &format!("{what} proof"), &item.proof, pos);
            if !item_ids.insert(item.id.as_str()) {
                problems.push(Problem {
                    pos,
                    message: format!(
                        "duplicate item id {:?} in checklist {:?}: item ids are the keys of progress and must be unique",
                        item.id, file.id
                    ),
                });
            }
            for link in &item.resources {
                if !is_http_url(link) {
                    problems.push(Problem {
                        pos: locate(link, 0).or(pos),
                        message: format!("{what} has a resource that is not an http(s) URL: {link:?}"),
                    });
                }
            }
            for alias in &item.aliases {
                let alias_ok = match alias.split_once('/') {
                    Some((list, id)) => is_slug(list) && is_slug(id),
                    None => is_slug(alias),
                };
                if !alias_ok {
                    problems.push(Problem {
                        pos: locate(alias, 0).or(pos),
                        message: format!("{what} has an alias that is neither an item id nor a full id: {alias:?}"),
                    });
                }
            }
        }
    }
    problems
}

fn check_text(problems: &mut Vec<Problem>, what: &str, text: &str, pos: Option<TextPos>) {
    if text.chars().count() > MAX_TEXT_CHARS {
        problems.push(Problem { pos, message: format!("{what} is longer than {MAX_TEXT_CHARS} characters") });
    } else if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        problems.push(Problem { pos, message: format!("{what} contains control characters") });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for good in ["a", "linux-shell", "k8s", "x-1-y"] {
            assert!(is_slug(good), "{good}");
        }
        for bad in ["", "A", "a_b", "-a", "a-", "a--b", "../x", "a/b", "é", &"a".repeat(65)] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert!(is_http_url("https://docs.docker.com/"));
        assert!(is_http_url("http://example.org/a?b#c"));
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "https://", "https:// x", "ftp://a", "https://a\"b"] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }
}
