//! Throughput of `Masker::mask` over the dev corpus: messages with entities, clean messages
//! (the corpus's non-sensitive lines: dates, amounts, order numbers, IPs, versions), the whole
//! corpus, and "chat-like" text.
//!
//! The corpus is a detector test: nearly every line holds a value or a decoy. Real chat is
//! mostly greetings, questions and small talk, so `chat/chat_like` mixes each corpus line with
//! nine ordinary sentences (deterministically, from the fixed list below). That group is the
//! one the product's throughput target (200 MB/s on one core) refers to.

use std::borrow::Cow;
use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use masking::Masker;

/// Ordinary chat sentences in the desk's languages, with no sensitive value in them: small
/// numbers, times, prices and emoji included, as customers and agents write them.
const ORDINARY: &[&str] = &[
    "Hi, I have a question about my last order.",
    "Thanks for your help, have a nice day!",
    "Can you tell me when the package will arrive?",
    "It was supposed to come on Tuesday but nothing yet.",
    "I paid 49.90 € yesterday and still got no confirmation.",
    "Sure, give me 2 minutes to check that for you.",
    "The app keeps crashing when I open the settings page 😕",
    "Ok great, that works for me. Bye!",
    "Is there a way to change the delivery address?",
    "I'd like to cancel my subscription please.",
    "Hallo, ich habe eine Frage zu meiner Rechnung vom März.",
    "Vielen Dank für die schnelle Antwort!",
    "Die Lieferung kam leider beschädigt an, was kann ich tun?",
    "Können Sie mich morgen zwischen 10 und 12 Uhr zurückrufen?",
    "Ich warte schon seit 3 Wochen auf meine Rückerstattung.",
    "Bonjour, je n'arrive pas à me connecter à mon compte.",
    "Merci beaucoup, bonne journée à vous aussi.",
    "Le colis est arrivé mais il manque un article.",
    "Est-ce que je peux payer en 3 fois sans frais ?",
    "D'accord, j'attends votre réponse par e-mail.",
    "Buongiorno, vorrei sapere lo stato del mio ordine.",
    "Grazie mille, gentilissimi come sempre!",
    "Il prodotto non funziona più dopo 2 giorni.",
    "Posso restituire l'articolo entro 30 giorni?",
    "Perfetto, aspetto vostre notizie.",
    "Hei, tilaukseni ei ole vielä saapunut.",
    "Kiitos paljon avusta, hyvää päivänjatkoa!",
    "Voinko vaihtaa toimitusosoitteen vielä?",
    "Paketti oli rikki, mitä nyt pitäisi tehdä?",
    "Selvä, odotan vastaustanne huomenna klo 9.",
    "مرحبا، لدي سؤال بخصوص طلبي الأخير.",
    "شكرا جزيلا على المساعدة.",
    "متى سيصل الطرد؟ انتظرت أكثر من أسبوع.",
    "أريد إلغاء الاشتراك من فضلك.",
    "هل يمكنني تغيير عنوان التوصيل؟",
    "No worries, I'll try again later tonight.",
    "The discount code SUMMER24 didn't work at checkout.",
    "My daughter ordered the blue one, size 38, but got the red one.",
    "We close at 18:00 today, but the chat is open until 20:00.",
    "Let me transfer you to a colleague from the billing team.",
];

/// Ordinary sentences per corpus line in the chat-like text.
const ORDINARY_PER_LINE: usize = 9;

/// The corpus texts in file order, and split into lines with entities and lines without.
fn corpus() -> (Vec<String>, Vec<String>, Vec<String>) {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/masking-dev.jsonl");
    let text = std::fs::read_to_string(&path).expect("dev corpus");
    let (mut all, mut with, mut clean) = (Vec::new(), Vec::new(), Vec::new());
    for line in text.lines() {
        let row: serde_json::Value = serde_json::from_str(line).expect("corpus line");
        let message = row["text"].as_str().expect("text").to_owned();
        let has_entities = row["entities"].as_array().is_some_and(|e| !e.is_empty());
        if has_entities {
            with.push(message.clone());
        } else {
            clean.push(message.clone());
        }
        all.push(message);
    }
    (all, with, clean)
}

/// Every corpus line followed by nine ordinary sentences, picked by a fixed xorshift so the
/// mix is the same on every run.
fn chat_like(corpus: &[String]) -> Vec<String> {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut lines = Vec::with_capacity(corpus.len() * (ORDINARY_PER_LINE + 1));
    for line in corpus {
        lines.push(line.clone());
        for _ in 0..ORDINARY_PER_LINE {
            lines.push(ORDINARY[(next() % ORDINARY.len() as u64) as usize].to_owned());
        }
    }
    lines
}

fn bench_group(c: &mut Criterion, masker: &Masker, group: &str, cases: &[(&str, &[String])]) {
    let mut group = c.benchmark_group(group);
    for &(name, lines) in cases {
        let bytes: usize = lines.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for line in lines {
                    black_box(masker.mask(black_box(line)));
                }
            })
        });
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    let masker = Masker::new();
    // The ordinary sentences must really be ordinary, or the chat-like figure measures masking.
    for s in ORDINARY {
        assert!(matches!(masker.mask(s), Cow::Borrowed(_)), "not ordinary: {s}");
    }
    let (all, with, clean) = corpus();
    let chat = chat_like(&all);
    bench_group(c, &masker, "mask", &[("with_entities", &with), ("clean", &clean)]);
    bench_group(c, &masker, "chat", &[("corpus", &all), ("chat_like", &chat)]);
}

criterion_group!(benches, bench);
criterion_main!(benches);
