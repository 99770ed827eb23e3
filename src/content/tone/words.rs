//! A draft's words as the tone check reads them: cut at anything that is not a letter or a
//! digit (apostrophes dropped, so "can't" is "cant"), lower case, letters repeated three times
//! or more collapsed ("sooo"), text-speak spelled out ("u" is "you"), a typo against the
//! check's own vocabulary mended ("suicidel"), and each word reduced to its Snowball stem.
//! Sentences are numbered: a gap in a pattern never reaches across a full stop.

use std::ops::Range;

/// One word of a draft, ready to match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The stem the patterns are compared with.
    pub stem: String,
    /// Where the word stands in the draft (bytes), to quote what was found.
    pub span: Range<usize>,
    pub sentence: usize,
}

/// A raw word of the draft: its lower-case letters, apostrophes gone, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawWord {
    pub text: String,
    pub span: Range<usize>,
    pub sentence: usize,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`')
}

/// Whether the character at `at` ends a sentence: a full stop (not one of a run, "I just...
/// can't" is one sentence), "!", "?", ";", or a blank line (a single line break is only a
/// wrapped line). An ellipsis character does not either.
fn ends_sentence(chars: &[char], at: usize) -> bool {
    let c = chars[at];
    let before = at.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(at + 1).copied();
    match c {
        '.' => before != Some('.') && after != Some('.'),
        '!' | '?' | ';' | '。' => true,
        '\n' => chars[at + 1..]
            .iter()
            .take_while(|c| c.is_whitespace())
            .any(|c| *c == '\n'),
        _ => false,
    }
}

/// The words of `text`, lower case, apostrophes inside a word dropped.
pub fn raw_words(text: &str) -> Vec<RawWord> {
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut sentence = 0;
    let mut current: Option<RawWord> = None;
    for (i, (at, c)) in text.char_indices().enumerate() {
        if c.is_alphanumeric() {
            let word = current.get_or_insert_with(|| RawWord {
                text: String::new(),
                span: at..at,
                sentence,
            });
            word.text.extend(c.to_lowercase());
            word.span.end = at + c.len_utf8();
        } else if is_apostrophe(c) && current.is_some() {
            // Inside a word ("can't"): dropped, the word goes on.
        } else {
            words.extend(current.take());
            if ends_sentence(&chars, i) {
                sentence += 1;
            }
        }
    }
    words.extend(current);
    words
}

/// The candidates for a word with letters repeated three times or more: each run cut to two
/// letters, then to one ("pleeease": "pleease", "please").
pub fn collapsed(word: &str) -> Option<[String; 2]> {
    let chars: Vec<char> = word.chars().collect();
    let long_run = chars.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]);
    if !long_run {
        return None;
    }
    let cut = |keep: usize| {
        let mut out = String::with_capacity(word.len());
        let mut run = 0;
        let mut last = None;
        for &c in &chars {
            run = if Some(c) == last { run + 1 } else { 1 };
            last = Some(c);
            if run <= keep {
                out.push(c);
            }
        }
        out
    };
    Some([cut(2), cut(1)])
}

/// Whether most of a draft is written in capitals: at least 12 letters, and at least 60% of
/// its cased letters upper case. Shouting is itself a pressure sign.
pub fn shouting(text: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in text.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    let cased = upper + lower;
    cased >= 12 && upper * 10 >= cased * 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_drop_apostrophes_and_count_sentences() {
        let words = raw_words("Can’t  STOP—crying! I'm ok");
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["cant", "stop", "crying", "im", "ok"]);
        let sentences: Vec<usize> = words.iter().map(|w| w.sentence).collect();
        assert_eq!(sentences, [0, 0, 0, 1, 1], "the ! ends a sentence");
        assert_eq!(&"Can’t  STOP"[words[0].span.clone()], "Can’t");
    }

    #[test]
    fn an_ellipsis_or_a_wrapped_line_does_not_end_a_sentence() {
        let sentences =
            |text: &str| -> Vec<usize> { raw_words(text).iter().map(|w| w.sentence).collect() };
        assert_eq!(sentences("I want to... die"), [0, 0, 0, 0]);
        assert_eq!(sentences("I want to… die"), [0, 0, 0, 0]);
        assert_eq!(sentences("I want to\ndie"), [0, 0, 0, 0], "a wrapped line");
        assert_eq!(
            sentences("Pick up at 5\n\nI am tired"),
            [0, 0, 0, 0, 1, 1, 1]
        );
    }

    #[test]
    fn repeated_letters_offer_two_and_one() {
        assert_eq!(
            collapsed("pleeease"),
            Some(["pleease".to_string(), "please".to_string()])
        );
        assert_eq!(
            collapsed("sooo").map(|c| c[1].clone()).as_deref(),
            Some("so")
        );
        assert_eq!(
            collapsed("need"),
            None,
            "two letters are spelling, not stretching"
        );
    }

    #[test]
    fn shouting_is_mostly_capitals_not_one_word() {
        assert!(shouting("WHY WONT YOU ANSWER ME"));
        assert!(!shouting(
            "PAYMENT DUE on the water bill by the 15th, can you send half?"
        ));
        assert!(!shouting("OK"), "too short to tell");
    }
}
