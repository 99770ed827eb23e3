//! `tend conflicts` and `tend resolve`: documents found in two files (a copy, a sync tool's
//! conflict copy, a deleted version restored), and keeping what the person chooses.

use std::process::ExitCode;

use clap::ValueEnum;
use tend::store::Keep;
use tend::vision::Change;

use crate::Journal;

/// What `tend resolve` keeps.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KeepArg {
    /// The version the journal shows; the other goes to the trash.
    This,
    /// The other version; the one shown goes to the trash.
    That,
    /// Both: the other becomes a document of its own, with a new id.
    Both,
}

/// Lists every document found in two files, each difference marked: `[-only in this-]` and
/// `{+only in that+}`, as `git diff --word-diff` marks them.
pub fn list(journal: &Journal) -> tend::Result<ExitCode> {
    let store = journal.read()?;
    let found = store.two_versions();
    if found.is_empty() {
        println!("No document is in two versions.");
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} document(s) in two versions; `tend resolve ID --keep this|that|both` keeps what \
         you choose (what you do not keep goes to the trash):",
        found.len()
    );
    for two in &found {
        println!();
        println!(
            "{}  {}  {}  {}",
            two.date,
            two.id,
            two.kind.label(),
            two.title
        );
        let made = |origin: &Option<tend::document::origin::Origin>| {
            origin
                .as_ref()
                .map(|o| format!(" ({})", o.said()))
                .unwrap_or_default()
        };
        println!("  this: {}{}", two.shown, made(&two.shown_origin));
        println!("  that: {}{}", two.other, made(&two.other_origin));
        let compared = tend::versions::compare(&store, &two.id, Some(&two.other))?;
        for diff in compared.diffs {
            if diff.words_added == 0 && diff.words_removed == 0 {
                continue;
            }
            let marked: String = (diff.parts.iter())
                .map(|p| match p.change {
                    Change::Same => p.text.clone(),
                    Change::Removed => format!("[-{}-]", p.text),
                    Change::Added => format!("{{+{}+}}", p.text),
                })
                .collect();
            println!(
                "  {}: {}",
                diff.title,
                marked.trim_end().replace('\n', "\n    ")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn resolve(
    journal: &Journal,
    id: &str,
    keep: KeepArg,
    other: Option<&str>,
) -> tend::Result<ExitCode> {
    let mut store = journal.write()?;
    let keep = match keep {
        KeepArg::This => Keep::This,
        KeepArg::That => Keep::That,
        KeepArg::Both => Keep::Both,
    };
    let done = store.resolve_versions(id, other, keep)?;
    match (&done.new_id, &done.trashed) {
        (Some(new_id), _) => println!(
            "Kept both: the other version is now its own {}, {new_id}.",
            "document"
        ),
        (None, Some(trashed)) => println!(
            "Kept one version of {id}; the other is in the trash ({} of {}, `tend trash` lists \
             it for 30 days).",
            trashed.kind.label(),
            trashed.date
        ),
        (None, None) => println!("Kept {id}."),
    }
    let left = store.two_versions().iter().filter(|v| v.id == id).count();
    if left > 0 {
        println!("{id} has {left} more version(s): `tend conflicts` shows them.");
    }
    Ok(ExitCode::SUCCESS)
}
