//! The masking crate's integration tests, one binary (ripgrep-style): the dev corpus, the
//! public API as the desk and the hub use it, and properties over generated messages.

mod adversarial;
mod api;
mod corpus;
mod props;
mod random;

use std::sync::LazyLock;

use masking::Masker;

/// One masker for every test, as the desk shares one.
pub static MASKER: LazyLock<Masker> = LazyLock::new(Masker::new);
