//! Writes the progress file: the same text as `ron`'s pretty printer (two-space indent, depth 3),
//! proven identical by the tests below, but several times faster. Saving after every tick re-writes
//! the whole file, and at 10,000 items `ron`'s serializer (which escapes each character through
//! `char::escape_debug` and re-validates every field name) was half the cost of a save.

use std::fmt::Write;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::progress::{ItemProgress, Progress};

pub fn write_progress(progress: &Progress) -> String {
    let mut out = String::with_capacity(64 + progress.items.len() * 110 + progress.history.len() * 120);
    // Writing to a String cannot fail.
    let _ = write!(out, "(\n  version: {},\n  items: {{", progress.version);
    if !progress.items.is_empty() {
        out.push('\n');
        for (id, item) in &progress.items {
            out.push_str("    ");
            push_str_literal(&mut out, id);
            out.push_str(": ");
            push_item(&mut out, item);
        }
        out.push_str("  ");
    }
    out.push_str("},\n  history: [");
    if !progress.history.is_empty() {
        out.push('\n');
        for event in &progress.history {
            out.push_str("    (\n      item: ");
            push_str_literal(&mut out, &event.item);
            let _ = write!(out, ",\n      from: {},\n      to: {},\n      at: ", event.from.id(), event.to.id());
            push_time(&mut out, &event.at);
            out.push_str(",\n    ),\n");
        }
        out.push_str("  ");
    }
    out.push_str("],\n)");
    out
}

fn push_item(out: &mut String, item: &ItemProgress) {
    let _ = write!(out, "(\n      status: {},\n      changed: ", item.status.id());
    push_time(out, &item.changed);
    out.push_str(",\n");
    for (name, value) in [("note", &item.note), ("evidence", &item.evidence)] {
        if !value.is_empty() {
            let _ = write!(out, "      {name}: ");
            push_str_literal(out, value);
            out.push_str(",\n");
        }
    }
    out.push_str("    ),\n");
}

fn push_time(out: &mut String, time: &DateTime<Utc>) {
    out.push('"');
    out.push_str(&time.to_rfc3339_opts(SecondsFormat::AutoSi, true));
    out.push('"');
}

/// A RON string literal, escaped exactly as `ron` does (character by character, `escape_debug`).
fn push_str_literal(out: &mut String, text: &str) {
    out.push('"');
    let plain = text.bytes().all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\' && b != b'\'');
    if plain {
        out.push_str(text);
    } else {
        out.extend(text.chars().flat_map(char::escape_debug));
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;
    use crate::progress::{HistoryEvent, Status};

    fn ron_pretty(progress: &Progress) -> String {
        let config = ron::ser::PrettyConfig::new().depth_limit(3).indentor("  ".to_owned());
        ron::ser::to_string_pretty(progress, config).unwrap()
    }

    fn status() -> impl Strategy<Value = Status> {
        prop_oneof![Just(Status::Todo), Just(Status::Learning), Just(Status::Done), Just(Status::Skipped)]
    }

    fn time() -> impl Strategy<Value = DateTime<Utc>> {
        (0i64..4_000_000_000, prop_oneof![Just(0u32), 0u32..1_000_000_000])
            .prop_map(|(s, ns)| DateTime::from_timestamp(s, ns).unwrap())
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![Just(String::new()), "[a-z/-]{1,12}", any::<String>(), "\\PC{0,8}[\"'\\\\\n\t\u{301}]\\PC{0,8}"]
    }

    fn progress() -> impl Strategy<Value = Progress> {
        let item = (status(), time(), text(), text()).prop_map(|(status, changed, note, evidence)| ItemProgress {
            status,
            changed,
            note,
            evidence,
        });
        let event =
            (text(), status(), status(), time()).prop_map(|(item, from, to, at)| HistoryEvent { item, from, to, at });
        (prop::collection::btree_map(text(), item, 0..6), prop::collection::vec(event, 0..6))
            .prop_map(|(items, history): (BTreeMap<_, _>, _)| Progress { version: 1, items, history })
    }

    proptest! {
        #[test]
        fn writes_exactly_what_ron_writes(progress in progress()) {
            prop_assert_eq!(write_progress(&progress), ron_pretty(&progress));
        }
    }

    #[test]
    fn writes_exactly_what_ron_writes_for_empty_and_synthetic_progress() {
        assert_eq!(write_progress(&Progress::default()), ron_pretty(&Progress::default()));
        let synthetic = crate::synthetic::generate(500).progress;
        assert_eq!(write_progress(&synthetic), ron_pretty(&synthetic));
    }
}
