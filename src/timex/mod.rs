//! Chinese time-expression finder and resolver for work-group chat.
//!
//! Input: a message text and the message time (local, workspace time zone). Output: every time
//! expression found (char spans, kind, resolved interval, grain) plus the task deadline a careful
//! reader would take from the message (`Analysis::deadline`) and an urgency flag.
//!
//! Conventions follow `benchmarks/extraction/README.md` ("Conventions"): inclusive 前, bare 周X = next
//! such day on or after today, 这周X = day of the current Monday–Sunday week, 本周内/这周 → Friday,
//! 周末 → Sunday, 月底/年底, N天内 → today+N, N个工作日内 via the official holiday calendar
//! (`calendar`), 节前 → last workday before the holiday, 下班前 18:00, 中午 12:00, part of day without
//! an hour → date only, 尽快/马上/ASAP → urgency without a date. Moves/corrections: the last valid
//! date wins.
//!
//! Invariants: never panics on any input; spans are char offsets `[start, end)` within the text;
//! the result is deterministic; a message without any trigger character costs one scan.

pub mod calendar;
pub mod cli;
mod normalize;
mod parse;

#[cfg(test)]
mod conformance;
#[cfg(test)]
mod tests;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// What an expression denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A point or period with a "before/within/by" marker (周五前, 本周内, 截止…).
    Deadline,
    /// A point in time (明天下午3点, 3月5日).
    Point,
    /// An explicit range (3月5日到7日).
    Range,
    /// A span relative to the message time (两周内 is a Deadline; 两天 alone is a Duration).
    Duration,
    /// 尽快 / 马上 / ASAP: urgency without a date (start = end = reference).
    Urgency,
}

/// Resolution of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grain {
    /// Whole year.
    Year,
    /// Quarter.
    Quarter,
    /// Month.
    Month,
    /// Monday–Sunday week.
    Week,
    /// Day.
    Day,
    /// Hour (also parts of day such as 上午).
    Hour,
    /// Minute (also "now").
    Minute,
}

/// One time expression found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Expression {
    /// CHAR offsets [start, end) into the input text.
    pub span: (usize, usize),
    /// What it denotes.
    pub kind: Kind,
    /// Interval start (local time).
    pub start: NaiveDateTime,
    /// Interval end, exclusive (local time).
    pub end: NaiveDateTime,
    /// Resolution.
    pub grain: Grain,
    /// "前/之前/以前" attached (inclusive before).
    pub inclusive_before: bool,
    /// 左右/前后/多/许 or a fuzzy period (月初, 年底 as a period).
    pub approximate: bool,
}

/// The deadline a task would get from the message.
#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    /// Due date.
    pub date: NaiveDate,
    /// Due clock time when one is stated or implied (下班前, 中午); never invented.
    pub time: Option<NaiveTime>,
    /// Span of the expression it came from.
    pub span: (usize, usize),
}

/// Everything found in one message.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analysis {
    /// All expressions, in text order.
    pub expressions: Vec<Expression>,
    /// The chosen task deadline.
    pub deadline: Option<Deadline>,
    /// 尽快/马上/ASAP/立刻… present.
    pub urgent: bool,
}

/// Resolution choices for what the chat conventions leave open. `Default` (both off) is what the
/// pipeline uses; the conformance tests set them where a JioNLP case asks for its `ret_future` or
/// `lunar_date=False` mode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Resolve to the next occurrence: a month or month-day without a year that is already past this
    /// year → next year (default: next year only when more than half a year past); a clock time without
    /// a day that is already past today → tomorrow (default: today).
    pub prefer_future: bool,
    /// Read a month + Chinese day of 11 or more without 号/日 (八月十五) as a solar date (default: lunar,
    /// the way lunar dates are written).
    pub solar_bare_day: bool,
}

/// Moves an expression, and the due date it would give, by `by`.
fn move_by(it: &mut parse::Item, by: chrono::TimeDelta) {
    it.expr.start += by;
    it.expr.end += by;
    if let Some((d, _)) = it.due.as_mut() {
        *d += by;
    }
}

/// 当天 / 当日 / 当晚 after a day named earlier in the text (冷链车23号下午到 团长们当天晚上前通知团员)
/// is that day, not today.
fn same_day_as_before(chars: &[char], items: &mut [parse::Item]) {
    for i in 1..items.len() {
        let (head, tail) = items.split_at_mut(i);
        let it = &mut tail[0];
        let word: String = chars.get(it.expr.span.0..it.expr.span.0 + 2).unwrap_or(&[]).iter().collect();
        if !matches!(word.as_str(), "当天" | "当日" | "当晚") {
            continue;
        }
        let Some(day) = head
            .iter()
            .rev()
            .find(|p| matches!(p.expr.grain, Grain::Day | Grain::Hour | Grain::Minute))
            .map(|p| p.expr.start.date())
        else {
            continue;
        };
        let shift = day - it.expr.start.date();
        if shift.is_zero() {
            continue;
        }
        move_by(it, shift);
    }
}

/// 27号黑五 前一天晚上 / 27号前一天: the day before a date just said (up to four chars of event name
/// between), not the day before today. The dated word itself then names the event, no deadline;
/// a part of the day right after (晚上) falls on the day before too.
fn day_before_a_date(chars: &[char], items: &mut [parse::Item]) {
    for i in 1..items.len() {
        let (head, tail) = items.split_at_mut(i);
        let it = &mut tail[0];
        let (a, b) = it.expr.span;
        let word: String = chars.get(a..b).unwrap_or(&[]).iter().collect();
        // the 前 opens this expression (前一天) or closes the date before it (27号前 | 一天)
        let (front, n_days) = match word.as_str() {
            "前一天" | "前一晚" | "前一日" | "前天晚上" => (a, 1),
            "前两天" => (a, 2),
            "一天" | "一晚" if a > 0 && chars.get(a - 1) == Some(&'前') => (a - 1, 1),
            "两天" if a > 0 && chars.get(a - 1) == Some(&'前') => (a - 1, 2),
            _ => continue,
        };
        let Some(p) = head.last_mut() else { continue };
        let gap_ok = p.expr.span.1 <= front + 1
            && front.saturating_sub(p.expr.span.1) <= 4
            && (p.expr.span.1..front).all(|k| chars.get(k).is_some_and(|c| crate::normalize::is_cjk(*c) || *c == ' '));
        if p.expr.grain != Grain::Day || !matches!(p.expr.kind, Kind::Point | Kind::Deadline) || !gap_ok {
            continue;
        }
        // (the last day the date covers: 27号, 27号前 and 元宵前 all end on the day named)
        let said = (p.expr.end - chrono::Duration::days(1)).date();
        let day = said - chrono::Days::new(n_days);
        let Some(start) = day.and_hms_opt(0, 0, 0) else { continue };
        p.negated = true;
        it.expr.kind = Kind::Point;
        it.expr.grain = Grain::Day;
        it.expr.start = start;
        it.expr.end = start + chrono::Duration::days(1);
        it.expr.inclusive_before = false;
        it.due = Some((day, None));
        // (…前一天晚上: the part of the day that follows is on that day)
        if let Some(next) = tail.get_mut(1)
            && next.expr.span.0 == b
            && next.expr.grain != Grain::Day
        {
            let shift = day - next.expr.start.date();
            move_by(next, shift);
        }
    }
}

/// 昨晚熬到三点 / 昨天晚上忙到凌晨三点: an hour told right after last evening is in the night that
/// followed it (early this morning), already past: no deadline.
fn night_after_last_evening(chars: &[char], items: &mut [parse::Item], reference: NaiveDateTime) {
    use chrono::Timelike;
    for i in 1..items.len() {
        let (head, tail) = items.split_at_mut(i);
        let it = &mut tail[0];
        let Some(p) = head.last() else { continue };
        let last_evening = matches!(p.expr.grain, Grain::Hour | Grain::Minute)
            && p.expr.start.hour() >= 18
            && reference.date().pred_opt() == Some(p.expr.start.date());
        let gap = it.expr.span.0.saturating_sub(p.expr.span.1);
        let between: String = chars.get(p.expr.span.1..it.expr.span.0).unwrap_or(&[]).iter().collect();
        if !last_evening || !matches!(it.expr.grain, Grain::Hour | Grain::Minute) || gap > 5 || !between.ends_with('到')
        {
            continue;
        }
        let word: String = chars.get(it.expr.span.0..it.expr.span.1).unwrap_or(&[]).iter().collect();
        let bare = !["上午", "下午", "中午", "晚上", "早上", "傍晚", "夜里", "晚"].iter().any(|w| word.contains(w));
        let hour = it.expr.start.hour();
        let night_hour = match hour {
            0..=5 => hour,
            13..=17 if bare => hour - 12,
            _ => continue,
        };
        let Some(at) = reference.date().and_hms_opt(night_hour, it.expr.start.minute(), 0) else { continue };
        let shift = at - it.expr.start;
        move_by(it, shift);
        it.due = None;
    }
}

/// 明天周六 报名处九点开门 上午有两个团体…: a message that opens on a day still to come puts a
/// later part of the day said alone (上午, 下午三点) on that day, not on today.
fn opening_day_carries(chars: &[char], items: &mut [parse::Item], reference: NaiveDateTime) {
    let Some(first) = items.first() else { return };
    let said: String = chars.get(first.expr.span.0..first.expr.span.1).unwrap_or(&[]).iter().collect();
    // (a relative day: 明天 / 后天 / 周六 / 下周一, not 3号月台)
    let relative = ["明", "后天", "周", "星期", "礼拜"].iter().any(|w| said.contains(w));
    let opens = first.expr.span.0 <= 1
        && relative
        && first.expr.grain == Grain::Day
        && first.expr.kind == Kind::Point
        && first.expr.start.date() > reference.date();
    if !opens {
        return;
    }
    let day = first.expr.start.date();
    for it in items.iter_mut().skip(1) {
        let word: String = chars.get(it.expr.span.0..it.expr.span.1).unwrap_or(&[]).iter().collect();
        let bare = ["上午", "下午", "中午", "晚上", "早上", "傍晚"].iter().any(|w| word.starts_with(w));
        if !bare || it.expr.start.date() != reference.date() || it.expr.kind != Kind::Point {
            continue;
        }
        let shift = day - it.expr.start.date();
        move_by(it, shift);
    }
}

/// Finds and resolves every time expression; `reference` is the message time in local time.
pub fn analyze(text: &str, reference: NaiveDateTime) -> Analysis {
    analyze_with(text, reference, Options::default())
}

/// `analyze` with explicit resolution [`Options`].
pub fn analyze_with(text: &str, reference: NaiveDateTime, options: Options) -> Analysis {
    if !normalize::has_trigger(text) {
        return Analysis::default();
    }
    let chars = normalize::normalize(text);
    let mut items = parse::find_all(&chars, reference, options);
    same_day_as_before(&chars, &mut items);
    day_before_a_date(&chars, &mut items);
    night_after_last_evening(&chars, &mut items, reference);
    opening_day_carries(&chars, &mut items, reference);
    let urgent = items.iter().any(|it| it.expr.kind == Kind::Urgency);
    let today = reference.date();
    let correction = parse::has_correction_cue(&chars);
    let candidates: Vec<&parse::Item> = items
        .iter()
        .filter(|it| !it.negated && it.expr.kind != Kind::Urgency)
        .filter(|it| it.due.is_some_and(|(d, _)| d >= today))
        .collect();
    let chosen = if correction {
        candidates.last().copied()
    } else {
        let last = candidates.iter().rev().find(|it| it.marker).or(candidates.last()).copied();
        // (报销单18号前交给我 节后统一打款 / 节前报出去 别压到节后: a later "after the holiday" is
        // another step or the date to avoid; the explicit "before" dates the work)
        let after = |it: &parse::Item| chars.get(it.expr.span.1.saturating_sub(1)) == Some(&'后');
        match last {
            Some(l) if after(l) => candidates
                .iter()
                .rev()
                .find(|it| it.expr.inclusive_before && it.expr.span.1 <= l.expr.span.0)
                .copied()
                .or(Some(l)),
            _ => last,
        }
    };
    let deadline = chosen.and_then(|it| it.due.map(|(date, time)| Deadline { date, time, span: it.expr.span }));
    Analysis { expressions: items.into_iter().map(|it| it.expr).collect(), deadline, urgent }
}
