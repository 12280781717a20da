//! The desktop's screen locker, as the desk hears it: a connection of the test's own that
//! owns `org.freedesktop.ScreenSaver` on the session bus and emits `ActiveChanged` from
//! there, as xfce4-screensaver, KDE or Cinnamon do when the screen locks and unlocks.
//!
//! Signals go to whoever listens at that moment, so a desk that has not subscribed yet
//! would miss one: [`ScreenSaver::lock_until`] says it again until the desk has acted
//! (saying "locked" twice is one lock for the desk, as for a real locker's repeats).

use std::future::Future;

use zbus::fdo::RequestNameFlags;
use zbus::Connection;

use super::eventually;

const NAME: &str = "org.freedesktop.ScreenSaver";
const PATH: &str = "/org/freedesktop/ScreenSaver";

pub struct ScreenSaver {
    connection: Connection,
}

impl ScreenSaver {
    /// Takes the screensaver's name on the session bus (from a previous test's stand-in
    /// too, whose connection may still be closing).
    pub async fn start() -> Self {
        let connection =
            Connection::session().await.expect("a session bus: run under scripts/test-session");
        connection
            .request_name_with_flags(
                NAME,
                RequestNameFlags::AllowReplacement
                    | RequestNameFlags::ReplaceExisting
                    | RequestNameFlags::DoNotQueue,
            )
            .await
            .expect("the screensaver's name");
        Self { connection }
    }

    /// `ActiveChanged(active)`, once.
    pub async fn active_changed(&self, active: bool) {
        self.connection
            .emit_signal(None::<&str>, PATH, NAME, "ActiveChanged", &active)
            .await
            .expect("ActiveChanged sent");
    }

    /// Locks the screen, saying it again until `acted` sees what the desk did.
    pub async fn lock_until<F, Fut>(&self, what: &str, acted: F)
    where
        F: Fn() -> Fut,
        Fut: Future<Output = bool>,
    {
        self.say_until(true, what, acted).await;
    }

    /// Unlocks the screen, saying it again until `acted` sees what the desk did.
    pub async fn unlock_until<F, Fut>(&self, what: &str, acted: F)
    where
        F: Fn() -> Fut,
        Fut: Future<Output = bool>,
    {
        self.say_until(false, what, acted).await;
    }

    async fn say_until<F, Fut>(&self, active: bool, what: &str, acted: F)
    where
        F: Fn() -> Fut,
        Fut: Future<Output = bool>,
    {
        eventually(what, || async {
            self.active_changed(active).await;
            acted().await.then_some(())
        })
        .await;
    }
}
