//! Markdown: a folder a person can browse (one file per document, YAML front matter, readable
//! in Obsidian), or one combined file.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::{Descriptor, ExportContext, Exporter, Output};
use crate::error::Result;
use crate::readable::{slug, Block, Fact, Readable};
use crate::selection::Selection;

/// A folder of Markdown files with YAML front matter.
pub const FOLDER: Descriptor = Descriptor::new("md", "Markdown folder", &["md"])
    .folder()
    .with_photos()
    .exports(&Markdown { single: false });

/// One combined Markdown file.
pub const SINGLE: Descriptor =
    Descriptor::new("md-single", "Markdown file", &["md"]).exports(&Markdown { single: true });

pub struct Markdown {
    pub single: bool,
}

impl Exporter for Markdown {
    fn export(&self, selection: &Selection, context: &ExportContext) -> Result<Output> {
        let docs = super::readables(selection, &context.voice, &context.dates);
        if self.single {
            // Written straight into one string sized for it: at 100,000 entries the file is a
            // quarter of a gigabyte, and each copy or regrowth of it was seconds.
            let size: usize = docs.iter().map(Readable::text_len).sum();
            let mut out = String::with_capacity(size + docs.len() * 160 + 8);
            out.push_str("# Tend\n");
            for doc in &docs {
                let _ = write!(out, "\n---\n\n## {} · {}\n\n", doc.title, kind_label(doc));
                let facts = doc.facts_line();
                if !facts.is_empty() {
                    let _ = write!(out, "*{facts}*\n\n");
                }
                write_body(&mut out, doc, "###", false);
            }
            return Ok(Output::File(out.into_bytes()));
        }
        let mut used = HashSet::new();
        let mut files = Vec::with_capacity(docs.len());
        for doc in &docs {
            let text = format!(
                "{}\n# {}\n\n{}",
                front_matter(doc),
                doc.title,
                body(doc, "##")
            );
            let name = unique(&mut used, file_stem(doc));
            // Each photo beside its page, in `photos/`, under its name in the journal.
            let folder = name.rsplit_once('/').map_or("", |(folder, _)| folder);
            for block in &doc.blocks {
                if let Block::Picture(a) = block {
                    let path = format!("{folder}/{PHOTOS}/{}", a.file);
                    // One that cannot be read is left out (`tend doctor` names it), never the
                    // writing with it.
                    let read = selection.pictures.read_attachment(&doc.id, a);
                    if let (true, Ok(bytes)) = (used.insert(path.clone()), read) {
                        files.push((path, bytes));
                    }
                }
            }
            files.push((name, text.into_bytes()));
        }
        Ok(Output::Folder(files))
    }
}

fn kind_label(doc: &Readable) -> &'static str {
    match doc.kind {
        "entry" => "Journal entry",
        "worksheet" => "Worksheet",
        _ => "Vision",
    }
}

fn file_stem(doc: &Readable) -> String {
    let date = doc.date.format("%Y-%m-%d");
    match doc.kind {
        "entry" => {
            let text = doc.blocks.iter().find_map(|b| match b {
                Block::Text(t) | Block::Markdown(t) => Some(t.as_str()),
                _ => None,
            });
            format!(
                "entries/{}/{date} {}",
                doc.date.format("%Y"),
                slug(text.unwrap_or_default(), 6)
            )
        }
        "worksheet" => format!("worksheets/{}/{date}", slug(&doc.title, 8)),
        _ => format!("visions/{}", slug(&doc.title, 8)),
    }
}

/// Two documents with the same name get "-2", "-3"… rather than one replacing the other.
fn unique(used: &mut HashSet<String>, stem: String) -> String {
    let mut name = format!("{stem}.md");
    let mut n = 2;
    while !used.insert(name.clone()) {
        name = format!("{stem}-{n}.md");
        n += 1;
    }
    name
}

/// YAML front matter; strings are JSON-quoted, which YAML reads as they are.
fn front_matter(doc: &Readable) -> String {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut out = format!(
        "---\nkind: {}\ndate: {}\nid: {}\ntitle: {}\n",
        doc.kind,
        doc.date.format("%Y-%m-%d"),
        quote(&doc.id),
        quote(&doc.title)
    );
    for (key, fact) in &doc.facts {
        let key = key.replace(' ', "_");
        let value = match fact {
            Fact::Text(t) => quote(t),
            Fact::Number(n) => n.to_string(),
            Fact::List(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(|i| quote(i))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        out.push_str(&format!("{key}: {value}\n"));
    }
    out.push_str("---\n");
    out
}

/// The folder beside each page that holds its photos.
const PHOTOS: &str = "photos";

fn body(doc: &Readable, heading: &str) -> String {
    let mut out = String::new();
    write_body(&mut out, doc, heading, true);
    out
}

/// `doc`'s blocks as Markdown; its photos as images in `photos/` beside the page when
/// `beside`, else (one file, which holds no photo) as a line that says so.
fn write_body(out: &mut String, doc: &Readable, heading: &str, beside: bool) {
    for block in &doc.blocks {
        let _ = match block {
            Block::Heading(h) => write!(out, "{heading} {h}\n\n"),
            Block::Question(q) => write!(out, "> {}\n\n", q.replace('\n', "\n> ")),
            // The body as she wrote it: Markdown is this format's own.
            Block::Text(t) | Block::Markdown(t) if t.trim().is_empty() => Ok(()),
            Block::Text(t) | Block::Markdown(t) => write!(out, "{}\n\n", t.trim_end()),
            Block::Picture(a) if beside => write!(out, "![A photo]({PHOTOS}/{})\n\n", a.file),
            Block::Picture(_) => {
                write!(out, "*A photo (the Markdown folder export holds it.)*\n\n")
            }
        };
    }
}
