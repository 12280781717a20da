use hub_protocol::{AgentState, OfferKind, QueueKind, Role, Snapshot, WithdrawReason};

use super::*;

const T0: i64 = 1_800_000_000_000;

fn me() -> AgentProfile {
    AgentProfile {
        id: "anna".into(),
        username: "anna".into(),
        display_name: "Anna Lindqvist".into(),
        queues: vec!["web-en".into()],
        capacity: 6,
        language: None,
    }
}

fn desk(mask: bool) -> Desk {
    let state = StateSince { state: AgentState::Available, since: T0 };
    Desk::new(me(), mask, state, T0, T0)
}

fn conversation(id: &str, name: &str) -> Conversation {
    Conversation {
        id: id.into(),
        channel: Channel::Livechat,
        queue_id: "web-en".into(),
        queue_name: "Web support".into(),
        customer: Customer {
            name: name.into(),
            email: Some("melissa@gmail.com".into()),
            phone: None,
            source: Some("https://shop.example/checkout".into()),
            language: None,
            account: None,
            case_number: None,
            ip: None,
        },
        state: ConversationState::Offered,
        created_at: T0,
        agent_id: Some("anna".into()),
        account: None,
        last_customer_message_at: None,
        conference: None,
        interruption: None,
        ended_at: None,
        queue_kind: QueueKind::Standard,
        disposition_required: true,
        chat_log: Default::default(),
        chat_log_mode: Default::default(),
        record: None,
    }
}

fn message(id: &str, conversation: &str, author: Author, text: &str, at: i64) -> Message {
    Message {
        id: id.into(),
        conversation_id: conversation.into(),
        client_id: None,
        author,
        text: text.into(),
        system: None,
        sent_at: at,
        delivery: None,
    }
}

fn event(id: u64, body: AgentEventBody) -> AgentEvent {
    AgentEvent { id, at: T0, body }
}

fn offered(id: u64, conversation_id: &str, name: &str, text: &str) -> AgentEvent {
    event(
        id,
        AgentEventBody::Offered {
            offer: Offer {
                conversation: conversation(conversation_id, name),
                messages: vec![message("m1", conversation_id, Author::Customer, text, T0)],
                offered_at: T0,
                expires_at: T0 + 30_000,
                can_reject: true,
                kind: OfferKind::Contact,
            },
        },
    )
}

fn assigned(id: u64, conversation_id: &str) -> AgentEvent {
    let mut conversation = conversation(conversation_id, "Melissa Jones");
    conversation.state = ConversationState::Active;
    event(
        id,
        AgentEventBody::Assigned {
            assignment: Assignment {
                conversation,
                messages: vec![message("m1", conversation_id, Author::Customer, "Hi", T0)],
                role: Role::Owner,
            },
        },
    )
}

#[test]
fn customer_text_is_masked_on_the_way_in() {
    let mut desk = desk(true);
    let changes = desk.ingest(offered(1, "c1", "+447966197542", "card 4111 1111 1111 1111"), T0);
    let [DeskChange::Offered(offer)] = changes.as_slice() else { panic!("{changes:?}") };
    assert_eq!(offer.customer.name, "*********7542");
    assert_eq!(offer.customer.initials, "");
    assert_eq!(offer.customer.email.as_deref(), Some("m******@gmail.com"));
    assert!(!offer.messages[0].text.contains("4111 1111"), "{}", offer.messages[0].text);
    assert!(offer.messages[0].text.ends_with("1111"));
}

#[test]
fn masking_off_shows_text_as_written() {
    let mut desk = desk(false);
    let changes = desk.ingest(offered(1, "c1", "Melissa Jones", "card 4111 1111 1111 1111"), T0);
    let [DeskChange::Offered(offer)] = changes.as_slice() else { panic!("{changes:?}") };
    assert_eq!(offer.customer.initials, "MJ");
    assert_eq!(offer.messages[0].text, "card 4111 1111 1111 1111");
}

#[test]
fn accept_moves_the_offer_to_the_task_list() {
    let mut desk = desk(true);
    desk.ingest(offered(1, "c1", "Melissa Jones", "Hi"), T0);
    let changes = desk.ingest(assigned(2, "c1"), T0);
    assert!(matches!(changes.as_slice(), [DeskChange::Task(task)] if task.conversation_id == "c1"));
    let view = desk.view();
    assert!(view.offers.is_empty());
    assert_eq!(view.tasks.len(), 1);
    assert_eq!(view.tasks[0].max_chars, 1000);
}

#[test]
fn replayed_events_are_applied_once() {
    let mut desk = desk(true);
    desk.ingest(assigned(1, "c1"), T0);
    let customer = message("m2", "c1", Author::Customer, "Are you there?", T0 + 5);
    let added = event(2, AgentEventBody::MessageAdded { message: customer });
    assert_eq!(desk.ingest(added.clone(), T0).len(), 2);
    assert!(desk.ingest(added, T0).is_empty(), "a replayed event changes nothing");
    assert_eq!(desk.last_event_id(), Some(2));
    assert_eq!(desk.messages("c1").unwrap().len(), 2);
}

#[test]
fn unread_counts_customer_messages_until_read() {
    let mut desk = desk(true);
    desk.ingest(assigned(1, "c1"), T0);
    for (id, text) in [(2, "one"), (3, "two")] {
        let customer = message(&format!("m{id}"), "c1", Author::Customer, text, T0 + id as i64);
        desk.ingest(event(id, AgentEventBody::MessageAdded { message: customer }), T0);
    }
    assert_eq!(desk.task_view_of("c1").unwrap().unread, 2);
    assert_eq!(desk.task_view_of("c1").unwrap().last_message.as_deref(), Some("two"));
    assert_eq!(desk.mark_read("c1").unwrap().unread, 0);
}

#[test]
fn waiting_since_counts_from_the_oldest_unanswered_message() {
    let mut desk = desk(true);
    desk.ingest(assigned(1, "c1"), T0); // customer "Hi" at T0
    assert_eq!(desk.task_view_of("c1").unwrap().waiting_since, Some(T0));
    let agent = Author::Agent { agent_id: "anna".into(), display_name: "Anna".into() };
    let reply = message("m2", "c1", agent, "Hello!", T0 + 10);
    desk.ingest(event(2, AgentEventBody::MessageAdded { message: reply }), T0);
    assert_eq!(desk.task_view_of("c1").unwrap().waiting_since, None);
    let again = message("m3", "c1", Author::Customer, "Thanks", T0 + 20);
    desk.ingest(event(3, AgentEventBody::MessageAdded { message: again }), T0);
    assert_eq!(desk.task_view_of("c1").unwrap().waiting_since, Some(T0 + 20));
}

#[test]
fn end_then_close_removes_the_task() {
    let mut desk = desk(true);
    desk.ingest(assigned(1, "c1"), T0);
    let ended = desk.ingest(
        event(2, AgentEventBody::Ended { conversation_id: "c1".into(), handed_on: false }),
        T0,
    );
    assert!(
        matches!(ended.as_slice(), [DeskChange::Task(task)] if task.state == TaskState::WrapUp)
    );
    let closed = desk.ingest(event(3, AgentEventBody::Closed { conversation_id: "c1".into() }), T0);
    assert!(matches!(closed.as_slice(), [DeskChange::TaskRemoved { .. }, DeskChange::History(_)]));
    let view = desk.view();
    assert!(view.tasks.is_empty());
    // The closed conversation is in the agent's history, masked like everything else.
    assert_eq!(view.history.len(), 1);
    assert_eq!(view.history[0].customer.email.as_deref(), Some("m******@gmail.com"));
    assert_eq!(view.history[0].last_message.as_deref(), Some("Hi"));
}

#[test]
fn a_snapshot_replaces_everything_and_is_masked() {
    let mut desk = desk(true);
    desk.ingest(assigned(1, "c1"), T0);
    let snapshot = Snapshot {
        state: StateSince { state: AgentState::Rona, since: T0 },
        offers: vec![],
        assignments: vec![Assignment {
            conversation: conversation("c2", "Pekka Virtanen"),
            messages: vec![message("x", "c2", Author::Customer, "pekka@example.fi", T0)],
            role: Role::Owner,
        }],
    };
    let changes = desk.ingest(event(0, AgentEventBody::Snapshot { snapshot }), T0);
    let [DeskChange::Reset(view)] = changes.as_slice() else { panic!("{changes:?}") };
    assert_eq!(view.presence.state, AgentState::Rona);
    assert_eq!(view.tasks.len(), 1);
    assert_eq!(desk.messages("c2").unwrap()[0].text, "p****@example.fi");
}

#[test]
fn withdrawn_offers_disappear() {
    let mut desk = desk(true);
    desk.ingest(offered(1, "c1", "Melissa", "Hi"), T0);
    let reason = WithdrawReason::TimedOut;
    desk.ingest(
        event(2, AgentEventBody::OfferWithdrawn { conversation_id: "c1".into(), reason }),
        T0,
    );
    assert!(desk.view().offers.is_empty());
}

#[test]
fn times_are_shown_on_the_local_clock() {
    // The hub runs 90 s ahead of this machine.
    let state = StateSince { state: AgentState::Available, since: T0 };
    let mut desk = Desk::new(me(), true, state, T0 + 90_000, T0);
    // Its event stamped T0 (hub) arrives at T0 - 90 s (ours).
    desk.ingest(offered(1, "c1", "Melissa", "Hi"), T0 - 90_000);
    let offer = desk.offer_view("c1").unwrap();
    assert_eq!(offer.arrived_at, T0 - 90_000);
}

#[test]
fn initials_take_the_first_and_last_words() {
    let cases = [("Melissa Jones", "MJ"), ("émilie", "É"), ("Anna Maria Lind", "AL"), ("", "")];
    for (name, expected) in cases {
        assert_eq!(initials(name), expected, "{name}");
    }
    assert_eq!(initials("ليلى حداد"), "لح");
}

#[test]
fn a_whatsapp_popover_masks_the_business_number_too() {
    use hub_protocol::ChannelAccount;
    for (masking, want) in [(true, "********3881"), (false, "+15550783881")] {
        let mut desk = desk(masking);
        let mut offer = offered(1, "wa1", "Sheena Nelson", "Hi");
        if let AgentEventBody::Offered { offer } = &mut offer.body {
            offer.conversation.channel = Channel::Whatsapp;
            offer.conversation.account =
                Some(ChannelAccount { id: "1065".into(), name: "+15550783881".into() });
        }
        desk.ingest(offer, T0);
        assert_eq!(desk.offer_view("wa1").unwrap().account.as_deref(), Some(want));
    }
}

#[test]
fn a_whatsapp_task_shows_its_reply_window_and_receipts() {
    use hub_protocol::{ChannelAccount, Delivery, DeliveryStatus, ErrorCode};
    let mut desk = desk(true);
    let mut conversation = conversation("wa1", "Sheena Nelson");
    conversation.channel = Channel::Whatsapp;
    conversation.state = ConversationState::Active;
    conversation.account = Some(ChannelAccount { id: "1065".into(), name: "+15550783881".into() });
    conversation.last_customer_message_at = Some(T0);
    let agent = Author::Agent { agent_id: "anna".into(), display_name: "Anna".into() };
    let mut reply = message("r1", "wa1", agent, "Yes, in blue", T0 + 1000);
    reply.delivery = Some(Delivery { status: DeliveryStatus::Sending, error: None, at: T0 });
    desk.ingest(
        event(
            1,
            AgentEventBody::Assigned {
                assignment: Assignment { conversation, messages: vec![reply], role: Role::Owner },
            },
        ),
        T0,
    );
    let task = desk.task_view_of("wa1").unwrap();
    assert_eq!(task.account.as_deref(), Some("+15550783881"));
    assert_eq!(task.max_chars, 4096);
    let window = task.reply_window.unwrap();
    assert_eq!(window.closes_at, T0 + 24 * 3600 * 1000);

    // Receipts update the message; a failure carries its code.
    let changes = desk.ingest(
        event(
            2,
            AgentEventBody::DeliveryChanged {
                conversation_id: "wa1".into(),
                message_id: "r1".into(),
                delivery: Delivery {
                    status: DeliveryStatus::Failed,
                    error: Some(ErrorCode::ChannelRateLimited),
                    at: T0 + 2000,
                },
            },
        ),
        T0,
    );
    let [DeskChange::Message(view)] = changes.as_slice() else { panic!("{changes:?}") };
    let delivery = view.delivery.as_ref().unwrap();
    assert_eq!(delivery.status, DeliveryStatus::Failed);
    assert_eq!(delivery.error, Some(ErrorCode::ChannelRateLimited));

    // The customer writes again a day later: the window moves with them.
    let later = T0 + 20 * 3600 * 1000;
    desk.ingest(
        event(
            3,
            AgentEventBody::MessageAdded {
                message: message("m2", "wa1", Author::Customer, "hello?", later),
            },
        ),
        T0,
    );
    let window = desk.task_view_of("wa1").unwrap().reply_window.unwrap();
    assert_eq!(window.closes_at, later + 24 * 3600 * 1000);
}

fn agent_ref(id: &str, name: &str) -> hub_protocol::AgentRef {
    hub_protocol::AgentRef { id: id.into(), display_name: name.into() }
}

fn conference_changed(
    id: u64,
    conversation_id: &str,
    state: Option<hub_protocol::ConferenceState>,
) -> AgentEvent {
    let conference = state.map(|state| hub_protocol::Conference {
        guest: agent_ref("jonas", "Jonas Becker"),
        state,
        since: T0 + 1_000,
    });
    event(
        id,
        AgentEventBody::ConferenceChanged { conversation_id: conversation_id.into(), conference },
    )
}

#[test]
fn an_owner_may_transfer_invite_and_end_a_live_conversation() {
    let mut desk = desk(true);
    desk.ingest(assigned(1, "c1"), T0);
    let task = desk.task_view_of("c1").unwrap();
    assert_eq!(task.role, Role::Owner);
    assert_eq!(
        task.actions,
        crate::view::TaskActions {
            compose: true,
            end: true,
            transfer: true,
            conference: true,
            ..Default::default()
        }
    );
    // Ended: only the wrap-up is left.
    desk.ingest(
        event(2, AgentEventBody::Ended { conversation_id: "c1".into(), handed_on: false }),
        T0,
    );
    let task = desk.task_view_of("c1").unwrap();
    assert_eq!(task.actions, crate::view::TaskActions { wrap_up: true, ..Default::default() });
}

#[test]
fn a_conference_goes_from_requested_to_joined_to_gone() {
    use hub_protocol::ConferenceState;
    let mut desk = desk(true);
    desk.ingest(assigned(1, "c1"), T0);

    let changes = desk.ingest(conference_changed(2, "c1", Some(ConferenceState::Requested)), T0);
    let [DeskChange::Task(task)] = changes.as_slice() else { panic!("{changes:?}") };
    let conference = task.conference.as_ref().unwrap();
    assert_eq!(conference.state, ConferenceState::Requested);
    assert_eq!(conference.guest.display_name, "Jonas Becker");
    assert_eq!(conference.since, T0 + 1_000);
    // One conference at a time, and no transfer while a colleague is invited.
    assert!(!task.actions.conference && !task.actions.transfer);
    assert!(task.actions.remove_guest, "the owner can withdraw the invitation");
    assert!(task.actions.end && task.actions.compose);

    desk.ingest(conference_changed(3, "c1", Some(ConferenceState::Joined)), T0);
    let task = desk.task_view_of("c1").unwrap();
    assert_eq!(task.conference.as_ref().unwrap().state, ConferenceState::Joined);
    assert!(task.actions.remove_guest && task.actions.end && !task.actions.transfer);

    desk.ingest(conference_changed(4, "c1", None), T0);
    let task = desk.task_view_of("c1").unwrap();
    assert_eq!(task.conference, None);
    assert!(task.actions.transfer && task.actions.conference && !task.actions.remove_guest);

    // Joined again, then the owner ends: the conference ends with the conversation.
    desk.ingest(conference_changed(5, "c1", Some(ConferenceState::Joined)), T0);
    desk.ingest(
        event(6, AgentEventBody::Ended { conversation_id: "c1".into(), handed_on: false }),
        T0,
    );
    let task = desk.task_view_of("c1").unwrap();
    assert_eq!(task.conference, None);
    assert_eq!(task.actions, crate::view::TaskActions { wrap_up: true, ..Default::default() });
}

#[test]
fn a_guest_writes_and_exits_but_never_ends_transfers_or_wraps_up() {
    let mut desk = desk(true);
    let mut conversation = conversation("c9", "Melissa Jones");
    conversation.state = ConversationState::Active;
    conversation.agent_id = Some("jonas".into());
    conversation.conference = Some(hub_protocol::Conference {
        guest: agent_ref("anna", "Anna Lindqvist"),
        state: hub_protocol::ConferenceState::Joined,
        since: T0,
    });
    let colleague = Author::Agent { agent_id: "jonas".into(), display_name: "Jonas Becker".into() };
    let messages = vec![
        message("m1", "c9", Author::Customer, "Hi", T0),
        message("m2", "c9", colleague, "Let me ask Anna", T0 + 5),
    ];
    desk.ingest(
        event(
            1,
            AgentEventBody::Assigned {
                assignment: Assignment { conversation, messages, role: Role::Guest },
            },
        ),
        T0,
    );
    let task = desk.task_view_of("c9").unwrap();
    assert_eq!(task.role, Role::Guest);
    assert_eq!(
        task.actions,
        crate::view::TaskActions { compose: true, exit_conference: true, ..Default::default() }
    );
    let thread = desk.messages("c9").unwrap();
    assert_eq!(thread[1].author_name, "Jonas Becker");
    assert!(!thread[1].mine, "the owner's messages are not the guest's own");
    // The guest leaves: the hub closes it for them, and it goes like any closed task.
    desk.ingest(event(2, AgentEventBody::Closed { conversation_id: "c9".into() }), T0);
    assert!(desk.view().tasks.is_empty());
}

#[test]
fn an_interrupted_conversation_can_only_be_ended() {
    use hub_protocol::{Interruption, InterruptionReason};
    let mut desk = desk(true);
    desk.ingest(assigned(1, "c1"), T0);
    let interruption = Interruption { reason: InterruptionReason::QueueDeleted, at: T0 + 7 };
    let changes = desk.ingest(
        event(2, AgentEventBody::Interrupted { conversation_id: "c1".into(), interruption }),
        T0,
    );
    let [DeskChange::Task(task)] = changes.as_slice() else { panic!("{changes:?}") };
    assert_eq!(task.interruption.as_ref().unwrap().reason, InterruptionReason::QueueDeleted);
    assert_eq!(task.interruption.as_ref().unwrap().at, T0 + 7);
    assert_eq!(task.actions, crate::view::TaskActions { end: true, ..Default::default() });
    assert_eq!(task.interruption.as_ref().unwrap().cause, InterruptionCause::QueueDeleted);
}

/// The alert says what was taken away: a WhatsApp number, a page or a Livechat entry point
/// (the same reason on the wire; the conversation's channel tells them apart).
#[test]
fn an_asset_taken_out_of_service_is_named_by_the_conversations_channel() {
    use hub_protocol::{Channel, Interruption, InterruptionReason};
    for (channel, cause) in [
        (Channel::Whatsapp, InterruptionCause::WhatsappNumberRemoved),
        (Channel::Messenger, InterruptionCause::MessengerPageRemoved),
        (Channel::Livechat, InterruptionCause::LivechatEntryPointRemoved),
    ] {
        let mut desk = desk(true);
        let mut conversation = conversation("c5", "Sheena Nelson");
        conversation.state = ConversationState::Active;
        conversation.channel = channel;
        conversation.interruption =
            Some(Interruption { reason: InterruptionReason::AssetRemoved, at: T0 });
        let snapshot = Snapshot {
            state: StateSince { state: AgentState::Available, since: T0 },
            offers: vec![],
            assignments: vec![Assignment { conversation, messages: vec![], role: Role::Owner }],
        };
        desk.ingest(event(0, AgentEventBody::Snapshot { snapshot }), T0);
        let task = desk.task_view_of("c5").unwrap();
        assert_eq!(task.interruption.as_ref().unwrap().cause, cause, "{channel:?}");
        assert_eq!(task.actions, crate::view::TaskActions { end: true, ..Default::default() });
    }
    let wire = serde_json::to_value(InterruptionCause::LivechatEntryPointRemoved).unwrap();
    assert_eq!(wire, "livechat-entry-point-removed", "the Fluent id's suffix");
}

#[test]
fn a_snapshot_carries_role_conference_and_interruption() {
    use hub_protocol::{Interruption, InterruptionReason};
    let mut desk = desk(true);
    let mut conversation = conversation("c3", "Pekka Virtanen");
    conversation.state = ConversationState::Active;
    conversation.interruption =
        Some(Interruption { reason: InterruptionReason::QueueDeleted, at: T0 });
    let snapshot = Snapshot {
        state: StateSince { state: AgentState::Available, since: T0 },
        offers: vec![],
        assignments: vec![Assignment { conversation, messages: vec![], role: Role::Guest }],
    };
    desk.ingest(event(0, AgentEventBody::Snapshot { snapshot }), T0);
    let task = desk.task_view_of("c3").unwrap();
    assert_eq!(task.role, Role::Guest);
    assert!(task.interruption.is_some());
    assert!(!task.actions.compose, "nothing can be written into an interrupted conversation");
    assert!(task.actions.exit_conference);
}

#[test]
fn transfer_and_conference_offers_name_the_colleague() {
    let mut desk = desk(true);
    let mut transfer = offered(1, "c1", "Melissa Jones", "Hi");
    if let AgentEventBody::Offered { offer } = &mut transfer.body {
        offer.kind = OfferKind::Transfer { from: agent_ref("jonas", "Jonas Becker") };
    }
    let changes = desk.ingest(transfer, T0);
    let [DeskChange::Offered(offer)] = changes.as_slice() else { panic!("{changes:?}") };
    assert_eq!(offer.kind, OfferKind::Transfer { from: agent_ref("jonas", "Jonas Becker") });
    let wire = serde_json::to_value(offer).unwrap();
    assert_eq!(wire["kind"]["kind"], "transfer");
    assert_eq!(wire["kind"]["from"]["displayName"], "Jonas Becker");
    // The customer in it is masked as in any offer.
    assert_eq!(offer.customer.email.as_deref(), Some("m******@gmail.com"));
}

#[test]
fn customer_typing_is_passed_on_for_held_conversations_only_and_not_counted() {
    let mut desk = desk(true);
    desk.ingest(assigned(5, "c1"), T0);
    let typing = |id: &str| event(0, AgentEventBody::CustomerTyping { conversation_id: id.into() });
    let changes = desk.ingest(typing("c1"), T0);
    assert_eq!(changes, [DeskChange::CustomerTyping { conversation_id: "c1".into() }]);
    // Again: ephemeral events have id 0 and are never taken for replays.
    assert_eq!(desk.ingest(typing("c1"), T0).len(), 1);
    assert!(desk.ingest(typing("elsewhere"), T0).is_empty());
    assert_eq!(desk.last_event_id(), Some(5), "typing does not move the resume point");
}

#[test]
fn system_lines_for_transfers_and_leaving_guests() {
    let mut desk = desk(true);
    desk.ingest(assigned(1, "c1"), T0);
    let mut line = message("s1", "c1", Author::System, "", T0 + 1);
    line.system = Some(SystemEvent::Transferred { display_name: "Anna Lindqvist".into() });
    desk.ingest(event(2, AgentEventBody::MessageAdded { message: line }), T0);
    let mut left = message("s2", "c1", Author::System, "", T0 + 2);
    left.system = Some(SystemEvent::AgentLeft { display_name: "Jonas Becker".into() });
    desk.ingest(event(3, AgentEventBody::MessageAdded { message: left }), T0);
    let thread = desk.messages("c1").unwrap();
    assert_eq!(
        thread[1].system,
        Some(SystemLine::Transferred { display_name: "Anna Lindqvist".into() })
    );
    assert_eq!(
        thread[2].system,
        Some(SystemLine::AgentLeft { display_name: "Jonas Becker".into() })
    );
    // System lines are not the customer waiting for an answer.
    assert_eq!(desk.task_view_of("c1").unwrap().waiting_since, Some(T0));
}

#[test]
fn a_chat_window_queue_takes_1940_characters_whatever_the_channel() {
    for channel in [Channel::Livechat, Channel::Whatsapp, Channel::Messenger] {
        let mut desk = desk(false);
        let mut conversation = conversation("c1", "Melissa Jones");
        conversation.state = ConversationState::Active;
        conversation.channel = channel;
        conversation.queue_kind = QueueKind::ChatWindow;
        let assignment = Assignment { conversation, messages: Vec::new(), role: Role::Owner };
        let changes = desk.ingest(event(1, AgentEventBody::Assigned { assignment }), T0);
        let [DeskChange::Task(task)] = changes.as_slice() else { panic!("{changes:?}") };
        assert_eq!(task.max_chars, 1940, "{channel:?}");
        assert_eq!(desk.max_message_chars_of("c1"), Some(1940));
    }
    let mut desk = desk(false);
    desk.ingest(assigned(1, "c1"), T0);
    assert_eq!(desk.max_message_chars_of("c1"), Some(1000), "a standard Livechat queue");
    assert_eq!(desk.max_message_chars_of("unknown"), None);
}

#[test]
fn faq_answers_name_the_customer_as_the_desk_shows_them() {
    let answers = vec![hub_protocol::FaqAnswer {
        id: "hello".into(),
        language: "en-US".into(),
        title: "Greeting".into(),
        text: "Hello {firstName}, this is {agentFirstName}.".into(),
    }];
    let book = crate::faq::FaqBook::new(answers, &[]);
    let mut masked = desk(true);
    let mut conversation = conversation("c1", "+447966197542");
    conversation.state = ConversationState::Active;
    let assignment = Assignment { conversation, messages: Vec::new(), role: Role::Owner };
    masked.ingest(event(1, AgentEventBody::Assigned { assignment }), T0);
    let found = masked.faq_results(&book, "c1", "gre").expect("held");
    assert_eq!(found[0].text, "Hello *********7542, this is Anna.");
    let mut plain = desk(false);
    plain.ingest(assigned(1, "c1"), T0);
    assert_eq!(
        plain.faq_results(&book, "c1", "").expect("held")[0].text,
        "Hello Melissa, this is Anna."
    );
    assert!(plain.faq_results(&book, "other", "").is_none());
}

#[test]
fn the_pre_chat_form_is_masked_and_the_ip_shown() {
    let mut desk = desk(true);
    let mut conversation = conversation("c1", "Melissa Jones");
    conversation.customer.account = Some("4111 1111 1111 1111".into());
    conversation.customer.case_number = Some("CS-000042".into());
    conversation.customer.ip = Some("127.0.0.1".into());
    let assignment = Assignment { conversation, messages: Vec::new(), role: Role::Owner };
    desk.ingest(event(1, AgentEventBody::Assigned { assignment }), T0);
    let customer = desk.task_view_of("c1").unwrap().customer;
    assert_eq!(customer.account.as_deref(), Some("************1111"));
    assert_eq!(customer.case_number.as_deref(), Some("CS-000042"));
    assert_eq!(customer.ip.as_deref(), Some("127.0.0.1"), "an address is not a masked type");
}

#[test]
fn an_ended_task_says_when_it_ended_and_a_saved_record_is_linked() {
    let mut desk = desk(true);
    desk.ingest(assigned(1, "c1"), T0);
    let task = desk.task_view_of("c1").unwrap();
    assert_eq!((task.ended_at, task.record.clone(), task.disposition_required), (None, None, true));
    let record = hub_protocol::RecordLink {
        customer_id: "cu-1".into(),
        matched_by: hub_protocol::MatchedBy::Agent,
        case_id: None,
        claimed: false,
    };
    let linked = desk.ingest(
        event(
            2,
            AgentEventBody::RecordLinked { conversation_id: "c1".into(), record: record.clone() },
        ),
        T0,
    );
    assert!(
        matches!(linked.as_slice(), [DeskChange::Task(task)] if task.record == Some(record.clone()))
    );
    let ended = AgentEvent {
        id: 3,
        at: T0 + 60_000,
        body: AgentEventBody::Ended { conversation_id: "c1".into(), handed_on: false },
    };
    desk.ingest(ended, T0 + 60_000);
    assert_eq!(desk.task_view_of("c1").unwrap().ended_at, Some(T0 + 60_000));
}

#[test]
fn a_transfer_away_leaves_only_the_wrap_up_and_a_refusal_is_told() {
    let mut desk = desk(true);
    desk.ingest(assigned(1, "c1"), T0);
    let mut line = message("s1", "c1", Author::System, "", T0 + 1);
    line.system = Some(SystemEvent::Transferred { display_name: "Anna Lindqvist".into() });
    desk.ingest(event(2, AgentEventBody::MessageAdded { message: line }), T0);
    let changes = desk.ingest(
        event(3, AgentEventBody::Ended { conversation_id: "c1".into(), handed_on: true }),
        T0,
    );
    let [DeskChange::Task(task)] = changes.as_slice() else { panic!("{changes:?}") };
    // Handed on: a reason is all that is due (the UI leaves out the chat-log step).
    assert_eq!(task.role, Role::HandedOn);
    assert_eq!(task.state, crate::view::TaskState::WrapUp);
    assert_eq!(task.actions, crate::view::TaskActions { wrap_up: true, ..Default::default() });

    // Jonas let it pass: the line lands in the thread the wrap-up task still shows…
    let mut refused = message("s2", "c1", Author::System, "", T0 + 2);
    refused.system = Some(SystemEvent::TransferNotAccepted {
        display_name: "Jonas Becker".into(),
        reason: WithdrawReason::TimedOut,
    });
    desk.ingest(event(4, AgentEventBody::MessageAdded { message: refused }), T0);
    assert_eq!(
        desk.messages("c1").unwrap()[2].system,
        Some(SystemLine::TransferNotAccepted {
            display_name: "Jonas Becker".into(),
            reason: WithdrawReason::TimedOut,
        })
    );
    // …and the notice comes with its own event, whether or not the task is still held.
    let notice = AgentEventBody::TransferNotAccepted {
        conversation_id: "c9".into(),
        colleague: hub_protocol::AgentRef {
            id: "jonas".into(),
            display_name: "Jonas Becker".into(),
        },
        reason: WithdrawReason::Rejected,
    };
    let changes = desk.ingest(event(5, notice), T0);
    assert_eq!(
        changes,
        [DeskChange::TransferNotAccepted(crate::view::TransferNoticeView {
            conversation_id: "c9".into(),
            colleague: "Jonas Becker".into(),
            reason: WithdrawReason::Rejected,
        })]
    );
}

#[test]
fn the_queue_s_chat_log_settings_reach_the_task_and_the_matched_record_the_popover() {
    let mut desk = desk(true);
    let mut offer = offered(1, "c1", "Melissa Jones", "Hi");
    let record = hub_protocol::RecordLink {
        customer_id: "cu-1".into(),
        matched_by: hub_protocol::MatchedBy::Email,
        case_id: None,
        claimed: true,
    };
    if let AgentEventBody::Offered { offer } = &mut offer.body {
        offer.conversation.record = Some(record.clone());
    }
    desk.ingest(offer, T0);
    assert_eq!(desk.offer_view("c1").unwrap().record, Some(record));
    desk.ingest(offered(2, "c2", "Leo", "Hello"), T0);
    assert_eq!(desk.offer_view("c2").unwrap().record, None, "no record matched");

    let mut assignment = assigned(3, "c3");
    if let AgentEventBody::Assigned { assignment } = &mut assignment.body {
        assignment.conversation.chat_log = hub_protocol::ChatLogPolicy::None;
        assignment.conversation.chat_log_mode = hub_protocol::ChatLogMode::Edit;
    }
    desk.ingest(assignment, T0);
    let task = desk.task_view_of("c3").unwrap();
    assert_eq!(
        (task.chat_log, task.chat_log_mode),
        (hub_protocol::ChatLogPolicy::None, hub_protocol::ChatLogMode::Edit)
    );
    let json = serde_json::to_value(&task).unwrap();
    assert_eq!((&json["chatLog"], &json["chatLogMode"]), (&"none".into(), &"edit".into()));
    desk.ingest(assigned(4, "c4"), T0);
    let task = desk.task_view_of("c4").unwrap();
    assert_eq!(
        (task.chat_log, task.chat_log_mode),
        (hub_protocol::ChatLogPolicy::Automatic, hub_protocol::ChatLogMode::Auto)
    );
}
