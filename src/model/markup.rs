//! An entry's body is Markdown (CommonMark: emphasis, strong, headings, lists, quotes), kept as
//! she wrote it. This is the one renderer of it: HTML for the app's read view and the HTML
//! export, plain text for the PDF and wherever a line of it is shown.
//!
//! What is written stays words, and nothing reaches out: raw HTML in an entry is shown as the
//! text it is, a link as its words with the address after them, an image as its description.
//! A single line break is a line break (as in the text box she typed it in), not a space.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The Markdown Tend reads: CommonMark, with strikethrough (~~so~~), which every journal app
/// she may come from writes.
fn parse(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH)
}

/// The text as written, but for a line that CommonMark would take for a link's definition
/// ("[Monday]: tired") and hide: its bracket is escaped, so it shows as she wrote it. Links are
/// shown as words here, so a definition has nothing to define.
fn shown_as_written(markdown: &str) -> std::borrow::Cow<'_, str> {
    let definition = |line: &str| {
        let rest = line.trim_start_matches(' ');
        line.len() - rest.len() <= 3
            && rest.starts_with('[')
            && rest.find("]:").is_some_and(|end| end > 1)
    };
    if !markdown.lines().any(definition) {
        return markdown.into();
    }
    let mut out = String::with_capacity(markdown.len() + 8);
    for line in markdown.split_inclusive('\n') {
        if definition(line) {
            let indent = line.len() - line.trim_start_matches(' ').len();
            out.push_str(&line[..indent]);
            out.push('\\');
            out.push_str(&line[indent..]);
        } else {
            out.push_str(line);
        }
    }
    out.into()
}

/// The body as HTML, to sit under a title at `<h2>`: its headings start at `<h3>`.
pub fn to_html(markdown: &str) -> String {
    let source = shown_as_written(markdown);
    let mut out = String::with_capacity(markdown.len() * 5 / 4 + 16);
    pulldown_cmark::html::push_html(&mut out, as_words(parse(&source)).into_iter());
    out
}

/// The body as plain text: the words, a line each for paragraphs, items and headings, "- " in
/// front of a list's items, and no marks.
pub fn to_plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut numbers: Vec<Option<u64>> = Vec::new();
    let source = shown_as_written(markdown);
    for event in as_words(parse(&source)) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::Start(Tag::List(first)) => numbers.push(first),
            Event::End(TagEnd::List(_)) => {
                numbers.pop();
                end_block(&mut out);
            }
            Event::Start(Tag::Item) => {
                end_line(&mut out);
                out.push_str(&"  ".repeat(numbers.len().saturating_sub(1)));
                match numbers.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("- "),
                }
            }
            Event::End(TagEnd::Item) => end_line(&mut out),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                end_block(&mut out)
            }
            Event::End(TagEnd::BlockQuote(_)) => end_block(&mut out),
            Event::Rule => {
                end_line(&mut out);
                out.push_str("—\n\n");
            }
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// Whether `markdown` may hold a mark at all: a character that begins an inline mark, or a
/// line that begins as a block does. Most writing holds none and is its own plain text, with
/// no parse (`tend list` of 100,000 entries took 505 ms with a parse of each, 392 without).
pub fn may_have_marks(markdown: &str) -> bool {
    let inline = markdown.contains(['*', '_', '`', '[', '<', '&', '\\', '~', '!']);
    let block = |line: &str| {
        let first = line.trim_start().chars().next();
        first.is_some_and(|c| "#>-+=".contains(c) || c.is_ascii_digit())
    };
    inline || markdown.lines().any(block)
}

/// The words as a person reads them: `to_plain`, without the parse where there is no mark.
pub fn plain(markdown: &str) -> std::borrow::Cow<'_, str> {
    if may_have_marks(markdown) {
        to_plain(markdown).into()
    } else {
        markdown.into()
    }
}

fn end_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// A blank line after a block, unless inside a list item (the item's line ends it).
fn end_block(out: &mut String) {
    end_line(out);
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// The events with nothing but words in them: raw HTML as text, links as their words and
/// address, images as their description, soft breaks as line breaks, headings two levels down.
fn as_words<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    // The address of each open link, and where its words began in `out`.
    let mut links: Vec<(CowStr<'a>, usize)> = Vec::new();
    for event in events {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
            // A block of raw HTML reads as a paragraph of its text.
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            Event::SoftBreak => out.push(Event::HardBreak),
            Event::Start(Tag::Link { dest_url, .. }) => links.push((dest_url, out.len())),
            Event::End(TagEnd::Link) => {
                let Some((url, from)) = links.pop() else {
                    continue;
                };
                let words: String = (out[from..].iter())
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                if !url.is_empty() && words.trim() != url.trim_start_matches("mailto:") {
                    out.push(Event::Text(format!(" ({url})").into()));
                }
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::Heading { level, .. }) => out.push(Event::Start(Tag::Heading {
                level: lower(level),
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            })),
            Event::End(TagEnd::Heading(level)) => {
                out.push(Event::End(TagEnd::Heading(lower(level))))
            }
            other => out.push(other),
        }
    }
    out
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_strong_headings_lists_and_quotes_render() {
        let html = to_html("# A day\n\n**Walked** by the *river*.\n\n- tea\n- a call\n\n> breathe");
        assert!(html.contains("<h3>A day</h3>"), "{html}");
        assert!(html.contains("<strong>Walked</strong>"), "{html}");
        assert!(html.contains("<em>river</em>"), "{html}");
        assert!(html.contains("<li>tea</li>\n<li>a call</li>"), "{html}");
        assert!(html.contains("<blockquote>\n<p>breathe</p>"), "{html}");
    }

    #[test]
    fn raw_html_is_shown_as_text_and_nothing_reaches_out() {
        let html = to_html(
            "<script>alert(1)</script>\n\nSee <b>this</b> [the page](https://example.org) \
             and ![me](file:///home/me.jpg) <https://x.org>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.starts_with("<p>&lt;script&gt;"),
            "a paragraph of its words: {html}"
        );
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("&lt;b&gt;this&lt;/b&gt;"), "{html}");
        assert!(!html.contains("<a ") && !html.contains("<img"), "{html}");
        assert!(html.contains("the page (https://example.org)"), "{html}");
        assert!(html.contains(" me "), "an image is its description: {html}");
        assert!(
            html.contains("https://x.org") && !html.contains("(https://x.org)"),
            "{html}"
        );
    }

    #[test]
    fn a_line_break_as_typed_is_a_line_break() {
        assert_eq!(to_html("one\ntwo"), "<p>one<br />\ntwo</p>\n");
    }

    #[test]
    fn plain_text_keeps_the_words_and_drops_the_marks() {
        let plain = to_plain("# A day\n\n**Walked** by the *river*.\n\n- tea\n- a call\n\n1. one\n2. two\n\n> breathe");
        assert_eq!(
            plain,
            "A day\n\nWalked by the river.\n\n- tea\n- a call\n\n1. one\n2. two\n\nbreathe"
        );
    }

    #[test]
    fn a_line_like_a_link_definition_is_shown_not_hidden() {
        let text = "[Monday]: tired\n\n  [the hard part]: telling the kids";
        assert_eq!(
            to_plain(text),
            "[Monday]: tired\n\n[the hard part]: telling the kids"
        );
        assert!(
            to_html(text).contains("[Monday]: tired"),
            "{}",
            to_html(text)
        );
    }

    #[test]
    fn text_with_no_markdown_reads_as_it_was_written() {
        let text = "I walked by the river.\nIt rained.\n\nTomorrow, more.";
        assert_eq!(to_plain(text), text);
    }
}
