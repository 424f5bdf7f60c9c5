//! A disk that fills up half-way through a restore (hostile-input review F19): the restore fails, says
//! so, and leaves neither a cut-short "backup" for `skillgap backups` to list nor a changed progress file.
//! The full disk is a file-size limit (`ulimit -f`), which binds root too.

use crate::common::{Sandbox, fixture_dir, walk};

#[cfg(unix)]
#[test]
fn a_restore_that_runs_out_of_space_leaves_no_empty_backup() {
    let sandbox = Sandbox::new();
    for (i, id) in ["build-one", "test-one", "ship-one", "run-one"].iter().enumerate() {
        let note = "a note long enough to make the progress file several kilobytes ".repeat(20 + i);
        sandbox.cmd().args(["mark", id, "done", "--note", &note]).assert().success();
    }
    let backup = sandbox.root.path().join("backup.ron");
    std::fs::write(&backup, sandbox.progress_text()).unwrap();
    let before = std::fs::read(sandbox.journal_file()).unwrap();
    assert!(before.len() > 4096, "{} bytes", before.len());
    let listed_before = String::from_utf8(sandbox.cmd().arg("backups").output().unwrap().stdout).unwrap();

    // Files may grow to 2 KiB: the copy of the current file kept before the restore cannot be written.
    let skillgap = assert_cmd::cargo::cargo_bin!("skillgap");
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 4; exec \"$0\" --checklists \"$1\" restore \"$2\"")
        .arg(skillgap)
        .arg(fixture_dir())
        .arg(&backup)
        .env("SKILLGAP_DATA_DIR", sandbox.data_dir())
        .env("SKILLGAP_CONFIG_DIR", sandbox.config_dir())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot save progress"));
    assert_eq!(std::fs::read(sandbox.journal_file()).unwrap(), before, "the journal is unchanged");
    let listed_after = String::from_utf8(sandbox.cmd().arg("backups").output().unwrap().stdout).unwrap();
    assert_eq!(listed_after, listed_before, "no new, cut-short backup is listed");
    let strays: Vec<_> =
        walk(&sandbox.data_dir()).into_iter().filter(|p| p.to_string_lossy().ends_with(".tmp")).collect();
    assert!(strays.is_empty(), "{strays:?}");
}
