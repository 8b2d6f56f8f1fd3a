//! The layer below every domain: errors, canonical values, identity numbers and
//! masking, safe output files. Nothing here knows the store or a record kind.

pub mod canon;
pub mod error;
pub mod fields;
pub mod hash;
pub mod identity;
pub mod outfile;
