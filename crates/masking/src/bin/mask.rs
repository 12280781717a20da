//! `mask`: the masker as a command-line filter. One message per line on stdin, the masked
//! line on stdout, exactly one output line per input line. With `--json`, each output line is
//! `{"text": masked, "spans": [{"start", "end", "kind"}]}` with byte offsets into the input
//! line.
//!
//! Large inputs are masked on two threads (the machines have two cores); output order is the
//! input order.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use masking::{mask_value, Masker, Span};
use serde::Serialize;

const USAGE: &str = "usage: mask [--json] < messages > masked";

#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    spans: &'a [Span],
}

fn main() -> ExitCode {
    let mut json = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => {
                eprintln!("mask: unknown argument {arg:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    match run(json) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe downstream (`mask | head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Input is read in batches of whatever the pipe holds (at most `BATCH` bytes); a batch's
/// complete lines are masked, on two threads when it is large, and written and flushed
/// before the next read, so a slow interactive producer still gets each line back at once.
const BATCH: usize = 1 << 18;

/// Below this, a batch is not worth a second thread.
const PARALLEL_FROM: usize = 1 << 15;

fn run(json: bool) -> io::Result<()> {
    let masker = Masker::new();
    let mut stdin = io::stdin().lock();
    let mut out = io::stdout().lock();
    let mut buf: Vec<u8> = Vec::with_capacity(BATCH);
    let mut done = false;
    while !done {
        let filled = buf.len();
        buf.resize(filled.max(BATCH / 2) + BATCH / 2, 0);
        let read = loop {
            match stdin.read(&mut buf[filled..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other?,
            }
        };
        buf.truncate(filled + read);
        done = read == 0;
        // Complete lines only; at the end of input, a last line without its newline too.
        let complete = match buf.iter().rposition(|&b| b == b'\n') {
            Some(last) => last + 1,
            None if done => buf.len(),
            None => continue,
        };
        let masked = mask_batch(&masker, &buf[..complete], json);
        out.write_all(&masked)?;
        out.flush()?;
        buf.drain(..complete);
    }
    Ok(())
}

/// Masks the lines of `batch` (each ending in a newline, except perhaps the last).
fn mask_batch(masker: &Masker, batch: &[u8], json: bool) -> Vec<u8> {
    if batch.len() < PARALLEL_FROM {
        return mask_lines(masker, batch, json);
    }
    let mut middle = batch.len() / 2;
    while batch[middle - 1] != b'\n' && middle < batch.len() {
        middle += 1;
    }
    let (first, second) = batch.split_at(middle);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| mask_lines(masker, second, json));
        let mut masked = mask_lines(masker, first, json);
        masked.extend(other.join().expect("masking thread"));
        masked
    })
}

/// Masks lines one by one: one output line for every input line.
fn mask_lines(masker: &Masker, lines: &[u8], json: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(lines.len() + lines.len() / 8);
    for line in lines.split_inclusive(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        // Invalid UTF-8 is replaced rather than refused: one line out for every line in.
        let line = String::from_utf8_lossy(line);
        if json {
            let spans = masker.find(&line);
            let masked = masked_with(&line, &spans);
            serde_json::to_writer(&mut out, &Line { text: &masked, spans: &spans })
                .expect("writing JSON to memory");
        } else {
            out.extend_from_slice(masker.mask(&line).as_bytes());
        }
        out.push(b'\n');
    }
    out
}

/// `line` with the spans already found masked, so `--json` detects once per line.
fn masked_with(line: &str, spans: &[Span]) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pos = 0;
    for s in spans {
        out.push_str(&line[pos..s.start]);
        out.push_str(&mask_value(&line[s.start..s.end], s.kind));
        pos = s.end;
    }
    out.push_str(&line[pos..]);
    out
}
