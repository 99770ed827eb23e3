//! Every `tend` command into a reader that stops at once (`tend doctor | head -c1`) exits 0,
//! quietly (issue 23, item 6): before, `tend doctor | head` and `tend worksheet history | head`
//! panicked ("failed printing to stdout: Broken pipe") and exited 101.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use common::{stderr, stdout, tend};

const PASSPHRASE: &str = "a long walk by the river";
const NEW_PASSPHRASE: &str = "the tide comes back in";

/// How the reader stops.
#[derive(Clone, Copy, Debug)]
enum Reader {
    /// `| head -c1`: reads one byte, then closes its end. Whether the command writes again
    /// after that is a race (a short output may be in the pipe before the reader closes it),
    /// so the other reader is run too.
    OneByte,
    /// The reader has closed its end before the command starts: every write meets a closed
    /// pipe, whatever the timing.
    AlreadyGone,
}

/// Runs `tend ARGS` on the journal in `dir` into `reader`, with `stdin` as its input; returns
/// its exit code and its standard error.
fn into_closed_pipe(dir: &Path, args: &[&str], stdin: &str, reader: Reader) -> (i32, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tend"));
    command
        .args(args)
        .env("TEND_DATA_DIR", dir)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match reader {
        Reader::OneByte => command.stdout(Stdio::piped()).spawn().unwrap(),
        Reader::AlreadyGone => {
            let (read_end, write_end) = std::io::pipe().unwrap();
            drop(read_end);
            command.stdout(write_end).spawn().unwrap()
        }
    };
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    if let Some(mut out) = child.stdout.take() {
        let _ = out.read(&mut [0u8; 1]);
        drop(out);
    }
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    (status.code().unwrap_or(-1), err)
}

fn ok(dir: &Path, args: &[&str], stdin: &str) -> String {
    let out = tend(dir, args, stdin);
    assert!(
        out.status.success(),
        "setting up, `tend {}` must succeed: {}",
        args.join(" "),
        stderr(&out)
    );
    stdout(&out)
}

/// The subcommands `tend [GROUP] --help` lists, but `help`.
fn listed(group: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_tend"))
        .args(group)
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(String::from)
        .collect()
}

#[test]
fn every_command_exits_0_quietly_into_a_closed_pipe() {
    for reader in [Reader::AlreadyGone, Reader::OneByte] {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal");
        let journal = journal.as_path();
        let id = ok(journal, &["write", "--tag", "walk"], "A walk by the river.")
            .trim()
            .to_string();
        ok(journal, &["write", "--date", "2026-11-20"], "Rain all day.");
        let filling = ok(
            journal,
            &["worksheet", "fill", "contact-log"],
            r#"{"started-by": "me", "how": "text", "went": 4}"#,
        )
        .trim()
        .to_string();
        let mut store = tend::Store::open(journal, Box::new(tend::SystemClock)).unwrap();
        store
            .save_vision(tend::vision::VisionDraft {
                exercise: "grand-vision".into(),
                session_revision: None,
                sections: [("believe".to_string(), "I am learning.".to_string())].into(),
            })
            .unwrap();
        // A second version of the first entry, for `conflicts` and `resolve`.
        let path = store.entry_path(&id).unwrap().to_path_buf();
        let text = std::fs::read_to_string(&path).unwrap();
        let copy = path.with_file_name("copy.json");
        std::fs::write(copy, text.replace("by the river", "by the sea")).unwrap();
        drop(store);
        let export = dir.path().join("export.json");
        let backup = dir.path().join("backup.zip");
        let moved = dir.path().join("moved");
        let (export, backup) = (export.to_str().unwrap(), backup.to_str().unwrap());
        let moved = moved.to_str().unwrap();
        let fd = ["--passphrase-fd", "0"];
        let unlock = format!("{PASSPHRASE}\n");
        let change = format!("{PASSPHRASE}\n{NEW_PASSPHRASE}\n");
        let unlock_new = format!("{NEW_PASSPHRASE}\n");

        // In an order where each finds what it needs: (arguments, standard input).
        let gif = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/photos/plain.gif").to_string();
        let cases: Vec<(Vec<&str>, &str)> = vec![
            (vec!["prompt"], ""),
            (vec!["write"], "One more line."),
            (vec!["list"], ""),
            (vec!["list", "--json"], ""),
            (vec!["search", "river"], ""),
            (vec!["show", &id], ""),
            (vec!["attach", &id, &gif], ""),
            (vec!["doctor"], ""),
            (vec!["conflicts"], ""),
            (vec!["resolve", &id, "--keep", "both"], ""),
            (vec!["worksheet", "list"], ""),
            (vec!["worksheet", "show", "contact-log"], ""),
            (
                vec!["worksheet", "fill", "contact-log"],
                r#"{"started-by": "me", "how": "call", "went": 3}"#,
            ),
            (vec!["worksheet", "history", "contact-log"], ""),
            (vec!["vision", "list"], ""),
            (vec!["vision", "show", "grand-vision"], ""),
            (vec!["vision", "history", "grand-vision"], ""),
            (vec!["settings"], ""),
            (vec!["tone"], "Why won't you answer me?"),
            (vec!["support", "--country", "GB"], ""),
            (vec!["export", "--format", "tend", "--out", export], ""),
            (vec!["delete", &filling], ""),
            (vec!["restore-deleted", &filling], ""),
            (vec!["delete", &id], ""),
            (vec!["trash"], ""),
            (vec!["import", "--format", "tend", export], ""),
            (vec!["backup"], ""),
            (vec!["backup", "--out", backup], ""),
            (vec!["backups"], ""),
            (vec!["restore", backup], ""),
            (vec!["encryption", "on"], &unlock),
            (vec!["encryption", "status"], &unlock),
            (vec!["encryption", "change-passphrase"], &change),
            (vec!["encryption", "off"], &unlock_new),
            // Said only: a choice would be every test's (they share this computer's folders).
            (vec!["backups-folder"], ""),
            (vec!["move-journal", moved], ""),
            (vec!["use-journal", moved], ""),
        ];
        let mut covered: Vec<String> = Vec::new();
        for (mut args, stdin) in cases {
            let group = args[0];
            if ["worksheet", "vision", "encryption"].contains(&group) {
                covered.push(format!("{group} {}", args[1]));
            }
            covered.push(group.to_string());
            if group == "encryption" {
                args.extend(fd);
            }
            let (code, err) = into_closed_pipe(journal, &args, stdin, reader);
            assert!(
                code == 0 && !err.contains("panicked") && !err.contains("Broken pipe"),
                "`tend {}` into a reader that stopped ({reader:?}) must exit 0 with no panic; \
                 it exited {code}: {err}",
                args.join(" ")
            );
        }
        for group in [&[][..], &["worksheet"], &["vision"], &["encryption"]] {
            for command in listed(group) {
                let name = [group, &[command.as_str()]].concat().join(" ");
                assert!(
                    covered.contains(&name),
                    "`tend {name}` is not run into a closed pipe here: add it to the cases"
                );
            }
        }
    }
}
