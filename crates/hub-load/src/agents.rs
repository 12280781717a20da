//! The agents: each signs in (`POST /v1/sessions`), follows their event stream
//! (`GET /v1/events`, resumed with `Last-Event-ID` after a drop), goes Available, and works
//! as a desk user would: an offer is accepted after `--accept-delay-ms`; an assignment gets
//! one reply; the customer's answer is followed by End and a wrap-up, which frees the slot.
//! An agent the hub put in RONA goes Available again, as the product has the agent do.
//!
//! Everything seen on the stream is written to the journal with the hub's event id; the
//! actions run in their own tasks so the stream is always read.

use std::sync::Arc;
use std::time::Duration;

use anyhow::bail;
use hub_protocol::{
    AgentEvent, AgentEventBody, AgentState, Author, LoginRequest, LoginResponse, Message,
    RequestedState, Role, SendMessageRequest, SetStateRequest, WrapupRequest,
};
use tokio::sync::oneshot;

use crate::journal::Obs;
use crate::run::{describe, Ctx};
use crate::sse::{self, Events, Next};

/// An agent with a session.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub index: usize,
    pub base: String,
    pub token: String,
    /// What the hub says this agent holds at most.
    pub capacity: u32,
}

/// Signs agent `index` in at `base`, waiting out `429`s (the hub checks a few passwords at
/// a time and makes the rest wait, then refuses).
pub async fn sign_in(ctx: &Ctx, index: usize, base: &str) -> anyhow::Result<SignedIn> {
    let request = LoginRequest {
        username: ctx.options.username(index),
        password: ctx.options.password.clone(),
        device_token: None,
        remember_device: false,
    };
    for _attempt in 0..30 {
        let response = ctx.http.post(format!("{base}/v1/sessions")).json(&request).send().await?;
        let status = response.status();
        if status == reqwest::StatusCode::TOO_MANY_REQUESTS {
            let wait = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
                .unwrap_or(1);
            tokio::time::sleep(Duration::from_secs(wait.clamp(1, 10))).await;
            continue;
        }
        if !status.is_success() {
            bail!("sign-in of {}: {status}: {}", request.username, response.text().await?);
        }
        let login: LoginResponse = response.json().await?;
        return Ok(SignedIn {
            index,
            base: base.to_owned(),
            token: login.token,
            capacity: login.agent.capacity,
        });
    }
    bail!("sign-in of {}: still refused (429) after 30 attempts", request.username)
}

/// Follows the agent's stream until the run stops; `ready` fires at the first snapshot.
/// Where the stream had got to is written to the journal at the end.
pub async fn follow(ctx: Arc<Ctx>, agent: Arc<SignedIn>, ready: oneshot::Sender<()>) {
    let mut last: Option<u64> = None;
    stream_events(&ctx, &agent, ready, &mut last).await;
    ctx.journal.push(Obs::StreamEnd { agent: agent.index, last: last.unwrap_or(0) });
}

async fn stream_events(
    ctx: &Arc<Ctx>,
    agent: &Arc<SignedIn>,
    ready: oneshot::Sender<()>,
    last: &mut Option<u64>,
) {
    let mut ready = Some(ready);
    let mut stop = ctx.stop.clone();
    let url = format!("{}/v1/events", agent.base);
    loop {
        let mut request = ctx
            .http
            .get(&url)
            .bearer_auth(&agent.token)
            .header(reqwest::header::ACCEPT, "text/event-stream");
        if let Some(id) = *last {
            request = request.header("Last-Event-ID", id.to_string());
        }
        match request.send().await {
            Ok(response) if response.status().is_success() => {
                let mut events = Events::new(response, "agent event unreadable");
                loop {
                    let event: AgentEvent = match events.next(&mut stop, &ctx.journal).await {
                        Next::Event(event) => event,
                        Next::Ended => break,
                        Next::Stopped => return,
                    };
                    if event.id != 0 {
                        *last = Some(event.id);
                    }
                    if matches!(event.body, AgentEventBody::Snapshot { .. }) {
                        if let Some(ready) = ready.take() {
                            let _ = ready.send(());
                        }
                    }
                    handle(ctx, agent, event);
                }
            }
            Ok(response) => ctx.journal.failure(
                "agent stream refused",
                format!("agent {}: {}", agent.index, response.status()),
            ),
            Err(error) => ctx.journal.failure(
                "agent stream failed",
                format!("agent {}: {}", agent.index, describe(&error)),
            ),
        }
        if !sse::reconnect(&stop, &ctx.journal, format!("agent {}", agent.index)).await {
            return;
        }
    }
}

fn handle(ctx: &Arc<Ctx>, agent: &Arc<SignedIn>, event: AgentEvent) {
    let at = ctx.journal.now();
    let index = agent.index;
    match event.body {
        AgentEventBody::Offered { offer } => {
            let conv = offer.conversation.id;
            ctx.journal.push(Obs::Offered {
                agent: index,
                conv: conv.clone(),
                event: event.id,
                at,
            });
            tokio::spawn(accept(Arc::clone(ctx), Arc::clone(agent), conv));
        }
        AgentEventBody::OfferWithdrawn { conversation_id, .. } => {
            ctx.journal.push(Obs::Withdrawn {
                agent: index,
                conv: conversation_id,
                event: event.id,
                at,
            });
        }
        AgentEventBody::Assigned { assignment } => {
            let conv = assignment.conversation.id;
            let owner = assignment.role == Role::Owner;
            ctx.journal.push(Obs::Assigned {
                agent: index,
                conv: conv.clone(),
                owner,
                event: event.id,
                at,
            });
            if owner {
                tokio::spawn(converse(Arc::clone(ctx), Arc::clone(agent), conv));
            }
        }
        AgentEventBody::MessageAdded { message } if message.author == Author::Customer => {
            ctx.journal.push(Obs::AgentSaw {
                agent: index,
                conv: message.conversation_id.clone(),
                message: message.id,
                event: event.id,
                at,
            });
            if let Some(waiter) = ctx.reply_waiters.lock().unwrap().remove(&message.conversation_id)
            {
                let _ = waiter.send(());
            }
        }
        AgentEventBody::Closed { conversation_id } => {
            ctx.journal.push(Obs::Closed {
                agent: index,
                conv: conversation_id,
                event: event.id,
                at,
            });
        }
        AgentEventBody::StateChanged { state } if state.state == AgentState::Rona => {
            let (ctx, agent) = (Arc::clone(ctx), Arc::clone(agent));
            tokio::spawn(async move { go_available(&ctx, &agent).await });
        }
        _ => {}
    }
}

/// `PUT /v1/agents/me/state` Available.
pub async fn go_available(ctx: &Ctx, agent: &SignedIn) {
    let body = SetStateRequest { state: RequestedState::Available };
    let url = format!("{}/v1/agents/me/state", agent.base);
    let request = ctx.http.put(url).bearer_auth(&agent.token).json(&body);
    if let Err(error) = ctx.send(request).await {
        ctx.journal.failure("agent goes available", format!("agent {}: {error}", agent.index));
    }
}

async fn accept(ctx: Arc<Ctx>, agent: Arc<SignedIn>, conv: String) {
    tokio::time::sleep(Duration::from_millis(ctx.options.accept_delay_ms)).await;
    ctx.journal.push(Obs::AcceptSent {
        agent: agent.index,
        conv: conv.clone(),
        at: ctx.journal.now(),
    });
    let url = format!("{}/v1/conversations/{conv}/accept", agent.base);
    if let Err(error) = ctx.send(ctx.http.post(url).bearer_auth(&agent.token)).await {
        ctx.journal.failure("agent accepts", format!("agent {} {conv}: {error}", agent.index));
    }
}

/// One reply, the customer's answer, End, wrap-up.
async fn converse(ctx: Arc<Ctx>, agent: Arc<SignedIn>, conv: String) {
    let (answered, answer) = oneshot::channel();
    ctx.reply_waiters.lock().unwrap().insert(conv.clone(), answered);
    let base = format!("{}/v1/conversations/{conv}", agent.base);
    let body = SendMessageRequest {
        client_id: format!("agent-{conv}"),
        text: format!("Hello, this is your agent. How can I help? ({conv})"),
    };
    let sent = ctx.journal.now();
    let request = ctx.http.post(format!("{base}/messages")).bearer_auth(&agent.token).json(&body);
    match ctx.send(request).await {
        Ok(response) => match response.json::<Message>().await {
            Ok(message) => ctx.journal.push(Obs::AgentSent {
                agent: agent.index,
                conv: conv.clone(),
                message: message.id,
                at: sent,
            }),
            Err(error) => ctx.journal.failure("agent message", format!("{conv}: {error}")),
        },
        Err(error) => ctx.journal.failure("agent message", format!("{conv}: {error}")),
    }
    let mut stop = ctx.stop.clone();
    tokio::select! {
        _ = answer => {}
        _ = stop.wait_for(|stop| *stop) => return,
    }
    if let Err(error) =
        ctx.send(ctx.http.post(format!("{base}/end")).bearer_auth(&agent.token)).await
    {
        ctx.journal.failure("agent ends", format!("agent {} {conv}: {error}", agent.index));
        return;
    }
    let wrapup = WrapupRequest { reason_id: ctx.wrapup_reason.get().cloned().flatten() };
    let request = ctx.http.post(format!("{base}/wrapup")).bearer_auth(&agent.token).json(&wrapup);
    if let Err(error) = ctx.send(request).await {
        ctx.journal.failure("agent wraps up", format!("agent {} {conv}: {error}", agent.index));
    }
}
