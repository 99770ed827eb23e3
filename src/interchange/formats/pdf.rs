//! PDF: made here, with krilla (font subsetting, and ToUnicode maps so that the text can be
//! selected and copied, accents and all). krilla places text but does not wrap it, so lines are
//! broken here, measured with the font's own advances. Each document begins on a new page.

use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use krilla::Document;

use super::{Descriptor, ExportContext, Exporter, Output};
use crate::error::{Error, Result};
use crate::markup;
use crate::readable::{Block, Readable};
use crate::selection::Selection;

pub const FORMAT: Descriptor = Descriptor::new("pdf", "PDF", &["pdf"]).exports(&Pdf);

// DejaVu Sans (free licence, see assets/fonts/DejaVu-LICENSE.txt): wide Latin, Greek and
// Cyrillic coverage, so accented letters are drawn, not replaced.
const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 595.0; // A4 in points
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 60.0;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;

pub struct Pdf;

struct Face {
    font: Font,
    metrics: ttf_parser::Face<'static>,
    /// Advance widths by character, in font units, looked up once each.
    widths: std::cell::RefCell<std::collections::HashMap<char, f32>>,
}

impl Face {
    fn load(bytes: &'static [u8]) -> Result<Face> {
        let broken = || Error::invalid("pdf: the bundled font could not be read");
        Ok(Face {
            font: Font::new(bytes.into(), 0).ok_or_else(broken)?,
            metrics: ttf_parser::Face::parse(bytes, 0).map_err(|_| broken())?,
            widths: Default::default(),
        })
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let units = f32::from(self.metrics.units_per_em());
        let mut widths = self.widths.borrow_mut();
        text.chars()
            .map(|c| {
                *widths.entry(c).or_insert_with(|| {
                    self.metrics
                        .glyph_index(c)
                        .and_then(|g| self.metrics.glyph_hor_advance(g))
                        .map_or(0.5 * units, f32::from)
                })
            })
            .sum::<f32>()
            * size
            / units
    }

    /// Breaks a paragraph into lines no wider than `width`; a word longer than a line is cut.
    fn wrap(&self, paragraph: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if self.width(&piece, size) > width {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            line = piece;
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// One line of text placed on a page.
struct Placed {
    x: f32,
    y: f32,
    bold: bool,
    size: f32,
    text: String,
}

/// Lines laid out top to bottom, page after page.
struct Layout {
    pages: Vec<Vec<Placed>>,
    y: f32,
}

impl Layout {
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    fn line(&mut self, x: f32, bold: bool, size: f32, text: String) {
        let height = size * 1.45;
        if self.y + height > PAGE_H - MARGIN {
            self.new_page();
        }
        self.y += height;
        if let Some(page) = self.pages.last_mut() {
            page.push(Placed {
                x,
                y: self.y,
                bold,
                size,
                text,
            });
        }
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }
}

impl Exporter for Pdf {
    fn export(&self, selection: &Selection, context: &ExportContext) -> Result<Output> {
        let regular = Face::load(REGULAR)?;
        let bold = Face::load(BOLD)?;
        let mut layout = Layout {
            pages: Vec::new(),
            y: MARGIN,
        };
        for doc in super::readables(selection, &context.voice, &context.dates) {
            layout.new_page(); // a page break between documents
            lay_out(&mut layout, &doc, &regular, &bold);
        }
        let mut document = Document::new();
        document.set_metadata(
            Metadata::new()
                .title(format!(
                    "Tend, exported {}",
                    context.dates.long(context.now.date_naive())
                ))
                .creator("Tend".into())
                .language("en".into()),
        );
        let total = layout.pages.len();
        for (n, lines) in layout.pages.into_iter().enumerate() {
            let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
                .ok_or_else(|| Error::invalid("pdf: bad page size"))?;
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            for line in lines {
                let face = if line.bold { &bold } else { &regular };
                surface.draw_text(
                    Point::from_xy(line.x, line.y),
                    face.font.clone(),
                    line.size,
                    &line.text,
                    false,
                    TextDirection::Auto,
                );
            }
            let folio = format!("{} / {total}", n + 1);
            let w = regular.width(&folio, 9.0);
            surface.draw_text(
                Point::from_xy((PAGE_W - w) / 2.0, PAGE_H - MARGIN / 2.0),
                regular.font.clone(),
                9.0,
                &folio,
                false,
                TextDirection::Auto,
            );
            surface.finish();
            page.finish();
        }
        let bytes = document.finish().map_err(pdf_error)?;
        Ok(Output::File(bytes))
    }
}

/// krilla's errors have no message for a person (only their Debug form, with its internals):
/// the message says what happened in words.
fn pdf_error(error: krilla::error::KrillaError) -> Error {
    let why = match error {
        krilla::error::KrillaError::Font(_, reason) => {
            format!("a font could not be put into it: {reason}")
        }
        _ => "the PDF writer refused the document".into(),
    };
    Error::invalid(format!(
        "pdf: the PDF could not be made ({why}). Nothing was written; the HTML or Markdown \
         export holds the same writing."
    ))
}

fn lay_out(layout: &mut Layout, doc: &Readable, regular: &Face, bold: &Face) {
    for line in bold.wrap(&doc.title, 20.0, TEXT_W) {
        layout.line(MARGIN, true, 20.0, line);
    }
    let facts = doc.facts_line();
    if !facts.is_empty() {
        for line in regular.wrap(&facts, 9.5, TEXT_W) {
            layout.line(MARGIN, false, 9.5, line);
        }
    }
    layout.gap(10.0);
    for block in &doc.blocks {
        let (face, is_bold, size, indent) = match block {
            Block::Heading(_) => (bold, true, 14.0, 0.0),
            Block::Question(_) => (regular, false, 10.5, 14.0),
            Block::Text(_) | Block::Markdown(_) => (regular, false, 11.5, 0.0),
        };
        let text = match block {
            Block::Heading(t) | Block::Question(t) | Block::Text(t) => t.clone(),
            Block::Markdown(t) => markup::to_plain(t),
        };
        if matches!(block, Block::Heading(_)) {
            layout.gap(6.0);
        }
        for paragraph in text.trim_end().split('\n') {
            for line in face.wrap(paragraph, size, TEXT_W - indent) {
                layout.line(MARGIN + indent, is_bold, size, line);
            }
        }
        layout.gap(6.0);
    }
}
