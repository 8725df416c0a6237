//! The terminal UI: the model and its pure `update` (app), the drawing (ui), and the
//! terminal loop that feeds keys in and runs jobs on the worker (tui).

pub mod app;
mod config_issues;
pub mod tui;
pub mod ui;

pub use config_issues::config_issues;
