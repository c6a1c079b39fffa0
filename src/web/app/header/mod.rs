//! The page's header: whether it works offline yet, and the row of links to the sections.

pub mod offline_status;
pub mod table_of_contents;
