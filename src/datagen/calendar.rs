//! Official Chinese holiday calendar (holiday-cn, 2025–2026) for workday-based deadlines:
//! N个工作日内 and 节前 / 放假前 / 国庆前.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};

const Y2025: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/datagen/holidays_2025.json"));
const Y2026: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/datagen/holidays_2026.json"));

/// Off days, make-up workdays and holiday start dates.
#[derive(Debug, Default)]
pub struct Calendar {
    /// Official days off.
    pub off: BTreeSet<NaiveDate>,
    /// 调休 make-up workdays.
    pub makeup: BTreeSet<NaiveDate>,
    /// First off day of each holiday → holiday name.
    pub starts: BTreeMap<NaiveDate, String>,
    /// Last date the calendar covers.
    pub last: NaiveDate,
}

impl Calendar {
    /// Whether `d` is a workday.
    pub fn is_workday(&self, d: NaiveDate) -> bool {
        if self.makeup.contains(&d) {
            return true;
        }
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.off.contains(&d)
    }
    /// The N-th workday after `today` (counting starts the day after). None past coverage.
    pub fn add_workdays(&self, today: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut d = today;
        let mut k = 0;
        while k < n {
            d = d.checked_add_days(Days::new(1))?;
            if d > self.last {
                return None;
            }
            if self.is_workday(d) {
                k += 1;
            }
        }
        Some(d)
    }
    /// Next holiday starting after `today`: (first off day, name).
    pub fn next_holiday(&self, today: NaiveDate) -> Option<(NaiveDate, &str)> {
        self.starts.range(today.succ_opt()?..).next().map(|(d, n)| (*d, n.as_str()))
    }
    /// Last workday strictly before `d`.
    pub fn last_workday_before(&self, d: NaiveDate) -> Option<NaiveDate> {
        let mut x = d.pred_opt()?;
        for _ in 0..30 {
            if self.is_workday(x) {
                return Some(x);
            }
            x = x.pred_opt()?;
        }
        None
    }
}

/// The embedded calendar.
pub fn calendar() -> &'static Calendar {
    static C: OnceLock<Calendar> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = Calendar { last: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default(), ..Default::default() };
        let mut by_name: BTreeMap<(i32, String), NaiveDate> = BTreeMap::new();
        for src in [Y2025, Y2026] {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(src) else {
                continue;
            };
            let Some(days) = v.get("days").and_then(|d| d.as_array()) else {
                continue;
            };
            for day in days {
                let name = day.get("name").and_then(|x| x.as_str()).unwrap_or("");
                let off = day.get("isOffDay").and_then(|x| x.as_bool()).unwrap_or(false);
                let Some(d) = day
                    .get("date")
                    .and_then(|x| x.as_str())
                    .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                else {
                    continue;
                };
                if off {
                    c.off.insert(d);
                    let e = by_name.entry((d.year(), name.to_string())).or_insert(d);
                    if d < *e {
                        *e = d;
                    }
                } else {
                    c.makeup.insert(d);
                }
            }
        }
        for ((_, name), d) in by_name {
            c.starts.insert(d, name);
        }
        c
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn workdays_skip_holidays_and_count_makeup() {
        let c = calendar();
        assert!(c.off.len() > 20, "calendar not loaded");
        // 2025-09-30 (Tue): 国庆 off 10-01..10-08, 09-28 (Sun) and 10-11 (Sat) are make-up days.
        assert_eq!(c.add_workdays(d("2025-09-30"), 1), Some(d("2025-10-09")));
        assert_eq!(c.add_workdays(d("2025-09-30"), 3), Some(d("2025-10-11")));
        // plain week: Mon 2026-03-02 + 3 workdays → Thu
        assert_eq!(c.add_workdays(d("2026-03-02"), 3), Some(d("2026-03-05")));
        let (start, name) = c.next_holiday(d("2025-09-20")).unwrap_or((d("2000-01-01"), ""));
        assert_eq!(start, d("2025-10-01"));
        assert!(name.contains("国庆"));
        assert_eq!(c.last_workday_before(start), Some(d("2025-09-30")));
    }
}
