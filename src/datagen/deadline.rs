//! Deadline phrases: pick the gold date first (from the message time), then render a phrase that
//! means exactly that date under the extraction README conventions. Only phrase types whose
//! resolution is implemented here are ever emitted.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, Timelike};

use super::calendar;
use super::rng::Rng;

/// A rendered deadline with its gold resolution.
#[derive(Debug, Clone)]
pub struct Dl {
    /// Surface text (what goes in the deadline span).
    pub phrase: String,
    /// Gold date.
    pub date: NaiveDate,
    /// Gold clock time (hour, minute), None for date-only.
    pub time: Option<(u32, u32)>,
    /// Phrase type, for statistics.
    pub kind: &'static str,
}

const WD: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
const CN: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// Chinese numeral for 1..=99.
pub fn cn_num(n: u32) -> String {
    let d = |x: u32| CN.get(x as usize).copied().unwrap_or("");
    match n {
        0..=9 => d(n).to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", d(n - 10)),
        _ if n.is_multiple_of(10) => format!("{}十", d(n / 10)),
        _ => format!("{}十{}", d(n / 10), d(n % 10)),
    }
}

/// ASCII digits → full-width digits.
pub fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c) } else { c })
        .collect()
}

/// Count rendering (天/个工作日): like [`num`] but 2 → 两 in Chinese.
fn num_count(rng: &mut Rng, n: u32) -> String {
    let s = num(rng, n, true);
    if s == "二" { "两".to_string() } else { s }
}

/// Number rendering: ASCII digits mostly, sometimes Chinese numerals or full-width digits.
fn num(rng: &mut Rng, n: u32, cn_ok: bool) -> String {
    let x = rng.below(100);
    if cn_ok && x < 22 {
        cn_num(n)
    } else if x < 28 {
        fullwidth(&n.to_string())
    } else {
        n.to_string()
    }
}

fn add(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

/// Last day of the month containing `d`.
pub fn month_end(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), d.month(), 1)
        .and_then(|f| f.checked_add_months(Months::new(1)))
        .and_then(|f| f.pred_opt())
        .unwrap_or(d)
}

/// Day part: (phrase, date, kind, may take a clock time, already bounded (no 前 suffix)).
fn day_part(rng: &mut Rng, now: NaiveDateTime) -> (String, NaiveDate, &'static str, bool, bool) {
    let today = now.date();
    let wd = today.weekday().num_days_from_monday();
    let monday = today.checked_sub_days(Days::new(wd as u64)).unwrap_or(today);
    for _ in 0..20 {
        let k = rng.weighted(&[
            10.0, 2.0, 12.0, 4.0, 3.0, 10.0, 7.0, 8.0, 2.0, 4.0, 3.0, 2.0, 4.0, 1.0, 1.0, 4.0, 2.0, 5.0, 1.5, 3.0, 1.5,
            3.5, 2.0,
        ]);
        match k {
            0 => return ("今天".into(), today, "today", true, false),
            1 => {
                return (rng.s(&["今天之内", "今天内"]).into(), today, "today_within", false, true);
            }
            2 => return ("明天".into(), add(today, 1), "tomorrow", true, false),
            3 => return ("后天".into(), add(today, 2), "day_after", true, false),
            4 => {
                // 今晚 (date only) or 今晚N点
                if now.hour() >= 19 {
                    continue;
                }
                return ("今晚".into(), today, "tonight", false, true);
            }
            5 => {
                let delta = rng.range(1, 6) as u32;
                let x = (wd + delta) % 7;
                let pre = rng.s(&["周", "周", "星期", "礼拜"]);
                let name = if pre != "周" && x == 6 {
                    rng.s(&["日", "天"])
                } else {
                    WD.get(x as usize).copied().unwrap_or("一")
                };
                return (format!("{pre}{name}"), add(today, delta as u64), "bare_weekday", true, false);
            }
            6 => {
                if wd >= 6 {
                    continue;
                }
                let x = rng.range(wd as i64 + 1, 6) as u32;
                let pre = rng.s(&["本周", "这周", "这个星期", "本周"]);
                let name = WD.get(x as usize).copied().unwrap_or("一");
                return (format!("{pre}{name}"), add(monday, x as u64), "this_weekday", true, false);
            }
            7 => {
                let x = rng.range(0, 6) as u32;
                let pre = rng.s(&["下周", "下周", "下星期", "下礼拜"]);
                let name = if pre != "下周" && x == 6 { "天" } else { WD.get(x as usize).copied().unwrap_or("一") };
                return (format!("{pre}{name}"), add(monday, 7 + x as u64), "next_weekday", true, false);
            }
            8 => {
                let x = rng.range(0, 4) as u32;
                let name = WD.get(x as usize).copied().unwrap_or("一");
                return (format!("下下周{name}"), add(monday, 14 + x as u64), "next2_weekday", true, false);
            }
            9 => {
                if wd >= 4 {
                    continue;
                }
                return (rng.s(&["本周内", "这周内"]).into(), add(monday, 4), "this_week", false, true);
            }
            10 => return ("下周内".into(), add(monday, 11), "next_week", false, true),
            11 => {
                if wd >= 5 {
                    continue;
                }
                return ("周末".into(), add(monday, 6), "weekend", false, false);
            }
            12 => {
                let end = month_end(today);
                if end <= add(today, 1) {
                    continue;
                }
                return (rng.s(&["月底", "本月底", "这个月底", "月底"]).into(), end, "month_end", false, false);
            }
            13 => {
                let m = today.month();
                if m >= 12 {
                    continue;
                }
                let n = rng.range(m as i64 + 1, (m as i64 + 3).min(12)) as u32;
                let Some(first) = NaiveDate::from_ymd_opt(today.year(), n, 1) else {
                    continue;
                };
                return (format!("{}月底", num(rng, n, true)), month_end(first), "n_month_end", false, false);
            }
            14 => {
                if today.month() < 10 {
                    continue;
                }
                let Some(d) = NaiveDate::from_ymd_opt(today.year(), 12, 31) else {
                    continue;
                };
                if d <= today {
                    continue;
                }
                return ("年底".into(), d, "year_end", false, false);
            }
            15 => {
                let n = rng.range(2, 10) as u32;
                let unit = rng.s(&["天内", "天内", "天之内", "天后"]);
                return (format!("{}{unit}", num_count(rng, n)), add(today, n as u64), "n_days", false, true);
            }
            16 => {
                let (p, n) = if rng.chance(0.6) {
                    (rng.s(&["一周内", "一周之内", "一个星期内"]), 7)
                } else {
                    (rng.s(&["两周内", "两周之内"]), 14)
                };
                return (p.into(), add(today, n), "n_weeks", false, true);
            }
            17 => {
                let n = rng.range(1, 28) as u32;
                if n == today.day() {
                    continue;
                }
                let date = if n > today.day() {
                    NaiveDate::from_ymd_opt(today.year(), today.month(), n)
                } else {
                    today
                        .checked_add_months(Months::new(1))
                        .and_then(|m| NaiveDate::from_ymd_opt(m.year(), m.month(), n))
                };
                let Some(date) = date else { continue };
                return (format!("{}号", num(rng, n, true)), date, "day_number", true, false);
            }
            18 => {
                let n = rng.range(1, 28) as u32;
                let Some(date) = today
                    .checked_add_months(Months::new(1))
                    .and_then(|m| NaiveDate::from_ymd_opt(m.year(), m.month(), n))
                else {
                    continue;
                };
                let pre = rng.s(&["下个月", "下月"]);
                return (format!("{pre}{}号", num(rng, n, true)), date, "next_month_day", true, false);
            }
            19 => {
                let date = add(today, rng.range(2, 50) as u64);
                if date.year() != today.year() {
                    continue;
                }
                let suf = rng.s(&["号", "日", "号"]);
                let m = num(rng, date.month(), false);
                let d = num(rng, date.day(), false);
                return (format!("{m}月{d}{suf}"), date, "month_day", true, false);
            }
            20 => {
                return ("今明两天".into(), add(today, 1), "today_tomorrow", false, true);
            }
            21 => {
                let cal = calendar::calendar();
                let n = rng.range(1, 10) as u32;
                let Some(date) = cal.add_workdays(today, n) else {
                    continue;
                };
                let ns = if n <= 3 && rng.chance(0.5) {
                    rng.s(if n == 1 {
                        &["一个"]
                    } else if n == 2 {
                        &["两个"]
                    } else {
                        &["三个"]
                    })
                    .to_string()
                } else {
                    num_count(rng, n)
                };
                let suf = rng.s(&["个工作日内", "个工作日之内", "个工作日内"]);
                let ns = ns.trim_end_matches('个').to_string();
                return (format!("{ns}{suf}"), date, "n_workdays", false, true);
            }
            22 => {
                let cal = calendar::calendar();
                let Some((start, name)) = cal.next_holiday(today) else {
                    continue;
                };
                if start > add(today, 20) {
                    continue;
                }
                let Some(date) = cal.last_workday_before(start) else {
                    continue;
                };
                if date <= today {
                    continue;
                }
                let mut opts: Vec<&'static str> = vec!["节前", "放假前", "放假之前"];
                for (key, ph) in [
                    ("国庆", &["国庆前", "国庆节前", "十一前"][..]),
                    ("中秋", &["中秋前", "中秋节前"][..]),
                    ("春节", &["春节前", "过年放假前"][..]),
                    ("劳动", &["五一前", "劳动节前"][..]),
                    ("端午", &["端午前", "端午节前"][..]),
                    ("清明", &["清明前", "清明节前"][..]),
                    ("元旦", &["元旦前"][..]),
                ] {
                    if name.contains(key) {
                        opts.extend_from_slice(ph);
                        opts.extend_from_slice(ph);
                    }
                }
                return (rng.s(&opts).to_string(), date, "holiday_before", false, true);
            }
            _ => continue,
        }
    }
    ("明天".into(), add(today, 1), "tomorrow", true, false)
}

/// Sample a deadline for a message sent at `now`. Returns phrase text including any 前/之前 suffix.
pub fn sample(rng: &mut Rng, now: NaiveDateTime) -> Dl {
    // Special full phrases first.
    if rng.chance(0.04) {
        let h = rng.range(8, 10) as u32;
        let pre = rng.s(&["明早", "明天早上", "明天上午"]);
        let phrase = format!("{pre}{}点{}", num(rng, h, true), rng.s(&["", "前", "之前"]));
        return Dl { phrase, date: add(now.date(), 1), time: Some((h, 0)), kind: "tomorrow_morning_clock" };
    }
    if now.hour() < 18 && rng.chance(0.02) {
        let h = rng.range(7, 10) as u32;
        let phrase = format!("今晚{}点{}", num(rng, h, true), rng.s(&["", "前", "之前"]));
        return Dl { phrase, date: now.date(), time: Some((h + 12, 0)), kind: "tonight_clock" };
    }
    if rng.chance(0.02) {
        return Dl { phrase: "明天一早".into(), date: add(now.date(), 1), time: None, kind: "tomorrow_early" };
    }
    let (mut day, mut date, kind, may_time, bounded) = day_part(rng, now);
    let today = now.date();
    let mut time = None;
    let mut tail = String::new();
    let mut bounded = bounded;
    if may_time && rng.chance(0.5) {
        let k = rng.weighted(&[3.0, 1.5, 3.0, 1.5, 2.0]);
        // (text, time, latest-hour-of-part) ; latest hour used to avoid "today" phrases already past
        let (t, tm, end_h): (String, Option<(u32, u32)>, u32) = match k {
            0 if matches!(date.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) => ("晚上".into(), None, 23),
            0 => {
                bounded = true;
                ("下班前".into(), Some((18, 0)), 18)
            }
            1 => {
                if rng.chance(0.5) {
                    bounded = true;
                    ("中午前".into(), Some((12, 0)), 12)
                } else {
                    ("中午".into(), Some((12, 0)), 12)
                }
            }
            2 => {
                let (part, lo, hi, off) = match rng.below(4) {
                    0 => ("上午", 8, 11, 0),
                    1 | 2 => ("下午", 1, 6, 12),
                    _ => ("晚上", 7, 10, 12),
                };
                let h = rng.range(lo, hi) as u32;
                let half = rng.chance(0.15);
                let hs = if h == 2 && rng.chance(0.5) { "两".to_string() } else { num(rng, h, true) };
                let sep = if rng.chance(0.1) { " " } else { "" };
                let text = format!("{part}{sep}{hs}点{}", if half { "半" } else { "" });
                (text, Some((h + off, if half { 30 } else { 0 })), h + off)
            }
            3 => {
                let part = rng.s(&["上午", "下午", "晚上"]);
                let end = match part {
                    "上午" => 12,
                    "下午" => 18,
                    _ => 23,
                };
                (part.to_string(), None, end)
            }
            _ => {
                let h = rng.range(14, 17) as u32;
                let text = format!("{}:00", h);
                (text, Some((h, 0)), h)
            }
        };
        if date == today && end_h <= now.hour() + 1 {
            day = "明天".into();
            date = add(today, 1);
        }
        time = tm;
        tail = t;
    }
    let mut phrase = format!("{day}{tail}");
    if !bounded {
        let suf = match rng.below(100) {
            _ if day == "今天" && tail.is_empty() => rng.s(&["", "之前", "之内"]),
            0..=44 => "前",
            45..=64 => "之前",
            65..=69 => "以前",
            _ => "",
        };
        phrase.push_str(suf);
    }
    Dl { phrase, date, time, kind }
}

/// A deadline of a single-day kind (for notices, outsider news): no 内/周末/月底 periods.
pub fn sample_day(rng: &mut Rng, now: NaiveDateTime) -> Dl {
    const DAYLIKE: [&str; 10] = [
        "today",
        "tomorrow",
        "day_after",
        "bare_weekday",
        "this_weekday",
        "next_weekday",
        "day_number",
        "month_day",
        "tomorrow_morning_clock",
        "next_month_day",
    ];
    let mut d = sample(rng, now);
    for _ in 0..30 {
        if DAYLIKE.contains(&d.kind) {
            break;
        }
        d = sample(rng, now);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap_or_default()
    }

    #[test]
    fn conventions_hold_for_many_draws() {
        // 2026-01-07 is a Wednesday.
        let now = at("2026-01-07 10:00");
        let today = now.date();
        let mut rng = Rng::new(7);
        for _ in 0..5000 {
            let d = sample(&mut rng, now);
            assert!(d.date >= today, "{d:?}");
            let p = d.phrase.as_str();
            if p.starts_with("周五") {
                assert_eq!(d.date.to_string(), "2026-01-09", "{p}");
            }
            if p.starts_with("下周一") {
                assert_eq!(d.date.to_string(), "2026-01-12", "{p}");
            }
            if p.starts_with("本周内") || p.starts_with("这周内") {
                assert_eq!(d.date.to_string(), "2026-01-09", "{p}");
            }
            if p.starts_with("周末") {
                assert_eq!(d.date.to_string(), "2026-01-11", "{p}");
            }
            if p.starts_with("月底") || p.starts_with("本月底") {
                assert_eq!(d.date.to_string(), "2026-01-31", "{p}");
            }
            if p.starts_with("5号") {
                assert_eq!(d.date.to_string(), "2026-02-05", "{p}");
            }
            if p.starts_with("明天") {
                assert_eq!(d.date.to_string(), "2026-01-08", "{p}");
            }
            if p.contains("下班前") {
                assert_eq!(d.time, Some((18, 0)));
            }
            if p.contains("下午3点") && !p.contains("半") {
                assert_eq!(d.time, Some((15, 0)));
            }
        }
    }

    #[test]
    fn cn_numbers() {
        for (n, s) in [(3, "三"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三")] {
            assert_eq!(cn_num(n), s);
        }
        assert_eq!(fullwidth("15号"), "１５号");
    }
}
