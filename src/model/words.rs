//! Words as search sees them: a text cut into words (with where each is), each folded so that
//! case and accents do not matter ("Café" and "cafe" are one word, as are "naïve" and "naive").

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Longer "words" (a pasted link, a run of letters) are cut: nobody types them to search.
const MAX_WORD_BYTES: usize = 48;

/// Every word of `text`, in order: its place (bytes) and its folded form.
pub fn words(text: &str) -> impl Iterator<Item = (Range<usize>, String)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|(_, c)| is_word_char(*c))?;
        let mut end = text.len();
        while let Some(&(at, c)) = chars.peek() {
            if !is_word_char(c) {
                end = at;
                break;
            }
            chars.next();
        }
        Some((start..end, fold(&text[start..end])))
    })
    .filter(|(_, folded)| !folded.is_empty())
}

/// A word in the form the index keeps: lower case, accents taken off (compatibility
/// decomposition, then combining marks dropped: "ﬁ" is "fi", "É" is "e").
pub fn fold(word: &str) -> String {
    let mut folded = if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        (word.nfkd())
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .collect()
    };
    if folded.len() > MAX_WORD_BYTES {
        let mut cut = MAX_WORD_BYTES;
        while !folded.is_char_boundary(cut) {
            cut -= 1;
        }
        folded.truncate(cut);
    }
    folded
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        words(text).map(|(_, w)| w).collect()
    }

    #[test]
    fn case_and_accents_fold_away() {
        assert_eq!(folded("Café NAÏVE Ångström"), ["cafe", "naive", "angstrom"]);
        // A decomposed é (e + U+0301) is the same word as a composed one.
        assert_eq!(
            folded("cafe\u{301}"),
            ["cafe"],
            "combining marks belong to the word"
        );
    }

    #[test]
    fn words_keep_their_place_in_the_text() {
        let text = "Walked, by the sea — calm.";
        let found: Vec<_> = words(text).map(|(at, _)| &text[at]).collect();
        assert_eq!(found, ["Walked", "by", "the", "sea", "calm"]);
    }

    #[test]
    fn other_scripts_are_words_too() {
        assert_eq!(folded("Καφές 咖啡 кофе"), ["καφες", "咖啡", "кофе"]);
    }

    #[test]
    fn a_very_long_word_is_cut_on_a_character_boundary() {
        let long = "é".repeat(100);
        let word = &folded(&long)[0];
        assert!(word.len() <= MAX_WORD_BYTES, "{} bytes", word.len());
        assert!(word.chars().all(|c| c == 'e'));
    }
}
