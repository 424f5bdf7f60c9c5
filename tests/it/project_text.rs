//! Project names and evidence follow the rules checklist titles follow (hostile-input review N5, N12,
//! N15): control and invisible formatting characters are refused where they are typed, look-alike names
//! are one name, and text that reached the file some other way (a hand edit, an older version) is shown
//! escaped in every report, never obeyed or turned into Markdown structure.

use crate::common::{Sandbox, stderr, stdout};

fn project(sandbox: &Sandbox, args: &[&str]) -> std::process::Output {
    sandbox.bare_cmd().arg("project").args(args).output().unwrap()
}

fn refused(sandbox: &Sandbox, args: &[&str], expected: &str) {
    let out = project(sandbox, args);
    assert_eq!(out.status.code(), Some(1), "{args:?} is refused: {}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains(expected), "{args:?}: expected {expected:?} in {err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{202e}'), "shown escaped: {err:?}");
}

#[test]
fn hidden_characters_and_line_breaks_are_refused_where_they_are_typed() {
    let sandbox = Sandbox::new();
    refused(&sandbox, &["add", "Caf\u{200b}é"], "invisible character \\u{200b}");
    refused(&sandbox, &["add", "Evil\u{202e}gnp.exe"], "invisible character \\u{202e}");
    refused(&sandbox, &["add", "Two\nlines"], "control character");
    assert!(project(&sandbox, &["add", "Café"]).status.success());
    // The same name in decomposed form (e + combining acute) is the same name.
    refused(&sandbox, &["add", "Cafe\u{301}"], "there is already a project named");
    assert!(project(&sandbox, &["add", "Shop"]).status.success());
    refused(&sandbox, &["edit", "shop", "--name", "CAFE\u{301}"], "there is already a project named");
    let mark = |evidence: &str| ["mark", "café", "containerised", "done", "--evidence", evidence].map(str::to_owned);
    for evidence in ["a\n# Injected heading\n", "x\u{1b}[2J", "deploy/\u{202e}hs.pukcab"] {
        let args = mark(evidence);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&sandbox, &args, "evidence");
    }
    let list = stdout(&project(&sandbox, &["list", "--format", "json"]));
    assert!(!list.contains("containerised"), "nothing was marked: {list}");
}

/// Text that reached the file without being typed through skillgap (a hand edit, a sync, an older
/// version) is shown, not obeyed: no Markdown heading or task appears, no escape or override is raw.
#[test]
fn text_from_the_file_is_escaped_in_every_report() {
    let sandbox = Sandbox::new();
    assert!(project(&sandbox, &["add", "Evil"]).status.success());
    let evidence = ["mark", "evil", "containerised", "done", "--evidence", "https://example.com/PLACEHOLDER"];
    assert!(project(&sandbox, &evidence).status.success());
    let hostile_evidence = "rollback\n- [x] Fake ticked item\n# Injected heading\n\u{1b}[2J.sh";
    // A hand edit of the journal, as a person (or a tool) could make one.
    let text = std::fs::read_to_string(sandbox.journal_file()).unwrap();
    let edited = text
        .replace("\"https://example.com/PLACEHOLDER\"", &ron::to_string(hostile_evidence).unwrap())
        .replace("name:\"Evil\"", &format!("name:{}", ron::to_string("Evil\u{202e}gnp.exe").unwrap()));
    assert_ne!(edited, text);
    std::fs::write(sandbox.journal_file(), edited).unwrap();
    let dir = sandbox.root.path();
    for format in ["markdown", "html", "text"] {
        let file = dir.join(format!("story.{format}"));
        let out = project(&sandbox, &["summary", "evil", "--format", format, "--output", file.to_str().unwrap()]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let story = std::fs::read_to_string(&file).unwrap();
        assert!(
            story.contains("gnp.exe") && story.contains("Fake ticked item"),
            "{format}: the text is there: {story}"
        );
        for raw in ['\u{1b}', '\u{202e}'] {
            assert!(!story.contains(raw), "{format}: {raw:?} is raw in {story}");
        }
        // A line break in HTML is a space; in Markdown and text it must not start a heading or a task.
        let structure = |l: &str| l.starts_with("# Injected") || l.trim_start().starts_with("- [x] Fake");
        assert!(format == "html" || !story.lines().any(structure), "{format}: {story}");
    }
    let pdf = dir.join("story.pdf");
    let out = project(&sandbox, &["summary", "evil", "--format", "pdf", "--output", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = crate::common::pdf_file_text(&pdf);
    assert!(text.contains("gnp.exe") && !text.contains('\u{202e}') && !text.contains('\u{1b}'), "{text}");
}
