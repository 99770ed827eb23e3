//! `tend vision …`

use clap::Subcommand;
use tend::vision;

use crate::Journal;

#[derive(Subcommand)]
pub enum VisionCommand {
    /// One exercise a line: its id, then its title (for where you stand, as in Settings).
    List,
    /// The vision as written: the latest revision, or --revision N.
    Show {
        id: String,
        #[arg(long)]
        revision: Option<u32>,
    },
    /// Every revision with its date and size.
    History { id: String },
}

pub fn run(journal: &Journal, command: VisionCommand) -> tend::Result<()> {
    match command {
        VisionCommand::List => {
            for exercise in journal.read()?.exercises() {
                println!("{}\t{}", exercise.id, exercise.title);
            }
        }
        VisionCommand::Show { id, revision } => {
            let store = journal.read()?;
            let exercise = store.settings().voice().personalise(vision::find(&id)?);
            let Some(doc) = store.vision(&id) else {
                println!("{}\n\nNothing written yet.", exercise.title);
                return Ok(());
            };
            let shown = match revision {
                Some(n) => doc.revision(n)?,
                None => doc
                    .latest()
                    .ok_or_else(|| tend::Error::invalid("the vision has no revisions"))?,
            };
            println!(
                "{} (revision {}, {})",
                exercise.title,
                shown.number,
                shown.updated.format("%Y-%m-%d %H:%M")
            );
            for section in &exercise.sections {
                if let Some(text) = shown.sections.get(&section.id) {
                    println!("\n## {}\n\n{}", section.title, text.trim_end());
                }
            }
        }
        VisionCommand::History { id } => {
            vision::find(&id)?;
            let store = journal.read()?;
            for r in store.vision(&id).map(|v| v.history()).unwrap_or_default() {
                let restored = r
                    .restored_from
                    .map(|n| format!("  (restored from {n})"))
                    .unwrap_or_default();
                let taken = (r.taken_from.as_ref())
                    .map(|from| format!("  (from another version: {from})"))
                    .unwrap_or_default();
                println!(
                    "{:>3}  {}  {:>6} words{restored}{taken}",
                    r.number,
                    r.updated.format("%Y-%m-%d %H:%M"),
                    r.words
                );
            }
        }
    }
    Ok(())
}
