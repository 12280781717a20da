//! Agent Desk's Tauri shell.
//!
//! The shell is thin: commands (`commands/`) call the [`shell::Shell`] flows, which call
//! desk-core (the agent-side model, masking, l10n) or the hub client. Events reach the
//! webview only through [`events`]. The hub's bearer token stays in Rust.

pub mod attention;
pub mod autostart;
pub mod away;
pub mod commands;
pub mod embedded;
pub mod error;
pub mod escalation;
pub mod events;
pub mod hub_client;
pub mod language;
pub mod lifecycle;
pub mod notify;
pub mod outbox;
pub mod secrets;
pub mod session;
pub mod settings;
pub mod shell;
pub mod tray;
pub mod webview;

use tauri::{Manager, Runtime};

/// Builds the app on any runtime: Wry for the real window, the mock runtime in tests.
pub fn run_app<R: Runtime>(
    builder: tauri::Builder<R>,
    context: tauri::Context<R>,
) -> tauri::Result<tauri::App<R>> {
    let app = builder
        .setup(|app| {
            if let Some(window) = app.get_webview_window("main") {
                webview::configure(&window);
            }
            if app.state::<shell::Shell>().wants_embedded_hub() {
                // Started before sign-in so the sign-in screen can show its chat page, and
                // so signing in does not wait for it.
                let handle = app.handle().clone();
                tauri::async_runtime::spawn(async move {
                    let shell = handle.state::<shell::Shell>();
                    if let Err(error) = shell.embedded_hub_url().await {
                        tracing::error!(%error, "embedded hub did not start");
                    }
                });
            }
            // The screen lock, the screensaver and sleep move an Available agent away.
            away::start(app.handle());
            Ok(())
        })
        .on_page_load(|_, payload| {
            // The window is there to use: scripts/desk-footprint times the start to this line.
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                tracing::info!(url = %payload.url(), "page loaded");
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::sign_in_defaults,
            commands::sign_in,
            commands::sign_out,
            commands::session_view,
            commands::masking_state,
            commands::set_presence,
            commands::accept_offer,
            commands::reject_offer,
            commands::end_conversation,
            commands::submit_wrapup,
            commands::search_customers,
            commands::create_customer,
            commands::confirm_record,
            commands::customer_file,
            commands::offer_record,
            commands::chat_log,
            commands::open_case,
            commands::save_case,
            commands::draft_cases,
            commands::check_draft,
            commands::send_message,
            commands::retry_message,
            commands::conversation_messages,
            commands::mark_read,
            commands::transfer_conversation,
            commands::request_conference,
            commands::leave_conference,
            commands::list_transfer_targets,
            commands::agent_typing,
            commands::locale_info,
            commands::set_locale,
            commands::localize,
            // Queues, readiness and FAQ.
            commands::my_queues,
            commands::set_my_queues,
            commands::faq_answers,
            // Settings and what the desktop shows.
            commands::preferences,
            commands::set_preferences,
            commands::viewing_conversation,
        ])
        .build(context)?;
    // Managed here rather than in `setup`, which runs only once the event loop starts: the
    // commands need it from the first invoke, on the mock runtime too.
    let shell = shell::Shell::new(app.path().app_config_dir()?, app.path().app_data_dir()?);
    app.manage(attention::Attention::new(shell.language(), shell.settings_store()));
    app.manage(shell.tray());
    app.manage(shell);
    Ok(app)
}

/// The app's context (config, embedded UI, capabilities), on any runtime.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Runs the desk.
pub fn run() {
    // The log goes to standard error, where logs belong (and where a launcher such as
    // WebKitWebDriver passes it on; it silences standard output).
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,agent_desk=info,contact_hub=info".into()),
        )
        .init();
    let context = context();
    // The desk on the desktop (lifecycle.rs): one instance (registered first, so a second
    // launch stops before anything else starts), the window's state, the tray, start at
    // login.
    let builder = tauri::Builder::default()
        .plugin(lifecycle::single_instance(&context.config().identifier))
        .plugin(lifecycle::window_state())
        .plugin(lifecycle::plugin());
    #[cfg(not(target_os = "linux"))]
    let builder = builder.plugin(tauri_plugin_autostart::Builder::new().build());
    let app = run_app(builder, context).expect("the desk window could not be created");
    app.run(|app, event| {
        // Quitting (the tray's Quit, the last window closed, SIGTERM) signs the session out
        // on the hub: its token must not outlive the desk.
        if let tauri::RunEvent::Exit = event {
            let shell = app.state::<shell::Shell>();
            // The timer is made inside the runtime: made outside, it panics for want of one.
            let signed_out = tauri::async_runtime::block_on(async {
                tokio::time::timeout(std::time::Duration::from_secs(3), shell.sign_out()).await
            });
            if signed_out.is_err() {
                tracing::info!("the hub did not hear the sign-out in time");
            }
            let attention = app.state::<attention::Attention>();
            // The timer is made inside the runtime, as for the sign-out above.
            let closed = tauri::async_runtime::block_on(async {
                tokio::time::timeout(std::time::Duration::from_secs(1), attention.close_requests())
                    .await
            });
            if closed.is_err() {
                tracing::info!("request notifications left open");
            }
        }
    });
}
