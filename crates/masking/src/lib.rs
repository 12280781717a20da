//! Placeholder: the masking engine is being written.
