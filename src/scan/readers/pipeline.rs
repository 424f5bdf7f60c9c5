//! CI pipelines, read as what they are: GitHub Actions and GitLab CI as YAML (triggers, jobs, steps and
//! their commands), the other pipelines by their commands. A workflow proves "tests on every push" only
//! when a step runs a test suite and the workflow runs on push or pull requests; "deploys from main" only
//! when a step deploys and main (or a tag) starts it; a smoke check only after a deploy.

use super::commands::{
    self, DEPLOY_ACTIONS, DEPLOYS, DUMPS, OFFSITE, PUBLISH_ACTIONS, PUBLISHES, RELEASE_ACTIONS, RELEASES,
};
use super::{Facts, FileName, Seen};
use crate::scan::facts::{ClueKind, Proof, line_of};
use crate::scan::yaml::{self, Node};

/// What a step does.
struct Step<'a> {
    job: usize,
    line: usize,
    name: &'a str,
    run: &'a str,
    uses: &'a str,
    condition: &'a str,
    /// The job deploys to a GitHub environment (`environment:`): its steps are a deployment.
    deployment: bool,
    /// An image build step pushes what it builds (`with: push: true`); one that loads it locally does not.
    pushes: bool,
}

/// When a workflow runs.
#[derive(Default)]
struct Triggers {
    push: bool,
    pull_request: bool,
    main_or_tags: bool,
    /// It runs only when another workflow calls it.
    reusable: bool,
    by_hand_only: bool,
    schedule: Option<(usize, String)>,
}

pub(super) fn github_actions(file: &FileName, text: &str, facts: &mut Facts) {
    for doc in yaml::parse(text) {
        let triggers = triggers(doc.get("on"));
        let jobs = doc.get("jobs").map(Node::entries).unwrap_or_default();
        let needs: Vec<Vec<&str>> =
            jobs.iter().map(|(_, job)| job.get("needs").map(Node::words).unwrap_or_default()).collect();
        let steps: Vec<Step> = jobs.iter().enumerate().flat_map(|(index, (_, job))| steps_of(index, job)).collect();
        let names: Vec<&str> = jobs.iter().map(|(name, _)| name.as_str()).collect();
        for (_, job) in jobs {
            let called = job.get("uses").and_then(|u| Some((u.line, u.text()?)));
            if let (Some((line, called)), true) = (called, triggers.push || triggers.pull_request)
                && called.contains(".github/workflows/")
            {
                // `./.github/workflows/test.yml` or `owner/repo/.github/workflows/test.yml@main`.
                let path = called.split('@').next().unwrap_or_default();
                let name = path.rsplit('/').next().unwrap_or_default().to_lowercase();
                facts.clue(file, text, ClueKind::WorkflowCall, line, &name);
            }
        }
        read_steps(file, text, facts, &triggers, &steps, &StepOrder { needs: &needs, names: &names });
        hardening_signals(file, text, facts, &doc, &steps);
        if let Some((line, cron)) = &triggers.schedule {
            facts.clue(file, text, ClueKind::Schedule, *line, &format!("{}{}", daily_prefix(cron), file.path));
        }
    }
}

/// Actions pinned to a full commit SHA (a tag can be moved to other code), and the token's permissions.
fn hardening_signals(file: &FileName, text: &str, facts: &mut Facts, doc: &Node, steps: &[Step]) {
    let external: Vec<&Step> = steps
        .iter()
        .filter(|s| !s.uses.is_empty() && !s.uses.starts_with("./") && !s.uses.starts_with("docker://"))
        .collect();
    let pinned = |s: &Step| {
        s.uses.rsplit_once('@').is_some_and(|(_, r)| r.len() == 40 && r.chars().all(|c| c.is_ascii_hexdigit()))
    };
    if !external.is_empty() {
        let count = external.iter().filter(|s| pinned(s)).count();
        let line = external.iter().find(|s| !pinned(s)).or(external.first()).map_or(0, |s| s.line);
        let what = format!("{count} of {} actions in this workflow are pinned to a commit SHA", external.len());
        facts.signal(file, count == external.len(), line, what);
    }
    match doc.get("permissions") {
        Some(permissions) => {
            facts.signal(file, true, permissions.line, "the workflow sets its token's permissions".to_owned())
        }
        None => {
            let what = "no permissions: block (the workflow's token gets the repository's default rights)".to_owned();
            facts.signal(file, false, line_of(text, 1, "jobs:"), what);
        }
    }
}

fn daily_prefix(cron: &str) -> &'static str {
    if super::schedule::is_daily_cron(cron) { "daily:" } else { "" }
}

fn triggers(on: Option<&Node>) -> Triggers {
    let Some(on) = on else { return Triggers::default() };
    let words = on.words();
    let push = words.contains(&"push");
    let branches = on.path(&["push", "branches"]).map(Node::words);
    let main = branches.as_ref().is_none_or(|b| b.iter().any(|b| matches!(*b, "main" | "master" | "production")));
    let tags = on.path(&["push", "tags"]).is_some() || words.contains(&"release");
    let schedule = on
        .get("schedule")
        .and_then(|s| s.items().first())
        .and_then(|s| s.get("cron"))
        .and_then(|c| Some((c.line, c.text()?.to_owned())));
    Triggers {
        push,
        pull_request: words.contains(&"pull_request"),
        main_or_tags: (push && main) || tags,
        reusable: words == ["workflow_call"],
        by_hand_only: words.iter().all(|w| matches!(*w, "workflow_dispatch" | "workflow_call" | "repository_dispatch")),
        schedule,
    }
}

fn steps_of(job: usize, node: &Node) -> Vec<Step<'_>> {
    let steps = node.get("steps").map(Node::items).unwrap_or_default();
    let deployment = node.get("environment").is_some();
    steps
        .iter()
        .map(|step| Step {
            job,
            line: step.get("run").or(step.get("uses")).map_or(step.line, |n| n.line),
            name: step.get("name").and_then(Node::text).unwrap_or_default(),
            run: step.get("run").and_then(Node::text).unwrap_or_default(),
            uses: step.get("uses").and_then(Node::text).unwrap_or_default(),
            condition: step.get("if").and_then(Node::text).unwrap_or_default(),
            deployment,
            pushes: step.path(&["with", "push"]).and_then(Node::text).is_some_and(|p| p != "false"),
        })
        .collect()
}

struct StepOrder<'a> {
    needs: &'a [Vec<&'a str>],
    names: &'a [&'a str],
}

impl StepOrder<'_> {
    /// Whether `later` runs after `earlier` (same job, later step; or a job that needs the other's job).
    fn after(&self, steps: &[Step], earlier: usize, later: usize) -> bool {
        let (a, b) = (&steps[earlier], &steps[later]);
        (a.job == b.job && later > earlier) || self.needs.get(b.job).is_some_and(|n| n.contains(&self.names[a.job]))
    }
}

fn read_steps(file: &FileName, text: &str, facts: &mut Facts, on: &Triggers, steps: &[Step], order: &StepOrder) {
    let every_push = on.push || on.pull_request;
    if let Some((step, command)) = steps.iter().find_map(|s| commands::runs_tests(s.run, s.name).map(|c| (s, c))) {
        let (proof, missing) = if every_push {
            (Proof::Full, "")
        } else {
            (Proof::Partial, "it runs when started by hand or on a schedule, not on every push")
        };
        let line = line_of(text, step.line, &command);
        if on.reusable {
            facts.clue(file, text, ClueKind::CalledTests, line, &format!("{}|{command}", file.name));
        } else {
            let found = format!("a CI workflow that runs `{command}`");
            facts.found(file, text, Seen { item: "tests-on-every-push", proof, line, found, missing });
        }
    }
    let scanners = ["gitleaks", "trufflehog", "detect-secrets"];
    if let Some(step) = steps.iter().find(|s| scanners.iter().any(|w| s.run.contains(w) || s.uses.contains(w))) {
        let found = "a secret scanner in CI".to_owned();
        facts.proves(file, text, "no-secrets-in-repo", step.line, found);
    }
    read_deploys(file, text, facts, on, steps, order);
    for step in steps {
        if let Some((command, _)) = commands::find(step.run, DUMPS) {
            facts.clue(file, text, ClueKind::Dump, line_of(text, step.line, command), command);
        }
        if let Some((command, _)) = commands::find(step.run, OFFSITE) {
            facts.clue(file, text, ClueKind::Offsite, line_of(text, step.line, command), command);
        }
    }
}

/// A step whose name says it pushes or publishes an image ("Build and push image").
fn names_a_push(name: &str) -> bool {
    let lower = name.to_lowercase();
    let pushes = lower.contains("push") || lower.contains("publish");
    pushes && ["image", "docker", "container"].iter().any(|w| lower.contains(w))
}

fn deploy_command<'a>(step: &Step<'a>) -> Option<&'a str> {
    let action = DEPLOY_ACTIONS.iter().find(|a| step.uses.starts_with(**a)).copied();
    let command = action.or_else(|| commands::find(step.run, DEPLOYS).map(|c| c.0));
    // A job that deploys to an environment: its first command is the deploy (`docker compose up -d` on
    // the server's runner, a platform's CLI).
    let in_environment = || step.deployment.then(|| step.run.lines().find(|l| !l.trim().is_empty())).flatten();
    command.or_else(|| in_environment().map(str::trim))
}

fn read_deploys(file: &FileName, text: &str, facts: &mut Facts, on: &Triggers, steps: &[Step], order: &StepOrder) {
    let deploy = steps.iter().enumerate().find_map(|(i, s)| deploy_command(s).map(|c| (i, c)));
    let publish = steps.iter().find(|s| {
        (PUBLISH_ACTIONS.iter().any(|a| s.uses.starts_with(a)) && s.pushes)
            || commands::find(s.run, PUBLISHES).is_some()
            || names_a_push(s.name)
    });
    let release = publish.or_else(|| {
        steps.iter().find(|s| {
            RELEASE_ACTIONS.iter().any(|a| s.uses.starts_with(a))
                || s.uses.split('@').next().is_some_and(|action| action.contains("release"))
                || commands::find(s.run, RELEASES).is_some()
        })
    });
    let tagged = ["type=semver", "github.sha", "github.ref_name", "type=sha", "github.event.release"];
    if let Some(step) = publish
        && tagged.iter().any(|w| text.contains(w))
    {
        let found = "images built with a version or commit tag".to_owned();
        facts.proves(file, text, "named-versions", step.line, found);
    }
    if let (Some(step), true, None) = (release, on.main_or_tags, publish) {
        let found = "releases published from version tags".to_owned();
        facts.proves(file, text, "named-versions", step.line, found);
    }
    let Some((index, command)) = deploy else {
        if let Some(step) = release {
            let found = if publish.is_some() {
                "a pipeline that publishes an image"
            } else {
                "a pipeline that publishes a release"
            };
            let missing = if on.main_or_tags {
                "nothing in it deploys what it publishes to a server or platform"
            } else {
                "it runs when started by hand, and nothing in it deploys what it publishes"
            };
            let seen = Seen {
                item: "deploys-from-main",
                proof: Proof::Partial,
                line: step.line,
                found: found.to_owned(),
                missing,
            };
            facts.found(file, text, seen);
        }
        return;
    };
    let (proof, missing) = match (on.main_or_tags, on.by_hand_only) {
        (true, _) => (Proof::Full, ""),
        (false, true) => (Proof::Partial, "it deploys only when started by hand"),
        (false, false) => (Proof::Partial, "it does not run when main changes"),
    };
    let line = line_of(text, steps[index].line, command);
    let found = format!("a pipeline that deploys with `{command}`");
    facts.found(file, text, Seen { item: "deploys-from-main", proof, line, found, missing });
    let smoke =
        (0..steps.len()).find(|&i| order.after(steps, index, i) && commands::fetches_and_fails(steps[i].run).is_some());
    if let Some(check) = smoke {
        let undo = (0..steps.len()).any(|i| {
            order.after(steps, check, i)
                && steps[i].condition.contains("failure()")
                && ["rollback", "undo", "previous"].iter().any(|w| steps[i].run.contains(w))
        });
        let (proof, missing) =
            if undo { (Proof::Full, "") } else { (Proof::Partial, "nothing undoes the deploy when the check fails") };
        let line = line_of(text, steps[check].line, "curl").max(steps[check].line);
        let found = "a check of the live site after the deploy step".to_owned();
        facts.found(file, text, Seen { item: "smoke-check-after-deploy", proof, line, found, missing });
    }
}

/// GitLab CI's keywords that are not jobs.
const GITLAB_KEYWORDS: &[&str] = &[
    "stages",
    "variables",
    "include",
    "default",
    "workflow",
    "image",
    "services",
    "before_script",
    "after_script",
    "cache",
];

pub(super) fn gitlab_ci(file: &FileName, text: &str, facts: &mut Facts) {
    for doc in yaml::parse(text) {
        for (name, job) in
            doc.entries().iter().filter(|(name, _)| !GITLAB_KEYWORDS.contains(&name.as_str()) && !name.starts_with('.'))
        {
            let script: Vec<(usize, &str)> = ["before_script", "script", "after_script"]
                .iter()
                .filter_map(|k| job.get(k))
                .flat_map(Node::all_text)
                .collect();
            let rules = job
                .get("rules")
                .or(job.get("only"))
                .map(|r| r.all_text().iter().map(|t| t.1).collect::<Vec<_>>().join(" "));
            let on_main = rules.as_ref().is_none_or(|r| {
                ["main", "master", "CI_DEFAULT_BRANCH", "tags", "CI_COMMIT_TAG"].iter().any(|w| r.contains(w))
            });
            let manual = job.get("when").and_then(Node::text) == Some("manual");
            for (line, command_text) in &script {
                if let Some(command) = commands::runs_tests(command_text, name) {
                    let found = format!("a GitLab CI job `{name}` that runs `{command}`");
                    let line = line_of(text, *line, &command);
                    let seen = Seen { item: "tests-on-every-push", proof: Proof::Full, line, found, missing: "" };
                    facts.found(file, text, seen);
                }
                if let Some((command, _)) = commands::find(command_text, DEPLOYS) {
                    let (proof, missing) = match (on_main, manual) {
                        (true, false) => (Proof::Full, ""),
                        (_, true) => (Proof::Partial, "it deploys only when started by hand"),
                        (false, false) => (Proof::Partial, "it does not run when main changes"),
                    };
                    let found = format!("a GitLab CI job `{name}` that deploys with `{command}`");
                    facts.found(
                        file,
                        text,
                        Seen { item: "deploys-from-main", proof, line: line_of(text, *line, command), found, missing },
                    );
                }
            }
        }
    }
}

/// Jenkins, CircleCI, Azure Pipelines, Bitbucket, Drone, Woodpecker: their commands.
pub(super) fn other_ci(file: &FileName, text: &str, facts: &mut Facts) {
    if let Some(command) = commands::runs_tests(text, "") {
        let line = line_of(text, 1, &command);
        let found = format!("a CI pipeline that runs `{command}`");
        facts.found(file, text, Seen { item: "tests-on-every-push", proof: Proof::Full, line, found, missing: "" });
    }
}
