//! Chat examples per README convention, property tests.
use super::*;
use chrono::NaiveDate;

fn r(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap_or_default()
}

fn due(text: &str, reference: &str) -> Option<String> {
    analyze(text, r(reference)).deadline.map(|d| match d.time {
        Some(t) => format!("{} {}", d.date, t.format("%H:%M")),
        None => d.date.to_string(),
    })
}

#[test]
fn readme_conventions_table() {
    // Reference: Monday 2026-03-02 09:12 unless stated.
    let m = "2026-03-02 09:12";
    let wed = "2026-03-04 10:00";
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("周五前把报告发我", m, Some("2026-03-06")),
        ("周五之前提交", m, Some("2026-03-06")),
        ("明天之前给我", m, Some("2026-03-03")),
        ("周一把方案定下来", m, Some("2026-03-02")),
        ("周一把方案定下来", wed, Some("2026-03-09")),
        ("星期三交", m, Some("2026-03-04")),
        ("这周三之前", wed, Some("2026-03-04")),
        ("本周五上线", m, Some("2026-03-06")),
        ("下周二开会前准备好", m, Some("2026-03-10")),
        ("下下周一交付", m, Some("2026-03-16")),
        ("本周内完成", m, Some("2026-03-06")),
        ("这周内搞定", wed, Some("2026-03-06")),
        ("这周把测试做完", m, Some("2026-03-06")),
        ("下周内给结果", m, Some("2026-03-13")),
        ("周末前处理掉", m, Some("2026-03-08")),
        ("月底前提交", m, Some("2026-03-31")),
        ("本月底", m, Some("2026-03-31")),
        ("这个月底之前", m, Some("2026-03-31")),
        ("4月底前上线", m, Some("2026-04-30")),
        ("年底前完成", m, Some("2026-12-31")),
        ("3天内回复", m, Some("2026-03-05")),
        ("5天后复查", m, Some("2026-03-07")),
        ("一周内整改", m, Some("2026-03-09")),
        ("两周内交付", m, Some("2026-03-16")),
        ("今天之内回复", m, Some("2026-03-02")),
        ("15号前交", m, Some("2026-03-15")),
        ("1号前交", "2026-03-20 10:00", Some("2026-04-01")),
        ("下个月5号", m, Some("2026-04-05")),
        ("下班前发我", m, Some("2026-03-02 18:00")),
        ("明天下班前", m, Some("2026-03-03 18:00")),
        ("中午前回复", m, Some("2026-03-02 12:00")),
        ("下午3点开会", m, Some("2026-03-02 15:00")),
        ("明早9点前", m, Some("2026-03-03 09:00")),
        ("明天上午给我", m, Some("2026-03-03")),
        ("今晚发", m, Some("2026-03-02")),
        ("明天一早处理", m, Some("2026-03-03")),
        ("3个工作日内", "2026-09-25 10:00", Some("2026-09-30")),
        ("2个工作日内答复", "2026-02-13 10:00", Some("2026-02-24")),
        ("节前发货", "2026-09-28 10:00", Some("2026-09-30")),
        ("节前发货", "2026-09-20 10:00", Some("2026-09-24")),
        ("国庆前完成", "2026-09-20 10:00", Some("2026-09-30")),
        ("今明两天搞定", m, Some("2026-03-03")),
        ("尽快处理", m, None),
        ("马上看一下", m, None),
        ("ASAP", m, None),
        ("收到，谢谢", m, None),
        ("不是周五，是周六", m, Some("2026-03-07")),
        ("推迟到下周一", m, Some("2026-03-09")),
        ("改到明天", m, Some("2026-03-03")),
        ("提前到周三", m, Some("2026-03-04")),
        ("2026年3月5日", m, Some("2026-03-05")),
        ("3月5号", m, Some("2026-03-05")),
        ("3/5交", m, Some("2026-03-05")),
        ("3.5前", m, Some("2026-03-05")),
        ("2026-03-05", m, Some("2026-03-05")),
        ("三月五号", m, Some("2026-03-05")),
        ("3月5日到7日", m, Some("2026-03-07")),
        ("这周三到周五", m, Some("2026-03-06")),
        ("明天下午3点开会，周五前交报告", m, Some("2026-03-06")),
        ("下午三点半", m, Some("2026-03-02 15:30")),
        ("晚上8点", m, Some("2026-03-02 20:00")),
        ("9:30开会", m, Some("2026-03-02 09:30")),
        ("凌晨两点发版", m, Some("2026-03-03 02:00")),
        ("春节前", "2026-01-10 10:00", Some("2026-02-14")),
        ("元旦前", "2026-12-01 10:00", Some("2026-12-31")),
        ("五一之前", "2026-04-01 10:00", Some("2026-04-30")),
        ("季度末", m, Some("2026-03-31")),
        ("上半年", m, Some("2026-06-30")),
        ("快一点", m, None),
        ("早一点发", m, None),
        ("主视觉太冷 调暖一点", m, None),
        ("十二月廿三", m, Some("2027-01-30")),
        // bare 十一 = 国庆 only standing alone / before 前后…; never the number
        ("十一前上线", m, Some("2026-09-30")),
        ("十一点开会", m, Some("2026-03-02 11:00")),
        ("十一个需求要排期", m, None),
        ("十一、回归测试", m, None),
        // weekend + time → Sunday
        ("周末晚上发版", m, Some("2026-03-08")),
        ("周末上午10点碰一下", m, Some("2026-03-08 10:00")),
        // bare lunar day: this lunar month if not past, else the next (2026-03-02 = 正月十四)
        ("初五之前", m, Some("2026-03-23")),
        // month parts, festival days, Hindu festivals
        ("本月最后三天完成", m, Some("2026-03-31")),
        ("国庆假期第二天", m, Some("2026-10-02")),
        ("排灯节", m, Some("2026-11-08")),
        // 清明 is both a solar term and an official block (4/4–4/6 in 2026)
        ("清明节前把合同签了", m, Some("2026-04-03")),
        ("截止到周四", m, Some("2026-03-05")),
        ("周三开会，deadline 周五", m, Some("2026-03-06")),
        ("有三点建议", m, None),
        ("第一点先改文案", m, None),
        ("每周一次例会", m, None),
        ("10-20人参加", m, None),
        ("今天把需求定下来，下周二开发完", m, Some("2026-03-10")),
        ("下周交", m, Some("2026-03-13")),
        ("昨天的bug修一下", m, None),
        ("下午茶到了", m, None),
        ("明天晚上会上线", m, Some("2026-03-03")),
        ("三天后复查", m, Some("2026-03-05")),
        ("2小时内回复", m, Some("2026-03-02 11:12")),
        ("3月20号之前", "2026-12-20 10:00", Some("2027-03-20")),
        ("1月5号前", "2026-12-20 10:00", Some("2027-01-05")),
        ("节后第一天上午开会", "2026-04-30 16:00", Some("2026-05-06")),
        // said on that first workday itself (Monday after 端午 6/19–21): today
        ("节后第一天 大家把假期的单子补齐", "2026-06-22 09:00", Some("2026-06-22")),
        ("收假后交", "2026-09-30 16:00", Some("2026-10-08")),
        ("元旦假期前", "2026-12-01 10:00", Some("2026-12-31")),
        ("截至3月10日", m, Some("2026-03-10")),
        ("明天有大雪，注意安全", m, Some("2026-03-03")),
        ("冬至前把年终总结交了", m, Some("2026-12-22")),
        ("秋季之前完成", m, Some("2026-11-06")),
        ("5.1版本上线", m, None),
        ("周五 EOD", m, Some("2026-03-06 18:00")),
        ("年前完成", "2026-01-10 10:00", Some("2026-02-14")),
        ("周五之前，最晚下周一", m, Some("2026-03-09")),
    ];
    let mut bad = Vec::new();
    for (text, reference, want) in cases {
        let got = due(text, reference);
        if got.as_deref() != *want {
            bad.push(format!("{text} @ {reference}: got {got:?}, want {want:?}"));
        }
    }
    assert!(bad.is_empty(), "{} failures:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn urgency_flag_and_spans() {
    let a = analyze("请尽快把周五前的报告发我", r("2026-03-02 09:00"));
    assert!(a.urgent);
    assert_eq!(a.deadline.as_ref().map(|d| d.span), Some((4, 7)));
    assert_eq!(a.deadline.map(|d| d.date), NaiveDate::from_ymd_opt(2026, 3, 6));
}

#[test]
fn extreme_amounts_do_not_panic() {
    let reference = r("2026-03-02 09:12");
    for t in [
        "999999999999天后",
        "99999999999周内",
        "第99999天",
        "9999年底",
        "999999个工作日内",
        "九千九百九十九年后",
        "99999999999秒前",
        "上999999999999个月",
        "2100年12月31日23:59",
        "1900年1月1日",
        "99世纪",
        "农历2100年腊月三十",
        "闰十二月",
        "9999年春节前",
        "0000-00-00",
        "12/31/99",
        "2/30",
        "2月30号",
        "13月",
        "32号",
    ] {
        let a = analyze(t, reference);
        for e in &a.expressions {
            assert!(e.start <= e.end, "{t}");
        }
    }
    let far = r("9999-12-31 23:59");
    let _ = analyze("明天下午3点前，三个月后，下周五", far);
    let early = r("0001-01-01 00:00");
    let _ = analyze("昨天上午，上个月底，去年春节前", early);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn no_panic_spans_valid_deterministic(s in "\\PC{0,40}") {
            let reference = r("2026-03-02 09:12");
            let a = analyze(&s, reference);
            let n = s.chars().count();
            for e in &a.expressions {
                prop_assert!(e.span.0 < e.span.1 && e.span.1 <= n);
                prop_assert!(e.start <= e.end);
            }
            prop_assert_eq!(a, analyze(&s, reference));
        }

        #[test]
        fn no_panic_time_alphabet(s in "[0-9零一二两三四五六七八九十廿卅百千年月日号周星期天点时分半前后内底初中下上本这今明昨个工作节春国庆:/.\\- ]{0,24}") {
            let a = analyze(&s, r("2026-12-31 23:59"));
            let n = s.chars().count();
            for e in &a.expressions {
                prop_assert!(e.span.1 <= n);
            }
        }
    }
}

#[test]
fn start_chars_cover_holiday_and_word_lists() {
    // Every listed first char must pass the pre-check, otherwise the expression would never be tried.
    for w in [
        "元旦",
        "情人节",
        "春节",
        "中秋",
        "国庆",
        "清明",
        "端午",
        "除夕",
        "复活节",
        "母亲节",
        "感恩节",
        "圣诞",
        "五一",
        "节前",
        "放假前",
        "凌晨",
        "傍晚",
        "黎明",
        "EOD",
        "ASAP",
        "每年",
        "Q3",
        "首季度",
        "第二天",
        "全天",
        "高考",
    ] {
        let c = w.chars().next().unwrap_or(' ');
        assert!(parse::START_CHARS.contains(c) || c.is_ascii_digit(), "{w}");
    }
}

#[test]
fn ordinals_and_numbered_names_are_not_days() {
    let reference = r("2026-03-02 09:12");
    for text in [
        "@李想 周五前把第2号报价单发我",
        "3号车间明天停电检修",
        "请去5号线换乘",
        "把2号楼的钥匙给物业",
        "三号诊室的灯坏了",
    ] {
        let hao = text.chars().position(|c| c == '号').unwrap_or(0);
        for x in analyze(text, reference).expressions {
            assert!(!(x.span.0..x.span.1).contains(&hao), "{text}: {:?} covers 号", x.span);
        }
    }
    let due = analyze("@李想 周五前把第2号报价单发我", reference).deadline.map(|d| d.date.to_string());
    assert_eq!(due.as_deref(), Some("2026-03-06"), "the deadline is 周五, not the 2nd");
    // Chapter, section and floor ranges written with a hyphen are not month-day dates.
    for text in ["周三前审完第6-10章", "审6-10章的稿子", "第3.2节明天改完", "把7-12层的图纸给我"]
    {
        let digit = text.chars().position(|c| c.is_ascii_digit()).unwrap_or(0);
        for x in analyze(text, reference).expressions {
            assert!(!(x.span.0..x.span.1).contains(&digit), "{text}: {:?} covers the number", x.span);
        }
    }
    let due = analyze("周三前审完第6-10章", reference).deadline.map(|d| d.date.to_string());
    assert_eq!(due.as_deref(), Some("2026-03-04"));
    // A day number used as a date still is one.
    let due = analyze("5号前交报价单", reference).deadline.map(|d| d.date.to_string());
    assert_eq!(due.as_deref(), Some("2026-03-05"));
}

#[test]
fn gaokao_is_seventh_of_june() {
    let due = analyze("高考前把考场布置好", r("2026-05-18 09:00")).deadline.map(|d| d.date.to_string());
    assert_eq!(due.as_deref(), Some("2026-06-07"));
}

/// Start of the first expression, as "YYYY-MM-DD HH:MM".
fn first_start_with(text: &str, reference: &str, options: Options) -> Option<String> {
    analyze_with(text, r(reference), options).expressions.first().map(|e| e.start.format("%Y-%m-%d %H:%M").to_string())
}

fn first_start(text: &str, reference: &str) -> Option<String> {
    first_start_with(text, reference, Options::default())
}

#[test]
fn vague_amounts_span_their_range() {
    // 几十/几百 = 2–10 × the multiplier; N几 = N to N + 10. Into the past the span starts at the far
    // end, into the future at the near end.
    let m = "2026-03-02 09:12";
    let cases: &[(&str, &str)] = &[
        ("三十几年前我们就认识了", "1986-01-01 00:00"),
        ("十几天前提的需求", "2026-02-10 00:00"),
        ("几十年以后再看", "2046-01-01 00:00"),
        ("几百年前的老房子", "1026-01-01 00:00"),
        ("过去几十年", "1926-03-02 00:00"),
        // A plain amount is unchanged.
        ("二十年前", "2006-01-01 00:00"),
        ("三年后", "2029-01-01 00:00"),
    ];
    let bad: Vec<String> = cases
        .iter()
        .filter(|(text, want)| first_start(text, m).as_deref() != Some(*want))
        .map(|(text, want)| format!("{text}: got {:?}, want {want}", first_start(text, m)))
        .collect();
    assert!(bad.is_empty(), "vague amount spans wrong (fix `duration`'s x2_far):\n{}", bad.join("\n"));
}

#[test]
fn month_with_chinese_day_without_hao_is_lunar() {
    // 2026-03-02 is 正月十四 of lunar 2026.
    let m = "2026-03-02 09:12";
    let lunar = |mo: u32, d: u32| {
        calendar::lunar_to_solar(2026, mo, d, false).map(|x| format!("{x} 00:00")).unwrap_or_default()
    };
    let cases: Vec<(&str, String)> = vec![
        ("八月十五回老家", lunar(8, 15)),
        ("二月十九办酒", lunar(2, 19)),
        ("8月二十三去庙里", lunar(8, 23)),
        // Solar: 号/日, digits, a day of ten or less, or 公历/阳历 before the month.
        ("八月十五号交", "2026-08-15 00:00".to_string()),
        ("8月15交", "2026-08-15 00:00".to_string()),
        ("三月十开会", "2026-03-10 00:00".to_string()),
        ("公历八月十五", "2026-08-15 00:00".to_string()),
        ("阳历二月十九", "2026-02-19 00:00".to_string()),
    ];
    let bad: Vec<String> = cases
        .iter()
        .filter(|(text, want)| first_start(text, m).as_deref() != Some(want.as_str()))
        .map(|(text, want)| format!("{text}: got {:?}, want {want}", first_start(text, m)))
        .collect();
    assert!(bad.is_empty(), "lunar/solar reading of month + day wrong (see `c_day`):\n{}", bad.join("\n"));
    let solar = Options { solar_bare_day: true, ..Options::default() };
    assert_eq!(first_start_with("八月十五回老家", m, solar).as_deref(), Some("2026-08-15 00:00"));
    assert_eq!(due("八月十五前把月饼订好", m).as_deref(), Some(lunar(8, 15).trim_end_matches(" 00:00")));
}

#[test]
fn prefer_future_moves_past_month_days_and_clock_times() {
    let late = "2026-09-01 15:20";
    let future = Options { prefer_future: true, ..Options::default() };
    let cases: &[(&str, Option<&str>, Option<&str>)] = &[
        // (text, default, prefer_future)
        ("下午三点碰一下", Some("2026-09-01 15:00"), Some("2026-09-02 15:00")),
        ("9点开会", Some("2026-09-01 09:00"), Some("2026-09-02 09:00")),
        ("晚上8点", Some("2026-09-01 20:00"), Some("2026-09-01 20:00")),
        ("今天下午三点", Some("2026-09-01 15:00"), Some("2026-09-01 15:00")),
        ("5月6号", Some("2026-05-06 00:00"), Some("2027-05-06 00:00")),
        ("10月6号", Some("2026-10-06 00:00"), Some("2026-10-06 00:00")),
        ("四月份", Some("2026-04-01 00:00"), Some("2027-04-01 00:00")),
    ];
    let mut bad = Vec::new();
    for (text, want_default, want_future) in cases {
        let got_default = first_start(text, late);
        let got_future = first_start_with(text, late, future);
        if got_default.as_deref() != *want_default || got_future.as_deref() != *want_future {
            bad.push(format!("{text}: got {got_default:?}/{got_future:?}, want {want_default:?}/{want_future:?}"));
        }
    }
    assert!(bad.is_empty(), "prefer_future (default / on) wrong:\n{}", bad.join("\n"));
}

#[test]
fn earth_hour_skips_holy_saturday() {
    let m = "2026-03-02 09:12";
    // Last Saturday of March, a week earlier when that is the day before Easter.
    for (text, want) in [
        ("2024年地球一小时", "2024-03-23 20:30"),
        ("2013年地球一小时", "2013-03-23 20:30"),
        ("2025年地球一小时", "2025-03-29 20:30"),
        ("地球一小时", "2026-03-28 20:30"),
    ] {
        assert_eq!(first_start(text, m).as_deref(), Some(want), "{text}: Earth Hour date");
    }
}

/// 调休上班那天 is the coming make-up workday; 节后第一天之前 is that first workday (not the last
/// one before the holiday); a festival name before a noun (国庆套餐) is no date.
#[test]
fn makeup_days_and_festival_nouns() {
    assert_eq!(due("调休上班那天把排班表交上来", "2026-09-14 10:00").as_deref(), Some("2026-09-20"));
    assert_eq!(due("补班那天上午开会", "2026-09-21 10:00").as_deref(), Some("2026-10-10"));
    assert_eq!(due("节后第一天之前把材料再核一遍", "2026-06-18 17:00").as_deref(), Some("2026-06-22"));
    assert_eq!(due("节前把材料再核一遍", "2026-06-15 17:00").as_deref(), Some("2026-06-18"));
    assert_eq!(due("国庆套餐的海报这周内定稿", "2026-09-14 10:00").as_deref(), Some("2026-09-18"));
    assert_eq!(due("中秋礼盒还差多少", "2026-09-14 10:00"), None);
    assert_eq!(due("国庆前交", "2026-09-14 10:00").as_deref(), Some("2026-09-30"));
}

#[test]
fn verb_suffix_yixia_starts_no_next_week() {
    let reference = "2026-09-21 10:00";
    assert_eq!(first_start("你确认一下周五能不能到", reference).as_deref(), Some("2026-09-25 00:00"));
    assert_eq!(first_start("看一下下周三的安排", reference).as_deref(), Some("2026-09-30 00:00"));
    assert_eq!(first_start("统一下周一交", reference).as_deref(), Some("2026-09-28 00:00"));
    assert_eq!(first_start("周一下午开会", reference).as_deref(), Some("2026-09-21 12:00"));
}

/// A later "after the holiday" (节后) is another step or a date to avoid: the explicit "before"
/// dates the work; alone it still is the date.
#[test]
fn before_wins_over_a_later_after_holiday() {
    assert_eq!(due("这个月的报销单18号前交给我 节后统一打款", "2026-06-17 10:00").as_deref(), Some("2026-06-18"));
    assert_eq!(due("各位节前把单子都报出去 别压到节后", "2026-06-11 14:30").as_deref(), Some("2026-06-18"));
    assert_eq!(due("报销单节后交给我", "2026-06-17 10:00").as_deref(), Some("2026-06-22"));
}

/// 当天 / 当晚 after a day named earlier in the text is that day; alone it is today.
#[test]
fn same_day_points_back() {
    assert_eq!(
        due("冷链车23号下午到各提货点 团长们当天晚上前通知团员来提", "2026-09-21 10:00").map(|d| d[..10].to_string()),
        Some("2026-09-23".to_string())
    );
    assert_eq!(
        due("当天的单子当天清", "2026-09-21 10:00").map(|d| d[..10].to_string()),
        Some("2026-09-21".to_string())
    );
}

/// 最后两天 counts the days left: no 后两天 (two days from now) is read in it.
#[test]
fn last_days_are_no_duration() {
    let a = analyze("节前最后两天了 大家加油", r("2026-04-02 14:20"));
    // (后 at char 3: no expression starts there; 两天 alone may stay a bare amount)
    assert!(a.expressions.iter().all(|x| x.span.0 != 3), "{:?}", a.expressions);
    assert!(analyze("后两天再说", r("2026-04-02 14:20")).expressions.iter().any(|x| x.kind == Kind::Duration));
}

/// A holiday naming a thing (圣诞树, 春节档, 国庆档) is no date.
#[test]
fn holiday_things_are_no_dates() {
    assert_eq!(due("开演前把圣诞树撤掉", "2026-12-01 09:00"), None);
    assert_eq!(due("春节档的排片表发我", "2026-12-01 09:00"), None);
    assert_eq!(due("圣诞前把活动方案发我", "2026-12-01 09:00").as_deref(), Some("2026-12-24"));
    // (春节 and the other names ending in 节 too; a duty roster or an offer named after it)
    assert_eq!(due("春节活动页的最终文案发我", "2026-02-11 11:00"), None);
    assert_eq!(due("廊桥的春节值守排班", "2026-02-04 16:30"), None);
    assert_eq!(due("一帆把春节值班表发群里", "2026-02-10 08:30"), None);
    assert_eq!(due("春节前把值班表发群里", "2026-02-10 08:30").as_deref(), Some("2026-02-14"));
    // (两个节日连着说，后面是名词: 中秋国庆件 / 中秋国庆双节订单量)
    assert_eq!(due("中秋国庆件只会更多 需要再加两组货架", "2026-09-15 19:30"), None);
    assert_eq!(due("中秋国庆双节订单量会翻倍", "2026-09-17 08:30"), None);
    assert_eq!(due("中秋国庆前把货架加好", "2026-09-15 19:30").as_deref(), Some("2026-09-30"));
}

/// N号 naming a thing (3号育肥舍, 12号杆, 18号母猪, 二号展柜) is no day; the 后 of a verb before
/// 年底 (汇总后年底前) is no 后年.
#[test]
fn numbered_things_and_verb_hou_are_no_dates() {
    let r = "2026-04-09 16:20";
    for t in [
        "二号展柜的射灯角度要调",
        "2号舍那头猪还是不吃",
        "12号杆的瓷瓶击穿",
        "2号水罐车的水泵压力上不去",
        "3号育肥舍的水帘破了",
    ] {
        assert_eq!(due(t, r), None, "{t}");
    }
    assert_eq!(due("汇总后年底前报公司", "2026-12-07 15:00").as_deref(), Some("2026-12-31"));
    assert!(due("明后年底前还清", "2026-12-07 15:00").is_some());
    assert_eq!(due("5号前交", r).as_deref(), Some("2026-05-05"));
}

/// The shopping festivals (618, 双11, 双十二) are working days teams work towards: 前 includes the
/// day; inside a number (6180元, 房间618) 618 is none.
#[test]
fn shopping_festivals() {
    let r = "2026-05-09 12:30";
    assert_eq!(due("需要在618前把满减档位重新设计一下", r).as_deref(), Some("2026-06-18"));
    assert_eq!(due("双12前上线", r).as_deref(), Some("2026-12-12"));
    assert_eq!(due("双十一前把库存备好", r).as_deref(), Some("2026-11-11"));
    assert_eq!(due("一共6180元", r), None);
    assert_eq!(due("房间618的客人", r), None);
}

#[test]
fn shopping_festival_naming_a_thing_is_no_date() {
    assert_eq!(due("我今晚就把双11主会场的海报改了", "2026-11-02 10:00").as_deref(), Some("2026-11-02"));
}

/// 节前最后一天 is the last workday before the holiday, named as a day, not a deadline; 节前 alone
/// still is one.
#[test]
fn last_day_before_a_holiday_is_a_day_not_a_deadline() {
    let a = analyze("节前最后一天 大家辛苦了", r("2026-06-18 10:00"));
    let first = a.expressions.first().map(|x| (x.kind, x.inclusive_before, x.start.date().to_string()));
    assert_eq!(first, Some((Kind::Point, false, "2026-06-18".to_string())));
    let a = analyze("节前把材料再核一遍", r("2026-06-15 17:00"));
    assert_eq!(a.expressions.first().map(|x| x.kind), Some(Kind::Deadline));
}

/// 一点 after a verb (再展开一点 / 写详细一点) is "a bit"; with a day, a part of the day or a clock
/// mark (明天一点, 下午一点, 一点前) it is one o'clock.
#[test]
fn yidian_after_a_verb_is_a_bit() {
    let r = "2026-01-13 16:45";
    assert_eq!(due("第三段再展开一点 改完直接用", r), None);
    assert_eq!(due("结论写详细一点", r), None);
    assert!(
        analyze("明天一点开会", self::r(r)).expressions.iter().any(|x| x.start.to_string() == "2026-01-14 13:00:00")
    );
    assert_eq!(due("报告一点前发我", "2026-01-13 09:00").as_deref(), Some("2026-01-13 13:00"));
}

/// 前一天 after a date just said (27号黑五 前一天晚上, 27号前一天) is the day before that date, not
/// yesterday; a festival's own 前一天 (元宵前一天) is counted once.
#[test]
fn the_day_before_a_date_said() {
    assert_eq!(due("27号黑五 前一天晚上需要有人把价格核一遍", "2026-11-25 21:00").as_deref(), Some("2026-11-26"));
    assert_eq!(due("27号前一天把价格核一遍", "2026-09-15 19:30").as_deref(), Some("2026-09-26"));
    assert_eq!(due("元宵前一天下午你去把现场勘察做了", "2026-02-26 10:00").as_deref(), Some("2026-03-02"));
    assert_eq!(due("前一天晚上的单子今天发", "2026-11-25 09:00").as_deref(), Some("2026-11-25"));
}

/// An hour told right after last evening (昨晚熬到三点, 昨天晚上忙到凌晨三点) is early this morning,
/// already past: no deadline, and no 15:00 today.
#[test]
fn an_hour_after_last_evening_is_the_night_past() {
    assert_eq!(due("KV调完了 昨晚熬到三点 发你邮箱了", "2026-10-12 07:30"), None);
    assert_eq!(due("昨天晚上忙到凌晨三点", "2026-10-12 07:30"), None);
    let a = analyze("质证意见今天下午3点前发您 昨晚改到一点多", r("2026-10-12 07:30"));
    let d = a.deadline.map(|d| (d.date.to_string(), d.time.map(|t| t.to_string())));
    assert_eq!(d, Some(("2026-10-12".to_string(), Some("15:00:00".to_string()))));
    assert_eq!(due("今天熬到三点也要弄完", "2026-10-12 07:30").as_deref(), Some("2026-10-12 15:00"));
}

/// A message opening on a day still to come (明天周六 …) puts a part of the day said alone later
/// (上午) on that day; a numbered thing at the start (3号月台) opens on no day.
#[test]
fn an_opening_day_carries_to_a_bare_part_of_the_day() {
    let a = analyze("明天周六 报名处九点开门 上午有两个团体报名的 我来接待", r("2026-07-10 20:50"));
    let am = a.expressions.iter().find(|x| x.span.0 == 13).map(|x| x.start.date().to_string());
    assert_eq!(am.as_deref(), Some("2026-07-11"), "{:?}", a.expressions);
    let b = analyze("3号月台的叉车电瓶又不行了 我下午找厂家来修", r("2026-01-04 09:00"));
    assert_eq!(b.deadline.map(|d| d.date.to_string()).as_deref(), Some("2026-01-04"), "{:?}", b.expressions);
}
