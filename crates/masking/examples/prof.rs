// TEMPORARY profiling driver (to be deleted).
use std::hint::black_box;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let reps: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let bytes: usize = lines.iter().map(|l| l.len()).sum();
    let m = masking::Masker::new();
    for l in &lines {
        black_box(m.mask(l));
    }
    let mut n = 0;
    let mut best = f64::MAX;
    for _ in 0..reps {
        let t = std::time::Instant::now();
        for l in &lines {
            n += black_box(m.mask(black_box(l))).len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    eprintln!("best {:.1} MB/s", bytes as f64 / best / 1e6);
    println!("{n}");
}
