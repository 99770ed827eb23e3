//! Encryption and the lock (issue 11), as a new user meets them: turn encryption on in
//! Settings and keep the recovery key; start again (locked); a wrong passphrase, then the right
//! one; write; wait for the idle lock; unlock with the recovery key; quick-hide mid-sentence and
//! come back through the passphrase with nothing lost; Ctrl+L. After each run, a word written
//! through the app is in no file under the journal, the temporary folder, or the cache and
//! local-share folders (scripts/e2e.sh gives the run its own).

use std::path::{Path, PathBuf};
use std::time::Duration;

use tend_e2e::{run, seen, wait_until, with_app, with_new_app, App};

const PASSPHRASE: &str = "quiet harbour lantern";

/// A word nobody else writes: made now, so no file could hold it before this run.
fn marker() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("zq{nanos:x}")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    for item in read.flatten() {
        let Ok(kind) = item.file_type() else { continue };
        if kind.is_dir() {
            files(&item.path(), out);
        } else if kind.is_file() {
            out.push(item.path());
        }
    }
}

/// Every file holding `word` under the journal, the temporary folder, and the cache and
/// local-share folders.
fn plaintext_of(word: &str, journal: &Path) -> Vec<PathBuf> {
    let home = PathBuf::from(std::env::var_os("HOME").unwrap_or_default());
    let env_or = |name: &str, fallback: PathBuf| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .unwrap_or(fallback)
    };
    let places = [
        journal.to_path_buf(),
        std::env::temp_dir(),
        env_or("XDG_CACHE_HOME", home.join(".cache")),
        env_or("XDG_DATA_HOME", home.join(".local/share")),
    ];
    let mut all = Vec::new();
    for place in &places {
        files(place, &mut all);
    }
    all.retain(|path| {
        let bytes = std::fs::read(path).unwrap_or_default();
        bytes.windows(word.len()).any(|w| w == word.as_bytes())
    });
    all
}

async fn wait_for(app: &App, id: &str, within: Duration, why: &str) {
    wait_until(&format!("{why} ({id} appears)"), within, || async move {
        let now = app.count(id).await;
        seen(now > 0, format!("there are {now} of {id} on the page"))
    })
    .await;
}

/// Nothing of the journal in the page: not its text, not its HTML, not a field's value.
async fn assert_no_journal_in_page(app: &App, word: &str, when: &str) {
    let what = format!("{when}, the page holds none of the journal's text");
    wait_until(&what, Duration::from_secs(10), || async move {
        let dom = app.dom().await;
        match dom.find(word) {
            None => Ok(()),
            Some(at) => {
                // The words around it, to tell where in the page it is.
                let before: Vec<char> = dom[..at].chars().rev().take(80).collect();
                let before: String = before.into_iter().rev().collect();
                let after: String = dom[at..].chars().take(80 + word.len()).collect();
                Err(format!("the page still holds {word:?}: …{before}{after}…"))
            }
        }
    })
    .await;
}

async fn unlock(app: &App, secret: &str) {
    app.find("unlock-passphrase").await.clear().await.unwrap();
    app.type_into("unlock-passphrase", secret).await;
    app.click("unlock").await;
    wait_for(
        app,
        "editor",
        Duration::from_secs(20),
        "unlocked, Tend opens on Today",
    )
    .await;
}

#[test]
fn encryption_from_settings_then_locked_unlocked_idle_locked_and_quick_hidden_losing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let word = marker();
    let first = format!("Tonight I wrote about {word} in the garden");
    let recovery = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
    run(async move {
        let (w, r) = (first.clone(), recovery.clone());
        with_app(&data, |app| async move {
            app.type_into("editor", &w).await;
            app.wait_text("save-status", "Saved", |t| t == "Saved")
                .await;
            app.click("nav-settings").await;
            app.click("encryption-start").await;
            app.type_into("new-passphrase", PASSPHRASE).await;
            app.type_into("new-passphrase-again", PASSPHRASE).await;
            let warning = app.text("encryption-warning").await;
            assert!(
                warning.contains("nobody can read your journal again"),
                "{warning}"
            );
            app.screenshot("encryption-01-turning-on").await;
            app.click("encryption-on").await;
            wait_for(
                &app,
                "recovery-key",
                Duration::from_secs(30),
                "the recovery key is shown once encrypted",
            )
            .await;
            let key = app.text("recovery-key").await;
            assert!(key.starts_with("AGE-SECRET-KEY-1"), "{key}");
            *r.borrow_mut() = key;
            app.screenshot("encryption-02-recovery-key").await;
            app.click("recovery-done").await;
            assert_eq!(app.count("recovery-key").await, 0, "shown once, then gone");
            app.wait_text("encryption-status", "encrypted", |t| {
                t.contains("is encrypted")
            })
            .await;
            // The shortest idle time, for the idle lock below.
            app.css("[data-testid=lock-minutes] option[value='1']")
                .await
                .click()
                .await
                .unwrap();
            app.wait_text("privacy-message", "the new idle time", |t| {
                t.contains("1 minute")
            })
            .await;
            app.screenshot("encryption-03-settings-encrypted").await;
        })
        .await;
        assert_eq!(
            plaintext_of(&word, &data),
            Vec::<PathBuf>::new(),
            "after turning encryption on, no file holds the journal's words"
        );
        assert!(
            data.join("identity.age").is_file(),
            "the identity is kept in identity.age"
        );

        let (w, r) = (word.clone(), recovery.clone());
        with_new_app(&data, |app| async move {
            wait_for(
                &app,
                "lock-screen",
                Duration::from_secs(15),
                "an encrypted journal starts locked",
            )
            .await;
            assert_no_journal_in_page(&app, &w, "locked at start").await;
            app.screenshot("encryption-04-locked-at-start").await;

            app.type_into("unlock-passphrase", "quiet harbour lantren")
                .await;
            app.click("unlock").await;
            app.wait_text("unlock-status", "a calm wrong-passphrase message", |t| {
                t.contains("does not open this journal") && t.contains("try as often")
            })
            .await;
            assert_eq!(
                app.count("editor").await,
                0,
                "a wrong passphrase opens nothing"
            );
            app.screenshot("encryption-05-wrong-passphrase").await;

            unlock(&app, PASSPHRASE).await;
            assert!(
                app.value("editor").await.contains(&w),
                "the entry reads back"
            );
            app.type_into("editor", " and then the rain came").await;
            app.wait_text("save-status", "Saved", |t| t == "Saved")
                .await;

            // No key, no click: one minute later (checked every 5 s) Tend locks itself.
            wait_for(
                &app,
                "lock-screen",
                Duration::from_secs(90),
                "idle for the minute chosen, Tend locks",
            )
            .await;
            assert_no_journal_in_page(&app, &w, "idle-locked").await;
            app.screenshot("encryption-06-idle-locked").await;

            // The recovery key opens it too.
            let key = r.borrow().clone();
            unlock(&app, &key).await;
            let text = app.value("editor").await;
            assert!(text.ends_with("and then the rain came"), "{text}");

            // Quick hide mid-sentence: the blank page at once, and the journal locked beneath.
            app.type_into("editor", ". Half a senten").await;
            app.ctrl(true, 'h').await;
            wait_for(
                &app,
                "lock-screen",
                Duration::from_secs(10),
                "hidden, it locks",
            )
            .await;
            assert_no_journal_in_page(&app, &w, "quick-hidden").await;
            assert!(
                app.find("quick-hide-cover")
                    .await
                    .is_displayed()
                    .await
                    .unwrap(),
                "the blank page covers the window"
            );
            app.screenshot("encryption-07-quick-hidden").await;
            // The shortcut again: the unlock screen, its field ready for the passphrase.
            app.ctrl(true, 'h').await;
            app.wait_shown("quick-hide-cover", false).await;
            app.screenshot("encryption-08-back-to-unlock").await;
            app.type_on_focus(PASSPHRASE).await;
            app.click("unlock").await;
            wait_for(&app, "editor", Duration::from_secs(20), "unlocked again").await;
            let text = app.value("editor").await;
            assert!(
                text.ends_with("and then the rain came. Half a senten"),
                "nothing typed before the hide is lost: {text:?}"
            );

            // Ctrl+L locks at once.
            app.ctrl(false, 'l').await;
            wait_for(&app, "lock-screen", Duration::from_secs(10), "Ctrl+L locks").await;
            assert_no_journal_in_page(&app, &w, "locked with Ctrl+L").await;
        })
        .await;
        assert_eq!(
            plaintext_of(&word, &data),
            Vec::<PathBuf>::new(),
            "after writing in an encrypted journal, no file holds the journal's words"
        );
    });
}

/// Issue 27, D9: the lock screen at start ignored the chosen theme and text size, which are in
/// the encrypted settings; they are now kept beside the country in lock-screen.json.
#[test]
fn the_lock_screen_is_drawn_in_the_chosen_theme_and_text_size() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    {
        let mut store = tend::Store::open(&data, Box::new(tend::SystemClock)).unwrap();
        let settings = tend::Settings {
            stance: Some(tend::Stance::Unsure),
            theme: tend::settings::Appearance::Dark,
            text_size: tend::settings::TextSize::Largest,
            ..store.settings().clone()
        };
        store.save_settings(settings).unwrap();
        let passphrase = tend::crypt::secrecy::SecretString::from(PASSPHRASE.to_string());
        store.encryption_on(&passphrase, Some(2)).unwrap();
    }
    let look = std::fs::read_to_string(data.join("lock-screen.json")).unwrap();
    assert!(
        look.contains("\"dark\"") && look.contains("\"largest\""),
        "{look}"
    );
    run(async move {
        with_new_app(&data, |app| async move {
            app.find("unlock-passphrase").await;
            wait_until(
                "the lock screen is dark, at the largest text",
                Duration::from_secs(10),
                || async {
                    let drawn = app
                        .client
                        .execute(
                            "const r = document.documentElement; \
                             return [r.dataset.theme || '', r.style.fontSize];",
                            vec![],
                        )
                        .await
                        .unwrap();
                    seen(
                        drawn == serde_json::json!(["dark", "20px"]),
                        format!("the theme and text size drawn are {drawn}"),
                    )
                },
            )
            .await;
            app.screenshot("lock-screen-dark-largest").await;
        })
        .await;
    });
}
