//! The calling window: the hours of the day and the days of the week calls may start in, in a
//! chosen time zone (or the computer's own). A window whose end is before its start runs past
//! midnight (22:00–02:00), and belongs to the day it starts on.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc, Weekday,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// When calls may start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "autodial/")]
pub struct CallingWindow {
    /// `HH:MM`, inclusive.
    pub start: String,
    /// `HH:MM`, exclusive.
    pub end: String,
    /// Days calls may start on: 0 = Monday … 6 = Sunday. Empty means every day.
    pub days: Vec<u8>,
    /// An IANA zone such as `Europe/London`; `None` is this computer's zone.
    pub time_zone: Option<String>,
}

/// What is wrong with a window, for the field that holds it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    #[error("{field}: {value:?} is not a time; write it as HH:MM, e.g. 09:00")]
    BadTime { field: &'static str, value: String },
    #[error("the window starts and ends at the same time; leave it off to call at any hour")]
    Empty,
    #[error("{0} is not a day (0 = Monday … 6 = Sunday)")]
    BadDay(u8),
    #[error("unknown time zone {0:?}; use a name such as Europe/London")]
    BadZone(String),
}

/// A window, checked and ready to ask.
#[derive(Clone, Debug)]
pub struct Window {
    start: NaiveTime,
    end: NaiveTime,
    days: [bool; 7],
    zone: Option<chrono_tz::Tz>,
}

impl CallingWindow {
    /// Checks every part, and says which is wrong.
    pub fn check(&self) -> Result<Window, WindowError> {
        let time = |field, value: &str| {
            NaiveTime::parse_from_str(value.trim(), "%H:%M").map_err(|_| WindowError::BadTime {
                field,
                value: value.to_owned(),
            })
        };
        let start = time("start", &self.start)?;
        let end = time("end", &self.end)?;
        if start == end {
            return Err(WindowError::Empty);
        }
        let mut days = [self.days.is_empty(); 7];
        for &day in &self.days {
            *days
                .get_mut(usize::from(day))
                .ok_or(WindowError::BadDay(day))? = true;
        }
        let zone = match self.time_zone.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(name) => Some(
                name.parse::<chrono_tz::Tz>()
                    .map_err(|_| WindowError::BadZone(name.to_owned()))?,
            ),
        };
        Ok(Window {
            start,
            end,
            days,
            zone,
        })
    }
}

impl Window {
    /// `None` when a call may start at `now`; otherwise the next moment one may.
    pub fn next_opening(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self.zone {
            Some(zone) => self.next_opening_in(&zone, now),
            None => self.next_opening_in(&chrono::Local, now),
        }
    }

    fn next_opening_in<Z: TimeZone>(&self, zone: &Z, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let local = now.with_timezone(zone).naive_local();
        let today = local.date();
        // Yesterday's window may run past midnight into today.
        for day in [today.pred_opt()?, today] {
            if self.is_open_for(day, local) {
                return None;
            }
        }
        (0..=8)
            .filter_map(|ahead| today.checked_add_signed(Duration::days(ahead)))
            .filter(|day| self.days[day.weekday().num_days_from_monday() as usize])
            .map(|day| day.and_time(self.start))
            .filter(|opening| *opening > local)
            .find_map(|opening| instant(zone, opening))
    }

    /// Whether the window that starts on `day` covers the local time `at`.
    fn is_open_for(&self, day: NaiveDate, at: chrono::NaiveDateTime) -> bool {
        if !self.days[day.weekday().num_days_from_monday() as usize] {
            return false;
        }
        let opens = day.and_time(self.start);
        let closes = if self.end > self.start {
            day.and_time(self.end)
        } else {
            day.and_time(self.end) + Duration::days(1)
        };
        opens <= at && at < closes
    }
}

/// The instant a local time names; in a spring-forward gap, the moment the clocks jump to.
fn instant<Z: TimeZone>(zone: &Z, local: chrono::NaiveDateTime) -> Option<DateTime<Utc>> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Some(at.with_timezone(&Utc)),
        LocalResult::None => instant(zone, local + Duration::hours(1)),
    }
}

/// Monday first, as the window's `days` count.
pub fn weekday_index(day: Weekday) -> u8 {
    day.num_days_from_monday() as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(start: &str, end: &str, days: &[u8], zone: &str) -> Window {
        CallingWindow {
            start: start.into(),
            end: end.into(),
            days: days.to_vec(),
            time_zone: Some(zone.into()),
        }
        .check()
        .unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn inside_the_hours_on_an_allowed_day_a_call_may_start_now() {
        let weekdays = window("09:00", "17:00", &[0, 1, 2, 3, 4], "Europe/London");

        // Wednesday 3 June 2026, 10:30 in London (BST, UTC+1).
        assert_eq!(weekdays.next_opening(utc("2026-06-03T09:30:00Z")), None);
    }

    #[test]
    fn after_hours_on_friday_the_next_opening_is_monday_morning_in_the_windows_zone() {
        let weekdays = window("09:00", "17:00", &[0, 1, 2, 3, 4], "America/New_York");

        // Friday 5 June 2026, 18:00 in New York (EDT, UTC-4).
        let opening = weekdays.next_opening(utc("2026-06-05T22:00:00Z"));

        assert_eq!(
            opening,
            Some(utc("2026-06-08T13:00:00Z")),
            "Monday 09:00 EDT"
        );
    }

    #[test]
    fn a_window_past_midnight_is_open_in_the_small_hours_of_the_next_day() {
        let nights = window("22:00", "02:00", &[4], "UTC");

        // Friday 22:00 to Saturday 02:00: Saturday 01:00 is inside, Saturday 03:00 is not.
        assert_eq!(nights.next_opening(utc("2026-06-06T01:00:00Z")), None);
        assert_eq!(
            nights.next_opening(utc("2026-06-06T03:00:00Z")),
            Some(utc("2026-06-12T22:00:00Z"))
        );
    }

    #[test]
    fn each_bad_part_is_named() {
        let bad = |start: &str, days: &[u8], zone: &str| {
            CallingWindow {
                start: start.into(),
                end: "17:00".into(),
                days: days.to_vec(),
                time_zone: Some(zone.into()),
            }
            .check()
            .unwrap_err()
        };

        assert!(matches!(
            bad("9am", &[], "UTC"),
            WindowError::BadTime { field: "start", .. }
        ));
        assert_eq!(bad("09:00", &[7], "UTC"), WindowError::BadDay(7));
        assert_eq!(
            bad("09:00", &[], "Mars/Base"),
            WindowError::BadZone("Mars/Base".into())
        );
        assert_eq!(bad("17:00", &[], "UTC"), WindowError::Empty);
    }
}
