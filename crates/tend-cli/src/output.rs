//! Everything `tend` prints goes through here, so that a reader that stops early
//! (`tend doctor | head -1`) ends the output quietly and the command exits as it would have.
//!
//! Rust ignores SIGPIPE, so a write into a closed pipe is an error, and std's `println!` panics
//! on it (exit 101, a backtrace on stderr). [`Stdout`] takes a closed pipe as the end of the
//! output: what follows is dropped, and the command finishes its work. Any other failure to
//! write (a full disk behind `> file`) is kept, and [`finish`] reports it once at the end. The
//! `print!`, `println!` and `eprintln!` macros in `main.rs` shadow std's in this
//! crate, so no command can print any other way.

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// The reader has gone, or standard output failed: nothing more is written.
static CLOSED: AtomicBool = AtomicBool::new(false);
/// The first failure that was not a closed pipe, reported by [`finish`].
static FAILED: Mutex<Option<io::Error>> = Mutex::new(None);

/// Standard output that ends quietly when its reader has gone.
pub struct Stdout;

impl Stdout {
    fn outcome<T>(result: io::Result<T>, done: T) -> io::Result<T> {
        match result {
            Ok(n) => Ok(n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
            Err(e) => {
                CLOSED.store(true, Ordering::Relaxed);
                if e.kind() != io::ErrorKind::BrokenPipe {
                    let mut failed = FAILED.lock().unwrap_or_else(|p| p.into_inner());
                    failed.get_or_insert(e);
                }
                Ok(done)
            }
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if CLOSED.load(Ordering::Relaxed) {
            return Ok(buf.len());
        }
        Self::outcome(io::stdout().write(buf), buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if CLOSED.load(Ordering::Relaxed) {
            return Ok(());
        }
        Self::outcome(io::stdout().flush(), ())
    }
}

/// What `print!` and `println!` call.
pub fn print(args: fmt::Arguments) {
    // Stdout never fails: a failure is kept for `finish`.
    let _ = Stdout.write_fmt(args);
}

/// What `eprintln!` calls: a message that cannot be shown is not worth a panic.
pub fn eprint(args: fmt::Arguments) {
    let _ = io::stderr().write_fmt(args);
}

/// Flushes standard output; the failure to write it that was not a closed pipe, if any.
pub fn finish() -> Option<io::Error> {
    let _ = Stdout.flush();
    FAILED.lock().unwrap_or_else(|p| p.into_inner()).take()
}
