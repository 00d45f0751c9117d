#!/usr/bin/env python3
"""Builder for hand-written eval set s8 (set.jsonl).

Every message is written by hand below; every deadline is given as a *rule* (the reading of
the message's own words under the README conventions) and the date is computed here from the
message's ts and the official holiday / 调休 calendar
(/work/shared/datasets/zh-time/holidays_cn/YYYY.json).

Rules:
  today | tomorrow | plus:N            今天 / 明天 明早 今明两天 / N天内
  bare:K        bare 周K (K=1..7, 7=周日): next such day on or after today
  this:K | next:K | nextnext:K         本周K / 下周K / 下下周K
  thisweek | nextweek | weekend        本周内 / 下周内 / 周末 (Sunday)
  monthend | yearend                   月底 / 年底
  day:N         N号 (this month if not past, else next month)
  nextmonthday:N                       下个月N号
  md:M-D        explicit M月D号 (this year, next year if past)
  wd:N          N个工作日内 (count from the day after, skip off-days, 调休 days count)
  pre:NAME      节前: last workday before the holiday NAME (alt: the holiday's first day)
  after:NAME    节后第一个工作日
"""
import datetime as dt
import glob
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
HOL_DIR = "/work/shared/datasets/zh-time/holidays_cn"
TZ = dt.timezone(dt.timedelta(hours=8))

# ---------------------------------------------------------------- calendar
CAL = {}          # date -> (name, isOffDay)
for fn in sorted(glob.glob(os.path.join(HOL_DIR, "*.json"))):
    for x in json.load(open(fn, encoding="utf-8")).get("days", []):
        CAL[dt.date.fromisoformat(x["date"])] = (x["name"], x["isOffDay"])
assert dt.date(2026, 2, 14) in CAL and CAL[dt.date(2026, 2, 14)][1] is False


def is_workday(d):
    if d in CAL:
        return not CAL[d][1]
    return d.weekday() < 5


def monday(d):
    return d - dt.timedelta(days=d.weekday())


def month_end(y, m):
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def resolve(rule, d):
    """Return (date, [alt dates]) for a rule relative to the message date d."""
    if rule is None:
        return None, []
    name, _, arg = rule.partition(":")
    D = dt.timedelta
    if name == "today":
        return d, []
    if name == "tomorrow":
        return d + D(1), []
    if name == "plus":
        return d + D(int(arg)), []
    if name == "bare":
        k = int(arg) - 1
        return d + D((k - d.weekday()) % 7), []
    if name == "this":
        return monday(d) + D(int(arg) - 1), []
    if name == "next":
        return monday(d) + D(7 + int(arg) - 1), []
    if name == "nextnext":
        return monday(d) + D(14 + int(arg) - 1), []
    if name == "thisweek":
        return monday(d) + D(4), []
    if name == "nextweek":
        return monday(d) + D(11), []
    if name == "weekend":
        return monday(d) + D(6), []
    if name == "monthend":
        return month_end(d.year, d.month), []
    if name == "yearend":
        return dt.date(d.year, 12, 31), []
    if name == "day":
        n = int(arg)
        if n >= d.day:
            return d.replace(day=n), []
        y, m = (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)
        return dt.date(y, m, n), []
    if name == "nextmonthday":
        y, m = (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)
        return dt.date(y, m, int(arg)), []
    if name == "md":
        m, dd = map(int, arg.split("-"))
        x = dt.date(d.year, m, dd)
        if x < d:
            x = dt.date(d.year + 1, m, dd)
        return x, []
    if name == "wd":
        n, x = int(arg), d
        while n:
            x += D(1)
            if is_workday(x):
                n -= 1
        return x, []
    if name == "pre":
        first = min(k for k, v in CAL.items() if v[0] == arg and v[1] and k >= d)
        x = first - D(1)
        while not is_workday(x):
            x -= D(1)
        return x, [first]
    if name == "after":
        first = min(k for k, v in CAL.items() if v[0] == arg and v[1] and k >= d)
        x = first
        while not is_workday(x):
            x += D(1)
        return x, []
    raise ValueError(rule)


# ---------------------------------------------------------------- helpers
def T(title, owners, rule=None, time=None, alt=(), oalt=()):
    """A gold task. alt: extra accepted due rules (None = no date also accepted)."""
    return dict(title=title, owners=list(owners), rule=rule, time=time,
                alt=list(alt), oalt=[list(o) for o in oalt])


def M(key, when, sender, text, tasks=(), reply=None, tags=()):
    return dict(key=key, when=when, sender=sender, text=text, tasks=list(tasks),
                reply=reply, tags=list(tags))


ALL = "@all"

# ================================================================ chats
CHATS = []

# ---- 1. 幼儿园中班年级组 (元旦, 1月4日周日调休) ----------------------------
CHATS.append(dict(chat="kg-zhongban", title="阳光幼儿园·中班年级组",
  members=["陈静", "刘晓燕", "刘芳", "何佳琪", "孙丽华", "周建国"],
  msgs=[
  M("k1", "2025-12-29 08:10", "陈静", "各位老师早上好☀️ 元旦放假通知已经发到家长群了 1月1号到3号放假 4号周日调休正常上课"),
  M("k2", "2025-12-29 08:15", "刘芳", "收到"),
  M("k3", "2025-12-29 09:30", "陈静", "@刘晓燕 @何佳琪 元旦联欢会的节目单明天中午前报给我 @周建国 礼堂的音响周二下午检查一下",
    [T("元旦联欢会的节目单报给我", ["刘晓燕", "何佳琪"], "tomorrow", "12:00"),
     T("礼堂的音响检查一下", ["周建国"], "bare:2")]),
  M("k4", "2025-12-29 10:05", "周建国", "好的陈园长👌 我今天下午就去弄",
    [T("礼堂的音响检查一下", ["周建国"], "today")], reply="k3", tags=["context"]),
  M("k5", "2025-12-29 14:20", "孙丽华", "最近诺如高发 中一班今天有两个孩子呕吐 已经按流程消毒了 大家不用慌"),
  M("k6", "2025-12-29 14:25", "陈静", "孙医生辛苦了 各位班主任从今天起晨检加问一下肠胃情况 有症状的直接劝返",
    [T("晨检加问一下肠胃情况", [ALL])], reply="k5"),
  M("k7", "2025-12-30 07:50", "何佳琪", "节目单已经发园长邮箱了 请园长查收"),
  M("k8", "2025-12-30 08:30", "刘晓燕", "我们班的节目单早上也发了 主持串词我今晚写完",
    [T("主持串词写完", ["刘晓燕"], "today")]),
  M("k9", "2025-12-30 11:40", "刘芳", "谁知道礼堂的彩带放那了😂"),
  M("k10", "2025-12-30 11:42", "周建国", "器材室第二个柜子 钥匙在我这 要的话来拿", reply="k9"),
  M("k11", "2025-12-31 16:30", "陈静", "联欢会很成功🎉 大家辛苦了 新年快乐！"),
  M("k12", "2026-01-04 07:40", "陈静", "今天调休上班别忘了哈 上午十点消防演练 听到警报按路线疏散"),
  M("k13", "2026-01-04 09:00", "孙丽华", "下周三全园体检 周一前需要有人把体检表发给家长签字 不然来不及收",
    [T("把体检表发给家长签字", [], "bare:1")], tags=["unassigned"]),
  M("k14", "2026-01-04 09:05", "何佳琪", "我来吧 明早到园就发",
    [T("把体检表发给家长签字", ["何佳琪"], "tomorrow")], reply="k13", tags=["context"]),
  M("k15", "2026-01-05 12:30", "刘芳", "中二班今天三个孩子没来 都是感冒 已经电话跟家长确认过了"),
  M("k16", "2026-01-06 08:20", "陈静", "@孙丽华 体检当天的分组和时间表今天下班前发群里 @刘芳 帮孙医生一起排",
    [T("体检当天的分组和时间表发群里", ["孙丽华", "刘芳"], "today", "18:00", oalt=[["孙丽华"]])]),
  M("k17", "2026-01-06 17:40", "孙丽华", "分组表发群里了 大家看一下 有问题跟我说"),
  M("k19", "2026-01-08 09:10", "陈静", "家长开放日定在1月23号周五 各班下下周一前把活动方案交上来 小何 这次你牵头写个总方案 20号前给我",
    [T("把活动方案交上来", [ALL], "nextnext:1"),
     T("牵头写个总方案", ["何佳琪"], "day:20")], tags=["nickname"]),
  ]))

# ---- 2. 游戏工作室测试组 (春节, 2月14日/28日周六调休) ---------------------
CHATS.append(dict(chat="game-qa", title="星火游戏·测试组",
  members=["黄志鹏", "黄雨桐", "林诗涵", "马骏", "郑凯", "谢一鸣"],
  msgs=[
  M("q1", "2026-02-02 09:30", "黄志鹏",
    "早会纪要：\n1. 春节版本2.3.0 定在2月12号提审\n2. @林诗涵 新春活动副本的回归用例今天补完\n"
    "3. @马骏 @郑凯 周三前把支付链路在iOS和安卓上各跑一遍\n4. 性能测试等外包的报告 我们不用跟",
    [T("新春活动副本的回归用例补完", ["林诗涵"], "today"),
     T("把支付链路在iOS和安卓上各跑一遍", ["马骏", "郑凯"], "bare:3")]),
  M("q2", "2026-02-02 09:32", "林诗涵", "收到"),
  M("q3", "2026-02-02 10:15", "谢一鸣", "春节活动的抽奖概率我核对了一遍 跟策划案一致 no problem"),
  M("q4", "2026-02-02 14:00", "郑凯", "有谁知道测试服今天为啥连不上吗 一直卡在登录"),
  M("q5", "2026-02-02 14:05", "马骏", "运维在重启 半小时后好", reply="q4"),
  M("q6", "2026-02-03 11:20", "黄雨桐", "公会战的bug单我整理了27条 都已经提到禅道了"),
  M("q7", "2026-02-03 11:30", "黄志鹏", "雨桐辛苦 里面P0的那几条你明天中午前跟开发对一下修复时间",
    [T("P0的那几条跟开发对一下修复时间", ["黄雨桐"], "tomorrow", "12:00")],
    reply="q6", tags=["context", "nickname"]),
  M("q8", "2026-02-04 17:50", "马骏", "iOS支付跑完了 有个订单重复回调的问题 已提单"),
  M("q9", "2026-02-04 18:05", "郑凯", "安卓也跑完了 没发现问题✅"),
  M("q10", "2026-02-05 10:00", "黄志鹏", "12号提审 提审前需要有人把新手引导完整过一遍 最好找个没玩过的人来",
    [T("把新手引导完整过一遍", [], "day:12")], tags=["unassigned", "implicit"]),
  M("q11", "2026-02-05 10:08", "谢一鸣", "我来 我入职才一周 正好没玩过😂 明天下午搞",
    [T("把新手引导完整过一遍", ["谢一鸣"], "tomorrow")], reply="q10", tags=["context"]),
  M("q12", "2026-02-06 09:00", "林诗涵", "今天下午3点半版本评审会 在3楼小会议室 别迟到"),
  M("q13", "2026-02-09 09:40", "黄志鹏", "@郑凯 @马骏 重复回调的问题开发修了 今天下午四点前回归一下 小郑顺便把兼容性机型列表更新了",
    [T("回归一下重复回调的问题", ["郑凯", "马骏"], "today", "16:00"),
     T("把兼容性机型列表更新了", ["郑凯"], None, alt=["today"])], tags=["nickname"]),
  M("q14", "2026-02-10 15:20", "黄雨桐", "P0那几条跟开发对完了 他们说周四前都能修完"),
  M("q15", "2026-02-11 10:00", "黄志鹏", "更正一下 提审推迟到2月13号周五 其他安排不变"),
  M("q16", "2026-02-12 10:00", "黄志鹏", "@谢一鸣 版本反馈问卷回收了800多份 3个工作日内出个汇总",
    [T("版本反馈问卷出个汇总", ["谢一鸣"], "wd:3")]),
  M("q17", "2026-02-12 16:00", "林诗涵", "14号周六调休上班 那天我来盯线上监控",
    [T("盯线上监控", ["林诗涵"], "day:14")]),
  M("q18", "2026-02-13 18:30", "黄志鹏", "提审过了🎉 大家春节快乐 24号正常上班"),
  M("q19", "2026-02-24 09:30", "黄志鹏", "@all 收心啦 本周内把春节期间的玩家反馈按模块整理出来",
    [T("把春节期间的玩家反馈按模块整理出来", [ALL], "thisweek")]),
  M("q20", "2026-02-25 11:00", "马骏", "周六调休那天我把回归报告补上 这两天手上case太多",
    [T("把回归报告补上", ["马骏"], "bare:6")]),
  ]))

# ---- 3. 中学初二年级组 (清明) ------------------------------------------
SUBJ = ["张敏", "张立伟", "许婷婷", "高翔"]
CHATS.append(dict(chat="grade8", title="实验中学·初二年级组",
  members=["吴建华", "张敏", "张立伟", "许婷婷", "高翔", "冯秀兰"],
  msgs=[
  M("g1", "2026-03-23 07:45", "吴建华", "各位老师 期中考试定在4月20号到21号 命题分工：语文张敏 数学张立伟 英语许婷婷 物理高翔 各科样卷4月10号前交教务处",
    [T("各科样卷交教务处", SUBJ, "md:4-10")]),
  M("g2", "2026-03-23 07:50", "张立伟", "收到"),
  M("g3", "2026-03-23 08:10", "许婷婷", "吴主任 英语听力部分要用语音室 能帮忙跟电教那边约一下吗",
    [T("跟电教那边约一下语音室", ["吴建华"])], tags=["title-address"]),
  M("g4", "2026-03-23 08:30", "吴建华", "行 我今天问问",
    [T("跟电教那边约一下语音室", ["吴建华"], "today")], reply="g3", tags=["context"]),
  M("g5", "2026-03-24 12:10", "冯秀兰", "二班今天两个学生午休溜出校门 已经找回来了 也和家长沟通过了"),
  M("g6", "2026-03-24 12:15", "高翔", "冯姐辛苦😓"),
  M("g7", "2026-03-25 16:40", "吴建华", "清明节前要搞一次防溺水安全教育 各班主任节前把签字回执收齐 冯老师帮忙统计一下全年级的",
    [T("把防溺水签字回执收齐", [ALL], "pre:清明节"),
     T("统计一下全年级的回执", ["冯秀兰"], None, alt=["pre:清明节"])], tags=["title-address"]),
  M("g8", "2026-03-26 10:15", "高翔", "物理实验考查下周四进行 我明天把实验器材清单发给实验室 另外需要有人帮忙监考两节",
    [T("把实验器材清单发给实验室", ["高翔"], "tomorrow"),
     T("监考两节", [], "next:4")], tags=["unassigned", "implicit"]),
  M("g9", "2026-03-26 11:00", "张敏", "周五下午的教研活动取消了 下周再定时间", tags=["cancel"]),
  M("g10", "2026-03-26 21:30", "张立伟", "有人知道三班的数学作业本被谁抱走了吗 课代表说找不到"),
  M("g11", "2026-03-27 08:20", "许婷婷", "我周四上午没课 监考我来",
    [T("监考两节", ["许婷婷"], "bare:4")], reply="g8", tags=["context"]),
  M("g12", "2026-03-30 07:40", "吴建华", "@张立伟 有家长反映数学样卷超纲 周三前再改一版 给我看看",
    [T("数学样卷再改一版", ["张立伟"], "bare:3")]),
  M("g13", "2026-03-30 08:00", "张立伟", "好的吴主任", reply="g12"),
  M("g14", "2026-03-31 17:20", "高翔", "刚才吴主任说的回执是冯姐统计对吧 我们班的交给谁啊"),
  M("g15", "2026-04-01 09:00", "吴建华", "更正一下 样卷提交时间改到4月8号周三 大家别赶了 质量第一",
    [T("样卷交教务处", SUBJ, "md:4-8", oalt=[[ALL]])]),
  M("g16", "2026-04-02 15:30", "高翔", "实验考查结束了 器材都已经归还实验室"),
  M("g17", "2026-04-03 10:00", "冯秀兰", "清明放三天 7号周二正常上课 大家假期注意安全🙏"),
  M("g18", "2026-04-07 08:10", "吴建华", "婷婷 下周一年级英语演讲比赛 你把评委和流程定一下 周五前给我",
    [T("把评委和流程定一下", ["许婷婷"], "bare:5")], tags=["nickname"]),
  M("g19", "2026-04-08 16:00", "张敏", "语文样卷交教务处了 请吴主任查收"),
  ]))

# ---- 4. 粤菜馆后厨 (劳动节, 5月9日周六调休) -------------------------------
CHATS.append(dict(chat="kitchen", title="粤香楼·后厨",
  members=["梁国栋", "罗志伟", "罗强", "邱美玲", "韩东", "曾浩"],
  msgs=[
  M("c1", "2026-04-20 08:50", "梁国栋",
    "早会纪要：\n1. 五一套餐菜单已经定稿 贴在备餐间\n2. 罗志伟负责冷库盘点 今天下班前报数\n"
    "3. 小韩跟海鲜供应商谈一下五一期间的供货 周五前给个价格\n4. 明天卫生局可能来抽查 各档口注意",
    [T("冷库盘点 报数", ["罗志伟"], "today", "18:00"),
     T("跟海鲜供应商谈五一期间的供货 给个价格", ["韩东"], "bare:5")], tags=["nickname"]),
  M("c2", "2026-04-20 09:00", "韩东", "收到梁师傅"),
  M("c3", "2026-04-20 10:30", "邱美玲", "美玲这边说一下啊 流沙包的咸蛋黄只剩两箱了 需要有人今天下午去仓库再领五箱 不然明天早茶不够用",
    [T("去仓库再领五箱咸蛋黄", [], "today")], tags=["unassigned"]),
  M("c4", "2026-04-20 10:33", "曾浩", "我去拿",
    [T("去仓库领五箱咸蛋黄", ["曾浩"], "today")], reply="c3", tags=["context"]),
  M("c5", "2026-04-20 17:45", "罗志伟", "冷库盘完了 表发群里了 冻品比上月少了两成"),
  M("c6", "2026-04-21 14:20", "罗强", "三号灶今天中午火力一直不稳 打了两次才着 差点耽误出菜"),
  M("c7", "2026-04-21 14:25", "梁国栋", "已经报修了 维修明早来 今晚先别用三号灶", reply="c6"),
  M("c8", "2026-04-22 09:15", "梁国栋", "五一那几天客流预计翻倍 各位师傅4月28号之前把各自档口的备货单交给韩东",
    [T("把各自档口的备货单交给韩东", [ALL], "md:4-28")]),
  M("c9", "2026-04-22 09:40", "邱美玲", "点心这边的备货单我明天给",
    [T("点心的备货单交给韩东", ["邱美玲"], "tomorrow")], reply="c8", tags=["context"]),
  M("c10", "2026-04-23 16:10", "韩东", "海鲜价格谈下来了 五一期间石斑涨15% 其他不变"),
  M("c11", "2026-04-24 11:00", "曾浩", "谁明天上早班啊 我想换个班"),
  M("c12", "2026-04-24 11:05", "罗强", "我早班 你要换的话找邱姐说", reply="c11"),
  M("c13", "2026-04-27 09:00", "梁国栋", "@罗强 @曾浩 节前把排烟罩和油网彻底清洗一遍 卫生局节前要来复查",
    [T("把排烟罩和油网彻底清洗一遍", ["罗强", "曾浩"], "pre:劳动节")]),
  M("c14", "2026-04-27 09:05", "罗强", "👌"),
  M("c15", "2026-04-28 15:30", "邱美玲", "五一新品的样品我做了三款 梁师傅明天中午试一下味道",
    [T("试一下五一新品样品的味道", ["梁国栋"], "tomorrow", "12:00")], tags=["title-address"]),
  M("c16", "2026-04-29 13:30", "梁国栋", "试过了 第二款不错 第一款偏甜 美玲今明两天再调一版",
    [T("第一款再调一版", ["邱美玲"], "tomorrow")], reply="c15", tags=["context", "nickname"]),
  M("c17", "2026-04-30 20:00", "梁国栋", "复查过了👍 大家五一辛苦 加班费按三倍算"),
  M("c18", "2026-05-06 10:00", "罗志伟", "节后盘点我来做 3个工作日内出结果",
    [T("节后盘点 出结果", ["罗志伟"], "wd:3")]),
  M("c19", "2026-05-06 10:10", "梁国栋", "好 顺便把过期的酱料清一下 ASAP @曾浩 你配合罗志伟",
    [T("把过期的酱料清一下", ["罗志伟", "曾浩"], None, oalt=[["罗志伟"]])],
    reply="c18", tags=["context"]),
  ]))

# ---- 5. 电商仓储 (618, 端午) ------------------------------------------
CHATS.append(dict(chat="warehouse", title="华东仓B区·运营群",
  members=["杨帆", "周海涛", "周丽", "潘建军", "夏雪", "贺宇"],
  msgs=[
  M("w1", "2026-06-08 08:30", "杨帆",
    "618倒计时 今天开始全员备战 几个事：\n1）@周海涛 临时工的排班表明天之前出\n2）@潘建军 叉车年检周三前全部做完\n"
    "3）@夏雪 跟三家快递确认一下大促期间的揽收时间 今天下班前回我",
    [T("出临时工的排班表", ["周海涛"], "tomorrow"),
     T("叉车年检全部做完", ["潘建军"], "bare:3"),
     T("跟三家快递确认大促期间的揽收时间", ["夏雪"], "today", "18:00")]),
  M("w2", "2026-06-08 08:35", "潘建军", "收到杨总"),
  M("w3", "2026-06-08 09:10", "贺宇", "退货区的货架昨晚又塌了一层 还好没砸到人"),
  M("w4", "2026-06-08 09:12", "杨帆", "这个得赶紧处理 需要有人今天把塌的那层清出来 报修单也要提",
    [T("把塌的那层清出来", [], "today"),
     T("提报修单", [], None, alt=["today"])], reply="w3", tags=["unassigned"]),
  M("w5", "2026-06-08 09:20", "贺宇", "我带两个人去清 报修单我也顺手提了",
    [T("把塌的那层清出来", ["贺宇"], "today"),
     T("提报修单", ["贺宇"], None, alt=["today"])], reply="w4", tags=["context"]),
  M("w6", "2026-06-08 17:30", "夏雪", "三家快递都确认了 中通顺丰晚上10点最后一车 韵达9点"),
  M("w7", "2026-06-09 10:00", "周丽", "拣货PDA有四台充不进电 谁知道备用的在那"),
  M("w8", "2026-06-09 10:03", "周海涛", "在办公室铁皮柜 密码0618", reply="w7"),
  M("w9", "2026-06-10 16:00", "潘建军", "叉车年检都做完了 合格证贴车上了"),
  M("w10", "2026-06-11 08:45", "杨帆", "大促期间每天早上8点各组长在月台碰头 @周丽 你们组明早之前把双人复核的流程贴到拣货区",
    [T("把双人复核的流程贴到拣货区", ["周丽"], "tomorrow")]),
  M("w11", "2026-06-12 14:00", "夏雪", "端午放假安排19号到21号 但大促期间仓库不停 轮休表我下班前发出来",
    [T("轮休表发出来", ["夏雪"], "today", "18:00")]),
  M("w12", "2026-06-15 09:00", "杨帆", "618当天需要有人盯夜班到凌晨两点 谁能来",
    [T("618当天盯夜班", [], "md:6-18")], tags=["unassigned"]),
  M("w13", "2026-06-15 09:06", "潘建军", "我来 白天补觉就行",
    [T("618当天盯夜班", ["潘建军"], "md:6-18")], reply="w12", tags=["context"]),
  M("w14", "2026-06-16 11:30", "贺宇", "昨天的退货有23单是同一个买家 怀疑是恶意退货 这批我先不入库"),
  M("w15", "2026-06-16 11:40", "杨帆", "对 先别入 你把这23单的照片和单号整理一下 端午前发给客服那边",
    [T("把23单的照片和单号整理一下发给客服", ["贺宇"], "pre:端午节")], reply="w14", tags=["context"]),
  M("w16", "2026-06-19 10:00", "周丽", "端午快乐🎉 粽子放食堂了 大家自己去拿"),
  M("w17", "2026-06-22 08:40", "杨帆", "大促复盘会下周二上午开 各组长会前把本组的差错数据发我 @夏雪 汇总一下做个表",
    [T("把本组的差错数据发我", [ALL], "next:2"),
     T("汇总差错数据做个表", ["夏雪"], "next:2", alt=[None])], tags=["implicit"]),
  M("w18", "2026-06-23 17:00", "周海涛", "更正一下 复盘会改到下周三上午 地点不变"),
  ]))

# ---- 6. 律所诉讼团队 (中秋, 9月20日周日调休, 国庆) -------------------------
CHATS.append(dict(chat="lawfirm", title="明远律所·诉讼二组",
  members=["顾明远", "沈佳怡", "沈涛", "方晓", "任志刚", "钟琪"],
  msgs=[
  M("l1", "2026-09-14 09:00", "顾明远", "华信案二审开庭时间法院通知了 10月15号上午 @沈佳怡 上诉状的补充意见这周内写完 @方晓 把一审全部证据重新编目",
    [T("上诉状的补充意见写完", ["沈佳怡"], "thisweek"),
     T("把一审全部证据重新编目", ["方晓"])]),
  M("l2", "2026-09-14 09:05", "方晓", "好的顾律 证据编目我周三前弄完",
    [T("一审证据重新编目", ["方晓"], "bare:3")], reply="l1", tags=["context"]),
  M("l3", "2026-09-14 10:30", "任志刚", "刚跟对方律师通了电话 他们愿意庭外和解 但金额差得比较多"),
  M("l4", "2026-09-14 10:40", "顾明远", "老任你出个和解方案 两个 一个保底一个理想 周三下午三点半我们碰一下",
    [T("出个和解方案", ["任志刚"], "bare:3", "15:30")], reply="l3", tags=["nickname", "implicit"]),
  M("l5", "2026-09-15 11:15", "钟琪", "中秋福利 月饼下周一到 每人两盒 在前台领🥮"),
  M("l6", "2026-09-15 14:00", "沈涛", "谁知道法院立案庭周末开不开"),
  M("l7", "2026-09-15 14:10", "钟琪", "20号周日调休 那天法院上班 立案庭也开", reply="l6"),
  M("l8", "2026-09-16 15:50", "顾明远", "和解方案讨论完了 已经按保底方案报给客户 客户那边还要内部走流程"),
  M("l9", "2026-09-17 09:20", "沈涛", "恒达仲裁案答辩期9月28号届满 答辩书我来写 @钟琪 帮我把仲裁委的送达回证扫描一份",
    [T("写答辩书", ["沈涛"], "md:9-28"),
     T("把仲裁委的送达回证扫描一份", ["钟琪"])], tags=["implicit"]),
  M("l10", "2026-09-17 09:25", "钟琪", "收到 马上", reply="l9"),
  M("l11", "2026-09-18 17:00", "沈佳怡", "补充意见初稿写好了 放在共享盘华信案文件夹 请顾律审阅",
    [T("审阅补充意见初稿", ["顾明远"])], tags=["title-address"]),
  M("l12", "2026-09-18 17:30", "顾明远", "好 周日调休那天我看",
    [T("审阅补充意见初稿", ["顾明远"], "bare:7")], reply="l11", tags=["context"]),
  M("l13", "2026-09-21 10:00", "顾明远", "意见我批注在文档里了 佳怡 中秋前改完定稿",
    [T("补充意见改完定稿", ["沈佳怡"], "pre:中秋节")], tags=["nickname"]),
  M("l14", "2026-09-22 16:20", "任志刚", "客户同意按保底方案和解了👏"),
  M("l15", "2026-09-22 16:30", "顾明远", "漂亮 老任 和解协议草稿两天内出一版 小方协助",
    [T("和解协议草稿出一版", ["任志刚", "方晓"], "plus:2", oalt=[["任志刚"]])],
    reply="l14", tags=["nickname"]),
  M("l16", "2026-09-23 09:00", "钟琪", "提醒一下 国庆后10号周六调休上班 那天所里年检 大家别请假"),
  M("l17", "2026-09-24 18:20", "沈佳怡", "补充意见定稿了 已经提交法院"),
  M("l18", "2026-09-28 09:30", "沈涛", "答辩书已经提交了 仲裁委说开庭可能延期 等通知"),
  M("l19", "2026-09-29 10:00", "顾明远", "节后第一个工作日所里开季度总结会 @all 每人会前交一份三季度办案小结",
    [T("交一份三季度办案小结", [ALL], "after:国庆节")], tags=["implicit"]),
  ]))

# ---- 7. 市政道路改造项目部 (国庆后, 10月10日周六调休) ----------------------
CHATS.append(dict(chat="roadworks", title="滨江路改造工程·项目部",
  members=["董卫东", "赵宏伟", "赵丹", "蔡勇", "田甜", "孟凡"],
  msgs=[
  M("r1", "2026-10-08 07:30", "董卫东", "节后复工 今天上午全员安全交底 @赵丹 组织一下 九点半项目部门口集合",
    [T("组织安全交底", ["赵丹"], "today", "09:30")]),
  M("r2", "2026-10-08 07:35", "赵丹", "收到董经理"),
  M("r3", "2026-10-08 10:40", "蔡勇", "东段雨水管第三节管沟有渗水 今天没法浇垫层了"),
  M("r4", "2026-10-08 10:50", "董卫东", "宏伟啊 你下午去东段看一下那个渗水 看完出个处理方案 明早9点前给我 后面还要赶工期",
    [T("去东段看一下渗水", ["赵宏伟"], "today"),
     T("出个渗水处理方案", ["赵宏伟"], "tomorrow", "09:00")], reply="r3", tags=["nickname", "context"]),
  M("r5", "2026-10-09 08:50", "赵宏伟", "方案发邮箱了 建议井点降水 需要加两台泵"),
  M("r6", "2026-10-09 09:10", "董卫东", "同意 @田甜 今天联系租两台泵 明天调休上班 泵明天上午必须到场",
    [T("联系租两台泵", ["田甜"], "today", alt=["tomorrow"])], reply="r5"),
  M("r7", "2026-10-09 09:15", "田甜", "好的董总 我马上打电话", reply="r6"),
  M("r8", "2026-10-10 12:00", "孟凡", "调休的加班单我统一收 大家周一前交给我 过时不候哈",
    [T("加班单交给我", [ALL], "bare:1")]),
  M("r9", "2026-10-12 14:30", "赵丹", "今天巡检发现两个工人没系安全带 已经罚款并重新教育了"),
  M("r10", "2026-10-12 14:40", "董卫东", "分包那边要再发个整改通知 需要有人今天发出去",
    [T("给分包发整改通知", [], "today")], reply="r9", tags=["unassigned"]),
  M("r11", "2026-10-12 14:45", "孟凡", "我来发 模板我这有",
    [T("发整改通知", ["孟凡"], "today")], reply="r10", tags=["context"]),
  M("r12", "2026-10-14 08:00", "董卫东", "甲方周五上午来检查进度 检查前 @蔡勇 把东段的施工日志补齐 @孟凡 把隐蔽验收资料整理出来 @赵丹 现场文明施工再过一遍",
    [T("把东段的施工日志补齐", ["蔡勇"], "bare:5"),
     T("把隐蔽验收资料整理出来", ["孟凡"], "bare:5"),
     T("现场文明施工再过一遍", ["赵丹"], "bare:5")], tags=["implicit"]),
  M("r13", "2026-10-16 12:30", "董卫东", "甲方检查完了 提了三条意见 整体还算满意"),
  M("r14", "2026-10-19 09:00", "田甜", "搅拌站通知下周三之后沥青涨价 要不要提前订"),
  M("r15", "2026-10-19 09:20", "董卫东", "订 小田你今天下午跟搅拌站把下周一和周二的量锁了 合同我周末签",
    [T("跟搅拌站把下周一和周二的量锁了", ["田甜"], "today"),
     T("签合同", ["董卫东"], "weekend")], reply="r14", tags=["nickname"]),
  M("r16", "2026-10-20 17:10", "赵宏伟", "西段路基压实度检测结果出来了 全部合格✅"),
  M("r17", "2026-10-21 10:00", "董卫东", "月底要报进度款 各位把本月的工程量签证单3个工作日内交给孟凡 宏伟把关",
    [T("把本月的工程量签证单交给孟凡", [ALL], "wd:3"),
     T("把关工程量签证单", ["赵宏伟"], None, alt=["wd:3"])], tags=["nickname"]),
  M("r18", "2026-10-26 16:00", "孟凡", "更正一下 甲方要求进度款材料提前到28号交 签证单大家明天中午前必须给我",
    [T("签证单给我", [ALL], "tomorrow", "12:00")]),
  ]))

# ---- 8. 口腔诊所 (月底, 下个月N号) -------------------------------------
CHATS.append(dict(chat="dental", title="微笑口腔·门诊群",
  members=["魏振华", "唐悦", "邹晨", "白雪", "白露", "丁一诺"],
  msgs=[
  M("d1", "2026-11-16 08:40", "魏振华", "这周四下午医保局来飞检 大家把手上的病历和收费单据对一遍 有问题的周三下班前整改完",
    [T("把病历和收费单据对一遍 整改完", [ALL], "bare:3", "18:00")]),
  M("d2", "2026-11-16 08:45", "白露", "收到"),
  M("d3", "2026-11-16 09:30", "丁一诺", "今天预约满了 下午有个种植复诊的患者想改到周五 唐医生那边行吗"),
  M("d4", "2026-11-16 09:35", "唐悦", "可以 你帮他约周五下午两点",
    [T("帮他约周五下午两点", ["丁一诺"], None, alt=["bare:5"])], reply="d3", tags=["context"]),
  M("d5", "2026-11-16 14:00", "邹晨", "3号牙椅的吸唾管又漏水了 需要有人联系厂家来修一下",
    [T("联系厂家来修3号牙椅的吸唾管", [])], tags=["unassigned"]),
  M("d6", "2026-11-16 14:10", "白雪", "我来联系 争取明天修好",
    [T("联系厂家来修吸唾管", ["白雪"], "tomorrow")], reply="d5", tags=["context"]),
  M("d7", "2026-11-17 17:30", "白雪", "厂家今天来修好了 换了个阀门"),
  M("d8", "2026-11-18 18:10", "唐悦", "我这边的病历都核对完了 补签了三份"),
  M("d9", "2026-11-19 08:20", "魏振华", "@白雪 @白露 检查组下午两点到 消毒记录和器械追溯本一点半前放到诊室一",
    [T("消毒记录和器械追溯本放到诊室一", ["白雪", "白露"], "today", "13:30")]),
  M("d10", "2026-11-20 10:00", "丁一诺", "下个月起线上预约换新系统 12月1号上线"),
  M("d11", "2026-11-20 10:05", "魏振华", "一诺 上线前把老系统里的预约导出来 迁移完跟我说一声",
    [T("把老系统里的预约导出来", ["丁一诺"], "md:12-1")], reply="d10",
    tags=["context", "implicit", "nickname"]),
  M("d12", "2026-11-23 09:00", "邹晨", "下周三我去参加正畸培训 下午的号一诺已经帮我停了"),
  M("d13", "2026-11-23 09:10", "唐悦", "邹医生去哪培训啊 上海吗", reply="d12"),
  M("d14", "2026-11-24 11:30", "白露", "谁中午去拿下快递 一次性器械到了 好几箱 我这走不开",
    [T("去拿快递", [], "today", "12:00")], tags=["unassigned"]),
  M("d15", "2026-11-24 11:32", "丁一诺", "我去拿",
    [T("去拿快递", ["丁一诺"], "today", "12:00")], reply="d14", tags=["context"]),
  M("d16", "2026-11-25 16:00", "魏振华", "卫健委要求年底前完成院感培训考核 我们定在12月18号统一考 @唐悦 负责出题 下个月10号前把题库给我",
    [T("院感培训考核出题 题库给我", ["唐悦"], "nextmonthday:10")]),
  M("d17", "2026-11-26 10:20", "唐悦", "题库我争取月底弄完",
    [T("题库弄完", ["唐悦"], "monthend")], reply="d16", tags=["context"]),
  M("d18", "2026-11-30 17:00", "魏振华", "本月的耗材申领单 大家今天之内报给白雪 明天起系统关闭",
    [T("把耗材申领单报给白雪", [ALL], "today")]),
  M("d19", "2026-12-01 09:30", "丁一诺", "新预约系统上线了 老数据都迁过来了 有问题找我"),
  ]))


# ================================================================ build
TAGSET = {"context", "implicit", "title-address", "nickname", "unassigned", "cancel"}


def build():
    rows, n = [], 0
    for ch in CHATS:
        members = ch["members"]
        assert len(members) == 6 and len(set(members)) == 6, ch["chat"]
        surnames = [m[0] for m in members]
        assert any(surnames.count(s) > 1 for s in surnames), ("no shared surname", ch["chat"])
        by_key = {}
        prev_ts = None
        for m in ch["msgs"]:
            n += 1
            mid = f"s8-{n:03d}"
            ts = dt.datetime.strptime(m["when"], "%Y-%m-%d %H:%M").replace(tzinfo=TZ)
            assert prev_ts is None or ts > prev_ts, (mid, "ts not increasing")
            prev_ts = ts
            assert m["sender"] in members, (mid, m["sender"])
            reply = None
            if m["reply"]:
                r = by_key[m["reply"]]          # KeyError = not earlier in this chat
                reply = {"id": r["id"], "sender": r["sender"], "text": r["text"]}
            assert ("context" not in m["tags"]) or reply, (mid, "context without reply_to")
            assert set(m["tags"]) <= TAGSET, (mid, m["tags"])
            day = ts.date()
            tasks = []
            for t in m["tasks"]:
                for o in t["owners"] + [x for oo in t["oalt"] for x in oo]:
                    assert o == ALL or o in members, (mid, o)
                assert t["title"] and len(t["title"]) <= 30, (mid, t["title"])
                due, auto_alt = resolve(t["rule"], day)
                if t["time"]:
                    assert due is not None and re.fullmatch(r"\d\d:\d\d", t["time"]), (mid, t)
                alts = list(auto_alt)
                for a in t["alt"]:
                    if a is None:
                        alts.append(None)
                    else:
                        x, xa = resolve(a, day)
                        alts += [x] + xa
                for x in [due] + alts:
                    assert x is None or x >= day, (mid, "due before message", x)
                if due is not None and t["time"] and due == day:
                    hh, mm = map(int, t["time"].split(":"))
                    assert dt.time(hh, mm) > ts.time(), (mid, "time already past")
                task = {"title": t["title"], "owners": t["owners"],
                        "due_date": due.isoformat() if due else None, "due_time": t["time"]}
                alts = [None if a is None else a.isoformat() for a in alts]
                alts = [a for i, a in enumerate(alts) if a != task["due_date"] and a not in alts[:i]]
                if alts:
                    task["due_date_alt"] = alts
                if t["oalt"]:
                    task["owners_alt"] = t["oalt"]
                tasks.append(task)
            row = {"id": mid, "chat": ch["chat"], "ts": ts.isoformat(), "sender": m["sender"],
                   "members": members, "reply_to": reply, "text": m["text"],
                   "tasks": tasks, "tags": m["tags"]}
            by_key[m["key"]] = row
            rows.append(row)
    assert len(rows) == 150, len(rows)
    assert len({r["id"] for r in rows}) == 150
    return rows


def stats(rows):
    pos = [r for r in rows if r["tasks"]]
    tasks = [t for r in rows for t in r["tasks"]]
    c = {
        "messages": len(rows),
        "with_tasks": len(pos),
        "negatives": len(rows) - len(pos),
        "gold_tasks": len(tasks),
        "multi_task_messages": sum(len(r["tasks"]) > 1 for r in rows),
        "reply_to": sum(r["reply_to"] is not None for r in rows),
        "at_all_tasks": sum(t["owners"] == [ALL] for t in tasks),
        "unowned_tasks": sum(t["owners"] == [] for t in tasks),
        "multi_owner_tasks": sum(len(t["owners"]) > 1 for t in tasks),
        "dated_tasks": sum(t["due_date"] is not None for t in tasks),
        "timed_tasks": sum(t["due_time"] is not None for t in tasks),
        "tasks_with_due_date_alt": sum("due_date_alt" in t for t in tasks),
        "tasks_with_owners_alt": sum("owners_alt" in t for t in tasks),
    }
    tags = {}
    for r in rows:
        for g in r["tags"]:
            tags[g] = tags.get(g, 0) + 1
    c["messages_by_tag"] = dict(sorted(tags.items()))
    per_chat = {}
    for r in rows:
        pc = per_chat.setdefault(r["chat"], [0, 0, 0])
        pc[0] += 1; pc[1] += bool(r["tasks"]); pc[2] += len(r["tasks"])
    c["per_chat(messages,with_tasks,tasks)"] = per_chat
    return c


if __name__ == "__main__":
    rows = build()
    with open(os.path.join(HERE, "set.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # re-read and check it parses
    back = [json.loads(l) for l in open(os.path.join(HERE, "set.jsonl"), encoding="utf-8")]
    assert back == rows
    print(json.dumps(stats(rows), ensure_ascii=False, indent=1))
