//! A writer that stops at its first error: the error goes to the caller, and whatever is
//! written after it is taken and dropped.
//!
//! `zip`'s `ZipWriter` finishes itself when dropped unfinished, and prints its failure to
//! standard error raw ("ZipWriter drop failed: Io(Os { code: 28, … })"), with no public way to
//! abandon it. A backup that fails (a full disk) returns its own error and drops the writer:
//! below it, this writer has already failed, so the finishing writes go nowhere and nothing is
//! printed. The half-written temp file is removed by its owner.

use std::io::{self, Seek, SeekFrom, Write};

pub(crate) struct FirstError<W> {
    inner: W,
    failed: bool,
    /// Where the stream is, and how long, as the writer above has seen it: after the first
    /// error, seeks are answered from these, so that `zip`'s own checks of its offsets hold.
    position: u64,
    len: u64,
}

impl<W> FirstError<W> {
    /// Over a writer at its start (a new file).
    pub(crate) fn new(inner: W) -> Self {
        FirstError {
            inner,
            failed: false,
            position: 0,
            len: 0,
        }
    }

    fn noted<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if matches!(&result, Err(e) if e.kind() != io::ErrorKind::Interrupted) {
            self.failed = true;
        }
        result
    }

    fn moved(&mut self, position: u64) {
        self.position = position;
        self.len = self.len.max(position);
    }
}

impl<W: Write> Write for FirstError<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = if self.failed {
            Ok(buf.len())
        } else {
            let result = self.inner.write(buf);
            self.noted(result)
        };
        if let Ok(n) = result {
            self.moved(self.position + n as u64);
        }
        result
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.failed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.noted(result)
    }
}

impl<W: Seek> Seek for FirstError<W> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        let result = if self.failed {
            let to = match pos {
                SeekFrom::Start(n) => Some(n),
                SeekFrom::Current(d) => self.position.checked_add_signed(d),
                SeekFrom::End(d) => self.len.checked_add_signed(d),
            };
            to.ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))
        } else {
            let result = self.inner.seek(pos);
            self.noted(result)
        };
        if let Ok(to) = result {
            self.moved(to);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A disk with room for four bytes.
    #[derive(Default)]
    struct Full(Vec<u8>);

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let room = 4 - self.0.len();
            if room == 0 {
                return Err(io::ErrorKind::StorageFull.into());
            }
            let n = room.min(buf.len());
            self.0.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Seek for Full {
        fn seek(&mut self, _: SeekFrom) -> io::Result<u64> {
            Err(io::ErrorKind::Unsupported.into())
        }
    }

    #[test]
    fn after_its_first_error_a_writer_takes_everything_and_writes_nothing() {
        let mut full = FirstError::new(Full::default());
        assert!(full.write_all(b"12345").is_err(), "the first error is told");
        assert!(
            full.write_all(b"more").is_ok() && full.flush().is_ok(),
            "what follows is dropped quietly, so a writer finishing itself on drop prints nothing"
        );
        assert_eq!(full.inner.0, b"1234", "and nothing more is written");
        assert_eq!(
            full.stream_position().ok(),
            Some(8),
            "positions still add up (4 written, 4 dropped), as the zip above checks them"
        );
    }
}
