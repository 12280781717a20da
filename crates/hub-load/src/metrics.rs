//! Latency summaries: count, p50/p95/p99 and max, exact (nearest rank over every sample).
//!
//! A bench run yields at most a few hundred thousand samples, so keeping them all and
//! sorting once is simpler than a histogram and has no rounding to explain.

use serde::Serialize;

/// A latency distribution in milliseconds.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub count: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

/// The nearest-rank percentile `p` (0–100) of sorted samples: the smallest sample with at
/// least p % of the samples at or below it.
pub fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

impl Summary {
    /// The summary of samples in microseconds.
    pub fn of_micros(mut samples: Vec<u64>) -> Self {
        samples.sort_unstable();
        let ms = |us: u64| us as f64 / 1000.0;
        Self {
            count: samples.len(),
            p50_ms: ms(percentile(&samples, 50.0)),
            p95_ms: ms(percentile(&samples, 95.0)),
            p99_ms: ms(percentile(&samples, 99.0)),
            max_ms: ms(samples.last().copied().unwrap_or(0)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let samples: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&samples, 50.0), 50);
        assert_eq!(percentile(&samples, 95.0), 95);
        assert_eq!(percentile(&samples, 99.0), 99);
        assert_eq!(percentile(&samples, 100.0), 100);
        assert_eq!(percentile(&samples, 0.0), 1);
        // Few samples: p99 of ten is the largest, p50 the fifth.
        let ten: Vec<u64> = (1..=10).map(|n| n * 10).collect();
        assert_eq!(percentile(&ten, 99.0), 100);
        assert_eq!(percentile(&ten, 50.0), 50);
        assert_eq!(percentile(&[], 50.0), 0);
    }

    #[test]
    fn a_summary_sorts_its_samples_and_speaks_milliseconds() {
        let summary = Summary::of_micros(vec![3_000, 1_000, 2_000, 250_000]);
        assert_eq!(summary.count, 4);
        assert_eq!(summary.p50_ms, 2.0);
        assert_eq!(summary.p99_ms, 250.0);
        assert_eq!(summary.max_ms, 250.0);
        assert_eq!(Summary::of_micros(Vec::new()), Summary::default());
    }
}
