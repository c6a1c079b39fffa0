//! Small helpers over browser APIs that several sections use: the clipboard, file downloads,
//! keyboard focus, how far the development server's build is, and the failure drills of the
//! end-to-end tests.

pub mod browser_facts;
pub mod clipboard;
pub mod clock;
pub mod drills;
pub mod file_download;
pub mod focus;
pub mod site_build;
