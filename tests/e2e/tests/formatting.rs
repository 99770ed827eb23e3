//! Writing the way she wants, in the real app (issue 28): the toolbar and the keys write
//! Markdown's marks, Enter continues a list, the preview shows the entry formatted by the
//! core's renderer, and the file keeps the plain Markdown she wrote; a misspelling is marked,
//! and right-click offers the suggestions. Printing is in printing.rs.

use fantoccini::actions::KeyAction;
use fantoccini::key::Key;

use tend_e2e::{run, seen, wait_until, with_app, xdotool, App, WAIT};

/// Presses one key, with Shift held when `shift`, on whatever has focus.
async fn press(app: &App, key: Key, shift: bool) {
    let (value, shift_key) = (char::from(key), char::from(Key::Shift));
    let mut presses = Vec::new();
    if shift {
        presses.push(KeyAction::Down { value: shift_key });
    }
    presses.extend([KeyAction::Down { value }, KeyAction::Up { value }]);
    if shift {
        presses.push(KeyAction::Up { value: shift_key });
    }
    app.keys(presses).await;
}

const WRITTEN: &str = "# Sunday\n**Slept** well, *finally*\n\n- tea\n- a walk\n";

#[test]
fn a_heading_bold_italic_and_a_list_are_written_as_markdown_and_previewed_formatted() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            app.click("editor").await;
            // A heading: the word written, selected as a person does (Shift+Home), then the
            // toolbar's Heading.
            app.type_on_focus("Sunday").await;
            press(&app, Key::Home, true).await;
            app.click("format-heading").await;
            app.wait_value("editor", "the heading's mark", |v| v == "# Sunday")
                .await;
            // Bold and italic by their keys: the marks wait for the words, End leaves them.
            press(&app, Key::End, false).await;
            press(&app, Key::Enter, false).await;
            app.ctrl(false, 'b').await;
            app.type_on_focus("Slept").await;
            press(&app, Key::End, false).await;
            app.type_on_focus(" well, ").await;
            app.ctrl(false, 'i').await;
            app.type_on_focus("finally").await;
            press(&app, Key::End, false).await;
            // A list from the toolbar, continued by Enter, and ended by Enter on an empty item.
            press(&app, Key::Enter, false).await;
            press(&app, Key::Enter, false).await;
            app.click("format-list").await;
            app.type_on_focus("tea").await;
            press(&app, Key::Enter, false).await;
            app.type_on_focus("a walk").await;
            press(&app, Key::Enter, false).await;
            press(&app, Key::Enter, false).await;
            app.wait_value("editor", "the Markdown as written", |v| v == WRITTEN)
                .await;
            app.wait_text("save-status", "Saved", |t| t == "Saved")
                .await;
            app.screenshot("formatting-01-written").await;

            app.click("preview-toggle").await;
            let html = wait_until("the preview", WAIT, || async {
                let html = (app.client)
                    .execute(
                        "const p = document.querySelector('[data-testid=preview]'); \
                         return p ? p.innerHTML : '';",
                        vec![],
                    )
                    .await
                    .unwrap();
                let html = html.as_str().unwrap_or_default().to_string();
                seen(html.contains("<strong>"), format!("it holds {html:?}")).map(|_| html)
            })
            .await;
            for shown in [
                "<h3>Sunday</h3>",
                "<strong>Slept</strong>",
                "<em>finally</em>",
                "<li>tea</li>",
                "<li>a walk</li>",
            ] {
                assert!(html.contains(shown), "{shown} in the preview: {html}");
            }
            assert!(
                !app.find("editor").await.is_displayed().await.unwrap(),
                "the preview stands where the text box was"
            );
            assert_eq!(
                app.attr("format-bold", "disabled").await.as_deref(),
                Some("true"),
                "nothing to format in the preview"
            );
            app.screenshot("formatting-02-preview").await;
            app.click("preview-toggle").await;
            app.wait_focus("editor", "Preview pressed again").await;
        })
        .await;

        // The file holds the Markdown as she wrote it.
        let mut bodies = Vec::new();
        for year in std::fs::read_dir(data.join("entries")).unwrap() {
            for file in std::fs::read_dir(year.unwrap().path()).unwrap() {
                let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
                let json: serde_json::Value = serde_json::from_str(&text).unwrap();
                bodies.push(json["body"].as_str().unwrap().to_string());
            }
        }
        assert_eq!(bodies, [WRITTEN]);
    });
}

/// How many pixels of the editor's picture are the red of WebKit's spelling marks (ImageMagick,
/// which make test installs).
fn red_pixels(png: &std::path::Path) -> u64 {
    let out = std::process::Command::new("convert")
        .arg(png)
        .args([
            "-fx",
            "r-g>0.25 && r-b>0.25 ? 1 : 0",
            "-format",
            "%[fx:round(mean*w*h)]",
            "info:",
        ])
        .output()
        .expect("ImageMagick's convert");
    let text = String::from_utf8_lossy(&out.stdout);
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("convert said {text:?}"))
}

/// How many pixels under the editor's words are spelling marks, from a picture of the window
/// cut to the editor's box, saved as `name`.png. (WebKitWebDriver's picture of one element
/// comes out black where the page, taller since photos sit under the editor, has been
/// scrolled.)
async fn editor_red(app: &App, name: &str) -> u64 {
    let path = tend_e2e::screenshot_dir().join(format!("{name}.png"));
    let rect = app
        .client
        .execute(
            "const r = document.querySelector('[data-testid=editor]')\
             .getBoundingClientRect(); \
             return [r.x, r.y, r.width, r.height].map(Math.round);",
            vec![],
        )
        .await
        .unwrap();
    let n = |i: usize| rect[i].as_i64().unwrap();
    let png = app.client.screenshot().await.unwrap();
    std::fs::write(&path, png).unwrap();
    let crop = format!("{}x{}+{}+{}", n(2), n(3), n(0), n(1));
    let cut = std::process::Command::new("convert")
        .arg(&path)
        .args(["-crop", &crop, "+repage"])
        .arg(&path)
        .status()
        .expect("ImageMagick's convert");
    assert!(cut.success(), "the window's picture is cut to the editor");
    red_pixels(&path)
}

/// Issue 28: a misspelled word is marked as she writes, with the system's dictionary (make test
/// installs hunspell-en-us); words spelled right are not.
#[test]
fn a_misspelled_word_is_marked_and_a_word_spelled_right_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            app.click("editor").await;
            app.type_on_focus("Tonight I walked by the river and felt steadier. ")
                .await;
            app.wait_text("save-status", "Saved", |t| t == "Saved")
                .await;
            let clean = editor_red(&app, "formatting-03-spelled-right").await;
            assert!(clean < 5, "{clean} red pixels under words spelled right");

            app.type_on_focus("The wether was cloudie and I felt calmm. ")
                .await;
            let marked = wait_until("the misspellings marked", WAIT, || async {
                let red = editor_red(&app, "formatting-04-misspelled").await;
                seen(red > 20, format!("{red} red pixels")).map(|_| red)
            })
            .await;
            assert!(marked > clean);
            app.screenshot("formatting-05-misspelled-window").await;

            // Right-click on "calmm", with the real mouse of the display (WebDriver's
            // right-click stays inside the page and opens no menu): the menu, a window of its
            // own that WebDriver does not see, comes with the spelling's suggestions.
            let rect = (app.client)
                .execute(
                    "const r = document.querySelector('[data-testid=editor]')\
                     .getBoundingClientRect(); return [r.left, r.top];",
                    vec![],
                )
                .await
                .unwrap();
            // Where "calmm" sits in the editor's picture above (the window is at 0,0).
            let x = (rect[0].as_f64().unwrap() + 693.0).round().to_string();
            let y = (rect[1].as_f64().unwrap() + 28.0).round().to_string();
            let before = tend_e2e::screenshot_dir().join("formatting-07-before-right-click.png");
            let shot = tend_e2e::screenshot_dir().join("formatting-08-right-click-menu.png");
            tokio::task::spawn_blocking(move || {
                let root = |to: &std::path::Path| {
                    let _ = std::process::Command::new("import")
                        .args(["-window", "root"])
                        .arg(to)
                        .status();
                };
                root(&before);
                xdotool(&["mousemove", &x, &y, "click", "3"]);
                // The menu has come when the screen differs from before by a menu's worth of
                // pixels (the screen's own words do not change meanwhile).
                tend_e2e::wait_until_blocking("the right-click menu", WAIT, || {
                    root(&shot);
                    let out = std::process::Command::new("compare")
                        .args(["-metric", "AE"])
                        .args([&before, &shot])
                        .arg("null:")
                        .output()
                        .expect("ImageMagick's compare");
                    let changed = String::from_utf8_lossy(&out.stderr);
                    let changed: f64 = changed
                        .split_whitespace()
                        .next()
                        .unwrap_or("0")
                        .parse()
                        .unwrap_or(0.0);
                    seen(changed > 20_000.0, format!("{changed} pixels changed"))
                });
                // Its first suggestion, as a person picks it from the keyboard.
                xdotool(&["key", "Down", "Return"]);
            })
            .await
            .unwrap();
            app.wait_value("editor", "the suggestion taken", |v| {
                v.ends_with("and I felt calm. ")
            })
            .await;
        })
        .await;
    });
}

/// Issue 28: the spelling language is hers to choose in Settings (make test installs a French
/// dictionary beside the English one): French words are not marked once French is chosen,
/// English ones are; the choice is kept after a restart, and nothing is marked once checking
/// is turned off.
#[test]
fn the_spelling_language_chosen_in_settings_checks_and_off_marks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            app.click("nav-settings").await;
            app.select("settings-spelling", "fr_FR").await;
            app.wait_text("settings-message", "saved", |t| t.starts_with("Saved"))
                .await;
            app.screenshot("formatting-09-spelling-language").await;
            app.click("nav-today").await;
            app.click("editor").await;
            app.type_on_focus("Ce soir je suis fatiguée mais plus calme qu'hier. ")
                .await;
            app.wait_text("save-status", "Saved", |t| t == "Saved")
                .await;
            let french = editor_red(&app, "formatting-10-french-in-french").await;
            assert!(
                french < 5,
                "{french} red pixels under French checked in French"
            );
            // English words are the misspelled ones now: the checking is in French.
            app.type_on_focus("The weather was cloudy. ").await;
            wait_until("the English words marked", WAIT, || async {
                let red = editor_red(&app, "formatting-11-english-in-french").await;
                seen(red > 20, format!("{red} red pixels"))
            })
            .await;
        })
        .await;
        with_app(&data, |app| async move {
            app.click("nav-settings").await;
            assert_eq!(app.value("settings-spelling").await, "fr_FR", "kept");
            app.click("settings-spell-check").await;
            app.wait_text("settings-message", "saved", |t| t.starts_with("Saved"))
                .await;
            app.click("nav-today").await;
            app.click("editor").await;
            app.ctrl(false, 'a').await;
            app.type_on_focus("\u{E003}The wether was cloudie and I felt calmm. ")
                .await;
            app.wait_text("save-status", "Saved", |t| t == "Saved")
                .await;
            // Checking is off: give it the time a mark takes to come, then look.
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            let red = editor_red(&app, "formatting-12-checking-off").await;
            assert!(red < 5, "{red} red pixels with checking off");
        })
        .await;
    });
}
