//! The index's dates and times as numbers: a day as days since 1 January of year 1, a time as
//! seconds and nanoseconds since 1970 with its offset from UTC in seconds.
pub mod date {
    use chrono::{Datelike, NaiveDate};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(date.num_days_from_ce())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let days = i32::deserialize(d)?;
        NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| D::Error::custom("a day"))
    }
}

pub mod time {
    use chrono::{DateTime, FixedOffset};
    use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(time: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        let offset = time.offset().local_minus_utc();
        (time.timestamp(), time.timestamp_subsec_nanos(), offset).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let (secs, nanos, offset) = <(i64, u32, i32)>::deserialize(d)?;
        let offset = FixedOffset::east_opt(offset).ok_or_else(|| D::Error::custom("offset"))?;
        let utc = DateTime::from_timestamp(secs, nanos).ok_or_else(|| D::Error::custom("time"))?;
        Ok(utc.with_timezone(&offset))
    }
}
