//! The writing fields as a person expects them (issue 28): WebKitGTK's own spell checking, with
//! the system's dictionaries (hunspell through enchant, on this computer: no word leaves it),
//! in the system's language or the one chosen in Settings, or off; and a right-click menu of what editing needs: the spelling's
//! suggestions, cut, copy, paste and select all. Navigation (back, reload), links, images and
//! media have no place in a journal's menu; "Learn spelling" is left out too, because it writes
//! the word into the dictionary's own file, in plain text, outside the journal: a name she
//! taught it would be there for anyone to read, encryption or not.

/// The language of the system's messages as enchant names a dictionary ("en_US" of
/// "en_US.UTF-8"), from the variables that decide it, in their order; English where none says.
pub fn system_language(var: impl Fn(&str) -> Option<String>) -> String {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| var(name))
        .find(|value| !value.is_empty())
        .map(|value| {
            let end = value.find(['.', '@']).unwrap_or(value.len());
            value[..end].to_string()
        })
        .filter(|lang| lang != "C" && lang != "POSIX" && !lang.is_empty())
        .unwrap_or_else(|| "en_US".into())
}

/// The dictionary to check with: the language's own if installed, else one of the same
/// language ("de_AT" for "de_DE"), else English, else the language as asked (enchant may find
/// it elsewhere). `installed` are the dictionaries' names ("en_US").
pub fn dictionary(language: &str, installed: &[String]) -> String {
    let base = language.split('_').next().unwrap_or(language);
    let same_language = |d: &&String| d.split('_').next() == Some(base);
    let english = |d: &&String| d.starts_with("en_") || *d == "en";
    (installed.iter().find(|d| *d == language))
        .or_else(|| installed.iter().find(same_language))
        .or_else(|| installed.iter().find(english))
        .cloned()
        .unwrap_or_else(|| language.to_string())
}

/// The hunspell dictionaries installed system-wide, by name.
pub fn installed_dictionaries() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir("/usr/share/hunspell")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|f| {
            let name = f.file_name().to_string_lossy().to_string();
            name.strip_suffix(".dic").map(String::from)
        })
        .collect();
    names.sort();
    names
}

/// What a menu item does, as far as the menu needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Separator,
    Spelling,
    Editing,
    /// Inspect Element: only in a debug build, where the developer tools are.
    Inspect,
    Other,
}

/// Which items of WebKit's proposed menu stay, separators tidied: none at either end, never
/// two together. An empty result means no menu at all.
pub fn kept(items: &[Item]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let keep = match item {
            Item::Spelling | Item::Editing => true,
            Item::Inspect => cfg!(debug_assertions),
            Item::Separator => out
                .last()
                .is_some_and(|&last| items[last] != Item::Separator),
            Item::Other => false,
        };
        if keep {
            out.push(n);
        }
    }
    while out
        .last()
        .is_some_and(|&last| items[last] == Item::Separator)
    {
        out.pop();
    }
    out
}

/// The dictionary of the system's language, as [`dictionary`] finds it installed.
pub fn system_dictionary() -> String {
    let language = system_language(|name| std::env::var(name).ok());
    dictionary(&language, &installed_dictionaries())
}

/// Checks spelling as `settings` say: off, or with the chosen dictionary (one of the same
/// language, or English, where it is not installed on this computer: a journal synced from
/// another may name one), or the system's language's.
pub fn apply(window: &tauri::WebviewWindow, settings: &tend::Settings) {
    let language = match &settings.spelling {
        Some(chosen) => dictionary(chosen, &installed_dictionaries()),
        None => system_dictionary(),
    };
    let on = settings.spell_check;
    #[cfg(target_os = "linux")]
    let _ = window.with_webview(move |webview| {
        use webkit2gtk::{WebContextExt, WebViewExt};
        if let Some(context) = webview.inner().context() {
            context.set_spell_checking_languages(&[language.as_str()]);
            context.set_spell_checking_enabled(on);
        }
    });
    #[cfg(not(target_os = "linux"))]
    let _ = (window, language, on);
}

/// Turns spell checking on (in the system's language until the journal's settings are read)
/// and trims the right-click menu, on the main window's webview.
pub fn set_up(window: &tauri::WebviewWindow) {
    apply(window, &tend::Settings::default());
    #[cfg(target_os = "linux")]
    let _ = window.with_webview(|webview| {
        use webkit2gtk::{ContextMenuAction as A, ContextMenuExt, ContextMenuItemExt, WebViewExt};
        let view = webview.inner();
        view.connect_context_menu(|_, menu, _, _| {
            let items = menu.items();
            let kinds: Vec<Item> = (items.iter())
                .map(|item| {
                    if item.is_separator() {
                        return Item::Separator;
                    }
                    match item.stock_action() {
                        A::SpellingGuess | A::NoGuessesFound | A::IgnoreSpelling => Item::Spelling,
                        A::Cut
                        | A::Copy
                        | A::Paste
                        | A::PasteAsPlainText
                        | A::Delete
                        | A::SelectAll
                        | A::InsertEmoji => Item::Editing,
                        A::InspectElement => Item::Inspect,
                        _ => Item::Other,
                    }
                })
                .collect();
            let keep = kept(&kinds);
            for (n, item) in items.iter().enumerate().rev() {
                if !keep.contains(&n) {
                    menu.remove(item);
                }
            }
            // True: no menu (nothing in it was hers to use).
            keep.is_empty()
        });
    });
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_the_systems_as_a_dictionary_names_it() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                (pairs.iter())
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(system_language(env(&[("LANG", "de_DE.UTF-8")])), "de_DE");
        assert_eq!(
            system_language(env(&[("LANG", "de_DE.UTF-8"), ("LC_ALL", "fr_FR@euro")])),
            "fr_FR"
        );
        assert_eq!(system_language(env(&[("LANG", "C.UTF-8")])), "en_US");
        assert_eq!(
            system_language(env(&[("LC_ALL", ""), ("LANG", "pt_BR")])),
            "pt_BR"
        );
        assert_eq!(system_language(env(&[])), "en_US");
    }

    #[test]
    fn without_the_languages_dictionary_one_of_the_same_language_or_english_checks() {
        let installed = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let both = installed(&["de_AT", "en_US"]);
        assert_eq!(dictionary("en_US", &both), "en_US");
        assert_eq!(dictionary("de_DE", &both), "de_AT");
        assert_eq!(dictionary("fr_FR", &both), "en_US");
        assert_eq!(dictionary("fr_FR", &[]), "fr_FR");
    }

    #[test]
    fn the_menu_keeps_spelling_and_editing_and_drops_navigation() {
        use Item::*;
        // A misspelled word in a text box: guesses, ignore, learn (Other: it writes a file),
        // then editing, then Inspect Element.
        let proposed = [
            Spelling, Spelling, Separator, Spelling, Other, Separator, Editing, Editing, Editing,
            Separator, Other, Separator, Inspect,
        ];
        let kept_items: Vec<Item> = kept(&proposed).into_iter().map(|n| proposed[n]).collect();
        let mut wanted = vec![
            Spelling, Spelling, Separator, Spelling, Separator, Editing, Editing, Editing,
        ];
        if cfg!(debug_assertions) {
            wanted.extend([Separator, Inspect]);
        }
        assert_eq!(kept_items, wanted);
        // The page's background: Back, Forward, Reload. No menu at all.
        assert!(kept(&[Other, Other, Separator, Other]).is_empty());
    }
}
