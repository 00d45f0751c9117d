//! Calendars used by the time-expression resolver.
//!
//! * The official PRC holiday calendar (days off and 调休 make-up workdays), embedded from
//!   `data/timex/holidays_cn.tsv` (converted from NateScarlet/holiday-cn, MIT licence kept next to it).
//! * Workday arithmetic (`is_workday`, `add_workdays`).
//! * A compact Chinese lunar calendar for 1900–2100 (`lunar_to_solar`) and the traditional festivals
//!   computed from it (and the reverse, `solar_to_lunar`), plus Easter-based and other floating
//!   Western holidays.
//! * Astronomical new/full moons (Meeus) in India Standard Time and the Hindu festivals derived from
//!   them (`hindu_festival`, ±1 day where a tithi rule decides).
//!
//! Invariants: every function is total — dates outside the covered ranges give `None` (lunar) or fall
//! back to the plain Monday–Friday rule (workdays).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use std::collections::HashMap;
use std::sync::OnceLock;

const HOLIDAYS_TSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/timex/holidays_cn.tsv"));

/// One official holiday block: name (normalised), year, off days and make-up workdays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayBlock {
    /// Normalised name: 元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆 (or the raw name).
    pub name: String,
    /// Calendar year of the official notice.
    pub year: i32,
    /// Days off, sorted.
    pub off_days: Vec<NaiveDate>,
}

struct HolidayData {
    /// date → true (day off) / false (make-up workday).
    days: HashMap<NaiveDate, bool>,
    blocks: Vec<HolidayBlock>,
}

fn normalise_name(raw: &str) -> &'static str {
    if raw.contains("春节") {
        "春节"
    } else if raw.contains("元旦") {
        "元旦"
    } else if raw.contains("清明") {
        "清明"
    } else if raw.contains("劳动") || raw.contains("五一") {
        "劳动节"
    } else if raw.contains("端午") {
        "端午"
    } else if raw.starts_with("中秋") {
        "中秋"
    } else if raw.contains("国庆") || raw.contains("十一") {
        "国庆"
    } else {
        "其他"
    }
}

fn data() -> &'static HolidayData {
    static DATA: OnceLock<HolidayData> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut days = HashMap::new();
        let mut blocks: Vec<HolidayBlock> = Vec::new();
        for line in HOLIDAYS_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut it = line.split('\t');
            let (Some(d), Some(name), Some(flag)) = (it.next(), it.next(), it.next()) else {
                continue;
            };
            let Ok(date) = NaiveDate::parse_from_str(d, "%Y%m%d") else {
                continue;
            };
            let off = flag == "1";
            days.insert(date, off);
            if !off {
                continue;
            }
            let n = normalise_name(name);
            // A block continues when the previous off day of the same name is at most 1 day earlier.
            let cont = blocks
                .last()
                .map(|b| b.name == n && b.off_days.last().is_some_and(|l| (date - *l).num_days() <= 1))
                .unwrap_or(false);
            if cont {
                if let Some(b) = blocks.last_mut() {
                    b.off_days.push(date);
                }
            } else {
                blocks.push(HolidayBlock { name: n.to_string(), year: date.year(), off_days: vec![date] });
            }
        }
        HolidayData { days, blocks }
    })
}

/// True when `date` is a working day: Monday–Friday unless an official day off, or a 调休 make-up day.
pub fn is_workday(date: NaiveDate) -> bool {
    match data().days.get(&date) {
        Some(off) => !off,
        None => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
    }
}

/// Counts `n` workdays starting the day after `date` and returns the n-th (n = 0 → `date`).
pub fn add_workdays(date: NaiveDate, n: u32) -> NaiveDate {
    let mut d = date;
    let mut left = n;
    let mut guard = 0u32;
    while left > 0 && guard < 100_000 {
        d = d.succ_opt().unwrap_or(d);
        guard += 1;
        if is_workday(d) {
            left -= 1;
        }
    }
    d
}

/// Last workday strictly before `date`.
pub fn prev_workday(date: NaiveDate) -> NaiveDate {
    let mut d = date;
    for _ in 0..60 {
        d = d.pred_opt().unwrap_or(d);
        if is_workday(d) {
            return d;
        }
    }
    d
}

/// First workday strictly after `date`.
pub fn next_workday(date: NaiveDate) -> NaiveDate {
    add_workdays(date, 1)
}

/// The first 调休 make-up workday (a weekend day worked in exchange for a holiday) on or after
/// `from`, within a year.
pub fn next_makeup_workday(from: NaiveDate) -> Option<NaiveDate> {
    let days = &data().days;
    (0..366)
        .map(|k| from + chrono::Duration::days(k))
        .find(|d| days.get(d) == Some(&false) && matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
}

/// Official holiday block by name (春节, 清明, 劳动节/五一, 端午, 中秋, 国庆/十一, 元旦) and year, when the
/// embedded calendar has it.
pub fn holiday(name: &str, year: i32) -> Option<HolidayBlock> {
    let n = normalise_name(name);
    data().blocks.iter().find(|b| b.name == n && b.year == year).cloned()
}

// ---------------------------------------------------------------------------------------------
// Lunar calendar.
//
// LUNAR_INFO: one 20-bit word per lunar year 1900..=2100 (the widely published table used by most
// calendar libraries). Bits, from the least significant:
//   bits 0-3   : number of the leap month (0 = no leap month);
//   bits 4-15  : month sizes, bit 15 = month 1 … bit 4 = month 12 (1 = 30 days, 0 = 29 days);
//   bit 16     : size of the leap month (1 = 30 days, 0 = 29 days).
// Lunar 1900-01-01 is solar 1900-01-31.
// ---------------------------------------------------------------------------------------------
const LUNAR_INFO: [u32; 201] = [
    0x04bd8, 0x04ae0, 0x0a570, 0x054d5, 0x0d260, 0x0d950, 0x16554, 0x056a0, 0x09ad0, 0x055d2, // 1900
    0x04ae0, 0x0a5b6, 0x0a4d0, 0x0d250, 0x1d255, 0x0b540, 0x0d6a0, 0x0ada2, 0x095b0, 0x14977, // 1910
    0x04970, 0x0a4b0, 0x0b4b5, 0x06a50, 0x06d40, 0x1ab54, 0x02b60, 0x09570, 0x052f2, 0x04970, // 1920
    0x06566, 0x0d4a0, 0x0ea50, 0x06e95, 0x05ad0, 0x02b60, 0x186e3, 0x092e0, 0x1c8d7, 0x0c950, // 1930
    0x0d4a0, 0x1d8a6, 0x0b550, 0x056a0, 0x1a5b4, 0x025d0, 0x092d0, 0x0d2b2, 0x0a950, 0x0b557, // 1940
    0x06ca0, 0x0b550, 0x15355, 0x04da0, 0x0a5d0, 0x14573, 0x052d0, 0x0a9a8, 0x0e950, 0x06aa0, // 1950
    0x0aea6, 0x0ab50, 0x04b60, 0x0aae4, 0x0a570, 0x05260, 0x0f263, 0x0d950, 0x05b57, 0x056a0, // 1960
    0x096d0, 0x04dd5, 0x04ad0, 0x0a4d0, 0x0d4d4, 0x0d250, 0x0d558, 0x0b540, 0x0b5a0, 0x195a6, // 1970
    0x095b0, 0x049b0, 0x0a974, 0x0a4b0, 0x0b27a, 0x06a50, 0x06d40, 0x0af46, 0x0ab60, 0x09570, // 1980
    0x04af5, 0x04970, 0x064b0, 0x074a3, 0x0ea50, 0x06b58, 0x055c0, 0x0ab60, 0x096d5, 0x092e0, // 1990
    0x0c960, 0x0d954, 0x0d4a0, 0x0da50, 0x07552, 0x056a0, 0x0abb7, 0x025d0, 0x092d0, 0x0cab5, // 2000
    0x0a950, 0x0b4a0, 0x0baa4, 0x0ad50, 0x055d9, 0x04ba0, 0x0a5b0, 0x15176, 0x052b0, 0x0a930, // 2010
    0x07954, 0x06aa0, 0x0ad50, 0x05b52, 0x04b60, 0x0a6e6, 0x0a4e0, 0x0d260, 0x0ea65, 0x0d530, // 2020
    0x05aa0, 0x076a3, 0x096d0, 0x04bd7, 0x04ad0, 0x0a4d0, 0x1d0b6, 0x0d250, 0x0d520, 0x0dd45, // 2030
    0x0b5a0, 0x056d0, 0x055b2, 0x049b0, 0x0a577, 0x0a4b0, 0x0aa50, 0x1b255, 0x06d20, 0x0ada0, // 2040
    0x14b63, 0x09370, 0x049f8, 0x04970, 0x064b0, 0x168a6, 0x0ea50, 0x06b20, 0x1a6c4, 0x0aae0, // 2050
    0x092e0, 0x0d2e3, 0x0c960, 0x0d557, 0x0d4a0, 0x0da50, 0x05d55, 0x056a0, 0x0a6d0, 0x055d4, // 2060
    0x052d0, 0x0a9b8, 0x0a950, 0x0b4a0, 0x0b6a6, 0x0ad50, 0x055a0, 0x0aba4, 0x0a5b0, 0x052b0, // 2070
    0x0b273, 0x06930, 0x07337, 0x06aa0, 0x0ad50, 0x14b55, 0x04b60, 0x0a570, 0x054e4, 0x0d160, // 2080
    0x0e968, 0x0d520, 0x0daa0, 0x16aa6, 0x056d0, 0x04ae0, 0x0a9d4, 0x0a2d0, 0x0d150, 0x0f252, // 2090
    0x0d520, // 2100
];

fn info(year: i32) -> Option<u32> {
    let idx = usize::try_from(year - 1900).ok()?;
    LUNAR_INFO.get(idx).copied()
}

fn leap_month(year: i32) -> Option<u32> {
    info(year).map(|i| i & 0xf)
}

fn month_days(year: i32, month: u32, leap: bool) -> Option<i64> {
    let i = info(year)?;
    if leap {
        return Some(if i & 0x10000 != 0 { 30 } else { 29 });
    }
    if !(1..=12).contains(&month) {
        return None;
    }
    Some(if i & (0x10000 >> month) != 0 { 30 } else { 29 })
}

fn year_days(year: i32) -> Option<i64> {
    let mut sum = 0;
    for m in 1..=12 {
        sum += month_days(year, m, false)?;
    }
    if leap_month(year)? > 0 {
        sum += month_days(year, 0, true)?;
    }
    Some(sum)
}

/// Solar date of lunar `year`-`month`-`day` (`leap` = the leap month of that number). `None` outside
/// 1900–2100 or for impossible dates. Day 30 in a 29-day month is clamped to 29.
pub fn lunar_to_solar(year: i32, month: u32, day: u32, leap: bool) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    if leap && leap_month(year)? != month {
        return None;
    }
    let mut offset: i64 = 0;
    for y in 1900..year {
        offset += year_days(y)?;
    }
    let lm = leap_month(year)?;
    for m in 1..month {
        offset += month_days(year, m, false)?;
        if lm == m {
            offset += month_days(year, m, true)?;
        }
    }
    if leap {
        offset += month_days(year, month, false)?;
    }
    let size = month_days(year, month, leap)?;
    offset += i64::from(day.min(size as u32)) - 1;
    NaiveDate::from_ymd_opt(1900, 1, 31)?.checked_add_signed(Duration::days(offset))
}

/// Lunar date (year, month, day, leap) of a solar date; `None` outside 1900–2100.
pub fn solar_to_lunar(date: NaiveDate) -> Option<(i32, u32, u32, bool)> {
    for y in [date.year(), date.year() - 1] {
        let new_year = lunar_to_solar(y, 1, 1, false)?;
        if date < new_year {
            continue;
        }
        let lm = leap_month(y)?;
        let mut start = new_year;
        for m in 1..=12u32 {
            for leap in [false, true] {
                if leap && lm != m {
                    continue;
                }
                let len = month_days(y, m, leap)?;
                let next = start.checked_add_signed(Duration::days(len))?;
                if date < next {
                    let day = u32::try_from((date - start).num_days()).ok()? + 1;
                    return Some((y, m, day, leap));
                }
                start = next;
            }
        }
    }
    None
}

/// Number of days of a lunar month (`None` outside the table).
pub fn lunar_month_len(year: i32, month: u32, leap: bool) -> Option<i64> {
    month_days(year, month, leap)
}

/// Leap month number of a lunar year (0 = none).
pub fn lunar_leap_month(year: i32) -> Option<u32> {
    leap_month(year)
}

/// Western (Gregorian) Easter Sunday (anonymous Gregorian algorithm).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Orthodox Easter Sunday (Meeus Julian algorithm, converted to Gregorian; valid 1900–2099).
pub fn orthodox_easter(year: i32) -> Option<NaiveDate> {
    let a = year % 4;
    let b = year % 7;
    let c = year % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    let julian = NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)?;
    julian.checked_add_signed(Duration::days(13))
}

/// 清明 (Qingming solar term) date: the usual `[Y*D+C]-L` approximation.
pub fn qingming(year: i32) -> Option<NaiveDate> {
    let y = f64::from(year % 100);
    let c = if year >= 2000 { 4.81 } else { 5.59 };
    let leap_adj = f64::from((year % 100) / 4);
    let day = (y * 0.2422 + c).floor() - leap_adj;
    NaiveDate::from_ymd_opt(year, 4, day as u32)
}

/// The 24 solar terms in calendar order starting with 小寒 (January), with the 21st-century `C` constant
/// of the usual `[Y*0.2422+C]-L` approximation (Y = year % 100, L = leap days so far).
const SOLAR_TERMS: [(&str, f64); 24] = [
    ("小寒", 5.4055),
    ("大寒", 20.12),
    ("立春", 3.87),
    ("雨水", 18.73),
    ("惊蛰", 5.63),
    ("春分", 20.646),
    ("清明", 4.81),
    ("谷雨", 20.1),
    ("立夏", 5.52),
    ("小满", 21.04),
    ("芒种", 5.678),
    ("夏至", 21.37),
    ("小暑", 7.108),
    ("大暑", 22.83),
    ("立秋", 7.5),
    ("处暑", 23.13),
    ("白露", 7.646),
    ("秋分", 23.042),
    ("寒露", 8.318),
    ("霜降", 23.438),
    ("立冬", 7.438),
    ("小雪", 22.36),
    ("大雪", 7.18),
    ("冬至", 21.94),
];

/// Names of the 24 solar terms (节气), 小寒 first.
pub fn solar_term_names() -> impl Iterator<Item = &'static str> {
    SOLAR_TERMS.iter().map(|t| t.0)
}

/// Date of solar term `name` in Gregorian `year` (approximation, exact to ±1 day for 2000–2099).
pub fn solar_term(name: &str, year: i32) -> Option<NaiveDate> {
    if name == "清明" {
        return qingming(year);
    }
    let idx = SOLAR_TERMS.iter().position(|t| t.0 == name)?;
    let c = SOLAR_TERMS.get(idx)?.1;
    let y = year.rem_euclid(100);
    let leap = if idx < 4 { (y - 1).max(0) / 4 } else { y / 4 };
    let day = (f64::from(y) * 0.2422 + c).floor() as i32 - leap;
    let month = u32::try_from(idx / 2 + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, u32::try_from(day).ok()?)
}

/// Passover (15 Nisan) in Gregorian `year`: Gauss's formula with the Gregorian correction.
pub fn pesach(year: i32) -> Option<NaiveDate> {
    let c = year.div_euclid(100);
    let s = (3 * c - 5).div_euclid(4);
    let a = (12 * year + 12).rem_euclid(19);
    let b = year.rem_euclid(4);
    let q = -1.904412361576 + 1.554241796621 * f64::from(a) + 0.25 * f64::from(b) - 0.003177794022 * f64::from(year)
        + f64::from(s);
    let n = q.floor() as i32;
    let j = (n + 3 * year + 5 * b + 2 - s).rem_euclid(7);
    let r = q - f64::from(n);
    let d = if matches!(j, 2 | 4 | 6) {
        n + 23
    } else if j == 1 && a > 6 && r >= 0.632870370 {
        n + 24
    } else if j == 0 && a > 11 && r >= 0.897723765 {
        n + 23
    } else {
        n + 22
    };
    NaiveDate::from_ymd_opt(year, 3, 1)?.checked_add_signed(Duration::days(i64::from(d - 1)))
}

/// Jewish holidays, identified by the Hebrew-calendar anchor they hang on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jewish {
    /// 15 Nisan + offset days (逾越节 0, 篝火节 33, 七七节 50).
    FromPesach(i64),
    /// 5 Iyar with the Israeli weekend shifts (以色列独立日).
    Independence,
    /// 9 Av, moved to Sunday when it falls on Shabbat (圣殿被毁日).
    TishaBav,
    /// 1 Tishrei + offset (犹太新年 0, 赎罪日 9, 住棚节 14, 圣会节 21, 西赫托拉节 22).
    FromRoshHashanah(i64),
    /// 25 Kislev (光明节).
    Hanukkah,
    /// 15 Shevat (犹太植树节), the one in January/February of the Gregorian year.
    TuBishvat,
}

/// Day (the daytime date; the holiday begins the evening before) of a Jewish holiday in Gregorian `year`.
pub fn jewish_holiday(h: Jewish, year: i32) -> Option<NaiveDate> {
    let rh = |y: i32| pesach(y).and_then(|p| p.checked_add_signed(Duration::days(163)));
    let p = pesach(year)?;
    let add = |d: NaiveDate, n: i64| d.checked_add_signed(Duration::days(n));
    match h {
        Jewish::FromPesach(o) => add(p, o),
        Jewish::Independence => {
            let d = add(p, 20)?;
            match d.weekday() {
                Weekday::Fri => add(d, -1),
                Weekday::Sat => add(d, -2),
                Weekday::Mon => add(d, 1),
                _ => Some(d),
            }
        }
        Jewish::TishaBav => {
            let d = add(p, 112)?;
            if d.weekday() == Weekday::Sat { add(d, 1) } else { Some(d) }
        }
        Jewish::FromRoshHashanah(o) => add(rh(year)?, o),
        Jewish::Hanukkah => {
            let start = rh(year)?;
            let len = (rh(year + 1)? - start).num_days();
            add(start, 83 + i64::from(len % 10 == 5))
        }
        Jewish::TuBishvat => {
            let start = rh(year - 1)?;
            let len = (rh(year)? - start).num_days();
            let cheshvan = if len % 10 == 5 { 30 } else { 29 };
            let kislev = if len % 10 == 3 { 29 } else { 30 };
            add(start, 30 + cheshvan + kislev + 29 + 14)
        }
    }
}

/// Tabular (arithmetical, civil) Islamic calendar date → Gregorian. Real observance can differ by a day
/// (moon sighting).
pub fn islamic_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let epoch = NaiveDate::from_ymd_opt(622, 7, 19)?;
    let m = i64::from(month.clamp(1, 12));
    let y = i64::from(year);
    let days = i64::from(day) + (295 * (m - 1) + 9) / 10 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) - 1;
    epoch.checked_add_signed(Duration::days(days))
}

/// The Islamic month-day in or after `from` (first occurrence on or after that date).
pub fn islamic_next(month: u32, day: u32, from: NaiveDate) -> Option<NaiveDate> {
    let approx = (from.year() - 622) * 33 / 32;
    (approx - 1..approx + 3).filter_map(|ah| islamic_to_gregorian(ah, month, day)).find(|d| *d >= from)
}

/// Instants of the astronomical new moons (`full = false`) or full moons (`full = true`) whose India
/// Standard Time (UTC+5:30) date falls in Gregorian `year`, as IST local times, in order.
/// Meeus, *Astronomical Algorithms* ch. 49 (main periodic terms; error a few minutes, ΔT ignored).
pub fn moon_phases_ist(year: i32, full: bool) -> Vec<NaiveDateTime> {
    let Some(unix_epoch) = NaiveDate::from_ymd_opt(1970, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)) else {
        return Vec::new();
    };
    if !(1600..=2400).contains(&year) {
        return Vec::new();
    }
    let k0 = ((f64::from(year) - 2000.0) * 12.3685).floor() - 2.0;
    let mut out = Vec::new();
    for i in 0..17 {
        let k = k0 + f64::from(i) + if full { 0.5 } else { 0.0 };
        let t = k / 1236.85;
        let rad = |deg: f64| deg.rem_euclid(360.0).to_radians();
        let jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t * t;
        let m = rad(2.5534 + 29.105_356_70 * k - 0.0000014 * t * t);
        let mp = rad(201.5643 + 385.816_935_28 * k + 0.0107582 * t * t);
        let f = rad(160.7108 + 390.670_502_84 * k - 0.0016118 * t * t);
        let om = rad(124.7746 - 1.563_755_88 * k + 0.0020672 * t * t);
        let e = 1.0 - 0.002516 * t - 0.0000074 * t * t;
        let (a, b, c, d) =
            if full { (-0.40614, 0.17302, 0.01614, 0.01043) } else { (-0.40720, 0.17241, 0.01608, 0.01039) };
        let corr = a * mp.sin()
            + b * e * m.sin()
            + c * (2.0 * mp).sin()
            + d * (2.0 * f).sin()
            + if full { 0.00734 } else { 0.00739 } * e * (mp - m).sin()
            - 0.00514 * e * (mp + m).sin()
            + 0.00208 * e * e * (2.0 * m).sin()
            - 0.00111 * (mp - 2.0 * f).sin()
            - 0.00057 * (mp + 2.0 * f).sin()
            + 0.00056 * e * (2.0 * mp + m).sin()
            - 0.00042 * (3.0 * mp).sin()
            + 0.00042 * e * (m + 2.0 * f).sin()
            + 0.00038 * e * (m - 2.0 * f).sin()
            - 0.00024 * e * (2.0 * mp - m).sin()
            - 0.00017 * om.sin();
        // JD 2440587.5 = 1970-01-01 00:00 UTC; IST = UTC + 5:30.
        let secs = ((jde + corr - 2440587.5) * 86400.0).round() as i64 + 19_800;
        if let Some(x) = unix_epoch.checked_add_signed(Duration::seconds(secs))
            && x.year() == year
        {
            out.push(x);
        }
    }
    out
}

/// Hindu lunisolar festivals (approximate: computed from the astronomical new/full moon in India
/// Standard Time; the observed day can differ by one where a tithi rule or a regional calendar decides).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hindu {
    /// 排灯节/万灯节: the evening of the Kartika Amavasya (new moon evening 17 October – 15 November).
    Diwali,
    /// 克哈特普迦节: Diwali + 6.
    Chhath,
    /// 侯丽节/洒红节 (Holika Dahan evening, Duckling's date): the Phalguna Purnima (full moon late Feb–March).
    Holi,
    /// 兄妹节 (Raksha Bandhan): the Shravana Purnima (full moon in August).
    RakshaBandhan,
    /// 九夜节/难近母节: first day = the date of the new moon before Diwali's.
    Navaratri,
    /// 十胜节 (Dussehra/Vijayadashami): Navaratri + 9.
    Dussehra,
    /// 印度丰收节 (Thai Pongal, solar): 14 January; the 4-day festival starts the day before.
    Pongal,
}

/// Date of a Hindu festival in Gregorian `year` (see [`Hindu`] for the rules).
pub fn hindu_festival(h: Hindu, year: i32) -> Option<NaiveDate> {
    // The day whose evening falls inside the tithi ending at the instant (≈ instant − 18 h).
    let evening = |x: NaiveDateTime| (x - Duration::hours(18)).date();
    let in_window = |x: &NaiveDateTime, (m1, d1): (u32, u32), (m2, d2): (u32, u32)| {
        let d = evening(*x);
        NaiveDate::from_ymd_opt(year, m1, d1).is_some_and(|a| d >= a)
            && NaiveDate::from_ymd_opt(year, m2, d2).is_some_and(|b| d <= b)
    };
    let diwali_nm = || moon_phases_ist(year, false).into_iter().find(|x| in_window(x, (10, 17), (11, 15)));
    match h {
        Hindu::Diwali => diwali_nm().map(evening),
        Hindu::Chhath => diwali_nm().map(|x| evening(x) + Duration::days(6)),
        Hindu::Holi => moon_phases_ist(year, true).into_iter().find(|x| in_window(x, (2, 26), (3, 27))).map(evening),
        Hindu::RakshaBandhan => {
            moon_phases_ist(year, true).into_iter().find(|x| in_window(x, (8, 2), (8, 31))).map(evening)
        }
        Hindu::Navaratri | Hindu::Dussehra => {
            let d = diwali_nm()?;
            let prev = moon_phases_ist(year, false).into_iter().rfind(|x| *x < d - Duration::days(20))?.date();
            Some(if h == Hindu::Dussehra { prev + Duration::days(9) } else { prev })
        }
        Hindu::Pongal => NaiveDate::from_ymd_opt(year, 1, 14),
    }
}

/// The n-th (1-based) `weekday` of a month; `n = -1` → the last.
pub fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: i32) -> Option<NaiveDate> {
    if n > 0 {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let delta = (7 + weekday.num_days_from_monday() as i64 - first.weekday().num_days_from_monday() as i64) % 7;
        let d = first.checked_add_signed(Duration::days(delta + 7 * i64::from(n - 1)))?;
        (d.month() == month).then_some(d)
    } else {
        let last = last_day_of_month(year, month)?;
        let delta = (7 + last.weekday().num_days_from_monday() as i64 - weekday.num_days_from_monday() as i64) % 7;
        last.checked_sub_signed(Duration::days(delta))
    }
}

/// Last day of a month.
pub fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month >= 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn lunar_new_year_known_dates() {
        let cases = [
            (2013, d(2013, 2, 10)),
            (2014, d(2014, 1, 31)),
            (2019, d(2019, 2, 5)),
            (2021, d(2021, 2, 12)),
            (2026, d(2026, 2, 17)),
            (2027, d(2027, 2, 6)),
        ];
        for (y, want) in cases {
            assert_eq!(lunar_to_solar(y, 1, 1, false), Some(want), "{y}");
        }
        // 中秋 2020 = 10-01, 端午 2006 = 05-31, 闰四月 2020 starts 05-23.
        assert_eq!(lunar_to_solar(2020, 8, 15, false), Some(d(2020, 10, 1)));
        assert_eq!(lunar_to_solar(2006, 5, 5, false), Some(d(2006, 5, 31)));
        assert_eq!(lunar_to_solar(2020, 4, 1, true), Some(d(2020, 5, 23)));
    }

    #[test]
    fn lunar_festivals_fall_inside_official_holidays() {
        // Every official 春节/端午/中秋 block must contain the lunar festival date.
        for y in 2008..=2026 {
            for (name, m, day) in [("端午", 5, 5), ("中秋", 8, 15)] {
                if let (Some(b), Some(f)) = (holiday(name, y), lunar_to_solar(y, m, day, false)) {
                    assert!(b.off_days.contains(&f), "{name} {y} {f}");
                }
            }
        }
    }

    #[test]
    fn workdays_and_makeup_days() {
        // 2026-02-14 (Saturday) is a 春节 make-up workday; 2026-02-16 is off.
        assert!(is_workday(d(2026, 2, 14)));
        assert!(!is_workday(d(2026, 2, 16)));
        assert!(!is_workday(d(2026, 3, 7)));
        assert!(is_workday(d(2026, 3, 9)));
        // Friday 2026-09-25 + 3 workdays: Mon 28, Tue 29, Wed 30.
        assert_eq!(add_workdays(d(2026, 9, 25), 3), d(2026, 9, 30));
        assert_eq!(add_workdays(d(2026, 3, 6), 1), d(2026, 3, 9));
        assert_eq!(add_workdays(d(2026, 3, 6), 0), d(2026, 3, 6));
        let gq = holiday("国庆", 2025);
        assert!(gq.is_some_and(|b| b.off_days.first() == Some(&d(2025, 10, 1))));
        assert!(holiday("五一", 2026).is_some());
    }

    #[test]
    fn easter_and_terms() {
        assert_eq!(easter(2013), Some(d(2013, 3, 31)));
        assert_eq!(easter(2018), Some(d(2018, 4, 1)));
        assert_eq!(orthodox_easter(2013), Some(d(2013, 5, 5)));
        assert_eq!(qingming(2021), Some(d(2021, 4, 4)));
        assert_eq!(qingming(2024), Some(d(2024, 4, 4)));
        assert_eq!(solar_term("冬至", 2024), Some(d(2024, 12, 21)));
        assert_eq!(pesach(2013), Some(d(2013, 3, 26)));
        assert_eq!(islamic_to_gregorian(1434, 10, 1), Some(d(2013, 8, 8)));
        assert_eq!(islamic_to_gregorian(1456, 9, 1), Some(d(2034, 11, 12)));
        assert_eq!(pesach(2021), Some(d(2021, 3, 28)));
        assert_eq!(jewish_holiday(Jewish::FromRoshHashanah(9), 2013), Some(d(2013, 9, 14)));
        assert_eq!(jewish_holiday(Jewish::Hanukkah, 2018), Some(d(2018, 12, 3)));
        assert_eq!(jewish_holiday(Jewish::TuBishvat, 2014), Some(d(2014, 1, 16)));
        assert_eq!(solar_term("芒种", 2021), Some(d(2021, 6, 5)));
        assert_eq!(solar_term("立春", 2021), Some(d(2021, 2, 3)));
        assert_eq!(solar_term("大寒", 2018), Some(d(2018, 1, 20)));
        assert_eq!(nth_weekday(2021, 5, Weekday::Sun, 2), Some(d(2021, 5, 9)));
    }

    #[test]
    fn hindu_festivals_known_dates() {
        // (festival, year, month, day): published dates (Diwali/Holi/Raksha Bandhan per drikpanchang,
        // Holi = Holika Dahan evening); ±1 day is tolerated where a tithi rule decides.
        let cases = [
            (Hindu::Diwali, 2013, 11, 3),
            (Hindu::Diwali, 2014, 10, 23),
            (Hindu::Diwali, 2017, 10, 19),
            (Hindu::Diwali, 2020, 11, 14),
            (Hindu::Diwali, 2024, 10, 31),
            (Hindu::Holi, 2013, 3, 26),
            (Hindu::Holi, 2018, 3, 1),
            (Hindu::Holi, 2024, 3, 24),
            (Hindu::RakshaBandhan, 2013, 8, 20),
            (Hindu::RakshaBandhan, 2020, 8, 3),
            (Hindu::RakshaBandhan, 2023, 8, 30),
            (Hindu::Dussehra, 2013, 10, 14),
            (Hindu::Dussehra, 2017, 9, 30),
            (Hindu::Dussehra, 2020, 10, 25),
            (Hindu::Chhath, 2013, 11, 9),
        ];
        for (h, y, m, d) in cases {
            let got = hindu_festival(h, y);
            let want = NaiveDate::from_ymd_opt(y, m, d);
            let ok = got.zip(want).is_some_and(|(g, w)| (g - w).num_days().abs() <= 1);
            assert!(ok, "{h:?} {y}: got {got:?}, want {want:?}");
        }
        assert_eq!(moon_phases_ist(1000, false), Vec::new());
    }

    #[test]
    fn solar_to_lunar_round_trips() {
        let mut d = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
        for _ in 0..3000 {
            let l = solar_to_lunar(d);
            assert!(l.is_some(), "{d}");
            if let Some((y, m, dd, leap)) = l {
                assert_eq!(lunar_to_solar(y, m, dd, leap), Some(d), "{d} {l:?}");
            }
            d = d.succ_opt().unwrap_or(d);
        }
        // 2021-06-14 = lunar 2021-05-05 (端午); 2023-04-20 = leap 2nd month 2023-闰2-01.
        assert_eq!(NaiveDate::from_ymd_opt(2021, 6, 14).and_then(solar_to_lunar), Some((2021, 5, 5, false)));
        assert_eq!(NaiveDate::from_ymd_opt(2023, 3, 22).and_then(solar_to_lunar), Some((2023, 2, 1, true)));
    }
}
