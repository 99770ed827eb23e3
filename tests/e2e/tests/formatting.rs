//! Writing the way she wants, in the real app (issue 28): the toolbar and the keys write
//! Markdown's marks, Enter continues a list, the preview shows the entry formatted by the
//! core's renderer, and the file keeps the plain Markdown she wrote; a misspelling is marked,
//! and right-click offers the suggestions; Ctrl+P opens the system's print dialog.

use fantoccini::actions::KeyAction;
use fantoccini::key::Key;

use tend_e2e::{run, seen, wait_until, with_app, App, WAIT};

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

/// Issue 28: a misspelled word is marked as she writes, with the system's dictionary (make test
/// installs hunspell-en-us); words spelled right are not.
#[test]
fn a_misspelled_word_is_marked_and_a_word_spelled_right_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            let shot = tend_e2e::screenshot_dir();
            let editor_shot = |name: &'static str| {
                let app = &app;
                let path = shot.join(format!("{name}.png"));
                async move {
                    // The window's picture, cut to the editor's box: WebKitWebDriver's picture
                    // of one element comes out black where the page (taller since photos sit
                    // under the editor) has been scrolled.
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
            };
            app.click("editor").await;
            app.type_on_focus("Tonight I walked by the river and felt steadier. ")
                .await;
            app.wait_text("save-status", "Saved", |t| t == "Saved")
                .await;
            let clean = editor_shot("formatting-03-spelled-right").await;
            assert!(clean < 5, "{clean} red pixels under words spelled right");

            app.type_on_focus("The wether was cloudie and I felt calmm. ")
                .await;
            let marked = wait_until("the misspellings marked", WAIT, || async {
                let red = editor_shot("formatting-04-misspelled").await;
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

/// `xdotool ARGS`, its output.
fn xdotool(args: &[&str]) -> String {
    let out = std::process::Command::new("xdotool")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("xdotool (make test installs it): {e}"));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Issue 28: Ctrl+P prints the open entry through the system's print dialog, as a sheet of its
/// own: its day and time, then her words formatted. The dialog is GTK's, found by its title.
#[test]
fn ctrl_p_opens_the_print_dialog_on_the_entry_formatted() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            app.click("editor").await;
            app.type_on_focus("A **calm** evening.").await;
            app.wait_text("save-status", "Saved", |t| t == "Saved")
                .await;
            app.ctrl(false, 'p').await;
            let shot = tend_e2e::screenshot_dir().join("formatting-06-print-dialog.png");
            tokio::task::spawn_blocking(move || {
                let window =
                    tend_e2e::wait_until_blocking("the system's print dialog", WAIT, || {
                        let found = xdotool(&["search", "--onlyvisible", "--name", "^Print$"]);
                        (found.lines().next().filter(|l| !l.is_empty()))
                            .map(String::from)
                            .ok_or_else(|| "no window titled Print".to_string())
                    });
                // The whole screen, dialog and all (WebDriver sees only the page).
                let _ = std::process::Command::new("import")
                    .args(["-window", "root"])
                    .arg(&shot)
                    .status();
                xdotool(&["windowfocus", "--sync", &window]);
                xdotool(&["key", "--window", &window, "Escape"]);
                tend_e2e::wait_until_blocking("the print dialog closes", WAIT, || {
                    let left = xdotool(&["search", "--onlyvisible", "--name", "^Print$"]);
                    seen(left.is_empty(), "it is still open")
                });
            })
            .await
            .unwrap();
            let sheet = (app.client)
                .execute(
                    "return document.getElementById('print-sheet').innerHTML;",
                    vec![],
                )
                .await
                .unwrap();
            let sheet = sheet.as_str().unwrap_or_default().to_string();
            assert!(sheet.contains("<strong>calm</strong>"), "{sheet}");
            let title = sheet
                .split("<h1>")
                .nth(1)
                .and_then(|t| t.split("</h1>").next())
                .unwrap_or_default();
            assert!(
                title.contains(", ") && title.contains(':'),
                "the day and the time on top: {sheet}"
            );
            // A quick hide takes the printed words out of the page (as a lock does).
            app.ctrl(true, 'h').await;
            wait_until("the print sheet gone at a quick hide", WAIT, || async {
                let left = (app.client)
                    .execute("return !!document.getElementById('print-sheet');", vec![])
                    .await
                    .unwrap();
                seen(left == serde_json::json!(false), "it is still in the page")
            })
            .await;
            app.ctrl(true, 'h').await;
            app.click("editor").await;
            // The page is hers again: she writes on.
            press(&app, Key::End, false).await;
            app.type_on_focus(" Still.").await;
            app.wait_value("editor", "writing after printing", |v| {
                v == "A **calm** evening. Still."
            })
            .await;
        })
        .await;
    });
}
