//! The hub's clock against ours.
//!
//! Timers on the desk ("waiting 01:12") count from hub timestamps. If this machine's clock is
//! off by a minute, subtracting a hub timestamp from `Date.now()` would show a minute too
//! much. Every hub event carries the hub's clock at emission, so the desk estimates the
//! offset and turns hub times into local ones before the UI sees them.

use crate::LocalMillis;
use hub_protocol::Millis;

/// The estimated offset `hub clock - local clock`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClockSkew {
    offset_ms: i64,
    known: bool,
}

impl ClockSkew {
    /// Learns from a hub timestamp taken at (or just before) `received_at` on our clock.
    ///
    /// Transit delay makes `hub_now` look older than it is, so an estimate can only err
    /// towards "hub behind"; the largest offset seen recently is the best one. Large jumps
    /// (someone set a clock) replace the estimate outright.
    pub fn observe(&mut self, hub_now: Millis, received_at: LocalMillis) {
        let sample = hub_now - received_at;
        if !self.known || sample > self.offset_ms || (self.offset_ms - sample).abs() > 5_000 {
            self.offset_ms = sample;
            self.known = true;
        }
    }

    /// A hub time on our clock.
    pub fn to_local(&self, hub: Millis) -> LocalMillis {
        hub - self.offset_ms
    }

    pub fn offset_ms(&self) -> i64 {
        self.offset_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hub_ahead_by_a_minute_is_corrected() {
        let mut skew = ClockSkew::default();
        // The hub says 12:01:00 when we read 12:00:00.
        skew.observe(3_660_000, 3_600_000);
        // A request that arrived at 12:00:30 hub time arrived at 11:59:30 our time.
        assert_eq!(skew.to_local(3_630_000), 3_570_000);
    }

    #[test]
    fn transit_delay_does_not_drag_the_estimate() {
        let mut skew = ClockSkew::default();
        skew.observe(1_000, 1_000);
        skew.observe(1_500, 1_800); // arrived 300 ms late
        assert_eq!(skew.offset_ms(), 0);
    }

    #[test]
    fn a_clock_jump_replaces_the_estimate() {
        let mut skew = ClockSkew::default();
        skew.observe(10_000, 10_000);
        skew.observe(10_000, 70_000); // our clock jumped a minute ahead
        assert_eq!(skew.offset_ms(), -60_000);
    }
}
