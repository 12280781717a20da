//! The desk itself: the language the agent reads it in, and the settings dialog's
//! preferences.

use std::collections::BTreeMap;

use desk_core::l10n::{Arg, Direction, Localized, Localizer};
use serde::{Deserialize, Serialize};

use super::Shell;
use crate::settings::Preferences;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocaleView {
    pub locale: String,
    pub dir: Direction,
    pub available: Vec<&'static str>,
}

/// One message the webview wants resolved.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct L10nRequest {
    pub id: String,
    #[serde(default)]
    pub args: BTreeMap<String, serde_json::Value>,
}

impl Shell {
    /// The settings dialog's choices.
    pub fn preferences(&self) -> Preferences {
        self.settings().preferences
    }

    pub fn set_preferences(&self, preferences: Preferences) -> Preferences {
        self.update_settings(|settings| settings.preferences = preferences.clone());
        preferences
    }

    pub fn locale_view(&self) -> LocaleView {
        let l10n = self.localizer();
        LocaleView {
            locale: l10n.locale(),
            dir: l10n.direction(),
            available: desk_core::l10n::available_locales(),
        }
    }

    pub fn set_locale(&self, locale: &str) -> LocaleView {
        self.language.set(Localizer::negotiate(&[locale]));
        self.update_settings(|settings| settings.locale = Some(locale.to_owned()));
        self.tray.relabel();
        self.locale_view()
    }

    pub fn localize(&self, requests: &[L10nRequest]) -> Vec<Option<Localized>> {
        let l10n = self.localizer();
        requests
            .iter()
            .map(|request| {
                let args: Vec<(&str, Arg)> = request
                    .args
                    .iter()
                    .map(|(name, value)| {
                        let arg = match value {
                            serde_json::Value::Number(number) => {
                                Arg::Number(number.as_f64().unwrap_or_default())
                            }
                            serde_json::Value::String(text) => Arg::Text(text.clone()),
                            other => Arg::Text(other.to_string()),
                        };
                        (name.as_str(), arg)
                    })
                    .collect();
                l10n.localize(&request.id, &args)
            })
            .collect()
    }
}
