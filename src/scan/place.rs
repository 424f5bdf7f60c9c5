//! A file as the scan sees it: its path below the project's folder and where in the project it sits. A
//! production file outranks a development one, and examples, tests and fixtures are never evidence: they
//! show what someone else could do, not what this project does.

/// Where a file sits, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    /// The project's own deployment: the root, `deploy/`, `.github/`, `infra/` ...
    Production,
    /// Development and CI helpers: a dev Compose file, a dev container. Evidence for building and
    /// testing, not for running in production.
    Development,
    /// Documentation: evidence only for the items that are documents (an operations page, a post-mortem).
    Docs,
    /// Examples, templates, tests and fixtures: never evidence.
    Example,
}

/// A file found by the walk.
#[derive(Debug, Clone)]
pub(super) struct FileName {
    /// The path below the project's folder as spelled on disk, `/` between names: the evidence.
    pub path: String,
    /// The same, lowercased.
    pub lower: String,
    /// The file name, lowercased.
    pub name: String,
    /// The extension, lowercased, or "".
    pub ext: String,
    pub place: Place,
}

/// Folder names whose files are examples, tests or fixtures.
const EXAMPLE_FOLDERS: &[&str] = &[
    "example",
    "examples",
    "sample",
    "samples",
    "demo",
    "demos",
    "test",
    "tests",
    "spec",
    "specs",
    "__tests__",
    "fixtures",
    "testdata",
    "test-data",
    "cookbook",
    // Community extras a project ships without supporting them.
    "contrib",
    "tutorial",
    "tutorials",
];
const DOC_FOLDERS: &[&str] = &["docs", "doc", "documentation", "website"];
const DEV_FOLDERS: &[&str] = &[".devcontainer", "dev", "development", "local", ".vscode", "hack"];
/// Words that mark a file as a development variant: `docker-compose.dev.yml`, `compose.override.yaml`,
/// `Dockerfile.test`, `dev.env`.
const DEV_WORDS: &[&str] = &["dev", "development", "local", "override", "test", "ci", "e2e", "debug"];

impl FileName {
    pub(super) fn new(path: String) -> FileName {
        let lower = path.to_lowercase();
        let name = lower.rsplit('/').next().unwrap_or_default().to_owned();
        let ext = name.rsplit_once('.').map(|(_, ext)| ext.to_owned()).unwrap_or_default();
        let place = place_of(&lower, &name);
        FileName { path, lower, name, ext, place }
    }

    /// The same file seen without a template's suffix (`web.yaml.erb` as `web.yaml`, `nginx.conf.j2` as
    /// `nginx.conf`), for a reader by format; none when it has no such suffix.
    pub(super) fn without_template_suffix(&self) -> Option<FileName> {
        const SUFFIXES: &[&str] = &[".erb", ".j2", ".jinja", ".jinja2", ".tmpl", ".tpl", ".template", ".in", ".dist"];
        let suffix = SUFFIXES.iter().find(|s| self.name.ends_with(*s))?;
        let name = self.name[..self.name.len() - suffix.len()].to_owned();
        let ext = name.rsplit_once('.').map(|(_, ext)| ext.to_owned())?;
        Some(FileName { name, ext, ..self.clone() })
    }

    pub(super) fn is(&self, names: &[&str]) -> bool {
        names.contains(&self.name.as_str())
    }

    pub(super) fn ext_in(&self, exts: &[&str]) -> bool {
        exts.contains(&self.ext.as_str())
    }

    /// Whether a folder of this name is on the file's path.
    pub(super) fn under(&self, folder: &str) -> bool {
        self.lower.split('/').rev().skip(1).any(|part| part == folder)
    }
}

/// Whether a folder's name says it holds tests: `tests`, `e2e`, `_integration-test`, `test-data`.
fn is_test_folder(folder: &str) -> bool {
    folder.split(['-', '_', '.']).any(|word| matches!(word, "test" | "tests" | "testing" | "e2e" | "spec"))
}

/// Whether a source file's name says it is a test: `server_test.go`, `app.test.ts`, `test_views.py` (a
/// workflow named `generic_test.yml` runs tests; it is not one).
fn is_test_file(name: &str) -> bool {
    const SOURCE: &[&str] = &["go", "py", "js", "ts", "tsx", "jsx", "rb", "rs", "java", "kt", "php", "cs", "ex", "exs"];
    let Some((stem, ext)) = name.rsplit_once('.') else { return false };
    if !SOURCE.contains(&ext) {
        return false;
    }
    stem.ends_with("_test") || stem.ends_with(".test") || stem.ends_with(".spec") || stem.starts_with("test_")
}

fn place_of(lower: &str, name: &str) -> Place {
    let folders: Vec<&str> = lower.split('/').rev().skip(1).collect();
    if folders.iter().any(|f| EXAMPLE_FOLDERS.contains(f) || is_test_folder(f)) || is_test_file(name) {
        return Place::Example;
    }
    if folders.iter().any(|f| DOC_FOLDERS.contains(f)) {
        return Place::Docs;
    }
    // A config kept to be copied (`Caddyfile.example`, `nginx.conf.sample`) shows what a user could do; an
    // environment example (`.env.example`) is the list of settings itself.
    let copy_me = [".example", ".sample"].iter().any(|s| name.ends_with(s)) && !name.contains("env");
    if copy_me {
        return Place::Example;
    }
    // A development variant of any file but a CI workflow: `docker-compose.dev.yml`, `dev.env`,
    // `test-nginx.conf`.
    let ci = lower.starts_with(".github/") || lower.starts_with(".gitlab");
    let dev_variant = !ci && name.split(['.', '-', '_']).any(|w| DEV_WORDS.contains(&w));
    if folders.iter().any(|f| DEV_FOLDERS.contains(f)) || dev_variant {
        return Place::Development;
    }
    Place::Production
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(path: &str) -> Place {
        FileName::new(path.to_owned()).place
    }

    #[test]
    fn a_file_s_place_comes_from_its_folders_and_name() {
        assert_eq!(place("docker-compose.yml"), Place::Production);
        assert_eq!(place("deploy/nginx/site.conf"), Place::Production);
        assert_eq!(place("docker-compose.dev.yml"), Place::Development);
        assert_eq!(place("compose.override.yaml"), Place::Development);
        assert_eq!(place(".devcontainer/Dockerfile"), Place::Development);
        assert_eq!(place("docs/runbook.md"), Place::Docs);
        assert_eq!(place("examples/django/Dockerfile"), Place::Example);
        assert_eq!(place("tests/fixtures/backup.sh"), Place::Example);
        assert_eq!(place("nginx.conf.example"), Place::Example, "a config kept to copy is the user's to write");
        assert_eq!(place("config/dev.env"), Place::Development);
        assert_eq!(place(".env.sample"), Place::Production);
        assert_eq!(place(".github/workflows/ci.yml"), Place::Production);
        assert_eq!(place("chart/templates/deployment.yaml"), Place::Production);
        assert_eq!(place("_integration-test/nginx/nginx.conf"), Place::Example);
        assert_eq!(place("pkg/api/http/echo_test.go"), Place::Example);
        assert_eq!(place("contrib/docker-compose/Caddyfile"), Place::Example);
        assert_eq!(place("releases/latest/compose.yaml"), Place::Production, "latest is not a test");
    }
}
