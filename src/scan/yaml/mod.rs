//! YAML as the scan's readers use it: a small tree of maps, lists and text, each node with its line, made
//! from saphyr's marked nodes. Keys and scalars are text (YAML 1.2: `on:` is the key "on", `no` is the
//! text "no"), so a reader compares what the file says, not what a loader guessed. A file saphyr refuses
//! (a template with `{{ }}` or `<% %>` lines, or a flow list Docker's looser parser accepts) is read by
//! its indentation instead ([`tolerant`]): what the scan needs is its keys and their lines.

mod tolerant;

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

/// One node and the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Node {
    pub line: usize,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Map(Vec<(String, Node)>),
    List(Vec<Node>),
    Text(String),
    /// Null, an alias or a value the loader could not read.
    Nothing,
}

impl Node {
    /// The value under `key`, when this is a map that has it.
    pub(super) fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, node)| node),
            _ => None,
        }
    }

    /// The value under each key in turn: `node.path(&["deploy", "restart_policy"])`.
    pub(super) fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    pub(super) fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The map's entries, or none.
    pub(super) fn entries(&self) -> &[(String, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The list's items, or none.
    pub(super) fn items(&self) -> &[Node] {
        match &self.value {
            Value::List(items) => items,
            _ => &[],
        }
    }

    /// The texts of a scalar or of a list of scalars (`branches: main` and `branches: [main]`), and the
    /// keys of a map (`on: {push: …}`).
    pub(super) fn words(&self) -> Vec<&str> {
        match &self.value {
            Value::Text(text) => vec![text.as_str()],
            Value::List(items) => items.iter().filter_map(Node::text).collect(),
            Value::Map(entries) => entries.iter().map(|(key, _)| key.as_str()).collect(),
            Value::Nothing => Vec::new(),
        }
    }

    /// Every text in this node and below, with its line: the commands of a `script:` list, a `command:`
    /// string or list, the values of `environment:`.
    pub(super) fn all_text(&self) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text<'a>(&'a self, out: &mut Vec<(usize, &'a str)>) {
        match &self.value {
            Value::Text(text) => out.push((self.line, text)),
            Value::List(items) => items.iter().for_each(|item| item.collect_text(out)),
            Value::Map(entries) => entries.iter().for_each(|(_, node)| node.collect_text(out)),
            Value::Nothing => {}
        }
    }
}

/// The documents of `text` (a Kubernetes file holds several), or none when it is not YAML.
pub(super) fn parse(text: &str) -> Vec<Node> {
    match MarkedYaml::load_from_str(text) {
        Ok(documents) => documents.iter().map(convert).collect(),
        Err(_) => tolerant::parse(text),
    }
}

fn convert(node: &MarkedYaml) -> Node {
    let line = node.span.start.line();
    let value = match &node.data {
        YamlData::Value(scalar) => scalar_text(scalar).map_or(Value::Nothing, Value::Text),
        YamlData::Sequence(items) => Value::List(items.iter().map(convert).collect()),
        YamlData::Mapping(entries) => Value::Map(
            entries
                .iter()
                .filter_map(|(key, value)| match &key.data {
                    YamlData::Value(scalar) => scalar_text(scalar).map(|key| (key, convert(value))),
                    _ => None,
                })
                .collect(),
        ),
        YamlData::Tagged(_, inner) => return Node { line, ..convert(inner) },
        YamlData::Representation(text, _, _) => Value::Text(text.to_string()),
        YamlData::Alias(_) | YamlData::BadValue => Value::Nothing,
    };
    Node { line, value }
}

fn scalar_text(scalar: &Scalar) -> Option<String> {
    match scalar {
        Scalar::Null => None,
        Scalar::Boolean(value) => Some(value.to_string()),
        Scalar::Integer(value) => Some(value.to_string()),
        Scalar::FloatingPoint(value) => Some(value.to_string()),
        Scalar::String(text) => Some(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_are_text_with_their_lines() {
        let docs = parse("on:\n  push:\n    branches: [main]\nrestart: no\njobs:\n  - run: |\n      make test\n");
        let doc = &docs[0];
        assert_eq!(doc.path(&["on", "push", "branches"]).unwrap().words(), ["main"]);
        assert_eq!(doc.get("restart").unwrap().text(), Some("no"), "YAML 1.2: no is text");
        assert_eq!(doc.get("on").unwrap().line, 2);
        assert_eq!(doc.get("jobs").unwrap().items()[0].get("run").unwrap().text(), Some("make test\n"));
        assert_eq!(parse("key: [unclosed").len(), 1, "read by its indentation");
        assert_eq!(parse("a: 1\n---\nb: 2\n").len(), 2);
    }
}
