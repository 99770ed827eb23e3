//! `tend attach` and `tend show` with photos (issue 28), judged by exiftool, the tool a
//! person would check a photo's location with: the GPS of a phone's photo is gone from what
//! Tend keeps.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{stderr, stdout, tend, write};

fn photo(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/photos")
        .join(name)
}

/// exiftool's GPS and camera lines for `file`. exiftool is installed by `make test`
/// (scripts/setup.sh); without it this fails and says so, never passes.
fn exif_location(file: &Path) -> String {
    let out = Command::new("exiftool")
        .args(["-a", "-G1", "-gps:all", "-make", "-model", "-xmp:all"])
        .arg(file)
        .output()
        .expect("exiftool runs (apt-get install libimage-exiftool-perl; make test installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn entry_id(dir: &Path) -> String {
    let out = tend(dir, &["list", "--json"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    list[0]["id"].as_str().unwrap().to_string()
}

#[test]
fn a_phone_photo_attached_keeps_no_location_and_show_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "2026-11-20",
        "3",
        "walk",
        "A walk by the river.",
    );
    let id = entry_id(dir.path());
    for name in ["gps.jpg", "gps.png", "gps.webp"] {
        let original = photo(name);
        assert!(
            exif_location(&original).contains("GPS Latitude"),
            "the judge sees the fixture's location in {name}"
        );
        let out = tend(dir.path(), &["attach", &id, original.to_str().unwrap()], "");
        assert!(out.status.success(), "{}", stderr(&out));
        let kept = PathBuf::from(stdout(&out).trim());
        assert!(
            kept.starts_with(dir.path().join("attachments").join(&id)),
            "{kept:?}"
        );
        let left = exif_location(&kept);
        assert!(
            !left.contains("GPS") && !left.contains("PhoneMaker"),
            "{name} kept as {kept:?} still says: {left}"
        );
    }
    let shown = tend(dir.path(), &["show", &id], "");
    assert!(shown.status.success(), "{}", stderr(&shown));
    let text = stdout(&shown);
    assert!(text.contains("A walk by the river."), "{text}");
    assert_eq!(
        text.matches(".jpg (").count()
            + text.matches(".png (").count()
            + text.matches(".webp (").count(),
        3,
        "{text}"
    );
    let doctor = tend(dir.path(), &["doctor"], "");
    assert!(stdout(&doctor).contains("Photos: 3"), "{}", stdout(&doctor));
}

#[test]
fn a_file_that_is_no_photo_is_refused_with_what_is_taken() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "2026-11-20", "3", "walk", "Words.");
    let id = entry_id(dir.path());
    let out = tend(
        dir.path(),
        &["attach", &id, photo("not-a-picture.pdf").to_str().unwrap()],
        "",
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("JPEG, PNG, WebP or GIF"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("attachments").exists());
}
