//! The desk's tray icon as a desktop panel sees it: a StatusNotifierItem registered with the
//! session's StatusNotifierWatcher (`status-notifier-watcher`, started by
//! scripts/test-session), its properties, and its menu over `com.canonical.dbusmenu`: read,
//! and clicked as a panel does when the agent picks an entry. Spoken over the session bus
//! with zbus.
//!
//! Also the desktop around the window that a window manager would be: whether the window is
//! on screen (xdotool), closing it as its close button does (`WM_DELETE_WINDOW`, python3-xlib),
//! and a tray that draws the items (`gtk-sni-tray-standalone`) for screenshots of the menu.

use std::collections::HashMap;
use std::os::unix::process::CommandExt as _;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use zbus::zvariant::{OwnedObjectPath, OwnedValue as OwnedVariant, Value as Variant};
use zbus::Connection;

use super::{eventually, processes_in_group, stop_group, DeskApp};

const WATCHER: &str = "org.kde.StatusNotifierWatcher";
const ITEM: &str = "org.kde.StatusNotifierItem";
const MENU: &str = "com.canonical.dbusmenu";

pub struct TrayItem {
    bus: Connection,
    service: String,
    path: String,
}

/// dbusmenu's `GetLayout` answer: a revision, and the root `(id, properties, children)`.
type Layout = (u32, (i32, HashMap<String, OwnedVariant>, Vec<OwnedVariant>));

/// One entry of the tray menu, as dbusmenu describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct MenuEntry {
    pub id: i32,
    /// Empty for a separator.
    pub label: String,
    pub enabled: bool,
    /// `Some` for an entry that can be ticked: whether it is.
    pub ticked: Option<bool>,
}

impl TrayItem {
    /// The item of this desk's process among those registered with the watcher.
    pub async fn of(desk: &DeskApp) -> Self {
        let bus = Connection::session().await.expect("the session bus (scripts/test-session)");
        let group = desk.process_group();
        let (service, path) = eventually("the desk's tray icon to register", || {
            let bus = bus.clone();
            async move {
                let items: Vec<String> = property(
                    &bus,
                    WATCHER,
                    "/StatusNotifierWatcher",
                    WATCHER,
                    "RegisteredStatusNotifierItems",
                )
                .await
                .and_then(|value| value.try_into().ok())?;
                for service in items {
                    let pid: u32 = call(
                        &bus,
                        "org.freedesktop.DBus",
                        "/org/freedesktop/DBus",
                        "org.freedesktop.DBus",
                        "GetConnectionUnixProcessID",
                        &(service.as_str(),),
                    )
                    .await?;
                    if processes_in_group(group).contains(&pid) {
                        // The watcher's own extension: where the item lives on its connection.
                        let path: String = call(
                            &bus,
                            WATCHER,
                            "/StatusNotifierWatcher",
                            WATCHER,
                            "GetObjectPathForItemName",
                            &(service.as_str(),),
                        )
                        .await?;
                        return Some((service, path));
                    }
                }
                None
            }
        })
        .await;
        Self { bus, service, path }
    }

    /// A text property of the item (`Title`, `Status`, `IconName`, `XAyatanaLabel`…).
    pub async fn text(&self, name: &str) -> String {
        let value = property(&self.bus, &self.service, &self.path, ITEM, name)
            .await
            .unwrap_or_else(|| panic!("the tray item has no {name}"));
        String::try_from(value).unwrap_or_else(|error| panic!("{name}: {error}"))
    }

    /// The text beside the icon: libayatana-appindicator has no tooltip, so the desk puts
    /// its state, waiting requests and unread messages there (and atop the menu).
    pub async fn label(&self) -> String {
        super::plain(&self.text("XAyatanaLabel").await)
    }

    /// Waits until the label satisfies `check`; returns it.
    pub async fn wait_label(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        eventually(&format!("the tray's text: {what}"), || async {
            let label = self.label().await;
            check(&label).then_some(label)
        })
        .await
    }

    /// The image file the icon shows now (libayatana-appindicator hands icons over as files).
    pub async fn icon_file(&self) -> PathBuf {
        let name = self.text("IconName").await;
        let theme = self.text("IconThemePath").await;
        let path = PathBuf::from(&name);
        if path.is_absolute() {
            path
        } else {
            PathBuf::from(theme).join(format!("{name}.png"))
        }
    }

    /// Waits until the icon shows the same pixels as `expected` (a file of `icons/tray/`).
    pub async fn wait_icon(&self, expected: &str) {
        let expected_path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("icons/tray").join(expected);
        let want = pixels(&expected_path).expect("the expected icon");
        eventually(&format!("the tray icon to show {expected}"), || async {
            let shown = self.icon_file().await;
            (pixels(&shown).as_deref() == Some(want.as_str())).then_some(())
        })
        .await;
    }

    /// The menu's entries, top to bottom.
    pub async fn menu(&self) -> Vec<MenuEntry> {
        let menu = self.menu_path().await;
        let (_revision, (_id, _properties, children)): Layout = call(
            &self.bus,
            &self.service,
            &menu,
            MENU,
            "GetLayout",
            &(0i32, -1i32, Vec::<String>::new()),
        )
        .await
        .expect("the tray menu's layout");
        children.iter().filter_map(entry).collect()
    }

    /// The labels of the menu's entries, separators left out.
    pub async fn labels(&self) -> Vec<String> {
        self.menu().await.into_iter().map(|entry| entry.label).filter(|l| !l.is_empty()).collect()
    }

    /// Waits until the menu satisfies `check`; returns it.
    pub async fn wait_menu(
        &self,
        what: &str,
        check: impl Fn(&[MenuEntry]) -> bool,
    ) -> Vec<MenuEntry> {
        eventually(&format!("the tray menu: {what}"), || async {
            let menu = self.menu().await;
            check(&menu).then_some(menu)
        })
        .await
    }

    /// Clicks the entry labelled `label`, as a panel does when the agent picks it.
    pub async fn click(&self, label: &str) {
        let menu = self.menu().await;
        let entry = menu
            .iter()
            .find(|entry| entry.label == label)
            .unwrap_or_else(|| panic!("no {label:?} in the tray menu: {menu:?}"));
        let path = self.menu_path().await;
        let _: () = call(
            &self.bus,
            &self.service,
            &path,
            MENU,
            "Event",
            &(entry.id, "clicked", Variant::from(""), 0u32),
        )
        .await
        .unwrap_or_else(|| panic!("clicking {label:?}"));
    }

    /// Whether the item is still on the bus (it goes with the desk).
    pub async fn registered(&self) -> bool {
        let owner: Option<bool> = call(
            &self.bus,
            "org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "NameHasOwner",
            &(self.service.as_str(),),
        )
        .await;
        owner == Some(true)
    }

    async fn menu_path(&self) -> String {
        let value = property(&self.bus, &self.service, &self.path, ITEM, "Menu")
            .await
            .expect("the tray item's Menu");
        OwnedObjectPath::try_from(value).expect("an object path").to_string()
    }
}

async fn property(
    bus: &Connection,
    service: &str,
    path: &str,
    interface: &str,
    name: &str,
) -> Option<OwnedVariant> {
    call(bus, service, path, "org.freedesktop.DBus.Properties", "Get", &(interface, name)).await
}

/// A method call; `None` when it fails (the name went away, the method is unknown…).
async fn call<B, T>(
    bus: &Connection,
    service: &str,
    path: &str,
    interface: &str,
    method: &str,
    body: &B,
) -> Option<T>
where
    B: serde::Serialize + zbus::zvariant::DynamicType,
    T: for<'d> zbus::zvariant::DynamicDeserialize<'d>,
{
    let reply = bus.call_method(Some(service), path, Some(interface), method, body).await.ok()?;
    reply.body().deserialize::<T>().ok()
}

/// One child of a dbusmenu layout: `(id, properties, children)` in a variant.
fn entry(child: &OwnedVariant) -> Option<MenuEntry> {
    let value: &Variant = child;
    let Variant::Structure(structure) = unwrap(value) else { return None };
    let [id, properties, _children] = structure.fields() else { return None };
    let Variant::I32(id) = unwrap(id) else { return None };
    let Variant::Dict(properties) = unwrap(properties) else { return None };
    let property = |key: &str| -> Option<&Variant> {
        properties.iter().find_map(|(name, value)| match name {
            Variant::Str(name) if name.as_str() == key => Some(unwrap(value)),
            _ => None,
        })
    };
    let text = |key: &str| match property(key) {
        Some(Variant::Str(text)) => Some(text.to_string()),
        _ => None,
    };
    let separator = text("type").as_deref() == Some("separator");
    Some(MenuEntry {
        id: *id,
        // Fluent isolates the numbers it puts in a sentence: the marks are dropped here.
        label: if separator {
            String::new()
        } else {
            super::plain(&text("label").unwrap_or_default())
        },
        enabled: !matches!(property("enabled"), Some(Variant::Bool(false))),
        ticked: text("toggle-type")
            .map(|_| matches!(property("toggle-state"), Some(Variant::I32(1)))),
    })
}

/// The value inside a variant's variants.
fn unwrap<'v>(value: &'v Variant<'v>) -> &'v Variant<'v> {
    match value {
        Variant::Value(inner) => unwrap(inner),
        other => other,
    }
}

/// A picture's pixels, whatever its encoding: ImageMagick's signature of them.
fn pixels(path: &std::path::Path) -> Option<String> {
    let output = Command::new("identify").args(["-format", "%#"]).arg(path).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The desk's main window (its X window id), while it is on screen (GTK gives the app a
/// hidden leader window of the same name too).
pub fn window_of(desk: &DeskApp) -> String {
    let pid = desk.app_pid().to_string();
    let output = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--pid", &pid, "--name", "^Agent Desk$"])
        .output()
        .expect("xdotool");
    let ids = String::from_utf8_lossy(&output.stdout);
    ids.lines().next().unwrap_or_else(|| panic!("no desk window for process {pid}")).to_owned()
}

/// Whether the desk's window is on screen (mapped).
pub fn window_shown(desk: &DeskApp) -> bool {
    let pid = desk.app_pid().to_string();
    let output = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--pid", &pid, "--name", "^Agent Desk$"])
        .output()
        .expect("xdotool");
    !String::from_utf8_lossy(&output.stdout).trim().is_empty()
}

/// Whether the desk's window has the keyboard focus.
pub fn window_focused(window: &str) -> bool {
    let output = Command::new("xdotool").arg("getwindowfocus").output().expect("xdotool");
    String::from_utf8_lossy(&output.stdout).trim() == window
}

/// Closes the window as its close button does under a window manager: the
/// `WM_DELETE_WINDOW` message of ICCCM (Xvfb runs none, so the test sends it itself).
pub fn close_window(window: &str) {
    let script = "import sys\n\
from Xlib import X, display\n\
from Xlib.protocol import event\n\
d = display.Display()\n\
w = d.create_resource_object('window', int(sys.argv[1]))\n\
protocols = d.intern_atom('WM_PROTOCOLS')\n\
delete = d.intern_atom('WM_DELETE_WINDOW')\n\
w.send_event(event.ClientMessage(window=w, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])))\n\
d.flush()\n";
    let status = Command::new("/usr/bin/python3")
        .args(["-c", script, window])
        .status()
        .expect("/usr/bin/python3 with python3-xlib");
    assert!(status.success(), "WM_DELETE_WINDOW to {window}");
}

/// A tray that draws the registered items along the bottom of the screen, as a panel
/// would: `gtk-sni-tray-standalone` (haskell-gtk-sni-tray-utils). Only for screenshots.
pub struct TrayHost {
    process: Child,
}

impl TrayHost {
    /// Height of the bar, in pixels; the first icon sits at its left end.
    pub const SIZE: u32 = 32;

    pub fn start() -> Self {
        let process = Command::new("gtk-sni-tray-standalone")
            .args(["--bottom", "--size", &Self::SIZE.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("gtk-sni-tray-standalone (haskell-gtk-sni-tray-utils)");
        Self { process }
    }

    /// Opens the menu of the first icon (a right click, as a person does) and saves the
    /// screen's corner with the icon and its menu under `target/screenshots/NAME.png`.
    pub async fn screenshot_menu(&self, name: &str) -> PathBuf {
        let (_, height) = display_size();
        let (x, y) = (Self::SIZE / 2, height - Self::SIZE / 2);
        let menu = eventually("the tray's menu to open", || async move {
            let before = visible_windows();
            xdotool(&["mousemove", &x.to_string(), &y.to_string(), "click", "3"]);
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            // The menu: a window that came with the click, bigger than the toolkit's helpers.
            let open = visible_windows()
                .into_iter()
                .filter(|window| !before.contains(window))
                .map(|window| geometry(&window))
                .find(|&(_, _, width, height)| width > 60 && height > 60);
            if open.is_none() {
                xdotool(&["key", "Escape"]);
            }
            open
        })
        .await;
        // Drawn, then shot.
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let (menu_x, menu_y, menu_width, _) = menu;
        let top = menu_y.saturating_sub(12);
        let width = (menu_x + menu_width + 12).max(Self::SIZE * 2);
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        let status = Command::new("import")
            .args(["-window", "root", "-crop", &format!("{width}x{}+0+{top}", height - top)])
            .arg(&path)
            .status()
            .expect("import (imagemagick)");
        assert!(status.success(), "screenshot of the tray menu");
        // The crop keeps its place on the screen as the image's offset: dropped.
        let status = Command::new("convert").arg(&path).arg("+repage").arg(&path).status();
        assert!(status.is_ok_and(|status| status.success()), "convert +repage");
        xdotool(&["key", "Escape"]);
        path
    }
}

fn xdotool(args: &[&str]) -> String {
    let output = Command::new("xdotool").args(args).output().expect("xdotool");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn display_size() -> (u32, u32) {
    let size = xdotool(&["getdisplaygeometry"]);
    let mut numbers = size.split_whitespace().map(|n| n.parse().expect("a display size"));
    (numbers.next().expect("width"), numbers.next().expect("height"))
}

fn visible_windows() -> Vec<String> {
    xdotool(&["search", "--onlyvisible", "--name", ""]).lines().map(str::to_owned).collect()
}

/// A window's `(x, y, width, height)`.
fn geometry(window: &str) -> (u32, u32, u32, u32) {
    let shell = xdotool(&["getwindowgeometry", "--shell", window]);
    let value = |key: &str| -> u32 {
        shell
            .lines()
            .find_map(|line| line.strip_prefix(&format!("{key}=")))
            .and_then(|value| value.trim().parse::<i64>().ok())
            .map_or(0, |value| value.max(0) as u32)
    };
    (value("X"), value("Y"), value("WIDTH"), value("HEIGHT"))
}

impl Drop for TrayHost {
    fn drop(&mut self) {
        stop_group(&mut self.process);
    }
}
