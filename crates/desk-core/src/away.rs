//! What locking the screen or putting the computer to sleep does to the agent's state.
//!
//! An Available agent who walks away from a locked screen would collect missed requests
//! (RONA) one after the other; the desk moves them to an idle code instead, and when they
//! come back it puts them back to Available, but only if the state is still the one the desk
//! set (same state, same start on the hub's clock): an agent who chose another state while
//! away, or who was not Available to begin with, is left as they are.
//!
//! The desktop speaks through several signals (the screensaver's `ActiveChanged`, logind's
//! `Lock`/`Unlock` and `PrepareForSleep`). The screen's lock is one level, set by whichever
//! spoke last, since a locker that follows logind's `Lock` unlocks without a matching
//! `Unlock`; sleep is another. The agent is away while either holds, so waking up to a
//! locked screen keeps them away until they unlock it.

use hub_protocol::{AgentState, Reason, RequestedState, StateSince};

/// One thing the desktop said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// The screen locked (`true`) or unlocked (`false`): the screensaver's `ActiveChanged`,
    /// logind's `Lock` and `Unlock`.
    ScreenLocked(bool),
    /// The computer is about to sleep (`true`) or woke up (`false`): `PrepareForSleep`.
    Sleeping(bool),
}

/// The agent left the computer, or came back to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Away,
    Back,
}

/// The lock and sleep levels, and the state the desk itself set.
#[derive(Debug, Default)]
pub struct Away {
    locked: bool,
    asleep: bool,
    /// The state the desk moved the agent to, as the hub confirmed it.
    moved: Option<StateSince>,
}

impl Away {
    /// Takes in one signal; says whether the agent just left or just came back.
    pub fn signal(&mut self, signal: Signal) -> Option<Edge> {
        let was_away = self.is_away();
        match signal {
            Signal::ScreenLocked(locked) => self.locked = locked,
            Signal::Sleeping(asleep) => self.asleep = asleep,
        }
        match (was_away, self.is_away()) {
            (false, true) => Some(Edge::Away),
            (true, false) => Some(Edge::Back),
            _ => None,
        }
    }

    pub fn is_away(&self) -> bool {
        self.locked || self.asleep
    }

    /// What to ask the hub for as the agent leaves: the chosen idle code (the first the hub
    /// lists when none is chosen, or the chosen one is no longer configured), only for an
    /// agent who is Available and only when the preference is on.
    pub fn leave(
        enabled: bool,
        chosen: Option<&str>,
        current: &AgentState,
        idle_codes: &[Reason],
    ) -> Option<RequestedState> {
        if !enabled || *current != AgentState::Available {
            return None;
        }
        let code = chosen
            .and_then(|chosen| idle_codes.iter().find(|code| code.id == chosen))
            .or_else(|| idle_codes.first())?;
        Some(RequestedState::Idle { code: code.id.clone() })
    }

    /// The hub confirmed the state the desk moved the agent to.
    pub fn moved(&mut self, confirmed: StateSince) {
        self.moved = Some(confirmed);
    }

    /// As the agent comes back: whether to put them back to Available, which is only when
    /// the desk moved them and their state is still that one. `current` is the state as the
    /// desk last heard it on the event stream: one older than the move means the stream has
    /// not brought the move yet (a lock and unlock in a moment), nor anything after it. The
    /// move is forgotten either way.
    pub fn come_back(&mut self, current: &StateSince) -> bool {
        self.moved.take().is_some_and(|moved| moved == *current || current.since < moved.since)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes() -> Vec<Reason> {
        ["break", "lunch"]
            .into_iter()
            .map(|id| Reason { id: id.into(), labels: Default::default() })
            .collect()
    }

    fn idle(code: &str, since: i64) -> StateSince {
        StateSince { state: AgentState::Idle { code: code.into() }, since }
    }

    #[test]
    fn locking_and_unlocking_the_screen_leaves_and_comes_back() {
        let mut away = Away::default();
        assert_eq!(away.signal(Signal::ScreenLocked(true)), Some(Edge::Away));
        // The screensaver and logind both say it: one departure.
        assert_eq!(away.signal(Signal::ScreenLocked(true)), None);
        assert_eq!(away.signal(Signal::ScreenLocked(false)), Some(Edge::Back));
        assert_eq!(away.signal(Signal::ScreenLocked(false)), None);
    }

    #[test]
    fn waking_up_to_a_locked_screen_is_not_coming_back() {
        let mut away = Away::default();
        // A locker locks as the computer goes to sleep (logind's PrepareForSleep).
        assert_eq!(away.signal(Signal::Sleeping(true)), Some(Edge::Away));
        assert_eq!(away.signal(Signal::ScreenLocked(true)), None);
        assert_eq!(away.signal(Signal::Sleeping(false)), None, "still locked");
        assert_eq!(away.signal(Signal::ScreenLocked(false)), Some(Edge::Back));
        // Sleeping without a locker: back on waking up.
        assert_eq!(away.signal(Signal::Sleeping(true)), Some(Edge::Away));
        assert_eq!(away.signal(Signal::Sleeping(false)), Some(Edge::Back));
    }

    #[test]
    fn only_an_available_agent_is_moved_and_only_when_wanted() {
        let available = AgentState::Available;
        let lunch = || Some(RequestedState::Idle { code: "lunch".into() });
        let first = || Some(RequestedState::Idle { code: "break".into() });
        assert_eq!(Away::leave(true, Some("lunch"), &available, &codes()), lunch());
        assert_eq!(Away::leave(true, None, &available, &codes()), first());
        // A code the hub no longer has: the first it lists.
        assert_eq!(Away::leave(true, Some("gone"), &available, &codes()), first());
        assert_eq!(Away::leave(false, Some("lunch"), &available, &codes()), None);
        assert_eq!(Away::leave(true, None, &available, &[]), None);
        for other in [
            AgentState::Rona,
            AgentState::WorkingOffline,
            AgentState::Idle { code: "lunch".into() },
        ] {
            assert_eq!(Away::leave(true, None, &other, &codes()), None, "{other:?}");
        }
    }

    #[test]
    fn the_desk_puts_back_only_the_state_it_set() {
        let mut away = Away::default();
        away.moved(idle("break", 10));
        assert!(away.come_back(&idle("break", 10)));
        // Forgotten once used: a later return without a move does nothing.
        assert!(!away.come_back(&idle("break", 10)));
        // The agent chose another state while away, or chose the same one again later.
        away.moved(idle("break", 10));
        assert!(!away.come_back(&idle("lunch", 20)));
        away.moved(idle("break", 10));
        assert!(!away.come_back(&StateSince { state: AgentState::Available, since: 30 }));
        away.moved(idle("break", 10));
        assert!(!away.come_back(&idle("break", 40)));
        // Unlocked before the stream brought the move: nothing came after it either.
        away.moved(idle("break", 10));
        assert!(away.come_back(&StateSince { state: AgentState::Available, since: 5 }));
        // Never moved (the agent was not Available, or the preference was off).
        assert!(!Away::default().come_back(&idle("break", 10)));
    }
}
