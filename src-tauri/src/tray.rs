//! The tray icon: the desk where the agent sees it when its window is hidden or behind
//! others. It shows the presence by the *shape* of the icon's badge (check mark, two bars,
//! exclamation mark, dash: `scripts/tray-icons` draws them), never by colour alone; its
//! text says the state, the waiting contact requests and the unread customer messages; its
//! menu offers Show, Available, the session's idle codes, Sign out and Quit, in the agent's
//! language.
//!
//! [`Tray`] is the model, fed like the webview: with the desk's changes as the event
//! follower applies them (`session::apply`), the agent's reading (`Shell::mark_read`),
//! sign-in and sign-out, and the language. It knows nothing of the shell: what a menu entry
//! does is the caller's ([`Tray::attach`] takes it), so the tray never reaches back.
//!
//! Where the text goes depends on the platform: the tooltip on Windows and macOS; on Linux
//! (libayatana-appindicator, a StatusNotifierItem) there is no tooltip, so it is the label
//! beside the icon (`XAyatanaLabel`). Everywhere it is also the menu's first line, which a
//! host that shows no label still shows.
//!
//! The icon and menu live on the main thread: the model asks for a repaint, and the main
//! thread reads the model as it is then and changes only what differs, so an open menu stays
//! open while messages arrive.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, OnceLock};

use desk_core::l10n::{Arg, Localizer};
use desk_core::view::{DeskChange, TaskView};
use hub_protocol::{AgentState, Reason};
use tauri::image::Image;
use tauri::menu::{CheckMenuItem, IsMenuItem, Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Runtime};

use crate::language::Language;

/// The tray icon's id (one per desk).
pub const TRAY_ID: &str = "agent-desk";

/// The badge on the icon: one shape per kind of presence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A check mark.
    Available,
    /// Two bars: not ready, with an idle code.
    Idle,
    /// An exclamation mark: a request went unanswered.
    Rona,
    /// A dash on a grey icon: working offline, or signed out.
    Offline,
}

/// What a menu entry asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrayAction {
    Show,
    Available,
    Idle(String),
    SignOut,
    Quit,
}

/// Everything the tray shows at one moment, worded in the agent's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayView {
    pub mark: Mark,
    /// "Available · 1 contact request waiting · 3 unread messages".
    pub summary: String,
    /// The tooltip: the app's name over the summary.
    pub tooltip: String,
    pub show: String,
    /// The presence entries and Sign out; `None` while signed out.
    pub session: Option<SessionMenu>,
    pub quit: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionMenu {
    pub available: Choice,
    /// The session's idle codes, in the hub's order: (code id, entry).
    pub idle_codes: Vec<(String, Choice)>,
    pub sign_out: String,
}

/// A presence the agent can choose; `current` is ticked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub current: bool,
}

/// What the tray counts, from the desk's changes.
struct SessionStatus {
    presence: AgentState,
    idle_codes: Vec<Reason>,
    offers: BTreeSet<String>,
    unread: BTreeMap<String, u32>,
}

impl SessionStatus {
    /// Takes in one change; whether the tray shows something else now.
    fn apply(&mut self, change: &DeskChange) -> bool {
        match change {
            DeskChange::Reset(view) => {
                self.presence = view.presence.state.clone();
                self.offers = view.offers.iter().map(|o| o.conversation_id.clone()).collect();
                self.unread =
                    view.tasks.iter().map(|t| (t.conversation_id.clone(), t.unread)).collect();
                true
            }
            DeskChange::Presence(presence) => {
                let changed = self.presence != presence.state;
                self.presence = presence.state.clone();
                changed
            }
            DeskChange::Offered(offer) => self.offers.insert(offer.conversation_id.clone()),
            DeskChange::OfferWithdrawn { conversation_id, .. } => {
                self.offers.remove(conversation_id)
            }
            // An accepted request is a task: it waits no more.
            DeskChange::Task(task) => {
                let accepted = self.offers.remove(&task.conversation_id);
                let before = self.unread.insert(task.conversation_id.clone(), task.unread);
                accepted || before != Some(task.unread)
            }
            DeskChange::TaskRemoved { conversation_id } => {
                let withdrawn = self.offers.remove(conversation_id);
                self.unread.remove(conversation_id).is_some_and(|n| n > 0) || withdrawn
            }
            DeskChange::History(_)
            | DeskChange::Message(_)
            | DeskChange::CustomerTyping { .. }
            | DeskChange::TransferNotAccepted(_) => false,
        }
    }
}

struct Inner {
    language: Arc<Language>,
    /// `None` while signed out.
    status: Mutex<Option<SessionStatus>>,
    /// Asks the main thread to repaint (`true`: every entry, even unchanged ones). Unset
    /// until an icon is attached (never on the mock runtime).
    repaint: OnceLock<Box<dyn Fn(bool) + Send + Sync>>,
}

/// The tray's model, shared by the shell, the event follower and the icon.
#[derive(Clone)]
pub struct Tray(Arc<Inner>);

impl Tray {
    pub fn new(language: Arc<Language>) -> Self {
        Self(Arc::new(Inner { language, status: Mutex::new(None), repaint: OnceLock::new() }))
    }

    /// A session began: its presence (until the stream says more) and idle codes.
    pub fn signed_in(&self, presence: AgentState, idle_codes: Vec<Reason>) {
        *self.status() = Some(SessionStatus {
            presence,
            idle_codes,
            offers: BTreeSet::new(),
            unread: BTreeMap::new(),
        });
        self.repaint(false);
    }

    pub fn signed_out(&self) {
        let was_signed_in = self.status().take().is_some();
        if was_signed_in {
            self.repaint(false);
        }
    }

    pub fn is_signed_in(&self) -> bool {
        self.status().is_some()
    }

    /// The desk's changes, as the webview gets them.
    pub fn changes(&self, changes: &[DeskChange]) {
        let changed = match self.status().as_mut() {
            Some(status) => changes.iter().fold(false, |any, change| status.apply(change) | any),
            None => false,
        };
        if changed {
            self.repaint(false);
        }
    }

    /// The agent read a conversation (its unread count is now the task's).
    pub fn task_read(&self, task: &TaskView) {
        self.changes(std::slice::from_ref(&DeskChange::Task(task.clone())));
    }

    /// The agent's language changed: every label follows.
    pub fn relabel(&self) {
        self.repaint(false);
    }

    /// What the tray shows now.
    pub fn view(&self) -> TrayView {
        let l10n = self.0.language.current();
        view(&l10n, self.status().as_ref())
    }

    /// Puts the icon in the tray and keeps it painted from the model. `on_action` does what
    /// a menu entry (or, where the platform reports it, a left click: Show) asks.
    pub fn attach<R, F>(&self, app: &AppHandle<R>, on_action: F) -> tauri::Result<()>
    where
        R: Runtime,
        F: Fn(&AppHandle<R>, TrayAction) + Send + Sync + 'static,
    {
        let view = self.view();
        let (menu, items) = menu(app, &view)?;
        let on_action = Arc::new(on_action);
        let on_click = Arc::clone(&on_action);
        let tray = self.clone();
        let builder = TrayIconBuilder::with_id(TRAY_ID)
            // Linux hands the icon over as a file: one directory per desk (the default,
            // `/tmp/tray-icon` without XDG_RUNTIME_DIR, is shared by every user and desk).
            .temp_dir_path(app.path().app_cache_dir()?.join("tray-icon"))
            .icon(icon(view.mark))
            .tooltip(&view.tooltip)
            .menu(&menu)
            .show_menu_on_left_click(false)
            .on_menu_event(move |app, event: MenuEvent| {
                // A check entry ticks itself when clicked; the model says what is ticked.
                tray.repaint(true);
                if let Some(action) = action_of(event.id().as_ref()) {
                    on_action(app, action);
                }
            })
            .on_tray_icon_event(move |icon, event| {
                if let TrayIconEvent::Click {
                    button: MouseButton::Left,
                    button_state: MouseButtonState::Up,
                    ..
                } = event
                {
                    on_click(icon.app_handle(), TrayAction::Show);
                }
            });
        #[cfg(target_os = "linux")]
        let builder = builder.title(&view.summary);
        builder.build(app)?;
        let shown = Arc::new(Mutex::new(Shown { view, items }));
        let app = app.clone();
        let repaint = move |all: bool| {
            let (app, shown) = (app.clone(), Arc::clone(&shown));
            let run = app.clone().run_on_main_thread(move || {
                let view = app.state::<Tray>().view();
                let mut shown = shown.lock().expect("tray lock");
                if let Err(error) = paint(&app, &mut shown, view, all) {
                    tracing::warn!(%error, "tray not updated");
                }
            });
            if let Err(error) = run {
                tracing::warn!(%error, "tray not updated");
            }
        };
        if self.0.repaint.set(Box::new(repaint)).is_err() {
            tracing::warn!("the tray icon was attached twice");
        }
        Ok(())
    }

    fn status(&self) -> std::sync::MutexGuard<'_, Option<SessionStatus>> {
        self.0.status.lock().expect("tray status lock")
    }

    fn repaint(&self, all: bool) {
        if let Some(repaint) = self.0.repaint.get() {
            repaint(all);
        }
    }
}

/// The view of a status, worded by `l10n`.
fn view(l10n: &Localizer, status: Option<&SessionStatus>) -> TrayView {
    let (mark, state) = match status.map(|status| &status.presence) {
        Some(AgentState::Available) => (Mark::Available, l10n.text("presence-available", &[])),
        Some(AgentState::Idle { code }) => {
            let reasons = status.map_or(&[][..], |status| &status.idle_codes);
            (Mark::Idle, idle_label(l10n, reasons, code))
        }
        Some(AgentState::Rona) => (Mark::Rona, l10n.text("presence-rona", &[])),
        Some(AgentState::WorkingOffline) => {
            (Mark::Offline, l10n.text("presence-working-offline", &[]))
        }
        Some(AgentState::LoggedOut) | None => {
            (Mark::Offline, l10n.text("presence-logged-out", &[]))
        }
    };
    let mut parts = vec![state];
    if let Some(status) = status {
        let waiting = status.offers.len();
        if waiting > 0 {
            parts.push(l10n.text("offers-waiting", &[("count", Arg::Number(waiting as f64))]));
        }
        let unread: u32 = status.unread.values().sum();
        if unread > 0 {
            parts.push(l10n.text("task-unread", &[("count", Arg::Number(unread.into()))]));
        }
    }
    let summary = parts.join(" · ");
    let session = status.map(|status| SessionMenu {
        available: Choice {
            label: l10n.text("presence-available", &[]),
            current: status.presence == AgentState::Available,
        },
        idle_codes: status
            .idle_codes
            .iter()
            .map(|reason| {
                let current =
                    matches!(&status.presence, AgentState::Idle { code } if *code == reason.id);
                let label = l10n.pick(&reason.labels).unwrap_or(&reason.id).to_owned();
                (reason.id.clone(), Choice { label, current })
            })
            .collect(),
        sign_out: l10n.text("topbar-sign-out", &[]),
    });
    TrayView {
        mark,
        tooltip: format!("{}\n{summary}", l10n.text("app-title", &[])),
        summary,
        show: l10n.text("tray-show", &[]),
        session,
        quit: l10n.text("tray-quit", &[]),
    }
}

fn idle_label(l10n: &Localizer, reasons: &[Reason], code: &str) -> String {
    reasons
        .iter()
        .find(|reason| reason.id == code)
        .and_then(|reason| l10n.pick(&reason.labels))
        .unwrap_or(code)
        .to_owned()
}

fn icon(mark: Mark) -> Image<'static> {
    match mark {
        Mark::Available => tauri::include_image!("icons/tray/available.png"),
        Mark::Idle => tauri::include_image!("icons/tray/idle.png"),
        Mark::Rona => tauri::include_image!("icons/tray/rona.png"),
        Mark::Offline => tauri::include_image!("icons/tray/offline.png"),
    }
}

// Menu entry ids.
const STATUS: &str = "status";
const SHOW: &str = "show";
const AVAILABLE: &str = "available";
const IDLE_PREFIX: &str = "idle:";
const SIGN_OUT: &str = "sign-out";
const QUIT: &str = "quit";

fn action_of(id: &str) -> Option<TrayAction> {
    match id {
        SHOW => Some(TrayAction::Show),
        AVAILABLE => Some(TrayAction::Available),
        SIGN_OUT => Some(TrayAction::SignOut),
        QUIT => Some(TrayAction::Quit),
        _ => id.strip_prefix(IDLE_PREFIX).map(|code| TrayAction::Idle(code.to_owned())),
    }
}

/// Menus read `&` as the mnemonic mark: a label from a translation or the hub's
/// configuration shows it as it is.
fn literal(label: &str) -> String {
    label.replace('&', "&&")
}

/// The menu's entries, kept to change their text and ticks in place.
struct Items<R: Runtime> {
    status: MenuItem<R>,
    show: MenuItem<R>,
    session: Option<SessionItems<R>>,
    quit: MenuItem<R>,
}

struct SessionItems<R: Runtime> {
    available: CheckMenuItem<R>,
    idle_codes: Vec<CheckMenuItem<R>>,
    sign_out: MenuItem<R>,
}

/// What the tray shows now, and its entries.
struct Shown<R: Runtime> {
    view: TrayView,
    items: Items<R>,
}

fn menu<R: Runtime>(app: &AppHandle<R>, view: &TrayView) -> tauri::Result<(Menu<R>, Items<R>)> {
    let entry = |id: &str, text: &str, enabled: bool| {
        MenuItem::with_id(app, id, literal(text), enabled, None::<&str>)
    };
    let choice = |id: String, choice: &Choice| {
        CheckMenuItem::with_id(app, id, literal(&choice.label), true, choice.current, None::<&str>)
    };
    let items = Items {
        status: entry(STATUS, &view.summary, false)?,
        show: entry(SHOW, &view.show, true)?,
        session: match &view.session {
            Some(session) => Some(SessionItems {
                available: choice(AVAILABLE.to_owned(), &session.available)?,
                idle_codes: session
                    .idle_codes
                    .iter()
                    .map(|(code, entry)| choice(format!("{IDLE_PREFIX}{code}"), entry))
                    .collect::<tauri::Result<_>>()?,
                sign_out: entry(SIGN_OUT, &session.sign_out, true)?,
            }),
            None => None,
        },
        quit: entry(QUIT, &view.quit, true)?,
    };
    let separators = [
        PredefinedMenuItem::separator(app)?,
        PredefinedMenuItem::separator(app)?,
        PredefinedMenuItem::separator(app)?,
    ];
    let mut entries: Vec<&dyn IsMenuItem<R>> =
        vec![&items.status, &separators[0], &items.show, &separators[1]];
    if let Some(session) = &items.session {
        entries.push(&session.available);
        entries.extend(session.idle_codes.iter().map(|item| item as &dyn IsMenuItem<R>));
        entries.push(&separators[2]);
        entries.push(&session.sign_out);
    }
    entries.push(&items.quit);
    let menu = Menu::with_items(app, &entries)?;
    Ok((menu, items))
}

/// Changes what differs between what the tray shows and `view` (`all`: every entry's text
/// and tick, which a click may have changed behind the model's back).
fn paint<R: Runtime>(
    app: &AppHandle<R>,
    shown: &mut Shown<R>,
    view: TrayView,
    all: bool,
) -> tauri::Result<()> {
    let Some(tray) = app.tray_by_id(TRAY_ID) else { return Ok(()) };
    let same_entries = |a: &TrayView, b: &TrayView| match (&a.session, &b.session) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            a.idle_codes.iter().map(|(id, _)| id).eq(b.idle_codes.iter().map(|(id, _)| id))
        }
        _ => false,
    };
    if !same_entries(&shown.view, &view) {
        let (menu, items) = menu(app, &view)?;
        tray.set_menu(Some(menu))?;
        shown.items = items;
    } else {
        relabel(&shown.items, &shown.view, &view, all)?;
    }
    if shown.view.mark != view.mark {
        tray.set_icon(Some(icon(view.mark)))?;
    }
    if shown.view.summary != view.summary || shown.view.tooltip != view.tooltip {
        set_text(&tray, &view)?;
    }
    shown.view = view;
    Ok(())
}

fn set_text<R: Runtime>(tray: &TrayIcon<R>, view: &TrayView) -> tauri::Result<()> {
    tray.set_tooltip(Some(&view.tooltip))?;
    #[cfg(target_os = "linux")]
    tray.set_title(Some(&view.summary))?;
    Ok(())
}

/// The same entries, with new words or ticks.
fn relabel<R: Runtime>(
    items: &Items<R>,
    before: &TrayView,
    after: &TrayView,
    all: bool,
) -> tauri::Result<()> {
    let text = |item: &MenuItem<R>, before: &str, after: &str| {
        if all || before != after {
            item.set_text(literal(after))?;
        }
        Ok::<_, tauri::Error>(())
    };
    let choice = |item: &CheckMenuItem<R>, before: Option<&Choice>, after: &Choice| {
        if all || before.map(|b| &b.label) != Some(&after.label) {
            item.set_text(literal(&after.label))?;
        }
        if all || before.map(|b| b.current) != Some(after.current) {
            item.set_checked(after.current)?;
        }
        Ok::<_, tauri::Error>(())
    };
    text(&items.status, &before.summary, &after.summary)?;
    text(&items.show, &before.show, &after.show)?;
    text(&items.quit, &before.quit, &after.quit)?;
    if let (Some(items), Some(session)) = (&items.session, &after.session) {
        let previous = before.session.as_ref();
        choice(&items.available, previous.map(|p| &p.available), &session.available)?;
        for (at, (item, (_, entry))) in items.idle_codes.iter().zip(&session.idle_codes).enumerate()
        {
            let was = previous.and_then(|p| p.idle_codes.get(at)).map(|(_, choice)| choice);
            choice(item, was, entry)?;
        }
        text(&items.sign_out, previous.map_or("", |p| &p.sign_out), &session.sign_out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use desk_core::view::{DeskView, PresenceView};

    fn status(presence: AgentState) -> SessionStatus {
        SessionStatus {
            presence,
            idle_codes: vec![Reason {
                id: "lunch".into(),
                labels: [("en-US".to_owned(), "Lunch".to_owned()), ("ar".into(), "غداء".into())]
                    .into(),
            }],
            offers: BTreeSet::new(),
            unread: BTreeMap::new(),
        }
    }

    #[test]
    fn each_presence_has_its_own_mark_and_words() {
        let l10n = Localizer::negotiate(&["en-US"]);
        let marks: Vec<(Mark, String)> = [
            Some(AgentState::Available),
            Some(AgentState::Idle { code: "lunch".into() }),
            Some(AgentState::Rona),
            None,
        ]
        .into_iter()
        .map(|presence| {
            let status = presence.map(status);
            let view = view(&l10n, status.as_ref());
            (view.mark, view.summary)
        })
        .collect();
        assert_eq!(
            marks,
            vec![
                (Mark::Available, "Available".to_owned()),
                (Mark::Idle, "Lunch".to_owned()),
                (Mark::Rona, "RONA".to_owned()),
                (Mark::Offline, "Logged out".to_owned()),
            ]
        );
    }

    #[test]
    fn waiting_requests_and_unread_messages_are_counted_from_the_changes() {
        let l10n = Localizer::negotiate(&["en-US"]);
        let mut status = status(AgentState::Rona);
        let reset = DeskView {
            presence: PresenceView { state: AgentState::Available, since: 0 },
            offers: vec![],
            tasks: vec![],
            history: vec![],
        };
        assert!(status.apply(&DeskChange::Reset(reset)));
        status.offers.insert("c1".into());
        status.unread.insert("c2".into(), 2);
        status.unread.insert("c3".into(), 1);
        let view = view(&l10n, Some(&status));
        assert_eq!(
            desk_core_plain(&view.summary),
            "Available · 1 contact request waiting · 3 unread messages"
        );
        assert!(view.session.as_ref().unwrap().available.current);
        assert!(!view.session.as_ref().unwrap().idle_codes[0].1.current);
        assert!(status.apply(&DeskChange::OfferWithdrawn {
            conversation_id: "c1".into(),
            reason: hub_protocol::WithdrawReason::TimedOut,
        }));
        assert!(status.apply(&DeskChange::TaskRemoved { conversation_id: "c2".into() }));
        let view = super::view(&l10n, Some(&status));
        assert_eq!(desk_core_plain(&view.summary), "Available · 1 unread message");
    }

    #[test]
    fn the_menu_speaks_the_agents_language() {
        let l10n = Localizer::negotiate(&["ar"]);
        let view = view(&l10n, Some(&status(AgentState::Idle { code: "lunch".into() })));
        let session = view.session.unwrap();
        assert_eq!(session.idle_codes[0].1.label, "غداء");
        assert!(session.idle_codes[0].1.current);
        assert_ne!(view.quit, "Quit");
        assert_eq!(action_of("idle:lunch"), Some(TrayAction::Idle("lunch".into())));
        assert_eq!(literal("Q&A"), "Q&&A");
    }

    /// Without Fluent's isolation marks around arguments.
    fn desk_core_plain(text: &str) -> String {
        text.chars().filter(|c| !matches!(c, '\u{2068}' | '\u{2069}')).collect()
    }
}
