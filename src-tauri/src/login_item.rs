//! "Start Tend when I log in": a desktop entry in the user's autostart folder, as the XDG
//! Autostart specification places it (`$XDG_CONFIG_HOME/autostart`, else
//! `~/.config/autostart`). It starts this Tend with `--background` (no window, for the
//! reminder) and `--data-dir` set to the journal open now, so that someone who keeps her
//! journal in a folder of her own opens that journal at login, not an empty default one.
//! Written here rather than by the autostart plugin, whose crate (auto-launch) writes no
//! arguments but its own and looks only in `~/.config` (issue 27, D5).

use std::io;
use std::path::{Path, PathBuf};

/// The login item's file name: the one Tend's earlier login items had, so those are found.
const FILE: &str = "Tend.desktop";

/// Where login items go, or `None` with no home to put them in.
fn folder() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        // The specification: a relative path is not a config home, and is ignored.
        .filter(|dir| dir.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))?;
    Some(config.join("autostart"))
}

fn file() -> io::Result<PathBuf> {
    folder()
        .map(|dir| dir.join(FILE))
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no home folder is set"))
}

/// Whether Tend is among the login items now (the desktop's own settings can take it out).
pub fn is_enabled() -> bool {
    file().is_ok_and(|file| file.is_file())
}

/// Writes the login item, starting `exe` on the journal at `data_dir`.
pub fn enable(exe: &Path, data_dir: &Path) -> io::Result<()> {
    let file = file()?;
    // Linux names a program replaced while it runs (an upgrade) "… (deleted)": the new one is
    // at the same path. A journal given as a relative path is resolved now, not against the
    // folder a login session starts in.
    let exe = PathBuf::from(
        exe.to_string_lossy()
            .trim_end_matches(" (deleted)")
            .to_string(),
    );
    let data_dir = std::path::absolute(data_dir)?;
    let (exe, data_dir) = (exe.as_path(), data_dir.as_path());
    std::fs::create_dir_all(file.parent().unwrap_or(Path::new("/")))?;
    tend::fsio::write_atomic(&file, entry(exe, data_dir).as_bytes())
        .map_err(|e| io::Error::other(e.to_string()))
}

/// Takes the login item out, if there is one.
pub fn disable() -> io::Result<()> {
    match std::fs::remove_file(file()?) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The desktop entry: its `Exec` line quotes each argument as the Desktop Entry
/// specification asks.
fn entry(exe: &Path, data_dir: &Path) -> String {
    let exec = [
        quoted(&exe.to_string_lossy()),
        crate::reminder::BACKGROUND.to_string(),
        "--data-dir".to_string(),
        quoted(&data_dir.to_string_lossy()),
    ]
    .join(" ");
    format!(
        "[Desktop Entry]\n\
         Type=Application\n\
         Name=Tend\n\
         Comment=Starts Tend without a window, for its daily reminder\n\
         Exec={exec}\n\
         Terminal=false\n\
         X-GNOME-Autostart-enabled=true\n"
    )
}

/// One argument of an `Exec` line: in double quotes, with `"`, `` ` ``, `$` and `\` escaped by
/// a backslash, then each backslash doubled again (the string escape, applied first when the
/// file is read), and `%` written `%%` (a field code otherwise).
fn quoted(arg: &str) -> String {
    let mut out = String::from("\"");
    for c in arg.chars() {
        match c {
            '"' | '`' | '$' => {
                out.push_str("\\\\");
                out.push(c);
            }
            '\\' => out.push_str("\\\\\\\\"),
            '%' => out.push_str("%%"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exec_line_names_the_journal_and_quotes_what_must_be() {
        let text = entry(
            Path::new("/usr/bin/tend-app"),
            Path::new("/home/sam/My \"journal\" 100%"),
        );
        let exec = text.lines().find(|l| l.starts_with("Exec=")).unwrap();
        assert_eq!(
            exec,
            r#"Exec="/usr/bin/tend-app" --background --data-dir "/home/sam/My \\"journal\\" 100%%""#
        );
    }
}
