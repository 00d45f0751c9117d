//! Owner resolution: people mentions in a message → roster members.
//!
//! Input: normalised text (as chars), its @mentions, the sender and the chat roster. Output: every
//! person reference found ([`OwnerRef`]: char span, kind, resolution, whether it sits in an object
//! position such as 给我 / 发给大家). Rules (benchmark README "Owners"): @name and full names;
//! 我 → sender; 你/您 → the addressed person; 大家/各位/所有人/每个人/@all/各位X/每位X/各X主任 → `@all`;
//! surname + 总/姐/哥/工/老师/主任/经理/律/医生/… and 小/老 + surname → the unique member with that
//! surname; a given name alone (婷婷) → the unique member whose given name it is.
//! Ambiguous references resolve to [`Resolved::Ambiguous`], never to a guess.
//!
//! Pure functions, no I/O; never panics.

use crate::normalize::{Mention, is_cjk};

/// What a reference resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// One roster member.
    Member(String),
    /// Everyone (`@all`).
    All,
    /// Several members fit.
    Ambiguous,
    /// Nobody in the roster fits.
    Unknown,
}

/// How a reference was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// `@name`.
    Mention,
    /// A full roster name.
    Name,
    /// Surname + title (王总, 李老师).
    Title,
    /// 小/老 + surname.
    Nickname,
    /// Given name alone.
    GivenName,
    /// 我 (the sender).
    SelfRef,
    /// 你/您 (the addressee).
    Addressee,
    /// 大家/各位/@all.
    Group,
}

/// One person reference in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerRef {
    /// Char span start in the normalised text.
    pub start: usize,
    /// Char span end (exclusive).
    pub end: usize,
    /// How it was written.
    pub kind: RefKind,
    /// What it resolves to.
    pub resolved: Resolved,
    /// In an object / recipient position (给我, 发给大家, 问张三): not a doer.
    pub object: bool,
}

/// The chat roster.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    members: Vec<String>,
}

const COMPOUND_SURNAMES: [&str; 12] =
    ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "长孙"];

/// Titles that follow a surname to address a member.
pub const TITLES: [&str; 41] = [
    "园长",
    "班主任",
    "教练",
    "团长",
    "书记",
    "导",
    "所长",
    "站长",
    "店长",
    "科长",
    "处长",
    "局长",
    "厂长",
    "行长",
    "馆长",
    "班长",
    "队长",
    "主管",
    "总监",
    "主编",
    "师傅",
    "大夫",
    "会计",
    "老师",
    "主任",
    "经理",
    "医生",
    "护士长",
    "站长",
    "站",
    "老板",
    "律师",
    "院长",
    "校长",
    "组长",
    "部长",
    "总",
    "姐",
    "哥",
    "工",
    "律",
];

const GROUP_WORDS: [&str; 18] = [
    "大家",
    "各位",
    "所有人",
    "每个人",
    "每人",
    "人人",
    "每位",
    "全体",
    "同事们",
    "兄弟们",
    "小伙伴们",
    "全员",
    // (each team or department of the group: 各组 / 每个部门 周三前交复盘)
    "各部门",
    "每个部门",
    "各组",
    "每个组",
    "各小组",
    "各门店",
];

/// Units of an organisation that 各 makes the whole group (各岗位 周五前交小结).
const GROUP_UNITS: [&str; 33] = [
    // (各区饲养员放假前把护栏检查一遍 / 各店这周四之前把海报贴出来 / 各队 / 各街道)
    "区",
    "店",
    "班",
    "科",
    "队",
    "馆",
    "部",
    "分店",
    "园区",
    "展区",
    "病区",
    "提货点",
    "网格",
    "社区",
    "街道",
    "乡镇",
    "楼层",
    "岗位",
    "科室",
    "条线",
    "学科",
    "班组",
    "车间",
    "区域",
    "片区",
    "网点",
    "校区",
    "分公司",
    "项目组",
    "站点",
    "中心",
    "模块",
    "团队",
];

/// Who speaks for a unit (各岗位负责人 / 各学科教练).
const UNIT_HEADS: [&str; 12] =
    ["负责人", "教练", "老师", "组长", "主管", "同事", "同学", "店长", "饲养员", "班长", "队长", "网格员"];

/// (把左教练的学员调给… : after 把 comes what is handled)
const OBJECT_MARKERS: [char; 7] = ['给', '跟', '向', '找', '问', '帮', '把'];

impl Roster {
    /// Builds a roster from display names (empty names are dropped).
    pub fn new(members: &[String]) -> Self {
        Roster { members: members.iter().filter(|m| !m.trim().is_empty()).cloned().collect() }
    }

    /// The members.
    pub fn members(&self) -> &[String] {
        &self.members
    }

    /// Whether `name` is a member.
    pub fn contains(&self, name: &str) -> bool {
        self.members.iter().any(|m| m == name)
    }

    /// Surname of a display name (compound surnames aware); the whole name when it is one char.
    pub fn surname(name: &str) -> &str {
        for c in COMPOUND_SURNAMES {
            if name.starts_with(c) && name.chars().count() > 2 {
                return c;
            }
        }
        let end = name.char_indices().nth(1).map(|(i, _)| i).unwrap_or(name.len());
        name.get(..end).unwrap_or(name)
    }

    /// Given name (the display name minus the surname); empty for non-Chinese names.
    pub fn given_name(name: &str) -> &str {
        if !name.chars().all(is_cjk) {
            return "";
        }
        let s = Self::surname(name);
        name.get(s.len()..).unwrap_or("")
    }

    fn unique(&self, pred: impl Fn(&str) -> bool) -> Resolved {
        let hits: Vec<&String> = self.members.iter().filter(|m| pred(m)).collect();
        match hits.as_slice() {
            [] => Resolved::Unknown,
            [one] => Resolved::Member((*one).clone()),
            _ => Resolved::Ambiguous,
        }
    }

    /// The unique member with this surname.
    pub fn by_surname(&self, surname: &str) -> Resolved {
        self.unique(|m| Self::surname(m) == surname && m.chars().all(is_cjk))
    }

    /// The unique member with this given name (≥ 2 chars, or the doubled 1-char form 婷婷 of a
    /// 1-char given name).
    pub fn by_given(&self, given: &str) -> Resolved {
        self.unique(|m| {
            let g = Self::given_name(m);
            !g.is_empty()
                && (g == given || (g.chars().count() == 1 && (format!("{g}{g}") == given || format!("小{g}") == given)))
        })
    }

    /// Resolves one alias as a whole string: full name, 王总, 小刘, 婷婷, 大家.
    pub fn resolve_alias(&self, alias: &str) -> Resolved {
        let a = alias.trim().trim_start_matches('@');
        if self.contains(a) {
            return Resolved::Member(a.to_string());
        }
        if GROUP_WORDS.contains(&a) || matches!(a, "all" | "所有人" | "全体成员") {
            return Resolved::All;
        }
        let chars: Vec<char> = a.chars().collect();
        for t in TITLES {
            if let Some(s) = a.strip_suffix(t) {
                if !s.is_empty() && s.chars().count() <= 2 {
                    // (峰哥 for 骆峰 when no one's surname is 峰)
                    return match self.by_surname(s) {
                        Resolved::Unknown if matches!(t, "哥" | "姐") => self.by_given(s),
                        r => r,
                    };
                }
            }
        }
        if chars.len() == 2 && matches!(chars.first(), Some('小' | '老')) {
            let s: String = chars.get(1..).unwrap_or(&[]).iter().collect();
            // (小川 with no 川 in the group: the given name of 郑小川)
            return match self.by_surname(&s) {
                Resolved::Unknown => self.by_given(a),
                r => r,
            };
        }
        if chars.len() == 2 && chars.first() == Some(&'阿') {
            return self.by_a_nickname(chars.get(1).copied().unwrap_or(' '));
        }
        self.by_given(a)
    }

    /// 阿 + one char: the unique member whose given name ends with it (阿强 → 郑强), else the unique
    /// member with that surname (阿陈).
    pub fn by_a_nickname(&self, c: char) -> Resolved {
        match self.unique(|m| Self::given_name(m).ends_with(c)) {
            Resolved::Unknown => self.by_surname(&c.to_string()),
            r => r,
        }
    }

    /// Aliases worth adding to the segmenter: names, 小X/老X, X总…, given names.
    pub fn aliases(&self) -> Vec<String> {
        let mut out = Vec::new();
        for m in &self.members {
            out.push(m.clone());
            if !m.chars().all(is_cjk) {
                continue;
            }
            let s = Self::surname(m);
            for p in ["小", "老"] {
                out.push(format!("{p}{s}"));
            }
            if let Some(c) = Self::given_name(m).chars().last()
                && matches!(self.by_a_nickname(c), Resolved::Member(_))
            {
                out.push(format!("阿{c}"));
            }
            for t in TITLES {
                out.push(format!("{s}{t}"));
            }
            let g = Self::given_name(m);
            if g.chars().count() >= 2 {
                out.push(g.to_string());
            }
        }
        out
    }

    /// Finds every person reference in `t` (normalised chars). `addressee` resolves 你/您.
    pub fn find_refs(&self, t: &[char], mentions: &[Mention], sender: &str, addressee: Option<&str>) -> Vec<OwnerRef> {
        let mut refs: Vec<OwnerRef> = Vec::new();
        let mut taken = vec![false; t.len()];
        let mark = |s: usize, e: usize, taken: &mut Vec<bool>| -> bool {
            if e > taken.len() || taken.get(s..e).is_none_or(|x| x.iter().any(|b| *b)) {
                return false;
            }
            for b in taken.iter_mut().skip(s).take(e - s) {
                *b = true;
            }
            true
        };
        for m in mentions {
            if mark(m.start, m.end, &mut taken) {
                let resolved = if m.name == "@all" {
                    Resolved::All
                } else if m.resolved {
                    Resolved::Member(m.name.clone())
                } else {
                    self.resolve_alias(&m.name)
                };
                refs.push(OwnerRef { start: m.start, end: m.end, kind: RefKind::Mention, resolved, object: false });
            }
        }
        // candidate string patterns, longest first
        let mut pats: Vec<(Vec<char>, RefKind, Resolved)> = Vec::new();
        for m in &self.members {
            pats.push((m.chars().collect(), RefKind::Name, Resolved::Member(m.clone())));
        }
        for g in GROUP_WORDS {
            pats.push((g.chars().collect(), RefKind::Group, Resolved::All));
        }
        // each unit of the organisation, or its heads (各岗位 / 各科室负责人 / 各学科教练), is the group
        for u in GROUP_UNITS {
            pats.push((format!("各{u}").chars().collect(), RefKind::Group, Resolved::All));
            for t in UNIT_HEADS {
                pats.push((format!("各{u}{t}").chars().collect(), RefKind::Group, Resolved::All));
            }
        }
        // a role said of many (各店长 / 团长们 / 老师们) is the group
        for t in TITLES.iter().filter(|t| t.chars().count() >= 2) {
            pats.push((format!("各{t}").chars().collect(), RefKind::Group, Resolved::All));
            pats.push((format!("{t}们").chars().collect(), RefKind::Group, Resolved::All));
        }
        let mut surnames: Vec<&str> =
            self.members.iter().filter(|m| m.chars().all(is_cjk)).map(|m| Self::surname(m)).collect();
        surnames.sort_unstable();
        surnames.dedup();
        for s in &surnames {
            for t in TITLES {
                pats.push((format!("{s}{t}").chars().collect(), RefKind::Title, self.by_surname(s)));
            }
            for p in ["小", "老"] {
                pats.push((format!("{p}{s}").chars().collect(), RefKind::Nickname, self.by_surname(s)));
            }
        }
        for m in &self.members {
            for c in [Self::given_name(m).chars().last(), Self::surname(m).chars().next()].into_iter().flatten() {
                let r = self.by_a_nickname(c);
                if matches!(r, Resolved::Member(_)) && Self::given_name(m).chars().count() >= 1 {
                    pats.push((vec!['阿', c], RefKind::Nickname, r));
                }
            }
            let g = Self::given_name(m);
            let gl = g.chars().count();
            if gl >= 2 {
                pats.push((g.chars().collect(), RefKind::GivenName, self.by_given(g)));
            } else if gl == 1 {
                let d = format!("{g}{g}");
                pats.push((d.chars().collect(), RefKind::GivenName, self.by_given(&d)));
                // (峰哥 / 雪姐 for 骆峰 / 龚雪, and 小雪 for 龚雪, unless 峰 or 雪 is someone's surname:
                // then the title or nickname is theirs)
                let no_surname = self.by_surname(g) == Resolved::Unknown;
                if no_surname {
                    for t in ["哥", "姐"] {
                        let x = format!("{g}{t}");
                        pats.push((x.chars().collect(), RefKind::Title, self.by_given(g)));
                    }
                }
                // (not the words 小心, 小雨, 小时, 小组, 小红书 …)
                if no_surname
                    && !g.chars().all(|c| {
                        "心雨时学说样事票吃组区孩姐费数型伙米麦额计结屏品批号店卖份单图程窗满寒暑年朋半块点便动客腿鸟红"
                            .contains(c)
                    })
                {
                    let x = format!("小{g}");
                    pats.push((x.chars().collect(), RefKind::Nickname, self.by_given(&x)));
                }
            }
        }
        pats.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        for (pat, kind, resolved) in &pats {
            let n = pat.len();
            if n == 0 {
                continue;
            }
            let mut i = 0;
            while i + n <= t.len() {
                if t.get(i..i + n).is_some_and(|s| s == pat.as_slice()) {
                    // 周总 vs 周五: titles are only matched when the title is complete;
                    // 老师 inside 王老师 handled by longest-first; skip 小X inside a longer word like 小时
                    if *kind == RefKind::Nickname
                        && t.get(i + n).is_some_and(|c| is_cjk(*c))
                        && matches!(t.get(i + n), Some('时' | '组' | '区' | '学'))
                    {
                        i += 1;
                        continue;
                    }
                    // 对方律师 / 双方 / 工作 / 总结: a surname + title inside a common word
                    if *kind == RefKind::Title && title_in_word(t, i, n) {
                        i += 1;
                        continue;
                    }
                    if mark(i, i + n, &mut taken) {
                        refs.push(OwnerRef {
                            start: i,
                            end: i + n,
                            kind: *kind,
                            resolved: resolved.clone(),
                            object: false,
                        });
                        i += n;
                        continue;
                    }
                }
                i += 1;
            }
        }
        // 各位X / 每位X / 各X主任 / 各班主任 groups
        for (i, c) in t.iter().enumerate() {
            if *c == '各' && t.get(i + 1).is_some_and(|c| matches!(c, '班' | '组' | '部' | '科' | '店' | '车')) {
                let mut e = i + 2;
                while e < t.len()
                    && e < i + 6
                    // (各部门这个月的…: the group ends before a time word or 的)
                    && t.get(e).is_some_and(|c| {
                        is_cjk(*c) && !matches!(c, '把' | '在' | '于' | '要' | '请' | '的' | '这' | '今' | '明' | '本' | '下' | '上' | '每')
                    })
                {
                    e += 1;
                }
                if mark(i, e, &mut taken) {
                    refs.push(OwnerRef {
                        start: i,
                        end: e,
                        kind: RefKind::Group,
                        resolved: Resolved::All,
                        object: false,
                    });
                }
            }
        }
        // 我 / 你 / 您
        for (i, c) in t.iter().enumerate() {
            let kind = match c {
                '我' => RefKind::SelfRef,
                '你' | '您' => RefKind::Addressee,
                _ => continue,
            };
            if taken.get(i).copied().unwrap_or(true) {
                continue;
            }
            // 我们 / 你们 are groups, not a single doer
            if t.get(i + 1) == Some(&'们') {
                // (李姐 从你们组挑8个人 / @小王 你们部门…: the team of the one addressed is theirs to run)
                let team = t.get(i + 2).is_some_and(|c| "组部班店科队团".contains(*c));
                if kind == RefKind::Addressee
                    && team
                    && let Some(a) = addressee.filter(|a| *a != "@all")
                {
                    refs.push(OwnerRef {
                        start: i,
                        end: i + 2,
                        kind: RefKind::Addressee,
                        resolved: Resolved::Member(a.to_string()),
                        object: false,
                    });
                } else if kind == RefKind::Addressee {
                    refs.push(OwnerRef {
                        start: i,
                        end: i + 2,
                        kind: RefKind::Group,
                        resolved: Resolved::All,
                        object: false,
                    });
                }
                continue;
            }
            let resolved = match kind {
                RefKind::SelfRef => Resolved::Member(sender.to_string()),
                _ => match addressee {
                    Some(a) if a == "@all" => Resolved::All,
                    Some(a) => Resolved::Member(a.to_string()),
                    None => Resolved::Unknown,
                },
            };
            refs.push(OwnerRef { start: i, end: i + 1, kind, resolved, object: false });
        }
        for r in refs.iter_mut() {
            r.object = is_object_position(t, r.start, r.end);
        }
        // 你们 / 你俩 after named people (@程亮 @潘宇航 你俩分一下) points back at them: the names
        // are the doers, the plural 你 adds nobody (and is not everyone).
        let named = refs.iter().any(|r| matches!(r.kind, RefKind::Mention | RefKind::Name) && !r.object);
        if named {
            refs.retain(|r| {
                let plural = matches!(t.get(r.start), Some('你' | '您'))
                    && matches!(t.get(r.start + 1), Some('们' | '俩' | '两'));
                !plural
            });
        }
        refs.sort_by_key(|r| r.start);
        // 田慧你值…: a 你 right after a name is that person, not the message's addressee
        for i in 1..refs.len() {
            let (head, tail) = refs.split_at_mut(i);
            if let (Some(prev), Some(cur)) = (head.last(), tail.first_mut())
                && cur.kind == RefKind::Addressee
                && prev.end == cur.start
                && cur.end == cur.start + 1
                && matches!(prev.resolved, Resolved::Member(_) | Resolved::Ambiguous)
                && !prev.object
            {
                cur.resolved = prev.resolved.clone();
            }
        }
        // (小川对接一下各班主任 / 小王通知大家: a group after someone's verb in the same clause is whom
        // the work reaches, not who does it; 张伟和大家一起… stays a doer)
        let sep =
            |c: &char| matches!(c, '，' | ',' | '：' | ':' | ' ' | '；' | ';' | '。' | '\n' | '！' | '!' | '？' | '?');
        for i in 1..refs.len() {
            let (head, tail) = refs.split_at_mut(i);
            let Some(cur) = tail.first_mut() else { continue };
            if !matches!(cur.kind, RefKind::Group | RefKind::Addressee) || cur.object || cur.start == 0 {
                continue;
            }
            let doer_before = head.iter().rev().find(|p| {
                !p.object
                    && !matches!(p.kind, RefKind::Group)
                    && p.end < cur.start
                    && t.get(p.end..cur.start).is_some_and(|between| !between.iter().any(sep))
            });
            let joined = t.get(cur.start - 1).is_some_and(|c| "和跟与、及同".contains(*c));
            // (我提醒大家… / 我觉得你可以先…: after these verbs the one named does the work)
            let lead: String = t.get(cur.start.saturating_sub(4)..cur.start).unwrap_or(&[]).iter().collect();
            let pivot =
                ["提醒", "通知", "请", "让", "叫", "要求", "麻烦", "希望", "觉得", "建议", "想", "要", "需要", "帮"]
                    .iter()
                    .any(|w| lead.trim_end_matches("一下").trim_end_matches('下').ends_with(w));
            // (a 你 or a group after the sender's verb: 我晚上拉你进去 / 我明天带过来大家投票)
            let ok = match doer_before.map(|p| p.kind) {
                Some(RefKind::SelfRef) => {
                    let adjacent_you =
                        cur.kind == RefKind::Addressee && doer_before.is_some_and(|p| p.end == cur.start);
                    !(pivot || adjacent_you)
                }
                Some(_) => cur.kind == RefKind::Group,
                None => false,
            };
            // (起草一下全员改密码的通知: a group right after 一下 is in what the work names)
            let after_yixia = cur.kind == RefKind::Group && lead.ends_with("一下") && !pivot;
            if (ok || after_yixia) && !joined {
                cur.object = true;
            }
        }
        // (@焦俊峰 去看下戚姐那边的自提柜: after someone else's verb, what is at a person's place is
        // theirs, not their work; 毕老师那边的报告什么时候能出 alone still asks them)
        for i in 1..refs.len() {
            let (head, tail) = refs.split_at_mut(i);
            let Some(cur) = tail.first_mut() else { continue };
            let end = cur.end;
            let at_place = ["那边的", "那里的", "那儿的", "家的"]
                .iter()
                .any(|w| t.get(end..end + w.chars().count()).is_some_and(|x| x.iter().copied().eq(w.chars())));
            if at_place && head.iter().any(|p| !p.object && p.kind != RefKind::Group) {
                cur.object = true;
            }
        }
        refs
    }

    /// The addressed person: a vocative name/alias at the start (`小萧，…`, `王总 …`), else the
    /// single resolved @mention, else the quoted sender.
    pub fn addressee(&self, t: &[char], mentions: &[Mention], reply_sender: Option<&str>) -> Option<String> {
        // vocative: leading alias followed by a separator
        let mut best: Option<String> = None;
        for len in (2..=5).rev() {
            if let Some(head) = t.get(0..len) {
                let s: String = head.iter().collect();
                // (赵律您好 …: a greeting after the name is a separator too)
                let greeting = matches!(t.get(len..len + 2), Some(['您' | '你', '好']));
                if greeting
                    || t.get(len).is_some_and(|c| matches!(c, '，' | ',' | ' ' | '：' | ':' | '、' | '!' | '！'))
                {
                    match self.resolve_alias(&s) {
                        Resolved::Member(m) => {
                            best = Some(m);
                            break;
                        }
                        Resolved::All => {
                            best = Some("@all".into());
                            break;
                        }
                        _ => {}
                    }
                }
            }
        }
        if best.is_some() {
            return best;
        }
        let resolved: Vec<&Mention> = mentions.iter().filter(|m| m.resolved).collect();
        if let [one] = resolved.as_slice() {
            return Some(one.name.clone());
        }
        reply_sender.filter(|s| self.contains(s)).map(|s| s.to_string())
    }
}

/// Whether a surname + title match at `[i, i + n)` is part of a common word: 律师 / 律所, 工作 /
/// 工程, 总结 / 总部 after the title, or 方 as in 对方 / 双方 / 各方 / 地方 before it.
fn title_in_word(t: &[char], i: usize, n: usize) -> bool {
    let next = t.get(i + n).copied().unwrap_or(' ');
    let prev = if i > 0 { t.get(i - 1).copied().unwrap_or(' ') } else { ' ' };
    let words_after = match t.get(i + n - 1) {
        Some('律') => "师所",
        Some('工') => "作程厂资具地期位人单号序艺种",
        Some('总') => "结部体共数计额量算",
        _ => "",
    };
    words_after.contains(next) || (t.get(i) == Some(&'方') && "对双各官地大南北东西多四远平药配处".contains(prev))
}

/// Whether the span sits where a recipient/object goes: 给我, 发我, 交给张三, 问大家, 我的.
pub fn is_object_position(t: &[char], start: usize, end: usize) -> bool {
    let prev = if start > 0 { t.get(start - 1).copied() } else { None };
    let prev2 = if start > 1 { t.get(start - 2).copied() } else { None };
    if let Some(p) = prev {
        // (创意方向我先出三个 / 找顾问我来对接: the marker ends a noun, 我 is the subject)
        let noun_end = prev2.is_some_and(|q| {
            let w: String = [q, p].iter().collect();
            [
                "方向", "意向", "倾向", "走向", "动向", "导向", "流向", "去向", "横向", "纵向", "顾问", "学问", "疑问",
                "补给",
            ]
            .contains(&w.as_str())
        });
        // (小金跟陶然一起把… / 你跟亦凡一起弄: a partner in the work, a doer too)
        let word: String = t.get(start..end).unwrap_or(&[]).iter().collect();
        let together = p == '跟'
            && !matches!(word.as_str(), "我" | "我们")
            && ["一起", "一块"].iter().any(|w| t.get(end..end + 2).is_some_and(|x| x.iter().copied().eq(w.chars())));
        if OBJECT_MARKERS.contains(&p) && !noun_end && !together {
            return true;
        }
        // 发我 / 交我 / 报我 / 转我
        // 发我 / 交我 / 报我 only at a clause end (周报我今天… is a subject 我)
        let at_end = t.get(end).is_none_or(|c| !crate::normalize::is_cjk(*c))
            || matches!(t.get(end), Some('一' | '吧' | '了'))
            || ["微信", "邮箱", "手里", "桌上"]
                .iter()
                .any(|w| t.get(end..end + 2).is_some_and(|x| x.iter().copied().eq(w.chars())));
        if matches!(p, '发' | '交' | '报' | '转') && at_end {
            return true;
        }
        // (…能带我去见一下吗 / 教我: whom the doer takes along or teaches)
        if matches!(p, '知' | '叫' | '催' | '谢' | '醒' | '陪' | '带' | '教') {
            return true;
        }
        // 发到各班 / 送到张三: the recipient
        // (备货到各店 / 分到各班: a place it goes to)
        if p == '到' && (prev2.is_some_and(|c| "发送交传转递寄".contains(c)) || t.get(start) == Some(&'各')) {
            return true;
        }
        if p == '诉' && prev2 == Some('告') {
            return true;
        }
        // 组织大家 / 带领大家 / 召集各位: whom the doer gathers
        if matches!((prev2, p), (Some('组'), '织') | (Some('带'), '领') | (Some('召'), '集') | (Some('动'), '员'))
        {
            return true;
        }
    }
    // possessive 我的 / 你的 is not a doer either (but 大家的材料…交给蕾蕾: everyone hands in their
    // own); 大家辛苦了 thanks, it assigns nothing (辛苦一下 asks for work: still a doer)
    let hands_in = || {
        let word: String = t.get(start..end).unwrap_or(&[]).iter().collect();
        // (李强的毕业论文查重下周三前交到研究生院: a named person's own thing handed in is theirs to
        // hand in; 我的 / 你的 stay possessive)
        let named = !matches!(word.as_str(), "我" | "你" | "您" | "我们" | "你们");
        let opens =
            start == 0 || t.get(start - 1).is_some_and(|c| !crate::normalize::is_cjk(*c) || "；;：:".contains(*c));
        (GROUP_WORDS.contains(&word.as_str()) || (named && opens))
            && t.get(end + 1..)
                .unwrap_or(&[])
                .iter()
                .take(14)
                .take_while(|c| !matches!(c, '，' | ',' | '。' | '\n'))
                .any(|c| matches!(c, '交' | '报' | '发'))
    };
    (matches!(t.get(end), Some('的')) && !hands_in())
        || (t.get(end) == Some(&'辛')
            && t.get(end + 1) == Some(&'苦')
            && t.get(end + 2).is_none_or(|c| matches!(c, '了' | '啦' | '啊' | '！' | '!' | '，' | ',' | '。' | ' ')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster() -> Roster {
        let m: Vec<String> =
            ["王建国", "刘洋", "李婷", "李强", "张晓燕", "欧阳娜娜"].iter().map(|s| s.to_string()).collect();
        Roster::new(&m)
    }

    #[test]
    fn aliases_resolve() {
        let r = roster();
        let cases = [
            ("王总", Resolved::Member("王建国".into())),
            ("刘工", Resolved::Member("刘洋".into())),
            ("小刘", Resolved::Member("刘洋".into())),
            ("老王", Resolved::Member("王建国".into())),
            ("李老师", Resolved::Ambiguous),
            ("晓燕", Resolved::Member("张晓燕".into())),
            ("婷婷", Resolved::Member("李婷".into())),
            ("欧阳经理", Resolved::Member("欧阳娜娜".into())),
            ("娜娜", Resolved::Member("欧阳娜娜".into())),
            ("赵主任", Resolved::Unknown),
            ("各位", Resolved::All),
            ("阿强", Resolved::Member("李强".into())),
            ("阿燕", Resolved::Member("张晓燕".into())),
            ("小婷", Resolved::Member("李婷".into())),
            ("婷姐", Resolved::Member("李婷".into())),
            ("@刘洋", Resolved::Member("刘洋".into())),
        ];
        for (a, want) in cases {
            assert_eq!(r.resolve_alias(a), want, "{a}");
        }
    }

    /// 小 + a one-char given name is that member (小雪 for 龚雪, beside 龚德福), but not in the
    /// words 小心 / 小红书.
    #[test]
    fn small_plus_given_name() {
        let m: Vec<String> = ["龚德福", "龚雪", "王心", "李红"].iter().map(|s| s.to_string()).collect();
        let r = Roster::new(&m);
        let t: Vec<char> = "小雪今天把值班表发群里 小心别发错 小红书也发".chars().collect();
        let refs = r.find_refs(&t, &[], "龚德福", None);
        let got: Vec<Resolved> = refs.iter().map(|x| x.resolved.clone()).collect();
        assert_eq!(got, vec![Resolved::Member("龚雪".into())]);
        let t: Vec<char> = "请雪姐有空审阅一下".chars().collect();
        let refs = r.find_refs(&t, &[], "龚德福", None);
        let got: Vec<Resolved> = refs.iter().map(|x| x.resolved.clone()).collect();
        assert_eq!(got, vec![Resolved::Member("龚雪".into())]);
    }

    #[test]
    fn refs_in_text() {
        let r = roster();
        let t: Vec<char> = "王总，合同我明天发给刘洋，你们看下".chars().collect();
        let refs = r.find_refs(&t, &[], "张晓燕", Some("王建国"));
        let got: Vec<(RefKind, Resolved, bool)> = refs.iter().map(|x| (x.kind, x.resolved.clone(), x.object)).collect();
        assert_eq!(
            got,
            vec![
                (RefKind::Title, Resolved::Member("王建国".into()), false),
                (RefKind::SelfRef, Resolved::Member("张晓燕".into()), false),
                (RefKind::Name, Resolved::Member("刘洋".into()), true),
                (RefKind::Group, Resolved::All, false),
            ]
        );
    }

    #[test]
    fn plural_you_after_names_adds_nobody() {
        let r = roster();
        let t: Vec<char> = "@刘洋 @王建国 你俩分一下".chars().collect();
        let n = crate::normalize::normalize("@刘洋 @王建国 你俩分一下", r.members());
        let refs = r.find_refs(&t, &n.mentions, "张晓燕", Some("李婷"));
        let got: Vec<Resolved> = refs.iter().map(|x| x.resolved.clone()).collect();
        assert_eq!(got, vec![Resolved::Member("刘洋".into()), Resolved::Member("王建国".into())]);
        // without names, 你们 is still the group
        let t: Vec<char> = "你们把桌子搬一下".chars().collect();
        let refs = r.find_refs(&t, &[], "张晓燕", None);
        assert_eq!(refs.first().map(|x| x.resolved.clone()), Some(Resolved::All));
    }

    #[test]
    fn addressee_forms() {
        let r = roster();
        let cases: [(&str, Option<&str>, Option<&str>); 4] = [
            ("小刘，报价单改一下", None, Some("刘洋")),
            ("晓燕 明天来一趟", None, Some("张晓燕")),
            ("报价单改一下", Some("王建国"), Some("王建国")),
            ("李老师，看一下", None, None),
        ];
        for (text, reply, want) in cases {
            let t: Vec<char> = text.chars().collect();
            assert_eq!(r.addressee(&t, &[], reply).as_deref(), want, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            let r = roster();
            let t: Vec<char> = s.chars().collect();
            let n = crate::normalize::normalize(&s, r.members());
            let tc: Vec<char> = n.text.chars().collect();
            for x in r.find_refs(&tc, &n.mentions, "刘洋", None) { proptest::prop_assert!(x.start < x.end && x.end <= tc.len()); }
            let _ = r.addressee(&t, &[], Some("刘洋"));
            let _ = r.resolve_alias(&s);
        }
    }
}
