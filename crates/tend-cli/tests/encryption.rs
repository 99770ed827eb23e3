//! `tend` on an encrypted journal (issue 11): the passphrase from a descriptor or the terminal,
//! never in plain text on disk, and each file decrypts by hand with the real `age` tool.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{stderr, stdout};

const MARKER: &str = "quokkazanzibar";

/// A person's world in one temporary folder: the journal, a home (its cache and local share
/// folders) and a temporary folder, each searched for plaintext afterwards.
struct World {
    _base: tempfile::TempDir,
    journal: PathBuf,
    home: PathBuf,
    tmp: PathBuf,
    secrets: PathBuf,
}

impl World {
    fn new() -> World {
        let base = tempfile::tempdir().unwrap();
        let [journal, home, tmp, secrets] =
            ["journal", "home", "tmp", "secrets"].map(|d| base.path().join(d));
        for dir in [
            &home.join(".cache"),
            &home.join(".local/share"),
            &tmp,
            &secrets,
        ] {
            fs::create_dir_all(dir).unwrap();
        }
        World {
            _base: base,
            journal,
            home,
            tmp,
            secrets,
        }
    }

    /// `tend ARGS`, with no terminal; `passphrases` (one per line) on descriptor 3 when given.
    fn tend(&self, args: &[&str], stdin: &str, passphrases: Option<&str>) -> Output {
        let file = self.secrets.join("passphrases");
        fs::write(&file, passphrases.unwrap_or("")).unwrap();
        let mut all: Vec<&str> = args.to_vec();
        let script = if passphrases.is_some() {
            all.extend(["--passphrase-fd", "3"]);
            r#"exec "$0" "$@" 3<"$PASSPHRASES""#
        } else {
            r#"exec "$0" "$@""#
        };
        // setsid: no controlling terminal, as for a script run by cron.
        let mut child = Command::new("setsid")
            .args(["-w", "bash", "-c", script, env!("CARGO_BIN_EXE_tend")])
            .args(&all)
            .env("TEND_DATA_DIR", &self.journal)
            .env("HOME", &self.home)
            .env("TMPDIR", &self.tmp)
            .env_remove("XDG_CACHE_HOME")
            .env_remove("XDG_DATA_HOME")
            .env("PASSPHRASES", &file)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        child.wait_with_output().unwrap()
    }

    fn ok(&self, args: &[&str], stdin: &str, passphrases: Option<&str>) -> String {
        let out = self.tend(args, stdin, passphrases);
        assert!(out.status.success(), "tend {args:?}: {}", stderr(&out));
        stdout(&out)
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(read) = fs::read_dir(dir) else { return };
    for item in read {
        let path = item.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn holding(dirs: &[&Path], word: &str) -> Vec<PathBuf> {
    let mut all = Vec::new();
    for dir in dirs {
        files(dir, &mut all);
    }
    all.retain(|p| {
        let bytes = fs::read(p).unwrap_or_default();
        bytes.windows(word.len()).any(|w| w == word.as_bytes())
    });
    all
}

const PASS: &str = "correct horse battery";

#[test]
fn an_encrypted_journal_works_from_a_script_and_leaves_no_plaintext_anywhere() {
    let world = World::new();
    world.ok(&["write"], &format!("before {MARKER}"), None);
    world.ok(
        &["settings", "--partner", &format!("Sam {MARKER}")],
        "",
        None,
    );
    let status = world.ok(&["encryption", "status"], "", None);
    assert!(status.contains("Encryption is off"), "{status}");

    let on = world.ok(&["encryption", "on", "--show-recovery-key"], "", Some(PASS));
    assert!(on.contains("AGE-SECRET-KEY-1"), "{on}");
    let status = world.ok(&["encryption", "status"], "", None);
    assert!(status.contains("Encryption is on"), "{status}");

    // Written and read once given the passphrase (the option may come after the command).
    world.ok(
        &["write", "--tag", MARKER],
        &format!("after {MARKER}"),
        Some(PASS),
    );
    let list = world.ok(&["list"], "", Some(PASS));
    assert!(list.contains(&format!("before {MARKER}")), "{list}");
    assert!(list.contains(&format!("after {MARKER}")), "{list}");
    world.ok(&["tone"], &format!("you always {MARKER}"), Some(PASS));
    world.ok(&["backup"], "", Some(PASS));

    let found = holding(
        &[
            &world.journal,
            &world.tmp,
            &world.home.join(".cache"),
            &world.home.join(".local/share"),
        ],
        MARKER,
    );
    assert_eq!(found, Vec::<PathBuf>::new(), "no plaintext of the journal");

    // The recovery key opens it too.
    let key = on
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .unwrap();
    let list = world.ok(&["list"], "", Some(key));
    assert!(list.contains(&format!("after {MARKER}")), "{list}");
}

#[test]
fn a_wrong_or_missing_passphrase_is_a_clear_message() {
    let world = World::new();
    world.ok(&["write"], "a first entry", None);
    world.ok(&["encryption", "on"], "", Some(PASS));

    let wrong = world.tend(&["list"], "", Some("not my passphrase"));
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        stderr(&wrong).contains("does not open this journal"),
        "{}",
        stderr(&wrong)
    );
    assert!(stdout(&wrong).is_empty(), "nothing of the journal is shown");

    let none = world.tend(&["list"], "", None);
    assert_eq!(none.status.code(), Some(1));
    assert!(
        stderr(&none).contains("--passphrase-fd"),
        "{}",
        stderr(&none)
    );
    let short = world.tend(
        &["encryption", "change-passphrase"],
        "",
        Some(&format!("{PASS}\nshort")),
    );
    assert!(stderr(&short).contains("at least 8"), "{}", stderr(&short));
}

#[test]
fn changing_the_passphrase_and_turning_encryption_off() {
    let world = World::new();
    world.ok(&["write"], "kept through it all", None);
    world.ok(&["encryption", "on"], "", Some(PASS));
    world.ok(
        &["encryption", "change-passphrase"],
        "",
        Some(&format!("{PASS}\nanother good passphrase")),
    );
    assert!(!world.tend(&["list"], "", Some(PASS)).status.success());
    world.ok(&["encryption", "off"], "", Some("another good passphrase"));
    let mut all = Vec::new();
    files(&world.journal, &mut all);
    assert!(
        all.iter().all(|p| !p.to_string_lossy().ends_with(".age")),
        "{all:?}"
    );
    let list = world.ok(&["list"], "", None);
    assert!(list.contains("kept through it all"), "{list}");
}

/// docs/encryption.md's steps, with the real `age` tool: decrypt the identity with the passphrase
/// (age asks on a terminal: `script` gives it one), then one entry with the identity.
#[test]
fn an_entry_decrypts_by_hand_with_the_age_tool() {
    let world = World::new();
    world.ok(&["encryption", "on"], "", Some(PASS));
    let id = world.ok(&["write"], "Dear diary, by hand.", Some(PASS));
    let id = id.lines().next().unwrap().trim().to_string();

    let key = world.secrets.join("key.txt");
    let step1 = Command::new("script")
        .args([
            "-qec",
            &format!("age -d -o {} identity.age", key.display()),
            "/dev/null",
        ])
        .current_dir(&world.journal)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(format!("{PASS}\n").as_bytes())?;
            child.wait_with_output()
        })
        .expect("age and script are installed by the set-up scripts");
    assert!(step1.status.success(), "{}", stderr(&step1));

    let mut all = Vec::new();
    files(&world.journal.join("entries"), &mut all);
    let file = all
        .iter()
        .find(|p| p.to_string_lossy().contains(&id))
        .unwrap();
    let step2 = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&key)
        .arg(file)
        .output()
        .unwrap();
    assert!(step2.status.success(), "{}", stderr(&step2));
    let by_hand: serde_json::Value = serde_json::from_slice(&step2.stdout).unwrap();
    let shown = world.ok(&["show", &id], "", Some(PASS));
    let body = by_hand["body"].as_str().unwrap();
    assert_eq!(body.trim(), "Dear diary, by hand.");
    assert!(
        shown.contains(body.trim()),
        "Tend shows what age decrypts: {shown}"
    );
}
