//! desk-core's integration tests: one binary (`cargo test -p desk-core --test it`), one module
//! per concern.

mod french_typography;
mod l10n_check;
