//! Placeholder: filled in by the work on issue 6/7.
fn main() {}
