//! The workspace around the chats: customer records and chat logs (the hub answers raw, the
//! desk masks: desk-core's `records`), the agent's assigned queues, and the FAQ.

use std::sync::Arc;

use desk_core::faq::{FaqBook, FaqResultView};
use desk_core::records::{CaseSummaryView, CaseView, CustomerFileView, RecordView};
use hub_protocol::{
    AssignedQueues, Case, CaseUpdate, ErrorCode, NewCustomerRequest, SetQueuesRequest,
};

use super::{not_found, Shell};
use crate::error::{DeskError, DeskResult};

impl Shell {
    // Customer records and chat logs: the hub answers raw, the desk masks (records.rs).

    /// Records matching the agent's search (the chat log's customer picker).
    pub async fn search_customers(&self, query: &str) -> DeskResult<Vec<RecordView>> {
        let records = self.client().await?.search_customers(query.trim()).await?;
        self.with_desk(|desk, _| records.into_iter().map(|r| desk.record_view(r)).collect()).await
    }

    /// The new-record form, saved. An email or phone left out is taken by the hub from the
    /// conversation (the desk only ever saw them masked); `recordLinked` follows.
    pub async fn create_customer(&self, request: NewCustomerRequest) -> DeskResult<RecordView> {
        let record = self.client().await?.create_customer(&request).await?;
        self.with_desk(|desk, _| desk.record_view(record)).await
    }

    /// The agent vouches for the record the customer claimed; the desk follows the hub's
    /// `recordLinked`.
    pub async fn confirm_record(&self, conversation_id: &str) -> DeskResult<()> {
        self.client().await?.confirm_record(conversation_id).await?;
        Ok(())
    }

    /// A record with the customer's history.
    pub async fn customer_file(&self, customer_id: &str) -> DeskResult<CustomerFileView> {
        let file = self.client().await?.customer_file(customer_id).await?;
        self.with_desk(|desk, disposition| desk.customer_file_view(file, disposition)).await
    }

    /// The contact request's "Preview record": the record the hub matched for a conversation
    /// offered to this agent, masked like every record, before Accept.
    pub async fn offer_record(&self, conversation_id: &str) -> DeskResult<CustomerFileView> {
        let file = self.client().await?.conversation_record(conversation_id).await?;
        self.with_desk(|desk, disposition| desk.customer_file_view(file, disposition)).await
    }

    /// The chat log the hub wrote when the conversation ended.
    pub async fn chat_log(&self, conversation_id: &str) -> DeskResult<CaseView> {
        let case = self.client().await?.chat_log(conversation_id).await?;
        self.case_view(case).await
    }

    pub async fn case(&self, case_id: &str) -> DeskResult<CaseView> {
        let case = self.client().await?.case(case_id).await?;
        self.case_view(case).await
    }

    /// Saves a chat log on a record (`customer-required` without one), or as a draft.
    pub async fn save_case(&self, case_id: &str, update: CaseUpdate) -> DeskResult<CaseView> {
        let case = self.client().await?.update_case(case_id, &update).await?;
        self.case_view(case).await
    }

    /// This agent's draft chat logs, newest first.
    pub async fn draft_cases(&self) -> DeskResult<Vec<CaseSummaryView>> {
        let cases = self.client().await?.draft_cases().await?;
        self.with_desk(|desk, disposition| desk.case_summary_views(cases, disposition)).await
    }

    /// A case with the record it is attached to (the view mode names the customer).
    async fn case_view(&self, case: Case) -> DeskResult<CaseView> {
        let customer = match &case.summary.customer_id {
            Some(id) => match self.client().await?.customer_file(id).await {
                Ok(file) => Some(file.record),
                // A record removed since: the chat log is still worth showing.
                Err(DeskError::Hub(error)) if error.code == ErrorCode::NotFound => None,
                Err(error) => return Err(error),
            },
            None => None,
        };
        self.with_desk(|desk, disposition| desk.case_view(case, customer, disposition)).await
    }

    // Assigned queues and the FAQ.

    /// "My assigned queues", as the hub has them now.
    pub async fn my_queues(&self) -> DeskResult<AssignedQueues> {
        self.client().await?.my_queues().await
    }

    /// The agent confirmed which assigned queues offer them chats; routing follows at once.
    pub async fn set_my_queues(&self, enabled: Vec<String>) -> DeskResult<AssignedQueues> {
        self.client().await?.set_my_queues(&SetQueuesRequest { enabled }).await
    }

    /// The FAQ answers for a conversation the agent holds that match `query`, filled in.
    /// The FAQ (and the queues' languages) are fetched from the hub once per session.
    pub async fn faq_answers(
        &self,
        conversation_id: &str,
        query: &str,
    ) -> DeskResult<Vec<FaqResultView>> {
        let (client, faq) = {
            let session = self.session.lock().await;
            let session = session.as_ref().ok_or(DeskError::NotSignedIn)?;
            (session.client.clone(), Arc::clone(&session.faq))
        };
        let book = faq
            .get_or_try_init(|| async {
                let (answers, queues) = tokio::try_join!(client.faq(), client.queues())?;
                Ok::<_, DeskError>(FaqBook::new(answers, &queues))
            })
            .await?;
        let desk = self.desk().await?;
        let results = desk.lock().await.faq_results(book, conversation_id, query);
        results.ok_or_else(|| DeskError::Hub(not_found(conversation_id)))
    }
}
