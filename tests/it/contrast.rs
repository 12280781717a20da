//! WCAG 2.1 AA contrast of the desk's palette, light and dark, computed from the custom
//! properties in `ui/styles.css` (every colour lives there): 4.5:1 for text (presence words,
//! the masked values, disabled buttons and the connection banner included), 3:1 for what
//! identifies a control or a state without words (the focus ring, presence dots, field
//! borders). axe checks the light screens as rendered; this checks every pair the
//! stylesheet can put together, in both schemes, without a window.

use std::collections::BTreeMap;
use std::path::Path;

/// Text colours on the surfaces they are drawn on.
const TEXT: &[(&str, &[&str])] = &[
    ("text", &["bg", "surface", "surface-2", "selected"]),
    ("text-muted", &["bg", "surface", "surface-2", "selected", "bubble-customer"]),
    ("system-text", &["bg", "surface"]),
    ("error-text", &["bg", "surface", "surface-2"]),
    ("accent", &["bg", "surface", "surface-2", "selected"]),
    ("presence-available", &["bg", "surface", "surface-2", "selected"]),
    ("presence-idle", &["bg", "surface", "surface-2", "selected"]),
    ("presence-rona", &["bg", "surface", "surface-2", "selected"]),
    ("accent-text", &["accent"]),
    ("danger-text", &["danger"]),
    ("bubble-customer-text", &["bubble-customer"]),
    ("bubble-agent-text", &["bubble-agent"]),
    ("bubble-colleague-text", &["bubble-colleague"]),
    ("badge-text", &["badge"]),
    ("disabled-text", &["disabled-bg"]),
    ("banner-text", &["banner-bg"]),
];

/// Non-text colours that carry meaning, on the surfaces around them.
const GRAPHICS: &[(&str, &[&str])] = &[
    ("focus", &["bg", "surface", "surface-2", "selected"]),
    ("input-border", &["bg", "surface"]),
    ("presence-available", &["surface"]),
    ("presence-idle", &["surface"]),
    ("presence-rona", &["surface"]),
    ("presence-offline", &["surface"]),
];

fn stylesheet() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/styles.css")).unwrap()
}

/// `--name: #rrggbb;` declarations of the block starting at `from` (its first `{…}`).
fn properties(css: &str, from: usize) -> BTreeMap<String, String> {
    let open = from + css[from..].find('{').unwrap() + 1;
    let body = &css[open..open + css[open..].find('}').unwrap()];
    body.split(';')
        .filter_map(|declaration| {
            let (name, value) = declaration.split_once(':')?;
            let name = name.trim().strip_prefix("--")?;
            let value = value.trim();
            (value.starts_with('#') && value.len() == 7)
                .then(|| (name.to_owned(), value.to_owned()))
        })
        .collect()
}

/// The light palette (`:root`) and the dark one (`:root` under `prefers-color-scheme: dark`).
fn palettes() -> [(&'static str, BTreeMap<String, String>); 2] {
    let css = stylesheet();
    let light = properties(&css, css.find(":root {").unwrap());
    let media = css.find("@media (prefers-color-scheme: dark)").expect("a dark palette");
    let mut dark = light.clone();
    dark.extend(properties(&css, media + css[media..].find(":root {").unwrap()));
    [("light", light), ("dark", dark)]
}

fn luminance(hex: &str) -> f64 {
    let channel = |at: usize| {
        let value = f64::from(u8::from_str_radix(&hex[at..at + 2], 16).unwrap()) / 255.0;
        if value <= 0.04045 {
            value / 12.92
        } else {
            ((value + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

fn ratio(a: &str, b: &str) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[test]
fn every_text_and_control_meets_aa_contrast_in_light_and_dark() {
    let mut problems = Vec::new();
    for (scheme, palette) in palettes() {
        for (pairs, minimum) in [(TEXT, 4.5), (GRAPHICS, 3.0)] {
            for (front, backs) in pairs {
                for back in *backs {
                    let (Some(f), Some(b)) = (palette.get(*front), palette.get(*back)) else {
                        problems.push(format!("{scheme}: --{front} or --{back} is not defined"));
                        continue;
                    };
                    let contrast = ratio(f, b);
                    if contrast < minimum {
                        problems.push(format!(
                            "{scheme}: --{front} {f} on --{back} {b}: {contrast:.2}:1 < {minimum}:1"
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "contrast below WCAG AA:\n{}", problems.join("\n"));
}

#[test]
fn the_ratio_is_wcags() {
    assert!((ratio("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    assert!((ratio("#777777", "#ffffff") - 4.48).abs() < 0.01);
}

/// No colour is written outside the custom properties, so the checks above see them all.
#[test]
fn every_colour_is_a_custom_property() {
    let css = stylesheet();
    let mut stray = Vec::new();
    for line in css.lines() {
        let line = line.trim();
        if line.starts_with("--") || line.starts_with("/*") || line.starts_with('*') {
            continue;
        }
        for declaration in line.split(['{', ';', '}']) {
            let Some((name, value)) = declaration.split_once(':') else { continue };
            let name = name.trim();
            if matches!(name, "color" | "background" | "background-color" | "border-color")
                && value.contains('#')
            {
                stray.push(line.to_owned());
            }
        }
    }
    assert!(stray.is_empty(), "colours outside the palette: {stray:#?}");
}
