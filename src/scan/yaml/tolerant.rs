//! YAML read by its indentation, for files a strict parser refuses: `key: value` lines nest under the
//! key above them with less indentation, `- ` lines are list items, block scalars (`|`, `>`) keep their
//! lines, and lines that are only a template's tags (`{{- if … }}`, `<% end %>`) or comments are skipped.
//! Flow collections (`[a, b]`) stay text. It never fails: a line it cannot place is left out.

use super::{Node, Value};

/// One meaningful line: its number (1-based), its indentation and its text without the indentation.
#[derive(Debug, Clone)]
struct Line {
    number: usize,
    indent: usize,
    text: String,
}

/// The documents of `text`, split at `---`.
pub(super) fn parse(text: &str) -> Vec<Node> {
    let mut documents = vec![Vec::new()];
    for (index, raw) in text.lines().enumerate() {
        if raw.trim_end() == "---" {
            documents.push(Vec::new());
            continue;
        }
        let trimmed = raw.trim_start();
        let template_only = (trimmed.starts_with("{{") && trimmed.trim_end().ends_with("}}"))
            || (trimmed.starts_with("<%") && trimmed.trim_end().ends_with("%>"));
        if trimmed.is_empty() || trimmed.starts_with('#') || template_only {
            continue;
        }
        let indent = raw.len() - trimmed.len();
        if let Some(last) = documents.last_mut() {
            last.push(Line { number: index + 1, indent, text: trimmed.trim_end().to_owned() });
        }
    }
    documents.into_iter().filter(|lines| !lines.is_empty()).map(|mut lines| block(&mut lines, &mut 0)).collect()
}

/// The block that starts at `lines[*at]`, at that line's indentation.
fn block(lines: &mut [Line], at: &mut usize) -> Node {
    let Some(first) = lines.get(*at) else { return Node { line: 0, value: Value::Nothing } };
    let (indent, line) = (first.indent, first.number);
    if first.text == "-" || first.text.starts_with("- ") {
        return Node { line, value: Value::List(list(lines, at, indent)) };
    }
    Node { line, value: Value::Map(map(lines, at, indent)) }
}

fn list(lines: &mut [Line], at: &mut usize, indent: usize) -> Vec<Node> {
    let mut items = Vec::new();
    while let Some(line) = lines.get(*at).filter(|l| l.indent == indent && (l.text == "-" || l.text.starts_with("- ")))
    {
        let rest = line.text.get(2..).unwrap_or_default().to_owned();
        let number = line.number;
        if rest.is_empty() {
            *at += 1;
            items.push(child(lines, at, indent, number));
        } else if key_value(&rest).is_some() {
            // `- key: value` opens a map whose keys sit two columns in.
            lines[*at] = Line { number, indent: indent + 2, text: rest };
            items.push(block(lines, at));
        } else {
            *at += 1;
            items.push(Node { line: number, value: Value::Text(unquote(&rest)) });
        }
    }
    items
}

fn map(lines: &mut [Line], at: &mut usize, indent: usize) -> Vec<(String, Node)> {
    let mut entries = Vec::new();
    // A deeper line where a key was expected (a flow list's next lines), or a line that is not a key,
    // is skipped.
    while let Some(line) = lines.get(*at).filter(|l| l.indent >= indent) {
        let number = line.number;
        let Some((key, value)) = key_value(&line.text).filter(|_| line.indent == indent) else {
            *at += 1;
            continue;
        };
        *at += 1;
        // An anchor alone (`x-defaults: &defaults`) names the block below it.
        let value = if value.starts_with('&') && !value.contains(' ') { String::new() } else { value };
        let node = match value.as_str() {
            "" => child(lines, at, indent, number),
            "|" | "|-" | ">" | ">-" => block_scalar(lines, at, indent, number),
            text => Node { line: number, value: Value::Text(unquote(text)) },
        };
        entries.push((key, node));
    }
    entries
}

/// What follows a key or a `-` with nothing after it: a deeper block, or a list at the same indentation.
fn child(lines: &mut [Line], at: &mut usize, indent: usize, number: usize) -> Node {
    match lines.get(*at) {
        Some(next) if next.indent > indent || (next.indent == indent && next.text.starts_with("- ")) => {
            block(lines, at)
        }
        _ => Node { line: number, value: Value::Nothing },
    }
}

fn block_scalar(lines: &[Line], at: &mut usize, indent: usize, number: usize) -> Node {
    let mut text = String::new();
    while let Some(line) = lines.get(*at).filter(|l| l.indent > indent) {
        text.push_str(&line.text);
        text.push('\n');
        *at += 1;
    }
    Node { line: number + 1, value: Value::Text(text) }
}

/// `key: value` (or `key:`), with the key unquoted; none for a line that is not one.
fn key_value(text: &str) -> Option<(String, String)> {
    let (key, value) = match text.split_once(": ") {
        Some((key, value)) => (key, value.trim()),
        None => (text.strip_suffix(':')?, ""),
    };
    let key = unquote(key);
    let plain = !key.is_empty() && !key.contains(['{', '[', ' ']) || key.starts_with("traefik.");
    plain.then(|| (key, value.split(" #").next().unwrap_or_default().trim().to_owned()))
}

fn unquote(text: &str) -> String {
    text.trim().trim_matches(['"', '\'']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_and_a_loose_flow_list_are_read_by_indentation() {
        let text = "kind: Deployment\nspec:\n  <% if staging %>\n  replicas: 3\n  <% end %>\n  template:\n    spec:\n      containers:\n        - name: web\n          livenessProbe:\n            httpGet: {path: /up}\n";
        let docs = parse(text);
        assert_eq!(docs[0].get("kind").and_then(Node::text), Some("Deployment"));
        let containers = docs[0].path(&["spec", "template", "spec", "containers"]).unwrap();
        assert_eq!(containers.items()[0].get("name").and_then(Node::text), Some("web"));
        assert_eq!(containers.items()[0].get("livenessProbe").unwrap().line, 11);
        let compose = "services:\n  web:\n    healthcheck:\n      test: [\n          \"CMD\",\n      ]\n    restart: unless-stopped\n";
        let docs = parse(compose);
        assert_eq!(docs[0].path(&["services", "web", "restart"]).and_then(Node::text), Some("unless-stopped"));
    }
}
