//! The checklists compiled into the binary, so skillgap works standalone.

/// `(file name, RON text)` of each built-in checklist, in display order.
pub const BUILTIN_CHECKLISTS: &[(&str, &str)] = &[
    ("devops-basics.ron", include_str!("../../assets/checklists/devops-basics.ron")),
    ("developer-core.ron", include_str!("../../assets/checklists/developer-core.ron")),
    ("devops-engineer.ron", include_str!("../../assets/checklists/devops-engineer.ron")),
    ("launch-one-project.ron", include_str!("../../assets/checklists/launch-one-project.ron")),
    ("devsecops-basics.ron", include_str!("../../assets/checklists/devsecops-basics.ron")),
];
