//! `skillgap install-desktop`: the application menu entry and its icon in the person's XDG data folder,
//! starting this very binary, and `--remove` taking them away again.

use crate::common::Sandbox;

#[test]
fn install_desktop_puts_an_entry_and_icons_in_the_data_home_and_remove_takes_them_away() {
    let sandbox = Sandbox::new();
    let home = sandbox.root.path().join("share");
    let run = |args: &[&str]| {
        let out = sandbox.bare_cmd().args(args).env("XDG_DATA_HOME", &home).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let said = run(&["install-desktop"]);
    let entry = home.join("applications/skillgap.desktop");
    let (png, svg) =
        (home.join("icons/hicolor/256x256/apps/skillgap.png"), home.join("icons/hicolor/scalable/apps/skillgap.svg"));
    assert!(said.contains(&format!("Wrote {}", entry.display())) && said.contains("application menu"), "{said}");
    let text = std::fs::read_to_string(&entry).unwrap();
    let binary = assert_cmd::cargo::cargo_bin!("skillgap");
    assert!(text.contains(&format!("Exec=\"{}\"", binary.display())), "starts this binary: {text}");
    assert!(
        text.contains("Icon=skillgap")
            && text.contains("StartupWMClass=skillgap")
            && text.starts_with("[Desktop Entry]")
    );
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));

    let said = run(&["install-desktop", "--remove"]);
    assert!(said.contains("no longer in the application menu"), "{said}");
    assert!(!entry.exists() && !png.exists() && !svg.exists());
    assert!(run(&["install-desktop", "--remove"]).contains("There was no desktop entry to remove"));
    assert!(!sandbox.data_dir().exists(), "the progress folder is not touched");
}
