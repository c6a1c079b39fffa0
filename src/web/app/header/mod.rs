//! The page's header: whether it works offline yet, whether the development server is still
//! building part of it, the class a teacher's link set it up for, and the row of links to the
//! sections.

pub mod build_status;
pub mod class_banner;
pub mod offline_status;
pub mod table_of_contents;
