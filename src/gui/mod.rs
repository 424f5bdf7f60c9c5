//! The window.
use crate::cli::{GlobalArgs, WindowArgs};
pub fn run(_global: &GlobalArgs, _window: &WindowArgs) -> anyhow::Result<()> {
    anyhow::bail!("the window is not built yet")
}
