//! A project's story: what the project does in production, stage by stage, with the evidence, and the
//! portfolio sentence made from those facts ("I built and deployed Tuition centre with Docker and
//! Compose, a CI/CD pipeline, ..."). First as data (`ProjectStory`), then one renderer per format.

mod render;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Format, Paper, ReportError, optional_stage_id, stage_id};
use crate::Stage;
use crate::catalog::Catalog;
use crate::project::{Project, ProjectAssessment, ProjectStatus, assess};
use crate::score::Level;

pub(crate) use render::{render_story_html, render_story_markdown, render_story_text};

/// How many done items the portfolio sentence names before it says "and N more".
const SENTENCE_PHRASES: usize = 8;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProjectStory<'a> {
    pub date: DateTime<Utc>,
    pub name: &'a str,
    pub repository: &'a str,
    /// The title of the checklist it is scored against.
    pub checklist: &'a str,
    pub readiness: f64,
    pub level: u8,
    pub level_name: &'static str,
    /// What the next level needs, naming the items, and the Core item let pass below the level if any.
    pub next_level: super::NextLevelLine<'a>,
    /// ", except: <the Core item let pass below the level>", said right after the level's name; or empty.
    pub except: String,
    #[serde(serialize_with = "optional_stage_id")]
    pub limiting_stage: Option<Stage>,
    /// "Limited by Recover (0%). Next: ...".
    pub explanation: String,
    /// The portfolio sentence.
    pub sentence: String,
    pub done: usize,
    pub applicable: usize,
    pub stages: Vec<StageStory<'a>>,
}

/// One stage of a project: how far it is, what is done (with evidence), what is open, what does not apply.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StageStory<'a> {
    #[serde(serialize_with = "stage_id")]
    pub stage: Stage,
    pub name: &'static str,
    pub percent: Option<f64>,
    /// Every Core item done: the stage counts toward the level.
    pub in_hand: bool,
    pub done: Vec<Fact<'a>>,
    pub open: Vec<Fact<'a>>,
    pub not_applicable: Vec<Fact<'a>>,
}

/// One item of a project and what shows it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Fact<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub status: &'static str,
    /// A link, or a path in the project's folder; empty when none was given.
    pub evidence: &'a str,
    /// Where the evidence can be opened: the link itself, or the file in the repository on GitHub or GitLab.
    pub link: Option<String>,
    /// The note; for an item that does not apply, the reason.
    pub note: &'a str,
}

/// The story of `project` at `now`, or `None` when its checklist is not loaded.
pub(crate) fn project_story<'a>(
    catalog: &'a Catalog,
    project: &'a Project,
    now: DateTime<Utc>,
) -> Option<ProjectStory<'a>> {
    let assessed = assess(catalog, project)?;
    let score = &assessed.assessment.score;
    let stages = Stage::ALL.into_iter().map(|stage| stage_story(catalog, project, &assessed, stage)).collect();
    Some(ProjectStory {
        date: now,
        name: &project.name,
        repository: &project.repository,
        checklist: &catalog.checklists[assessed.checklist].title,
        readiness: score.readiness,
        level: score.level.number(),
        level_name: score.level.name(),
        next_level: super::NextLevelLine::of(catalog, score),
        except: score.except_clause(catalog),
        limiting_stage: score.limiting,
        explanation: assessed.assessment.explanation(catalog),
        sentence: sentence(catalog, project, &assessed),
        done: score.done,
        applicable: score.applicable,
        stages,
    })
}

fn stage_story<'a>(
    catalog: &'a Catalog,
    project: &'a Project,
    assessed: &ProjectAssessment,
    stage: Stage,
) -> StageStory<'a> {
    let score = assessed.assessment.score.stage(stage);
    let mut story = StageStory {
        stage,
        name: stage.name(),
        percent: score.percent(),
        in_hand: score.in_hand(),
        done: Vec::new(),
        open: Vec::new(),
        not_applicable: Vec::new(),
    };
    for index in catalog.checklists[assessed.checklist].item_range().filter(|&i| catalog.items[i].stage == stage) {
        let item = &catalog.items[index];
        let entry = project.items.get(&item.full_id);
        let status = entry.map_or(ProjectStatus::Todo, |e| e.status);
        let evidence = entry.map_or("", |e| e.evidence.as_str());
        let fact = Fact {
            id: &item.full_id,
            title: &item.title,
            status: status.id(),
            evidence,
            link: project.evidence_link(evidence),
            note: entry.map_or("", |e| e.note.as_str()),
        };
        match status {
            ProjectStatus::Done => story.done.push(fact),
            ProjectStatus::NotApplicable => story.not_applicable.push(fact),
            ProjectStatus::Todo | ProjectStatus::Doing => story.open.push(fact),
        }
    }
    story
}

/// The portfolio sentence: what the project has, in the words of its done items, Core ones first.
fn sentence(catalog: &Catalog, project: &Project, assessed: &ProjectAssessment) -> String {
    let mut done: Vec<usize> = catalog.checklists[assessed.checklist]
        .item_range()
        .filter(|&i| project.status(&catalog.items[i].full_id) == ProjectStatus::Done)
        .collect();
    if done.is_empty() {
        return format!("{} runs on localhost so far: none of its lifecycle is done yet.", project.name);
    }
    done.sort_by_key(|&i| catalog.items[i].weight);
    let mut phrases: Vec<String> = done
        .iter()
        .take(SENTENCE_PHRASES)
        .map(|&i| {
            let item = &catalog.items[i];
            if item.phrase.is_empty() { item.title.to_lowercase() } else { item.phrase.clone() }
        })
        .collect();
    if done.len() > SENTENCE_PHRASES {
        phrases.push(format!("{} more practices", done.len() - SENTENCE_PHRASES));
    }
    let verb = if assessed.assessment.score.level >= Level::Ships { "built and deployed" } else { "built" };
    format!("I {verb} {} with {}.", project.name, join_with_and(&phrases))
}

/// "a, b and c".
fn join_with_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Renders `story` in `format`; `paper` is the page size of a PDF.
pub(crate) fn render_story(story: &ProjectStory, format: Format, paper: Paper) -> Result<Vec<u8>, ReportError> {
    Ok(match format {
        Format::Text => render_story_text(story).into_bytes(),
        Format::Markdown => render_story_markdown(story).into_bytes(),
        Format::Html => render_story_html(story).into_bytes(),
        Format::Json => {
            let mut json = serde_json::to_string_pretty(story).unwrap_or_default();
            json.push('\n');
            json.into_bytes()
        }
        Format::Pdf => super::pdf::render_story_pdf(story, paper)?,
    })
}

/// One project as the personal summary lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectLine<'a> {
    pub name: &'a str,
    pub readiness: f64,
    pub level: u8,
    /// The level's name, with the Core item let pass below it if any ("Recoverable, except: …").
    pub level_name: String,
    pub done: usize,
    pub applicable: usize,
}

/// The person's projects whose checklists are loaded, in the order they were added.
pub(crate) fn project_lines<'a>(catalog: &Catalog, projects: &'a [Project]) -> Vec<ProjectLine<'a>> {
    projects
        .iter()
        .filter_map(|project| {
            let score = assess(catalog, project)?.assessment.score;
            Some(ProjectLine {
                name: &project.name,
                readiness: score.readiness,
                level: score.level.number(),
                level_name: format!("{}{}", score.level.name(), score.except_clause(catalog)),
                done: score.done,
                applicable: score.applicable,
            })
        })
        .collect()
}
