//! Text that can spoof or break output (hostile-input review F21): invisible formatting characters in
//! checklists and links are refused, escapes in notes and names are shown, not obeyed, and stacked
//! accents still make a PDF whose text can be copied.

use crate::common::{Sandbox, stderr, stdout};

fn write_checklist(sandbox: &Sandbox, title: &str) -> std::path::PathBuf {
    let dir = sandbox.root.path().join("lists");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("weird.ron");
    let text = format!(
        "(id: \"weird\", title: \"Weird\", sections: [(id: \"s\", title: \"S\", items: [\n    (id: \"one\", title: \"{title}\", stage: Build, weight: Core),\n])])\n"
    );
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_right_to_left_override_or_zero_width_space_in_a_checklist_is_refused_with_its_place() {
    let sandbox = Sandbox::new();
    for (title, shown) in [("Deploy \u{202e}gnp.exe", "\\u{202e}"), ("Zero\u{200b}width", "\\u{200b}")] {
        let path = write_checklist(&sandbox, title);
        let output = sandbox.bare_cmd().arg("check").arg(&path).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{title:?} is refused");
        let err = stderr(&output);
        assert!(err.contains(&format!("{}:2:", path.display())), "where: {err}");
        assert!(err.contains(shown) && err.contains("invisible character"), "{err}");
    }
    // Joiners are part of ordinary writing and emoji.
    let path = write_checklist(&sandbox, "Persian \u{200c} and 👩\u{200d}💻");
    sandbox.bare_cmd().arg("check").arg(&path).assert().success();
}

#[test]
fn an_evidence_link_with_a_direction_override_is_refused() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .cmd()
        .args(["mark", "build-one", "done", "--evidence", "https://good.example/\u{202e}moc.live"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("is not an http(s) URL"), "{}", stderr(&output));
    assert!(!sandbox.progress_file().exists(), "nothing was changed");
}

#[test]
fn escapes_in_names_and_notes_are_shown_in_the_terminal_not_obeyed() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd()
        .args(["mark", "build-one", "done", "--note", "\u{1b}[2J\u{1b}[31mowned \u{202e}txt.exe"])
        .assert()
        .success();
    let output = sandbox.cmd().args(["summary", "--name", "Ada\u{1b}]0;title\u{7}", "--with-notes"]).output().unwrap();
    let text = stdout(&output);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}') && !text.contains('\u{7}'), "{text:?}");
    assert!(text.contains("note: \\u{1b}[2J\\u{1b}[31mowned \\u{202e}txt.exe"), "{text}");
    assert!(text.contains("for Ada\\u{1b}]0;title\\u{7}"), "{text}");
}

#[test]
fn hundreds_of_stacked_accents_still_make_a_pdf_whose_text_reads() {
    let sandbox = Sandbox::new();
    let zalgo = format!("Z{}", "\u{301}".repeat(298));
    sandbox.cmd().args(["mark", "build-one", "done", "--note", &zalgo]).assert().success();
    let pdf = sandbox.root.path().join("report.pdf");
    sandbox.cmd().args(["summary", "--format", "pdf", "--with-notes", "--output"]).arg(&pdf).assert().success();
    let text = crate::common::pdf_file_text(&pdf);
    assert!(text.contains("Build one"), "the text layer reads: {text}");
}
