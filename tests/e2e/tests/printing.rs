//! Printing in the real app (issue 28): Ctrl+P and the Print buttons open the system's print
//! dialog on a sheet of the open document's own: an entry's day and time and her words
//! formatted; a filling's worksheet, date and answers; a vision's sections. The dialog is
//! GTK's, found by its title and closed with Escape.

use fantoccini::key::Key;

use tend_e2e::{run, seen, wait_until, with_app, xdotool, App, WAIT};

/// Waits for the system's print dialog, takes a picture of the whole screen into `shot`
/// (WebDriver sees only the page), and closes the dialog.
async fn answer_print_dialog(shot: &str) {
    let shot = tend_e2e::screenshot_dir().join(shot);
    tokio::task::spawn_blocking(move || {
        let window = tend_e2e::wait_until_blocking("the system's print dialog", WAIT, || {
            let found = xdotool(&["search", "--onlyvisible", "--name", "^Print$"]);
            (found.lines().next().filter(|l| !l.is_empty()))
                .map(String::from)
                .ok_or_else(|| "no window titled Print".to_string())
        });
        let _ = std::process::Command::new("import")
            .args(["-window", "root"])
            .arg(&shot)
            .status();
        let escape = || {
            xdotool(&["windowfocus", "--sync", &window]);
            xdotool(&["key", "--window", &window, "Escape"]);
        };
        escape();
        // GTK's dialog may not yet take keys when the first Escape comes (seen once in a full
        // run): as a person would, Escape is pressed again every two seconds while it is open.
        let mut looks = 0;
        tend_e2e::wait_until_blocking("the print dialog closes", WAIT, || {
            let left = xdotool(&["search", "--onlyvisible", "--name", "^Print$"]);
            looks += 1;
            if !left.is_empty() && looks % 20 == 0 {
                escape();
            }
            seen(left.is_empty(), "it is still open")
        });
    })
    .await
    .unwrap();
}

/// The print sheet's HTML.
async fn print_sheet(app: &App) -> String {
    let sheet = (app.client)
        .execute(
            "return document.getElementById('print-sheet').innerHTML;",
            vec![],
        )
        .await
        .unwrap();
    sheet.as_str().unwrap_or_default().to_string()
}

/// The text of the sheet's first `<tag>`.
fn first<'a>(sheet: &'a str, tag: &str) -> &'a str {
    (sheet.split(&format!("<{tag}>")).nth(1))
        .and_then(|t| t.split(&format!("</{tag}>")).next())
        .unwrap_or_default()
}

/// Issue 28: Ctrl+P prints the open entry through the system's print dialog, as a sheet of its
/// own: its day and time, then her words formatted.
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
            answer_print_dialog("formatting-06-print-dialog.png").await;
            let sheet = print_sheet(&app).await;
            assert!(sheet.contains("<strong>calm</strong>"), "{sheet}");
            let title = first(&sheet, "h1");
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
            app.type_on_focus(&char::from(Key::End).to_string()).await;
            app.type_on_focus(" Still.").await;
            app.wait_value("editor", "writing after printing", |v| {
                v == "A **calm** evening. Still."
            })
            .await;
        })
        .await;
    });
}

/// Issue 28: a filling and a vision have a Print button of their own. A filling prints its
/// worksheet's title and date, and each answered question under its section, the answer as
/// she gave it; a vision prints each written section under its title, and nothing of the
/// entry printed before.
#[test]
fn a_filling_and_a_vision_print_from_their_own_button() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    run(async move {
        with_app(&data, |app| async move {
            app.click("nav-worksheets").await;
            app.click("worksheet-love-languages").await;
            app.click("filling-new").await;
            let landed = app
                .css("[data-testid=\"field-partner-landed\"] textarea, [data-testid=\"field-partner-landed\"] input")
                .await;
            landed
                .send_keys("The note left in a coat pocket, and a walk on Sunday.")
                .await
                .unwrap();
            app.wait_text("filling-status", "a saved draft", |t| {
                t.starts_with("Draft saved")
            })
            .await;
            app.click("print-filling").await;
            answer_print_dialog("printing-02-filling-dialog.png").await;
            let sheet = print_sheet(&app).await;
            let title = first(&sheet, "h1");
            assert!(title.starts_with("Love languages, "), "{sheet}");
            assert!(
                sheet.contains("The note left in a coat pocket, and a walk on Sunday."),
                "her answer: {sheet}"
            );
            assert!(sheet.contains("<h2>") && sheet.contains("<h3>"), "{sheet}");
            // Only what she answered: a question left empty is not printed.
            assert_eq!(sheet.matches("<h3>").count(), 1, "{sheet}");
            app.click("filling-later").await;

            app.click("nav-visions").await;
            app.click("vision-grand-vision").await;
            app.type_into("vision-text-believe", "I can build a calm life.")
                .await;
            app.wait_text("vision-status", "saved", |t| t == "Saved as revision 1")
                .await;
            app.click("print-vision").await;
            answer_print_dialog("printing-03-vision-dialog.png").await;
            let sheet = print_sheet(&app).await;
            assert!(first(&sheet, "h1").starts_with("Grand Vision"), "{sheet}");
            assert!(sheet.contains("I can build a calm life."), "{sheet}");
            assert!(!sheet.contains("coat pocket"), "only the vision: {sheet}");
            assert_eq!(sheet.matches("<h2>").count(), 1, "{sheet}");
        })
        .await;
    });
}
