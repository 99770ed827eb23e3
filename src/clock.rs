//! The time source; tests pass a fixed one so that results do not depend on when they run.

use chrono::{DateTime, FixedOffset};

/// The time source; tests pass a fixed one so that results do not depend on when they run.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<FixedOffset>;
}

/// The computer's clock, in its local time zone.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        chrono::Local::now().fixed_offset()
    }
}
