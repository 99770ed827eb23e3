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

/// Every file below `dir` with its bytes (links as where they point), but Tend's own hidden
/// caches and locks: what a read must leave exactly as it was.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for item in std::fs::read_dir(dir).unwrap().flatten() {
        let path = item.path();
        if item.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = item.file_type().unwrap();
        if kind.is_symlink() {
            out.push((
                path.clone(),
                std::fs::read_link(&path)
                    .unwrap()
                    .into_os_string()
                    .into_encoded_bytes(),
            ));
        } else if kind.is_dir() {
            out.extend(tree(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).unwrap_or_default()));
        }
    }
    out.sort();
    out
}

/// What the world leaves in a photos folder: a link loop, a link to a folder, a copy made by
/// a file manager, a sync tool's conflict copy, and a photo nobody may read (mode 000, as the
/// user `nobody`, since root reads everything). Reading the journal moves and removes nothing;
/// `tend doctor` names the photo it cannot read and counts the rest; `tend show` still shows
/// the entry; a Markdown export leaves the unreadable photo out and writes everything else.
#[test]
fn a_photos_folder_as_the_world_leaves_it_is_read_without_a_change() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let base = tempfile::Builder::new()
        .prefix("tend-nobody-")
        .tempdir_in("/tmp")
        .unwrap();
    let dir = base.path().join("journal");
    write(&dir, "2026-11-20", "3", "walk", "A walk by the river.");
    let id = entry_id(&dir);
    let mut kept = Vec::new();
    for name in ["gps.jpg", "gps.png"] {
        let out = tend(&dir, &["attach", &id, photo(name).to_str().unwrap()], "");
        assert!(out.status.success(), "{}", stderr(&out));
        kept.push(PathBuf::from(stdout(&out).trim()));
    }
    let folder = kept[0].parent().unwrap().to_path_buf();
    let stem = kept[0].file_stem().unwrap().to_string_lossy().into_owned();
    std::fs::copy(&kept[0], folder.join(format!("{stem} (copy).jpg"))).unwrap();
    std::fs::copy(
        &kept[0],
        folder.join(format!("{stem}.sync-conflict-20261206-101010-ABCDEFG.jpg")),
    )
    .unwrap();
    symlink("loop", folder.join("loop")).unwrap();
    symlink("..", folder.join("up")).unwrap();
    std::fs::set_permissions(&kept[1], std::fs::Permissions::from_mode(0o000)).unwrap();
    let chown = Command::new("chown")
        .args(["-R", "nobody:"])
        .arg(base.path())
        .status();
    assert!(
        chown.expect("chown runs").success(),
        "the journal is given to nobody"
    );
    let before = tree(&dir);

    let data_dir = dir.to_str().unwrap();
    for args in [&["list"][..], &["show", &id], &["search", "river"]] {
        let out = common::as_nobody(&[&["--data-dir", data_dir][..], args].concat());
        assert!(out.status.success(), "tend {args:?}: {}", stderr(&out));
    }
    let shown = stdout(&common::as_nobody(&["--data-dir", data_dir, "show", &id]));
    assert!(shown.contains("A walk by the river."), "{shown}");
    let doctor = common::as_nobody(&["--data-dir", data_dir, "doctor"]);
    let said = stdout(&doctor);
    assert_eq!(doctor.status.code(), Some(1), "{said}");
    assert!(said.contains("Photos: 2"), "{said}");
    assert!(
        said.contains(&kept[1].file_name().unwrap().to_string_lossy().into_owned()),
        "doctor names the photo it cannot read: {said}"
    );
    let md = base.path().join("md");
    let out = common::as_nobody(&[
        "--data-dir",
        data_dir,
        "export",
        "--format",
        "md",
        "--out",
        md.to_str().unwrap(),
    ]);
    let exported = tree(&md);
    assert!(
        exported
            .iter()
            .any(|(p, _)| p.to_string_lossy().ends_with(".jpg")),
        "{}",
        stderr(&out)
    );
    assert!(!exported
        .iter()
        .any(|(p, _)| p.to_string_lossy().ends_with(".png")));

    assert_eq!(
        tree(&dir),
        before,
        "reading the journal moved, changed or removed nothing"
    );
}
