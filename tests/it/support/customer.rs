//! A customer in the Livechat widget, played through the widget's HTTP API and event stream.

use std::sync::{Arc, Mutex};

use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use hub_protocol::{
    CustomerEvent, CustomerEventBody, SendMessageRequest, StartChatRequest, StartChatResponse,
    SystemEvent,
};

use super::eventually;

pub struct Customer {
    http: reqwest::Client,
    base: String,
    pub conversation_id: String,
    token: String,
    received: Arc<Mutex<Vec<CustomerEvent>>>,
    follower: Option<tokio::task::JoinHandle<()>>,
}

/// What the customer fills in the widget's pre-chat form, beyond a name and a first message.
#[derive(Debug, Clone, Default)]
pub struct PreChat<'a> {
    /// `None`: `firstname@example.com`, from the name.
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub account: Option<&'a str>,
    pub case_number: Option<&'a str>,
    /// `None`: the hub's default Livechat queue.
    pub queue_id: Option<&'a str>,
}

impl Customer {
    /// Starts a chat with a first message, and starts listening to the conversation.
    pub async fn start(hub_url: &str, name: &str, text: &str) -> Self {
        Self::start_with(hub_url, name, text, PreChat::default()).await
    }

    /// Starts a chat in a given Livechat queue.
    pub async fn start_in(hub_url: &str, queue_id: &str, name: &str, text: &str) -> Self {
        let form = PreChat { queue_id: Some(queue_id), ..PreChat::default() };
        Self::start_with(hub_url, name, text, form).await
    }

    /// Starts a chat with the pre-chat form's optional fields (phone, account, case number).
    pub async fn start_with(hub_url: &str, name: &str, text: &str, form: PreChat<'_>) -> Self {
        let http = reqwest::Client::new();
        let email = match form.email {
            Some(email) => email.to_owned(),
            None => format!("{}@example.com", name.split(' ').next().unwrap().to_lowercase()),
        };
        let request = StartChatRequest {
            name: name.into(),
            email: Some(email),
            phone: form.phone.map(str::to_owned),
            account: form.account.map(str::to_owned),
            case_number: form.case_number.map(str::to_owned),
            queue_id: form.queue_id.map(str::to_owned),
            language: Some("en-US".into()),
            source: Some("https://shop.example.com/checkout".into()),
            text: text.into(),
        };
        let response = http
            .post(format!("{hub_url}/widget/v1/conversations"))
            .json(&request)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "start chat: {}", response.status());
        let started: StartChatResponse = response.json().await.unwrap();
        let mut customer = Self {
            http,
            base: hub_url.to_owned(),
            conversation_id: started.conversation_id,
            token: started.customer_token,
            received: Arc::default(),
            follower: None,
        };
        customer.listen();
        customer
    }

    /// (Re)opens the event stream, resuming after the last event seen.
    pub fn listen(&mut self) {
        if let Some(follower) = self.follower.take() {
            follower.abort();
        }
        // A client that can set headers sends the token in `Authorization`; the hub refuses
        // it in the URL (the browser's widget uses a stream ticket there).
        let url = format!("{}/widget/v1/conversations/{}/events", self.base, self.conversation_id);
        let token = self.token.clone();
        let http = self.http.clone();
        let sink = Arc::clone(&self.received);
        self.follower = Some(tokio::spawn(async move {
            loop {
                let last = sink.lock().unwrap().last().map(|event: &CustomerEvent| event.id);
                let mut request = http.get(&url).bearer_auth(&token);
                if let Some(id) = last {
                    request = request.header("Last-Event-ID", id.to_string());
                }
                if let Ok(response) = request.send().await {
                    let mut stream = response.bytes_stream().eventsource();
                    while let Some(Ok(event)) = stream.next().await {
                        if let Ok(event) = serde_json::from_str::<CustomerEvent>(&event.data) {
                            sink.lock().unwrap().push(event);
                        }
                    }
                }
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        }));
    }

    pub async fn say(&self, text: &str) {
        let request =
            SendMessageRequest { client_id: uuid::Uuid::new_v4().to_string(), text: text.into() };
        let response = self
            .http
            .post(format!(
                "{}/widget/v1/conversations/{}/messages",
                self.base, self.conversation_id
            ))
            .bearer_auth(&self.token)
            .json(&request)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "customer message: {}", response.status());
    }

    /// The customer closes the chat (in the widget's "End chat"); a request still waiting
    /// for an agent is withdrawn.
    pub async fn leave(&self) {
        let response = self
            .http
            .post(format!("{}/widget/v1/conversations/{}/end", self.base, self.conversation_id))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "customer leaves: {}", response.status());
    }

    /// The customer types in the widget (the hub relays it to the agents).
    pub async fn typing(&self) {
        let response = self
            .http
            .post(format!("{}/widget/v1/conversations/{}/typing", self.base, self.conversation_id))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "customer typing: {}", response.status());
    }

    /// Texts the customer has seen from the agent.
    pub fn agent_texts(&self) -> Vec<String> {
        self.received
            .lock()
            .unwrap()
            .iter()
            .filter_map(|event| match &event.body {
                CustomerEventBody::MessageAdded { message }
                    if matches!(message.author, hub_protocol::Author::Agent { .. }) =>
                {
                    Some(message.text.clone())
                }
                _ => None,
            })
            .collect()
    }

    pub async fn wait_for_agent_text(&self, text: &str) {
        eventually(&format!("the customer to receive {text:?}"), || async {
            self.agent_texts().iter().any(|seen| seen == text).then_some(())
        })
        .await;
    }

    /// The system lines the customer has seen (joined, transferred, left…), in order.
    pub fn system_lines(&self) -> Vec<SystemEvent> {
        self.received
            .lock()
            .unwrap()
            .iter()
            .filter_map(|event| match &event.body {
                CustomerEventBody::MessageAdded { message } => message.system.clone(),
                _ => None,
            })
            .collect()
    }

    pub async fn wait_for_system_line(&self, line: &SystemEvent) {
        eventually(&format!("the customer to see {line:?}"), || async {
            self.system_lines().contains(line).then_some(())
        })
        .await;
    }

    /// Whether the widget heard that an agent is typing.
    pub fn saw_agent_typing(&self) -> bool {
        self.received
            .lock()
            .unwrap()
            .iter()
            .any(|event| matches!(event.body, CustomerEventBody::AgentTyping { .. }))
    }

    pub fn saw_end(&self) -> bool {
        self.received.lock().unwrap().iter().any(|event| event.body == CustomerEventBody::Ended)
    }
}

impl Drop for Customer {
    fn drop(&mut self) {
        if let Some(follower) = self.follower.take() {
            follower.abort();
        }
    }
}
