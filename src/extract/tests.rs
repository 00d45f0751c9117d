use super::cli::run_extract_jsonl;
use super::eval::{dice, score};
use super::*;

const DEV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/benchmarks/extraction/dev.jsonl");
const HELD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/extract/heldout_selfwritten.jsonl");

fn run_set(path: &str) -> Option<serde_json::Value> {
    run_set_with(path, None)
}

fn run_set_with(path: &str, tagger: Option<&dyn Tagger>) -> Option<serde_json::Value> {
    let Ok(gold) = std::fs::read_to_string(path) else {
        println!("skipped: {path} absent");
        return None;
    };
    let (pred, errs) = run_extract_jsonl(&gold, &Extractor::default(), tagger);
    assert!(errs.is_empty(), "{errs:?}");
    let s = score(&gold, &pred);
    println!("{path}\n{}", eval::render(&s));
    Some(s)
}

#[test]
fn dev_floor() {
    if let Some(s) = run_set(DEV) {
        let f = s.get("full_F1").and_then(|v| v.as_f64()).unwrap_or(0.0);
        // The issue's CI gate for the shipped extractor (a regression guard, not the goal; the
        // dev set was used to find failure classes, so this number is optimistic).
        assert!(f >= 0.80, "dev full_F1 {f} is below the 0.80 gate");
    }
}

/// The shipped model (`models/fast`) loads, runs, and the service's extractor with it (hybrid
/// mode) passes the dev-set gate; its spans alone are reported too.
#[test]
fn shipped_model_on_dev() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models/fast");
    let tagger = crate::model::TransformerTagger::load(&dir, &candle_core::Device::Cpu)
        .unwrap_or_else(|e| panic!("the shipped model in {} does not load: {e}", dir.display()));
    let input =
        crate::model::tagging::TaggerInput { text: "@吴敏 周五前把报告发我", quoted: None, words: &[] };
    let out = tagger.tag_batch(&[input]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.len(), 1);
    assert!((out[0].class_probs.iter().sum::<f32>() - 1.0).abs() < 1e-3);
    if let Some(s) = run_set_with(DEV, Some(&tagger)) {
        let f = s.get("full_F1").and_then(|v| v.as_f64()).unwrap_or(0.0);
        assert!(f >= 0.80, "dev full_F1 with the shipped model {f} is below the 0.80 gate");
    }
    let spans = Extractor { config: ExtractorConfig { mode: TaggerMode::Spans, ..Default::default() } };
    if let Ok(gold) = std::fs::read_to_string(DEV) {
        let (pred, _) = run_extract_jsonl(&gold, &spans, Some(&tagger));
        println!("model spans alone on dev:\n{}", eval::render(&score(&gold, &pred)));
    }
}

#[test]
fn heldout_selfwritten_report() {
    if let Some(s) = run_set(HELD) {
        let f = s.get("task_F1").and_then(|v| v.as_f64()).unwrap_or(0.0);
        assert!(f >= 0.80, "self-written task_F1 regressed: {f}");
    }
}

fn msg(sender: &str, text: &str, reply: Option<(&str, &str)>) -> Message {
    Message {
        id: "t".into(),
        chat: "c".into(),
        ts: chrono::DateTime::parse_from_rfc3339("2026-09-07T09:00:00+08:00").unwrap_or_default(),
        sender: sender.into(),
        members: ["周建华", "吴敏", "郑小川", "陆佳琪"].iter().map(|s| s.to_string()).collect(),
        reply_to: reply.map(|(s, t)| Quoted { sender: s.into(), text: t.into() }),
        text: text.into(),
    }
}

#[test]
fn decisions_table() {
    // (sender, text, expected owners of tasks; empty list = no task)
    let cases: [(&str, &str, &[&[&str]]); 8] = [
        ("周建华", "@吴敏 下周一前把库存盘点表发我", &[&["吴敏"]]),
        ("吴敏", "收到👌", &[]),
        ("郑小川", "配电箱已经修好了", &[]),
        ("陆佳琪", "质检的报告我明天上午交", &[&["陆佳琪"]]),
        ("周建华", "有人知道打印机的密码吗？", &[]),
        ("周建华", "供应商说下周二才能发货", &[]),
        ("吴敏", "小郑，样品尽快寄给客户", &[&["郑小川"]]),
        ("周建华", "各位，周五前把考勤确认一下", &[&["@all"]]),
    ];
    let ex = Extractor::default();
    for (s, t, want) in cases {
        let got: Vec<Vec<String>> = ex.extract(&msg(s, t, None), None).into_iter().map(|x| x.owners).collect();
        let want: Vec<Vec<String>> = want.iter().map(|o| o.iter().map(|x| x.to_string()).collect()).collect();
        assert_eq!(got, want, "{t}");
    }
}

#[test]
fn reply_takes_on_request() {
    let ex = Extractor::default();
    let m = msg("陆佳琪", "好的我来", Some(("周建华", "谁能整理一下会议纪要？")));
    let t = ex.extract(&m, None);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].owners, vec!["陆佳琪".to_string()]);
    assert!(dice(&t[0].title, "整理会议纪要") >= 0.5, "{}", t[0].title);
}

#[test]
fn bad_lines_reported() {
    let input = "{not json}\n{\"id\":\"a\",\"ts\":\"2026-01-05T09:00:00+08:00\",\"sender\":\"x\",\"members\":[],\"reply_to\":null,\"text\":\"好的\"}\n";
    let (out, errs) = run_extract_jsonl(input, &Extractor::default(), None);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].0, 1);
    assert_eq!(out.lines().count(), 1);
}

/// Agreement with the python scorer: numbers below were computed once by running
/// `python3 shared/tools/score_extract.py` on this fixture (see NOTES.md).
#[test]
fn eval_matches_python_fixture() {
    let gold = r#"{"id":"1","tasks":[{"title":"把报表发给我","owners":["A"],"due_date":"2026-01-02","due_time":"18:00"}],"tags":[]}
{"id":"2","tasks":[],"tags":[]}
{"id":"3","tasks":[{"title":"整理会议纪要","owners":[],"due_date":null,"due_time":null,"owners_alt":[["B"]]},{"title":"订会议室","owners":["C"],"due_date":"2026-01-03","due_time":null}],"tags":["context"]}"#;
    let pred = r#"{"id":"1","tasks":[{"title":"报表发我","owners":["A"],"due_date":"2026-01-02","due_time":"18:00"}]}
{"id":"2","tasks":[{"title":"吃饭","owners":[],"due_date":null,"due_time":null}]}
{"id":"3","tasks":[{"title":"会议纪要整理","owners":["B"],"due_date":null,"due_time":null},{"title":"订会议室","owners":["C"],"due_date":"2026-01-04","due_time":null}]}"#;
    let s = score(gold, pred);
    let py = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/extract/eval_fixture_python.json"));
    let py: serde_json::Value = serde_json::from_str(py).unwrap_or_default();
    assert_eq!(s, py);
}

proptest::proptest! {
    #[test]
    fn extract_never_panics(s in "\\PC{0,40}", q in proptest::option::of("\\PC{0,20}")) {
        let m = msg("周建华", &s, q.as_deref().map(|q| ("吴敏", q)));
        let n = s.chars().count();
        for t in Extractor::default().extract(&m, None) {
            for e in t.evidence { proptest::prop_assert!(e.start <= e.end && e.end <= n); }
        }
    }
}

/// (sender, text, reply (sender, text), expected tasks as (owners, due date, a title it must
/// resemble or "")): the failure classes found on analysis_v4, in self-written sentences
/// (message time: Monday 2026-09-07 09:00).
type Case<'a> = (&'a str, &'a str, Option<(&'a str, &'a str)>, &'a [(&'a [&'a str], Option<&'a str>, &'a str)]);

fn check_cases(cases: &[Case]) {
    let ex = Extractor::default();
    for (s, t, reply, want) in cases {
        let got = ex.extract(&msg(s, t, *reply), None);
        assert_eq!(got.len(), want.len(), "{t}: {got:?}");
        for (g, (owners, due, title)) in got.iter().zip(want.iter()) {
            let owners: Vec<String> = owners.iter().map(|o| o.to_string()).collect();
            assert_eq!(g.owners, owners, "{t}");
            assert_eq!(g.due_date.map(|d| d.to_string()).as_deref(), *due, "{t}");
            if !title.is_empty() {
                assert!(dice(&g.title, title) >= 0.5, "{t}: title {} vs {title}", g.title);
            }
        }
    }
}

/// Asserts that none of `texts`, sent by `sender` (under `reply`), yields a task.
fn check_no_tasks(sender: &str, reply: Option<(&str, &str)>, texts: &[&str]) {
    let ex = Extractor::default();
    for t in texts {
        let got = ex.extract(&msg(sender, t, reply), None);
        assert!(got.is_empty(), "{t}: {got:?}");
    }
}

#[test]
fn clauses_with_different_doers_split() {
    let cases: &[Case] = &[
        // space-separated clauses, shared head with the deadline
        (
            "周建华",
            "月底前仓库要清空 吴敏联系搬家公司 郑小川清点库存",
            None,
            &[(&["吴敏"], Some("2026-09-30"), "联系搬家公司"), (&["郑小川"], Some("2026-09-30"), "清点库存")],
        ),
        // head before a colon, doers after it
        (
            "周建华",
            "展会物料周四前备齐：吴敏做易拉宝，陆佳琪订酒店",
            None,
            &[(&["吴敏"], Some("2026-09-10"), "做易拉宝"), (&["陆佳琪"], Some("2026-09-10"), "订酒店")],
        ),
        // roles on one piece of work stay one task
        (
            "周建华",
            "年会方案要在周五前定稿，吴敏牵头，陆佳琪配合",
            None,
            &[(&["吴敏", "陆佳琪"], Some("2026-09-11"), "")],
        ),
        // inline numbered items after a header
        (
            "周建华",
            "下周一前交入职材料 1.吴敏 身份证复印件 2.郑小川 学历证明",
            None,
            &[(&["吴敏"], Some("2026-09-14"), "身份证复印件"), (&["郑小川"], Some("2026-09-14"), "学历证明")],
        ),
        // X负责<scope>: the work is in the shared clause
        (
            "周建华",
            "两个展台：吴敏负责东区，陆佳琪负责西区，周三前把布置方案交上来",
            None,
            &[
                (&["吴敏"], Some("2026-09-09"), "东区布置方案交上来"),
                (&["陆佳琪"], Some("2026-09-09"), "西区布置方案交上来"),
            ],
        ),
        // each doer with its own deadline
        (
            "周建华",
            "下周团建，吴敏周三前把人数统计好，小郑周四前订好大巴",
            None,
            &[(&["吴敏"], Some("2026-09-09"), "人数统计好"), (&["郑小川"], Some("2026-09-10"), "订好大巴")],
        ),
    ];
    check_cases(cases);
}

#[test]
fn reports_questions_and_notices_are_no_tasks() {
    let cases: &[Case] = &[
        ("周建华", "昨天小郑把样品寄出去了", None, &[]),
        ("周建华", "上周五吴敏把发票开好了，大家放心", None, &[]),
        ("吴敏", "报销单的模板放在哪里啊我怎么找不到", None, &[]),
        ("周建华", "明早九点开复盘会，周建华和吴敏参加", None, &[]),
        ("陆佳琪", "周总 我周六周日都在公司，哪天加班都行", None, &[]),
        // a time word dating a reported event is no deadline
        ("周建华", "服务器证书今天到期了 需要有人尽快续费", None, &[(&[], None, "服务器证书续费")]),
        // …but a past period right after a work verb is what the work is about, and a notice to
        // send (发通知) is work, not a notice
        ("周建华", "吴敏 整理上周延误客户的投诉", None, &[(&["吴敏"], None, "整理延误客户的投诉")]),
        ("周建华", "郑小川 发通知提醒业主关窗防冻", None, &[(&["郑小川"], None, "发通知提醒业主关窗防冻")]),
    ];
    check_cases(cases);
}

#[test]
fn owner_classes() {
    let cases: &[Case] = &[
        // the vocative receives the sender's commitment, it does not share it
        ("陆佳琪", "周总，报价单我来改，明天中午前发您", None, &[(&["陆佳琪"], Some("2026-09-08"), "改报价单")]),
        // 向 ending a noun (方向) marks no object: 我 is the one who commits
        ("陆佳琪", "创意方向我先出三个 10号给大家讲", None, &[(&["陆佳琪"], Some("2026-09-10"), "")]),
        // a later clause opening with a time still to come and work, after 我 (not after a name)
        ("陆佳琪", "第5 6 9条我认领了 今天之内改完", None, &[(&["陆佳琪"], Some("2026-09-07"), "")]),
        ("周建华", "意见我批注在文档里了 吴敏 周三前改完定稿", None, &[(&["吴敏"], Some("2026-09-09"), "改完定稿")]),
        // 在 + a place + work is where the work is done, not the sender's state
        ("陆佳琪", "第四章我周末在家看完", None, &[(&["陆佳琪"], Some("2026-09-13"), "第四章看完")]),
        // 你俩 after @names is those names, not the quoted sender
        (
            "周建华",
            "@吴敏 @郑小川 你俩周五前把展位图对一下",
            Some(("陆佳琪", "展位图出来了")),
            &[(&["吴敏", "郑小川"], Some("2026-09-11"), "展位图对一下")],
        ),
        // 阿 + last char of the given name
        ("周建华", "阿川 明天把车库的灯换一下", None, &[(&["郑小川"], Some("2026-09-08"), "车库的灯换一下")]),
        // a time word before 我 commits the sender
        ("吴敏", "周四我跟供应商对一下账", None, &[(&["吴敏"], Some("2026-09-10"), "跟供应商对一下账")]),
        // 我 inside the request (放我桌上) and a reviewer's note to the addressee stay tasks
        (
            "周建华",
            "@吴敏 会议纪要打印5份，明天上午放我桌上",
            None,
            &[(&["吴敏"], Some("2026-09-08"), "会议纪要打印5份")],
        ),
        ("陆佳琪", "周总 你的报告我看了 结论那部分要补点数据", None, &[(&["周建华"], None, "报告结论补数据")]),
        // 申请 keeps its 请
        ("周建华", "@吴敏 周三前把出差申请提交一下", None, &[(&["吴敏"], Some("2026-09-09"), "出差申请提交")]),
    ];
    check_cases(cases);
}

#[test]
fn replies_read_the_quoted_request() {
    let cases: &[Case] = &[
        // a generic take-on gets the quoted task and its deadline
        (
            "吴敏",
            "这个交给我",
            Some(("周建华", "新客户的合同需要有人周三前审一遍")),
            &[(&["吴敏"], Some("2026-09-09"), "新客户的合同审一遍")],
        ),
        // ack + 马上 under an open request
        (
            "郑小川",
            "好的马上去",
            Some(("周建华", "打印机又卡纸了，需要有人处理一下")),
            &[(&["郑小川"], None, "打印机卡纸处理")],
        ),
        // an ack under a request already addressed to the replier adds nothing
        ("吴敏", "没问题 你放心", Some(("周建华", "吴敏 明天帮我去银行取个回单")), &[]),
        // a date added to one's own request (addressed by @mention)
        (
            "吴敏",
            "好的，周四前整理好",
            Some(("周建华", "@吴敏 把展会的照片整理一下")),
            &[(&["吴敏"], Some("2026-09-10"), "展会的照片整理")],
        ),
        // an imperative answering someone's question goes to the asker
        (
            "周建华",
            "问人事就行，顺便把他的工牌申请一下",
            Some(("郑小川", "谁知道新来的实习生叫什么？")),
            &[(&["郑小川"], None, "工牌申请一下")],
        ),
    ];
    check_cases(cases);
}

/// Failure classes found on analysis_v5 (news desk, warehouse, kindergarten, garage, pharma
/// sales, accounting); self-written sentences, not copies of the set.
#[test]
fn reasons_follow_ups_and_unassigned_needs() {
    let cases: &[Case] = &[
        // a reason clause about someone else: no doer, its 今天 no deadline; the quoted date stays
        (
            "陆佳琪",
            "我去吧，吴敏今天在外地",
            Some(("周建华", "@吴敏 周三前去税务局交一下材料")),
            &[(&["陆佳琪"], Some("2026-09-09"), "去税务局交材料")],
        ),
        // reassigning one's own open request, the other person excused
        (
            "周建华",
            "@郑小川 你来，陆佳琪不用管了",
            Some(("周建华", "明天上午谁能去机场接一下客户")),
            &[(&["郑小川"], Some("2026-09-08"), "去机场接客户")],
        ),
        // 顺便 adds a second task for the same doer and deadline
        (
            "周建华",
            "@吴敏 周五前把报销单整理一下，顺便联系一下快递",
            None,
            &[(&["吴敏"], Some("2026-09-11"), "报销单整理"), (&["吴敏"], Some("2026-09-11"), "联系快递")],
        ),
        // someone has to be found: a task with nobody named
        ("陆佳琪", "会议室的投影仪坏了，得找人修一下", None, &[(&[], None, "找人修投影仪")]),
        // a validity period is no deadline, the send date is
        (
            "周建华",
            "@吴敏 明天把报价单发给客户 报价三十天内有效",
            None,
            &[(&["吴敏"], Some("2026-09-08"), "报价单发给客户")],
        ),
        // what happens otherwise carries no deadline
        ("周建华", "@郑小川 尽快把水管修好，不然周三没法营业", None, &[(&["郑小川"], None, "把水管修好")]),
        // asking permission commits to nothing; the permission's condition is a task for the asker
        ("吴敏", "周总 我下午能不能早点下班", None, &[]),
        (
            "周建华",
            "可以，走之前把门锁好",
            Some(("吴敏", "周总 我下午能不能早点下班")),
            &[(&["吴敏"], None, "把门锁好")],
        ),
        // 陪我: the sender is the object, not a doer
        ("周建华", "@吴敏 明天陪我去见客户", None, &[(&["吴敏"], Some("2026-09-08"), "去见客户")]),
        // X你…: the 你 is X, not the quoted sender
        (
            "周建华",
            "郑小川你周三前寄出去",
            Some(("陆佳琪", "合同谁寄？")),
            &[(&["郑小川"], Some("2026-09-09"), "合同寄出去")],
        ),
        // thanks to everyone assigns nothing
        ("周建华", "奖金月底前发 大家辛苦了", None, &[]),
        // a discourse opener (跟大家说一下) is no notice and no title
        (
            "吴敏",
            "我跟大家说一下啊就是新系统的账号我周三前开好",
            None,
            &[(&["吴敏"], Some("2026-09-09"), "新系统的账号开好")],
        ),
        // a duty roster is a schedule notice
        ("周建华", "国庆值班安排：初一初二吴敏，初三初四郑小川", None, &[]),
        // a progress report under a request is no promise
        ("吴敏", "已经在办了，那边说下周三出结果", Some(("周建华", "吴敏，营业执照的年检月底前办好")), &[]),
        // the reply picks the quoted task it talks about
        (
            "吴敏",
            "标书已经打印好了，会议室我明天订",
            Some(("周建华", "吴敏，周五前把标书打印好，顺便订一下会议室")),
            &[(&["吴敏"], Some("2026-09-08"), "订一下会议室")],
        ),
        // a vague promise under a request to the replier takes the quoted work
        (
            "郑小川",
            "那片归我管 我明早到了就弄",
            Some(("周建华", "小郑，二楼的灯管坏了一根 明天换一下")),
            &[(&["郑小川"], Some("2026-09-08"), "灯管换一下")],
        ),
        // a bare vocative clause does not make the next clause background
        ("周建华", "小郑，明早8点去机场接人，记得带上接机牌", None, &[(&["郑小川"], Some("2026-09-08"), "去机场接人")]),
        // someone else's absence alone asks nothing; as a reason it is no task and no title
        ("周建华", "郑小川今天请假了", None, &[]),
        ("周建华", "郑小川今天请假，@陆佳琪 你替他把报表交了", None, &[(&["陆佳琪"], None, "替他把报表交了")]),
        // asking someone is no unassigned need
        ("吴敏", "我得找人问问这个怎么弄", None, &[]),
        // a leading topic gives short doer clauses their work
        (
            "周建华",
            "本周的客户回访 吴敏负责打电话 陆佳琪负责记录",
            None,
            &[(&["吴敏"], None, "客户回访打电话"), (&["陆佳琪"], None, "客户回访记录")],
        ),
    ];
    check_cases(cases);
}

/// Two people share a surname: 哪个小周 asks, 小周 + 陪我 leaves the owner open.
#[test]
fn which_one_questions_and_ambiguous_companions() {
    let ex = Extractor::default();
    let mut m = msg("吴敏", "哪个小周啊 我们俩都姓周", Some(("周建华", "小周，明天去银行取回单")));
    m.members = ["周建华", "周敏", "吴敏", "周洁"].iter().map(|s| s.to_string()).collect();
    assert!(ex.extract(&m, None).is_empty());
    let mut m = msg("吴敏", "小周 明天上午陪我去银行", None);
    m.members = ["周敏", "吴敏", "周洁"].iter().map(|s| s.to_string()).collect();
    let got = ex.extract(&m, None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].owners.is_empty() && got[0].owner_ambiguous, "{got:?}");
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-08"));
}

/// Titles: the 来 of 我来做X and the 帮我 of a request name no work; a reply taking on a request
/// with work words of its own (我来联系供应商) keeps them.
#[test]
fn title_drops_commitment_and_favour_words() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("吴敏", "我来整理客户名单，周三前发群里", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].title.starts_with("整理客户名单"), "{got:?}");
    let got = ex.extract(&msg("周建华", "小陆 明天帮我盯一下仓库的盘点", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(!got[0].title.contains("帮我") && got[0].title.contains("盯一下仓库的盘点"), "{got:?}");
    let got = ex.extract(&msg("吴敏", "我来联系供应商", Some(("周建华", "展柜的灯坏了，得找人修一下"))), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].title.contains("联系供应商"), "{got:?}");
    // 来 as the work itself stays (来会议室一趟)
    let got = ex.extract(&msg("周建华", "@吴敏 下午3点来会议室一趟", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].title.starts_with('来'), "{got:?}");
}

/// Voice-typed messages string clauses together with spaces: the title is the clause with the
/// work, less the background before it (when the work names its object) and the circumstances
/// and hand-backs after it.
#[test]
fn spaced_clauses_keep_the_work() {
    let ex = Extractor::default();
    let title = |sender: &str, text: &str| {
        let got = ex.extract(&msg(sender, text, None), None);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        got[0].title.clone()
    };
    // background before, a condition after
    let t = title("周建华", "下周展会人多 仓库这两天都很忙 大家务必把展品清单核对一遍 有问题直接找我");
    assert!(t.contains("展品清单核对") && !t.contains("仓库") && !t.contains("有问题"), "{t}");
    // a hand-back after the work
    let t = title("周建华", "吴敏 你把新版报价单做出来 周三前给我看一下");
    assert!(t.contains("报价单做出来") && !t.contains("看一下"), "{t}");
    // the sender's own state after an open request
    let t = title("陆佳琪", "有谁能帮我周四去邮局寄一下合同 我那天在外地开会");
    assert!(t.contains("寄") && t.contains("合同") && !t.contains("外地"), "{t}");
    // work that does not name its object keeps the background that does
    let t = title("周建华", "门禁卡的系统今天坏了 需要有人尽快修一下");
    assert!(t.contains("门禁") && t.contains("修"), "{t}");
    // more of the same work after the doer's clause stays
    let t = title("周建华", "小川 先把样品打包 顺丰寄给客户");
    assert!(t.contains("样品打包") && t.contains("寄给客户"), "{t}");
}

/// Calls for a volunteer without 谁能 (谁下午去…), replies taking them on that echo the request
/// in their own words, and quoted requests the rules did not read as tasks: the reply's title is
/// the asking clause (with the clause before it when the ask names no object), dated by it.
#[test]
fn volunteers_and_echoing_take_ons() {
    let ex = Extractor::default();
    let ask = "谁下午去趟银行取一下回单 出纳那边催了 我这边走不开";
    let got = ex.extract(&msg("吴敏", ask, None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].owners.is_empty() && got[0].title.contains("银行") && !got[0].title.contains("走不开"), "{got:?}");
    assert!(ex.extract(&msg("吴敏", "有谁知道打印机为啥卡纸吗 一直亮红灯", None), None).is_empty());
    let got = ex.extract(&msg("郑小川", "我去吧", Some(("吴敏", ask))), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["郑小川"]);
    assert!(got[0].title.contains("回单"), "{got:?}");
    // own words that mostly repeat the request: the request's title
    let got = ex.extract(
        &msg("陆佳琪", "我来联系 争取今天弄好", Some(("周建华", "会议室的投影仪坏了 需要有人联系售后来修一下"))),
        None,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].title.contains("售后") && got[0].owners == ["陆佳琪"], "{got:?}");
    // an ask naming no object keeps the clause before it, and its date
    let got =
        ex.extract(&msg("陆佳琪", "我来", Some(("周建华", "供应商那边要再寄一份对账单 需要有人明天寄出去"))), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].title.contains("对账单"), "{got:?}");
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-08"));
}

/// A deadline named by an event (演练前 / 评审前一天) takes the event's moment from the clause that
/// dates it, in the message or the quoted one; the event words leave the title.
#[test]
fn event_named_deadlines() {
    let ex = Extractor::default();
    let got = ex.extract(
        &msg("周建华", "演练前小川你把灭火器检查一遍", Some(("吴敏", "下周三上午10点做消防演练 范围是整栋楼"))),
        None,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["郑小川"]);
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-16"));
    assert_eq!(got[0].due_time.map(|t| t.to_string()).as_deref(), Some("10:00:00"));
    assert!(!got[0].title.contains("演练前"), "{got:?}");
    let got = ex.extract(&msg("周建华", "周四下午项目评审 @吴敏 评审前一天把方案发我", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-09"));
    // 组织大家: the gathered are no doers
    let got = ex.extract(&msg("周建华", "陆佳琪你组织大家把仓库盘点一遍", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["陆佳琪"]);
}

/// A plain date in a context clause (物业9月30号来收房) dates only the unit next to it; a shared
/// "before" deadline or event (周五前 / 检查前) holds for every unit of the sentence.
#[test]
fn context_dates_reach_the_next_unit_only() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("周建华", "物业9月30号上午来收房 交接我来对接 @吴敏 把去年的发票整理一下", None), None);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].owners, ["周建华"]);
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-30"));
    assert_eq!(got[1].owners, ["吴敏"]);
    assert_eq!(got[1].due_date, None, "{got:?}");
    let got = ex.extract(
        &msg("周建华", "客户周四上午来验收 验收前 @吴敏 把演示环境准备好 @郑小川 把用户手册打印出来", None),
        None,
    );
    assert_eq!(got.len(), 2, "{got:?}");
    for t in &got {
        assert_eq!(t.due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-10"), "{got:?}");
    }
}

/// No task: asking that nothing be done (大家别请假), the sender's own schedule (我去参加培训) or
/// refusal (我先不入库), a surname + title inside a common word (对方律师 is no 方律).
#[test]
fn refusals_schedules_and_words_that_look_like_titles() {
    let ex = Extractor::default();
    for (sender, text) in [
        ("周建华", "提醒一下 下周六调休上班 大家别请假"),
        ("吴敏", "下周二我去参加消防培训 那天的会我就不来了"),
        ("吴敏", "这批货有破损 我先不签收"),
    ] {
        let got = ex.extract(&msg(sender, text, None), None);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
    let m = Message {
        members: ["方晓", "周建华"].iter().map(|s| s.to_string()).collect(),
        ..msg("周建华", "刚跟对方律师通了电话 他们还在考虑", None)
    };
    assert!(ex.extract(&m, None).is_empty());
    // 别忘了 still asks for something
    let got = ex.extract(&msg("周建华", "大家别忘了周五前交周报", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
}

/// Everyone's work: 每人 addresses all, a quota (每人不少于…) and work for a dated occasion are
/// tasks, and 大家的材料…交给X makes everyone hand in their own.
#[test]
fn everyones_work() {
    let ex = Extractor::default();
    let one = |text: &str| {
        let got = ex.extract(&msg("周建华", text, None), None);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(got[0].owners, ["@all"], "{text}");
        got.into_iter().next()
    };
    let t = one("本周每人回访不少于10个老客户");
    assert_eq!(t.and_then(|t| t.due_date).map(|d| d.to_string()).as_deref(), Some("2026-09-11"));
    one("周四下午开季度总结会 每个人准备5分钟的汇报");
    let t = one("年检的事 大家的材料下周一前交给吴敏");
    assert_eq!(t.and_then(|t| t.due_date).map(|d| d.to_string()).as_deref(), Some("2026-09-14"));
}

/// More titles address a member (梁师傅, 陈园长); a reply under a message with several tasks
/// answers the one given to the replier.
#[test]
fn titles_and_the_repliers_own_quoted_task() {
    let ex = Extractor::default();
    let m = Message {
        members: ["梁国栋", "陈静", "周建华"].iter().map(|s| s.to_string()).collect(),
        ..msg("周建华", "新菜单的样品做好了 梁师傅明天中午试一下味道", None)
    };
    let got = ex.extract(&m, None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["梁国栋"]);
    let quote = "@吴敏 年会节目单明天中午前报给我 @郑小川 礼堂的音响周二下午检查一下";
    let got = ex.extract(&msg("郑小川", "好的周经理 我今天下午就去弄", Some(("周建华", quote))), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["郑小川"]);
    assert!(got[0].title.contains("音响"), "{got:?}");
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-07"));
}

/// A unit naming only its verb (把关 / 组织一下) takes its object from the work given to all just
/// before it; news after the work (明天起系统关闭) stays out of the title.
#[test]
fn bare_verbs_borrow_the_groups_object() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("周建华", "各位把本月的报销单3个工作日内交给吴敏 小川把关", None), None);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].owners, ["郑小川"]);
    assert!(got[1].title.contains("报销单"), "{got:?}");
    let got = ex.extract(&msg("周建华", "本月的加班申请 大家今天之内报给吴敏 明天起系统关闭", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].title.contains("加班申请") && !got[0].title.contains("关闭"), "{got:?}");
}

/// 另外 at a clause start begins another piece of work: its own owners (an open need has none),
/// not the first piece's date.
#[test]
fn besides_starts_another_task() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("吴敏", "我明天把会议纪要发给大家 另外需要有人帮忙订一下会议室", None), None);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].owners, ["吴敏"]);
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-08"));
    assert!(got[1].owners.is_empty() && got[1].due_date.is_none(), "{got:?}");
    assert!(got[1].title.contains("会议室") && !got[1].title.contains("另外"), "{got:?}");
}

/// Praise is no task; an absence announced with the sender's plans is a schedule; reported
/// speech before the sender's commitment is its reason (the title is the commitment); 发到各班
/// names recipients, not doers.
#[test]
fn praise_absence_reasons_and_recipients() {
    let ex = Extractor::default();
    assert!(ex.extract(&msg("周建华", "哈哈 佳琪这次PPT做得真不错", None), None).is_empty());
    assert!(ex.extract(&msg("吴敏", "我周五去拜访供应商 一天不在公司 有事找小川", None), None).is_empty());
    let got = ex.extract(&msg("吴敏", "财务那边说报销单还缺一张发票我明天去酒店补开一下", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].title.starts_with("去酒店补开"), "{got:?}");
    let got = ex.extract(&msg("周建华", "新版排班表小川3个工作日内发到各组", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["郑小川"]);
}

/// Help offered on a condition (有需要让…) is nobody's task; a meeting to look at the work
/// (我们碰一下) is no part of its title.
#[test]
fn conditional_help_and_meetings() {
    let ex = Extractor::default();
    let got =
        ex.extract(&msg("周建华", "小川你先出两版报价 明天下午我们碰一下 有需要让吴敏帮你核一下成本", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["郑小川"]);
    assert!(got[0].title.contains("报价") && !got[0].title.contains("碰"), "{got:?}");
}

/// Replies under a message giving several people work answer the replier's own part (with
/// their date); a polite request question (能帮忙…吗) is a request; 整改通知 is a thing to send,
/// not an announcement; 答辩前一天 is counted from the event, not yesterday.
#[test]
fn own_parts_polite_questions_and_event_days() {
    let ex = Extractor::default();
    let quote = "@吴敏 周四把展位图发我\n@郑小川 3个工作日内把物料清单跟供应商对一遍";
    let got = ex.extract(&msg("郑小川", "好的 周三前弄完", Some(("周建华", quote))), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["郑小川"]);
    assert!(got[0].title.contains("物料清单"), "{got:?}");
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-09"));
    let got = ex.extract(&msg("吴敏", "周经理 下周的培训要用大会议室 能帮忙跟行政约一下吗", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["周建华"]);
    let got = ex.extract(&msg("周建华", "供应商那边要再发个整改通知 需要有人今天发出去", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    let got = ex.extract(&msg("周建华", "@陆佳琪 汇报PPT做一下 评审前一天给我过一遍", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["陆佳琪"]);
}

/// No task: reports that something went to a member (报价单发佳琪了), forwarded notices,
/// promises on a condition (不够的话我再补), answers to information questions, and questions
/// ending 对吧 / 交给谁啊; the hand-back 发我邮箱 leaves the title.
#[test]
fn reports_forwards_conditions_and_answers() {
    let ex = Extractor::default();
    for (sender, text, reply) in [
        ("吴敏", "报价单发佳琪了 这次加了三个型号", None),
        ("周建华", "【转发】市局关于开展消防检查的通知：请各单位于9月20日前报送自查表。", None),
        ("吴敏", "照片发小川微信了 一共12张 不够的话我再补", None),
        ("吴敏", "共享盘 行政 2026三季度 里面", Some(("陆佳琪", "吴敏 上季度的考勤表在哪个文件夹 我好排下周的班"))),
        ("郑小川", "刚才周经理说的回执是吴敏统计对吧 我们组的交给谁啊", None),
    ] {
        let got = ex.extract(&msg(sender, text, reply), None);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
    let got = ex.extract(&msg("周建华", "各位 月底前每人把本组的季度总结写好 发我邮箱", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(!got[0].title.contains("邮箱"), "{got:?}");
}

/// Voice-typed items "topic @person verb": the part before the person the work goes to is the
/// work's object when the work names none (库存 @X 周三前盘一遍 / 你们的PPT @X 会前发我过一遍).
#[test]
fn topics_before_the_person_addressed() {
    let ex = Extractor::default();
    let got =
        ex.extract(&msg("周建华", "下周一上午项目评审会 会议室在8楼 你们的方案 @吴敏 会前发我过一遍", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["吴敏"]);
    assert!(got[0].title.contains("方案") && !got[0].title.contains("会议室"), "{got:?}");
    let got = ex.extract(&msg("周建华", "展厅灯具检查 小川周三前弄完 缺什么报行政", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].title.contains("灯具"), "{got:?}");
}

/// The sender's promise without 我 (剩下两份今晚能补完), but no promise in an A-not-A question
/// (要不要节后再修) or in news (明天发工资).
#[test]
fn promises_without_wo() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("吴敏", "合同写完3份了 剩下两份等报价 今晚能补完", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["吴敏"]);
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-07"));
    for text in ["bug列表还有12个，要不要节后再修", "明天发工资 大家查收一下"] {
        let got = ex.extract(&msg("吴敏", text, None), None);
        assert!(got.iter().all(|t| t.owners != ["吴敏"]), "{text}: {got:?}");
    }
}

/// No task: the past told with 我 (昨天我顺手订了), an offer on a condition (需要的话我可以…),
/// and a reply that only confirms the date already asked (好 今晚我在).
#[test]
fn past_offers_and_confirmations() {
    let ex = Extractor::default();
    for (sender, text, reply) in [
        ("吴敏", "打印纸和墨盒昨天我顺手一起订了 今天下午到货", None),
        ("吴敏", "需要的话我可以帮小川看看报表那块 之前做过类似的", None),
        ("郑小川", "好 今晚我在", Some(("周建华", "新版今晚上线 @郑小川 今晚你值班盯一下监控"))),
    ] {
        let got = ex.extract(&msg(sender, text, reply), None);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
}

/// What someone outside said (供应商说…周五发货) neither dates the sender's promise nor names
/// its work; 得有人 states an unowned need; 会前 makes a meeting's notice a task for everyone.
#[test]
fn reported_speech_needs_and_meetings() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("周建华", "行 打印机墨盒我今晚就下单 供应商说年前最后一批周五发货", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-07"));
    assert!(!got[0].title.contains("发货"), "{got:?}");
    let got = ex.extract(&msg("吴敏", "上个月的发票3个工作日内要跟财务对完 这个得有人去对接一下", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].owners.is_empty(), "{got:?}");
    let got = ex.extract(&msg("周建华", "今天下午开周例会 会前每人准备一下上周的复盘", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["@all"]);
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-07"));
}

/// A restated task with a corrected date is named by what is due, not by the correction.
#[test]
fn restatements_name_the_task() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("周建华", "更正一下 宣传册的deadline改到下周一之前 印厂说纸张还没到 @吴敏", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["吴敏"]);
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-14"));
    assert!(got[0].title.starts_with("宣传册") && !got[0].title.contains("更正"), "{got:?}");
}

/// 季度预算表我做好了 … 麻烦您过目: the one asked reviews what was made (also what was written or
/// put somewhere: 代理词我写了个框架); the sender's "有问题我再改" is no task, a dated follow-up is.
#[test]
fn review_requests_name_what_was_made() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("吴敏", "周总 季度预算表我做好了 放在共享盘了 麻烦您过目一下 有问题我再改", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["周建华"]);
    assert!(got[0].title.contains("季度预算表") && got[0].title.contains("过目"), "{got:?}");
    let got = ex.extract(&msg("周建华", "小川你好 活动方案初稿写好了 请您审阅 周三我再根据意见改一版", None), None);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].owners, ["郑小川"]);
    assert!(got[0].title.contains("活动方案初稿"), "{got:?}");
    assert_eq!(got[1].owners, ["周建华"]);
    assert_eq!(got[1].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-09"));
    // (代理词我写了个框架 您有空看下 / 选品清单放共享表格了: what was written or put somewhere)
    let got = ex.extract(&msg("吴敏", "周总 代理词我写了个框架 您有空看下", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["周建华"]);
    assert!(got[0].title.contains("代理词"), "{got:?}");
    let got = ex.extract(&msg("吴敏", "选品清单放共享表格了 周总看下", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].title.contains("选品清单"), "{got:?}");
}

/// In a run-on, "name + 你" turns to that person: the work after it is theirs, not everyone's.
#[test]
fn name_with_you_turns_to_them() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("周建华", "这周单子多大家辛苦一下小川你明天之前把报销单交了", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["郑小川"]);
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-08"));
    // (老X你先别…: asking that nothing be done)
    assert!(ex.extract(&msg("周建华", "这事不急 下个月再说 小川你先别去了", None), None).is_empty());
}

/// Asking leave (要不要… / 想…可以不) gives nobody work.
/// Asserts that the default extractor (rules only) finds no task in any of `texts` from `sender`.
fn assert_no_task(sender: &str, texts: &[&str]) {
    let ex = Extractor::default();
    for text in texts {
        let got = ex.extract(&msg(sender, text, None), None);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
}

#[test]
fn asking_leave_is_no_task() {
    assert_no_task("吴敏", &["周总 会议室的投影仪坏了 要不要换台新的", "周总 下周想加一场直播 试试晚上的流量 可以不"]);
}

/// The sender's promise after progress told with 我 (我整理了一半 周三发群里) or after a story
/// (…已经补发了 后续赔付我这边盯着).
#[test]
fn promises_after_progress_or_story() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("吴敏", "上周的对账单我整理了一半 周三发群里", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["吴敏"]);
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-09"));
    let got = ex.extract(&msg("吴敏", "昨天有客户投诉快递送错了已经补发了后续赔付我这边盯着", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["吴敏"]);
}

/// 另外需要… is a need nobody holds yet, with no date of the first task; the sender's excuse
/// (我今天走不开) neither owns nor dates a need.
#[test]
fn needs_after_another_task_or_an_excuse() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("周建华", "@郑小川 今天把机房巡检做了 另外需要找人修一下门禁", None), None);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].owners, Vec::<String>::new());
    assert_eq!(got[1].due_date, None);
    let got = ex.extract(&msg("吴敏", "仓库的灭火器需要换一批 我今天一直在外面跑走不开", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].owners.is_empty(), "{got:?}");
    assert_eq!(got[0].due_date, None);
    // (备货到各店: the shops are where it goes, not who does it)
    let got = ex.extract(&msg("周建华", "小川周五前把中秋礼盒备货到各店", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["郑小川"]);
}

/// More everyday forms: a review of what was put in the group files (放群文件了 请周总审阅), a
/// look asked of everyone (a notice), where something is (清单在吴姐那), asking for a date
/// (想问下…是哪天), the past of this morning told in the afternoon, a request put as 能…吗, and
/// the sender's excuse beside an unowned need.
#[test]
fn everyday_forms_of_asking_and_telling() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("吴敏", "报价单初稿放群文件了 请周总审阅 重点看下运费那块", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["周建华"]);
    assert!(got[0].title.contains("报价单初稿"), "{got:?}");
    for (sender, text) in [
        ("周建华", "排班表发群里了 大家看一下 有问题跟我说"),
        ("周建华", "上季度的发票清单在吴姐那"),
        ("郑小川", "周总 想问下年会定了是哪天呀"),
    ] {
        let got = ex.extract(&msg(sender, text, None), None);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
    let mut late = msg("郑小川", "在前台 我早上拿走了", Some(("吴敏", "有人看到那本访客登记簿了吗")));
    late.ts = chrono::DateTime::parse_from_rfc3339("2026-09-07T14:00:00+08:00").unwrap_or_default();
    assert!(ex.extract(&late, None).is_empty());
    let got = ex.extract(&msg("吴敏", "有个客户想了解年金险 我不太熟 建华哥能带我去见一下吗", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["周建华"]);
    let got = ex.extract(&msg("吴敏", "展会的发电机还没着落 得有人去租一台 我这边要布展走不开", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].owners.is_empty() && !got[0].title.contains("走不开"), "{got:?}");
}

/// A role named (小川是总负责) takes its work from the clause after it; a need to find someone
/// (得找人来修) is titled without its consequence (不然…); a date people elsewhere hold to
/// (财务那边要月底前交) does not replace the one given to the member.
#[test]
fn roles_needs_and_dates_held_elsewhere() {
    let ex = Extractor::default();
    let got = ex.extract(
        &msg("周建华", "下个月的展会是今年最大的项目 大家上点心 小川是总负责 展位图这周五之前出初稿", None),
        None,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["郑小川"]);
    assert!(got[0].title.contains("展位图"), "{got:?}");
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-11"));
    let got = ex.extract(&msg("吴敏", "仓库的空调今天又坏了 温度降不下来 得找人来修 不然货会受潮", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].owners.is_empty() && !got[0].title.contains("受潮"), "{got:?}");
    let got = ex.extract(&msg("周建华", "小川 八月的报销单明天整理给我 财务那边要月底前交", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-08"));
}

/// A report to the boss run on into the sender's promise (周总今天跑了三家…明天我把合同扫描上传):
/// the boss is addressed, not a doer; the title starts at the promise's time word.
#[test]
fn report_run_on_into_a_promise() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("吴敏", "周总今天跑了三家客户签了两单一共5万明天我把合同扫描上传系统", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["吴敏"]);
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-08"));
    assert!(got[0].title.starts_with("把合同"), "{got:?}");
}

/// A tagger that calls every message a new task with probability `p_new` and tags the first
/// occurrence of `task` as task words (for the hybrid paths without a trained model).
struct StubTagger {
    p_new: f32,
    task: &'static str,
}

impl Tagger for StubTagger {
    fn tag_batch(
        &self,
        inputs: &[crate::model::tagging::TaggerInput<'_>],
    ) -> Result<Vec<crate::model::tagging::Tagging>, crate::model::tagging::TaggerError> {
        use crate::model::tagging::{MessageClass, SpanLabel, TaggedSpan, Tagging};
        Ok(inputs
            .iter()
            .map(|i| {
                let spans = i
                    .text
                    .find(self.task)
                    .map(|b| {
                        let start = i.text[..b].chars().count();
                        vec![TaggedSpan {
                            label: SpanLabel::Task,
                            start,
                            end: start + self.task.chars().count(),
                            score: 0.9,
                        }]
                    })
                    .unwrap_or_default();
                let rest = (1.0 - self.p_new) / 2.0;
                Tagging { class: MessageClass::NewTask, class_probs: [self.p_new, rest, rest], spans }
            })
            .collect())
    }
    fn name(&self) -> &str {
        "stub"
    }
}

#[test]
fn hybrid_adds_the_rules_reading_of_units_the_model_tags_and_vetoes_below_threshold() {
    // A promise without any of the rules' cue words: the rules alone find nothing.
    let m = msg("吴敏", "报销单子周五给财务 这回不会拖了", None);
    let rules_only = Extractor { config: ExtractorConfig { mode: TaggerMode::Off, ..Default::default() } };
    assert!(rules_only.extract(&m, None).is_empty(), "{:?}", rules_only.extract(&m, None));
    let sure = StubTagger { p_new: 0.97, task: "报销单子周五给财务" };
    let adding = Extractor { config: ExtractorConfig { mode: TaggerMode::Hybrid, veto_below: 0.35, add_above: 0.9 } };
    let got = adding.extract(&m, Some(&sure));
    assert_eq!(got.len(), 1, "{got:?}");
    // the rules' own deadline reading of the tagged unit (周五 after Monday 2026-09-07)
    assert_eq!(got[0].due_date, chrono::NaiveDate::from_ymd_opt(2026, 9, 11));
    assert!(got[0].title.contains("报销单"), "{got:?}");
    // below the addition threshold nothing is added
    let unsure = StubTagger { p_new: 0.6, task: "报销单子周五给财务" };
    assert!(adding.extract(&m, Some(&unsure)).is_empty());
    // the veto drops the rules' task when the model is sure there is none
    let req = msg("周建华", "@吴敏 周五前把报销单交给财务", None);
    assert_eq!(adding.extract(&req, Some(&sure)).len(), 1);
    let none = StubTagger { p_new: 0.1, task: "报销单" };
    assert!(adding.extract(&req, Some(&none)).is_empty());
}

/// A 要不要 proposal or an opinion asked (…大家觉得呢 / …你看呢) gives no work, even when the
/// proposal's own words say 请 or 把.
#[test]
fn proposals_and_opinions_are_no_task() {
    assert_no_task(
        "陆佳琪",
        &[
            "团建要不要请个教练来带 大家觉得呢",
            "我们要不要考虑一下把周报改成双周报",
            "客户想加一批样品 问我们能不能做 周总你看呢",
        ],
    );
}

/// Dates the rules used to misread: an event's day when a time word modifies its name (Q4的评审会
/// 定在周三), a clause holding only a deadline after a doer's clause, a closing time stated
/// (他们5点就下班), a time word inside a relative clause (月底要付的款).
#[test]
fn event_days_trailing_deadlines_and_stated_times() {
    let ex = Extractor::default();
    let due = |t: &ExtractedTask| t.due_date.map(|d| d.to_string());
    let got = ex.extract(&msg("周建华", "Q4的预算评审会定在周三下午 各位会前准备一下各自的预算表", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(due(&got[0]).as_deref(), Some("2026-09-09"));
    let got = ex.extract(&msg("周建华", "郑小川整理合同 吴敏核对发票 10号前", None), None);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!((got[0].owners.as_slice(), due(&got[0])), (["郑小川".to_string()].as_slice(), None));
    assert_eq!(due(&got[1]).as_deref(), Some("2026-09-10"));
    let got = ex.extract(&msg("周建华", "需要有人今天下午4点前去仓库把样品取回来 他们5点就下班", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].due_time.map(|t| t.to_string()).as_deref(), Some("16:00:00"));
    // (明天早会前 … 早会还是9点: the day before the event word, the hour from the event's clause)
    let got = ex.extract(&msg("周建华", "各位明天早会前都把周报交一下 早会还是9点", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(due(&got[0]).as_deref(), Some("2026-09-08"));
    assert_eq!(got[0].due_time.map(|t| t.to_string()).as_deref(), Some("09:00:00"));
    // (an event named in Latin letters, review前, or before 之前: 验收之前)
    let got = ex.extract(&msg("周建华", "tapeout review改到14号下午 @吴敏 review前再跑一轮全量回归", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(due(&got[0]).as_deref(), Some("2026-09-14"));
    let got = ex.extract(&msg("周建华", "周四下午验收 @吴敏 验收之前把现场清理干净", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(due(&got[0]).as_deref(), Some("2026-09-10"));
    // (明天开播前 with no other word of the event: that day, not 今天 of the next clause)
    let got = ex.extract(&msg("周建华", "明天开播前我把2号机位的镜头擦一下 今天画面有点糊", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(due(&got[0]).as_deref(), Some("2026-09-08"));
    // (明年校招的启动会定在下下周二: the event's day, not the year that qualifies it)
    let got = ex.extract(&msg("周建华", "明年校招的启动会定在下下周二 @吴敏 牵头做校招方案 会前发我", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(due(&got[0]).as_deref(), Some("2026-09-22"));
    let got = ex.extract(&msg("周建华", "那11号下午3点之前得把月底要付的款都提交掉", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(due(&got[0]).as_deref(), Some("2026-09-11"));
}

/// Division of work in one sentence: a dated header before a colon dates every part (but not a
/// week or a festival named there), a doerless clause between two doers' clauses goes on with the
/// first, and a 都 clause is said of the work before it only.
#[test]
fn headers_continuations_and_shared_clauses() {
    let ex = Extractor::default();
    let due = |t: &ExtractedTask| t.due_date.map(|d| d.to_string());
    let got = ex.extract(&msg("周建华", "下周六展会当天分工：吴敏管签到 郑小川管物料", None), None);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|t| due(t).as_deref() == Some("2026-09-19")), "{got:?}");
    // (a "before" opening the sentence, ahead of any doer, dates every part of it)
    let got = ex.extract(&msg("周建华", "月底前各位把今年的合同归档整理完 吴敏再统计一下全年的回款", None), None);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|t| due(t).as_deref() == Some("2026-09-30")), "{got:?}");
    // (a closing 都 clause of the last item dates every item; 所有 naming the item's object does not)
    let got =
        ex.extract(&msg("周建华", "分工：1.吴敏整理合同 2.郑小川核对发票 3.陆佳琪出报价单 周五前都发我", None), None);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got.iter().all(|t| due(t).as_deref() == Some("2026-09-11")), "{got:?}");
    let got = ex.extract(&msg("周建华", "吴敏负责合同；郑小川负责消防检查 这个月底前所有商铺过一遍", None), None);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(due(&got[0]), None, "{got:?}");
    let got =
        ex.extract(&msg("周建华", "这周迭代目标：@吴敏 负责登录页改版 周三前提PR @郑小川 负责接口联调", None), None);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].title.contains("提PR"), "{got:?}");
    assert_eq!(due(&got[0]).as_deref(), Some("2026-09-09"));
    assert_eq!(due(&got[1]), None);
    let text = "双十一分工：吴敏负责媒介排期 郑小川负责创意提案 月底前都要出来 陆佳琪继续做客户对接";
    let got = ex.extract(&msg("周建华", text, None), None);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(due(&got[0]).as_deref(), Some("2026-09-30"));
    assert_eq!(due(&got[1]).as_deref(), Some("2026-09-30"));
    assert_eq!(due(&got[2]), None);
}

/// A long story before the work gives the title one short part of it, not the whole story.
#[test]
fn long_story_leaves_one_part_in_the_title() {
    let ex = Extractor::default();
    let text = "仓库的叉车刹车不灵 上周差点撞到货架 今天又卡住了一次 周总 能不能帮忙约一下维修师傅";
    let got = ex.extract(&msg("陆佳琪", text, None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].title.ends_with("约一下维修师傅"), "{got:?}");
    assert!(got[0].title.chars().count() <= 18 + "约一下维修师傅".chars().count(), "{got:?}");
}

/// The sender telling they will be absent or late (来不了 / 晚到) takes nothing on; a promise beside
/// an excuse still does.
#[test]
fn own_absence_is_no_task() {
    assert_no_task("陆佳琪", &["我明天要体检来不了了 不好意思", "周总 我周四上午要去银行办事 可能要晚到半小时"]);
    let ex = Extractor::default();
    let got = ex.extract(&msg("陆佳琪", "我今天没空 报表我来弄 明天给你", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["陆佳琪"]);
}

/// A need for somebody (得有人…) beside the sender's own state (我这边急着…) is nobody's yet.
#[test]
fn need_beside_the_senders_state_is_unowned() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("陆佳琪", "复印机又卡纸了 得有人叫一下维修 我这边急着出合同", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].owners.is_empty(), "{got:?}");
}

/// A handover changed (改成下周一交给我) is still the addressee's work; thanks alone (@X 辛苦)
/// belong to the request after them, so two people get two tasks; 搞定 promised for a time to
/// come is work still to do; 在家写 is work done at home.
#[test]
fn handovers_thanks_and_promised_done() {
    let cases: &[Case] = &[
        ("周建华", "@吴敏 季度报告改成下周一交给我", None, &[(&["吴敏"], Some("2026-09-14"), "季度报告交给我")]),
        (
            "周建华",
            "@吴敏 辛苦 周三前把昨晚的故障复盘写一下，@郑小川 连接池的配置review一下",
            None,
            &[(&["吴敏"], Some("2026-09-09"), "故障复盘写一下"), (&["郑小川"], None, "连接池的配置review")],
        ),
        ("吴敏", "接口联调我明天中午12点前搞定", None, &[(&["吴敏"], Some("2026-09-08"), "接口联调")]),
        ("吴敏", "扩容方案我周末在家写", None, &[(&["吴敏"], Some("2026-09-13"), "扩容方案")]),
    ];
    check_cases(cases);
    assert_no_task("吴敏", &["接口联调搞定了", "报表已经搞定"]);
}

/// A second clause with a "before" deadline of its own, after dated work by the same doer, is a
/// second task; a hand-back or a stated need after it is not.
#[test]
fn second_dated_clause_is_second_task() {
    let cases: &[Case] = &[(
        "吴敏",
        "宣传这块 我这周内出海报的三个方向 公众号推文下周五前排好",
        None,
        &[(&["吴敏"], Some("2026-09-11"), "出海报的三个方向"), (&["吴敏"], Some("2026-09-18"), "公众号推文排好")],
    )];
    check_cases(cases);
    let ex = Extractor::default();
    for text in
        ["@吴敏 今天之内把药品清单整理出来发我 月底前要统一做一次退换货", "@吴敏 周三前把方案写好，下周五之前给我"]
    {
        assert_eq!(ex.extract(&msg("周建华", text, None), None).len(), 1, "{text}");
    }
}

/// Parts under a dated colon header (明天团建分工：…) are on the header's day, clock times
/// included; a reply that adds a clock time to the day it was asked for is a task with that time,
/// a time someone else gave (场馆说最早7点开) is none.
#[test]
fn dated_headers_and_replies_with_clock_times() {
    let cases: &[Case] = &[
        (
            "周建华",
            "明天团建分工：吴敏 早上8点前到公司订大巴 ；郑小川 10点前买好水 ；陆佳琪负责拍照",
            None,
            &[
                (&["吴敏"], Some("2026-09-08"), "到公司订大巴"),
                (&["郑小川"], Some("2026-09-08"), "买好水"),
                (&["陆佳琪"], Some("2026-09-08"), "拍照"),
            ],
        ),
        (
            "吴敏",
            "收到 中午前检查完",
            Some(("周建华", "@吴敏 今天把所有链接的价格和库存检查一遍")),
            &[(&["吴敏"], Some("2026-09-07"), "")],
        ),
    ];
    check_cases(cases);
    let ex = Extractor::default();
    let got = ex.extract(&msg("周建华", "明天团建分工：吴敏 早上8点前到公司订大巴 ；郑小川 10点前买好水", None), None);
    assert_eq!(
        got.iter().map(|t| t.due_time.map(|t| t.to_string())).collect::<Vec<_>>(),
        [Some("08:00:00".to_string()), Some("10:00:00".to_string())]
    );
    let got = ex
        .extract(&msg("吴敏", "收到 中午前检查完", Some(("周建华", "@吴敏 今天把所有链接的价格和库存检查一遍"))), None);
    assert_eq!(got[0].due_time.map(|t| t.to_string()).as_deref(), Some("12:00:00"));
    let reply = Some(("周建华", "@吴敏 问一下场馆周六几点开门"));
    assert!(ex.extract(&msg("吴敏", "问了 场馆说最早7点开 没问题", reply), None).is_empty());
}

/// A closing sentence with no doer (；节前全部落实) dates every part before it; titles lose the
/// header before a colon and a 和 left by a removed name.
#[test]
fn closing_sentence_dates_parts_and_titles_lose_headers() {
    let ex = Extractor::default();
    let text = "晚会分工：节目单 吴敏 ；场地和音响 郑小川 ；主持人选拔 陆佳琪和周建华 ；月底前全部落实";
    let got = ex.extract(&msg("周建华", text, None), None);
    assert_eq!(got.len(), 3, "{got:?}");
    for t in &got {
        assert_eq!(t.due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-30"), "{got:?}");
        assert!(!t.title.contains('：') && !t.title.ends_with('和'), "{got:?}");
    }
    assert_eq!(got[0].title, "节目单");
    // a colon after the object itself keeps the object
    let got = ex.extract(&msg("周建华", "@吴敏 报价单：周五前发我", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].title.contains("报价单"), "{got:?}");
}

/// An acknowledgement opening a reply (好 …, 收到，…) is no part of the title.
#[test]
fn opening_acknowledgement_is_no_title_word() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("吴敏", "好的，我明天把报价单发给客户", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].title, "把报价单发给客户");
    let quote = "下周起执行新的交接流程 变动挺大 吴敏你把新流程整理成一页纸的摘要 这周内发群里";
    let got = ex.extract(&msg("吴敏", "好 摘要今天下班前发群里", Some(("周建华", quote))), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].title, "摘要发群里");
}

/// Work the sender has just finished but hands over at a time to come (题我今晚出完了 明天交) is
/// their task for that day; finished work alone is a report.
#[test]
fn finished_now_handed_over_later() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("吴敏", "统计与概率的题我今早出完了 明天交", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["吴敏"]);
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-08"));
    assert_no_task("吴敏", &["统计与概率的题我今早出完了"]);
}

/// A dated meeting opening the message (下周二上午组会 @A 汇报… @B 汇报…) dates every part given
/// at it, not only the part next to it.
#[test]
fn parts_given_at_an_opening_meeting_share_its_day() {
    let ex = Extractor::default();
    let got = ex.extract(&msg("周建华", "周四上午组会 @吴敏 汇报文献阅读 @郑小川 汇报实验进展", None), None);
    assert_eq!(got.len(), 2, "{got:?}");
    for t in &got {
        assert_eq!(t.due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-10"), "{got:?}");
    }
}

/// An invitation to leisure (谁周末一起去爬山) is no open request; booking it still is work.
#[test]
fn leisure_invitations_are_no_tasks() {
    assert_no_task("吴敏", &["哈哈 春节吃胖了五斤 谁周末一起去爬山", "中午谁一起吃饭"]);
    let ex = Extractor::default();
    let got = ex.extract(&msg("周建华", "@吴敏 周五一起聚餐 你负责订个包间", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, ["吴敏"]);
}

/// A "before" that dates a noun (国庆前的婚纱照订单) is news, not the part holding the work; a
/// clause pointing back with 这个 takes the clause before it into the title.
#[test]
fn noun_dates_and_pointing_back_in_titles() {
    let ex = Extractor::default();
    let text = "国庆前的婚纱照订单都排满了 @吴敏 9月28号那单客户要加外景 你今天联系一下客户确认地点";
    let got = ex.extract(&msg("周建华", text, None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(!got[0].title.contains("婚纱照订单"), "{got:?}");
    let got = ex.extract(&msg("周建华", "年前的帐单3个工作日内要跟财务对完，这个得有人去对接一下", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].title.contains("帐单"), "{got:?}");
}

/// Looking over what was made with 过一眼 / 挑一下 / 审一下 is a review request; a role said of
/// many (团长们 / 每个部门) is everyone; a person after 把 is handled, not the doer; the 和 between
/// two removed names leaves the title with them.
#[test]
fn review_words_role_groups_and_joined_names() {
    let cases: &[Case] = &[
        ("吴敏", "标注规范v1我写完了 放在知识库 周总有空过一眼", None, &[(&["周建华"], None, "过一眼标注规范v1")]),
        ("吴敏", "主图我做了两版 放在共享盘 周总有空挑一下", None, &[(&["周建华"], None, "挑主图")]),
        (
            "周建华",
            "每个部门周三前交一份复盘 吴敏最后汇总",
            None,
            &[(&["@all"], Some("2026-09-09"), "交一份复盘"), (&["吴敏"], None, "")],
        ),
        ("周建华", "团长们今晚前通知团员来提货", None, &[(&["@all"], Some("2026-09-07"), "通知团员来提货")]),
        ("周建华", "小郑把周总下午的学员都调给陆佳琪", None, &[(&["郑小川"], None, "")]),
    ];
    check_cases(cases);
    let ex = Extractor::default();
    let got = ex.extract(&msg("陆佳琪", "粗剪交了 周总和吴敏都看一下 明天中午前给意见", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(!got[0].title.contains('和'), "{got:?}");
}

/// A greeting opening the message (大家好 / 早上好各位 / 各位早) is no title word; the group it
/// greets is no doer beside a named person or when it only says hello, and still the owner when
/// nobody else is named.
#[test]
fn greetings_name_neither_work_nor_doer() {
    assert_no_task("吴敏", &["大家好 我下周三请假一天 单证有急事找郑小川"]);
    let cases: &[Case] = &[
        (
            "周建华",
            "早上好各位 今天录制 @郑小川 你负责接艺人 8点半前到",
            None,
            &[(&["郑小川"], Some("2026-09-07"), "接艺人")],
        ),
        ("周建华", "各位早 今天下午把周报交一下", None, &[(&["@all"], Some("2026-09-07"), "把周报交一下")]),
    ];
    check_cases(cases);
    let got =
        Extractor::default().extract(&msg("周建华", "早上好 仓库的温度记录仪又掉线了 谁懂这个的帮忙看下", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(!got[0].title.starts_with('好'), "{got:?}");
}

/// A last line under a line-broken list with no doer and a "before" (28号前交到办公室) dates every
/// item; a closing thanks is no part of the last item's title.
#[test]
fn closing_line_under_a_list() {
    let text = "年度考核 分工：\n1）吴敏 整理教练员档案\n2）郑小川 维护记录\n3）陆佳琪 安全教育台账\n28号前交到办公室";
    let cases: &[Case] = &[(
        "周建华",
        text,
        None,
        &[
            (&["吴敏"], Some("2026-09-28"), "整理教练员档案"),
            (&["郑小川"], Some("2026-09-28"), "维护记录"),
            (&["陆佳琪"], Some("2026-09-28"), "安全教育台账"),
        ],
    )];
    check_cases(cases);
    let got = Extractor::default()
        .extract(&msg("周建华", "分工：\n1. 吴敏 整理档案\n2. 郑小川 维护记录\n谢谢大家", None), None);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(!got[1].title.contains("谢谢"), "{got:?}");
}

/// 你们组 / 你们部门 under a vocative is the addressed person's team: theirs to run, not everyone's;
/// the plural you (你们 / 你们俩) leaves no 们 or 俩 in the title.
#[test]
fn your_team_is_the_addressed_persons() {
    let cases: &[Case] = &[
        ("周建华", "吴姐 从你们组挑8个熟练的人先做试标", None, &[(&["吴敏"], None, "挑8个熟练的人先做试标")]),
        ("周建华", "老郑 你们店的刷卡机修好之前先来我们店拿一台备用的", None, &[(&["郑小川"], None, "")]),
    ];
    check_cases(cases);
    let got = Extractor::default().extract(&msg("周建华", "@吴敏 @郑小川 你们俩周五前把报告发我", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(!got[0].title.contains('们') && !got[0].title.contains('俩'), "{got:?}");
}

/// After a "before" given to someone, a second clause with a day of its own and 就/把 (FBA的货件
/// 今天就建) is a second task; news with a day (明天起系统关闭) is not.
#[test]
fn second_clause_with_its_own_day() {
    let cases: &[Case] = &[
        (
            "周建华",
            "@吴敏 黑五备货11月10号之前必须入仓 FBA的货件今天就建",
            None,
            &[(&["吴敏"], Some("2026-11-10"), "黑五备货入仓"), (&["吴敏"], Some("2026-09-07"), "FBA的货件建")],
        ),
        (
            "周建华",
            "本月的耗材申领单 大家今天之内报给吴敏 明天起系统关闭",
            None,
            &[(&["@all"], Some("2026-09-07"), "")],
        ),
    ];
    check_cases(cases);
}

/// A named person's own thing handed in (郑小川的毕业论文查重下周三前交到研究生院) is theirs to hand
/// in, when the name opens the part; 我的 / 你的 stay possessive.
#[test]
fn named_persons_own_thing_handed_in() {
    let text = "组会说的几件事：郑小川的毕业论文查重下周三前交到研究生院；陆佳琪这周末读完那三篇综述";
    let cases: &[Case] = &[(
        "周建华",
        text,
        None,
        &[
            (&["郑小川"], Some("2026-09-16"), "毕业论文查重交到研究生院"),
            (&["陆佳琪"], Some("2026-09-13"), "读完那三篇综述"),
        ],
    )];
    check_cases(cases);
    let got = Extractor::default().extract(&msg("周建华", "郑小川的毕业论文查重下周三前交到研究生院", None), None);
    assert!(!got.first().is_some_and(|t| t.title.starts_with('的')), "{got:?}");
}

/// A header telling the day things were said (今天组会说的几件事：) gives its parts no date; one
/// naming the day they are for (明天婚礼分工：) still does.
#[test]
fn header_of_what_was_said_dates_nothing() {
    let cases: &[Case] = &[
        (
            "周建华",
            "今天组会说的几件事：吴敏投稿前把related work再压缩一页；郑小川这周末读完那三篇综述",
            None,
            &[(&["吴敏"], None, ""), (&["郑小川"], Some("2026-09-13"), "")],
        ),
        (
            "周建华",
            "明天婚礼分工：吴敏负责签到；郑小川负责音响",
            None,
            &[(&["吴敏"], Some("2026-09-08"), ""), (&["郑小川"], Some("2026-09-08"), "")],
        ),
    ];
    check_cases(cases);
}

/// A member's name is no time word: 郑小满 (nickname 小满) dates nothing as the solar term 小满.
#[test]
fn member_names_are_not_time_words() {
    let mut m = msg("周建华", "我明天上午带小满去幼儿园做流调", None);
    m.members.push("郑小满".into());
    let got = Extractor::default().extract(&m, None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-08"), "{got:?}");
}

/// 各 + a unit of the organisation (各岗位 / 各学科教练 / 各科室负责人) is everyone.
#[test]
fn each_unit_is_everyone() {
    let cases: &[Case] = &[
        ("周建华", "各岗位3个工作日内交一份书面小结给吴敏", None, &[(&["@all"], Some("2026-09-10"), "交一份书面小结")]),
        (
            "周建华",
            "各学科教练周五前把本学科近三年的获奖数据发给吴敏",
            None,
            &[(&["@all"], Some("2026-09-11"), "把本学科近三年的获奖数据发给吴敏")],
        ),
    ];
    check_cases(cases);
}

/// Whom to contact if something comes up (有急事打电话 / 各位有特殊情况的私聊我 / 有疑问的找我) is
/// nobody's work, nor is the sender taking the floor (我来说下).
#[test]
fn contingency_contacts_are_no_task() {
    assert_no_task(
        "周建华",
        &[
            "国庆客服值班表：1号我 2号吴敏 3号郑小川 有急事打电话",
            "我来说下 上半年的绩效明细出来了 在OA里自己看 有疑问的找我",
            "各位有特殊情况的今天中午前私聊我",
        ],
    );
    let cases: &[Case] = &[(
        "周建华",
        "值班表今天下午我排好发群里 各位有特殊情况的今天中午前私聊我",
        None,
        &[(&["周建华"], Some("2026-09-07"), "值班表排好发群里")],
    )];
    check_cases(cases);
}

/// Lines that open with a name and carry no numbers are a list: a header ending in a colon and a
/// closing line with a deadline and no doer serve every line; the long header is no topic (10
/// workdays from Monday 7 September end on Sunday the 20th, a make-up workday).
#[test]
fn name_lines_share_header_and_closing_deadline() {
    let text =
        "问询函昨晚到了 一共31个问题 先分工：\n财务类 吴敏牵头\n法律类 郑小川\n陆佳琪统稿\n内部10个工作日内出初稿";
    let cases: &[Case] = &[(
        "周建华",
        text,
        None,
        &[
            (&["吴敏"], Some("2026-09-20"), "财务类"),
            (&["郑小川"], Some("2026-09-20"), "法律类"),
            (&["陆佳琪"], Some("2026-09-20"), "统稿"),
        ],
    )];
    check_cases(cases);
    let text = "区里通知 考核定在24号 周五前各条线先自查：\n吴敏 慢病随访档案\n郑小川 冷链记录\n陆佳琪 药品台账";
    let cases: &[Case] = &[(
        "周建华",
        text,
        None,
        &[
            (&["吴敏"], Some("2026-09-11"), "慢病随访档案"),
            (&["郑小川"], Some("2026-09-11"), "冷链记录"),
            (&["陆佳琪"], Some("2026-09-11"), "药品台账"),
        ],
    )];
    check_cases(cases);
}

/// Who leads (牵头 / 统筹) beside someone else's own work is a doer of the work named around them;
/// who helps (配合 / 协助) shares the work of the part before; a closing clause holding only a
/// deadline and a generic verb (这周内出) is the last doer's.
#[test]
fn leads_and_helpers_beside_other_work() {
    let cases: &[Case] = &[
        (
            "周建华",
            "周五前要把第三季度的随访数据上报 吴敏辛苦牵头 郑小川配合把高血压那部分核一下",
            None,
            &[
                (&["吴敏"], Some("2026-09-11"), "把第三季度的随访数据上报"),
                (&["郑小川"], Some("2026-09-11"), "把高血压那部分核一下"),
            ],
        ),
        (
            "周建华",
            "检查提前到周五 由吴敏牵头 郑小川配合 明天把各区域的卫生死角再过一遍 @陆佳琪 前台的客户档案也明天整理好",
            None,
            &[
                (&["吴敏", "郑小川"], Some("2026-09-08"), "把各区域的卫生死角再过一遍"),
                (&["陆佳琪"], Some("2026-09-08"), "前台的客户档案整理好"),
            ],
        ),
        (
            "周建华",
            "这周两件事 吴敏牵头 周五下午开会前把数据拉好 郑小川跟进恒丰的正式报价 这周内出",
            None,
            &[(&["吴敏"], Some("2026-09-11"), "把数据拉好"), (&["郑小川"], Some("2026-09-11"), "跟进恒丰的正式报价")],
        ),
    ];
    check_cases(cases);
}

/// A date in the clause holding the work (把, its doer) beats one in a clause giving the reason
/// (下周要发offer / 五一前要交第一批).
#[test]
fn work_clause_date_beats_reason_date() {
    let cases: &[Case] = &[
        (
            "周建华",
            "@吴敏 今天把技术部那三个候选人的背调发起一下 下周要发offer",
            None,
            &[(&["吴敏"], Some("2026-09-07"), "")],
        ),
        (
            "周建华",
            "客户新单 国庆前要交第一批5000帧 @郑小川 明天把标注规范过一遍 出个培训PPT",
            None,
            &[(&["郑小川"], Some("2026-09-08"), "")],
        ),
    ];
    check_cases(cases);
}

/// Needs nobody holds yet: about to run out is no work done (快用完了), 得赶紧 is a must, telling
/// someone (需要尽快通知运维班) is work, 谁 + a work verb asks for a volunteer (谁联系下厂家), while 谁有
/// asks for information and a worry's time (怕年前掉链子) dates nothing.
#[test]
fn unowned_needs_and_volunteer_calls() {
    let cases: &[Case] = &[
        ("周建华", "票亭的找零硬币快用完了 谁下午去趟银行", None, &[(&[], Some("2026-09-07"), "去银行换找零硬币")]),
        ("周建华", "料塔的饲料只够三天了 得赶紧跟饲料厂下单", None, &[(&[], None, "跟饲料厂下单")]),
        ("周建华", "需要尽快通知运维班处理", None, &[(&[], None, "通知运维班处理")]),
        ("周建华", "水泵压力上不去 怕周五前掉链子 谁联系下厂家售后", None, &[(&[], None, "联系厂家售后")]),
    ];
    check_cases(cases);
    assert_no_task("周建华", &["实验室饮水机没水了 谁有送水电话呀", "谁联系的厂家", "方案都做完了"]);
}

/// After a told story (…关掉了12个烧钱的词), the sender's work starts at its clause, keeping the
/// object that opens it (否定词这周内我再梳理一遍).
#[test]
fn object_opening_the_promise_clause_stays() {
    let cases: &[Case] = &[(
        "周建华",
        "汇报一下 上周广告ACOS从31%降到24% 关掉了12个烧钱的词 否定词这周内我再梳理一遍",
        None,
        &[(&["周建华"], Some("2026-09-11"), "梳理否定词")],
    )];
    check_cases(cases);
}

/// 到时候 is the day just named (我明早9点准时推送 到时候大家第一时间转发), and 第一时间 asks it of
/// everyone like 尽快.
#[test]
fn daoshihou_is_the_day_just_named() {
    let cases: &[Case] = &[(
        "周建华",
        "海报都定稿了 我明早9点准时推送 到时候大家第一时间转发",
        None,
        &[(&["周建华"], Some("2026-09-08"), "准时推送"), (&["@all"], Some("2026-09-08"), "第一时间转发")],
    )];
    check_cases(cases);
}

/// The time left (现场还剩三天) is the reason before the work, not its object; what is left over
/// (只剩两条查无此人) still is.
#[test]
fn time_left_is_no_title() {
    let ex = Extractor::default();
    let got = ex.extract(
        &msg("吴敏", "现场还剩三天 报告15号前出给你", Some(("周建华", "吴老师那边的审计报告什么时候能出？"))),
        None,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(!got[0].title.contains("现场"), "{got:?}");
    let got = ex.extract(&msg("吴敏", "缺的号都补上了 只剩两条查无此人 我明早去派出所核一下", None), None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].title.contains("查无此人"), "{got:?}");
}

/// A group after someone's verb in the same clause is whom the work reaches (郑小川对接一下各班主任 /
/// 吴敏明天带大家去仓库盘点), not who does it; joined by 和 it is a doer too.
#[test]
fn group_after_a_doers_verb_is_the_object() {
    let cases: &[Case] = &[
        (
            "周建华",
            "学生身份证信息要跟班主任核对 郑小川对接一下各班主任",
            None,
            &[(&["郑小川"], None, "对接一下各班主任")],
        ),
        ("周建华", "吴敏明天带大家去仓库盘点", None, &[(&["吴敏"], Some("2026-09-08"), "带大家去仓库盘点")]),
    ];
    check_cases(cases);
}

/// After the sender's own verb, a 你 or a group is whom the work reaches (我晚上拉你进去 / 粗剪我
/// 3号之前给到大家); after 觉得 / 让 / 提醒 … they do the work.
#[test]
fn you_or_group_after_the_senders_verb() {
    let cases: &[Case] = &[
        (
            "吴敏",
            "zotero 组里有共享库 我晚上拉你进去",
            Some(("郑小川", "有没有文献管理的共享库")),
            &[(&["吴敏"], Some("2026-09-07"), "拉进zotero共享库")],
        ),
        ("吴敏", "素材都拍完了 粗剪我15号之前给到大家", None, &[(&["吴敏"], Some("2026-09-15"), "粗剪给到大家")]),
        ("吴敏", "郑小川 我觉得你周五前把方案再改一版", None, &[(&["郑小川"], Some("2026-09-11"), "把方案再改一版")]),
    ];
    check_cases(cases);
}

/// After someone else is named, what is at a person's place (戚姐那边的自提柜) is theirs, not their
/// work.
#[test]
fn at_someones_place_is_no_doer() {
    let cases: &[Case] = &[(
        "周建华",
        "@吴敏 两天内去看下郑小川那边的自提柜",
        None,
        &[(&["吴敏"], Some("2026-09-09"), "去看下那边的自提柜")],
    )];
    check_cases(cases);
}

/// 你 asked with a time after news of what is done (…法务改完了 你今天下班前跟客户确认最终版) is
/// work; 你看着用 is not. 谁 with a time or place before the ask (谁今天下午有空去车管所, 谁周一能接)
/// calls for a volunteer.
#[test]
fn asks_after_done_news_and_wide_volunteer_calls() {
    let cases: &[Case] = &[
        (
            "周建华",
            "@吴敏 那个单子的合同条款法务改完了 你今天下班前跟客户确认最终版 明天要盖章",
            None,
            &[(&["吴敏"], Some("2026-09-07"), "跟客户确认最终版")],
        ),
        (
            "周建华",
            "谁今天下午有空去车管所给那台车年审 我这边走不开",
            None,
            &[(&[], Some("2026-09-07"), "去车管所给那台车年审")],
        ),
        (
            "周建华",
            "另一个客户的法律合同加急 日译中 5千字 谁周一能接？",
            None,
            &[(&[], Some("2026-09-07"), "法律合同日译中接")],
        ),
    ];
    check_cases(cases);
    let ex = Extractor::default();
    let got = ex.extract(
        &msg("周建华", "发了 刚从平台上扒下来的 有两年的数据不全 你看着用", Some(("吴敏", "数据发我一下"))),
        None,
    );
    assert!(got.is_empty(), "{got:?}");
}

/// 郜站 / 邝站长 address a member like 郜总; where the draft now is (在OA上了) names what to review.
#[test]
fn station_titles_and_drafts_found_in_place() {
    let cases: &[Case] = &[("陆佳琪", "方案初稿在OA上了 周站有空看一眼", None, &[(&["周建华"], None, "看方案初稿")])];
    check_cases(cases);
}

/// A take-on naming only how it is done (我去打个电话, 我下午过去看一眼) under an open request is
/// the request's work; one naming its object before the take-on (样品我去拿) keeps its own title.
#[test]
fn thin_take_ons_take_the_requested_work() {
    let cases: &[Case] = &[
        (
            "吴敏",
            "我去打个电话",
            Some(("周建华", "会议室投影仪又连不上了 得有人找一下IT来看看")),
            &[(&["吴敏"], None, "找IT来看投影仪")],
        ),
        (
            "吴敏",
            "样品我去拿 周五前",
            Some(("周建华", "下周去展会 需要提前准备一套能演示的样机")),
            &[(&["吴敏"], Some("2026-09-11"), "去拿样品")],
        ),
    ];
    check_cases(cases);
}

/// The modal 得 before a work verb is a need nobody holds (轮胎扎了 明天得换备胎): its title and date
/// start at its own clause, after the story told before it; not the 得 of a complement (卖得很好)
/// or a need on a condition (要是…得再招). 跟X说一声 is work, and what to tell is the news before it.
#[test]
fn modal_needs_and_telling() {
    let cases: &[Case] = &[
        ("周建华", "今天巡检发现二号仓的排风扇坏了一台 噪音很大 得换个新电机", None, &[(&[], None, "换个新电机")]),
        ("周建华", "客户投诉了两次 这周五前得给他们出个书面说明", None, &[(&[], Some("2026-09-11"), "出个书面说明")]),
        ("周建华", "甲方说验收推迟到月底。@吴敏 跟监理说一声", None, &[(&["吴敏"], None, "跟监理说验收推迟到月底")]),
    ];
    check_cases(cases);
    let ex = Extractor::default();
    for t in ["这款新品卖得很好 库存还够一周", "下个月要是订单还这么多 得再招两个打包工", "我觉得这版方案还行"]
    {
        let got = ex.extract(&msg("周建华", t, None), None);
        assert!(got.is_empty(), "{t}: {got:?}");
    }
}

/// 各 + a unit of the organisation, however short (各店 / 各区饲养员 / 各队), is everyone.
#[test]
fn each_short_unit_is_everyone() {
    let cases: &[Case] = &[
        ("周建华", "各店这周四之前把新海报贴出来", None, &[(&["@all"], Some("2026-09-10"), "把新海报贴出来")]),
        ("周建华", "各区饲养员周五前把护栏检查一遍", None, &[(&["@all"], Some("2026-09-11"), "把护栏检查一遍")]),
    ];
    check_cases(cases);
}

/// A closing hand-in naming nobody (明天下午3点前交我) after several people's parts dates every part;
/// one naming its own work (下周一给我一份排期) is the last person's.
#[test]
fn closing_hand_in_dates_every_part() {
    let cases: &[Case] = &[
        (
            "周建华",
            "吴敏统计华东的 小川统计华南的 佳琪统计华北的 周三下午3点前交我",
            None,
            &[
                (&["吴敏"], Some("2026-09-09"), "统计华东的"),
                (&["郑小川"], Some("2026-09-09"), "统计华南的"),
                (&["陆佳琪"], Some("2026-09-09"), "统计华北的"),
            ],
        ),
        (
            "周建华",
            "吴敏负责场地报备 小川跟宣传 周三给我一份排期",
            None,
            &[(&["吴敏"], None, "场地报备"), (&["郑小川"], Some("2026-09-09"), "跟宣传给一份排期")],
        ),
    ];
    check_cases(cases);
}

/// 马上要 (客户马上要到) says what is about to happen, not work asked now: the thing named
/// before it stays the need's object.
#[test]
fn about_to_happen_is_no_request() {
    let cases: &[Case] = &[(
        "周建华",
        "三楼会议室的投影仪连不上 客户马上要到 急 需要人过去处理一下",
        None,
        &[(&[], None, "三楼会议室的投影仪连不上过去处理")],
    )];
    check_cases(cases);
}

/// Under a request open to anyone, going or calling (我在仓库 马上过去 / 我打个电话) takes it on.
#[test]
fn going_over_takes_on_an_open_request() {
    let cases: &[Case] = &[(
        "郑小川",
        "我在仓库 马上过去",
        Some(("周建华", "前台到了二十箱打印纸 谁在附近能去帮忙搬一下")),
        &[(&["郑小川"], None, "搬前台的二十箱打印纸")],
    )];
    check_cases(cases);
}

/// The time in what must not happen (别等到节前还…, 免得月底…) dates nothing; the work's own
/// time (两周内) does.
#[test]
fn what_must_not_happen_dates_nothing() {
    let cases: &[Case] = &[(
        "周建华",
        "吴敏两周内把仓库的货全部盘一遍 别等到国庆前还对不上账",
        None,
        &[(&["吴敏"], Some("2026-09-21"), "把仓库的货全部盘一遍")],
    )];
    check_cases(cases);
}

/// A closing line that opens with the deadline (都周四前弄好) dates every named line, whatever it
/// then says to everyone (检查那天大家穿正装), and is no task of its own.
#[test]
fn closing_line_with_a_word_to_everyone() {
    let cases: &[Case] = &[(
        "周建华",
        "周五上级来检查 分工：\n吴敏 会议室布置\n郑小川 设备台账\n陆佳琪 近三年数据做成表\n都周四前弄好 检查那天大家穿正装",
        None,
        &[
            (&["吴敏"], Some("2026-09-10"), "会议室布置"),
            (&["郑小川"], Some("2026-09-10"), "设备台账"),
            (&["陆佳琪"], Some("2026-09-10"), "近三年数据做成表"),
        ],
    )];
    check_cases(cases);
}

/// A roster's closing line about each one's part (各自那块周三前给到佳琪) dates every line, though it
/// names whom the parts go to.
#[test]
fn closing_line_about_each_ones_part() {
    let cases: &[Case] = &[(
        "周建华",
        "国庆保障方案分工：\n- 吴敏 出方案框架\n- 小川 物资清单\n- 佳琪 排班表\n各自那块周三前给到佳琪",
        None,
        &[
            (&["吴敏"], Some("2026-09-09"), "出方案框架"),
            (&["郑小川"], Some("2026-09-09"), "物资清单"),
            (&["陆佳琪"], Some("2026-09-09"), "排班表"),
        ],
    )];
    check_cases(cases);
}

/// A closing line asking for remarks (有意见的周三前提) dates none of the roster's lines.
#[test]
fn closing_remark_line_dates_no_roster_line() {
    let cases: &[Case] = &[(
        "周建华",
        "消防演练 分工：\n- 吴敏 更新一遍联络表\n- 小川 现场拍照\n有意见的周三前提",
        None,
        &[(&["吴敏"], None, "更新一遍联络表"), (&["郑小川"], None, "现场拍照")],
    )];
    check_cases(cases);
}

/// When ordered goods arrive (我今天就下单 周三前能到店) is the supplier's time, not the order's date;
/// a date after other work (找设计做海报 29号前到店) still dates it.
#[test]
fn arrival_of_an_order_is_no_deadline() {
    let cases: &[Case] = &[
        ("吴敏", "打印纸我今天就下单 周三前能到店", None, &[(&["吴敏"], Some("2026-09-07"), "打印纸下单")]),
        ("吴敏", "海报我来找设计做 周三前到店", None, &[(&["吴敏"], Some("2026-09-09"), "找设计做海报")]),
    ];
    check_cases(cases);
}

/// A treat (这周五请大家吃火锅) and a duty roster told by days (国庆值班：1号2号吴敏 3号4号小川) ask no
/// work; a watch for one occasion (今晚上线值守：吴敏和小川) still does.
#[test]
fn treats_and_duty_rosters_are_no_tasks() {
    check_no_tasks(
        "周建华",
        None,
        &["汇报很顺利 辛苦大家 这周五请大家吃火锅", "国庆值班：1号2号吴敏 3号4号小川 5到7号佳琪 有事提前跟我说"],
    );
    check_cases(&[(
        "周建华",
        "今晚上线值守：吴敏和郑小川",
        None,
        &[(&["吴敏", "郑小川"], Some("2026-09-07"), "上线值守")],
    )]);
}

/// Holiday wishes beside who is on duty (节前最后一天 大家辛苦了 中秋快乐 假期有急单我和小川值班) ask no
/// work, nor does a red packet handed out; work asked beside the wishes still is a task.
#[test]
fn holiday_wishes_and_duty_are_no_tasks() {
    check_no_tasks(
        "周建华",
        None,
        &[
            "节前最后一天 大家辛苦了 中秋快乐 假期有急单我和小川值班",
            "年度考核结果出来了 我们组全公司第一 国庆值班吴敏和郑小川 其他人好好休息 节日快乐",
            "节前最后一天班 祝大家中秋快乐 红包我先发一个",
        ],
    );
    check_cases(&[(
        "周建华",
        "中秋快乐 今晚大堂有赏月活动 吴敏你明天下午把月饼和茶歇摆好",
        None,
        &[(&["吴敏"], Some("2026-09-08"), "把月饼和茶歇摆好")],
    )]);
}

/// An act told as done in the last clause (档案放吴敏桌上了, 我先约上了) asks nothing; work asked of
/// someone before it (…先来我们店拿一台备用的 我放在柜子里了) still does.
#[test]
fn an_act_told_done_is_no_task() {
    check_no_tasks("周建华", None, &["教练员档案放吴敏桌上了", "送检单位说要先预约 我先约上了"]);
    check_cases(&[(
        "周建华",
        "小川 你们店刷卡机修好之前先来我们店拿一台备用的用着 我放在收银台下面柜子里了",
        None,
        &[(&["郑小川"], None, "来我们店拿一台备用的刷卡机")],
    )]);
}

/// Work finished now and handed over at a time still to come is the sender's promise, also when told
/// to someone by name (周总 夜间门诊测算做好了 下周一一早发您) or with a past time by 我 (终稿我昨晚改好了
/// 下午交到学院); @someone before a 再 still gives them the work.
#[test]
fn made_now_handed_over_later() {
    check_cases(&[
        ("吴敏", "周总 夜间门诊测算做好了 下周一一早发您", None, &[(&["吴敏"], Some("2026-09-14"), "发夜间门诊测算")]),
        ("吴敏", "终稿我昨晚改好了 下午交到学院", None, &[(&["吴敏"], Some("2026-09-07"), "终稿交到学院")]),
        (
            "周建华",
            "@郑小川 有家长反映数学样卷超纲 周三前再改一版 给我看看",
            None,
            &[(&["郑小川"], Some("2026-09-09"), "数学样卷再改一版")],
        ),
    ]);
}

/// A look asked of one person named right before it (周总有空帮忙看看…初稿 提提意见) is their work,
/// though remarks are invited; someone's plans told (陆工说她周四去建材市场) are not.
#[test]
fn a_look_asked_of_one_person() {
    check_cases(&[(
        "吴敏",
        "周总有空帮忙看看用户中心拆分方案的初稿 已经放共享盘了 提提意见",
        None,
        &[(&["周建华"], None, "看看用户中心拆分方案的初稿")],
    )]);
    check_no_tasks("吴敏", None, &["陆工说她周四去建材市场挑灯 我看看能不能一起去"]);
}

/// A reviewer's verdict with changes (看了 68元档加一个头像框 其他OK 今天改完再发一版) under work sent
/// for review is the changes, for the one who sent it; an answer (看了 没亮 正常) or praise is none.
#[test]
fn review_verdict_with_changes() {
    let q = Some(("吴敏", "礼包定价方案发你邮箱了 请查收"));
    check_cases(&[
        (
            "周建华",
            "看了 68元档加一个头像框 其他OK 今天改完再发一版",
            q,
            &[(&["吴敏"], Some("2026-09-07"), "68元档加头像框改完再发一版")],
        ),
        ("周建华", "背景墙颜色再深一点 其他没问题", q, &[(&["吴敏"], None, "背景墙颜色再深一点")]),
    ]);
    check_no_tasks("周建华", q, &["看了 挺好的 没问题", "看了 没亮 正常"]);
}

/// Under a request addressed to the replier: a hand-over promised on the day asked (下午给你) is a
/// task, and so is other work of the replier's own beside an acknowledgement (好 疫苗库存我先盘一下).
#[test]
fn replies_promising_the_hand_over_or_own_work() {
    check_cases(&[
        (
            "郑小川",
            "下午给你",
            Some(("吴敏", "小川 今天能不能把渠道ROI的底表跑出来 我想晚上先看看")),
            &[(&["郑小川"], Some("2026-09-07"), "把渠道ROI的底表跑出来")],
        ),
        (
            "郑小川",
            "好 疫苗库存我先盘一下",
            Some(("吴敏", "这周开始春防 口蹄疫和猪瘟的疫苗小川排个免疫计划 明天给我")),
            &[(&["郑小川"], None, "盘疫苗库存")],
        ),
    ]);
}

/// A week or a month said of what happens in a clause of its own (新来的两个实习生下周入职 / 安监下周要
/// 抽查) dates no work in another clause; a day or a "before" still does.
#[test]
fn a_coarse_event_time_is_no_deadline() {
    check_cases(&[
        ("周建华", "新来的两个实习生下周入职 得有人带一下", None, &[(&[], None, "带新来的两个实习生")]),
        (
            "周建华",
            "麻烦小川把上个月的两票整理一下装订 安监下周要抽查",
            None,
            &[(&["郑小川"], None, "把两票整理一下装订")],
        ),
        (
            "周建华",
            "安监周三要抽查 麻烦小川把两票整理一下装订",
            None,
            &[(&["郑小川"], Some("2026-09-09"), "把两票整理一下装订")],
        ),
    ]);
}

/// One asked for (谁能替我值3号的班 / 谁有空顶一下) is nobody's yet, whatever the sender says of
/// themselves or the group in the same breath.
#[test]
fn an_open_request_has_no_owner() {
    check_cases(&[
        ("吴敏", "3号我家里有点事 谁能替我值3号的班", None, &[(&[], Some("2026-10-03"), "替值3号的班")]),
        ("吴敏", "这周六上午各科联考 监考还缺两个人 谁有空顶一下", None, &[(&[], Some("2026-09-12"), "顶联考的监考")]),
    ]);
}

/// 每人 after people named (@吴敏 @郑小川 今天下班前每人对着练三遍) is each of them, not the group.
#[test]
fn each_of_those_named() {
    check_cases(&[(
        "周建华",
        "新话术我整理了12条 在群文件 @吴敏 @郑小川 今天下班前每人对着练三遍",
        None,
        &[(&["吴敏", "郑小川"], Some("2026-09-07"), "对着新话术练三遍")],
    )]);
}

/// 我 before an act told as done (我先安抚住了, 我先发您邮箱了) promises nothing; a need told to someone
/// by name (陆佳琪 我这边卡住了 得有人给开一下…) is still nobody's.
#[test]
fn self_reports_of_done_acts() {
    check_no_tasks("吴敏", None, &["今天有个顾客说吃了蛋糕拉肚子 我先安抚住了 留了电话"]);
    check_cases(&[
        ("吴敏", "周总 开门红方案框架我先发您邮箱了，请周总审阅", None, &[(&["周建华"], None, "审阅开门红方案框架")]),
        (
            "吴敏",
            "郑小川 我这边卡住了 得有人给开一下联调环境的数据库账号",
            None,
            &[(&[], None, "开联调环境的数据库账号")],
        ),
    ]);
}

/// The day a routine starts (明天开始每人每天自检20帧) is no deadline; 明天开始 alone still dates.
#[test]
fn the_start_of_a_routine_is_no_deadline() {
    check_cases(&[
        (
            "周建华",
            "@吴敏 @郑小川 你们俩组明天开始每人每天自检20帧",
            None,
            &[(&["吴敏", "郑小川"], None, "每人每天自检20帧")],
        ),
        ("周建华", "@吴敏 明天开始把旧数据迁到新库", None, &[(&["吴敏"], Some("2026-09-08"), "把旧数据迁到新库")]),
    ]);
}

/// A shift roster (早班 7:00-15:00 吴敏 小川 / on-call排班：主值吴敏 副值郑小川) tells who works when,
/// no work asked.
#[test]
fn shift_rosters_are_no_tasks() {
    check_no_tasks(
        "周建华",
        None,
        &[
            "双十一当天排班 大家看下\n早班 7:00-15:00 吴敏 小川\n晚班 15:00-23:00 我和佳琪",
            "下周on-call排班：主值吴敏 副值郑小川",
        ],
    );
}

/// News told to someone by name at the head of a message (周总 我们店的制冰机又坏了) asks nothing of
/// them; a question or a request to them (周总 期中考试的命题分工什么时候定呀) still does.
#[test]
fn news_told_to_someone_by_name() {
    check_no_tasks("吴敏", None, &["周总 我们店的制冰机又坏了", "周总 商城礼包卖超了 限购没生效"]);
    check_cases(&[(
        "吴敏",
        "周总 期中考试的命题分工什么时候定呀",
        None,
        &[(&["周建华"], None, "定期中考试的命题分工")],
    )]);
}

/// 请问 opens a question and 想请…年假 wants leave: neither asks work (请问下月的排班什么时候出呀 我12月想请3天年假).
#[test]
fn polite_questions_and_leave_wished_are_no_tasks() {
    check_no_tasks("吴敏", None, &["请问下月的排班什么时候出呀 我12月想请3天年假回趟老家"]);
}

/// A check asked of finished work (…问题修好了 MR已经提了 小川帮忙回归一下呗) names that work as its
/// object.
#[test]
fn a_check_of_finished_work_names_it() {
    check_cases(&[(
        "吴敏",
        "安卓端启动白屏的问题修好了 MR已经提了 小川帮忙回归一下呗",
        None,
        &[(&["郑小川"], None, "回归安卓端启动白屏的问题")],
    )]);
}

/// A time word followed by what happened (这周第二次了 / 今天试了三次 / 我们组这周走访了40户) dates the
/// event told, not the work asked after it; a greeting (早上好) dates nothing. 明天交了吧 still asks.
#[test]
fn a_time_told_of_what_happened_is_no_deadline() {
    check_cases(&[
        (
            "吴敏",
            "会议室的投影仪又连不上了这周第二次了🙄得有人去看看是不是线坏了",
            None,
            &[(&[], None, "看看投影仪是不是线坏了")],
        ),
        (
            "吴敏",
            "冷库的温控器今天跳闸了两回 小川帮忙联系一下厂家",
            None,
            &[(&["郑小川"], None, "联系厂家看冷库的温控器")],
        ),
        ("吴敏", "早上好 门禁系统昨晚又掉线了 谁懂这个的帮忙看下", None, &[(&[], None, "看下门禁系统")]),
        ("吴敏", "小川 报销单明天交了吧", None, &[(&["郑小川"], Some("2026-09-08"), "交报销单")]),
    ]);
}

/// A day said before the words naming a meeting (周四评审会前 …) dates every part after it.
#[test]
fn a_day_before_a_named_meeting_dates_every_part() {
    check_cases(&[(
        "周建华",
        "周四评审会前 小川把接口文档整理好 佳琪把测试用例补齐",
        None,
        &[(&["郑小川"], Some("2026-09-10"), "把接口文档整理好"), (&["陆佳琪"], Some("2026-09-10"), "把测试用例补齐")],
    )]);
}

/// Work called off (展台不搭了 物料不用印了 / 海报的事先不用跑了) and praise of what was done, time
/// words and all (双十一一共发了300单 佳琪一个人发了200单 太强了), ask nothing; new work beside a
/// cancellation still does.
#[test]
fn work_called_off_and_praise_are_no_tasks() {
    check_no_tasks(
        "吴敏",
        None,
        &[
            "刚接到主办方电话 展台不搭了 物料不用印了 @郑小川 辛苦白忙了",
            "@陆佳琪 海报的事先不用跑了 市场部自己找了设计",
            "双十一一共发了300单 佳琪一个人发了200单 太强了👍",
        ],
    );
    check_cases(&[(
        "周建华",
        "旧版合同不用改了 小川今天把新版合同发给客户",
        None,
        &[(&["郑小川"], Some("2026-09-07"), "把新版合同发给客户")],
    )]);
}

/// The sender away, with how to reach them (我下周请了年假 周三回来 有事微信找我), asks nothing; away
/// with someone asked to stand in (…有事微信 小川帮我盯一下发货) still does.
#[test]
fn an_away_notice_is_no_task() {
    check_no_tasks("吴敏", None, &["我下周请了年假 周三回来 有事微信找我", "中秋我回老家 有事微信"]);
    check_cases(&[("吴敏", "我下周请了年假 有事微信 小川帮我盯一下发货", None, &[(&["郑小川"], None, "盯一下发货")])]);
}

/// A partner named with 跟…一起 (小川跟佳琪一起把… / 你跟吴敏一起弄) shares the work; 跟 alone
/// (跟佳琪对一下) names whom to talk to.
#[test]
fn a_partner_named_with_together_is_an_owner() {
    check_cases(&[
        (
            "周建华",
            "小川跟佳琪一起把展台的物料清点一遍 周五前",
            None,
            &[(&["郑小川", "陆佳琪"], Some("2026-09-11"), "把展台的物料清点一遍")],
        ),
        ("周建华", "小川跟佳琪对一下展台的物料清单", None, &[(&["郑小川"], None, "跟佳琪对一下展台的物料清单")]),
    ]);
}

/// A group word right after 一下 (起草一下全员调休的通知) is in what the work names, not its doer;
/// after 提醒一下 (提醒一下大家…) it is.
#[test]
fn a_group_after_yixia_is_part_of_the_object() {
    check_cases(&[
        (
            "周建华",
            "佳琪 麻烦明天上午10点前起草一下全员调休的通知 发我看看",
            None,
            &[(&["陆佳琪"], Some("2026-09-08"), "起草全员调休的通知")],
        ),
        ("周建华", "提醒一下大家 周五前把报销单交了", None, &[(&["@all"], Some("2026-09-11"), "把报销单交了")]),
    ]);
}

/// Work the sender hands over at a time still to come, to the one told or to the group (答辩PPT
/// 今天下午3点前发您 / 整改意见明天发群里), is the sender's promise, 我 unsaid.
#[test]
fn a_hand_over_promised_without_wo_is_the_senders() {
    check_cases(&[
        ("吴敏", "答辩PPT今天下午3点前发您", None, &[(&["吴敏"], Some("2026-09-07"), "答辩PPT发您")]),
        ("吴敏", "周总 答辩PPT今天下午3点前发您", None, &[(&["吴敏"], Some("2026-09-07"), "答辩PPT发您")]),
        ("吴敏", "验收通过了 提了两条整改意见 明天发群里", None, &[(&["吴敏"], Some("2026-09-08"), "整改意见发群里")]),
    ]);
}

/// A promise beside the sender's excuse (我明天中午前补发活动方案 今天一直在工地走不开) stands; the
/// sender's own errand (我周四上午要去印厂看样 可能要晚到半小时) promises nothing.
#[test]
fn a_promise_beside_an_excuse_stands() {
    check_cases(&[(
        "吴敏",
        "我明天中午前补发活动方案 今天一直在工地走不开",
        None,
        &[(&["吴敏"], Some("2026-09-08"), "补发活动方案")],
    )]);
    check_no_tasks("吴敏", None, &["周总 我周四上午要去印厂看样 可能要晚到半小时"]);
}

/// A need for somebody told after news or a finished check (监理通知周五做消防检测 检测前得有人把
/// 喷淋末端试一遍 / 验收完了 得有人今天下班前跟甲方要签字页) is a task nobody holds yet; the
/// sender's reason after it (我今晚要盯到撤场 起不来) dates nothing.
#[test]
fn a_need_told_after_news_is_a_task() {
    check_cases(&[
        (
            "吴敏",
            "验收完了 甲方要补一份签字页 得有人今天下班前跟甲方要过来",
            None,
            &[(&[], Some("2026-09-07"), "跟甲方要签字页")],
        ),
        (
            "吴敏",
            "嘉宾那边说改了明天一早的航班 需要有人明早6点送嘉宾去机场 我今晚要盯到撤场 起不来",
            None,
            &[(&[], Some("2026-09-08"), "送嘉宾去机场")],
        ),
    ]);
}

/// 我 + a verb that takes on the quoted request (我联系厂家 / 我喊两个师傅去弄) is the replier's
/// promise; 我联系了 tells what is done.
#[test]
fn a_reply_taking_on_with_its_own_verb_commits() {
    check_cases(&[(
        "吴敏",
        "我联系物业 让他们来修",
        Some(("周建华", "三楼茶水间的热水器漏水了 需要找人来修")),
        &[(&["吴敏"], None, "联系物业")],
    )]);
    check_no_tasks("吴敏", Some(("周建华", "三楼茶水间的热水器漏水了 需要找人来修")), &["我联系了 物业说下午来"]);
}

/// A reply to a request naming work of its own (好 我今晚先出个草稿发群里) keeps its own words; a bare
/// promise (好 今晚改完发你) is the quoted work.
#[test]
fn a_reply_naming_its_own_work_keeps_its_title() {
    check_cases(&[(
        "陆佳琪",
        "好 我今晚先出个草稿发群里",
        Some(("周建华", "@陆佳琪 迎新晚会的海报这周五前出两版给我挑一下")),
        &[(&["陆佳琪"], Some("2026-09-07"), "出个草稿发群里")],
    )]);
}

/// A reviewer's verdict with changes (看完了 整体可以 风险那部分论证要加强) under work sent for review
/// is the sender's work, even where the review asked was first read as the reviewer's promise.
#[test]
fn a_verdict_with_changes_goes_to_who_sent_the_work() {
    check_cases(&[(
        "周建华",
        "看完了 整体可以 风险那部分论证要加强，下周一前改好再给我",
        Some(("吴敏", "周总 您有空看下项目申报书初稿 都在邮箱里 有问题我今晚就改")),
        &[(&["吴敏"], Some("2026-09-14"), "加强风险那部分论证")],
    )]);
}

/// A past time compared with (报价比去年贵了15%) tells no past event: the decision asked after it
/// is work.
#[test]
fn a_time_compared_with_is_no_past_report() {
    check_cases(&[(
        "吴敏",
        "周总 场地那边报价出来了 比去年贵了15% 要不要换一家 您拿个主意",
        None,
        &[(&["周建华"], None, "拿个主意要不要换场地")],
    )]);
}

/// A decision asked of someone named (第三家报价太高 周总看要不要换一家) is their work, though put as
/// 要不要.
#[test]
fn a_decision_asked_of_someone_is_work() {
    check_cases(&[(
        "吴敏",
        "三家供应商谈下来两家 第三家报价太高 周总看要不要换一家",
        None,
        &[(&["周建华"], None, "看要不要换一家供应商")],
    )]);
    check_no_tasks("吴敏", None, &["第三家报价太高 要不要换一家"]);
}

/// Under a need nobody holds (这个得有人来修), a reply with a day still to come and the going or the
/// work (明早过去换掉) takes it on without 我; 我发你 under a question hands the thing over.
#[test]
fn a_reply_with_a_day_and_the_work_takes_an_open_need_on() {
    check_cases(&[
        (
            "吴敏",
            "冲水阀配件我车上就有 明早过去换掉",
            Some(("周建华", "二楼女厕有个冲水阀坏了 这个得有人来修")),
            &[(&["吴敏"], Some("2026-09-08"), "换冲水阀配件")],
        ),
        (
            "吴敏",
            "有 在我电脑里 我发你",
            Some(("周建华", "年会的流程模板有吗？")),
            &[(&["吴敏"], None, "发年会的流程模板")],
        ),
    ]);
    check_no_tasks("吴敏", Some(("周建华", "二楼女厕有个冲水阀坏了 这个得有人来修")), &["社区医院就能办 大概一周出证"]);
    check_no_tasks("吴敏", None, &["我发你的文件看了吗"]);
}

/// News of what is done (沪A3修好了) followed by someone named with a day still to come (晓琳明天给它
/// 排个短途) is work given, not a finished report.
#[test]
fn someone_named_with_a_day_after_the_news_is_work() {
    check_cases(&[(
        "周建华",
        "冷藏车修好了 试了两个小时 温度稳得住 佳琪明天给它排个短途先跑跑看",
        None,
        &[(&["陆佳琪"], Some("2026-09-08"), "给冷藏车排个短途跑跑看")],
    )]);
    check_no_tasks("周建华", None, &["冷藏车修好了 佳琪昨天试了两个小时 温度稳得住"]);
}

/// 你 right after a name (老吴 你把二号仓腾出来) is the one just named, not whom the message opened
/// with.
#[test]
fn you_after_a_name_is_that_person() {
    check_cases(&[(
        "周建华",
        "小郑 让面料厂周五前把布送过来 老吴 你把二号仓腾出来放加单的布",
        None,
        &[(&["郑小川"], Some("2026-09-11"), "让面料厂把布送过来"), (&["吴敏"], None, "把二号仓腾出来放加单的布")],
    )]);
}

/// The day of the sender's own leave (下周三我请假一天) dates the leave, not the approval asked for.
#[test]
fn the_senders_leave_day_dates_no_approval() {
    check_cases(&[(
        "吴敏",
        "周总 下周三我请假一天 请假单在钉钉上提了 麻烦批一下",
        None,
        &[(&["周建华"], None, "批请假单")],
    )]);
}

/// An event on the day already said (节后开工 今天下午3点开全员进度会 会前…) gives the deadline its
/// hour.
#[test]
fn an_event_on_the_day_said_gives_its_hour() {
    let mut m = msg("周建华", "节后开工 今天下午3点开全员进度会 会前每个人把手上的进度更新到飞书表格", None);
    m.ts = chrono::DateTime::parse_from_rfc3339("2026-10-08T09:05:00+08:00").unwrap_or_default();
    let got = Extractor::default().extract(&m, None);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-10-08"));
    assert_eq!(got[0].due_time.map(|t| t.to_string()).as_deref(), Some("15:00:00"));
}

/// The last act told done (一页纸放周总桌上了) asks nothing, a closing wish (周末愉快) after it
/// included.
#[test]
fn a_closing_wish_after_work_told_done_asks_nothing() {
    check_no_tasks("吴敏", None, &["一页纸放周总桌上了 周末愉快☀️", "样品寄出去了 大家国庆快乐"]);
}

/// A reply that hands what was asked about to the asker (我电脑里有 等下把模板发你) is the replier's
/// promise, though it reads as a bare imperative.
#[test]
fn handing_the_thing_asked_about_is_the_repliers_promise() {
    check_cases(&[(
        "吴敏",
        "我电脑里有 等下把模板发你",
        Some(("周建华", "消防检查的表格模板有人有吗 去年用的那版找不到了")),
        &[(&["吴敏"], None, "")],
    )]);
}

/// A time that comes back every day (每天下午在群里通报一次) is no deadline.
#[test]
fn a_daily_time_is_no_deadline() {
    check_cases(&[("周建华", "佳琪你负责盯各组的录入进度 每天下午在群里通报一次", None, &[(&["陆佳琪"], None, "")])]);
}

/// A time with 都 after several parts (前两章我来 周末都写完) closes every one of them.
#[test]
fn a_time_with_dou_after_the_parts_closes_them_all() {
    check_cases(&[(
        "周建华",
        "佳琪 你来写初稿第三章的渠道分析 前两章我来 周末都写完",
        None,
        &[(&["陆佳琪"], Some("2026-09-13"), "写初稿第三章的渠道分析"), (&["周建华"], Some("2026-09-13"), "")],
    )]);
}

/// A reply taking the request on for the day it was asked for (周二下午我没课 我去借吧 under …周二
/// 下午5点前) keeps the hour asked.
#[test]
fn a_reply_on_the_day_asked_keeps_its_hour() {
    let got = Extractor::default().extract(
        &msg("吴敏", "周二下午我没课 我去借吧", Some(("周建华", "得有人去后勤借12台对讲机 周二下午5点前"))),
        None,
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].owners, vec!["吴敏".to_string()]);
    assert_eq!(got[0].due_date.map(|d| d.to_string()).as_deref(), Some("2026-09-08"));
    assert_eq!(got[0].due_time.map(|t| t.to_string()).as_deref(), Some("17:00:00"));
}
