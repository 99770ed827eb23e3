//! The storage's view of the model's documents: each kind's schema, id and last save, so that
//! the scan can read, migrate and choose between them. Here, not beside the types, so that the
//! model (entry, filling, vision) stands on nothing of storage's (issue 24's floors).

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use super::Document;
use crate::entry::Entry;
use crate::filling::Filling;
use crate::vision::Vision;

impl Document for Entry {
    const SCHEMA: u32 = crate::entry::ENTRY_SCHEMA;
    fn id(&self) -> &str {
        &self.id
    }
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        Some(self.updated)
    }
}

impl Document for Filling {
    const SCHEMA: u32 = crate::filling::FILLING_SCHEMA;
    fn id(&self) -> &str {
        &self.id
    }
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        Some(self.updated)
    }
    fn migrate(value: Value, schema: u32) -> std::result::Result<Value, String> {
        crate::filling::migrate(value, schema)
    }
}

impl Document for Vision {
    const SCHEMA: u32 = crate::vision::VISION_SCHEMA;
    fn id(&self) -> &str {
        &self.id
    }
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        self.latest().map(|r| r.updated)
    }
}
