//! One self-contained, printable HTML file: inline CSS with a print stylesheet, no scripts, no
//! external resources, a page break before each document.

use super::{Descriptor, ExportContext, Exporter, Output};
use crate::error::Result;
use crate::markup;
use crate::picture::Attachment;
use crate::readable::Block;
use crate::selection::Selection;

pub const FORMAT: Descriptor = Descriptor::new("html", "HTML", &["html"])
    .with_photos()
    .exports(&Html);

pub struct Html;

const STYLE: &str = "body{font-family:Georgia,'Noto Serif','DejaVu Serif',serif;max-width:42rem;\
margin:2rem auto;padding:0 1rem;color:#2c2a26;background:#fffdf9;line-height:1.6}\
h1{font-weight:500}article{border-top:1px solid #e3ddd1;padding-top:1rem;margin-top:2rem}\
h2{font-weight:500;margin-bottom:.2rem}.facts{color:#6b665d;font-size:.9rem;margin-top:0}\
h3{font-weight:500;color:#4f7f6a}img{max-width:100%;height:auto;border-radius:6px}blockquote{margin:0;padding:.4rem .8rem;background:#e4eee8;\
border-radius:6px;font-style:italic}.plain{white-space:pre-wrap}\
@media print{body{margin:0;max-width:none;background:#fff}article{break-before:page;border:0;\
margin:0}article:first-of-type{break-before:auto}}";

impl Exporter for Html {
    fn export(&self, selection: &Selection, context: &ExportContext) -> Result<Output> {
        let mut out = format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"generator\" content=\"Tend\">\n<title>Tend</title>\n<style>{STYLE}</style>\n\
             </head>\n<body>\n<h1>Tend</h1>\n<p class=\"facts\">Exported {}</p>\n",
            context.dates.long(context.now.date_naive())
        );
        for doc in super::readables(selection, &context.voice, &context.dates) {
            out.push_str(&format!("<article>\n<h2>{}</h2>\n", escape(&doc.title)));
            let facts = doc.facts_line();
            if !facts.is_empty() {
                out.push_str(&format!("<p class=\"facts\">{}</p>\n", escape(&facts)));
            }
            for block in &doc.blocks {
                match block {
                    Block::Heading(h) => out.push_str(&format!("<h3>{}</h3>\n", escape(h))),
                    Block::Question(q) => {
                        out.push_str(&format!("<blockquote>{}</blockquote>\n", escape(q)))
                    }
                    Block::Text(t) if t.trim().is_empty() => {}
                    Block::Text(t) => out.push_str(&format!(
                        "<p class=\"plain\">{}</p>\n",
                        escape(t.trim_end())
                    )),
                    Block::Markdown(t) => out.push_str(&markup::to_html(t)),
                    Block::Picture(a) => out.push_str(&picture(selection, &doc.id, a)),
                }
            }
            out.push_str("</article>\n");
        }
        out.push_str("</body>\n</html>\n");
        Ok(Output::File(out.into_bytes()))
    }
}

/// The photo itself, in the page (a data: address: the file stays one file, and nothing is
/// fetched), or a line saying it could not be read.
fn picture(selection: &Selection, entry_id: &str, a: &Attachment) -> String {
    use base64::Engine;
    match selection.pictures.read_attachment(entry_id, a) {
        Ok(bytes) => format!(
            "<p><img src=\"data:{};base64,{}\" alt=\"A photo\"></p>\n",
            a.kind.media_type(),
            base64::engine::general_purpose::STANDARD.encode(bytes)
        ),
        Err(e) => format!(
            "<p class=\"facts\">A photo could not be read: {}</p>\n",
            escape(&e.to_string())
        ),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
