//! The layer below every domain: errors, canonical values, identity numbers and
//! masking, safe output files, the labelled-enum macro and the step machine for
//! dated workflows. Nothing here knows the store or a record kind.

pub mod canon;
pub mod enums;
pub mod error;
pub mod fields;
pub mod hash;
pub mod identity;
pub mod outfile;
pub mod period;
pub mod sortkey;
pub mod steps;
mod strokes;
