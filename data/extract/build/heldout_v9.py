#!/usr/bin/env python3
"""Builder for evaluation set B (s9-001 … s9-120).

Messages are written by hand below.  Every deadline is written as a *rule*
(the words of the message mapped to the README convention), and the date is
computed here from the message ts + the official holiday calendar, so that no
date is typed by hand.  Run:  python3 build.py  → writes set.jsonl next to it.

Deadline rules (all relative to the message date `t`):
  today / tomorrow (明天, 明早, 今明两天) / "+N" (N天内, 一周内 = +7, 两周内 = +14)
  wd:K        bare 周K  → next such weekday on or after t (K: 1=Mon … 7=Sun)
  thiswd:K    本周K / 这周K
  nextwd:K    下周K
  thisweek    本周内 / 这周内  → Friday of this week
  weekend     周末 → Sunday of this week
  monthend    月底 → last day of the month
  day:N       N号 → day N of this month if not past, else next month
  md:M-D      explicit 月日 (this year)
  workdays:N  N个工作日内 (count from the day after, holidays skipped, 调休 days count)
  pre:NAME    节前/放假前/X节前 → last workday before the holiday's first off day
  post:NAME   节后第一天 → first workday after the holiday
"""
import calendar
import datetime as dt
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CAL_DIR = "/work/shared/datasets/zh-time/holidays_cn"

# ---------------------------------------------------------------- calendar
CAL = {}      # date -> (name, isOffDay)
for year in (2026, 2027):
    p = os.path.join(CAL_DIR, f"{year}.json")
    if os.path.exists(p):
        for d in json.load(open(p, encoding="utf-8"))["days"]:
            CAL[dt.date.fromisoformat(d["date"])] = (d["name"], d["isOffDay"])


def is_workday(d):
    if d in CAL:
        return not CAL[d][1]
    return d.weekday() < 5


def resolve(rule, t):
    """rule -> date (or None); t = message date."""
    if rule is None:
        return None
    if rule == "today":
        return t
    if rule == "tomorrow":
        return t + dt.timedelta(days=1)
    if rule.startswith("+"):
        return t + dt.timedelta(days=int(rule[1:]))
    kind, _, arg = rule.partition(":")
    monday = t - dt.timedelta(days=t.weekday())
    if kind == "wd":
        k = int(arg) - 1
        return t + dt.timedelta(days=(k - t.weekday()) % 7)
    if kind == "thiswd":
        return monday + dt.timedelta(days=int(arg) - 1)
    if kind == "nextwd":
        return monday + dt.timedelta(days=7 + int(arg) - 1)
    if kind == "thisweek":
        return monday + dt.timedelta(days=4)
    if kind == "weekend":
        return monday + dt.timedelta(days=6)
    if kind == "monthend":
        return dt.date(t.year, t.month, calendar.monthrange(t.year, t.month)[1])
    if kind == "day":
        n = int(arg)
        if n >= t.day:
            return dt.date(t.year, t.month, n)
        y, m = (t.year + 1, 1) if t.month == 12 else (t.year, t.month + 1)
        return dt.date(y, m, n)
    if kind == "md":
        m, d = map(int, arg.split("-"))
        return dt.date(t.year, m, d)
    if kind == "workdays":
        n, d = int(arg), t
        while n:
            d += dt.timedelta(days=1)
            if is_workday(d):
                n -= 1
        return d
    if kind in ("pre", "post", "first"):
        offs = sorted(d for d, (nm, off) in CAL.items() if nm == arg and off and d >= t)
        assert offs, (rule, t)
        first = offs[0]
        if kind == "first":
            return first
        if kind == "pre":
            d = first - dt.timedelta(days=1)
            while not is_workday(d):
                d -= dt.timedelta(days=1)
            return d
        d = first          # post: first workday after the contiguous off block
        while not is_workday(d):
            d += dt.timedelta(days=1)
        return d
    raise ValueError(rule)


# ---------------------------------------------------------------- chats
CHATS = {
    "bank":        ["周建国", "林晓燕", "林海涛", "郑思远", "何佳琪", "陶明"],
    "studentunion": ["韩雨桐", "孙浩然", "孙悦", "冯子轩", "曹一鸣", "马丽华"],
    "newsdesk":    ["贺立新", "白雪", "邱志刚", "谢婉清", "谢子豪", "龚蕾"],
    "supplychain": ["高远", "吴倩", "吴振宇", "田立伟", "方可欣", "彭程"],
    "bakery":      ["金美玲", "常宇", "黄晓雯", "黄志斌", "陆瑶", "殷凯"],
    "taxoffice":   ["廖卫东", "姜慧", "蔡文杰", "蔡晓丽", "欧阳明", "汪俊"],
}
# the surname shared by two members in each chat (never addressed as 小X / X总 …)
SHARED = {"bank": "林", "studentunion": "孙", "newsdesk": "谢",
          "supplychain": "吴", "bakery": "黄", "taxoffice": "蔡"}


def T(title, owners, due=None, time=None, alt=None, oalt=None):
    return dict(title=title, owners=owners, due=due, time=time, alt=alt, oalt=oalt)


MSGS = []


def M(n, chat, when, sender, text, tasks=(), tags=(), reply=None):
    MSGS.append(dict(n=n, chat=chat, when=when, sender=sender, text=text,
                     tasks=list(tasks), tags=list(tags), reply=reply))


ALL = ["@all"]

# ================================================================ 1 bank branch (Feb 2026, 春节; 2/14 & 2/28 调休上班)
B = "bank"
M(1, B, "02-02 08:45", "周建国",
  "各位早 开门红最后两周了 @all 手上的存量客户名单周三下班前都过一遍 把节前到期的定期存款标出来",
  [T("过一遍存量客户名单，把节前到期的定期存款标出来", ALL, "wd:3", "18:00")])
M(2, B, "02-02 08:50", "林海涛", "收到")
M(3, B, "02-02 09:30", "郑思远", "ATM加钞的春节排班表已经传到群文件了 假期按这个执行")
M(4, B, "02-02 10:12", "何佳琪",
  "周行 刚才那个做外贸的王老板来问大额存单 我跟他解释过了额度要等总行通知 然后他说他有个朋友想开对公户 晓燕姐你看什么时候方便约一下",
  [T("约一下想开对公户的朋友", ["林晓燕"])], ["nickname"])
M(5, B, "02-02 10:20", "林晓燕", "好的 我下午就给他打电话约",
  [T("约一下想开对公户的朋友", ["林晓燕"], "today")], ["context"], reply=4)
M(6, B, "02-03 09:05", "周建国",
  "昨天晨会纪要：\n1. 开门红存款缺口还有1800万，海涛负责跟进代发工资的三家企业，本周内落地\n"
  "2. 佳琪 理财双录抽查发现的问题整改好，2月10号前报给郑主管\n"
  "3. 小陶 大堂春节宣传物料明天中午前布置好\n4. 节前现金库存全面核对一遍，郑思远牵头",
  [T("跟进代发工资的三家企业", ["林海涛"], "thisweek"),
   T("理财双录抽查发现的问题整改好", ["何佳琪"], "md:2-10"),
   T("大堂春节宣传物料布置好", ["陶明"], "tomorrow", "12:00"),
   T("现金库存全面核对一遍", ["郑思远"], "pre:春节", alt=["first:春节"])],
  ["nickname"])
M(7, B, "02-03 09:40", "陶明", "👌")
M(8, B, "02-04 11:20", "林海涛",
  "代发那三家 有两家财务说要等老板年后回来再定 估计本周落不了地了[捂脸]")
M(9, B, "02-04 11:35", "周建国", "那就先把能签的那家签了 剩下两家下周三之前给我个跟进计划",
  [T("把能签的那家签了", ["林海涛"]),
   T("剩下两家给个跟进计划", ["林海涛"], "nextwd:3")], ["context"], reply=8)
M(10, B, "02-05 15:10", "郑思远",
  "【转发】分行办公室：春节期间网点营业安排 2月15日至23日 仅2月18日、19日对公对私正常营业 其余日期自助设备24小时服务 详见附件")
M(11, B, "02-06 09:15", "何佳琪", "双录整改的报告初稿弄好了 郑主管你有空帮我看一眼",
  [T("看一眼双录整改的报告初稿", ["郑思远"])], ["title-address"])
M(12, B, "02-06 16:40", "郑思远", "看过了 没问题 可以交了👍 分行那边要是有意见我可以帮你一起改",
  reply=11)
M(13, B, "02-09 09:00", "周建国", "分行通知：节前安全大检查改到12号（周四）下午 原定11号的不来了")
M(14, B, "02-09 10:30", "陶明", "谁有空明天帮我去分行领一下新版存折和凭证 我这边大堂一个人走不开[流泪]",
  [T("去分行领一下新版存折和凭证", [], "tomorrow")], ["unassigned"])
M(15, B, "02-09 10:34", "林晓燕", "我去吧 正好明天上午要去分行交材料",
  [T("去分行领新版存折和凭证", ["林晓燕"], "tomorrow")], ["context"], reply=14)
M(16, B, "02-10 08:55", "周建国",
  "@林海涛 代发那两家的跟进计划不用等周三了 今天下班前发我 下午分行要开开门红复盘会",
  [T("代发那两家的跟进计划发我", ["林海涛"], "today", "18:00")])
M(17, B, "02-10 16:50", "林海涛", "周行 计划已经发你邮箱了 请查收")
M(18, B, "02-11 17:30", "郑思远",
  "节前库存核对定在14号周六（调休上班）上午九点 @林海涛 @何佳琪 你俩跟我一起盘库",
  [T("一起盘库", ["林海涛", "何佳琪"], "day:14", "09:00",
     oalt=[["林海涛", "何佳琪", "郑思远"]])])
M(19, B, "02-12 08:50", "周建国", "今天下午分行来检查 大家上午把各自柜台和工位上的客户资料收一收 别摊在桌面上",
  [T("把柜台和工位上的客户资料收一收", ALL, "today")])
M(20, B, "02-14 17:40", "陶明", "各位新年快乐🧧 节后24号见 过年值班的同事辛苦啦")

# ================================================================ 2 student union (Mar–Apr 2026, 清明 4/4–4/6)
S = "studentunion"
M(21, S, "03-23 21:03", "韩雨桐", "宝子们 十佳歌手决赛定在4月10号晚上七点 大礼堂 马老师那边已经批了🎉")
M(22, S, "03-23 21:10", "冯子轩", "冲冲冲[表情]")
M(23, S, "03-23 21:25", "韩雨桐",
  "分工先这样定哈\n1.海报和推文 @曹一鸣 周四之前出初稿\n2.场地和音响对接 子轩负责\n3.评委邀请我来\n4.赞助商浩然你跟一下 这周末前给个意向名单",
  [T("海报和推文出初稿", ["曹一鸣"], "wd:4"),
   T("场地和音响对接", ["冯子轩"]),
   T("评委邀请", ["韩雨桐"]),
   T("跟一下赞助商，给个意向名单", ["孙浩然"], "weekend")], ["nickname"])
M(24, S, "03-24 12:40", "孙悦", "浩然 我这有两个之前合作过的奶茶店老板微信 要的话可以推给你")
M(25, S, "03-24 12:45", "孙浩然", "不用啦 我这边已经联系上三家了 谢谢悦悦～", reply=24)
M(26, S, "03-25 15:30", "马丽华", "同学们 校团委通知 清明节放假4月4日至6日 7号正常上课 假期期间大礼堂不开放")
M(27, S, "03-25 22:47", "曹一鸣",
  "海报初稿弄得差不多了但是字体版权有点问题 我明天上午换个免费商用的字体 然后中午之前发群里大家看看",
  [T("海报换个免费商用的字体发群里", ["曹一鸣"], "tomorrow", "12:00")])
M(28, S, "03-26 11:52", "曹一鸣", "[图片] 海报初稿 大家看看有没有问题")
M(29, S, "03-26 12:30", "马丽华", "整体不错 主办单位要加上校团委 一鸣改一下今天发我在确认",
  [T("改一下海报，主办单位加上校团委", ["曹一鸣"], "today")], ["nickname"], reply=28)
M(30, S, "03-27 18:20", "冯子轩", "礼堂那边说音响10号下午要给别的活动用到五点 我们彩排只能挪到9号晚上了")
M(31, S, "03-27 18:32", "韩雨桐", "ok 那彩排就9号晚上 @all 参演和工作人员名单下周三之前报给冯部长 他统一跟礼堂登记",
  [T("参演和工作人员名单报给冯部长", ALL, "nextwd:3")], reply=30)
M(32, S, "03-30 10:00", "孙浩然", "赞助意向名单整理好了 一共四家 放共享文档里了")
M(33, S, "03-30 10:15", "韩雨桐", "评委这边音乐学院的两位老师已经答应了 还差一位 马老师 麻烦您帮忙推荐一位🙏",
  [T("推荐一位评委", ["马丽华"])], ["title-address"])
M(34, S, "03-30 11:02", "马丽华", "可以 我问问艺术中心的周老师 清明前给你回复",
  [T("问问艺术中心的周老师，给你回复", ["马丽华"], "pre:清明节", alt=["first:清明节"])],
  ["context"], reply=33)
M(35, S, "04-01 23:10", "孙悦", "谁能帮忙去学活借一下那台大疆稳定器 决赛那天要拍vlog",
  [T("去学活借一下大疆稳定器", [])], ["unassigned"])
M(36, S, "04-01 23:15", "曹一鸣", "我明天下午有空 我去借",
  [T("借大疆稳定器", ["曹一鸣"], "tomorrow")], ["context"], reply=35)
M(37, S, "04-02 09:30", "冯子轩", "名单截止了哈 还有外联部和秘书部没报 @孙悦 @孙浩然 你们俩部门的今天中午前补一下",
  [T("部门的名单补一下", ["孙悦", "孙浩然"], "today", "12:00")])
M(38, S, "04-02 09:42", "孙悦", "收到收到 马上", reply=37)
M(39, S, "04-07 20:00", "韩雨桐",
  "假期回来啦 决赛倒计时3天！明晚八点在学活203开个碰头会 会前每个部门负责人把各自进度写个一句话总结发群里",
  [T("把各自进度写个一句话总结发群里", ALL, "tomorrow", "20:00")], ["implicit"])
M(40, S, "04-08 19:55", "冯子轩", "场地音响都确任完了 灯光师傅周五下午三点进场 👌")

# ================================================================ 3 TV news desk (Apr–May 2026, 劳动节 5/1–5/5; 5/9 调休上班)
N = "newsdesk"
M(41, N, "04-27 08:30", "贺立新",
  "五一特别节目《假日里的城市》定了 @白雪 @邱志刚 明天去高铁站拍返乡客流 @谢婉清 负责串联单 30号下午三点前给我",
  [T("去高铁站拍返乡客流", ["白雪", "邱志刚"], "tomorrow"),
   T("串联单给我", ["谢婉清"], "day:30", "15:00")])
M(42, N, "04-27 08:33", "邱志刚", "收到 设备我今天下午检查一遍",
  [T("检查一遍设备", ["邱志刚"], "today")])
M(43, N, "04-27 10:05", "龚蕾", "请问五一特别节目是录播还是直播呀？")
M(44, N, "04-27 10:08", "贺立新", "录播 5号晚上八点档播", reply=43)
M(45, N, "04-28 19:40", "白雪",
  "高铁站拍完了 素材有点多 两百多个G 今晚我跟老邱先粗剪一下 明天上午子豪你来帮忙把同期声听打出来",
  [T("粗剪一下素材", ["白雪", "邱志刚"], "today"),
   T("把同期声听打出来", ["谢子豪"], "tomorrow")], ["nickname"])
M(46, N, "04-28 19:45", "谢子豪", "好的白老师👌", reply=45)
M(47, N, "04-29 14:20", "谢婉清", "串联单初版放共享盘了 贺主任有空审一下",
  [T("审一下串联单初版", ["贺立新"])], ["title-address"])
M(48, N, "04-29 17:05", "贺立新", "看了 第二和第四板块换个位置 其他ok 婉清明天中午前改好定稿",
  [T("第二和第四板块换个位置，改好定稿", ["谢婉清"], "tomorrow", "12:00")], ["nickname"], reply=47)
M(49, N, "04-30 09:00", "贺立新",
  "通知：五一假期值班安排 1日白雪 2日邱志刚 3日谢婉清 4日龚蕾 5日谢子豪 值班当天早七点到岗")
M(50, N, "04-30 09:20", "邱志刚", "放假前谁帮我把摄像机电池都充满 我下午要出外采 回来就直接下班了",
  [T("把摄像机电池都充满", [], "pre:劳动节", alt=["first:劳动节"])], ["unassigned"])
M(51, N, "04-30 09:25", "谢子豪", "邱老师我来充",
  [T("把摄像机电池充满", ["谢子豪"], "pre:劳动节", alt=["first:劳动节"])], ["context"], reply=50)
M(52, N, "05-06 08:40", "贺立新", "节后第一天 大家收收心 特别节目收视不错 辛苦各位👏")
M(53, N, "05-06 09:10", "贺立新", "@龚蕾 下周《城市访谈》的嘉宾资料 3个工作日内整理好发我 @谢子豪 协助",
  [T("《城市访谈》的嘉宾资料整理好发我", ["龚蕾", "谢子豪"], "workdays:3", oalt=[["龚蕾"]])])
M(54, N, "05-07 11:30", "白雪", "刚接到线索 西郊菜市场着火了 我和老邱现在过去",
  [T("去西郊菜市场火灾现场", ["白雪", "邱志刚"])], ["nickname"])
M(55, N, "05-07 11:32", "贺立新", "注意安全 一点半之前传第一条回来 赶午间新闻",
  [T("传第一条回来", ["白雪"], "today", "13:30", oalt=[["白雪", "邱志刚"]])], ["context"], reply=54)
M(56, N, "05-07 13:25", "白雪", "第一条以经传了 文字稿在系统里")
M(57, N, "05-08 16:00", "谢婉清", "提醒 明天周六调休上班 《城市访谈》第一期明天下午录 龚老师化妆间在三号")
M(58, N, "05-08 16:10", "龚蕾", "嘉宾资料我和子豪弄完了 已经发贺主任邮箱 请查收")
M(59, N, "05-11 09:00", "贺立新", "下个月起午间新闻改版 各位这周五之前每人报两个新栏目的选题",
  [T("报两个新栏目的选题", ALL, "thiswd:5")])
M(60, N, "05-12 10:00", "贺立新", "更正：改版推迟到下半年 选题的事先不用报了 大家手上工作照常",
  tags=["cancel"])

# ================================================================ 4 hardware startup supply chain (Jun 2026, 端午 6/19–6/21)
C = "supplychain"
M(61, C, "06-08 09:15", "高远", "DVT物料齐套今天要过一遍 @田立伟 两点半前把缺料清单发群里",
  [T("把缺料清单发群里", ["田立伟"], "today", "14:30")])
M(62, C, "06-08 10:40", "吴倩", "电机那家lead time又拉到6周了 MOQ还是5k 还在跟他们磨")
M(63, C, "06-08 14:25", "田立伟", "[文件] DVT缺料清单v1.xlsx  主要缺三项：指纹模组、电机、外壳喷涂件")
M(64, C, "06-08 14:40", "高远",
  "1. 指纹模组 倩倩今天就下PO 走加急\n2. 电机 吴倩周三前给我一个替代料方案 振宇同步评估替代料的可靠性\n3. 喷涂件 彭工去趟东莞工厂现场看下 这周内搞定",
  [T("指纹模组下PO", ["吴倩"], "today"),
   T("给一个电机替代料方案", ["吴倩"], "wd:3"),
   T("评估替代料的可靠性", ["吴振宇"], None, alt=["wd:3"]),
   T("去趟东莞工厂现场看下喷涂件", ["彭程"], "thisweek")],
  ["context", "nickname", "title-address"], reply=63)
M(65, C, "06-09 09:05", "吴倩", "指纹模组PO昨天下了 供应商答应周五发货")
M(66, C, "06-09 11:20", "方可欣", "端午前最后一班深圳到苏州的专线是18号 之后要等22号 大家心里有个数")
M(67, C, "06-10 17:50", "吴倩", "替代料方案我今晚整理完 明早九点前发高总",
  [T("替代料方案发高总", ["吴倩"], "tomorrow", "09:00")])
M(68, C, "06-10 18:02", "高远", "👍", reply=67)
M(69, C, "06-11 10:30", "吴振宇", "替代电机样品到了 完整寿命测试要跑500小时 大概三周 DVT肯定赶不上")
M(70, C, "06-11 10:45", "高远", "那你先出一份72小时加速测试的报告 下周二之前给我",
  [T("出一份72小时加速测试的报告", ["吴振宇"], "nextwd:2")], ["context"], reply=69)
M(71, C, "06-12 16:30", "彭程", "东莞回来了 喷涂件色差是治具的问题 工厂已经改了 说下周一重新打样")
M(72, C, "06-15 09:00", "高远", "@all 端午前把各自负责物料在ERP里的交期更新一遍 放假前我要出DVT齐套报告",
  [T("把负责物料在ERP里的交期更新一遍", ALL, "pre:端午节", alt=["first:端午节"])])
M(73, C, "06-15 09:12", "方可欣", "高总 我这边只管物流不管物料 是不是不用更新😅")
M(74, C, "06-15 09:15", "高远", "你把在途那几票货的ETA更新一下就行",
  [T("在途那几票货的ETA更新一下", ["方可欣"], "pre:端午节", alt=[None, "first:端午节"])],
  ["context", "implicit"], reply=73)
M(75, C, "06-16 20:40", "田立伟",
  "跟大家同步一下 今天下午跟工厂开了会 他们说贴片线排到了23号 但是23号我们外壳还到不了 所以跟工厂商量往后推到25号了 工厂那边已经确认")
M(76, C, "06-17 10:00", "吴倩", "高总 替代电机报价比原来贵0.8块 麻烦您今天下班前签个字审批一下 不然赶不上节前下单",
  [T("签字审批替代电机报价", ["高远"], "today", "18:00")], ["title-address"])
M(77, C, "06-17 10:30", "高远", "已批", reply=76)
M(78, C, "06-22 09:10", "彭程", "端午回来了 外壳第二版打样到了 色差ok 振宇今明两天帮忙做个盐雾测试？",
  [T("做个盐雾测试", ["吴振宇"], "tomorrow")], ["nickname"])
M(79, C, "06-22 09:30", "高远", "马上月底了 @方可欣 关务的对账单据 @吴倩 6月供应商对账单 月底前都整理好交财务",
  [T("关务的对账单据整理好交财务", ["方可欣"], "monthend"),
   T("6月供应商对账单整理好交财务", ["吴倩"], "monthend")])
M(80, C, "06-29 18:30", "田立伟", "DVT首批200台今天下线了🎉 明天开始可靠性测试 辛苦各位")

# ================================================================ 5 chain bakery regional managers (Sep–Oct 2026, 中秋 9/25–27, 国庆 10/1–7; 9/20 & 10/10 调休上班)
K = "bakery"
M(81, K, "09-14 08:50", "金美玲", "月饼礼盒预售数据出来了 华东完成率112% 华南96% 华北只有78%😓")
M(82, K, "09-14 09:05", "金美玲", "老殷 华北的差距你这周五前给我一个追量方案 陆瑶配合 周三之前先出一版线上团购海报",
  [T("给我一个追量方案", ["殷凯"], "thiswd:5", oalt=[["殷凯", "陆瑶"]]),
   T("出一版线上团购海报", ["陆瑶"], "wd:3")], ["nickname"])
M(83, K, "09-14 09:20", "殷凯", "明白 主要是北京几家店的企业团购没跑起来 我明天亲自去跑一下几家老客户",
  [T("去跑一下几家老客户", ["殷凯"], "tomorrow")])
M(84, K, "09-15 14:00", "黄志斌", "中央工厂通知：中秋前最后一批月饼17号出炉 18号起门店不再补货 后续缺货走区域间调拨")
M(85, K, "09-16 11:00", "陆瑶", "团购海报做好了[图片] 以经发到各区群了 需要改的话随时找我")
M(86, K, "09-17 10:30", "常宇", "华东流心奶黄卖断货了 哪个区有富余的 帮忙调300盒过来🙏",
  [T("调300盒流心奶黄过来", [])], ["unassigned"])
M(87, K, "09-17 10:41", "黄晓雯", "常哥 华南还有400多盒 我调给你 今天下班前安排车",
  [T("调流心奶黄给华东，安排车", ["黄晓雯"], "today", "18:00")], ["context"], reply=86)
M(88, K, "09-18 17:30", "殷凯", "追量方案发金总邮箱了 三条：企业团购返点、社区团长分销、门店满赠 请金总查收")
M(89, K, "09-18 17:45", "金美玲", "方案可以 周日补班那天你在北京开个店长会把方案落下去",
  [T("开个店长会把方案落下去", ["殷凯"], "wd:7")], ["context"], reply=88)
M(90, K, "09-21 09:00", "金美玲",
  "中秋国庆连着放 提醒各位节前两件事：\n1. 各区节日期间的排班表报给我\n2. 门店消防和食品安全自查\n24号之前都要完成",
  [T("节日期间的排班表报给我", ALL, "day:24"),
   T("门店消防和食品安全自查", ALL, "day:24")])
M(91, K, "09-21 09:10", "黄志斌", "收到👌 另外冷链车25号到27号停运 28号恢复")
M(92, K, "09-23 15:20", "陆瑶", "国庆档新品桂花酒酿吐司的上新物料 我国庆放假前发到各区群",
  [T("国庆档新品的上新物料发到各区群", ["陆瑶"], "pre:国庆节", alt=["first:国庆节"])])
M(93, K, "09-24 18:10", "金美玲", "各位中秋快乐🥮 三天假好好休息 28号回来冲国庆")
M(94, K, "09-28 09:30", "常宇", "中秋三天华东卖了将近9000盒 剩余200盒左右 已经安排折价清了")
M(95, K, "09-28 10:00", "金美玲", "漂亮👍 @常宇 把华东这次的打法写个复盘 节后第一天区域会上分享",
  [T("把华东这次的打法写个复盘", ["常宇"], "post:国庆节")], ["implicit"], reply=94)
M(96, K, "09-29 11:00", "黄志斌",
  "@黄晓雯 华南上周送检的那批蛋黄酥 检测报告出来了 有两项指标要复检 你安排门店明天把同批次的剩余产品下架",
  [T("把同批次的剩余蛋黄酥下架", ["黄晓雯"], "tomorrow")])
M(97, K, "09-29 11:05", "黄晓雯", "好的 已经通知门店了", reply=96)
M(98, K, "09-30 16:00", "陆瑶", "上新物料已发各区群 请各位查收🙏")
M(99, K, "10-08 08:40", "金美玲", "今天区域会改到下午两点 常宇的复盘放第一个")
M(100, K, "10-08 16:30", "金美玲",
  "会议纪要：\n1. 双十一礼盒方案 各区16号前提报\n2. 常宇的打法整理成SOP 小陆来做 两周内\n3. 下次区域会改线上开",
  [T("双十一礼盒方案提报", ALL, "day:16"),
   T("常宇的打法整理成SOP", ["陆瑶"], "+14")], ["nickname"])

# ================================================================ 6 tax office (Nov–Dec 2026)
X = "taxoffice"
M(101, X, "11-16 08:30", "廖卫东",
  "【转发】市局纳服科：2026年度个税汇算宣传月活动12月启动 各分局、税务所宣传方案报送时间另行通知 联系人：李科 内线8023")
M(102, X, "11-16 08:35", "廖卫东", "宣传方案姜姐牵头 小汪配合 下周一之前先出个初稿给我看",
  [T("宣传方案出个初稿", ["姜慧", "汪俊"], "nextwd:1", oalt=[["姜慧"]])],
  ["title-address", "nickname"])
M(103, X, "11-16 09:00", "姜慧", "好的廖所 去年的方案我翻出来了 可以参考")
M(104, X, "11-17 10:20", "蔡文杰", "大厅自助办税终端又卡纸了 已经报修 厂家说明天上午来")
M(105, X, "11-18 15:45", "欧阳明",
  "跟大家说一下 辖区那个做跨境电商的企业 就是上个月来办出口退税那家 今天又来问了 我跟他们说资料要补全 三个工作日内补齐了我们再审 文杰你到时候跟进一下",
  [T("跟进一下跨境电商企业的资料", ["蔡文杰"], None, alt=["workdays:3"])], ["nickname"])
M(106, X, "11-19 09:10", "廖卫东", "市局刚来电话 宣传方案25号之前就要报 @姜慧 初稿改成明天下班前给我",
  [T("宣传方案初稿给我", ["姜慧"], "tomorrow", "18:00")])
M(107, X, "11-19 09:15", "汪俊", "廖所 我今晚加个班把数据部分补完 明早给姜姐",
  [T("把数据部分补完给姜姐", ["汪俊"], "tomorrow", alt=["today"])], ["context"], reply=106)
M(108, X, "11-19 09:16", "姜慧", "收到🙏", reply=106)
M(109, X, "11-24 11:00", "蔡晓丽", "12月征期截止到15号 大厅这几天肯定爆满 要不要提前加开两个窗口")
M(110, X, "11-24 11:20", "廖卫东", "加 晓丽你排一下12月1号到15号的窗口值班表 这周内发群里 欧阳那边抽一个人过来支援",
  [T("排一下12月1号到15号的窗口值班表发群里", ["蔡晓丽"], "thisweek"),
   T("抽一个人过来支援", ["欧阳明"])], ["nickname"], reply=109)
M(111, X, "11-25 16:30", "姜慧", "廖所上周让小汪补的数据那部分他已经补好了 方案也按时报给市局了")
M(112, X, "11-27 08:50", "蔡晓丽", "值班表[文件] 大家看看自己的班 有冲突的私聊我换")
M(113, X, "11-30 14:00", "欧阳明",
  "年底前辖区还有23户非正常户要清理 我跟文杰分一下 开发区的我负责 老城区的文杰负责 18号之前都走访一遍",
  [T("走访开发区的非正常户", ["欧阳明"], "day:18"),
   T("走访老城区的非正常户", ["蔡文杰"], "day:18")], ["nickname"])
M(114, X, "11-30 14:05", "蔡文杰", "收到 老城区那几户的地址我先核对一下",
  [T("核对老城区那几户的地址", ["蔡文杰"])], reply=113)
M(115, X, "12-02 10:00", "汪俊", "请问谁知道发票系统新版操作手册在哪下载")
M(116, X, "12-02 10:05", "蔡晓丽", "内网-纳服专栏-下载中心 第三个就是", reply=115)
M(117, X, "12-07 09:00", "廖卫东", "本周四上午局里来检查窗口服务 大家周三下班前把各自窗口的台账补齐 检查前我再过一遍",
  [T("把各自窗口的台账补齐", ALL, "wd:3", "18:00"),
   T("再过一遍台账", ["廖卫东"], "thiswd:4", alt=["thiswd:3"])], ["implicit"])
M(118, X, "12-07 09:30", "汪俊", "廖所 我周三要去市局参加培训 台账能不能周二就交")
M(119, X, "12-08 17:00", "廖卫东", "周四的检查取消了 局里说改到下个月 时间另行通知", tags=["cancel"])
M(120, X, "12-14 09:20", "姜慧",
  "年度汇算预约系统的测试账号申请下来了 @蔡晓丽 @汪俊 你们俩下班前各自登录测一下 有问题记下来 明天上午统一反馈给我",
  [T("登录测一下年度汇算预约系统", ["蔡晓丽", "汪俊"], "today", "18:00"),
   T("有问题记下来反馈给我", ["蔡晓丽", "汪俊"], "tomorrow")])

# ---------------------------------------------------------------- build + checks
TAGS = {"context", "implicit", "title-address", "nickname", "unassigned", "cancel"}


def build():
    rows, by_n = [], {}
    assert len(MSGS) == 120
    for m in MSGS:
        sid = f"s9-{m['n']:03d}"
        assert m["n"] not in by_n, sid
        by_n[m["n"]] = m
        members = CHATS[m["chat"]]
        assert m["sender"] in members, sid
        mm, rest = m["when"].split(" ")
        ts = f"2026-{mm}T{rest}:00+08:00"
        t = dt.datetime.fromisoformat(ts)
        m["t"] = t
        reply = None
        if m["reply"] is not None:
            r = by_n[m["reply"]]          # must already exist → earlier id
            assert r["chat"] == m["chat"], sid
            assert r["t"] < t, sid
            reply = {"id": f"s9-{r['n']:03d}", "sender": r["sender"], "text": r["text"]}
        tasks = []
        for k in m["tasks"]:
            assert k["title"].strip(), sid
            own = k["owners"]
            assert own == ["@all"] or all(o in members for o in own), (sid, own)
            assert len(set(own)) == len(own), sid
            d = resolve(k["due"], t.date())
            task = {"title": k["title"], "owners": own,
                    "due_date": d.isoformat() if d else None,
                    "due_time": k["time"]}
            if k["time"]:
                assert d is not None and re.fullmatch(r"[0-2]\d:[0-5]\d", k["time"]), sid
                due_dt = dt.datetime.combine(d, dt.time.fromisoformat(k["time"]), t.tzinfo)
                assert due_dt > t, (sid, "due before message")
            if d is not None:
                assert d >= t.date(), (sid, "due before message")
            if k["alt"]:
                alts = []
                for a in k["alt"]:
                    ad = resolve(a, t.date())
                    assert ad is None or ad >= t.date(), (sid, "alt before message")
                    v = ad.isoformat() if ad else None
                    assert v != task["due_date"], (sid, "alt equals main date")
                    alts.append(v)
                task["due_date_alt"] = alts
            if k["oalt"]:
                for oa in k["oalt"]:
                    assert all(o in members for o in oa), sid
                    assert sorted(oa) != sorted(own), sid
                task["owners_alt"] = k["oalt"]
            tasks.append(task)
        tags = m["tags"]
        assert set(tags) <= TAGS, sid
        if any(not k["owners"] for k in tasks):
            assert "unassigned" in tags, sid
        if "cancel" in tags:
            assert not tasks, sid
        rows.append({"id": sid, "chat": m["chat"], "ts": ts, "sender": m["sender"],
                     "members": members, "reply_to": reply, "text": m["text"],
                     "tasks": tasks, "tags": tags})
    # ids consecutive, 20 per chat, time order within chat
    assert [r["id"] for r in rows] == [f"s9-{i:03d}" for i in range(1, 121)]
    for chat in CHATS:
        cr = [r for r in rows if r["chat"] == chat]
        assert len(cr) == 20, chat
        tss = [dt.datetime.fromisoformat(r["ts"]) for r in cr]
        assert tss == sorted(tss) and len(set(tss)) == 20, chat
        # the shared-surname pair is never addressed by an ambiguous 小X/老X/X总…
        sn = SHARED[chat]
        assert sum(1 for n in CHATS[chat] if n.startswith(sn)) == 2, chat
        bad = re.compile(rf"(小{sn}|老{sn}|{sn}(总|姐|哥|工|老师|主任|经理|主管|所|行|部长)|@{sn}(?![\u4e00-\u9fff]))")
        for r in cr:
            assert not bad.search(r["text"]), (r["id"], "ambiguous surname address")
    # round-trip through JSON
    out = os.path.join(HERE, "set.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for line in open(out, encoding="utf-8"):
        json.loads(line)
    return rows


def stats(rows):
    tasks = [k for r in rows for k in r["tasks"]]
    s = {
        "messages": len(rows),
        "with_tasks": sum(1 for r in rows if r["tasks"]),
        "negatives": sum(1 for r in rows if not r["tasks"]),
        "gold_tasks": len(tasks),
        "multi_task_messages": sum(1 for r in rows if len(r["tasks"]) > 1),
        "reply_to": sum(1 for r in rows if r["reply_to"]),
        "reply_to_with_task": sum(1 for r in rows if r["reply_to"] and r["tasks"]),
        "at_all_tasks": sum(1 for k in tasks if k["owners"] == ["@all"]),
        "unowned_tasks": sum(1 for k in tasks if k["owners"] == []),
        "multi_owner_tasks": sum(1 for k in tasks if len(k["owners"]) > 1),
        "dated_tasks": sum(1 for k in tasks if k["due_date"]),
        "timed_tasks": sum(1 for k in tasks if k["due_time"]),
        "tasks_with_due_date_alt": sum(1 for k in tasks if "due_date_alt" in k),
        "tasks_with_owners_alt": sum(1 for k in tasks if "owners_alt" in k),
    }
    tagc = {}
    for r in rows:
        for tg in r["tags"]:
            tagc[tg] = tagc.get(tg, 0) + 1
    s["messages_by_tag"] = dict(sorted(tagc.items()))
    return s


if __name__ == "__main__":
    rows = build()
    if "-v" in sys.argv:
        for r in rows:
            t = dt.datetime.fromisoformat(r["ts"])
            print(r["id"], t.strftime("%m-%d %a %H:%M"), r["sender"], "|", r["text"].replace("\n", " / ")[:70])
            for k in r["tasks"]:
                d = k["due_date"]
                wd = dt.date.fromisoformat(d).strftime("%a") if d else ""
                print("     ->", k["title"], k["owners"], d, wd, k["due_time"],
                      k.get("due_date_alt", ""), k.get("owners_alt", ""))
    print(json.dumps(stats(rows), ensure_ascii=False, indent=1))
