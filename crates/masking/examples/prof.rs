// TEMPORARY profiling driver (to be deleted).
use std::hint::black_box;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let reps: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let m = masking::Masker::new();
    for l in &lines {
        black_box(m.mask(l));
    }
    let mut n = 0;
    for _ in 0..reps {
        for l in &lines {
            n += black_box(m.mask(black_box(l))).len();
        }
    }
    println!("{n}");
}
