//! FAQ answers for the compose box: which answers suit a conversation's language, which match
//! what the agent typed, and the answer's text with its placeholders filled in.
//!
//! The hub serves every language's answers once per session (`GET /v1/faq`); picking and
//! searching happen here, on every keystroke of the FAQ search, so they must be cheap and
//! predictable: the best matches first (title prefix, then a word of the title, then anywhere
//! in the title, then the text), case- and accent-insensitive, because an agent typing `/rem`
//! expects "Remboursement" and "Rémunération" alike.
//!
//! Placeholders are filled from what the desk holds: the customer's name as the desk shows it
//! (masked where masking applies, like every customer text) and the agent's display name.

use std::collections::HashMap;

use hub_protocol::{Conversation, FaqAnswer, Queue};
use serde::Serialize;

/// The language answers fall back to when none exists in the conversation's language.
pub const FALLBACK_LANGUAGE: &str = "en-US";
/// How many answers the list shows at most.
pub const MAX_RESULTS: usize = 50;
/// How much of an answer's text the list previews.
const PREVIEW_CHARS: usize = 140;

/// An answer as the FAQ list shows it, ready to insert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FaqResultView {
    pub id: String,
    pub language: String,
    pub title: String,
    /// The filled text, on one line and cut, for the list.
    pub preview: String,
    /// The filled text, as it goes into the compose box.
    pub text: String,
}

/// Who the placeholders name.
#[derive(Debug, Clone, Copy)]
pub struct Placeholders<'a> {
    /// The customer's name as the desk holds it (masked view).
    pub customer_name: &'a str,
    pub agent_name: &'a str,
}

/// The FAQ as fetched once per session, with each queue's language: a conversation is
/// answered in its queue's language (the market the customer chose, as the hub's
/// configuration documents), or in the customer's when the queue is not known any more.
#[derive(Debug, Clone, Default)]
pub struct FaqBook {
    answers: Vec<FaqAnswer>,
    queue_languages: HashMap<String, String>,
}

impl FaqBook {
    pub fn new(answers: Vec<FaqAnswer>, queues: &[Queue]) -> Self {
        let queue_languages =
            queues.iter().map(|queue| (queue.id.clone(), queue.language.clone())).collect();
        Self { answers, queue_languages }
    }

    /// The language a conversation is answered in: its queue's, else the customer's.
    pub fn language_of<'a>(&'a self, conversation: &'a Conversation) -> Option<&'a str> {
        self.queue_languages.get(&conversation.queue_id).map(String::as_str).or_else(|| {
            conversation.customer.language.as_deref().filter(|language| !language.trim().is_empty())
        })
    }

    /// The answers for a conversation (already masked, as the desk holds it) that match
    /// `query`, filled in with its customer's and the agent's names.
    pub fn results_for(
        &self,
        conversation: &Conversation,
        agent_name: &str,
        query: &str,
    ) -> Vec<FaqResultView> {
        let names = Placeholders { customer_name: &conversation.customer.name, agent_name };
        results(&self.answers, self.language_of(conversation), query, names)
    }
}

/// The answers for a conversation in `language` (BCP 47): those in exactly that language
/// first, then those of the same primary language (a `fr-CA` chat gets `fr-CA`, then `fr`
/// answers); when there are none, the [`FALLBACK_LANGUAGE`] answers. Configuration order is
/// kept within each group.
pub fn for_language<'a>(answers: &'a [FaqAnswer], language: Option<&str>) -> Vec<&'a FaqAnswer> {
    let pick = |language: &str| -> Vec<&'a FaqAnswer> {
        let primary = primary(language);
        let exact = answers.iter().filter(|answer| answer.language.eq_ignore_ascii_case(language));
        let related = answers.iter().filter(|answer| {
            !answer.language.eq_ignore_ascii_case(language)
                && primary.eq_ignore_ascii_case(self::primary(&answer.language))
        });
        exact.chain(related).collect()
    };
    let chosen = language.map(pick).unwrap_or_default();
    if chosen.is_empty() {
        pick(FALLBACK_LANGUAGE)
    } else {
        chosen
    }
}

/// The answers matching `query`, best first: title starts with it, then a word of the title
/// starts with it, then the title contains it, then the text contains it. An empty query
/// keeps every answer in order.
pub fn search<'a>(answers: &[&'a FaqAnswer], query: &str) -> Vec<&'a FaqAnswer> {
    let query = fold(query.trim());
    if query.is_empty() {
        return answers.to_vec();
    }
    let mut ranked: Vec<(u8, usize, &FaqAnswer)> = answers
        .iter()
        .enumerate()
        .filter_map(|(at, answer)| rank(answer, &query).map(|rank| (rank, at, *answer)))
        .collect();
    ranked.sort_by_key(|(rank, at, _)| (*rank, *at));
    ranked.into_iter().map(|(_, _, answer)| answer).collect()
}

fn rank(answer: &FaqAnswer, query: &str) -> Option<u8> {
    let title = fold(&answer.title);
    if title.starts_with(query) {
        Some(0)
    } else if title.split(|c: char| !c.is_alphanumeric()).any(|word| word.starts_with(query)) {
        Some(1)
    } else if title.contains(query) {
        Some(2)
    } else if fold(&answer.text).contains(query) {
        Some(3)
    } else {
        None
    }
}

/// Fills `{firstName}`, `{name}`, `{agentName}` and `{agentFirstName}`; any other `{…}` is
/// left as written (the agent sees it and edits it).
pub fn fill(text: &str, names: Placeholders<'_>) -> String {
    let mut filled = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open..];
        rest = after;
        let Some(close) = after.find('}') else { break };
        let value = match &after[1..close] {
            "firstName" => Some(first_name(names.customer_name)),
            "name" => Some(names.customer_name.trim()),
            "agentName" => Some(names.agent_name.trim()),
            "agentFirstName" => Some(first_name(names.agent_name)),
            _ => None,
        };
        match value {
            Some(value) => {
                filled.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                filled.push('{');
                rest = &after[1..];
            }
        }
    }
    filled.push_str(rest);
    filled
}

/// The answers for a conversation matching `query`, filled in, at most [`MAX_RESULTS`].
pub fn results(
    answers: &[FaqAnswer],
    language: Option<&str>,
    query: &str,
    names: Placeholders<'_>,
) -> Vec<FaqResultView> {
    search(&for_language(answers, language), query)
        .into_iter()
        .take(MAX_RESULTS)
        .map(|answer| {
            let text = fill(&answer.text, names);
            FaqResultView {
                id: answer.id.clone(),
                language: answer.language.clone(),
                title: answer.title.clone(),
                preview: preview(&text),
                text,
            }
        })
        .collect()
}

/// The first whitespace-separated word of a name.
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or("")
}

fn primary(language: &str) -> &str {
    language.split(['-', '_']).next().unwrap_or(language)
}

fn preview(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= PREVIEW_CHARS {
        return flat;
    }
    let mut cut: String = flat.chars().take(PREVIEW_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Lower case without accents (Latin letters) or Arabic short-vowel marks, for comparing
/// what the agent types with titles and texts.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| {
            !('\u{064B}'..='\u{0652}').contains(c) && !('\u{0300}'..='\u{036F}').contains(c)
        })
        .map(|c| match c {
            'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ì'..='ï' | 'ī' | 'į' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'š' | 'ś' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(id: &str, language: &str, title: &str, text: &str) -> FaqAnswer {
        FaqAnswer {
            id: id.into(),
            language: language.into(),
            title: title.into(),
            text: text.into(),
        }
    }

    fn ids(answers: &[&FaqAnswer]) -> Vec<String> {
        answers.iter().map(|answer| answer.id.clone()).collect()
    }

    fn book() -> Vec<FaqAnswer> {
        vec![
            answer("en-hours", "en-US", "Opening hours", "We are open 8–20."),
            answer("fr-hours", "fr", "Heures d'ouverture", "Nous sommes ouverts de 8 h à 20 h."),
            answer("ca-hours", "fr-CA", "Heures d'ouverture", "Ouvert de 8 h à 20 h (HNE)."),
            answer("fi-hours", "fi", "Aukioloajat", "Olemme avoinna 8–20."),
            answer("en-refund", "en-US", "Refunds", "Refunds take 5 days."),
        ]
    }

    #[test]
    fn the_exact_language_comes_first_then_the_same_primary_language() {
        let book = book();
        assert_eq!(ids(&for_language(&book, Some("fr-CA"))), ["ca-hours", "fr-hours"]);
        assert_eq!(ids(&for_language(&book, Some("fr"))), ["fr-hours", "ca-hours"]);
        assert_eq!(ids(&for_language(&book, Some("FI"))), ["fi-hours"]);
        assert_eq!(ids(&for_language(&book, Some("en-GB"))), ["en-hours", "en-refund"]);
    }

    #[test]
    fn a_language_without_answers_falls_back_to_english() {
        let book = book();
        assert_eq!(ids(&for_language(&book, Some("de"))), ["en-hours", "en-refund"]);
        assert_eq!(ids(&for_language(&book, None)), ["en-hours", "en-refund"]);
    }

    #[test]
    fn search_ranks_title_prefix_then_word_then_anywhere_then_text() {
        let answers = [
            answer("text", "en-US", "Delivery", "Ask for a refund at the desk."),
            answer("inside", "en-US", "Nonrefundable tickets", "…"),
            answer("word", "en-US", "Late refunds", "…"),
            answer("prefix", "en-US", "Refunds", "…"),
            answer("none", "en-US", "Opening hours", "We are open."),
        ];
        let all: Vec<&FaqAnswer> = answers.iter().collect();
        assert_eq!(ids(&search(&all, "refund")), ["prefix", "word", "inside", "text"]);
        assert_eq!(ids(&search(&all, "  ")).len(), 5, "an empty query keeps every answer");
        assert!(search(&all, "xyz").is_empty());
    }

    #[test]
    fn search_ignores_case_and_accents() {
        let answers = [
            answer("remb", "fr", "Remboursement", "…"),
            answer("remu", "fr", "Rémunération", "…"),
            answer("ar", "ar", "الاسترداد", "نُعيد المبلغ خلال خمسة أيام"),
        ];
        let all: Vec<&FaqAnswer> = answers.iter().collect();
        assert_eq!(ids(&search(&all, "REM")), ["remb", "remu"]);
        assert_eq!(ids(&search(&all, "rému")), ["remu"]);
        assert_eq!(ids(&search(&all, "نعيد")), ["ar"], "short vowels do not count");
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        let names = Placeholders { customer_name: "Maria  Virtanen", agent_name: "Aino Agent" };
        assert_eq!(
            fill("Hi {firstName} ({name}), I am {agentFirstName} — {agentName}.", names),
            "Hi Maria (Maria  Virtanen), I am Aino — Aino Agent."
        );
        assert_eq!(fill("Order {orderId} for {firstName}", names), "Order {orderId} for Maria");
        assert_eq!(fill("{ {firstName}} {", names), "{ Maria} {");
        assert_eq!(fill("no placeholder", names), "no placeholder");
    }

    #[test]
    fn a_masked_name_fills_in_as_the_desk_shows_it() {
        let names = Placeholders { customer_name: "*********7542", agent_name: "Aino" };
        assert_eq!(fill("Hello {firstName}", names), "Hello *********7542");
        let nameless = Placeholders { customer_name: "", agent_name: "Aino" };
        assert_eq!(fill("Hello {firstName}!", nameless), "Hello !");
    }

    #[test]
    fn results_are_filled_previewed_and_bounded() {
        let mut book = book();
        book.push(answer("long", "en-US", "Long", &"word ".repeat(100)));
        let names = Placeholders { customer_name: "Maria Virtanen", agent_name: "Aino" };
        let found = results(&book, Some("en-US"), "ref", names);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "Refunds take 5 days.");
        let long = &results(&book, Some("en-US"), "long", names)[0];
        assert_eq!(long.preview.chars().count(), PREVIEW_CHARS);
        assert!(long.preview.ends_with('…'));
        let many: Vec<FaqAnswer> =
            (0..80).map(|i| answer(&i.to_string(), "en-US", "Same", "…")).collect();
        assert_eq!(results(&many, None, "", names).len(), MAX_RESULTS);
    }

    #[test]
    fn a_conversation_is_answered_in_its_queues_language_else_its_customers() {
        let queue: Queue = serde_json::from_value(serde_json::json!({
            "id": "wa-fi", "name": "WhatsApp FI", "channel": "whatsapp", "language": "fi",
            "waiting": 0, "availableAgents": 0
        }))
        .unwrap();
        let book = FaqBook::new(book(), &[queue]);
        let conversation = |queue: &str, language: Option<&str>| -> Conversation {
            serde_json::from_value(serde_json::json!({
                "id": "c1", "channel": "whatsapp", "queueId": queue, "queueName": "WhatsApp FI",
                "customer": { "name": "Maria Virtanen", "email": null, "phone": null,
                              "source": null, "language": language },
                "state": "active", "createdAt": 0, "agentId": "anna"
            }))
            .unwrap()
        };
        assert_eq!(book.language_of(&conversation("wa-fi", None)), Some("fi"));
        assert_eq!(book.language_of(&conversation("wa-fi", Some("en-US"))), Some("fi"));
        assert_eq!(book.language_of(&conversation("deleted", Some("fr-CA"))), Some("fr-CA"));
        assert_eq!(book.language_of(&conversation("deleted", None)), None);
        let found = book.results_for(&conversation("wa-fi", Some("en-US")), "Aino", "");
        assert_eq!(found.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["fi-hours"]);
    }
}
