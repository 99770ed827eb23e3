//! The lists of the search index: for each word, the numbers of the documents having it, kept
//! as varint gaps (a few bytes a document); and a set of document numbers, one bit each, that a
//! search narrows word by word.

#[derive(Default)]
pub(super) struct Postings {
    /// Ascending document numbers, as LEB128 gaps.
    pub gaps: Vec<u8>,
    pub last: u32,
}

impl Postings {
    pub fn push(&mut self, number: u32) {
        let gap = if self.gaps.is_empty() {
            number
        } else {
            number - self.last
        };
        put_varint(&mut self.gaps, gap);
        self.last = number;
    }

    pub fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        let mut at = 0;
        let mut number = 0u32;
        let mut first = true;
        std::iter::from_fn(move || {
            let gap = get_varint(&self.gaps, &mut at)?;
            number = if first { gap } else { number + gap };
            first = false;
            Some(number)
        })
    }
}

/// A set of document numbers.
pub(crate) struct Matches(Vec<u64>);

impl Matches {
    pub(super) fn none(len: usize) -> Matches {
        Matches(vec![0; len.div_ceil(64)])
    }
    pub(super) fn insert(&mut self, n: u32) {
        self.0[n as usize / 64] |= 1 << (n % 64);
    }
    pub(super) fn remove(&mut self, n: u32) {
        self.0[n as usize / 64] &= !(1 << (n % 64));
    }
    pub fn and(&mut self, other: &Matches) {
        self.0.iter_mut().zip(&other.0).for_each(|(a, b)| *a &= b);
    }
    pub fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        (self.0.iter().enumerate()).flat_map(|(word, bits)| {
            (0..64)
                .filter(move |b| bits & (1 << b) != 0)
                .map(move |b| (word * 64 + b) as u32)
        })
    }
}

fn put_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut value = 0u32;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u32::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}
