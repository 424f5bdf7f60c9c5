//! Helpers shared by the integration tests: temporary data and config folders, and the binary
//! pointed at them (never at the user's real folders).

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checklists")
}

pub fn hostile_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile").join(name)
}

pub fn bad_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad").join(name)
}

/// The progress the journals of `data_dir` make (with the fixture and built-in checklists).
pub fn progress_of(data_dir: &Path, config_dir: Option<&Path>) -> skillgap::progress::Progress {
    let (catalog, _) = skillgap::catalog::load_catalog(&[fixture_dir()]);
    skillgap::store::Store::new(data_dir, config_dir).load(&catalog).unwrap()
}

/// [`progress_of`] as pretty RON, as a backup holds it; empty when the folder holds no progress yet.
pub fn progress_text(data_dir: &Path, config_dir: Option<&Path>) -> String {
    let progress = progress_of(data_dir, config_dir);
    if progress == skillgap::progress::Progress::default() {
        return String::new();
    }
    skillgap::store::to_ron(&progress).unwrap()
}

/// A tracker over `dir` with the fixture checklists, its machine's id kept in `dir` (no config folder).
pub fn open_tracker(dir: &Path) -> skillgap::tracker::Tracker {
    let (catalog, problems) = skillgap::catalog::load_catalog(&[fixture_dir()]);
    assert!(problems.is_empty(), "{problems:?}");
    skillgap::tracker::Tracker::open(catalog, skillgap::store::Store::new(dir, None)).unwrap()
}

/// The journal of the machine whose id is kept in `dir` (see [`open_tracker`]).
pub fn journal_in(dir: &Path) -> PathBuf {
    let id = std::fs::read_to_string(dir.join("machine-id")).unwrap();
    dir.join("journal").join(format!("{}.ron", id.trim()))
}

/// A temporary home for one test: `data/` for progress, `config/` for user checklists.
pub struct Sandbox {
    pub root: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox { root: tempfile::tempdir().unwrap() }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.root.path().join("data")
    }

    pub fn config_dir(&self) -> PathBuf {
        self.root.path().join("config")
    }

    /// The progress file of a version before journals (carried over at the first change).
    pub fn progress_file(&self) -> PathBuf {
        self.data_dir().join("progress.ron")
    }

    /// This machine's journal: where `skillgap` run from this sandbox appends its changes.
    pub fn journal_file(&self) -> PathBuf {
        let id = std::fs::read_to_string(self.config_dir().join("machine-id")).unwrap();
        self.data_dir().join("journal").join(format!("{}.ron", id.trim()))
    }

    /// The progress every journal of the data folder makes.
    pub fn load_progress(&self) -> Result<skillgap::progress::Progress, skillgap::store::StoreError> {
        let (catalog, _) = skillgap::catalog::load_catalog(&[fixture_dir()]);
        skillgap::store::Store::new(self.data_dir(), Some(&self.config_dir())).load(&catalog)
    }

    /// The progress every journal of the data folder makes, as a backup would print it.
    pub fn progress_text(&self) -> String {
        progress_text(&self.data_dir(), Some(&self.config_dir()))
    }

    /// `skillgap` with the sandbox's folders and the fixture checklist, scored for the fixture's target.
    pub fn cmd(&self) -> Command {
        let mut cmd = self.bare_cmd();
        cmd.arg("--checklists").arg(fixture_dir()).args(["--target", "fixture"]);
        cmd
    }

    /// `skillgap` with the sandbox's folders and only the built-in checklists.
    pub fn bare_cmd(&self) -> Command {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("skillgap"));
        cmd.env("SKILLGAP_DATA_DIR", self.data_dir()).env("SKILLGAP_CONFIG_DIR", self.config_dir());
        cmd
    }

    pub fn write_progress(&self, bytes: &[u8]) {
        std::fs::create_dir_all(self.data_dir()).unwrap();
        std::fs::write(self.progress_file(), bytes).unwrap();
    }
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The window's model over `data_dir` and the fixture checklist, scored for the fixture's target, as the
/// window opens it, and the problems of skipped checklist files.
pub fn open_model(data_dir: &Path) -> (skillgap::gui::Model, Vec<String>) {
    open_model_for(data_dir, Some("fixture"))
}

/// The same for `target`, or for the remembered target when `None` (as the window opens without
/// `--target`).
pub fn open_model_for(data_dir: &Path, target: Option<&str>) -> (skillgap::gui::Model, Vec<String>) {
    let locations = skillgap::paths::Locations {
        data_dir: data_dir.to_path_buf(),
        checklist_dirs: vec![fixture_dir()],
        config_dir: None,
    };
    skillgap::gui::open_model(&locations, target).unwrap()
}

/// Every file under `dir`, in its subfolders too.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// The text of a PDF, page by page, as another program reads it (pdf-extract, not the writer): what a
/// person's viewer shows, without poppler or anything else installed.
pub fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    let pages = pdf_extract::extract_text_from_mem_by_pages(pdf).expect("the PDF reads back");
    pages.into_iter().map(|page| page.replace('\u{a0}', " ")).collect()
}

/// The whole text of the PDF at `path`.
pub fn pdf_file_text(path: &Path) -> String {
    pdf_pages(&std::fs::read(path).unwrap()).concat()
}

/// The size of each page of a PDF in points (width, height), from its media boxes.
pub fn pdf_page_sizes(pdf: &[u8]) -> Vec<(f32, f32)> {
    let document = pdf_extract::Document::load_mem(pdf).expect("the PDF reads back");
    document
        .get_pages()
        .values()
        .map(|&page| {
            let page = document.get_dictionary(page).unwrap();
            let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let number = |o: &pdf_extract::Object| o.as_float().or_else(|_| o.as_i64().map(|i| i as f32)).unwrap();
            (number(&media[2]) - number(&media[0]), number(&media[3]) - number(&media[1]))
        })
        .collect()
}
