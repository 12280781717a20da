//! The language the agent reads the desk in: one [`Localizer`], replaced when the agent
//! switches (or, until they choose, when the admin's default for them arrives at sign-in).
//! Shared by the shell, the event follower and the notifications, which all word things.

use std::sync::{Arc, RwLock};

use desk_core::l10n::Localizer;

pub struct Language(RwLock<Arc<Localizer>>);

impl Language {
    pub fn new(localizer: Localizer) -> Self {
        Self(RwLock::new(Arc::new(localizer)))
    }

    pub fn current(&self) -> Arc<Localizer> {
        Arc::clone(&self.0.read().expect("language lock"))
    }

    pub fn set(&self, localizer: Localizer) {
        *self.0.write().expect("language lock") = Arc::new(localizer);
    }
}
