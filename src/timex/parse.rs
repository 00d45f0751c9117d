//! Hand-written grammar over normalised chars: finds expressions left to right (longest match at each
//! position) and resolves them against the reference time. Every index access goes through `at()`,
//! so arbitrary input cannot panic.

use super::calendar;
use super::{Expression, Grain, Kind, Options};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

/// A found expression plus what the deadline chooser needs.
#[derive(Debug, Clone)]
pub struct Item {
    pub expr: Expression,
    /// Due date/time if this expression were the deadline (`None`: it cannot be one, e.g. "现在").
    pub due: Option<(NaiveDate, Option<NaiveTime>)>,
    /// 前/之前/截止/内/下班前… marker.
    pub marker: bool,
    /// Preceded by 不是 (a correction rejects it).
    pub negated: bool,
}

const CORRECTION_CUES: [&str; 18] = [
    "改到",
    "改成",
    "改为",
    "推迟到",
    "推迟至",
    "推迟",
    "延期到",
    "延到",
    "延后到",
    "推到",
    "挪到",
    "提前到",
    "提前至",
    "调整到",
    "调到",
    "换到",
    "不是",
    "改期",
];

/// True when the message moves or corrects a date (then the last valid date wins).
pub fn has_correction_cue(s: &[char]) -> bool {
    CORRECTION_CUES.iter().any(|cue| find_str(s, cue))
}

fn find_str(s: &[char], pat: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    !p.is_empty() && s.windows(p.len()).any(|w| w == p.as_slice())
}

/// Every char that can begin an expression (besides ASCII digits). Checked first at each position so
/// ordinary text costs one lookup per char.
/// Nouns a bare festival name modifies (国庆套餐, 中秋礼盒, 五一复盘会): no day is meant.
const FESTIVAL_NOUNS: [&str; 46] = [
    "值班", "值守", "排班", "特价", "订单", "礼包", "单量", "件", "套餐", "礼盒", "活动", "特刊", "汇演", "联欢",
    "晚会", "版本", "专题", "海报", "促销", "大促", "主题", "复盘", "福利", "礼品", "物资", "营销", "特辑", "节目",
    "文案", "方案", "专场", "限定", "红包", "祝福", "贺卡", "装饰", "游园", "庆典", "档期", "新品", "周边", "套装",
    "专区", "会场", "直播", "推文",
];

pub const START_CHARS: &str = "调补几初排侯荷洒胡好霍克印兄九难凯庞淡西卫威比佛浴地开肉尔古宰伊登法权斋穆阿逾篝沙收新以禁犹赎住诵转律欢修献烛哈马图树小雨惊谷立芒处霜秋冬夏春收天该零〇一二两俩三四五六七八九十廿卅幺仨今本当全明听次翌第隔后大昨寻前现此宜而依Ee这同来去上下每正腊冬农阴旧闰周星礼元阳情圣妇国植消愚劳青六儿建八教万老双光澳平母父感春新龙端中重除年清复主耶神黑濯设棕基灰忏煎东拉沉节放假长月季Qq首午凌早黎晏傍晚夜半深白过最近未再接尽马立赶越Aa急加从自高";

/// Words before a month that mark a solar (Gregorian) date.
const SOLAR_MARKS: [&str; 4] = ["公历", "阳历", "新历", "西历"];

/// Finds every expression in `s` (normalised chars).
pub fn find_all(s: &[char], r: NaiveDateTime, opts: Options) -> Vec<Item> {
    let p = P { s, r, today: r.date(), opts };
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        match p.parse_at(i) {
            Some(item) if item.expr.span.1 > i => {
                i = item.expr.span.1;
                out.push(item);
            }
            _ => i += 1,
        }
    }
    out
}

fn dt(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    d.and_hms_opt(h.min(23), m.min(59), 0).unwrap_or_else(|| d.and_time(NaiveTime::MIN))
}

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    Duration::try_days(n).and_then(|x| d.checked_add_signed(x)).unwrap_or(d)
}

fn add_months(d: NaiveDate, n: i64) -> NaiveDate {
    let total = i64::from(d.year()) * 12 + i64::from(d.month0()) + n;
    let y = total.div_euclid(12) as i32;
    let m = total.rem_euclid(12) as u32 + 1;
    let last = calendar::last_day_of_month(y, m).map(|x| x.day()).unwrap_or(28);
    NaiveDate::from_ymd_opt(y, m, d.day().min(last)).unwrap_or(d)
}

fn monday(d: NaiveDate) -> NaiveDate {
    add_days(d, -i64::from(d.weekday().num_days_from_monday()))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | 'O' => 0,
        '一' | '幺' => 1,
        '二' | '两' | '俩' => 2,
        '三' | '仨' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Part of day.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Pod {
    from: u32,
    to: u32,
    /// Adds 12 to hours 1..=11 (下午, 晚上).
    pm: bool,
    /// Time implied when no hour is given (中午 → 12:00, 下班前 → 18:00).
    implied: Option<(u32, u32)>,
    /// 夜里/半夜: 12 → next day 0:00, hours 1..5 stay.
    night: bool,
}

/// 下班前 / EOD: 18:00.
const fn pod18() -> Pod {
    Pod { from: 18, to: 18, pm: true, implied: Some((18, 0)), night: false }
}

const fn pod(from: u32, to: u32, pm: bool) -> Pod {
    Pod { from, to, pm, implied: None, night: false }
}

/// Parts of day, longest first where prefixes overlap.
const PODS: &[(&str, Pod)] = &[
    ("午饭前", Pod { from: 12, to: 12, pm: false, implied: Some((12, 0)), night: false }),
    ("下班前", Pod { from: 18, to: 18, pm: true, implied: Some((18, 0)), night: false }),
    ("下班之前", Pod { from: 18, to: 18, pm: true, implied: Some((18, 0)), night: false }),
    ("下班", Pod { from: 18, to: 18, pm: true, implied: Some((18, 0)), night: false }),
    ("EOD", pod18()),
    ("eod", pod18()),
    ("上班前", pod(9, 9, false)),
    ("上班之前", pod(9, 9, false)),
    ("凌晨", pod(0, 6, false)),
    ("清晨", pod(4, 12, false)),
    ("早上", pod(4, 12, false)),
    ("早晨", pod(4, 12, false)),
    ("一早", pod(4, 12, false)),
    ("早间", pod(4, 12, false)),
    ("上午", pod(7, 12, false)),
    ("黎明", pod(4, 7, false)),
    ("中午", Pod { from: 12, to: 14, pm: false, implied: Some((12, 0)), night: false }),
    ("正午", Pod { from: 12, to: 14, pm: false, implied: Some((12, 0)), night: false }),
    ("午后", pod(13, 19, true)),
    ("下午", pod(12, 19, true)),
    ("晏昼", pod(12, 19, true)),
    ("傍晚", pod(17, 19, true)),
    ("晚上", pod(18, 24, true)),
    ("晚间", pod(18, 24, true)),
    ("夜间", pod(20, 24, true)),
    ("夜晚", pod(18, 24, true)),
    ("夜里", Pod { from: 18, to: 24, pm: true, implied: None, night: true }),
    ("后半夜", Pod { from: 2, to: 5, pm: false, implied: None, night: true }),
    ("下半夜", Pod { from: 2, to: 5, pm: false, implied: None, night: true }),
    ("半夜", Pod { from: 0, to: 5, pm: false, implied: None, night: true }),
    ("深夜", Pod { from: 0, to: 5, pm: false, implied: None, night: true }),
    ("午夜", Pod { from: 0, to: 1, pm: false, implied: None, night: true }),
    ("白天", pod(6, 19, false)),
    ("晚", pod(18, 24, true)),
    ("早", pod(4, 12, false)),
];

/// Parsed chain state.
#[derive(Debug, Clone, Default)]
struct St {
    year: Option<i32>,
    month: Option<u32>,
    lunar: bool,
    leap: bool,
    date: Option<NaiveDate>,
    week: Option<NaiveDate>,
    weekend: bool,
    quarter: Option<u32>,
    pod: Option<Pod>,
    time: Option<(u32, u32)>,
    /// Explicit interval override (start, end, grain) e.g. 上旬, 月底 as a period.
    period: Option<(NaiveDateTime, NaiveDateTime, Grain)>,
    due: Option<(NaiveDate, Option<NaiveTime>)>,
    grain: Option<Grain>,
    any: bool,
    explicit_day: bool,
    now: bool,
    approx: bool,
    before: bool,
    marker: bool,
    within: bool,
    holiday: Option<(NaiveDate, Option<(NaiveDate, NaiveDate)>)>,
    after: bool,
    /// Kind forced by the chain (Range for 今明两天).
    range_end: Option<NaiveDate>,
    /// 公历/阳历 before the month: never read the day as lunar.
    solar: bool,
    /// The date is today only because a part of day or clock time named no day.
    implied_today: bool,
}

struct P<'a> {
    s: &'a [char],
    r: NaiveDateTime,
    today: NaiveDate,
    opts: Options,
}

impl<'a> P<'a> {
    /// The same reference and options over other text (a canonical phrase parsed in place of a
    /// shorthand).
    fn over<'b>(&self, s: &'b [char]) -> P<'b> {
        P { s, r: self.r, today: self.today, opts: self.opts }
    }

    fn at(&self, i: usize) -> Option<char> {
        self.s.get(i).copied()
    }

    fn lit(&self, i: usize, pat: &str) -> Option<usize> {
        let mut j = i;
        for c in pat.chars() {
            if self.at(j)? != c {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// Longest literal among `pats` at `i`: (end, index).
    fn lits(&self, i: usize, pats: &[&str]) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (k, p) in pats.iter().enumerate() {
            if let Some(e) = self.lit(i, p)
                && best.is_none_or(|(be, _)| e > be)
            {
                best = Some((e, k));
            }
        }
        best
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while matches!(self.at(i), Some(' ' | '\t')) {
            i += 1;
        }
        i
    }

    /// ASCII digits run: (value, end, ndigits).
    fn digits(&self, i: usize) -> Option<(i64, usize, usize)> {
        let mut j = i;
        let mut v: i64 = 0;
        while let Some(c) = self.at(j) {
            let Some(d) = c.to_digit(10) else { break };
            if !c.is_ascii_digit() || j - i >= 12 {
                break;
            }
            v = v * 10 + i64::from(d);
            j += 1;
        }
        (j > i).then_some((v, j, j - i))
    }

    /// Chinese numeral (零…九, 十, 百, 千, 廿, 卅): (value, end).
    fn cn_num(&self, i: usize) -> Option<(i64, usize)> {
        let mut j = i;
        let mut total: i64 = 0;
        let mut cur: Option<i64> = None;
        let mut any = false;
        let mut last_was_digit = false;
        while let Some(c) = self.at(j) {
            if let Some(d) = cn_digit(c) {
                if last_was_digit {
                    break;
                }
                cur = Some(i64::from(d));
                last_was_digit = d != 0;
            } else {
                let mult = match c {
                    '十' => 10,
                    '百' => 100,
                    '千' => 1000,
                    '廿' => {
                        if any {
                            break;
                        }
                        total += 20;
                        any = true;
                        j += 1;
                        last_was_digit = false;
                        continue;
                    }
                    '卅' => {
                        if any {
                            break;
                        }
                        total += 30;
                        any = true;
                        j += 1;
                        last_was_digit = false;
                        continue;
                    }
                    _ => break,
                };
                total += cur.unwrap_or(1) * mult;
                cur = None;
                last_was_digit = false;
            }
            any = true;
            j += 1;
        }
        if !any {
            return None;
        }
        // A lone 零 after 十 etc. is fine; a trailing 零 adds nothing.
        total += cur.unwrap_or(0);
        Some((total, j))
    }

    /// ASCII or Chinese number: (value, end, is_chinese).
    /// A duration amount: `num` plus digit grouping ("35,000") and 万/亿 multipliers ("2000万",
    /// "两万四千"). Only used before a unit, so "万一"/"3,5号" are never read as amounts here.
    fn amount(&self, i: usize) -> Option<(i64, usize, bool)> {
        let (mut v, mut e, chinese) = self.num(i)?;
        if !chinese && e - i <= 3 {
            // 1–3 leading digits, then ",ddd" groups.
            let mut k = e;
            while self.at(k) == Some(',')
                && let Some((g, ge, n)) = self.digits(k + 1)
                && n == 3
            {
                v = v.saturating_mul(1000).saturating_add(g);
                k = ge;
            }
            e = k;
        }
        let mult = match self.at(e) {
            Some('万') => 10_000,
            Some('亿') => 100_000_000,
            _ => return Some((v, e, chinese)),
        };
        v = v.saturating_mul(mult);
        e += 1;
        // "两万四千": the rest below the multiplier.
        if let Some((rest, re, _)) = self.num(e)
            && rest < mult
            && self.at(re).is_none_or(|c| !matches!(c, '万' | '亿'))
        {
            v = v.saturating_add(rest);
            e = re;
        }
        Some((v, e, chinese))
    }

    fn num(&self, i: usize) -> Option<(i64, usize, bool)> {
        if let Some((v, e, _)) = self.digits(i) {
            return Some((v, e, false));
        }
        self.cn_num(i).map(|(v, e)| (v, e, true))
    }

    // ------------------------------------------------------------------------------------------

    fn parse_at(&self, i: usize) -> Option<Item> {
        let c = self.at(i)?;
        if !(c.is_ascii_digit() || START_CHARS.contains(c)) {
            return None;
        }
        // Do not start inside an ASCII word or number.
        if i > 0
            && let Some(p) = self.at(i - 1)
            && (p.is_ascii_alphanumeric() && (c.is_ascii_alphanumeric()))
        {
            return None;
        }
        // (确认一下周五 / 看一下下周三 / 整理一下月底: the 下 of the verb suffix 一下 starts no
        // 下周 / 下月; 周一下午, 统一下周一 and 初一下午 keep theirs)
        if c == '下'
            && i >= 2
            && self.at(i - 1) == Some('一')
            && self.at(i - 2).is_some_and(|v| {
                crate::normalize::is_cjk(v) && !"周期拜初十统唯万第单星礼廿卅零二三四五六七八九".contains(v)
            })
            && (self.at(i + 1).is_some_and(|n| matches!(n, '周' | '星' | '礼' | '月'))
                || (self.at(i + 1) == Some('下')
                    && self.at(i + 2).is_some_and(|n| matches!(n, '周' | '星' | '礼' | '月'))))
        {
            return None;
        }
        // (节前最后两天了: 最后 N天 counts the days left, no span from today)
        if matches!(c, '后' | '前') && i >= 1 && self.at(i - 1) == Some('最') {
            return None;
        }
        let mut best: Option<Item> = None;
        for cand in [self.chain_expr(i), self.duration(i), self.urgency(i)].into_iter().flatten() {
            if best.as_ref().is_none_or(|b| cand.expr.span.1 > b.expr.span.1) {
                best = Some(cand);
            }
        }
        if let Some(b) = best.as_mut() {
            b.negated = self.negated_before(i);
            if self.deadline_cue_before(i) {
                b.marker = true;
                if b.expr.kind == Kind::Point {
                    b.expr.kind = Kind::Deadline;
                }
            }
        }
        best
    }

    /// 截止/最晚/不晚于/deadline/ddl/due right before the expression.
    fn deadline_cue_before(&self, i: usize) -> bool {
        let lo = i.saturating_sub(10);
        let pre: String = (lo..i).filter_map(|k| self.at(k)).collect::<String>().to_lowercase();
        let trimmed = pre.trim_end_matches([' ', ':', '：', '是', '在', '到', '至']);
        ["截止", "截至", "最晚", "最迟", "不晚于", "deadline", "ddl", "due", "期限"]
            .iter()
            .any(|c| pre.ends_with(c) || trimmed.ends_with(c))
    }

    fn negated_before(&self, i: usize) -> bool {
        let lo = i.saturating_sub(3);
        let pre: String = (lo..i).filter_map(|k| self.at(k)).collect();
        pre.ends_with("不是") || pre.ends_with("不在") || pre.ends_with("不是在")
    }

    fn urgency(&self, i: usize) -> Option<Item> {
        let words =
            ["尽快", "尽早", "马上", "立刻", "立即", "赶紧", "越快越好", "ASAP", "asap", "Asap", "急需", "加急"];
        let (e, _) = self.lits(i, &words)?;
        Some(Item {
            expr: Expression {
                span: (i, e),
                kind: Kind::Urgency,
                start: self.r,
                end: self.r,
                grain: Grain::Minute,
                inclusive_before: false,
                approximate: false,
            },
            due: None,
            marker: false,
            negated: false,
        })
    }

    // ------------------------------------------------------------------------------------------
    // Durations and offsets relative to the reference.

    /// Unit at i: (end, unit code, amount multiplier). Codes: 's','i'(minute),'h','d','w','m','y','q','W'(workday).
    fn unit(&self, i: usize) -> Option<(usize, char)> {
        let units: [(&str, char); 30] = [
            ("个小时", 'h'),
            ("个钟头", 'h'),
            ("个周", 'w'),
            ("载", 'y'),
            ("秒钟", 's'),
            ("秒", 's'),
            ("分钟", 'i'),
            ("分", 'i'),
            ("刻钟", 'k'),
            ("小时", 'h'),
            ("钟头", 'h'),
            ("个钟", 'h'),
            ("钟", 'h'),
            ("天", 'd'),
            ("日", 'd'),
            ("晚", 'd'),
            ("周", 'w'),
            ("星期", 'w'),
            ("礼拜", 'w'),
            ("个月", 'm'),
            ("月", 'm'),
            ("年", 'y'),
            ("个季度", 'q'),
            ("季度", 'q'),
            ("个工作日", 'W'),
            ("工作日", 'W'),
            ("个交易日", 'W'),
            ("交易日", 'W'),
            ("个星期", 'w'),
            ("个礼拜", 'w'),
        ];
        let pats: Vec<&str> = units.iter().map(|u| u.0).collect();
        let (e, k) = self.lits(i, &pats)?;
        units.get(k).map(|u| (e, u.1))
    }

    fn duration(&self, i: usize) -> Option<Item> {
        let prefixes = ["上", "前", "过去", "过去的", "最近", "近", "下", "后", "未来", "再过", "过", "今后", "接下来"];
        let (mut j, pre) = match self.lits(i, &prefixes) {
            Some((e, k)) => (e, prefixes.get(k).copied()),
            None => (i, None),
        };
        // Vague amounts span a range: 几十/几百/几千 = 2–10 times the multiplier, N几 (十几, 二十几) = N to
        // N + 10. The near end is the amount; `x2_far` (doubled, like `x2`) is the far end, which starts a
        // span reaching into the past (二十几年前 = 20–30 years ago, from 30 years back).
        let mut x2_far: Option<i64> = None;
        let vague_mult = match (self.at(j), self.at(j + 1)) {
            (Some('几'), Some('十')) => Some(10),
            (Some('几'), Some('百')) => Some(100),
            (Some('几'), Some('千')) => Some(1000),
            _ => None,
        };
        // amount (with 半)
        let (amount_x2, e) = if let Some(e) = self.lit(j, "半") {
            (1i64, e)
        } else if let Some(mult) = vague_mult {
            x2_far = Some(mult * 10 * 2);
            (mult * 2 * 2, j + 2)
        } else {
            let (v, e, chinese) = self.amount(j)?;
            if !chinese && e < self.s.len() && self.at(e) == Some('.') {
                return None;
            }
            (v.saturating_mul(2), e)
        };
        j = e;
        let mut x2 = amount_x2;
        let mut approx = x2_far.is_some();
        if matches!(self.at(j), Some('多' | '几' | '余')) {
            if self.at(j) == Some('几') && x2_far.is_none() && x2 > 0 && (x2 / 2) % 10 == 0 {
                x2_far = Some(x2 + 20);
            }
            j += 1;
            approx = true;
        }
        // 个半 / 个多
        let mut had_ge = false;
        if let Some(e) = self.lit(j, "个半") {
            x2 += 1;
            j = e;
            had_ge = true;
        } else if let Some(e) = self.lit(j, "个多") {
            j = e;
            had_ge = true;
            approx = true;
        }
        let (mut j2, mut u) = self.unit(j)?;
        if self.lit(j, "个").is_some() {
            had_ge = true;
        }
        if matches!(self.at(j2), Some('多')) {
            j2 += 1;
            approx = true;
        }
        // "2021年前" is a year, not "2021 years ago".
        if u == 'y' && !approx && self.digits(j.saturating_sub(4)).is_some_and(|(_, _, n)| n >= 4) && pre.is_none() {
            return None;
        }
        if u == 'h' && self.lit(j, "钟").is_some() && self.lit(j, "钟头").is_none() {
            // bare 钟 as hour only in 两个钟 / 个钟 forms handled above; "三钟" is odd
            return None;
        }
        if u == 'k' {
            u = 'i';
            x2 = x2.saturating_mul(15);
            x2_far = x2_far.map(|f| f.saturating_mul(15));
        }
        if let Some(e) = self.lit(j2, "半") {
            x2 += 1;
            j2 = e;
            // "一分半钟", "两秒半钟"
            if matches!(u, 'i' | 's')
                && let Some(e2) = self.lit(j2, "钟")
            {
                j2 = e2;
            }
        }
        // Reject date-like readings: "3日" (day of month), "24年", "3月" need a direction word.
        let post = ["之前", "以前", "前", "之后", "以后", "过后", "后", "之内", "以内", "内", "以来", "里", "起"];
        let (end, post_k) = match self.lits(j2, &post) {
            Some((e, k)) => (e, post.get(k).copied()),
            None => (j2, None),
        };
        let chinese_amount =
            self.digits(if pre.is_some() { i + pre.map_or(0, |p| p.chars().count()) } else { i }).is_none();
        if pre.is_none() && post_k.is_none() {
            // A bare duration ("两天", "3个月"): only with a measure word or clear unit, not "3月"/"5日".
            if matches!(u, 'm') && !had_ge {
                return None;
            }
            if u == 'd'
                && self.lit(j, "日").is_some()
                && x2 <= 62
                && !matches!(self.at(j.saturating_sub(1)), Some('两' | '俩'))
            {
                return None;
            }
            if (u == 'y' && !chinese_amount) || u == 'i' && self.lit(j, "分").is_some() && self.lit(j, "分钟").is_none()
            {
                return None;
            }
            if u == 'w' && self.lit(j, "周").is_some() && self.at(j2).is_some_and(|c| "一二三四五六日天末".contains(c))
            {
                return None;
            }
        }
        // "5日前" (digits) is "before the 5th", not "5 days ago"; "3月前" is "before March".
        if u == 'd'
            && self.lit(j, "日").is_some()
            && !chinese_amount
            && pre.is_none()
            && matches!(post_k, Some("前" | "之前" | "以前"))
        {
            return None;
        }
        if u == 'm'
            && !had_ge
            && pre.is_none()
            && post_k.is_some()
            && !matches!(post_k, Some("内" | "之内" | "以内" | "后" | "之后" | "以后" | "以来"))
        {
            return None;
        }
        if u == 'y' && pre.is_none() && !chinese_amount && (post_k.is_none() || matches!(post_k, Some("里" | "起"))) {
            return None;
        }
        if u == 'w' && self.lit(j, "周").is_some() && pre == Some("上") && x2 == 2 {
            // "上周" is the week, handled by the chain.
            return None;
        }
        if u == 'y' && self.at(j2) == Some('代') {
            return None;
        }
        // Keep date arithmetic in range: at most ~8,000 years' worth of the unit ("2000万小时" is ~2,300
        // years and still resolves); workday counts are walked day by day, so cap them lower.
        let unit_days = match u {
            's' => 1.0 / 86_400.0,
            'i' => 1.0 / 1_440.0,
            'h' => 1.0 / 24.0,
            'w' => 7.0,
            'm' => 31.0,
            'q' => 92.0,
            'y' => 366.0,
            _ => 1.0,
        };
        if x2 as f64 / 2.0 * unit_days > 3_000_000.0 || (u == 'W' && x2 > 40_000) {
            return None;
        }
        if x2 == 0 && u != 'W' {
            return None;
        }
        // "前两天" etc: prefix with 上/前/下/后 and no post.
        let r = self.r;
        let amount_days = |n2: i64, u: char| -> (i64, i64) {
            // returns (months, seconds) for amount n2/2
            match u {
                's' => (0, n2 / 2),
                'i' => (0, n2 * 30),
                'h' => (0, n2 * 1800),
                'd' => (0, n2 * 43200),
                'w' => (0, n2 * 302400),
                'm' => (n2 / 2, (n2 % 2) * 15 * 86400),
                'q' => (n2 * 3 / 2, 0),
                'y' => (n2 * 6, 0),
                _ => (0, 0),
            }
        };
        let grain = match u {
            's' | 'i' => Grain::Minute,
            'h' => Grain::Hour,
            'd' | 'W' => Grain::Day,
            'w' => Grain::Week,
            'm' => Grain::Month,
            'q' => Grain::Quarter,
            _ => Grain::Year,
        };
        let shift_by = |sign: i64, x2: i64| -> NaiveDateTime {
            if u == 'W' {
                let n = u32::try_from(x2 / 2).unwrap_or(0);
                return if sign >= 0 { calendar::add_workdays(r.date(), n).and_time(NaiveTime::MIN) } else { r };
            }
            let (mo, secs) = amount_days(x2, u);
            let d = add_months(r.date(), sign * mo);
            let base = d.and_time(r.time());
            Duration::try_seconds(sign.saturating_mul(secs)).and_then(|x| base.checked_add_signed(x)).unwrap_or(base)
        };
        let shift = |sign: i64| shift_by(sign, x2);
        // Into the past, a vague amount's span starts at its far end.
        let shift_back = || shift_by(-1, x2_far.unwrap_or(x2));
        let trunc = |t: NaiveDateTime| -> NaiveDateTime {
            match u {
                's' => t,
                'i' => dt(t.date(), t.hour(), t.minute()),
                'h' => dt(t.date(), t.hour(), 0),
                'w' => monday(t.date()).and_time(NaiveTime::MIN),
                'm' => ymd(t.year(), t.month(), 1).unwrap_or(t.date()).and_time(NaiveTime::MIN),
                'y' => ymd(t.year(), 1, 1).unwrap_or(t.date()).and_time(NaiveTime::MIN),
                'q' => ymd(t.year(), t.month(), 1).unwrap_or(t.date()).and_time(NaiveTime::MIN),
                _ => t.date().and_time(NaiveTime::MIN),
            }
        };
        let step = |t: NaiveDateTime, n: i64| -> NaiveDateTime {
            match u {
                's' => Duration::try_seconds(n).and_then(|x| t.checked_add_signed(x)).unwrap_or(t),
                'i' => Duration::try_minutes(n).and_then(|x| t.checked_add_signed(x)).unwrap_or(t),
                'h' => Duration::try_hours(n).and_then(|x| t.checked_add_signed(x)).unwrap_or(t),
                'w' => Duration::try_days(7 * n).and_then(|x| t.checked_add_signed(x)).unwrap_or(t),
                'm' => add_months(t.date(), n).and_time(t.time()),
                'y' => add_months(t.date(), 12 * n).and_time(t.time()),
                'q' => add_months(t.date(), 3 * n).and_time(t.time()),
                _ => Duration::try_days(n).and_then(|x| t.checked_add_signed(x)).unwrap_or(t),
            }
        };
        let n_whole = (x2 / 2).max(1);
        let trunc_half = |t: NaiveDateTime| -> NaiveDateTime {
            match u {
                'y' | 'q' => ymd(t.year(), t.month(), 1).unwrap_or(t.date()).and_time(NaiveTime::MIN),
                'm' | 'w' => t.date().and_time(NaiveTime::MIN),
                'd' => dt(t.date(), t.hour(), 0),
                _ => t,
            }
        };
        let trunc_any = |t: NaiveDateTime| if x2 % 2 == 1 { trunc_half(t) } else { trunc(t) };
        let day_trunc = |t: NaiveDateTime| {
            if matches!(u, 'm' | 'y' | 'q') { t.date().and_time(NaiveTime::MIN) } else { t }
        };
        let fine = matches!(u, 's' | 'i' | 'h');
        let mut marker = false;
        let mut kind = Kind::Duration;
        let mut due: Option<(NaiveDate, Option<NaiveTime>)> = None;
        let (start, stop) = match (pre, post_k) {
            (Some("过去" | "过去的" | "最近" | "近"), _) => (day_trunc(shift_back()), r),
            (_, Some("前" | "之前" | "以前")) if !matches!(pre, Some("下" | "后" | "未来")) => {
                kind = Kind::Point;
                let s = shift_back();
                let s = if x2 % 2 == 0 { trunc(s) } else { s };
                (s, trunc(r))
            }
            (_, Some("后" | "之后" | "以后" | "过后")) => {
                kind = Kind::Point;
                let s = shift(1);
                due = Some((s.date(), fine.then(|| s.time())));
                let st = if fine && x2 % 2 == 0 { s } else { trunc_any(s) };
                (st, step(trunc(s), 1))
            }
            (_, Some("内" | "之内" | "以内" | "里")) => {
                kind = Kind::Deadline;
                marker = true;
                let s = shift(1);
                due = Some((s.date(), fine.then(|| s.time())));
                (r, s)
            }
            (_, Some("以来")) => (trunc_any(shift_back()), r),
            (Some("上" | "前"), None) => (step(trunc(r), -n_whole), trunc(r)),
            (Some("下" | "后"), None) => {
                let t = step(trunc(r), 1);
                (t, step(t, n_whole))
            }
            (Some("未来" | "今后" | "接下来"), _) => {
                let s = shift(1);
                due = Some((s.date(), fine.then(|| s.time())));
                (r, s)
            }
            (Some("再过" | "过"), _) => {
                kind = Kind::Point;
                let s = shift(1);
                due = Some((s.date(), fine.then(|| s.time())));
                (if matches!(u, 'd' | 'w' | 'm' | 'y' | 'q') { s.date().and_time(NaiveTime::MIN) } else { s }, s)
            }
            _ => (r, shift(1)),
        };
        Some(Item {
            expr: Expression {
                span: (i, end),
                kind,
                start,
                end: stop.max(start),
                grain,
                inclusive_before: false,
                approximate: approx,
            },
            due,
            marker,
            negated: false,
        })
    }

    // ------------------------------------------------------------------------------------------
    // Chains of date/time components.

    fn chain_expr(&self, i: usize) -> Option<Item> {
        let (st, e) = self.chain(i, None)?;
        let mut end = e;
        // Ranges: A 到 B.
        let conns = ["到", "至", "~", "-", "—", "——", "－", "—", "起至", "直到"];
        if let Some((ce, _)) = self.lits(self.skip_ws(e), &conns) {
            let ce = self.skip_ws(ce);
            if let Some((st2, e2)) = self.chain(ce, Some(&st)) {
                let a = self.finish(&st, (i, e));
                let b = self.finish(&st2, (ce, e2));
                end = e2;
                let mut expr = a.expr.clone();
                expr.span = (i, end);
                expr.kind = Kind::Range;
                expr.end = b.expr.end.max(a.expr.start);
                let (sfx_end, item) = self.suffix(st2, end, (i, end));
                let mut it = Item { expr, due: b.due, marker: item.marker, negated: false };
                it.expr.span.1 = sfx_end;
                it.expr.inclusive_before = item.expr.inclusive_before;
                return Some(it);
            }
        }
        let (sfx_end, item) = self.suffix(st, end, (i, end));
        let mut item = item;
        item.expr.span = (i, sfx_end);
        Some(item)
    }

    /// Suffixes 前/之前/内/截止/左右… then builds the item.
    fn suffix(&self, mut st: St, mut e: usize, span: (usize, usize)) -> (usize, Item) {
        let sfx = [
            "之前", "以前", "前", "之内", "以内", "内", "截止", "为止", "到期", "左右", "前后", "许", "之后", "以后",
            "后", "起", "开始",
        ];
        if let Some((se, k)) = self.lits(e, &sfx) {
            match sfx.get(k).copied() {
                Some("之前" | "以前" | "前") => {
                    // "X前后" is approximate.
                    if self.lit(se, "后").is_some() {
                        st.approx = true;
                        e = se + 1;
                    } else {
                        st.before = true;
                        st.marker = true;
                        e = se;
                    }
                }
                Some("之内" | "以内" | "内") => {
                    st.within = true;
                    st.marker = true;
                    e = se;
                }
                Some("截止" | "为止" | "到期") => {
                    st.marker = true;
                    e = se;
                }
                Some("左右" | "前后" | "许") => {
                    st.approx = true;
                    e = se;
                }
                Some("之后" | "以后" | "后") => {
                    st.after = true;
                    e = se;
                }
                Some(_) => e = se,
                None => {}
            }
        }
        let mut item = self.finish(&st, (span.0, e));
        // (节前最后一天 / 国庆前最后一个工作日: the last day before X is that day, no deadline)
        if st.before && st.holiday.is_some() && self.lit(e, "最后").is_some() {
            if let Some((d, _)) = item.due {
                item.expr.start = d.and_time(NaiveTime::MIN);
                item.expr.end = add_days(d, 1).and_time(NaiveTime::MIN);
                item.expr.grain = Grain::Day;
            }
            item.expr.inclusive_before = false;
            item.marker = false;
            return (e, item);
        }
        if st.before || st.within || item.marker {
            item.expr.kind = Kind::Deadline;
            if st.before && st.holiday.is_none() && self.r < item.expr.end && self.r > item.expr.start {
                // "X前" with X still ahead: from now until the end of X.
            } else if st.before && st.holiday.is_none() && self.r < item.expr.start {
                item.expr.start = self.r;
            }
        }
        (e, item)
    }

    /// Builds the item from a chain state.
    fn finish(&self, st: &St, span: (usize, usize)) -> Item {
        let r = self.r;
        let mut grain = st.grain.unwrap_or(Grain::Day);
        let mut due: Option<(NaiveDate, Option<NaiveTime>)> = None;
        let (mut start, end);
        if st.now {
            start = r;
            end = r;
            grain = Grain::Minute;
        } else if let Some((s, e, g)) = st.period {
            start = s;
            end = e;
            grain = g;
            due = st.due;
        } else if let Some(d) = st.date.or_else(|| {
            // "周末九点", "周末晚上": a clock time or part of day on the weekend → Sunday (README: 周末 = Sunday).
            if st.weekend && (st.time.is_some() || st.pod.is_some()) { st.week.map(|w| add_days(w, 6)) } else { None }
        }) {
            if let Some((h, m)) = st.time {
                // 24:00 / 夜里12点 → next day 00:00
                let (d2, h2) = if h >= 24 { (add_days(d, 1), h - 24) } else { (d, h) };
                start = dt(d2, h2, m);
                end = start + if grain == Grain::Hour { Duration::hours(1) } else { Duration::minutes(1) };
                due = Some((d2, NaiveTime::from_hms_opt(h2, m, 0)));
            } else if let Some(p) = st.pod {
                start = dt(d, p.from, 0);
                end = if p.to >= 24 { add_days(d, 1).and_time(NaiveTime::MIN) } else { dt(d, p.to, 0) };
                grain = Grain::Hour;
                due = Some((d, p.implied.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0))));
            } else {
                start = d.and_time(NaiveTime::MIN);
                end = add_days(d, 1).and_time(NaiveTime::MIN);
                grain = Grain::Day;
                due = Some((st.range_end.unwrap_or(d), None));
            }
            if let Some(due_override) = st.due {
                due = Some(due_override);
            }
        } else if let Some(w) = st.week {
            start = w.and_time(NaiveTime::MIN);
            end = add_days(w, 7).and_time(NaiveTime::MIN);
            grain = Grain::Week;
            if st.weekend {
                start = dt(add_days(w, 4), 18, 0);
                grain = Grain::Hour;
                due = Some((add_days(w, 6), None));
            } else {
                due = Some((add_days(w, 4), None));
            }
        } else if let (Some(y), Some(q)) = (st.year, st.quarter) {
            let sm = (q.clamp(1, 4) - 1) * 3 + 1;
            let s = ymd(y, sm, 1).unwrap_or(self.today);
            start = s.and_time(NaiveTime::MIN);
            end = add_months(s, 3).and_time(NaiveTime::MIN);
            grain = Grain::Quarter;
            due = Some((add_days(add_months(s, 3), -1), None));
        } else if let (Some(m), true) = (st.month, st.lunar) {
            let y = st.year.unwrap_or_else(|| self.today.year());
            let s = calendar::lunar_to_solar(y, m, 1, st.leap).unwrap_or(self.today);
            let len = calendar::lunar_month_len(y, m, st.leap).unwrap_or(30);
            start = s.and_time(NaiveTime::MIN);
            end = add_days(s, len).and_time(NaiveTime::MIN);
            grain = Grain::Month;
            due = Some((add_days(s, len - 1), None));
        } else if let Some(m) = st.month {
            let y = st.year.unwrap_or_else(|| self.nearest_month_year(m));
            let s = ymd(y, m.clamp(1, 12), 1).unwrap_or(self.today);
            start = s.and_time(NaiveTime::MIN);
            end = add_months(s, 1).and_time(NaiveTime::MIN);
            grain = Grain::Month;
            due = Some((add_days(add_months(s, 1), -1), None));
        } else if let Some(y) = st.year {
            let s = ymd(y, 1, 1).unwrap_or(self.today);
            start = s.and_time(NaiveTime::MIN);
            end = ymd(y + 1, 1, 1).unwrap_or(self.today).and_time(NaiveTime::MIN);
            grain = Grain::Year;
            due = Some((ymd(y, 12, 31).unwrap_or(self.today), None));
        } else if let Some((h, m)) = st.time {
            // time only: today
            let (d2, h2) = if h >= 24 { (add_days(self.today, 1), h - 24) } else { (self.today, h) };
            start = dt(d2, h2, m);
            end = start + Duration::minutes(1);
            due = Some((d2, NaiveTime::from_hms_opt(h2, m, 0)));
        } else if let Some(p) = st.pod {
            let d = self.today;
            start = dt(d, p.from, 0);
            end = if p.to >= 24 { add_days(d, 1).and_time(NaiveTime::MIN) } else { dt(d, p.to, 0) };
            grain = Grain::Hour;
            due = Some((d, p.implied.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0))));
        } else {
            start = r;
            end = r;
        }
        // Holiday relations.
        if let Some((hd, block)) = st.holiday {
            let (first, last) = block.unwrap_or((hd, hd));
            // (节后第一天之前: before the first workday after the holiday is that workday)
            if st.before && !st.after {
                due = Some((calendar::prev_workday(first.min(hd)), None));
            } else if st.after {
                due = Some((calendar::next_workday(last.max(hd)), None));
            }
        }
        if st.within && st.week.is_some() && st.date.is_none() {
            // 本周内 → Friday (already set)
        }
        if grain > Grain::Day && st.time.is_none() && st.pod.is_none() && st.date.is_none() && st.period.is_none() {
            grain = Grain::Day;
        }
        Item {
            expr: Expression {
                span,
                kind: Kind::Point,
                start,
                end: end.max(start),
                grain,
                inclusive_before: st.before,
                approximate: st.approx,
            },
            due: if st.now { None } else { due },
            marker: st.marker || st.pod.is_some_and(|p| p.implied == Some((18, 0))),
            negated: false,
        }
    }

    /// Days a date without a year may lie in the past and still mean this year: half a year ("1月"
    /// said in December is next year); with `prefer_future`, none.
    fn past_days_this_year(&self) -> i64 {
        if self.opts.prefer_future { 0 } else { 183 }
    }

    /// Year of a month named without a year: this year unless it ended more than
    /// [`Self::past_days_this_year`] ago.
    fn nearest_month_year(&self, m: u32) -> i32 {
        let y = self.today.year();
        match calendar::last_day_of_month(y, m.clamp(1, 12)) {
            Some(last) if (self.today - last).num_days() > self.past_days_this_year() => y + 1,
            _ => y,
        }
    }

    /// Date for month-day without a year: this year unless more than
    /// [`Self::past_days_this_year`] past.
    fn nearest_date(&self, m: u32, d: u32) -> Option<NaiveDate> {
        let y = self.today.year();
        let c = ymd(y, m, d)?;
        if (self.today - c).num_days() > self.past_days_this_year() { ymd(y + 1, m, d).or(Some(c)) } else { Some(c) }
    }

    /// Parses a chain of components at i. `ctx` is the left side of a range (inherits frame).
    fn chain(&self, i: usize, ctx: Option<&St>) -> Option<(St, usize)> {
        let mut st = St::default();
        let mut j = i;
        // Ordered components; loop until no progress.
        let mut guard = 0;
        loop {
            guard += 1;
            if guard > 16 {
                break;
            }
            let before = j;
            if !st.any {
                let mut best: Option<(usize, St)> = None;
                for comp in 0..13 {
                    let mut t = St::default();
                    let r = match comp {
                        0 => self.c_numeric(j, &mut t),
                        1 => self.c_relday(j, &mut t),
                        2 => self.c_year(j, &mut t),
                        3 => self.c_month(j, &mut t, ctx),
                        4 => self.c_week(j, &mut t, ctx),
                        5 => self.c_holiday(j, &mut t),
                        6 => self.c_day(j, &mut t, ctx),
                        7 => self.c_period_word(j, &mut t),
                        8 => self.c_pod(j, &mut t),
                        9 => self.c_clock(j, &mut t, ctx),
                        10 => self.c_quarter(j, &mut t),
                        11 => self.c_century(j, &mut t),
                        _ => self.c_every(j, &mut t),
                    };
                    if let Some(e) = r
                        && best.as_ref().is_none_or(|b| e > b.0)
                    {
                        best = Some((e, t));
                    }
                }
                if let Some((e, t)) = best {
                    st = t;
                    j = e;
                }
            } else {
                let k0 = self.skip_ws(j);
                let k = if self.at(k0) == Some('的') { k0 + 1 } else { k0 };
                // a weekday after an explicit date is redundant: "6月1日周六早上"
                let k = if st.date.is_some() && st.explicit_day {
                    let mut tmp = St::default();
                    match self.c_week(k, &mut tmp, None) {
                        Some(e) if tmp.date.is_some() && tmp.time.is_none() => e,
                        _ => k,
                    }
                } else {
                    k
                };
                let k = if k > k0 && st.date.is_some() { self.skip_ws(k) } else { k };
                let has_day = st.date.is_some();
                if st.date.is_none()
                    && st.month.is_none()
                    && st.week.is_none()
                    && st.quarter.is_none()
                    && st.period.is_none()
                {
                    if let Some(e) = self.c_holiday(k, &mut st) {
                        j = e;
                    } else if let Some(e) = self.c_month(k, &mut st, ctx) {
                        j = e;
                    } else if let Some(e) = self.c_quarter(k, &mut st) {
                        j = e;
                    } else if let Some(e) = self.c_nth_week(k, &mut st) {
                        j = e;
                    } else if let Some(e) = self.c_year_part(k, &mut st) {
                        j = e;
                    } else if let Some(e) = self.c_year_first_n(k, &mut st) {
                        j = e;
                    }
                } else if st.month.is_some() && !has_day && st.period.is_none() {
                    if let Some(e) = self.c_day(k, &mut st, ctx) {
                        j = e;
                    } else if let Some(e) = self.c_nth_week(k, &mut st) {
                        j = e;
                    } else if let Some(e) = self.c_month_part(k, &mut st) {
                        j = e;
                    }
                } else if st.quarter.is_some()
                    && st.period.is_none()
                    && let Some(e) = self.c_quarter_part(k, &mut st)
                {
                    j = e;
                }
                if j == before && (st.date.is_some() || st.week.is_some()) && st.time.is_none() {
                    // weekday followed by explicit date: "周日, 二月十号" → the date wins
                    if st.week.is_some() || st.explicit_day {
                        let k2 = self.skip_ws(if matches!(self.at(j), Some(',')) { j + 1 } else { j });
                        if k2 != j || st.week.is_none() {
                            let mut st2 = St::default();
                            if k2 != j
                                && let Some(e) = self.c_month(k2, &mut st2, None)
                            {
                                let mut e2 = e;
                                if let Some(e3) = self.c_day(e2, &mut st2, None) {
                                    e2 = e3;
                                    st = st2;
                                    j = e2;
                                    continue;
                                }
                            }
                        }
                    }
                    if st.week.is_some() && st.date.is_none() {
                        // "下周" followed by 周X/X: weekday inside the week
                        if let Some(e) = self.c_weekday_in_week(j, &mut st) {
                            j = e;
                        }
                    }
                }
                if j == before
                    && st.time.is_none()
                    && st.pod.is_none()
                    && (st.date.is_some() || st.week.is_none() || st.weekend)
                    && let Some(e) = self.c_pod(k, &mut st)
                {
                    j = e;
                }
                if j == before
                    && st.time.is_none()
                    && let Some(e) = self.c_clock(k, &mut st, ctx)
                {
                    j = e;
                }
            }
            if j == before {
                break;
            }
            st.any = true;
        }
        if !st.any || j == i {
            return None;
        }
        // Inherit the left side's frame for a range's right side.
        if let Some(c) = ctx {
            if st.date.is_none()
                && st.week.is_none()
                && st.month.is_none()
                && st.year.is_none()
                && (st.time.is_some() || st.pod.is_some())
            {
                st.date = c.date;
                if st.pod.is_none()
                    && c.pod.is_some_and(|p| p.pm)
                    && let Some((h, m)) = st.time
                    && h < 12
                {
                    st.time = Some((h + 12, m));
                }
            }
            if st.month.is_some()
                && st.year.is_none()
                && st.date.is_none()
                && st.week.is_none()
                && st.period.is_none()
                && st.quarter.is_none()
            {
                st.year = c.year.or(c.date.map(|d| d.year()));
            }
        }
        // Resolve month+year without day into the frame. Year-only year context for holidays handled inside.
        Some((st, j))
    }

    // --- components -----------------------------------------------------------------------------

    /// Centuries and decades: 18世纪, 上世纪80年代, 二十世纪九十年代末期, 11世纪初.
    fn c_century(&self, i: usize, st: &mut St) -> Option<usize> {
        let (c, mut e) = if let Some(e) = self.lit(i, "上世纪") {
            (self.today.year().div_euclid(100), e)
        } else if let Some(e) = self.lit(i, "本世纪") {
            (self.today.year().div_euclid(100) + 1, e)
        } else {
            let (n, e, _) = self.num(i)?;
            let e = self.lit(e, "世纪")?;
            (i32::try_from(n).ok().filter(|n| (1..=30).contains(n))?, e)
        };
        let mut start = (c - 1) * 100;
        let mut span = 100;
        if let Some((d, e2, _)) = self.num(e)
            && let Some(e3) = self.lit(e2, "年代")
            && (10..=90).contains(&d)
            && d % 10 == 0
        {
            start += i32::try_from(d).ok()?;
            span = 10;
            e = e3;
        }
        if let Some((e2, k)) = self.lits(e, &["末期", "末", "初期", "初", "前期", "中期", "后期"]) {
            let part = span / 10;
            start += match k {
                0 | 1 => span - 3 * part,
                5 => 4 * part,
                6 => 7 * part,
                _ => 0,
            };
            span = 3 * part;
            e = e2;
        }
        let s = ymd(start, 1, 1)?;
        let en = ymd(start + span, 1, 1)?;
        st.year = Some(start);
        st.period = Some((s.and_time(NaiveTime::MIN), en.and_time(NaiveTime::MIN), Grain::Year));
        st.due = Some((add_days(en, -1), None));
        st.approx = true;
        Some(e)
    }

    /// 每年 / 每月 / 每周: the current period (no future preference).
    fn c_every(&self, i: usize, st: &mut St) -> Option<usize> {
        let (e, k) = self.lits(i, &["每年", "每月", "每个月"])?;
        st.year = Some(self.today.year());
        if k > 0 {
            st.month = Some(self.today.month());
            st.grain = Some(Grain::Month);
        } else {
            st.grain = Some(Grain::Year);
        }
        Some(e)
    }

    /// After a year: 前N个月 / 后N个月 / 前N个季度 / 第N个月 / 第N天 / 首月.
    fn c_year_first_n(&self, i: usize, st: &mut St) -> Option<usize> {
        let y = st.year?;
        if let Some(e) = self.lit(i, "首月") {
            st.month = Some(1);
            st.grain = Some(Grain::Month);
            return Some(e);
        }
        let (pe, k) = self.lits(i, &["前", "后", "第"])?;
        let (n, mut e, _) = self.num(pe)?;
        if let Some(x) = self.lit(e, "个") {
            e = x;
        }
        let (ue, u) = self.lits(e, &["月", "季度", "天", "日"])?;
        let n = n.max(1);
        let jan1 = ymd(y, 1, 1)?;
        let months = if u == 1 { 3 * n } else { n };
        let (s, en) = match (k, u) {
            (2, 2 | 3) => {
                let d = add_days(jan1, n - 1);
                st.date = Some(d);
                st.explicit_day = true;
                return Some(ue);
            }
            (2, _) => {
                let s = add_months(jan1, months - if u == 1 { 3 } else { 1 });
                (s, add_months(s, if u == 1 { 3 } else { 1 }))
            }
            (0, 0 | 1) => (jan1, add_months(jan1, months)),
            (1, 0 | 1) => {
                let end = ymd(y + 1, 1, 1)?;
                (add_months(end, -months), end)
            }
            _ => return None,
        };
        st.period = Some((s.and_time(NaiveTime::MIN), en.and_time(NaiveTime::MIN), Grain::Month));
        st.due = Some((add_days(en, -1), None));
        Some(ue)
    }

    /// Numeric dates: 2026-03-05, 2026/3/5, 2026.3.5, 20260305, 3/5(/2026), 3.5, 09-01, 2022 11 23.
    fn c_numeric(&self, i: usize, st: &mut St) -> Option<usize> {
        let (a, e1, n1) = self.digits(i)?;
        if i > 0
            && self.at(i - 1).is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '/' || c.is_ascii_alphabetic())
        {
            return None;
        }
        let sep = self.at(e1);
        // YYYYMMDD
        if n1 == 8 && !self.at(e1).is_some_and(|c| c.is_ascii_digit()) {
            let (y, m, d) = ((a / 10000) as i32, (a / 100 % 100) as u32, (a % 100) as u32);
            if (1900..=2100).contains(&y) {
                let date = ymd(y, m, d)?;
                st.date = Some(date);
                st.explicit_day = true;
                return Some(e1);
            }
            return None;
        }
        if n1 == 4 && (1900..=2100).contains(&a) {
            let y = a as i32;
            // YYYY sep M sep D
            if let Some(sc) = sep
                && matches!(sc, '-' | '/' | '.' | ' ')
                && let Some((m, e2, n2)) = self.digits(e1 + 1)
                && n2 <= 2
                && (1..=12).contains(&m)
            {
                let sep2 = self.at(e2);
                if let Some(sc2) = sep2
                    && matches!(sc2, '-' | '/' | '.' | ' ')
                    && let Some((d, e3, n3)) = self.digits(e2 + 1)
                    && (n3 <= 2 || (n3 == 4 && self.at(e3) == Some(':')))
                {
                    // "2018-12-1209:03": day followed directly by hhmm
                    let (dd, rest_time) = if n3 > 2 { (d / 10i64.pow(n3 as u32 - 2), Some(e2 + 3)) } else { (d, None) };
                    let date = ymd(y, m as u32, dd as u32)?;
                    st.date = Some(date);
                    st.explicit_day = true;
                    let mut e = e3;
                    if let Some(tpos) = rest_time {
                        e = tpos;
                        if let Some(te) = self.c_clock(tpos, st, None) {
                            e = te;
                        }
                        return Some(e);
                    }
                    // "2021-09-12-11:23"
                    if self.at(e) == Some('-')
                        && let Some(te) = self.c_clock(e + 1, st, None)
                        && st.time.is_some()
                    {
                        return Some(te);
                    }
                    if matches!(self.at(e), Some('日' | '号')) {
                        e += 1;
                    }
                    return Some(e);
                }
                if sc != ' ' && !matches!(self.at(e2), Some(c) if c.is_ascii_digit()) {
                    st.year = Some(y);
                    st.month = Some(m as u32);
                    st.grain = Some(Grain::Month);
                    return Some(e2);
                }
            }
            // bare year: only at text end / before a range connector
            if self.at(e1).is_none_or(|c| matches!(c, '至' | '到' | '-' | '—' | '~' | ',' | '。' | ' '))
                && self.at(e1) != Some('年')
            {
                st.year = Some(y);
                st.grain = Some(Grain::Year);
                return Some(e1);
            }
            return None;
        }
        if n1 > 2 {
            return None;
        }
        // M/D(/Y), M-D, M.D, M·D
        let sc = sep?;
        if !matches!(sc, '/' | '-' | '.' | '·') {
            return None;
        }
        let (b, e2, n2) = self.digits(e1 + 1)?;
        if n2 > 2 || !(1..=12).contains(&a) || !(1..=31).contains(&b) {
            return None;
        }
        let next = self.at(e2);
        if sc == '/'
            && next == Some('/')
            && let Some((yv, e3, n3)) = self.digits(e2 + 1)
        {
            let y = match n3 {
                4 => yv as i32,
                2 => self.two_digit_year(yv as i32),
                _ => return None,
            };
            st.date = Some(ymd(y, a as u32, b as u32)?);
            st.explicit_day = true;
            return Some(e3);
        }
        if next.is_some_and(|c| {
            c.is_ascii_digit()
                || c == '.'
                || c == '%'
                || c.is_ascii_alphabetic()
                || "万亿元倍个块kK天小时周年月分秒人件条次份台张页行名位家款级星折版章节集期层楼栋题课讲季".contains(c)
        }) {
            return None;
        }
        // "第6-10章", "第3.2节": an ordinal range, not a date.
        if i > 0 && self.at(i - 1) == Some('第') {
            return None;
        }
        if sc == '-' && next == Some('-') {
            return None;
        }
        if sc == '.' && i > 0 && self.at(i - 1).is_some_and(|c| c == 'v' || c == 'V' || c == '版') {
            return None;
        }
        if sc == '-' && n1 == 1 && n2 == 1 {
            // "1-2" is more often a count range than a date.
            return None;
        }
        st.date = Some(self.nearest_date(a as u32, b as u32)?);
        st.explicit_day = true;
        let mut e = e2;
        if matches!(self.at(e), Some('日' | '号')) {
            e += 1;
        }
        Some(e)
    }

    fn two_digit_year(&self, yy: i32) -> i32 {
        if 2000 + yy <= self.today.year() + 10 { 2000 + yy } else { 1900 + yy }
    }

    fn c_year(&self, i: usize, st: &mut St) -> Option<usize> {
        let rel: [(&str, i32); 23] = [
            ("今年", 0),
            ("本年", 0),
            ("这一年", 0),
            ("这年", 0),
            ("当年", 0),
            ("同年", 0),
            ("明年", 1),
            ("下年", 1),
            ("下一年", 1),
            ("次年", 1),
            ("来年", 1),
            ("翌年", 1),
            ("去年", -1),
            ("上年", -1),
            ("上一年", -1),
            ("前年", -2),
            ("后年", 2),
            ("大前年", -3),
            ("大后年", 3),
            ("今个年", 0),
            ("本年度", 0),
            ("今明两年", 0),
            ("今年度", 0),
        ];
        let pats: Vec<&str> = rel.iter().map(|x| x.0).collect();
        if let Some((e, k)) = self.lits(i, &pats) {
            let name = pats.get(k).copied().unwrap_or("");
            // (汇总后年底前报公司: the 后 of a verb, then 年底; 明后年 and 大后年 stay years)
            if matches!(name, "后年" | "前年")
                && i > 0
                && self.at(i - 1).is_some_and(|c| crate::normalize::is_cjk(c) && !"明大今".contains(c))
                && self.at(e).is_some_and(|c| "底初中末".contains(c))
            {
                return None;
            }
            let off = rel.get(k).map_or(0, |x| x.1);
            // "前年" must not be "前两年" (duration handles that).
            st.year = Some(self.today.year() + off);
            st.grain = Some(Grain::Year);
            return Some(e);
        }
        // digits + 年
        if let Some((v, e, n)) = self.digits(i)
            && self.at(e) == Some('年')
            && (n == 4 || n == 2)
        {
            if i > 0 && self.at(i - 1).is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            let y = if n == 4 { v as i32 } else { self.two_digit_year(v as i32) };
            st.year = Some(y);
            st.grain = Some(Grain::Year);
            return Some(e + 1);
        }
        // Chinese digit sequence + 年
        let mut j = i;
        let mut v = 0i32;
        while let Some(d) = self.at(j).and_then(cn_digit) {
            if self.at(j) == Some('两') {
                break;
            }
            v = v * 10 + d as i32;
            j += 1;
            if j - i > 4 {
                return None;
            }
        }
        let n = j - i;
        if (n == 2 || n == 4) && self.at(j) == Some('年') {
            let y = if n == 4 { v } else { self.two_digit_year(v) };
            st.year = Some(y);
            st.grain = Some(Grain::Year);
            return Some(j + 1);
        }
        None
    }

    /// Year parts after a year: 底/末/初/上半年/下半年/内.
    fn c_year_part(&self, i: usize, st: &mut St) -> Option<usize> {
        let y = st.year?;
        let parts = [
            "年底",
            "年末",
            "底",
            "末",
            "年初",
            "初",
            "伊始",
            "上半年",
            "下半年",
            "年中",
            "中",
            "暑假",
            "暑期",
            "寒假",
        ];
        let (e, k) = self.lits(i, &parts)?;
        let jan1 = ymd(y, 1, 1)?;
        let (s, en, due) = match parts.get(k).copied()? {
            "年底" | "年末" | "底" | "末" => {
                let d = ymd(y, 12, 31)?;
                (ymd(y, 11, 1)?, add_days(d, 1), d)
            }
            "年初" | "初" | "伊始" => (jan1, ymd(y, 3, 1)?, jan1),
            "上半年" => (jan1, ymd(y, 7, 1)?, ymd(y, 6, 30)?),
            "下半年" => (ymd(y, 7, 1)?, ymd(y + 1, 1, 1)?, ymd(y, 12, 31)?),
            // School holidays (approximate): summer July–August, winter mid-January–February.
            "暑假" | "暑期" => (ymd(y, 7, 1)?, ymd(y, 9, 1)?, ymd(y, 8, 31)?),
            "寒假" => {
                let mar1 = ymd(y, 3, 1)?;
                (ymd(y, 1, 15)?, mar1, add_days(mar1, -1))
            }
            _ => (ymd(y, 6, 1)?, ymd(y, 7, 1)?, ymd(y, 6, 30)?),
        };
        st.period = Some((s.and_time(NaiveTime::MIN), en.and_time(NaiveTime::MIN), Grain::Day));
        st.due = Some((due, None));
        Some(e)
    }

    fn c_quarter(&self, i: usize, st: &mut St) -> Option<usize> {
        let mut j = i;
        if let Some(e) = self.lit(j, "第") {
            j = e;
        }
        let (q, e) = if matches!(self.at(j), Some('Q' | 'q')) {
            let (v, e, _) = self.digits(j + 1)?;
            (v, e)
        } else if let Some(e) = self.lit(j, "首") {
            (1, e)
        } else {
            let (v, e, _) = self.num(j)?;
            (v, e)
        };
        if !(1..=4).contains(&q) {
            return None;
        }
        let mut e = e;
        let has_di = j > i;
        if self.lit(e, "个季度").is_some() && !has_di {
            return None;
        }
        if let Some(e2) = self.lits(e, &["个季度", "季度", "季"]).map(|x| x.0) {
            e = e2;
        } else if !matches!(self.at(j), Some('Q' | 'q')) {
            return None;
        }
        if st.year.is_none() {
            st.year = Some(self.today.year());
        }
        st.quarter = Some(q as u32);
        st.grain = Some(Grain::Quarter);
        Some(e)
    }

    fn c_quarter_part(&self, i: usize, st: &mut St) -> Option<usize> {
        let (y, q) = (st.year?, st.quarter?);
        let (e, k) = self.lits(i, &["末", "底", "初"])?;
        let sm = (q.clamp(1, 4) - 1) * 3 + 1;
        let (m, end) = if k == 2 { (sm, false) } else { (sm + 2, true) };
        let s = ymd(y, m, 1)?;
        let last = calendar::last_day_of_month(y, m)?;
        st.period = Some((s.and_time(NaiveTime::MIN), add_days(last, 1).and_time(NaiveTime::MIN), Grain::Month));
        st.due = Some((if end { last } else { s }, None));
        Some(e)
    }

    /// Period words without a preceding anchor: 月底, 月初, 年底, 季度末, 本季度, 上半年, 周末.
    fn c_period_word(&self, i: usize, st: &mut St) -> Option<usize> {
        let (e, k) = self.lits(
            i,
            &[
                "月底",
                "月末",
                "月初",
                "月中",
                "年底",
                "年末",
                "年初",
                "年中",
                "季度末",
                "季末",
                "本季度",
                "这个季度",
                "上季度",
                "上个季度",
                "下季度",
                "下个季度",
                "上半年",
                "下半年",
                "本季度末",
                "上季度末",
            ],
        )?;
        let t = self.today;
        let cur_q = (t.month() - 1) / 3 + 1;
        match k {
            0..=3 => {
                st.month = Some(t.month());
                st.year = Some(t.year());
                let mut tmp = st.clone();
                let p = ["底", "末", "初", "中"];
                let _ = p;
                let fake = match k {
                    0 | 1 => "底",
                    2 => "初",
                    _ => "中",
                };
                self.apply_month_part(&mut tmp, fake);
                *st = tmp;
            }
            4..=7 => {
                st.year = Some(t.year());
                let part = ["年底", "年末", "年初", "年中"].get(k - 4).copied().unwrap_or("年底");
                let chars: Vec<char> = part.chars().collect();
                let pp = self.over(&chars);
                pp.c_year_part(0, st)?;
            }
            8 | 9 | 18 => {
                st.year = Some(t.year());
                st.quarter = Some(cur_q);
                let chars: Vec<char> = "末".chars().collect();
                let pp = self.over(&chars);
                pp.c_quarter_part(0, st)?;
            }
            19 => {
                let (y, q) = if cur_q == 1 { (t.year() - 1, 4) } else { (t.year(), cur_q - 1) };
                st.year = Some(y);
                st.quarter = Some(q);
                let chars: Vec<char> = "末".chars().collect();
                let pp = self.over(&chars);
                pp.c_quarter_part(0, st)?;
            }
            10..=15 => {
                let off: i32 = match k {
                    10 | 11 => 0,
                    12 | 13 => -1,
                    _ => 1,
                };
                let idx = t.year() * 4 + cur_q as i32 - 1 + off;
                st.year = Some(idx.div_euclid(4));
                st.quarter = Some(idx.rem_euclid(4) as u32 + 1);
                st.grain = Some(Grain::Quarter);
            }
            _ => {
                st.year = Some(t.year());
                let part = if k == 16 { "上半年" } else { "下半年" };
                let chars: Vec<char> = part.chars().collect();
                let pp = self.over(&chars);
                pp.c_year_part(0, st)?;
            }
        }
        Some(e)
    }

    fn c_month(&self, i: usize, st: &mut St, ctx: Option<&St>) -> Option<usize> {
        let rel: [(&str, i64); 20] = [
            ("本月", 0),
            ("这个月", 0),
            ("这月", 0),
            ("当月", 0),
            ("同月", 0),
            ("该月", 0),
            ("今个月", 0),
            ("本月份", 0),
            ("上个月", -1),
            ("上月", -1),
            ("上一个月", -1),
            ("上一月", -1),
            ("下个月", 1),
            ("下月", 1),
            ("下一个月", 1),
            ("下一月", 1),
            ("下下个月", 2),
            ("下下月", 2),
            ("上上个月", -2),
            ("上上月", -2),
        ];
        let pats: Vec<&str> = rel.iter().map(|x| x.0).collect();
        if let Some((e, k)) = self.lits(i, &pats) {
            let off = rel.get(k).map_or(0, |x| x.1);
            let base = match st.year {
                Some(y) => ymd(y, self.today.month(), 1)?,
                None => ymd(self.today.year(), self.today.month(), 1)?,
            };
            let d = add_months(base, off);
            st.year = Some(d.year());
            st.month = Some(d.month());
            st.grain = Some(Grain::Month);
            return Some(e);
        }
        // lunar month names
        let lunar: [(&str, u32); 4] = [("正月", 1), ("腊月", 12), ("冬月", 11), ("大年", 1)];
        let lpats: Vec<&str> = lunar.iter().map(|x| x.0).collect();
        let mut j = i;
        let mut lunar_marked = false;
        // 公历 before the chain (公 does not start a parse: too common a char).
        if i >= 2 && self.lits(i - 2, &SOLAR_MARKS).is_some_and(|(e, _)| e == i) {
            st.solar = true;
        }
        if let Some((e, _)) = self.lits(j, &SOLAR_MARKS) {
            j = e;
            st.solar = true;
            if let Some(e2) = self.c_year(j, st) {
                j = e2;
            }
        } else if let Some((e, _)) = self.lits(j, &["农历", "阴历", "旧历"]) {
            j = e;
            lunar_marked = true;
            if let Some(e2) = self.c_year(j, st) {
                j = e2;
            }
        }
        if let Some((e, k)) = self.lits(j, &lpats) {
            st.month = Some(lunar.get(k).map_or(1, |x| x.1));
            st.lunar = true;
            st.grain = Some(Grain::Month);
            return Some(e);
        }
        let mut leap = false;
        if let Some(e) = self.lit(j, "闰") {
            leap = true;
            j = e;
        }
        let (m, e, _) = self.num(j)?;
        if !(1..=12).contains(&m) {
            return None;
        }
        if self.at(e) != Some('月') {
            if st.year.is_some() && self.bare_before_range(e, &["月"]) {
                st.month = Some(m as u32);
                st.grain = Some(Grain::Month);
                return Some(e);
            }
            return None;
        }
        // "3月份" / "3月"
        let mut e2 = e + 1;
        if self.lit(e2, "份").is_some() {
            e2 += 1;
        }
        // not "3个月"/"月薪" etc. Reject "N月N日" when N has a measure word before: handled by caller.
        if j > 0 && self.at(j - 1).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        st.month = Some(m as u32);
        st.lunar = lunar_marked || leap;
        st.leap = leap;
        st.grain = Some(Grain::Month);
        if st.year.is_none()
            && let Some(c) = ctx
        {
            st.year = c.year.or(c.date.map(|d| d.year()));
        }
        Some(e2)
    }

    /// 底/末/初/中/上旬/中旬/下旬/月底 after a month.
    fn c_month_part(&self, i: usize, st: &mut St) -> Option<usize> {
        // "最后五天", "最后一天", "头三天", "前10天" of the month.
        if let Some((x, k)) = self.lits(i, &["最后", "的最后", "头", "前", "的前", "最初"])
            && let Some((n, x2, _)) = self.num(x)
            && let Some(x3) = self.lit(x2, "天")
            && (1..=31).contains(&n)
            && let Some(m) = st.month
        {
            let y = st.year.unwrap_or_else(|| self.nearest_month_year(m));
            let first = ymd(y, m, 1)?;
            let last = calendar::last_day_of_month(y, m)?;
            let (s, e) = if k <= 1 {
                (add_days(last, 1 - n).max(first), last)
            } else {
                (first, add_days(first, n - 1).min(last))
            };
            st.year = Some(y);
            st.period = Some((s.and_time(NaiveTime::MIN), add_days(e, 1).and_time(NaiveTime::MIN), Grain::Day));
            st.due = Some((e, None));
            return Some(x3);
        }
        let parts = ["月底", "月末", "底", "末", "初", "中旬", "上旬", "下旬", "中", "月初", "月中"];
        let (e, k) = self.lits(i, &parts)?;
        let p = match parts.get(k).copied()? {
            "月底" | "月末" | "底" | "末" => "底",
            "初" | "月初" => "初",
            "中" | "月中" => "中",
            x => x,
        };
        self.apply_month_part(st, p);
        Some(e)
    }

    fn apply_month_part(&self, st: &mut St, part: &str) {
        let Some(m) = st.month else { return };
        let y = st.year.unwrap_or_else(|| self.nearest_month_year(m));
        st.year = Some(y);
        let Some(first) = ymd(y, m, 1) else { return };
        let Some(last) = calendar::last_day_of_month(y, m) else {
            return;
        };
        let (s, e, due) = match part {
            "底" => (add_days(first, 24).min(last), last, last),
            "初" => (first, add_days(first, 4), first),
            "中" => (add_days(first, 14), add_days(first, 14), add_days(first, 14)),
            "上旬" => (first, add_days(first, 9), add_days(first, 9)),
            "中旬" => (add_days(first, 10), add_days(first, 19), add_days(first, 19)),
            _ => (add_days(first, 20), last, last),
        };
        st.period = Some((s.and_time(NaiveTime::MIN), add_days(e, 1).and_time(NaiveTime::MIN), Grain::Day));
        st.due = Some((due, None));
    }

    /// Day of month: N号/N日 (also bare N after a month, 初N, 廿N for lunar).
    fn c_day(&self, i: usize, st: &mut St, ctx: Option<&St>) -> Option<usize> {
        let mut j = i;
        let mut lunar_day = false;
        let mut chinese = false;
        if let Some(e) = self.lit(j, "初") {
            if self.at(e) == Some('十') && self.at(e + 1).is_none_or(|c| cn_digit(c).is_none()) {
                // 初十
            }
            j = e;
            lunar_day = true;
        }
        let (d, mut e) = if let Some((v, e, _)) = self.digits(j) {
            (v, e)
        } else {
            let (v, e) = self.cn_num(j)?;
            chinese = true;
            if self.at(j).is_some_and(|c| c == '廿' || c == '卅') {
                lunar_day = lunar_day || !matches!(self.at(e), Some('号' | '日'));
            }
            (v, e)
        };
        if !(1..=31).contains(&d) {
            return None;
        }
        if self.at(j) == Some('两') || self.at(j) == Some('俩') {
            return None;
        }
        let has_month = st.month.is_some();
        let marked = matches!(self.at(e), Some('号' | '日'));
        if chinese && !has_month && self.at(e) == Some('日') && self.lits(e + 1, &["前", "之前", "以前"]).is_some()
        {
            return None;
        }
        if marked && !has_month && self.at(e) == Some('号') {
            // 第2号 (an ordinal) and 2号楼 / 3号车间 / 5号线 (names of places and things) are not dates.
            let ordinal = i > 0 && self.at(i - 1) == Some('第');
            let name = self.lits(e + 1, NUMBERED_NOUNS).is_some();
            if ordinal || name {
                return None;
            }
        }
        if marked {
            e += 1;
        } else if !(has_month || lunar_day)
            || self.at(e).is_some_and(|c| {
                c.is_ascii_digit()
                    || "个天周年月小分点时钟秒岁元块万%.".contains(c)
                    || (chinese && "十百千".contains(c))
            })
        {
            return None;
        }
        if !marked && !has_month && !lunar_day {
            return None;
        }
        // "N日内/后" → duration, not a day.
        if marked && self.lits(e, &["内", "之内", "以内", "后", "之后", "以后"]).is_some() && !has_month {
            return None;
        }
        let d = d as u32;
        st.explicit_day = true;
        // Lunar dates are written month + Chinese day without 号/日 (八月十五, 二月十九: days 1–10 are 初N);
        // solar dates take 号/日 (八月十五号) or digits. 公历/阳历 before the month keeps it solar.
        if has_month && chinese && !marked && d >= 11 && !st.solar && !self.opts.solar_bare_day {
            lunar_day = true;
        }
        if st.lunar || lunar_day {
            let t = self.today;
            let cur = calendar::solar_to_lunar(t);
            st.date = match (st.year, st.month, cur) {
                (Some(y), m, _) => calendar::lunar_to_solar(y, m.unwrap_or(1), d, st.leap),
                // Month without year: of the current and the next lunar year's dates, the one in this
                // Gregorian year unless more than half a year past (the README year rule), else the
                // first not yet past. 腊月廿三 said in January → the lunar year that is ending;
                // 农历八月十五 said on 1 January → this (Gregorian) year's.
                (None, Some(m), Some((cy, _, _, _))) => {
                    let cands: Vec<NaiveDate> =
                        (cy..=cy + 1).filter_map(|y| calendar::lunar_to_solar(y, m, d, st.leap)).collect();
                    cands
                        .iter()
                        .find(|x| x.year() == t.year() && (t - **x).num_days() <= 183)
                        .or_else(|| cands.iter().find(|x| **x >= t))
                        .copied()
                }
                // Bare 廿一/初五: this lunar month if not yet past, else the next lunar month.
                (None, None, Some((cy, cm, _, cl))) => {
                    calendar::lunar_to_solar(cy, cm, d, cl).filter(|x| *x >= t).or_else(|| {
                        let first = calendar::lunar_to_solar(cy, cm, 1, cl)?;
                        let len = calendar::lunar_month_len(cy, cm, cl)?;
                        let (ny, nm, _, nl) = calendar::solar_to_lunar(add_days(first, len))?;
                        calendar::lunar_to_solar(ny, nm, d, nl)
                    })
                }
                (None, m, None) => calendar::lunar_to_solar(t.year(), m.unwrap_or(1), d, st.leap),
            };
            st.date?;
            return Some(e);
        }
        if let Some(m) = st.month {
            st.date = match st.year {
                Some(y) => ymd(y, m, d),
                None => self.nearest_date(m, d),
            };
            st.date?;
            return Some(e);
        }
        // Bare N号: inherit range context, else this month if not past, else next month.
        if let Some(c) = ctx
            && let Some(cd) = c.date
        {
            let cand = ymd(cd.year(), cd.month(), d)?;
            st.date = Some(if cand < cd { add_months(cand, 1) } else { cand });
            return Some(e);
        }
        let t = self.today;
        let this = ymd(t.year(), t.month(), d);
        st.date = match this {
            Some(x) if x >= t => Some(x),
            _ => {
                let nm = add_months(ymd(t.year(), t.month(), 1)?, 1);
                ymd(nm.year(), nm.month(), d)
            }
        };
        st.date?;
        Some(e)
    }

    /// 第N周 / 第N个星期X inside a month or year.
    fn c_nth_week(&self, i: usize, st: &mut St) -> Option<usize> {
        let j = self.lit(i, "第")?;
        let (n, mut e, _) = self.num(j)?;
        if !(1..=53).contains(&n) {
            return None;
        }
        if let Some(x) = self.lit(e, "个") {
            e = x;
        }
        let (we, _) = self.lits(e, &["周", "星期", "礼拜"])?;
        let y = st.year.unwrap_or_else(|| self.today.year());
        let (first_day, last_day) = match st.month {
            Some(m) => {
                let y = st.year.unwrap_or_else(|| self.nearest_month_year(m));
                (ymd(y, m, 1)?, calendar::last_day_of_month(y, m)?)
            }
            None => (ymd(y, 1, 1)?, ymd(y, 12, 31)?),
        };
        let _ = last_day;
        // weekday?
        if let Some((wd, we2)) = self.weekday_char(we) {
            let mut d = first_day;
            while d.weekday() != wd {
                d = add_days(d, 1);
            }
            st.date = Some(add_days(d, 7 * (n - 1)));
            return Some(we2);
        }
        let mut d = first_day;
        while d.weekday() != Weekday::Mon {
            d = add_days(d, 1);
        }
        st.week = Some(add_days(d, 7 * (n - 1)));
        st.grain = Some(Grain::Week);
        Some(we)
    }

    fn weekday_char(&self, i: usize) -> Option<(Weekday, usize)> {
        let c = self.at(i)?;
        let wd = match c {
            '一' | '1' => Weekday::Mon,
            '二' | '2' => Weekday::Tue,
            '三' | '3' => Weekday::Wed,
            '四' | '4' => Weekday::Thu,
            '五' | '5' => Weekday::Fri,
            '六' | '6' => Weekday::Sat,
            '日' | '天' | '七' | '7' => Weekday::Sun,
            _ => return None,
        };
        // "周一二" lists / "周1" fine; reject "周三十" etc.
        if self.at(i + 1).is_some_and(|n| n.is_ascii_digit() || "十次遍趟回".contains(n)) {
            return None;
        }
        Some((wd, i + 1))
    }

    /// Weeks and weekdays: 周X, 这周X, 下周X, 下下周X, 上周X, 这周, 下周, 周末, 本周末.
    fn c_week(&self, i: usize, st: &mut St, ctx: Option<&St>) -> Option<usize> {
        let prefixes: [(&str, i64, bool); 16] = [
            ("这", 0, true),
            ("本", 0, true),
            ("今个", 0, true),
            ("今", 0, true),
            ("这个", 0, true),
            ("这一", 0, true),
            ("下", 1, true),
            ("下个", 1, true),
            ("下一个", 1, true),
            ("下一", 1, true),
            ("下下", 2, true),
            ("下下个", 2, true),
            ("上", -1, true),
            ("上个", -1, true),
            ("上一", -1, true),
            ("上上", -2, true),
        ];
        let pats: Vec<&str> = prefixes.iter().map(|x| x.0).collect();
        // Try every prefix that matches, longest first, requiring a week word after it.
        let mut cands: Vec<(usize, i64)> =
            prefixes.iter().filter_map(|(p, off, _)| self.lit(i, p).map(|e| (e, *off))).collect();
        cands.sort_by_key(|c| std::cmp::Reverse(c.0));
        let _ = pats;
        cands.push((i, i64::MIN));
        for (pe, off) in cands {
            let Some((we, _)) = self.lits(pe, &["周", "星期", "礼拜", "个星期", "个礼拜", "一周"]) else {
                continue;
            };
            let explicit = off != i64::MIN;
            let off = if explicit { off } else { 0 };
            let base_monday = add_days(monday(self.today), 7 * off);
            // "下周周六"
            let mut we2 = we;
            if explicit
                && let Some(x) = self.lits(we, &["周", "星期"]).map(|x| x.0)
                && self.weekday_char(x).is_some()
            {
                we2 = x;
            }
            if let Some((wd, e)) = self.weekday_char(we2) {
                if self.lit(we, "一周").is_some() && !explicit {
                    continue;
                }
                let date = if explicit {
                    add_days(base_monday, i64::from(wd.num_days_from_monday()))
                } else if let Some(cd) = ctx.and_then(|c| c.date) {
                    let mut d = cd;
                    while d.weekday() != wd {
                        d = add_days(d, 1);
                    }
                    d
                } else {
                    let mut d = self.today;
                    while d.weekday() != wd {
                        d = add_days(d, 1);
                    }
                    d
                };
                st.date = Some(date);
                st.explicit_day = true;
                st.grain = Some(Grain::Day);
                return Some(e);
            }
            if let Some(e) = self.lit(we, "末") {
                st.week = Some(base_monday);
                st.weekend = true;
                return Some(e);
            }
            if explicit {
                // "这周" / "下周" as a week; "上周" etc.
                if self.lits(we, &["年"]).is_some() {
                    continue;
                }
                st.week = Some(base_monday);
                st.grain = Some(Grain::Week);
                return Some(we);
            }
        }
        None
    }

    fn c_weekday_in_week(&self, i: usize, st: &mut St) -> Option<usize> {
        let w = st.week?;
        let j = self.lits(i, &["周", "星期", "礼拜"]).map_or(i, |x| x.0);
        let (wd, e) = self.weekday_char(j)?;
        if j == i {
            return None;
        }
        st.date = Some(add_days(w, i64::from(wd.num_days_from_monday())));
        st.week = None;
        st.weekend = false;
        Some(e)
    }

    /// 今天, 明天, 后天, 昨天, 今晚, 明早, 现在, 今明两天…
    fn c_relday(&self, i: usize, st: &mut St) -> Option<usize> {
        if let Some(j) = self.lit(i, "第")
            && let Some((n, e, _)) = self.num(j)
            && let Some(e2) = self.lits(e, &["天"]).map(|x| x.0)
            && (1..=366).contains(&n)
        {
            st.date = Some(add_days(self.today, n - 1));
            st.explicit_day = true;
            st.grain = Some(Grain::Day);
            return Some(e2);
        }
        let words: [(&str, i64, Option<&str>); 46] = [
            ("今天", 0, None),
            ("今日", 0, None),
            ("今儿", 0, None),
            ("本日", 0, None),
            ("当天", 0, None),
            ("当日", 0, None),
            ("全天", 0, None),
            ("今早", 0, Some("早上")),
            ("今晨", 0, Some("早上")),
            ("今晚", 0, Some("晚上")),
            ("今夜", 0, Some("晚上")),
            ("当晚", 0, Some("晚上")),
            ("明天", 1, None),
            ("明日", 1, None),
            ("明儿", 1, None),
            ("听日", 1, None),
            ("次日", 1, None),
            ("翌日", 1, None),
            ("第二天", 1, None),
            ("隔天", 1, None),
            ("明早", 1, Some("早上")),
            ("明晨", 1, Some("早上")),
            ("明晚", 1, Some("晚上")),
            ("后天", 2, None),
            ("后日", 2, None),
            ("大后天", 3, None),
            ("大后日", 3, None),
            ("大大后天", 4, None),
            ("昨天", -1, None),
            ("昨日", -1, None),
            ("寻日", -1, None),
            ("昨晚", -1, Some("晚上")),
            ("昨夜", -1, Some("晚上")),
            ("前天", -2, None),
            ("前日", -2, None),
            ("大前天", -3, None),
            ("大前日", -3, None),
            ("今明两天", 0, Some("R")),
            ("今明两日", 0, Some("R")),
            ("现在", 0, Some("N")),
            ("此时", 0, Some("N")),
            ("此刻", 0, Some("N")),
            ("当前", 0, Some("N")),
            ("宜家", 0, Some("N")),
            ("而家", 0, Some("N")),
            ("依家", 0, Some("N")),
        ];
        // 调休上班那天 / 补班那天: the coming make-up workday (a weekend day worked for a holiday)
        if let Some((e, _)) = self.lits(
            i,
            &["调休上班那天", "调休上班的那天", "调休上班那一天", "调休那天", "调休的那天", "补班那天", "补班的那天"],
        ) && let Some(d) = calendar::next_makeup_workday(self.today)
        {
            st.date = Some(d);
            st.explicit_day = true;
            st.grain = Some(Grain::Day);
            return Some(e);
        }
        let pats: Vec<&str> = words.iter().map(|x| x.0).collect();
        let (e, k) = self.lits(i, &pats)?;
        let (_, off, extra) = words.get(k).copied()?;
        // "前天" inside "…前天" is fine; "明日" inside "说明日志" is rare enough.
        let d = add_days(self.today, off);
        st.date = Some(d);
        st.explicit_day = true;
        st.grain = Some(Grain::Day);
        match extra {
            Some("N") => st.now = true,
            Some("R") => {
                st.range_end = Some(add_days(d, 1));
            }
            Some("E") => {
                st.pod = Some(Pod { from: 18, to: 18, pm: true, implied: Some((18, 0)), night: false });
                st.marker = true;
            }
            Some(p) => {
                st.pod = PODS.iter().find(|x| x.0 == p).map(|x| x.1);
            }
            None => {}
        }
        Some(e)
    }

    fn c_pod(&self, i: usize, st: &mut St) -> Option<usize> {
        let pats: Vec<&str> = PODS.iter().map(|x| x.0).collect();
        let (e, k) = self.lits(i, &pats)?;
        let (name, p) = PODS.get(k).copied()?;
        // bare 早/晚 only directly before a clock number ("晚8点"), never "早一点"/"晚一点".
        if (name == "早" || name == "晚")
            && !(self.at(e).is_some_and(|c| c.is_ascii_digit() || (cn_digit(c).is_some() && c != '一') || c == '十'))
        {
            return None;
        }
        if name == "早" && self.lit(e, "点").is_some() {
            return None;
        }
        // 下午茶 / 晚饭 / 早餐 are not times.
        if self.at(e).is_some_and(|c| "茶饭餐".contains(c)) && p.implied.is_none() && !(name == "晚" || name == "早")
        {
            return None;
        }
        st.pod = Some(p);
        if st.date.is_none() && st.week.is_none() && st.month.is_none() && st.year.is_none() {
            st.date = Some(self.today);
            st.implied_today = true;
        }
        st.grain = Some(Grain::Hour);
        if p.implied == Some((18, 0)) || name.ends_with('前') {
            st.marker = true;
        }
        Some(e)
    }

    /// Clock times: 3点, 3点半, 3点15(分), 三点一刻, 15:30, 3pm, 3:15pm, 10时, 9点20.
    fn c_clock(&self, i: usize, st: &mut St, ctx: Option<&St>) -> Option<usize> {
        let (h, e, chinese) = self.num(i)?;
        if !(0..=24).contains(&h) {
            return None;
        }
        let mut h = h as u32;
        let mut m: u32 = 0;
        let mut e = e;
        let mut minute_grain = false;
        let mut explicit_ampm: Option<bool> = None;
        if !chinese && self.at(e) == Some(':') {
            let (mm, e2, n2) = self.digits(e + 1)?;
            if n2 != 2 || mm > 59 {
                return None;
            }
            m = mm as u32;
            e = e2;
            minute_grain = true;
            if self.at(e) == Some(':')
                && let Some((_, e3, 2)) = self.digits(e + 1)
            {
                e = e3;
            }
        } else if let Some((pe, _)) = self.lits(e, &["点钟", "点", "时"]) {
            // "第一点", "三点建议": enumerations, not times.
            if i > 0 && self.at(i - 1) == Some('第') {
                return None;
            }
            if st.pod.is_none()
                && !st.explicit_day
                && self.at(pe).is_some_and(|c| "建意要内问原想注说需改看因理好".contains(c))
                && self.at(pe.saturating_sub(1)) == Some('点')
            {
                return None;
            }
            // "一点" after adjectives is "a bit".
            if h == 1
                && chinese
                && i > 0
                && self.at(i - 1).is_some_and(|c| {
                    "快早晚多少慢好大小高低轻重长短近远差有再等稍暖冷热凉亮暗松紧细粗深浅淡浓宽窄厚薄软硬甜咸稳准极"
                        .contains(c)
                })
                && st.pod.is_none()
            {
                return None;
            }
            // (再展开一点 / 写详细一点: after any other word, with no day or part of the day and
            // nothing that marks a clock after it, "一点" is "a bit" too)
            if h == 1
                && chinese
                && i > 0
                && st.pod.is_none()
                && !st.explicit_day
                && self.at(pe.saturating_sub(1)) == Some('点')
                && self.at(i - 1).is_some_and(|c| crate::normalize::is_cjk(c) && !"到在于至约从和或前后是".contains(c))
                && self
                    .lits(pe, &["前", "之前", "以前", "半", "钟", "整", "左右", "到", "至", "开", "见", "的"])
                    .is_none()
            {
                return None;
            }
            if self.at(e) == Some('时') && self.lits(pe, &["候", "间", "代", "期", "尚", "刻"]).is_some() {
                return None;
            }
            e = pe;
            if let Some(x) = self.lit(e, "半") {
                m = 30;
                e = x;
                minute_grain = true;
            } else if let Some((x, k)) = self.lits(e, &["一刻", "1刻", "三刻", "3刻"]) {
                m = if k < 2 { 15 } else { 45 };
                e = x;
                minute_grain = true;
            } else if let Some(x) = self.lit(e, "整") {
                e = x;
            } else if let Some((x, _)) = self.lits(e, &["踏", "搭"]).filter(|_| chinese) {
                if let Some(x2) = self.lit(x, "半") {
                    m = 30;
                    e = x2;
                } else if let Some((v, x2)) = self.cn_num(x).filter(|(v, _)| (1..12).contains(v)) {
                    m = v as u32 * 5;
                    e = x2;
                }
                if let Some(x3) = self.lit(e, "个字") {
                    e = x3;
                }
                minute_grain = true;
            } else if let Some((v, x)) = self.cn_num(e).filter(|(v, x)| {
                chinese
                    && (1..12).contains(v)
                    && *x == e + 1
                    && self.lit(*x, "分").is_none()
                    && self.lits(*x, &["个", "天", "号", "日", "月"]).is_none_or(|_| self.lit(*x, "个字").is_some())
            }) {
                m = v as u32 * 5;
                e = x;
                if let Some(x3) = self.lit(e, "个字") {
                    e = x3;
                }
                minute_grain = true;
            } else {
                let mut k = e;
                let mut zero = false;
                if matches!(self.at(k), Some('零' | '〇')) {
                    k += 1;
                    zero = true;
                }
                if let Some((mm, e2, _)) = self.num(k)
                    && (0..60).contains(&mm)
                    && self.lits(e2, &["个", "天", "号", "日", "月", "年", "周", "小时"]).is_none()
                {
                    m = mm as u32;
                    e = e2;
                    minute_grain = true;
                    if let Some((x, _)) = self.lits(e, &["分钟", "分"]) {
                        e = x;
                    }
                    // seconds "18秒"
                    if let Some((_, e3, _)) = self.num(e)
                        && self.at(e3) == Some('秒')
                    {
                        e = e3 + 1;
                    }
                } else if zero {
                    // "3点零" → ignore
                }
            }
            if let Some(x) = self.lit(e, "钟") {
                e = x;
            }
            if matches!(self.at(e), Some('多' | '许')) {
                st.approx = true;
                e += 1;
            }
        } else if self.bare_before_range(e, &["点", "时"]) {
            // "9~12点半": the left hour of a clock range
        } else if chinese
            && h < 12
            && self.num(e).is_some_and(|(h2, e2, c2)| c2 && h2 == i64::from(h) + 1 && self.lit(e2, "点").is_some())
        {
            // "七八点": the first of two adjacent hours
        } else if !chinese {
            // "3pm", "3p"
        } else {
            return None;
        }
        if !chinese {
            let rest: String = (e..e + 2).filter_map(|k| self.at(k)).collect::<String>().to_ascii_lowercase();
            if rest.starts_with("pm") {
                explicit_ampm = Some(true);
                e += 2;
            } else if rest.starts_with("am") {
                explicit_ampm = Some(false);
                e += 2;
            } else if rest.starts_with('p') && !self.at(e + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
                explicit_ampm = Some(true);
                e += 1;
            } else if rest.starts_with('a') && !self.at(e + 1).is_some_and(|c| c.is_ascii_alphabetic()) && minute_grain
            {
                explicit_ampm = Some(false);
                e += 1;
            }
            if !minute_grain && explicit_ampm.is_none() && self.lits(e, &["点钟", "点", "时"]).is_none() {
                // plain digits without 点/: → not a time (already handled above for 点)
                let consumed_dian = (i..e).any(|k| matches!(self.at(k), Some('点' | '时')));
                if !consumed_dian && !self.bare_before_range(e, &["点", "时"]) {
                    return None;
                }
            }
        }
        if h > 12 || h == 0 {
            // 24h already
        } else if let Some(pm) = explicit_ampm {
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
        } else if let Some(p) = st.pod.or(ctx.and_then(|c| c.pod)) {
            if p.night {
                if h == 12 {
                    h = 24;
                } else if h >= 6 {
                    h += 12;
                }
            } else if p.pm {
                if h == 12 && p.to >= 24 {
                    h = 24;
                } else if h < 12 {
                    h += 12;
                }
            } else if p.implied == Some((12, 0)) && h <= 3 {
                h += 12;
            }
        } else if (1..=6).contains(&h) {
            let explicit_day = st.explicit_day || ctx.is_some_and(|c| c.explicit_day);
            let t = NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
            if explicit_day || self.r.time() > t {
                h += 12;
            }
        }
        st.time = Some((h, m));
        if st.date.is_none() && st.week.is_none() && st.month.is_none() {
            st.date = Some(self.today);
            st.implied_today = true;
        }
        // `prefer_future`: a clock time without a day that is already past today → tomorrow.
        if self.opts.prefer_future
            && st.implied_today
            && st.date == Some(self.today)
            && h < 24
            && dt(self.today, h, m) < self.r
        {
            st.date = Some(add_days(self.today, 1));
        }
        // "凌晨两点" said during the day: the coming night.
        if !st.explicit_day
            && st.date == Some(self.today)
            && st.pod.is_some_and(|p| p.from == 0 && !p.pm)
            && NaiveTime::from_hms_opt(h.min(23), m, 0).is_some_and(|t| t < self.r.time())
        {
            st.date = Some(add_days(self.today, 1));
        }
        st.grain = Some(if minute_grain { Grain::Minute } else { Grain::Hour });
        Some(e)
    }

    /// 节气 (冬至, 芒种…) and seasons (春天/夏季/秋天/冬季; bare 春/夏/秋/冬 only after a year).
    fn c_solar_term_or_season(&self, i: usize, st: &mut St) -> Option<usize> {
        let terms: Vec<&str> = calendar::solar_term_names().collect();
        if let Some((e, k)) = self.lits(i, &terms) {
            let name = terms.get(k).copied()?;
            // 清明 is also an official holiday: the holiday table gives it its block (清明节前 →
            // last workday before the block).
            if name == "清明" {
                return None;
            }
            // 雨水/小雪/大雪 are also weather words: only with a year or 节/前/后 after.
            if matches!(name, "雨水" | "小雪" | "大雪" | "白露")
                && st.year.is_none()
                && !self.at(e).is_some_and(|c| "节前后那当".contains(c))
            {
                return None;
            }
            // 小寒/大寒 of "year Y" fall in January of Y+1 (the term cycle starts in spring).
            let jan = k < 2;
            let date = match st.year {
                Some(y) => calendar::solar_term(name, if jan { y + 1 } else { y })?,
                None => {
                    let t = self.today;
                    let a = calendar::solar_term(name, t.year()).filter(|d| *d >= t);
                    a.or_else(|| calendar::solar_term(name, t.year() + 1))?
                }
            };
            st.date = Some(date);
            st.explicit_day = true;
            st.grain = Some(Grain::Day);
            let e = if self.at(e) == Some('节') { e + 1 } else { e };
            return Some(e);
        }
        let seasons = ["春天", "春季", "夏天", "夏季", "秋天", "秋季", "冬天", "冬季", "春", "夏", "秋", "冬"];
        let (e, k) = self.lits(i, &seasons)?;
        if k >= 8 && st.year.is_none() {
            return None;
        }
        if k >= 8 && self.at(e).is_some_and(|c| "节分至装游招季天".contains(c)) {
            return None;
        }
        let season = if k < 8 { k / 2 } else { k - 8 };
        let (from, to) = match season {
            0 => ("立春", "立夏"),
            1 => ("立夏", "立秋"),
            2 => ("立秋", "立冬"),
            _ => ("立冬", "立春"),
        };
        let y = st.year.unwrap_or_else(|| self.today.year());
        let s = calendar::solar_term(from, y)?;
        let en = calendar::solar_term(to, if to == "立春" { y + 1 } else { y })?;
        st.year = Some(y);
        st.period = Some((s.and_time(NaiveTime::MIN), en.and_time(NaiveTime::MIN), Grain::Day));
        st.due = Some((add_days(en, -1), None));
        Some(e)
    }

    /// True when `e` is followed by a range connector and a number carrying one of `units`.
    fn bare_before_range(&self, e: usize, units: &[&str]) -> bool {
        let Some((ce, _)) = self.lits(e, &["~", "到", "至", "-", "—", "——"]) else {
            return false;
        };
        let Some((_, e2, _)) = self.num(self.skip_ws(ce)) else {
            return false;
        };
        self.lits(e2, units).is_some()
    }

    /// Holidays and festivals.
    fn c_holiday(&self, i: usize, st: &mut St) -> Option<usize> {
        // (names, rule)
        // rule: 'S' solar fixed (m,d); 'L' lunar (m,d); 'E' Easter offset (d); 'O' Orthodox Easter offset;
        // 'N' nth weekday (m, n, wd); 'Q' qingming; 'C' 除夕; 'H' next official holiday block (节前/放假前).
        #[derive(Clone, Copy)]
        enum R {
            S(u32, u32),
            L(u32, u32),
            E(i64),
            O(i64),
            N(u32, i32, Weekday),
            Q,
            C,
            H,
            J(calendar::Jewish),
            Hi(calendar::Hindu),
            I(u32, u32),
        }
        const T: &[(&[&str], R, &str)] = &[
            (&["元旦节", "元旦", "阳历新年"], R::S(1, 1), "元旦"),
            (&["情人节", "圣瓦伦丁节"], R::S(2, 14), ""),
            (&["三八妇女节", "三八节", "妇女节", "国际妇女节"], R::S(3, 8), ""),
            (&["植树节"], R::S(3, 12), ""),
            (&["国际消费者权益日", "国际消费者权益日", "消费者权益日", "三一五"], R::S(3, 15), ""),
            (&["愚人节"], R::S(4, 1), ""),
            (&["五一国际劳动节", "国际劳动节", "五一劳动节", "劳动节", "五一", "五一节"], R::S(5, 1), "劳动节"),
            (&["五四青年节", "青年节"], R::S(5, 4), ""),
            (&["国际儿童节", "六一儿童节", "儿童节", "六一"], R::S(6, 1), ""),
            (&["建党节"], R::S(7, 1), ""),
            (&["八一建军节", "建军节"], R::S(8, 1), ""),
            (&["教师节"], R::S(9, 10), ""),
            // The national college entrance exam starts on 7 June every year.
            (&["高考"], R::S(6, 7), ""),
            (&["国庆节", "国庆", "十一长假", "十一假期", "十一黄金周", "十一"], R::S(10, 1), "国庆"),
            (&["万圣节"], R::S(10, 31), ""),
            (&["老板节"], R::S(10, 16), ""),
            (&["双十一", "双11", "光棍节"], R::S(11, 11), ""),
            // shopping festivals that set e-commerce deadlines (618前把满减档位定下来)
            (&["双十二", "双12"], R::S(12, 12), ""),
            (&["618", "六一八"], R::S(6, 18), ""),
            (&["澳门回归纪念日"], R::S(12, 20), ""),
            (&["平安夜"], R::S(12, 24), ""),
            (&["圣诞节", "圣诞"], R::S(12, 25), ""),
            (&["母亲节"], R::N(5, 2, Weekday::Sun), ""),
            (&["父亲节"], R::N(6, 3, Weekday::Sun), ""),
            (&["感恩节"], R::N(11, 4, Weekday::Thu), ""),
            (&["春节", "农历新年", "新春", "大年初一", "正月初一", "正月正时", "正月朔日"], R::L(1, 1), "春节"),
            (&["年前", "年后", "过完年", "过年前", "过年后", "年后上班"], R::L(1, 1), "春节"),
            (&["元宵节", "元宵", "农历元宵"], R::L(1, 15), ""),
            (&["龙抬头"], R::L(2, 2), ""),
            (&["端午节", "端午"], R::L(5, 5), "端午"),
            (&["七夕节", "七夕"], R::L(7, 7), ""),
            (&["中元节"], R::L(7, 15), ""),
            (&["中秋节", "中秋"], R::L(8, 15), "中秋"),
            (&["重阳节", "重阳"], R::L(9, 9), ""),
            (&["腊八节", "腊八"], R::L(12, 8), ""),
            (&["除夕", "大年三十", "年三十"], R::C, ""),
            (&["清明节", "清明"], R::Q, "清明"),
            (&["复活节", "主复活日"], R::E(0), ""),
            (&["复活节星期一"], R::E(1), ""),
            (&["耶稣受难日", "主受难日", "主受难节", "圣周五", "沉默周五"], R::E(-2), ""),
            (&["神圣周六", "圣周六", "耶稣受难日翌日", "主受难节翌日", "复活节前夜", "黑色星期六"], R::E(-1), ""),
            (&["神圣星期四", "圣周星期四", "圣周四", "濯足节", "设立圣餐日"], R::E(-3), ""),
            (&["棕枝主日", "圣枝主日", "圣树主日", "基督苦难主日"], R::E(-7), ""),
            (&["五旬节", "圣灵降临节", "圣灵降临日"], R::E(49), ""),
            (&["圣灵节庆日"], R::E(50), ""),
            (&["圣三一主日", "天主三一主日", "天主圣三一节", "圣三主日", "圣三节"], R::E(56), ""),
            (&["基督圣体节", "基督圣体圣血瞻礼", "基督圣体圣血节"], R::E(60), ""),
            (&["大斋首日", "圣灰星期三", "灰日", "圣灰礼仪日", "圣灰日"], R::E(-46), ""),
            (&["忏悔节", "忏悔火曜日", "煎饼星期二"], R::E(-47), ""),
            (&["四旬节"], R::E(-41), ""),
            (&["大斋期", "大斋节"], R::E(-46), ""),
            (&["东正教复活节星期一"], R::O(1), ""),
            (
                &["东正教神圣周六", "东正教圣周六", "东正教耶稣受难日翌日", "东正教主受难节翌日", "东正教复活节前夜"],
                R::O(-1),
                "",
            ),
            (&["东正教耶稣受难日", "东正教主受难节", "东正教圣周五", "东正教沉默周五"], R::O(-2), ""),
            (&["东正教棕枝主日", "东正教圣枝主日", "东正教圣树主日", "东正教基督苦难主日"], R::O(-7), ""),
            (&["拉撒路圣周六", "拉匝路周六"], R::O(-8), ""),
            (&["卫塞节", "威瑟节", "比萨宝蕉节", "佛诞节", "浴佛节"], R::L(4, 15), ""),
            (&["排灯节", "万灯节", "印度灯节", "屠妖节", "印度排灯节"], R::Hi(calendar::Hindu::Diwali), ""),
            (&["克哈特普迦节", "切哈斯节"], R::Hi(calendar::Hindu::Chhath), ""),
            (
                &["侯丽节", "荷丽节", "洒红节", "欢悦节", "五彩节", "胡里节", "好利节", "霍利节", "印度洒红节"],
                R::Hi(calendar::Hindu::Holi),
                "",
            ),
            (&["印度兄妹节", "兄妹节", "拉克沙班丹节", "拉克沙班丹"], R::Hi(calendar::Hindu::RakshaBandhan), ""),
            (&["九夜节", "难近母节", "杜尔迦节"], R::Hi(calendar::Hindu::Navaratri), ""),
            (&["十胜节", "凯旋节", "十胜日", "胜利节"], R::Hi(calendar::Hindu::Dussehra), ""),
            (&["印度丰收节", "庞格尔节", "淡米尔丰收节", "丰收节"], R::Hi(calendar::Hindu::Pongal), ""),
            (&["地球一小时"], R::N(3, -1, Weekday::Sat), ""),
            (&["开斋节", "肉孜节", "尔代节"], R::I(10, 1), ""),
            (&["古尔邦节", "宰牲节"], R::I(12, 10), ""),
            (&["伊斯兰新年", "伊斯兰教新年", "伊斯兰历新年"], R::I(1, 1), ""),
            (&["登霄节", "夜行登霄节"], R::I(7, 27), ""),
            (&["法令之夜", "权力之夜"], R::I(9, 27), ""),
            (&["圣纪节"], R::I(3, 12), ""),
            (&["斋月", "穆斯林斋月"], R::I(9, 1), ""),
            (&["阿舒拉节"], R::I(1, 10), ""),
            // Jewish holidays start at the eve (Duckling's convention): the date is the eve.
            (&["逾越节"], R::J(calendar::Jewish::FromPesach(0)), ""),
            (&["篝火节", "犹太教篝火节"], R::J(calendar::Jewish::FromPesach(33)), ""),
            (&["七七节", "沙夫幼特节", "周日节", "收获节", "新果实节"], R::J(calendar::Jewish::FromPesach(50)), ""),
            (&["以色列独立日", "以色列国庆节"], R::J(calendar::Jewish::Independence), ""),
            (&["圣殿被毁日", "禁食日"], R::J(calendar::Jewish::TishaBav), ""),
            (&["犹太新年"], R::J(calendar::Jewish::FromRoshHashanah(0)), ""),
            (&["赎罪日"], R::J(calendar::Jewish::FromRoshHashanah(9)), ""),
            (&["住棚节"], R::J(calendar::Jewish::FromRoshHashanah(14)), ""),
            (&["圣会节"], R::J(calendar::Jewish::FromRoshHashanah(21)), ""),
            (
                &["西赫托拉节", "西赫妥拉节", "诵经节", "转经节", "律法节", "欢庆圣法节"],
                R::J(calendar::Jewish::FromRoshHashanah(22)),
                "",
            ),
            (&["光明节", "修殿节", "献殿节", "烛光节", "哈努卡节", "马加比节"], R::J(calendar::Jewish::Hanukkah), ""),
            (&["犹太植树节", "图比舍巴特节", "树木新年"], R::J(calendar::Jewish::TuBishvat), ""),
            (
                &[
                    "节前",
                    "放假前",
                    "节假日前",
                    "假期前",
                    "长假前",
                    "节后",
                    "节后第一天",
                    "假期后",
                    "放假后",
                    "长假后",
                    "收假后",
                    "节后第一个工作日",
                    "节后上班第一天",
                ],
                R::H,
                "",
            ),
        ];
        if let Some(e) = self.c_solar_term_or_season(i, st) {
            return Some(e);
        }
        let mut best: Option<(usize, R, &str, &str)> = None;
        for (names, rule, off) in T {
            for n in names.iter() {
                if let Some(e) = self.lit(i, n)
                    && best.is_none_or(|b| e > b.0)
                {
                    best = Some((e, *rule, off, n));
                }
            }
        }
        let (mut e, rule, official, name) = best?;
        // a holiday naming a thing is no date: 圣诞树 / 圣诞老人 / 春节档 / 国庆档
        if self.at(e).is_some_and(|c| "树档帽".contains(c)) || self.lit(e, "老人").is_some() {
            return None;
        }
        // 年前/年后 (= before/after the Spring Festival) only when not the tail of a year or a count.
        if matches!(name, "年前" | "年后" | "过年前" | "过年后" | "过完年" | "年后上班") {
            if i > 0
                && self.at(i - 1).is_some_and(|c| {
                    c.is_ascii_digit() || cn_digit(c).is_some() || "今去明前后本十百千几多半个".contains(c)
                })
            {
                return None;
            }
            if name.ends_with('前') {
                st.before = true;
            } else {
                st.after = true;
            }
            st.marker = true;
        }
        // "五一"/"六一" only as holidays when not part of a number/date ("五一节前" ok, "五一二" no)
        // (618 / 双11 only standing alone or before 前/当天/活动…: 6180元 and 房间618 are numbers,
        // 双11主会场 a thing)
        if matches!(name, "618" | "双11" | "双12")
            && ((i > 0 && self.at(i - 1).is_some_and(|c| c.is_ascii_alphanumeric()))
                || self.at(e).is_some_and(|c| {
                    c.is_ascii_digit()
                        || c == '%'
                        || (crate::normalize::is_cjk(c) && !"前之以大活当那期节后".contains(c))
                }))
        {
            return None;
        }
        if matches!(name, "五一" | "六一" | "三一五")
            && self.at(e).is_some_and(|c| cn_digit(c).is_some() || "十号日个月点".contains(c))
        {
            return None;
        }
        // Bare "十一" (= 国庆) only standing alone or before a holiday/time word: "十一前", "十一回来";
        // never a number ("十一点", "十一个", "第十一", "12月十一日") or a list label ("十一、", "十一.").
        if name == "十一" {
            let prev_ok = i == 0
                || self.at(i - 1).is_none_or(|c| {
                    !(c.is_ascii_digit() || cn_digit(c).is_some() || "第周期星月初廿年礼拜号日点百千万".contains(c))
                });
            let next_ok =
                self.at(e).is_none_or(|c| "前后之期放假回那节过结长黄!?;:。！？；：…~ 要的也都就再".contains(c))
                    && self.lit(e, "后天").is_none();
            if !(prev_ok && next_ok) {
                return None;
            }
        }
        // 国庆套餐 / 中秋礼盒 / 端午活动: a bare festival name before a noun names the thing, not a day
        // (中秋国庆件 / 中秋国庆双节订单量: a second festival name before the noun, or 双节 after both)
        let chained = ["中秋", "国庆", "元旦", "春节", "端午", "五一", "清明", "圣诞"]
            .iter()
            .find_map(|n| self.lit(e, n))
            .unwrap_or(e);
        let doubled = self.lit(chained, "双节").unwrap_or(chained);
        if !matches!(rule, R::H) && [e, chained, doubled].iter().any(|k| self.lits(*k, &FESTIVAL_NOUNS).is_some()) {
            return None;
        }
        if matches!(rule, R::H) {
            // The coming official holiday block: 节前 → last workday before it, 节后 → first after it.
            let after = name.contains('后');
            let t = self.today;
            let mut found = None;
            for y in [t.year() - 1, t.year(), t.year() + 1] {
                for n in ["元旦", "春节", "清明", "劳动节", "端午", "中秋", "国庆"] {
                    if let Some(b) = calendar::holiday(n, y)
                        && let (Some(f), Some(l)) = (b.off_days.first(), b.off_days.last())
                        // (节后第一天 said on that first workday itself is today)
                        && (if after { calendar::next_workday(*l) >= t } else { *f > t })
                        && found.is_none_or(|(ff, _): (NaiveDate, NaiveDate)| *f < ff)
                    {
                        found = Some((*f, *l));
                    }
                }
            }
            let (f, l) = found?;
            st.date = Some(if after { calendar::next_workday(l) } else { f });
            st.holiday = Some((f, Some((f, l))));
            st.before = !after;
            st.after = after;
            st.marker = true;
            st.explicit_day = true;
            return Some(e);
        }
        if self.at(e) == Some('节') && !name.ends_with('节') {
            e += 1;
        }
        // "元旦假期前", "五一放假前", "国庆长假后": the holiday block itself.
        if let Some((x, _)) = self.lits(e, &["假期", "小长假", "长假", "放假", "黄金周", "期间", "假"]) {
            e = x;
        }
        let compute = |y: i32| -> Option<NaiveDate> {
            match rule {
                R::S(m, d) => ymd(y, m, d),
                R::L(m, d) => calendar::lunar_to_solar(y, m, d, false),
                R::E(o) => calendar::easter(y).map(|x| add_days(x, o)),
                R::O(o) => calendar::orthodox_easter(y).map(|x| add_days(x, o)),
                R::N(m, n, wd) => calendar::nth_weekday(y, m, wd, n),
                R::Q => calendar::qingming(y),
                R::C => calendar::lunar_to_solar(y + 1, 1, 1, false).map(|x| add_days(x, -1)),
                R::H => None,
                R::J(h) => calendar::jewish_holiday(h, y).map(|x| add_days(x, -1)),
                R::Hi(h) => calendar::hindu_festival(h, y),
                R::I(m, d) => calendar::islamic_next(m, d, ymd(y, 1, 1)?).filter(|x| x.year() == y),
            }
        };
        let date = match st.year {
            Some(y) => compute(y)?,
            None => {
                let t = self.today;
                let a = compute(t.year() - 1).filter(|d| *d >= t);
                let b = compute(t.year()).filter(|d| *d >= t);
                a.or(b).or_else(|| compute(t.year() + 1))?
            }
        };
        let block = if official.is_empty() {
            None
        } else {
            calendar::holiday(official, date.year())
                .filter(|b| b.off_days.iter().any(|d| (*d - date).num_days().abs() <= 10))
                .and_then(|b| Some((*b.off_days.first()?, *b.off_days.last()?)))
        };
        // "春节第三天", "国庆假期第二天", "印度丰收节第四天": day N of the festival (of the official
        // block when there is one; Pongal's four days start with Bhogi, the day before Thai Pongal).
        let mut date = date;
        if let Some(x) = self.lit(e, "第")
            && let Some((n, x2, _)) = self.num(x)
            && let Some(x3) = self.lit(x2, "天")
            && (1..=15).contains(&n)
        {
            let first = match (rule, block) {
                (R::Hi(calendar::Hindu::Pongal), _) => add_days(date, -1),
                (_, Some((f, _))) => f,
                _ => date,
            };
            date = add_days(first, n - 1);
            e = x3;
        }
        st.date = Some(date);
        // An exam day is a working day, not a holiday: 高考前 is due that day (inclusive 前), not on
        // the last workday before it.
        if !EXAM_DAYS.contains(&name) {
            st.holiday = Some((date, block));
        }
        st.explicit_day = true;
        st.grain = Some(Grain::Day);
        if name == "地球一小时" {
            // Earth Hour moves a week earlier when the last Saturday of March is Holy Saturday
            // (2013, 2016, 2024).
            if let Some(d) = st.date
                && calendar::easter(d.year()).is_some_and(|easter| add_days(easter, -1) == d)
            {
                st.date = Some(add_days(d, -7));
            }
            st.time = Some((20, 30));
            st.grain = Some(Grain::Minute);
        }
        Some(e)
    }
}

/// Named days that are events on working days rather than festivals (the national exam, the
/// shopping festivals e-commerce teams work towards): 前 includes the day.
const EXAM_DAYS: &[&str] = &["高考", "618", "六一八", "双十一", "双11", "双十二", "双12"];

/// Nouns that a number + 号 names (3号楼, 2号车间, 5号线): after them, N号 is not a day.
const NUMBERED_NOUNS: &[&str] = &[
    "车间",
    "楼",
    "线",
    "机",
    "仓",
    "库",
    "门",
    "窗口",
    "房",
    "床",
    "柜",
    "台",
    "口",
    "工位",
    "产线",
    "码头",
    "展位",
    "包厢",
    "病区",
    "教室",
    "会议室",
    "厅",
    "馆",
    "站",
    "位",
    "桌",
    "箱",
    "坑",
    "机位",
    "泊位",
    "货架",
    "通道",
    "车",
    "件",
    "文件",
    "诊室",
    "室",
    "区",
    "栋",
    "单元",
    "店",
    "塔",
    "井",
    "罐",
    "炉",
    "泵",
    "池",
    "病人",
    "患者",
    // (farms, yards, fleets and stages: 3号育肥舍, 12号杆, 18号母猪, 2号水罐车, 二号展柜, 3号选手)
    "舍",
    "育肥舍",
    "保育舍",
    "分娩舍",
    "栏",
    "圈",
    "棚",
    "杆",
    "桩",
    "母猪",
    "猪",
    "牛",
    "水罐车",
    "展柜",
    "展台",
    "档口",
    "摊位",
    "船",
    "泊位",
    "登机口",
    "廊桥",
    "跑道",
    "电梯",
    "扶梯",
    "电扶梯",
    "闸",
    "阀",
    "风机",
    "机组",
    "设备",
    "选手",
    "考场",
    "考生",
    "队员",
    "球员",
    "包间",
    "样品",
];
