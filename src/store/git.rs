//! `skillgap sync`: a data folder kept in a git repository of its own, committed, pulled and pushed with
//! the system's `git` (which does the authentication: SSH keys, credential helpers). Each machine only
//! appends to its own journal, so a pull merges without a conflict and with no merge driver; what a
//! machine keeps for itself (backups, the lock, the remembered target) is left out by `.gitignore`.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// What `skillgap sync` writes into `.gitattributes` when the repository has none: git's own `union` merge
/// (nothing to install) keeps both sides' lines of a journal, each a whole change, so even two machines
/// that share an id (a copied config folder) never conflict; the fold counts each change once.
const GITATTRIBUTES: &str = "# Written by `skillgap sync`: journals merge by keeping both sides' lines.\n\
journal/*.ron merge=union\n.gitignore merge=union\n";

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
    #[error(
        "{dir} has files with unresolved conflicts ({}), so skillgap will not {step}: it would spread the \
conflict markers to every machine. {after}Resolve them with git (`git -C \"{dir}\" status`), then run `skillgap \
sync` again.\n{git_said}", .files.join(", ")
    )]
    Conflict { step: String, dir: PathBuf, files: Vec<String>, after: &'static str, git_said: String },
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    /// Whether this machine had changes to commit.
    pub committed: bool,
    /// The remote and branch pulled from and pushed to.
    pub remote: String,
    pub branch: String,
    /// Changes of other machines the pull brought (journal lines).
    pub arrived: usize,
}

/// Commits what changed in `dir` (as `machine`), pulls the others' changes and pushes. The caller holds
/// the folder's lock, so no change is appended meanwhile.
pub fn sync(dir: &Path, machine: &str) -> Result<SyncReport, SyncError> {
    let git = Git { dir };
    git.check_own_repository()?;
    git.refuse_unmerged("commit")?;
    git.write_if_missing(".gitignore", GITIGNORE)?;
    git.write_if_missing(".gitattributes", GITATTRIBUTES)?;
    let committed = git.commit_changes(machine)?;
    let local = git.run("branch", &["symbolic-ref", "--short", "HEAD"])?.trim().to_owned();
    let remote = git.remote(&local)?;
    let (branch, on_remote) = git.remote_branch(&remote, &local)?;
    let before = lines_of_others(dir, machine);
    if on_remote {
        git.pull(&remote, &branch)?;
    }
    let arrived = lines_of_others(dir, machine).saturating_sub(before);
    // A new repository with nothing in it yet (no change made on any machine) has nothing to push.
    if git.succeeds(&["rev-parse", "--verify", "--quiet", "HEAD"])? {
        git.run("push", &["push", "--quiet", "--set-upstream", &remote, &format!("HEAD:refs/heads/{branch}")])?;
    }
    Ok(SyncReport { committed, remote, branch, arrived })
}

/// How many complete lines the journals of machines other than `machine` hold (none when they cannot be
/// read: the count is only said, the next command reports the journal).
fn lines_of_others(dir: &Path, machine: &str) -> usize {
    let files = super::journal_files::read_journals(dir).unwrap_or_default();
    files.iter().filter(|file| file.machine != machine).map(|file| file.text.lines().count()).sum()
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
        Err(self.failed(step, problem(step, &said(&output)), &said(&output)))
    }

    /// Refuses to go on while a merge left files with conflicts: committing them would push the markers.
    fn refuse_unmerged(&self, step: &str) -> Result<(), SyncError> {
        let files = self.unmerged()?;
        if files.is_empty() {
            return Ok(());
        }
        let dir = self.dir.to_path_buf();
        Err(SyncError::Conflict { step: step.to_owned(), dir, files, after: "", git_said: String::new() })
    }

    fn unmerged(&self) -> Result<Vec<String>, SyncError> {
        let files = self.run("diff", &["diff", "--name-only", "--diff-filter=U"])?;
        Ok(files.lines().map(str::to_owned).collect())
    }

    /// The repository is the data folder's own, not one it sits in.
    fn check_own_repository(&self) -> Result<(), SyncError> {
        let dir = self.dir.to_path_buf();
        let top = self.run("rev-parse", &["rev-parse", "--show-toplevel"]).map_err(|err| match err {
            SyncError::Git { .. } => SyncError::NotARepository { dir: dir.clone() },
            other => other,
        })?;
        let top = PathBuf::from(top.trim());
        if std::fs::canonicalize(&top).ok() != std::fs::canonicalize(&dir).ok() {
            return Err(SyncError::InsideAnother { dir, top });
        }
        Ok(())
    }

    fn write_if_missing(&self, name: &str, text: &str) -> Result<(), SyncError> {
        let path = self.dir.join(name);
        if path.exists() {
            return Ok(());
        }
        super::files::atomic_write_shared(&path, text.as_bytes())
            .map_err(|error| self.failed("add", &format!("cannot write {name}"), &error.to_string()))
    }

    /// Commits the journals, the files `sync` writes and changes to files git already has (a progress file
    /// carried over is a deletion); nothing else of the folder. Returns whether there was anything.
    fn commit_changes(&self, machine: &str) -> Result<bool, SyncError> {
        self.run("add", &["add", "--update"])?;
        let mut new: Vec<String> = vec![".gitignore".into(), ".gitattributes".into()];
        if let Ok(entries) = std::fs::read_dir(self.dir.join(super::journal_files::JOURNAL_DIR)) {
            let names = entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned());
            new.extend(names.filter(|n| crate::journal::machine_of(n).is_some()).map(|n| format!("journal/{n}")));
        }
        let mut args = vec!["add", "--"];
        args.extend(new.iter().map(String::as_str));
        self.run("add", &args)?;
        let staged = !self.succeeds(&["diff", "--cached", "--quiet"])?;
        if staged {
            let message = format!("skillgap: changes from {machine}");
            self.run("commit", &self.with_identity(&["commit", "--quiet", "-m", &message]))?;
        }
        Ok(staged)
    }

    /// The remote's branch to sync with, and whether it has one yet: the branch its HEAD names, else one
    /// named as the local one, else its only branch (a laptop on `main` and a server on `master` still
    /// share one branch).
    fn remote_branch(&self, remote: &str, local: &str) -> Result<(String, bool), SyncError> {
        let heads = self.run("ls-remote", &["ls-remote", "--heads", remote])?;
        let heads: Vec<&str> =
            heads.lines().filter_map(|l| l.split('\t').nth(1)?.strip_prefix("refs/heads/")).collect();
        let symref = self.run("ls-remote", &["ls-remote", "--symref", remote, "HEAD"]).unwrap_or_default();
        let default = symref.lines().find_map(|l| l.strip_prefix("ref: refs/heads/")?.split('\t').next());
        let chosen = default
            .filter(|d| heads.contains(d))
            .or_else(|| heads.contains(&local).then_some(local))
            .or_else(|| (heads.len() == 1).then(|| heads[0]));
        Ok(chosen.map_or_else(|| (local.to_owned(), false), |branch| (branch.to_owned(), true)))
    }

    /// Merges the remote branch in. A conflict (in a file that is not a journal) is undone at once, so
    /// nothing with conflict markers is ever committed, and said.
    fn pull(&self, remote: &str, branch: &str) -> Result<(), SyncError> {
        let args =
            ["pull", "--quiet", "--no-rebase", "--ff", "--no-edit", "--allow-unrelated-histories", remote, branch];
        let output = self.output(&self.with_identity(&args))?;
        if output.status.success() {
            return Ok(());
        }
        let files = self.unmerged()?;
        if files.is_empty() {
            return Err(self.failed("pull", problem("pull", &said(&output)), &said(&output)));
        }
        self.succeeds(&["merge", "--abort"])?;
        let git_said = git_lines(&said(&output));
        let after = "The pull was undone: this machine's changes are committed here and nothing else changed. ";
        Err(SyncError::Conflict { step: "merge".into(), dir: self.dir.to_path_buf(), files, after, git_said })
    }

    /// Whether git exits 0 (for the commands that answer with their status).
    fn succeeds(&self, args: &[&str]) -> Result<bool, SyncError> {
        Ok(self.output(args)?.status.success())
    }

    fn failed(&self, step: &str, problem: &str, said: &str) -> SyncError {
        let (dir, problem) = (self.dir.to_path_buf(), problem.to_owned());
        SyncError::Git { step: step.to_owned(), dir, problem, git_said: git_lines(said) }
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

/// What git printed, on both streams: a merge says CONFLICT on its standard output.
fn said(output: &Output) -> String {
    let (out, err) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    format!("{}\n{}", out.trim(), err.trim()).trim().to_owned()
}

fn git_lines(said: &str) -> String {
    said.lines().filter(|l| !l.trim().is_empty()).map(|line| format!("  git: {line}")).collect::<Vec<_>>().join("\n")
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
