//! The customers, through the widget API as the browser's widget drives it: a start
//! (`POST /widget/v1/conversations`), a single-use stream ticket, the conversation's event
//! stream with the ticket in its URL (a new ticket and `Last-Event-ID` after a drop). Each
//! answers the agent's first message once and leaves when the stream says the chat ended.
//!
//! The pre-filled open conversations (`--open`) are starts only, in a queue no bench agent
//! serves: customers waiting with no stream open (a hundred thousand browsers are not on
//! this machine), which is what makes each later arrival's routing pass longer.

use std::sync::Arc;

use futures_util::StreamExt;
use hub_protocol::{
    Author, CustomerEvent, CustomerEventBody, Message, SendMessageRequest, StartChatRequest,
    StartChatResponse, StreamTicket,
};

use crate::journal::{Micros, Obs};
use crate::run::{describe, Ctx};
use crate::sse::{self, Events, Next};

/// One pre-filled start: the `n`th, sent at `sent`, answered after `took`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenSample {
    pub n: usize,
    pub sent: Micros,
    pub took: Micros,
}

fn start_request(queue: &str, n: usize) -> StartChatRequest {
    StartChatRequest {
        name: format!("Customer {n}"),
        queue_id: Some(queue.to_owned()),
        language: Some("en-US".to_owned()),
        source: Some("https://shop.example/help".to_owned()),
        text: format!("Hello, my order {n} has not arrived."),
        ..StartChatRequest::default()
    }
}

/// `POST /widget/v1/conversations`; the conversation and the customer's token.
async fn start(ctx: &Ctx, base: &str, queue: &str, n: usize) -> Result<StartChatResponse, String> {
    let request =
        ctx.http.post(format!("{base}/widget/v1/conversations")).json(&start_request(queue, n));
    let response = ctx.send(request).await?;
    response.json().await.map_err(|e| e.to_string())
}

/// Customer `n` arrives at `base`, chats, and leaves when the chat ends (or the run stops).
pub async fn arrive(ctx: Arc<Ctx>, base: String, n: usize) {
    let sent = ctx.journal.now();
    let started = match start(&ctx, &base, &ctx.options.queue, n).await {
        Ok(started) => started,
        Err(error) => {
            return ctx.journal.failure("customer starts", format!("customer {n}: {error}"))
        }
    };
    let conv = started.conversation_id;
    ctx.journal.push(Obs::Arrival { conv: conv.clone(), sent, answered: ctx.journal.now() });
    follow(&ctx, &base, &conv, &started.customer_token).await;
}

async fn follow(ctx: &Ctx, base: &str, conv: &str, token: &str) {
    let url = format!("{base}/widget/v1/conversations/{conv}");
    let mut last: Option<u64> = None;
    let mut replied = false;
    let mut stop = ctx.stop.clone();
    loop {
        let ticket = ctx.http.post(format!("{url}/stream-tickets")).bearer_auth(token);
        let ticket: StreamTicket = match ctx.send(ticket).await {
            Ok(response) => match response.json().await {
                Ok(ticket) => ticket,
                Err(error) => {
                    return ctx
                        .journal
                        .failure("customer stream ticket", format!("{conv}: {error}"))
                }
            },
            Err(error) => {
                return ctx.journal.failure("customer stream ticket", format!("{conv}: {error}"))
            }
        };
        let mut request = ctx
            .http
            .get(format!("{url}/events"))
            .query(&[("ticket", ticket.ticket.as_str())])
            .header(reqwest::header::ACCEPT, "text/event-stream");
        if let Some(id) = last {
            request = request.header("Last-Event-ID", id.to_string());
        }
        match request.send().await {
            Ok(response) if response.status().is_success() => {
                let mut events = Events::new(response, "customer event unreadable");
                loop {
                    let event: CustomerEvent = match events.next(&mut stop, &ctx.journal).await {
                        Next::Event(event) => event,
                        Next::Ended => break,
                        Next::Stopped => return,
                    };
                    if event.id != 0 {
                        last = Some(event.id);
                    }
                    match event.body {
                        CustomerEventBody::MessageAdded { message }
                            if matches!(message.author, Author::Agent { .. }) =>
                        {
                            ctx.journal.push(Obs::CustomerSaw {
                                conv: conv.to_owned(),
                                message: message.id,
                                event: event.id,
                                at: ctx.journal.now(),
                            });
                            if !replied {
                                replied = true;
                                reply(ctx, &url, conv, token).await;
                            }
                        }
                        CustomerEventBody::Ended => return,
                        _ => {}
                    }
                }
            }
            Ok(response) => ctx
                .journal
                .failure("customer stream refused", format!("{conv}: {}", response.status())),
            Err(error) => ctx
                .journal
                .failure("customer stream failed", format!("{conv}: {}", describe(&error))),
        }
        if !sse::reconnect(&stop, &ctx.journal, format!("customer of {conv}")).await {
            return;
        }
    }
}

async fn reply(ctx: &Ctx, url: &str, conv: &str, token: &str) {
    let body = SendMessageRequest {
        client_id: format!("customer-{conv}"),
        text: format!("Thanks, the order number is in the first message. ({conv})"),
    };
    let sent = ctx.journal.now();
    let request = ctx.http.post(format!("{url}/messages")).bearer_auth(token).json(&body);
    match ctx.send(request).await {
        Ok(response) => match response.json::<Message>().await {
            Ok(message) => ctx.journal.push(Obs::CustomerSent {
                conv: conv.to_owned(),
                message: message.id,
                at: sent,
            }),
            Err(error) => ctx.journal.failure("customer message", format!("{conv}: {error}")),
        },
        Err(error) => ctx.journal.failure("customer message", format!("{conv}: {error}")),
    }
}

/// Opens `count` conversations in the backlog queue, `--open-concurrency` at a time, over
/// the bases in turn. Returns, for each start in the order they were sent, how many were
/// sent before it, when it was sent and how long it took.
pub async fn prefill(ctx: Arc<Ctx>, bases: &[String], count: usize) -> Vec<OpenSample> {
    let concurrency = ctx.options.open_concurrency.max(1);
    let mut samples: Vec<OpenSample> = futures_util::stream::iter(0..count)
        .map(|n| {
            let ctx = Arc::clone(&ctx);
            let base = bases[n % bases.len()].clone();
            async move {
                let sent = ctx.journal.now();
                match start(&ctx, &base, &ctx.options.backlog_queue, n).await {
                    Ok(_) => Some(OpenSample { n, sent, took: ctx.journal.now() - sent }),
                    Err(error) => {
                        ctx.journal.failure("pre-fill start", format!("{n}: {error}"));
                        None
                    }
                }
            }
        })
        .buffer_unordered(concurrency)
        .filter_map(|sample| async move { sample })
        .collect()
        .await;
    samples.sort_unstable_by_key(|sample| sample.n);
    samples
}
