//! `tend settings`, `tend tone`, `tend support`: safety and care from the command line (issue 8).

mod common;

use common::{stderr, stdout, tend};

#[test]
fn settings_name_the_partner_and_prompts_follow() {
    let dir = tempfile::tempdir().unwrap();
    let out = tend(
        dir.path(),
        &[
            "settings",
            "--partner",
            "Sarah",
            "--pronouns",
            "she",
            "--country",
            "ie",
            "--stance",
            "moving-on",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = stdout(&out);
    for line in [
        "partner: Sarah",
        "pronouns: she",
        "stance: moving-on",
        "country: IE",
    ] {
        assert!(shown.contains(line), "settings print {line:?}: {shown}");
    }
    let again = stdout(&tend(dir.path(), &["settings"], ""));
    assert!(again.contains("partner: Sarah"), "kept: {again}");
    let bad = tend(dir.path(), &["settings", "--pronouns", "it"], "");
    assert_eq!(bad.status.code(), Some(2), "an unknown pronoun is refused");
}

#[test]
fn tone_json_gives_the_verdict_and_what_was_found() {
    let dir = tempfile::tempdir().unwrap();
    let verdict = |draft: &str| -> serde_json::Value {
        let out = tend(dir.path(), &["tone", "--json"], draft);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let pressure = verdict("u cant just ignore me forever");
    assert_eq!(pressure["verdict"], "pressure");
    let found = &pressure["found"][0];
    assert!(
        found["id"].is_string() && found["kind"].is_string() && found["phrase"].is_string(),
        "each finding has id, kind and phrase: {pressure}"
    );
    assert_eq!(
        verdict("Why don't you take the kids Saturday?"),
        serde_json::json!({"verdict": "clear", "found": []})
    );
    assert_eq!(
        verdict("I don't want to be here anymore")["verdict"],
        "support"
    );
    let long = "word ".repeat(5_000);
    let refused = tend(dir.path(), &["tone"], &long);
    assert!(
        !refused.status.success() && stderr(&refused).contains("20000"),
        "an overlong draft is refused with the limit: {}",
        stderr(&refused)
    );
}

#[test]
fn support_prints_the_lines_for_a_country() {
    let dir = tempfile::tempdir().unwrap();
    let out = tend(dir.path(), &["support", "--country", "NZ"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    for fact in ["111", "1737", "0800 733 843", "five things"] {
        assert!(
            page.contains(fact),
            "the New Zealand page shows {fact}: {page}"
        );
    }
}
