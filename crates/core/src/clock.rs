//! The injected clock: now and the business date.

use crate::i18n::errors::CliSays;
use chrono::{DateTime, NaiveDate, Utc};

/// Source of the current instant and business date.
pub trait Clock {
    /// Now, UTC milliseconds.
    fn now_ms(&self) -> i64;
    /// Today's business date.
    fn today(&self) -> NaiveDate;
}

/// The system clock in UTC.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        Utc::now().timestamp_millis()
    }
    fn today(&self) -> NaiveDate {
        chrono::Local::now().date_naive()
    }
}

/// A clock stopped at one instant, for tests and `--as-of` runs.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock {
    /// The instant.
    pub at: DateTime<Utc>,
    /// The business date.
    pub date: NaiveDate,
}

impl Clock for FixedClock {
    fn now_ms(&self) -> i64 {
        self.at.timestamp_millis()
    }
    fn today(&self) -> NaiveDate {
        self.date
    }
}

/// The clock for this process: `FRONTDESK_NOW` (RFC 3339) fixes it, for reproducible
/// scripts and tests; otherwise the system clock.
pub fn from_env() -> Result<Box<dyn Clock + Send>, CliSays> {
    from_value(std::env::var("FRONTDESK_NOW").ok().as_deref())
}

/// The clock for a value of `FRONTDESK_NOW` (`None`: the system clock); the server uses the
/// value a client forwarded.
pub fn from_value(value: Option<&str>) -> Result<Box<dyn Clock + Send>, CliSays> {
    match value {
        Some(s) => {
            let at = DateTime::parse_from_rfc3339(s)
                .map_err(|e| CliSays::Now { value: s.to_string(), error: e.to_string() })?
                .with_timezone(&Utc);
            Ok(Box::new(FixedClock { at, date: at.date_naive() }))
        }
        None => Ok(Box::new(SystemClock)),
    }
}
