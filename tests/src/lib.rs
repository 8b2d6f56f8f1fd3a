//! Test support crate: see tests/*.rs.
