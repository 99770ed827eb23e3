//! PDF: made here, with krilla (font subsetting, and ToUnicode maps so that the text can be
//! selected and copied, accents and all). krilla places text but does not wrap it, so lines are
//! broken here, measured with the font's own advances. Each document begins on a new page.
//!
//! The PDF is tagged (issue 28), so that a screen reader moves through it as through the app:
//! each document a section, with its title as a first-level heading, its facts (the time, the
//! mood) and each answer as paragraphs, a worksheet's sections as second-level headings, the
//! questions as quotes; the page numbers are marked as what they are, not part of the text.
//! An entry's photos are placed after its words, each a figure with its alternative text.

use krilla::geom::{Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::tagging::{ArtifactType, ContentTag, SpanTag, Tag, TagGroup, TagKind, TagTree};
use krilla::text::{Font, TextDirection};
use krilla::Document;

use super::{Descriptor, ExportContext, Exporter, Output};
use crate::attachments::Pictures;
use crate::error::{Error, Result};
use crate::markup;
use crate::picture::{Attachment, PictureKind};
use crate::readable::{Block, Readable};
use crate::selection::Selection;

pub const FORMAT: Descriptor = Descriptor::new("pdf", "PDF", &["pdf"])
    .with_photos()
    .exports(&Pdf);

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

/// One line of text placed on a page, and the group of lines it belongs to.
struct Placed {
    x: f32,
    y: f32,
    bold: bool,
    size: f32,
    text: String,
    group: usize,
    /// A photo: its box's top-left corner at (x, y), the box as it shows, and its turn.
    picture: Option<(Image, Shown)>,
}

/// What a group of lines is, for the tag tree a screen reader follows.
#[derive(Clone, Copy)]
enum Role {
    Title,
    Heading,
    Question,
    Paragraph,
    Figure,
}

/// Lines laid out top to bottom, page after page, in groups (a title, a paragraph), each of
/// one document.
struct Layout {
    pages: Vec<Vec<Placed>>,
    y: f32,
    groups: Vec<(usize, Role)>,
}

impl Layout {
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Begins a group of lines of document `doc`; the lines placed after belong to it.
    fn group(&mut self, doc: usize, role: Role) {
        self.groups.push((doc, role));
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
                group: self.groups.len().saturating_sub(1),
                picture: None,
            });
        }
    }

    /// Places a photo the way up its camera said (`turn`, the Exif orientation), at the
    /// column's width (or its own, if smaller), on the next page when it does not fit on this
    /// one; never taller than two thirds of a page.
    fn picture(&mut self, image: Image, turn: u16) {
        let (pw, ph) = image.size();
        let (pw, ph) = (pw.max(1) as f32, ph.max(1) as f32);
        // Turned a quarter, it shows as wide as it is stored tall.
        let (pw, ph) = if (5..=8).contains(&turn) {
            (ph, pw)
        } else {
            (pw, ph)
        };
        let mut w = TEXT_W.min(pw * 0.75);
        let mut h = w * ph / pw;
        let tallest = (PAGE_H - 2.0 * MARGIN) * 2.0 / 3.0;
        if h > tallest {
            w *= tallest / h;
            h = tallest;
        }
        if self.y + h > PAGE_H - MARGIN {
            self.new_page();
        }
        if let Some(page) = self.pages.last_mut() {
            page.push(Placed {
                x: MARGIN,
                y: self.y,
                bold: false,
                size: 0.0,
                text: String::new(),
                group: self.groups.len().saturating_sub(1),
                picture: Some((image, Shown { w, h, turn })),
            });
        }
        self.y += h;
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
            groups: Vec::new(),
        };
        let docs = super::readables(selection, &context.voice, &context.dates);
        for (n, doc) in docs.iter().enumerate() {
            layout.new_page(); // a page break between documents
            lay_out(&mut layout, n, doc, &regular, &bold, &selection.pictures);
        }
        let mut document = Document::new();
        document.set_metadata(
            Metadata::new()
                .title(format!(
                    "Tend, exported {}",
                    context.dates.long(context.now.date_naive())
                ))
                .creator("Tend".into())
                .language(LANGUAGE.into()),
        );
        // The pieces of each group of lines, in reading order.
        let mut pieces: Vec<Vec<krilla::tagging::Identifier>> =
            vec![Vec::new(); layout.groups.len()];
        let total = layout.pages.len();
        for (n, lines) in layout.pages.into_iter().enumerate() {
            let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
                .ok_or_else(|| Error::invalid("pdf: bad page size"))?;
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            for line in lines {
                if let Some((image, shown)) = line.picture {
                    let id = surface.start_tagged(ContentTag::Other);
                    let (transform, (w, h)) = shown.drawn(line.x, line.y);
                    surface.push_transform(&transform);
                    if let Some(size) = Size::from_wh(w, h) {
                        surface.draw_image(image, size);
                    }
                    surface.pop();
                    surface.end_tagged();
                    pieces[line.group].push(id);
                    continue;
                }
                if line.text.is_empty() {
                    continue;
                }
                let face = if line.bold { &bold } else { &regular };
                let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                surface.draw_text(
                    Point::from_xy(line.x, line.y),
                    face.font.clone(),
                    line.size,
                    &line.text,
                    false,
                    TextDirection::Auto,
                );
                surface.end_tagged();
                pieces[line.group].push(id);
            }
            let folio = format!("{} / {total}", n + 1);
            let w = regular.width(&folio, 9.0);
            surface.start_tagged(ContentTag::Artifact(ArtifactType::Footer));
            surface.draw_text(
                Point::from_xy((PAGE_W - w) / 2.0, PAGE_H - MARGIN / 2.0),
                regular.font.clone(),
                9.0,
                &folio,
                false,
                TextDirection::Auto,
            );
            surface.end_tagged();
            surface.finish();
            page.finish();
        }
        document.set_tag_tree(tag_tree(docs.len(), &layout.groups, pieces));
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

/// The language Tend's own words are in (titles, labels); her words may be in any other.
const LANGUAGE: &str = "en";

/// A section per document, holding its groups of lines in order, each tagged by its role.
fn tag_tree(
    documents: usize,
    groups: &[(usize, Role)],
    pieces: Vec<Vec<krilla::tagging::Identifier>>,
) -> TagTree {
    let mut sections: Vec<TagGroup> = (0..documents)
        .map(|_| TagGroup::new(Tag::Section))
        .collect();
    for ((doc, role), ids) in groups.iter().zip(pieces) {
        if ids.is_empty() {
            continue;
        }
        let tag: TagKind = match role {
            Role::Title => Tag::Hn(std::num::NonZeroU16::MIN, None).into(),
            Role::Heading => Tag::Hn(std::num::NonZeroU16::MIN.saturating_add(1), None).into(),
            Role::Question => Tag::BlockQuote.into(),
            Role::Paragraph => Tag::P.into(),
            Role::Figure => Tag::Figure(Some(PHOTO_ALT.into())).into(),
        };
        let mut group = TagGroup::new(tag);
        for id in ids {
            group.push(id);
        }
        sections[*doc].push(group);
    }
    let mut tree = TagTree::new().with_lang(Some(LANGUAGE.into()));
    for section in sections {
        tree.push(section);
    }
    tree
}

/// What a screen reader says of a photo.
const PHOTO_ALT: &str = "A photo";

/// A photo's box on the page and the way up it goes.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Shown {
    w: f32,
    h: f32,
    /// The Exif orientation: 1 as stored, 3 upside down, 6 and 8 a quarter turn right or left
    /// (a mirrored one is drawn as stored).
    turn: u16,
}

impl Shown {
    /// Where the picture is drawn so that its box is at (x, y): the transform, and the size
    /// the picture itself is drawn at (a quarter-turned one at the box's height by its width).
    fn drawn(&self, x: f32, y: f32) -> (Transform, (f32, f32)) {
        let (w, h) = (self.w, self.h);
        match self.turn {
            3 => (
                Transform::from_row(-1.0, 0.0, 0.0, -1.0, x + w, y + h),
                (w, h),
            ),
            6 => (Transform::from_row(0.0, 1.0, -1.0, 0.0, x + w, y), (h, w)),
            8 => (Transform::from_row(0.0, -1.0, 1.0, 0.0, x, y + h), (h, w)),
            _ => (Transform::from_translate(x, y), (w, h)),
        }
    }
}

/// The photo `a` of the entry `entry_id`, as krilla draws it, and its Exif orientation (krilla
/// draws a picture as stored); None if it cannot be read or decoded (a line says so instead).
fn photo(pictures: &Pictures, entry_id: &str, a: &Attachment) -> Option<(Image, u16)> {
    let bytes = pictures.read_attachment(entry_id, a).ok()?;
    let turn = crate::picture::orientation_of(a.kind, &bytes);
    let data = krilla::Data::from(bytes);
    let image = match a.kind {
        PictureKind::Jpeg => Image::from_jpeg(data, true),
        PictureKind::Png => Image::from_png(data, true),
        PictureKind::Webp => Image::from_webp(data, true),
        PictureKind::Gif => Image::from_gif(data, true),
    };
    Some((image.ok()?, turn))
}

fn lay_out(
    layout: &mut Layout,
    n: usize,
    doc: &Readable,
    regular: &Face,
    bold: &Face,
    pictures: &Pictures,
) {
    layout.group(n, Role::Title);
    for line in bold.wrap(&doc.title, 20.0, TEXT_W) {
        layout.line(MARGIN, true, 20.0, line);
    }
    let facts = doc.facts_line();
    if !facts.is_empty() {
        layout.group(n, Role::Paragraph);
        for line in regular.wrap(&facts, 9.5, TEXT_W) {
            layout.line(MARGIN, false, 9.5, line);
        }
    }
    layout.gap(10.0);
    for block in &doc.blocks {
        if let Block::Picture(a) = block {
            match photo(pictures, &doc.id, a) {
                Some((image, turn)) => {
                    layout.group(n, Role::Figure);
                    layout.picture(image, turn);
                }
                None => {
                    layout.group(n, Role::Paragraph);
                    layout.line(
                        MARGIN,
                        false,
                        10.5,
                        "(A photo that could not be read.)".into(),
                    );
                }
            }
            layout.gap(6.0);
            continue;
        }
        let (face, is_bold, size, indent) = match block {
            Block::Heading(_) => (bold, true, 14.0, 0.0),
            Block::Question(_) => (regular, false, 10.5, 14.0),
            _ => (regular, false, 11.5, 0.0),
        };
        let text = match block {
            Block::Heading(t) | Block::Question(t) | Block::Text(t) => t.clone(),
            Block::Markdown(t) => markup::to_plain(t),
            Block::Picture(_) => String::new(),
        };
        if matches!(block, Block::Heading(_)) {
            layout.gap(6.0);
        }
        let role = match block {
            Block::Heading(_) => Role::Heading,
            Block::Question(_) => Role::Question,
            _ => Role::Paragraph,
        };
        for paragraph in text.trim_end().split('\n') {
            layout.group(n, role);
            for line in face.wrap(paragraph, size, TEXT_W - indent) {
                layout.line(MARGIN + indent, is_bold, size, line);
            }
        }
        layout.gap(6.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The review of the photos' first version: krilla draws a picture as stored, so a phone's
    /// portrait photo (stored on its side, turned by its Exif orientation) lay on its side in
    /// the PDF. The fixture is stored 64 wide and 96 tall, and turned a quarter to show 96 by
    /// 64.
    #[test]
    fn a_photo_turned_by_its_camera_is_placed_the_way_up_it_shows() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/photos/rotated.jpg");
        let picture = crate::picture::Picture::take(std::fs::read(path).unwrap()).unwrap();
        let turn = crate::picture::orientation_of(PictureKind::Jpeg, &picture.bytes);
        assert_eq!(turn, 6);
        let image = Image::from_jpeg(krilla::Data::from(picture.bytes), true).unwrap();
        assert_eq!(image.size(), (64, 96), "stored on its side");
        let mut layout = Layout {
            pages: vec![Vec::new()],
            y: MARGIN,
            groups: vec![(0, Role::Figure)],
        };
        layout.picture(image, turn);
        let Some((_, shown)) = &layout.pages[0][0].picture else {
            panic!("no photo placed");
        };
        assert!(shown.w > shown.h, "placed as it shows, wide: {shown:?}");
        // Drawn at the box's height by its width, turned into the box.
        let (_, drawn) = shown.drawn(MARGIN, MARGIN);
        assert_eq!(drawn, (shown.h, shown.w));
    }
}
