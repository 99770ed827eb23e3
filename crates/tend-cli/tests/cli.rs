//! The `tend` command line on a temporary journal, as a person scripting it would use it.

use std::fs;
mod common;

use common::{stderr, stdout, tend, tend_in};

#[test]
fn write_then_list_json_shows_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "write",
        "--date",
        "2026-11-20",
        "--mood",
        "2",
        "--feeling",
        "tired",
        "--tag",
        "kids",
    ];
    let out = tend(dir.path(), &args, "A long day.\n");
    assert!(out.status.success(), "write failed: {}", stderr(&out));
    let id = stdout(&out).trim().to_string();

    let out = tend(dir.path(), &["list", "--json"], "");
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let entry = &list[0];
    assert_eq!(entry["id"], id.as_str());
    assert_eq!(entry["date"], "2026-11-20");
    assert_eq!(entry["body"], "A long day.\n");
    assert_eq!(entry["mood"]["score"], 2);
    assert_eq!(entry["mood"]["feelings"][0], "tired");
    assert_eq!(entry["tags"][0], "kids");

    let out = tend(dir.path(), &["show", &id], "");
    assert!(
        stdout(&out).contains("A long day."),
        "show prints the body: {}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("Mood: 2/5 tired"));
}

#[test]
fn data_dir_flag_wins_over_the_environment() {
    let env_dir = tempfile::tempdir().unwrap();
    let flag_dir = tempfile::tempdir().unwrap();
    let flag = flag_dir.path().to_str().unwrap();
    let out = tend(env_dir.path(), &["--data-dir", flag, "write"], "here");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        flag_dir.path().join("entries").is_dir(),
        "written under --data-dir"
    );
    assert!(
        !env_dir.path().join("entries").exists(),
        "not under TEND_DATA_DIR"
    );
}

#[test]
fn bad_input_gets_one_line_naming_the_problem_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str, &str); 5] = [
        (&["write", "--date", "2026-13-01"], "text", "not a date"),
        (&["write", "--mood", "6"], "text", "--mood"),
        (&["write"], "   \n", "empty"),
        (
            &["write", "--prompt", "no-such-prompt"],
            "text",
            "no prompt",
        ),
        (&["show", "abc"], "", "no entry with id abc"),
    ];
    for (args, input, expected) in cases {
        let out = tend(dir.path(), args, input);
        let err = stderr(&out);
        assert!(!out.status.success(), "{args:?} must fail");
        assert_eq!(
            err.trim().lines().count(),
            1,
            "{args:?}: one line, got {err:?}"
        );
        assert!(
            err.contains(expected),
            "{args:?}: {err:?} should mention {expected:?}"
        );
    }
    assert!(!dir.path().join("entries").exists(), "nothing was written");
}

#[test]
fn doctor_names_a_corrupt_file_and_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    assert!(tend(dir.path(), &["write"], "fine").status.success());
    let ok = tend(dir.path(), &["doctor"], "");
    assert!(
        ok.status.success(),
        "a healthy journal passes: {}",
        stdout(&ok)
    );
    assert!(stdout(&ok).contains("Entries: 1"));

    let bad = dir.path().join("entries/2026/2026-01-01-bad.json");
    fs::create_dir_all(bad.parent().unwrap()).unwrap();
    fs::write(&bad, "{ not json").unwrap();
    let out = tend(dir.path(), &["doctor"], "");
    assert!(
        !out.status.success(),
        "doctor must fail when a file cannot be read"
    );
    let text = stdout(&out);
    assert!(
        text.contains(bad.to_str().unwrap()),
        "names the file: {text}"
    );
    assert!(text.contains("not valid JSON"), "gives the reason: {text}");
}

#[test]
fn prompt_is_the_same_for_the_same_date_and_fills_in_the_partner() {
    let dir = tempfile::tempdir().unwrap();
    let a = stdout(&tend(dir.path(), &["prompt", "--date", "2026-11-23"], ""));
    let b = stdout(&tend(dir.path(), &["prompt", "--date", "2026-11-23"], ""));
    let other = stdout(&tend(
        dir.path(),
        &["prompt", "--date", "2026-11-23", "--another", "1"],
        "",
    ));
    assert_eq!(a, b, "same date, same prompt");
    assert_ne!(a, other, "--another gives a different prompt");
    assert!(!a.contains('{'), "placeholders are filled in: {a}");
}

#[test]
fn worksheets_list_fill_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let list = stdout(&tend(dir.path(), &["worksheet", "list"], ""));
    assert_eq!(list.lines().count(), 10, "ten worksheets: {list}");
    assert!(
        list.lines().any(|l| l == "love-languages\tLove languages"),
        "{list}"
    );

    let shown = stdout(&tend(dir.path(), &["worksheet", "show", "contact-log"], ""));
    assert!(
        shown.contains("[started-by]"),
        "the blank worksheet names its fields: {shown}"
    );

    let answers = r#"{"started-by": "me", "how": "text", "went": 4}"#;
    let out = tend(
        dir.path(),
        &["worksheet", "fill", "contact-log", "--date", "2026-11-20"],
        answers,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let id = stdout(&out).trim().to_string();
    let history = stdout(&tend(
        dir.path(),
        &["worksheet", "history", "contact-log"],
        "",
    ));
    assert!(
        history.contains(&id) && history.contains("2026-11-20"),
        "{history}"
    );

    for (input, expected) in [
        ("not json", "JSON object"),
        (r#"{"went": 9}"#, "went: 9 is outside"),
    ] {
        let out = tend(dir.path(), &["worksheet", "fill", "contact-log"], input);
        assert!(!out.status.success());
        assert!(stderr(&out).contains(expected), "{input}: {}", stderr(&out));
    }
    let out = tend(dir.path(), &["worksheet", "show", "nope"], "");
    assert!(!out.status.success() && stderr(&out).contains("no worksheet with id nope"));
}

#[test]
fn visions_list_show_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let list = stdout(&tend(dir.path(), &["vision", "list"], ""));
    assert!(
        list.lines().any(|l| l.starts_with("grand-vision\t")),
        "{list}"
    );
    assert_eq!(list.lines().count(), 3, "three exercises: {list}");

    let mut store = tend::Store::open(dir.path(), Box::new(tend::SystemClock)).unwrap();
    for text in ["I am learning.", "I am learning, and I am okay."] {
        store
            .save_vision(tend::vision::VisionDraft {
                exercise: "grand-vision".into(),
                session_revision: None,
                sections: [("believe".to_string(), text.to_string())].into(),
            })
            .unwrap();
    }
    drop(store);

    let latest = stdout(&tend(dir.path(), &["vision", "show", "grand-vision"], ""));
    assert!(
        latest.contains("revision 2") && latest.contains("I am okay."),
        "{latest}"
    );
    let first = stdout(&tend(
        dir.path(),
        &["vision", "show", "grand-vision", "--revision", "1"],
        "",
    ));
    assert!(
        first.contains("I am learning.") && !first.contains("okay"),
        "{first}"
    );
    let history = stdout(&tend(
        dir.path(),
        &["vision", "history", "grand-vision"],
        "",
    ));
    assert_eq!(history.lines().count(), 2, "{history}");
    let out = tend(
        dir.path(),
        &["vision", "show", "grand-vision", "--revision", "7"],
        "",
    );
    assert!(
        !out.status.success() && stderr(&out).contains("no revision"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn every_path_can_be_given_relative_to_the_working_directory() {
    let cwd = tempfile::tempdir().unwrap();
    let cwd = cwd.path();
    let write = [
        "--data-dir",
        "newj",
        "write",
        "--date",
        "2026-11-20",
        "--tag",
        "work day",
    ];
    let out = tend_in(cwd, &write, "A day.\nC:\\.cache a\\*b\n");
    assert!(out.status.success(), "write: {}", stderr(&out));
    assert!(
        cwd.join("newj/entries").is_dir(),
        "the journal is made where typed"
    );

    let exports = [
        ("tend", "t.json"),
        ("jrnl", "j.json"),
        ("jrnl-text", "journal.txt"),
        ("dayone", "d.zip"),
        ("html", "out.html"),
        ("md-single", "out.md"),
        ("md", "folder"),
        ("pdf", "out.pdf"),
    ];
    for (format, file) in exports {
        let args = [
            "--data-dir",
            "newj",
            "export",
            "--format",
            format,
            "--out",
            file,
        ];
        let out = tend_in(cwd, &args, "");
        assert!(out.status.success(), "export {format}: {}", stderr(&out));
        assert!(
            cwd.join(file).exists(),
            "{file} is written in the working directory"
        );
        assert!(
            stdout(&out).contains("1 journal entry"),
            "export {format} says what it wrote: {}",
            stdout(&out)
        );
    }

    fs::write(
        cwd.join("mini.json"),
        r#"{"metadata":{"application":"Mini Diary"},"entries":{"2026-11-20":
           {"dateUpdated":"2026-11-20T20:00:00.000Z","title":"","text":"A day.\nC:\\.cache a\\*b"}}}"#,
    )
    .unwrap();
    let imports = [
        ("tend", "t.json"),
        ("jrnl", "j.json"),
        ("jrnl-text", "journal.txt"),
        ("dayone", "d.zip"),
        ("minidiary", "mini.json"),
    ];
    for (n, (format, file)) in imports.into_iter().enumerate() {
        let args = ["--data-dir", "other", "import", "--format", format, file];
        let out = tend_in(cwd, &args, "");
        assert!(out.status.success(), "import {format}: {}", stderr(&out));
        let expected = if n == 0 { "Imported 1," } else { "Imported 0," };
        assert!(
            stdout(&out).starts_with(expected),
            "import {format}: the same entry is not added twice: {}",
            stdout(&out)
        );
    }
    let out = tend_in(cwd, &["--data-dir", "other", "list", "--json"], "");
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["body"], "A day.\nC:\\.cache a\\*b\n");
    assert_eq!(list[0]["tags"][0], "work day");
}

#[test]
fn delete_moves_an_entry_to_the_trash_and_restore_deleted_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = tend(
        dir.path(),
        &["write", "--date", "2026-11-20"],
        "Twice by mistake.",
    );
    let id = stdout(&out).trim().to_string();

    let out = tend(dir.path(), &["delete", &id], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("trash") && stdout(&out).contains("restore-deleted"),
        "says where it went and how to bring it back: {}",
        stdout(&out)
    );
    let out = tend(dir.path(), &["list"], "");
    assert!(!stdout(&out).contains(&id), "gone from the list");
    let out = tend(dir.path(), &["trash"], "");
    assert!(
        stdout(&out).contains(&id),
        "listed in the trash: {}",
        stdout(&out)
    );

    let out = tend(dir.path(), &["restore-deleted", &id], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = tend(dir.path(), &["show", &id], "");
    assert!(stdout(&out).contains("Twice by mistake."), "back whole");

    let out = tend(dir.path(), &["delete", "no-such-id"], "");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no-such-id"), "{}", stderr(&out));
}

/// Issue 23, item 2: a sync tool's conflict copy is listed with its differences marked, and
/// `resolve --keep that` makes it the entry, the version shown going to the trash.
#[test]
fn conflicts_lists_a_conflict_copy_and_resolve_keeps_the_version_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let out = tend(
        dir.path(),
        &["write", "--date", "2026-11-20"],
        "Walked by the river.",
    );
    let id = stdout(&out).trim().to_string();
    let out = tend(dir.path(), &["conflicts"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("No document is in two versions"));

    let folder = dir.path().join("entries/2026");
    let file = fs::read_dir(&folder)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
    let copy = folder.join(format!("{stem} (conflicted copy 2026-12-06 101010).json"));
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&copy, text.replace("the river", "the sea")).unwrap();

    let out = tend(dir.path(), &["list"], "");
    assert_eq!(stdout(&out).matches(&id).count(), 1, "listed once");
    assert!(stderr(&out).contains("tend conflicts"), "{}", stderr(&out));
    let out = tend(dir.path(), &["conflicts"], "");
    let said = stdout(&out);
    assert!(said.contains(&id), "{said}");
    assert!(said.contains(&copy.display().to_string()), "{said}");
    assert!(said.contains("[-river.-]{+sea.+}"), "{said}");

    let out = tend(dir.path(), &["resolve", &id, "--keep", "that"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("trash"), "{}", stdout(&out));
    let out = tend(dir.path(), &["show", &id], "");
    assert!(
        stdout(&out).contains("Walked by the sea."),
        "{}",
        stdout(&out)
    );
    assert!(!copy.exists());
    let out = tend(dir.path(), &["trash"], "");
    assert!(
        stdout(&out).contains(&id),
        "the version not kept: {}",
        stdout(&out)
    );
    let out = tend(dir.path(), &["resolve", &id, "--keep", "this"], "");
    assert!(!out.status.success());
    assert!(stderr(&out).contains(&id), "{}", stderr(&out));
}

/// Issue 27, D16: an export writes its days as the system's locale does (the app's page follows
/// the same locale through WebKit), and one with no locale as WebKit then does (US order).
#[test]
fn an_export_writes_its_days_in_the_systems_locale() {
    let dir = tempfile::tempdir().unwrap();
    let out = tend(dir.path(), &["write", "--date", "2026-11-20"], "A day.");
    assert!(out.status.success(), "write: {}", stderr(&out));
    for (locale, day) in [
        ("en_US.UTF-8", "Friday, November 20, 2026"),
        ("de_DE.UTF-8", "Freitag, 20. November 2026"),
        ("C.UTF-8", "Friday, November 20, 2026"),
    ] {
        let file = dir.path().join(format!("{locale}.html"));
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tend"))
            .env("TEND_DATA_DIR", dir.path())
            .env("LC_ALL", locale)
            .args(["export", "--format", "html", "--out"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success(), "export: {}", stderr(&out));
        let html = fs::read_to_string(&file).unwrap();
        assert!(
            html.contains(&format!("<h2>{day}</h2>")),
            "{locale}: {html}"
        );
    }
}

/// A deleted entry whose id came back meanwhile (here by an import) returns beside it as a
/// second version, and says so in one plain sentence: the message had two runs of 22 spaces
/// in its middle, left by a string broken over lines without its `\`.
#[test]
fn restore_deleted_beside_a_live_id_says_so_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let out = tend(
        dir.path(),
        &["write", "--date", "2026-11-20"],
        "Kept twice.",
    );
    let id = stdout(&out).trim().to_string();
    let export = dir.path().join("before.json");
    let export = export.to_str().unwrap();
    let out = tend(
        dir.path(),
        &["export", "--format", "tend", "--out", export],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(tend(dir.path(), &["delete", &id], "").status.success());
    let out = tend(dir.path(), &["import", "--format", "tend", export], "");
    assert!(out.status.success(), "{}", stderr(&out));

    let out = tend(dir.path(), &["restore-deleted", &id], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.contains("second version"), "{said}");
    assert!(
        !said.contains("  "),
        "no run of spaces in the sentence: {said:?}"
    );
}

/// Issue 26: what a package installs beside `tend` is written from the commands themselves: a
/// manual page for `tend` and one per subcommand, and the bash, zsh and fish completions, the
/// bash one completing "tend wr" to "write". The command that writes them is not in the help.
#[test]
fn the_manual_pages_and_completions_come_from_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("files");
    let done = tend(dir.path(), &["package-files", out.to_str().unwrap()], "");
    assert!(done.status.success(), "{}", stderr(&done));
    let man = fs::read_to_string(out.join("man/tend.1")).unwrap();
    assert!(man.contains("A private self\\-care journal"), "{man}");
    let write = fs::read_to_string(out.join("man/tend-write.1")).unwrap();
    assert!(
        write.contains("tend write") && write.contains("\\-\\-mood"),
        "{write}"
    );
    for shell in ["tend.bash", "_tend", "tend.fish"] {
        assert!(out.join("completions").join(shell).is_file(), "{shell}");
    }
    let bash = fs::read_to_string(out.join("completions/tend.bash")).unwrap();
    assert!(bash.contains("write") && bash.contains("restore-deleted"));

    let help = stdout(&tend(dir.path(), &["--help"], ""));
    assert!(!help.contains("package-files"), "{help}");
    let version = stdout(&tend(dir.path(), &["--version"], ""));
    assert_eq!(
        version.trim(),
        format!("tend {}", env!("CARGO_PKG_VERSION"))
    );
}
