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

/// Hostile-input review N11: with `icons/hicolor/256x256/apps` a link to `/etc`, install wrote
/// `/etc/skillgap.png` and `--remove` deleted it; with `applications` a link, the same in that folder. A
/// linked folder under the data folder is refused before anything is written, and named.
#[cfg(unix)]
#[test]
fn install_desktop_refuses_a_linked_folder_under_the_data_folder_and_writes_nothing() {
    for linked in ["icons/hicolor/256x256/apps", "applications", "icons"] {
        let sandbox = Sandbox::new();
        let (home, victim) = (sandbox.root.path().join("share"), sandbox.root.path().join("victim"));
        std::fs::create_dir_all(&victim).unwrap();
        let link = home.join(linked);
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&victim, &link).unwrap();

        let out = sandbox.bare_cmd().arg("install-desktop").env("XDG_DATA_HOME", &home).output().unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{linked}: {said}");
        assert!(said.contains(&format!("{} is a symbolic link", link.display())), "{linked}: {said}");
        assert!(said.contains("Nothing was written") && said.contains("real folder"), "{linked}: {said}");
        assert_eq!(std::fs::read_dir(&victim).unwrap().count(), 0, "{linked}: nothing written through the link");
        let written: Vec<_> = crate::common::walk(&home);
        assert!(written.is_empty(), "{linked}: nothing written anywhere: {written:?}");
    }
}

/// N11, the other half: `--remove` never deletes through a linked folder; it says which file it left
/// and why, removes the rest, and fails (skillgap may still be in the menu).
#[cfg(unix)]
#[test]
fn install_desktop_remove_never_deletes_through_a_linked_folder() {
    let sandbox = Sandbox::new();
    let (home, victim) = (sandbox.root.path().join("share"), sandbox.root.path().join("etc"));
    let install = sandbox.bare_cmd().arg("install-desktop").env("XDG_DATA_HOME", &home).output().unwrap();
    assert!(install.status.success(), "{}", String::from_utf8_lossy(&install.stderr));
    let apps = home.join("icons/hicolor/256x256/apps");
    std::fs::remove_dir_all(&apps).unwrap();
    std::fs::create_dir_all(&victim).unwrap();
    std::fs::write(victim.join("skillgap.png"), "someone else's").unwrap();
    std::os::unix::fs::symlink(&victim, &apps).unwrap();

    let out = sandbox.bare_cmd().args(["install-desktop", "--remove"]).env("XDG_DATA_HOME", &home).output().unwrap();
    let (said, warned) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(victim.join("skillgap.png")).unwrap(), "someone else's");
    assert!(!out.status.success(), "{said}{warned}");
    let left = apps.join("skillgap.png");
    assert!(warned.contains(&format!("Left {}: {} is a symbolic link", left.display(), apps.display())), "{warned}");
    assert!(said.contains(&format!("Removed {}", home.join("applications/skillgap.desktop").display())), "{said}");
    assert!(
        !home.join("applications/skillgap.desktop").exists()
            && !home.join("icons/hicolor/scalable/apps/skillgap.svg").exists()
    );
}

/// Hostile-input review N14: for a binary in a folder whose name has a space, `%f`, `$`, a backtick, a quote
/// and a backslash, `Exec` is one quoted argument escaped as the Desktop Entry spec says (`%%`, then a
/// backslash before `"`, `` ` ``, `$` and `\`, each backslash then written twice as a string value), and
/// `TryExec` is the plain path (`\` written `\\`), never quoted.
#[cfg(unix)]
#[test]
fn the_entry_of_a_binary_in_an_awkward_folder_is_quoted_as_the_desktop_entry_spec_says() {
    let sandbox = Sandbox::new();
    let home = sandbox.root.path().join("share");
    // Beside the build, so the binary can be hard-linked rather than copied.
    let root = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let folder = root.path().join("John Smith %f \"$(id)`x`\\b");
    std::fs::create_dir_all(&folder).unwrap();
    let binary = folder.join("skillgap");
    let built = assert_cmd::cargo::cargo_bin!("skillgap");
    std::fs::hard_link(built, &binary).or_else(|_| std::fs::copy(built, &binary).map(drop)).unwrap();

    let out = std::process::Command::new(&binary)
        .arg("install-desktop")
        .env("XDG_DATA_HOME", &home)
        .env("SKILLGAP_DATA_DIR", sandbox.data_dir())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(home.join("applications/skillgap.desktop")).unwrap();
    let root = root.path().display();
    assert!(text.contains(&format!("\nTryExec={root}/John Smith %f \"$(id)`x`\\\\b/skillgap\n")), "{text}");
    assert!(
        text.contains(&format!("\nExec=\"{root}/John Smith %%f \\\\\"\\\\$(id)\\\\`x\\\\`\\\\\\\\b/skillgap\"\n")),
        "{text}"
    );
}
