//! `skillgap sync`: a data folder kept in a git repository of its own, committed, pulled and pushed with
//! the system's `git` (which does the authentication: SSH keys, credential helpers). Each machine only
//! appends to its own journal, so a pull merges without a conflict and with no merge driver; what a
//! machine keeps for itself (backups, the lock, the remembered target) is left out by `.gitignore`.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// What `skillgap sync` writes into `.gitignore` when the repository has none.
const GITIGNORE: &str = "# Written by `skillgap sync`: what each machine keeps for itself.\n\
/backups/\n/progress.lock\n/settings.ron\n/machine-id\n.*.tmp\n";

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(
        "cannot run git: {error}. Install git, or keep the data folder in a folder sync tool instead \
(README, \"Your data\")."
    )]
    NoGit { error: io::Error },
    #[error(
        "the data folder {dir} is not a git repository. To keep your progress in git, make it one: \
`git -C \"{dir}\" init` and `git -C \"{dir}\" remote add origin URL` (a private repository), or clone that \
repository there before the first run; the README's \"Your data\" shows each step."
    )]
    NotARepository { dir: PathBuf },
    #[error(
        "the data folder {dir} is inside the git repository {top}, which skillgap will not commit to. Give \
the data folder a repository of its own (README, \"Your data\")."
    )]
    InsideAnother { dir: PathBuf, top: PathBuf },
    #[error(
        "this machine's changes are committed in {dir}, but the repository has no remote to pull from and \
push to. Add one: `git -C \"{dir}\" remote add origin URL`, then run `skillgap sync` again."
    )]
    NoRemote { dir: PathBuf },
    #[error("`git {step}` failed in {dir}: {problem}\n{git_said}")]
    Git { step: String, dir: PathBuf, problem: String, git_said: String },
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    /// Whether this machine had changes to commit.
    pub committed: bool,
    /// The remote and branch pulled from and pushed to.
    pub remote: String,
    pub branch: String,
}

/// Commits what changed in `dir` (as `machine`), pulls the others' changes and pushes. The caller holds
/// the folder's lock, so no change is appended meanwhile.
pub fn sync(dir: &Path, machine: &str) -> Result<SyncReport, SyncError> {
    let git = Git { dir };
    let top = git.run("rev-parse", &["rev-parse", "--show-toplevel"]).map_err(|err| match err {
        SyncError::Git { .. } => SyncError::NotARepository { dir: dir.to_path_buf() },
        other => other,
    })?;
    let top = PathBuf::from(top.trim());
    if std::fs::canonicalize(&top).ok() != std::fs::canonicalize(dir).ok() {
        return Err(SyncError::InsideAnother { dir: dir.to_path_buf(), top });
    }
    let gitignore = dir.join(".gitignore");
    if !gitignore.exists() {
        super::files::atomic_write_shared(&gitignore, GITIGNORE.as_bytes())
            .map_err(|error| git.failed("add", "cannot write .gitignore", &error.to_string()))?;
    }
    git.run("add", &["add", "--all", "--", "."])?;
    let staged = !git.succeeds(&["diff", "--cached", "--quiet"])?;
    if staged {
        git.run(
            "commit",
            &git.with_identity(&["commit", "--quiet", "-m", &format!("skillgap: changes from {machine}")]),
        )?;
    }
    let branch = git.run("branch", &["symbolic-ref", "--short", "HEAD"])?.trim().to_owned();
    let remote = git.remote(&branch)?;
    let on_remote = !git.run("ls-remote", &["ls-remote", "--heads", &remote, &branch])?.trim().is_empty();
    if on_remote {
        git.run(
            "pull",
            &git.with_identity(&[
                "pull",
                "--quiet",
                "--no-rebase",
                "--no-edit",
                "--allow-unrelated-histories",
                &remote,
                &branch,
            ]),
        )?;
    }
    // A new repository with nothing in it yet (no change made on any machine) has nothing to push.
    if git.succeeds(&["rev-parse", "--verify", "--quiet", "HEAD"])? {
        git.run("push", &["push", "--quiet", "--set-upstream", &remote, &branch])?;
    }
    Ok(SyncReport { committed: staged, remote, branch })
}

struct Git<'a> {
    dir: &'a Path,
}

impl Git<'_> {
    fn output(&self, args: &[&str]) -> Result<Output, SyncError> {
        Command::new("git").arg("-C").arg(self.dir).args(args).output().map_err(|error| SyncError::NoGit { error })
    }

    /// Runs git; its standard output, or what went wrong.
    fn run(&self, step: &str, args: &[&str]) -> Result<String, SyncError> {
        let output = self.output(args)?;
        if output.status.success() {
            return Ok(String::from_utf8_lossy(&output.stdout).into_owned());
        }
        let said = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        Err(self.failed(step, problem(step, &said), &said))
    }

    /// Whether git exits 0 (for the commands that answer with their status).
    fn succeeds(&self, args: &[&str]) -> Result<bool, SyncError> {
        Ok(self.output(args)?.status.success())
    }

    fn failed(&self, step: &str, problem: &str, said: &str) -> SyncError {
        let git_said = said.lines().map(|line| format!("  git: {line}")).collect::<Vec<_>>().join("\n");
        SyncError::Git { step: step.to_owned(), dir: self.dir.to_path_buf(), problem: problem.to_owned(), git_said }
    }

    /// The remote to sync with: the branch's upstream remote, `origin`, or the only one.
    fn remote(&self, branch: &str) -> Result<String, SyncError> {
        let remotes = self.run("remote", &["remote"])?;
        let remotes: Vec<&str> = remotes.lines().map(str::trim).filter(|r| !r.is_empty()).collect();
        let key = format!("branch.{branch}.remote");
        let upstream = self.run("config", &["config", "--default", "", "--get", &key]).unwrap_or_default();
        let chosen = [upstream.trim(), "origin"]
            .into_iter()
            .find(|wanted| remotes.contains(wanted))
            .or_else(|| (remotes.len() == 1).then(|| remotes[0]));
        chosen.map(str::to_owned).ok_or_else(|| SyncError::NoRemote { dir: self.dir.to_path_buf() })
    }

    /// `args` with a committer named when the person has none configured (a fresh machine): a commit or a
    /// merge then still works, and says which machine made it.
    fn with_identity<'a>(&self, args: &[&'a str]) -> Vec<&'a str> {
        let named = self.succeeds(&["config", "user.email"]).unwrap_or(false);
        let mut all =
            if named { Vec::new() } else { vec!["-c", "user.name=skillgap", "-c", "user.email=skillgap@localhost"] };
        all.extend_from_slice(args);
        all
    }
}

/// What a failed step means, in words, from what git said.
fn problem(step: &str, said: &str) -> &'static str {
    let has = |words: &[&str]| words.iter().any(|word| said.contains(word));
    if has(&[
        "Could not resolve host",
        "unable to access",
        "Could not read from remote",
        "Connection refused",
        "timed out",
        "does not appear to be a git repository",
    ]) {
        return "the remote could not be reached (no network, a wrong URL, or no access). Nothing was lost: \
this machine's changes are committed here; run `skillgap sync` again when the remote can be reached.";
    }
    if has(&["[rejected]", "non-fast-forward", "fetch first"]) {
        return "the remote refused the push: it has changes this machine has not pulled yet, or the branch is \
protected. Run `skillgap sync` again; if it is refused again, check the branch's protection rules.";
    }
    if has(&["CONFLICT", "Merge conflict", "would be overwritten"]) {
        return "a file other than the journals changed on two machines (journals never conflict). Resolve it \
with git (`git status` in the data folder), then run `skillgap sync` again.";
    }
    match step {
        "commit" => "the commit failed; see what git said.",
        _ => "see what git said.",
    }
}
