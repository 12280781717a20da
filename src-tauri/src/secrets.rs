//! "Remember me": the hub's device token for this desk in the OS keyring (the Secret Service
//! on Linux, through the `keyring` crate's real store, never its in-memory mock). Never the
//! password: the token signs this desk in again, and a new password or the agent's
//! `DELETE /v1/agents/me/devices` revokes it (finding L6).
//!
//! Only the token goes there; the user name and hub address are not secret and live in
//! the settings file. Keyring calls block on D-Bus, so callers run them off the async runtime.

use crate::error::{DeskError, DeskResult};

const SERVICE: &str = "agent-desk";

/// One account: a user on a hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account<'a> {
    pub hub: &'a str,
    pub username: &'a str,
}

impl Account<'_> {
    fn entry(&self) -> DeskResult<keyring::Entry> {
        let user = format!("{}@{}", self.username, self.hub);
        keyring::Entry::new(SERVICE, &user).map_err(keyring_error)
    }

    pub fn save_password(&self, password: &str) -> DeskResult<()> {
        self.entry()?.set_password(password).map_err(keyring_error)
    }

    pub fn password(&self) -> DeskResult<Option<String>> {
        match self.entry()?.get_password() {
            Ok(password) => Ok(Some(password)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(keyring_error(error)),
        }
    }

    pub fn forget(&self) -> DeskResult<()> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(keyring_error(error)),
        }
    }
}

fn keyring_error(error: keyring::Error) -> DeskError {
    DeskError::Keyring(error.to_string())
}
