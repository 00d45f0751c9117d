#!/usr/bin/env python3
"""Hand-written training set g for chat2task extraction (200 messages, 8 team chats).

    python3 heldout_v15.py        -> writes ../heldout_v15.jsonl
    python3 heldout_v15.py -v     -> also prints every message with weekday and resolved tasks

Every text, title and owner below is written by hand.  Deadlines are written as rules
(see `resolve`) and resolved against the message date with the conventions of
shared/benchmarks/extraction/README.md and the official 2026 holiday calendar.

Rule vocabulary (d = message date):
  today / tmr / jinming (今明两天 -> tomorrow) / d+N (N天内, 后天 = d+2)
  wdK    bare 周K: next such weekday on or after d (K = 1..7, Mon = 1)
  thisK  本周K/这周K: weekday K of the current Mon-Sun week
  nextK  下周K ; nnK 下下周K
  thisweek (本周内/这周内 -> Friday) ; nextweek (下周内 -> next Friday) ; weekend (-> Sunday)
  eom (月底) ; eomM (M月底) ; eoy (年底)
  dayN   N号: day N of this month if not yet past, else next month
  nmdayN 下个月N号 ; md:M-D  explicit M月D号
  wdaysN N个工作日内: N workdays counted from d+1, skipping weekends/holidays, 调休 days count
  pre    节前/放假前: last workday before the next holiday (first holiday day added to due_date_alt)
  afterhol 节后: first workday after the next (or current) holiday
"""
import datetime as dt
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "heldout_v15.jsonl"))
HOL_CANDIDATES = [
    "/work/shared/datasets/zh-time/holidays_cn/2026.json",
    os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "datasets", "zh-time", "holidays_cn", "2026.json")),
]
WEEK = "一二三四五六日"

# ---------------------------------------------------------------- calendar
_hol_path = next(p for p in HOL_CANDIDATES if os.path.exists(p))
_cal = json.load(open(_hol_path, encoding="utf-8"))
OFFDAY = {}  # date -> bool (True: official day off, False: 调休 make-up workday)
for _d in _cal["days"]:
    OFFDAY[dt.date.fromisoformat(_d["date"])] = _d["isOffDay"]

# holiday blocks: consecutive official off days with the same name
HOLIDAYS = []  # (name, first, last)
for _d in sorted(k for k, v in OFFDAY.items() if v):
    name = next(x["name"] for x in _cal["days"] if x["date"] == _d.isoformat())
    if HOLIDAYS and HOLIDAYS[-1][0] == name and (_d - HOLIDAYS[-1][2]).days == 1:
        HOLIDAYS[-1] = (name, HOLIDAYS[-1][1], _d)
    else:
        HOLIDAYS.append((name, _d, _d))


def is_workday(d):
    if d in OFFDAY:
        return not OFFDAY[d]
    return d.weekday() < 5


def next_holiday(d):
    """The first holiday block that has not ended before d."""
    for name, first, last in HOLIDAYS:
        if last >= d:
            return name, first, last
    raise ValueError("no holiday after %s" % d)


def month_end(y, m):
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def resolve(rule, d):
    """Return (due_date, [alt dates]) for a rule written against message date d."""
    if rule is None:
        return None, []
    one = dt.timedelta(days=1)
    monday = d - dt.timedelta(days=d.weekday())
    if rule == "today":
        return d, []
    if rule in ("tmr", "jinming"):
        return d + one, []
    if rule.startswith("d+"):
        return d + dt.timedelta(days=int(rule[2:])), []
    if rule.startswith("wd") and rule[2:].isdigit():
        k = int(rule[2:]) - 1
        return d + dt.timedelta(days=(k - d.weekday()) % 7), []
    if rule.startswith("this") and rule[4:].isdigit():
        return monday + dt.timedelta(days=int(rule[4:]) - 1), []
    if rule.startswith("next") and rule[4:].isdigit():
        return monday + dt.timedelta(days=7 + int(rule[4:]) - 1), []
    if rule.startswith("nn") and rule[2:].isdigit():
        return monday + dt.timedelta(days=14 + int(rule[2:]) - 1), []
    if rule == "thisweek":
        return monday + dt.timedelta(days=4), []
    if rule == "nextweek":
        return monday + dt.timedelta(days=11), []
    if rule == "weekend":
        return monday + dt.timedelta(days=6), []
    if rule == "eom":
        return month_end(d.year, d.month), []
    if rule.startswith("eom"):
        return month_end(d.year, int(rule[3:])), []
    if rule == "eoy":
        return dt.date(d.year, 12, 31), []
    if rule.startswith("nmday"):
        y, m = d.year + (d.month == 12), d.month % 12 + 1
        return dt.date(y, m, int(rule[5:])), []
    if rule.startswith("day"):
        n = int(rule[3:])
        if n >= d.day:
            return dt.date(d.year, d.month, n), []
        y, m = d.year + (d.month == 12), d.month % 12 + 1
        return dt.date(y, m, n), []
    if rule.startswith("md:"):
        m, n = map(int, rule[3:].split("-"))
        return dt.date(d.year, m, n), []
    if rule.startswith("wdays"):
        n, x = int(rule[5:]), d
        while n:
            x += one
            if is_workday(x):
                n -= 1
        return x, []
    if rule == "pre":
        _, first, _ = next_holiday(d)
        x = first - one
        while not is_workday(x):
            x -= one
        assert x >= d, (rule, d)
        return x, [first]
    if rule == "afterhol":
        _, _, last = next_holiday(d)
        x = last + one
        while not is_workday(x):
            x += one
        return x, []
    raise ValueError("unknown rule " + rule)


# ---------------------------------------------------------------- helpers
def T(title, owners, rule=None, time=None, tev="=", oev=None, dev=None, alt=None, owners_alt=None):
    """One gold task.  tev '=' means the title itself is the evidence span."""
    return dict(title=title, owners=owners, rule=rule, time=time, tev=tev, oev=oev, dev=dev,
                alt=alt or [], owners_alt=owners_alt)


def M(date, time, sender, text, tasks=(), reply=None, tags=()):
    """One message.  date 'MM-DD' in 2026; reply = 1-based index of an earlier message in the chat."""
    return dict(date=date, time=time, sender=sender, text=text, tasks=list(tasks), reply=reply, tags=list(tags))


CHATS = []  # filled below: dict(chat, kind, members, msgs)

# ================================================================ 1. travel agency
TRAVEL = ["贺一鸣", "方晓琳", "方志远", "田甜", "柯俊杰", "龚雪梅"]
CHATS.append(dict(chat="g-travel", kind="travel agency", members=TRAVEL, msgs=[
    M("04-20", "08:47", "贺一鸣", "五一团期进入最后冲刺，各位把手上的报名名单周三前全部录进系统",
      [T("报名名单全部录进系统", ["@all"], "wd3", tev="手上的报名名单", oev="各位", dev="周三前")]),
    M("04-20", "09:02", "田甜", "收到[OK]"),
    M("04-20", "10:15", "龚雪梅", "@方志远 云南六日游那个团的地接合同还没回传，你今天下班前催一下地接社",
      [T("催地接社回传云南六日游的地接合同", ["方志远"], "today", "18:00", tev="催一下地接社", oev="@方志远", dev="今天下班前")]),
    M("04-20", "10:20", "方志远", "好的龚姐"),
    M("04-21", "14:30", "柯俊杰", "三亚那边的酒店说五一房价还要再涨15%，他们下周一会发新的报价单过来"),
    M("04-21", "14:36", "贺一鸣", "涨价的话得有人重新核算一下三亚团的成本，明天中午前要结果",
      [T("重新核算三亚团的成本", [], "tmr", "12:00", tev="重新核算一下三亚团的成本", dev="明天中午前")],
      reply=5, tags=["unassigned"]),
    M("04-21", "14:40", "方晓琳", "我来算吧 顺便把给客人的补差价说明也写了",
      [T("重新核算三亚团的成本", ["方晓琳"], "tmr", "12:00", tev="算", oev="我"),
       T("写给客人的补差价说明", ["方晓琳"], None, tev="给客人的补差价说明也写了", oev="我", alt=["tmr"])],
      reply=6, tags=["context"]),
    M("04-22", "07:40", "田甜", "早～昨天有个客户问能不能带宠物上邮轮我查了下是不行的然后我已经回复他了就是跟大家说一声以后遇到这种直接说不行就好"),
    M("04-22", "09:30", "贺一鸣", "明天上午开五一出团说明会：1. 小田把各团的集合时间地点汇总成一张表 2. 柯俊杰准备导游分配方案 3. 晓琳打印行程单，每团多备5份。会前都弄好",
      [T("各团的集合时间地点汇总成一张表", ["田甜"], "tmr", oev="小田", dev="会前"),
       T("准备导游分配方案", ["柯俊杰"], "tmr", oev="柯俊杰", dev="会前"),
       T("打印行程单", ["方晓琳"], "tmr", oev="晓琳", dev="会前")],
      tags=["nickname", "implicit"]),
    M("04-22", "09:41", "柯俊杰", "👌"),
    M("04-23", "16:50", "方志远", "地接合同回传了，已经归档"),
    M("04-23", "20:15", "龚雪梅", "刚接到一个二十人的企业团 想五一后去桂林 预算人均三千左右 谁能先出个初步方案",
      [T("出桂林企业团的初步方案", [], None, tev="出个初步方案")], tags=["unassigned"]),
    M("04-23", "20:31", "方晓琳", "龚姐我来做 周日给你",
      [T("出桂林企业团的初步方案", ["方晓琳"], "wd7", tev="做", oev="我", dev="周日")],
      reply=12, tags=["context"]),
    M("04-24", "11:00", "贺一鸣", "提醒一下 五一期间门店营业时间改为9点到17点"),
    M("04-24", "11:20", "田甜", "贺总 五一值班表我排好了 您节前审一下",
      [T("审五一值班表", ["贺一鸣"], "pre", tev="五一值班表", oev="贺总", dev="节前")],
      tags=["title-address"]),
    M("04-25", "10:05", "柯俊杰", "周六还在店里加班的举个手🙋"),
    M("04-26", "21:48", "方晓琳", "桂林方案初稿发群文件了，住宿先按四钻算的，龚姐帮忙看看预算合不合适",
      [T("看桂林方案预算合不合适", ["龚雪梅"], tev="看看预算合不合适", oev="龚姐")], tags=["title-address"]),
    M("04-27", "09:12", "龚雪梅", "客户看了桂林方案，想把第三天换成漓江竹筏。@方晓琳 你改一版，另外 @柯俊杰 问下竹筏能不能订到20人的，两个事都周三前",
      [T("桂林方案第三天换成漓江竹筏改一版", ["方晓琳"], "wd3", tev="你改一版", oev="@方晓琳", dev="周三前"),
       T("问竹筏能不能订到20人的", ["柯俊杰"], "wd3", tev="问下竹筏能不能订到20人的", oev="@柯俊杰", dev="周三前")]),
    M("04-27", "09:30", "方志远", "五一出团的旅游意外险是不是还没买？"),
    M("04-27", "09:33", "贺一鸣", "还没 志远你今天之内给全部团员上保险 别拖",
      [T("给全部团员上旅游意外险", ["方志远"], "today", tev="给全部团员上保险", oev="志远", dev="今天之内")],
      reply=19, tags=["context", "nickname"]),
    M("04-28", "18:40", "田甜", "各位，说明会的ppt我放共享盘了，请大家查收"),
    M("04-29", "15:00", "柯俊杰", "竹筏问过了 20人可以订 定金我刚付完"),
    M("05-06", "08:30", "贺一鸣", "节后第一天辛苦大家😂 五一的客诉记录麻烦龚姐汇总下，三个工作日内给我",
      [T("汇总五一的客诉记录", ["龚雪梅"], "wdays3", tev="五一的客诉记录", oev="龚姐", dev="三个工作日内")],
      tags=["title-address"]),
    M("05-08", "19:20", "龚雪梅", "明天调休上班别忘了哈 客诉汇总我明早九点前发你 贺总",
      [T("发客诉汇总", ["龚雪梅"], "tmr", "09:00", tev="客诉汇总", oev="我", dev="明早九点前")]),
    M("05-09", "10:00", "方晓琳", "桂林那个团客户取消了 说公司预算没批下来[捂脸]", tags=["cancel"]),
]))

# ================================================================ 2. agricultural cooperative
COOP = ["郝长江", "牛建国", "牛春花", "岳红霞", "覃德明", "聂文涛", "姜玉兰"]
CHATS.append(dict(chat="g-coop", kind="agricultural cooperative", members=COOP, msgs=[
    M("02-02", "07:15", "郝长江", "育苗大棚的薄膜下周五前要全部换新，老覃负责联系供货，文涛带人把旧膜拆了",
      [T("联系薄膜供货", ["覃德明"], "next5", tev="联系供货", oev="老覃", dev="下周五前"),
       T("把旧膜拆了", ["聂文涛"], "next5", oev="文涛", dev="下周五前")],
      tags=["nickname"]),
    M("02-02", "07:32", "覃德明", "好 我今天就打电话给厂家",
      [T("打电话给厂家", ["覃德明"], "today", oev="我", dev="今天")], reply=1, tags=["context"]),
    M("02-03", "09:00", "岳红霞", "年货礼盒的订单已经三百多单了 比去年多一倍👍"),
    M("02-03", "09:10", "郝长江", "礼盒订单这么多 得有人临时再招两个打包的",
      [T("临时再招两个打包的", [])], reply=3, tags=["unassigned"]),
    M("02-03", "09:25", "牛春花", "那个我去村里问问看谁家闲着的嗯明天给你回话哈",
      [T("招两个打包的", ["牛春花"], "tmr", tev="去村里问问", oev="我", dev="明天")],
      reply=4, tags=["context"]),
    M("02-04", "14:20", "姜玉兰", "合作社账户的年度审计材料交了没"),
    M("02-04", "14:22", "郝长江", "还差成员分红明细，玉兰你和建国一起整理，春节放假前交到镇经管站",
      [T("整理成员分红明细交到镇经管站", ["姜玉兰", "牛建国"], "pre", tev="成员分红明细", oev="玉兰你和建国", dev="春节放假前")],
      reply=6, tags=["context", "nickname"]),
    M("02-05", "19:45", "牛建国", "分红明细我这边弄了一半 剩下的玉兰姐明天补上行不",
      [T("补上剩下的分红明细", ["姜玉兰"], "tmr", tev="剩下的", oev="玉兰姐", dev="明天")],
      tags=["nickname"]),
    M("02-06", "08:05", "姜玉兰", "行"),
    M("02-09", "10:30", "聂文涛", "旧膜拆完了 堆在三号棚后面 回收站的人说下周来拉"),
    M("02-09", "10:40", "郝长江", "年前最后一次社员大会定在13号上午，@牛春花 通知到每户，@岳红霞 准备年终分红的公示表，会前都要弄完",
      [T("社员大会通知到每户", ["牛春花"], "day13", tev="通知到每户", oev="@牛春花", dev="会前"),
       T("准备年终分红的公示表", ["岳红霞"], "day13", oev="@岳红霞", dev="会前")],
      tags=["implicit"]),
    M("02-10", "06:50", "覃德明", "薄膜到货了一共四十卷 谁有空过来帮忙卸车",
      [T("帮忙卸车", [])], tags=["unassigned"]),
    M("02-10", "06:58", "聂文涛", "我马上到",
      [T("帮忙卸车", ["聂文涛"], None, tev=None, oev="我")], reply=12, tags=["context"]),
    M("02-11", "13:00", "牛春花", "每户都通知到了，有三户说来不了"),
    M("02-12", "21:10", "郝长江", "14号周六调休要上班哈，那天把冷库的温度记录表交上来，老覃你负责",
      [T("交冷库的温度记录表", ["覃德明"], "day14", tev="把冷库的温度记录表交上来", oev="老覃", dev="14号")],
      tags=["nickname"]),
    M("02-13", "12:00", "岳红霞", "公示表贴在村委会门口了 红纸黑字 挺显眼的"),
    M("02-14", "08:20", "姜玉兰", "放假前最后一天班 站里说分红明细收到了✌"),
    M("02-24", "09:00", "郝长江", "节后开工大吉！大家今明两天把各自负责的棚春播用种数量报给岳姐",
      [T("报春播用种数量", ["@all"], "jinming", tev="春播用种数量", oev="大家", dev="今明两天")]),
    M("02-24", "09:15", "牛建国", "郝主任 我的三号棚以经报了 西红柿苗要1200株"),
    M("02-25", "16:30", "岳红霞", "用种数量汇总好了，种子站说月底前统一配送到镇上，到时候得有人开三轮去拉",
      [T("开三轮去镇上拉种子", [], None, tev="开三轮去拉", alt=["eom"])], tags=["unassigned"]),
    M("02-26", "10:10", "郝长江", "28号周六调休，上午县农业局来检查示范基地。1 文涛把基地的宣传展板擦干净 2 春花准备签到表和茶水 3 讲解我来",
      [T("把基地的宣传展板擦干净", ["聂文涛"], "day28", oev="文涛", dev="28号"),
       T("准备签到表和茶水", ["牛春花"], "day28", oev="春花", dev="28号"),
       T("讲解", ["郝长江"], "day28", oev="我", dev="28号")],
      tags=["nickname", "implicit"]),
    M("02-26", "10:20", "覃德明", "要不要考虑一下给检查组准备点咱们自己的草莓"),
    M("02-27", "20:05", "姜玉兰", "明天的检查取消了，农业局说改到下个月，具体时间另行通知", tags=["cancel"]),
    M("03-02", "08:40", "郝长江", "检查虽然推迟了 展板还是要弄 文涛这周内弄好",
      [T("展板弄好", ["聂文涛"], "thisweek", tev="展板还是要弄", oev="文涛", dev="这周内")], tags=["nickname"]),
    M("03-03", "17:55", "聂文涛", "展板弄好了 顺手把大棚门口的路也扫了哈哈"),
]))

# ================================================================ 3. newsroom desk
NEWS = ["祁明轩", "晏子琪", "骆静怡", "骆航", "符晓蕾", "欧阳东"]
CHATS.append(dict(chat="g-news", kind="newsroom desk", members=NEWS, msgs=[
    M("09-14", "08:10", "晏子琪", "早 今天的选题会挪到十点半 地点还是三楼小会议室"),
    M("09-14", "11:05", "祁明轩", "会上定的：1.骆航跟进地铁新线开通的稿子，周四发 2.符晓蕾做中秋消费的数据新闻 3.欧阳东去采访那个做月饼的非遗传承人 后两个节前见报",
      [T("跟进地铁新线开通的稿子", ["骆航"], "wd4", oev="骆航", dev="周四"),
       T("做中秋消费的数据新闻", ["符晓蕾"], "pre", oev="符晓蕾", dev="节前"),
       T("采访做月饼的非遗传承人", ["欧阳东"], "pre", tev="采访那个做月饼的非遗传承人", oev="欧阳东", dev="节前")]),
    M("09-14", "11:20", "欧阳东", "收到 我周三去",
      [T("采访做月饼的非遗传承人", ["欧阳东"], "wd3", tev="去", oev="我", dev="周三")],
      reply=2, tags=["context"]),
    M("09-15", "23:40", "骆航", "地铁公司的通稿发过来了，附件里有线路图"),
    M("09-16", "09:20", "晏子琪", "@骆航 地铁那篇光有通稿不行，你明天上午去站点实地探访一下，再补几张现场照片",
      [T("去站点实地探访", ["骆航"], "tmr", tev="去站点实地探访一下", oev="@骆航", dev="明天上午"),
       T("补几张现场照片", ["骆航"], "tmr", oev="@骆航", dev="明天上午")]),
    M("09-16", "18:30", "欧阳东", "传承人采访完了，老爷子八十多了还天天做饼，素材很多"),
    M("09-17", "07:05", "符晓蕾", "数据新闻需要配三张信息图 谁有空帮忙出一下",
      [T("出三张信息图", [], tev="配三张信息图")], tags=["unassigned"]),
    M("09-17", "07:30", "骆静怡", "我这周事少 我来做 周六前给你",
      [T("出三张信息图", ["骆静怡"], "wd6", tev="做", oev="我", dev="周六前")],
      reply=7, tags=["context"]),
    M("09-17", "15:00", "祁明轩", "地铁稿的标题太平了 晏姐再改改",
      [T("改地铁稿的标题", ["晏子琪"], tev="地铁稿的标题", oev="晏姐")], tags=["title-address"]),
    M("09-18", "20:20", "骆航", "地铁那篇终于发了 阅读量10w+ 🎉"),
    M("09-19", "10:00", "晏子琪", "明天周日调休，正常上班，值班表不变"),
    M("09-20", "09:30", "祁明轩", "国庆特刊要做八个版 @晏子琪 出个分工方案 五个工作日内给我",
      [T("出国庆特刊的分工方案", ["晏子琪"], "wdays5", tev="出个分工方案", oev="@晏子琪", dev="五个工作日内")]),
    M("09-21", "10:12", "符晓蕾", "静怡 图收到了 太好看了吧[爱心]"),
    M("09-22", "14:00", "骆静怡", "中秋那期第三版的广告位还空着，广告部说周四给素材，到了我当天就排进去",
      [T("广告素材排进第三版", ["骆静怡"], "wd4", tev="排进去", oev="我", dev="周四")]),
    M("09-23", "19:30", "晏子琪", "特刊分工：头版祁老师定；二三版骆航；四五版符晓蕾和我；六到八版欧阳东。大家28号前交初稿",
      [T("定头版", ["祁明轩"], "day28", tev="头版祁老师定", oev="祁老师", dev="28号前"),
       T("二三版交初稿", ["骆航"], "day28", tev="二三版", oev="骆航", dev="28号前"),
       T("四五版交初稿", ["符晓蕾", "晏子琪"], "day28", tev="四五版", oev="符晓蕾和我", dev="28号前"),
       T("六到八版交初稿", ["欧阳东"], "day28", tev="六到八版", oev="欧阳东", dev="28号前")],
      tags=["title-address"]),
    M("09-23", "19:41", "祁明轩", "方案可以，就这么办"),
    M("09-24", "16:45", "欧阳东", "传承人那篇今天见报了 版面很漂亮"),
    M("09-24", "17:00", "骆航", "节前最后一天了 高铁票居然还有 羡慕能回家的[流泪]"),
    M("09-28", "09:05", "祁明轩", "头版我定了，用天安门广场的航拍。@骆航 联系一下图片社把版权买了，尽快",
      [T("联系图片社买版权", ["骆航"], tev="联系一下图片社把版权买了", oev="@骆航", dev=None)]),
    M("09-28", "11:30", "符晓蕾", "四五版初稿发群里了 晏姐看看",
      [T("看四五版初稿", ["晏子琪"], tev="四五版初稿", oev="晏姐")], tags=["title-address"]),
    M("09-29", "22:15", "晏子琪", "特刊明天下午4点前必须全部签发，各位今晚把自己版面的错别字再过一遍",
      [T("特刊全部签发", [], "tmr", "16:00", tev="全部签发", dev="明天下午4点前"),
       T("把版面的错别字再过一遍", ["@all"], "today", tev="把自己版面的错别字再过一遍", oev="各位", dev="今晚")],
      tags=["unassigned"]),
    M("09-30", "15:20", "祁明轩", "签发了，大家节日快乐 🇨🇳"),
    M("10-08", "09:00", "晏子琪", "节后第一天 选题会照常。@欧阳东 国庆旅游市场的复盘稿你牵头，骆静怡配合，本周六交",
      [T("国庆旅游市场的复盘稿", ["欧阳东", "骆静怡"], "this6", oev="@欧阳东", dev="本周六", owners_alt=[["欧阳东"]])]),
    M("10-09", "18:30", "骆静怡", "明天调休我请了假 复盘稿的数据部分今晚我先弄完发欧阳",
      [T("复盘稿的数据部分弄完", ["骆静怡"], "today", tev="复盘稿的数据部分", oev="我", dev="今晚")]),
    M("10-12", "10:00", "欧阳东", "复盘稿交了。祁老师说双十一专题下周再议"),
]))

# ================================================================ 4. esports club
ESPORTS = ["饶思彤", "谭凯", "戴浩然", "戴子轩", "麦嘉乐", "甘宇航"]
CHATS.append(dict(chat="g-esports", kind="esports club", members=ESPORTS, msgs=[
    M("06-08", "14:00", "饶思彤", "夏季赛第二轮赛程出来了，我们第一场是13号周六晚上七点"),
    M("06-08", "14:05", "谭凯", "这周的训练赛我来约 至少五场 周四前排好",
      [T("约训练赛", ["谭凯"], "wd4", tev="训练赛我来约", oev="我", dev="周四前")]),
    M("06-08", "23:50", "麦嘉乐", "今晚rank连跪五把 心态崩了😭"),
    M("06-09", "01:20", "戴子轩", "嘉乐别打了 明天还训练呢 早点睡"),
    M("06-09", "10:30", "饶思彤", "@甘宇航 队服尺码统计一下今天下班前发我，大家的身份证号明天收齐，报名要用。厂家那边说周五发货",
      [T("统计队服尺码", ["甘宇航"], "today", "18:00", tev="队服尺码统计一下", oev="@甘宇航", dev="今天下班前"),
       T("收齐大家的身份证号", ["甘宇航"], "tmr", tev="大家的身份证号明天收齐", oev="@甘宇航", dev="明天")]),
    M("06-09", "10:33", "甘宇航", "ＯＫ"),
    M("06-10", "15:40", "谭凯", "昨天训练赛的录像大家都看一下 每人写三条自己的失误 明晚训练前交给我",
      [T("看昨天训练赛的录像", ["@all"], "tmr", tev="昨天训练赛的录像", oev="大家", dev="明晚训练前"),
       T("写三条自己的失误", ["@all"], "tmr", oev="每人", dev="明晚训练前")]),
    M("06-10", "16:00", "戴浩然", "谭哥 我的那份今晚就交",
      [T("交三条自己的失误", ["戴浩然"], "today", tev="我的那份", oev="我", dev="今晚")],
      reply=7, tags=["context"]),
    M("06-11", "11:00", "饶思彤", "周六比赛 赛事方要我们报五个首发加一个替补，明天中午之前得报上去",
      [T("报五个首发加一个替补", [], "tmr", "12:00", dev="明天中午之前")], tags=["unassigned"]),
    M("06-11", "11:10", "谭凯", "名单我来定 今晚跟大家开个短会",
      [T("定首发和替补名单", ["谭凯"], "tmr", "12:00", tev="名单我来定", oev="我", alt=["today"])],
      reply=9, tags=["context"]),
    M("06-12", "21:30", "戴子轩", "今晚开黑的来 明天比塞前放松一下"),
    M("06-13", "23:10", "麦嘉乐", "赢了！！！2:1 🎉🎉 麦子今天carry"),
    M("06-14", "10:00", "饶思彤", "恭喜大家 下周三下午两点俱乐部拍宣传照 @all 穿新队服 别迟到",
      [T("穿新队服拍宣传照", ["@all"], "next3", "14:00", tev="穿新队服", oev="@all", dev="下周三下午两点")],
      tags=["implicit"]),
    M("06-14", "10:05", "甘宇航", "饶经理 队服还没到 物流显示周二才能到"),
    M("06-15", "16:20", "谭凯", "端午放假前把对手在B站的比赛录像都扒下来 小甘负责剪辑 嘉乐负责标注他们的打野路线",
      [T("剪辑对手的比赛录像", ["甘宇航"], "pre", tev="剪辑", oev="小甘", dev="端午放假前"),
       T("标注对手的打野路线", ["麦嘉乐"], "pre", tev="标注他们的打野路线", oev="嘉乐", dev="端午放假前")],
      tags=["nickname"]),
    M("06-16", "09:45", "甘宇航", "队服到了 放在基地前台 大家自己去拿"),
    M("06-16", "22:40", "戴浩然", "我键盘的轴坏了一个 有没有人有备用的"),
    M("06-17", "18:00", "饶思彤", "宣传照拍完了，摄影师说下周一出精修，到时候小甘挑几张发官博",
      [T("挑几张宣传照发官博", ["甘宇航"], "next1", tev="挑几张发官博", oev="小甘", dev="下周一")],
      tags=["nickname", "implicit"]),
    M("06-18", "20:30", "麦嘉乐", "打野路线标注完了 在共享文件夹 一共23张图"),
    M("06-18", "20:45", "谭凯", "不错 嘉乐你再把他们上单的视野布置也标一下 节后回来我要看",
      [T("标注上单的视野布置", ["麦嘉乐"], "afterhol", tev="把他们上单的视野布置也标一下", oev="嘉乐", dev="节后回来")],
      reply=19, tags=["nickname"]),
    M("06-21", "23:59", "戴子轩", "端午最后一晚 粽子吃撑了"),
    M("06-22", "13:30", "饶思彤", "第三轮对手改了，赛事方通知说原来那支队退赛了"),
    M("06-22", "13:40", "谭凯", "那上单视野不用标了 嘉乐改成研究新对手的BP习惯 周三晚上之前",
      [T("研究新对手的BP习惯", ["麦嘉乐"], "wd3", oev="嘉乐", dev="周三晚上之前")],
      reply=22, tags=["nickname", "cancel"]),
    M("06-23", "11:15", "戴子轩", "饶经理 续约合同是找你谈还是找俱乐部法务？"),
    M("06-23", "11:30", "饶思彤", "找我 下周一我跟你们几个续约的挨个谈",
      [T("跟续约的队员挨个谈", ["饶思彤"], "next1", tev="跟你们几个续约的挨个谈", oev="我", dev="下周一")],
      reply=24, tags=["context"]),
]))

# ================================================================ 5. real-estate agency
ESTATE = ["邬海峰", "葛丽娜", "葛伟", "裴雅琴", "闫鹏飞", "冉晓东"]
CHATS.append(dict(chat="g-estate", kind="real-estate agency", members=ESTATE, msgs=[
    M("11-23", "08:55", "邬海峰", "本月业绩还差两套，大家月底前把手上的意向客户都回访一遍",
      [T("把手上的意向客户都回访一遍", ["@all"], "eom", oev="大家", dev="月底前")]),
    M("11-23", "09:10", "葛丽娜", "收到 邬经理"),
    M("11-23", "15:30", "闫鹏飞", "锦绣花园那套三居业主降价了 降了八万 我刚更新了房源信息"),
    M("11-24", "10:00", "裴雅琴", "@闫鹏飞 锦绣花园那套，你约一下之前看过的那三个客户，这周末带看",
      [T("约看过的三个客户带看锦绣花园那套", ["闫鹏飞"], "weekend", tev="约一下之前看过的那三个客户", oev="@闫鹏飞", dev="这周末")]),
    M("11-24", "10:05", "闫鹏飞", "好的裴姐 我周六按排",
      [T("约看过的三个客户带看锦绣花园那套", ["闫鹏飞"], "wd6", tev=None, oev="我", dev="周六")],
      reply=4, tags=["context"]),
    M("11-25", "19:40", "冉晓东", "今天去银行问了 首套房贷利率又降了😮"),
    M("11-26", "09:20", "邬海峰", "老冉 你把利率调整做成一张海报 贴在门店玻璃上 明天上午弄好",
      [T("把利率调整做成海报贴在门店玻璃上", ["冉晓东"], "tmr", tev="把利率调整做成一张海报", oev="老冉", dev="明天上午")],
      tags=["nickname"]),
    M("11-27", "11:50", "冉晓东", "海报贴好了，路过的人还挺多看的"),
    M("11-29", "18:30", "闫鹏飞", "今天带看了两组 有一组很有意向 想砍到三百二"),
    M("11-29", "18:45", "邬海峰", "可以谈 小闫明天跟业主谈一下价格 谈之前先跟我对一下底价",
      [T("跟业主谈价格", ["闫鹏飞"], "tmr", tev="跟业主谈一下价格", oev="小闫", dev="明天"),
       T("跟我对一下底价", ["闫鹏飞"], "tmr", oev="小闫", dev="谈之前")],
      reply=9, tags=["nickname"]),
    M("11-30", "21:00", "闫鹏飞", "业主同意三百二十五 客户说考虑一晚上"),
    M("12-01", "09:00", "邬海峰", "12月重点：1 葛伟把二手房的房源照片全部重拍 2 丽娜整理一份学区房的对比表 3 裴姐负责新人带教。都15号前完成",
      [T("二手房的房源照片全部重拍", ["葛伟"], "day15", oev="葛伟", dev="15号前"),
       T("整理学区房的对比表", ["葛丽娜"], "day15", tev="整理一份学区房的对比表", oev="丽娜", dev="15号前"),
       T("新人带教", ["裴雅琴"], "day15", oev="裴姐", dev="15号前")],
      tags=["nickname", "title-address"]),
    M("12-01", "09:20", "葛伟", "要重拍的有六十多套 一个人拍不完 需要再来个人帮忙",
      [T("帮忙重拍房源照片", [], tev="需要再来个人帮忙")], tags=["unassigned"]),
    M("12-01", "09:30", "冉晓东", "我下午没事 跟你跑",
      [T("帮忙重拍房源照片", ["冉晓东"], "today", tev="跟你跑", oev="我", dev="下午")],
      reply=13, tags=["context"]),
    M("12-03", "14:10", "裴雅琴", "锦绣花园那套签了！！🎉🎉 小闫请奶茶"),
    M("12-03", "14:12", "闫鹏飞", "请请请 大家点单[呲牙]"),
    M("12-07", "10:30", "邬海峰", "锦绣那单的网签 @葛丽娜 你协助客户办一下，下周三前",
      [T("协助客户办网签", ["葛丽娜"], "next3", tev="协助客户办一下", oev="@葛丽娜", dev="下周三前")]),
    M("12-08", "16:00", "葛丽娜", "邬经理 客户的公积金贷款材料还缺一份收入证明"),
    M("12-08", "16:05", "邬海峰", "那你让客户明天之前补上 别耽误网签",
      [T("让客户补收入证明", ["葛丽娜"], "tmr", tev="让客户明天之前补上", oev="你", dev="明天之前")],
      reply=18, tags=["context"]),
    M("12-14", "20:30", "葛伟", "房源照片重拍完了 一共63套 晓东帮了大忙🙏"),
    M("12-15", "09:10", "邬海峰", "年底公司要评优，每个人写一份年度工作总结，下下周一交",
      [T("写一份年度工作总结", ["@all"], "nn1", oev="每个人", dev="下下周一")]),
    M("12-18", "07:50", "裴雅琴", "新来的两个小伙子这周跟我跑了三单 上手挺快的"),
    M("12-21", "11:00", "邬海峰", "物业说下周要停水两天，门店卫生间到时候用不了，葛伟下周一上午买几箱矿泉水备着",
      [T("买几箱矿泉水备着", ["葛伟"], "next1", oev="葛伟", dev="下周一上午")]),
    M("12-24", "19:15", "邬海峰", "年底最后一周 31号下午门店团建 @闫鹏飞 订个包间 @裴雅琴 统计一下谁去",
      [T("订团建包间", ["闫鹏飞"], "day31", tev="订个包间", oev="@闫鹏飞", dev="31号下午"),
       T("统计团建谁去", ["裴雅琴"], "day31", tev="统计一下谁去", oev="@裴雅琴", dev="31号下午")],
      tags=["implicit"]),
    M("12-28", "10:00", "葛丽娜", "年度总结交了，网签也办完了，客户很满意"),
]))

# ================================================================ 6. government procurement centre
PROCURE = ["包国庆", "雷振华", "雷敏", "蓝海燕", "柴立新", "童心悦", "邢志斌"]
CHATS.append(dict(chat="g-procure", kind="government procurement centre", members=PROCURE, msgs=[
    M("01-04", "08:30", "包国庆", "今天调休上班。各位把去年12月的采购台账今天之内核对完，有问题的单子标红发雷振华",
      [T("核对去年12月的采购台账", ["@all"], "today", tev="去年12月的采购台账", oev="各位", dev="今天之内"),
       T("有问题的单子标红", ["@all"], "today", oev="各位", dev="今天之内")]),
    M("01-04", "08:35", "童心悦", "好的包主任"),
    M("01-05", "10:00", "蓝海燕", "市一医院CT设备采购项目，采购人把需求论证报告发过来了"),
    M("01-05", "10:10", "包国庆", "柴工看一下技术参数有没有排他性条款 三个工作日内出意见",
      [T("看技术参数有没有排他性条款", ["柴立新"], "wdays3", tev="技术参数有没有排他性条款", oev="柴工", dev="三个工作日内")],
      reply=3, tags=["title-address"]),
    M("01-06", "18:50", "柴立新", "参数看了 有两条指向性太明显 我已经标出来发给海燕了"),
    M("01-07", "09:15", "蓝海燕", "@雷敏 CT项目的招标公告你按柴工的意见改完，周五挂网",
      [T("按柴工的意见改招标公告挂网", ["雷敏"], "wd5", tev="按柴工的意见改完", oev="@雷敏", dev="周五")]),
    M("01-07", "09:20", "雷敏", "收到"),
    M("01-09", "17:30", "雷敏", "公告挂网了，开标时间定在29号上午九点"),
    M("01-12", "14:00", "包国庆", "财政局下周要来检查政府采购内控制度的执行情况，需要准备近三年的项目档案",
      [T("准备近三年的项目档案", [])], tags=["unassigned"]),
    M("01-12", "14:08", "雷振华", "档案我来整理 邢哥帮我搬一下档案柜的箱子行吗",
      [T("整理近三年的项目档案", ["雷振华"], tev="档案我来整理", oev="我"),
       T("搬档案柜的箱子", ["邢志斌"], tev="搬一下档案柜的箱子", oev="邢哥")],
      reply=9, tags=["context", "title-address"]),
    M("01-12", "14:15", "邢志斌", "没问题 现在就来", reply=10),
    M("01-14", "11:00", "童心悦", "包主任 评审专家抽取的申请表我填好了 放您桌上了"),
    M("01-14", "11:05", "包国庆", "好 我下午签字",
      [T("签评审专家抽取申请表", ["包国庆"], "today", tev="签字", oev="我", dev="下午")],
      reply=12, tags=["context"]),
    M("01-15", "22:10", "柴立新", "刚看到有供应商在网上质疑CT项目的参数 说我们限制竞争[发怒]"),
    M("01-16", "08:20", "包国庆", "质疑要按程序走：1.雷敏七个工作日内起草书面答复 2.柴工配合出技术说明 3.答复发出前我要审",
      [T("起草书面答复", ["雷敏"], "wdays7", oev="雷敏", dev="七个工作日内"),
       T("出技术说明", ["柴立新"], None, oev="柴工", alt=["wdays7"]),
       T("审书面答复", ["包国庆"], None, tev="答复发出前我要审", oev="我")],
      tags=["title-address"]),
    M("01-16", "08:30", "柴立新", "明白"),
    M("01-19", "09:00", "蓝海燕", "办公用品框架协议这周五到期 得有人跟供应商谈续签",
      [T("跟供应商谈续签", [], "this5", dev="这周五到期")], tags=["unassigned", "implicit"]),
    M("01-19", "09:12", "童心悦", "我去谈吧 之前也是我对接的",
      [T("跟供应商谈续签", ["童心悦"], "this5", tev="谈", oev="我")], reply=17, tags=["context", "implicit"]),
    M("01-22", "16:40", "童心悦", "供应商说续签可以，但是打印纸要涨价5%"),
    M("01-23", "07:55", "包国庆", "涨价不接受 小童你跟他们说按原价 不行就重新招",
      [T("跟供应商说按原价", ["童心悦"], tev="跟他们说按原价", oev="小童")], reply=19, tags=["nickname", "context"]),
    M("01-26", "15:30", "雷敏", "质疑答复初稿写好了 包主任您审一下",
      [T("审质疑答复初稿", ["包国庆"], tev="质疑答复初稿", oev="包主任")], tags=["title-address"]),
    M("01-27", "10:00", "包国庆", "答复我改了两处 雷敏你今天发出去",
      [T("发质疑答复", ["雷敏"], "today", tev="发出去", oev="雷敏你", dev="今天")], reply=21),
    M("01-28", "20:20", "邢志斌", "２９号开标的评标室空调坏了，后勤说明天下午才能修好[捂脸]"),
    M("01-29", "08:10", "雷振华", "开标延期了 采购人要调整预算 新时间等通知", tags=["cancel"]),
    M("01-30", "17:00", "包国庆", "春节前要把一季度的采购意向全部公开 @蓝海燕 牵头 各科室配合",
      [T("把一季度的采购意向全部公开", ["蓝海燕"], "pre", oev="@蓝海燕", dev="春节前")]),
]))

# ================================================================ 7. open-source project maintainers
OSS = ["卓一凡", "舒启航", "舒悦", "翟宁", "管晨曦", "缪子豪"]
CHATS.append(dict(chat="g-oss", kind="open-source project maintainers", members=OSS, msgs=[
    M("07-06", "23:15", "卓一凡", "v2.3 的 release 定在下周五，大家手上的PR这周内都merge掉",
      [T("手上的PR都merge掉", ["@all"], "thisweek", tev="手上的PR", oev="大家", dev="这周内")]),
    M("07-06", "23:20", "缪子豪", "👍"),
    M("07-07", "00:40", "翟宁", "CI 又挂了 是 macOS runner 的问题 不是我们代码的锅"),
    M("07-07", "09:10", "管晨曦", "runner 的问题得有人去 GitHub 那边提个 issue",
      [T("去GitHub提个issue", [], tev="去 GitHub 那边提个 issue")], reply=3, tags=["unassigned"]),
    M("07-07", "09:25", "翟宁", "我提吧 顺手把 workaround 加到 CI 配置里",
      [T("去GitHub提个issue", ["翟宁"], tev="提吧", oev="我"),
       T("把workaround加到CI配置里", ["翟宁"], tev="把 workaround 加到 CI 配置里", oev="我")],
      reply=4, tags=["context"]),
    M("07-08", "21:00", "舒悦", "@舒启航 你那个 async 重构的 PR 我 review 完了 留了十几条 comment 麻烦看下",
      [T("看async重构PR的review comment", ["舒启航"], tev="留了十几条 comment", oev="@舒启航")]),
    M("07-08", "21:30", "舒启航", "收到 我周末改完",
      [T("改完async重构PR的comment", ["舒启航"], "weekend", tev="改完", oev="我", dev="周末")],
      reply=6, tags=["context"]),
    M("07-10", "18:20", "卓一凡", "release notes 需要有人写，另外 changelog 里 breaking change 要单独列出来",
      [T("写release notes", [], tev="release notes 需要有人写"),
       T("changelog里breaking change单独列出来", [], tev="changelog 里 breaking change 要单独列出来")],
      tags=["unassigned"]),
    M("07-10", "18:33", "管晨曦", "release notes 我来 下周三前出初稿",
      [T("写release notes初稿", ["管晨曦"], "wd3", tev="出初稿", oev="我", dev="下周三前")],
      reply=8, tags=["context"]),
    M("07-11", "02:10", "缪子豪", "半夜睡不着把文档网站的暗黑模式做了 哈哈哈"),
    M("07-13", "10:00", "卓一凡", "async 重构还没 merge，这个版本先不带了，放到 v2.4"),
    M("07-14", "22:45", "舒悦", "有用户报 Windows 下中文路径会乱码 issue #1287 看着挺严重 谁有 Windows 机器能复现一下",
      [T("复现Windows下中文路径乱码", [], tev="复现一下")], tags=["unassigned"]),
    M("07-14", "22:50", "缪子豪", "我有 明早复现",
      [T("复现Windows下中文路径乱码", ["缪子豪"], "tmr", tev="复现", oev="我", dev="明早")],
      reply=12, tags=["context"]),
    M("07-15", "11:20", "缪子豪", "复现了，是 encoding 没指定 utf-8，修复的 PR 已经提了"),
    M("07-15", "11:30", "卓一凡", "小翟 review 一下子豪的 PR 今天合进去 赶上 release",
      [T("review子豪的PR合进去", ["翟宁"], "today", tev="review 一下子豪的 PR", oev="小翟", dev="今天")],
      reply=14, tags=["nickname"]),
    M("07-17", "20:00", "卓一凡", "v2.3 发布了 🚀 感谢各位这段时间的付出"),
    M("07-20", "09:30", "管晨曦", "8月8号开源峰会我们有个20分钟的talk slides得有人准备",
      [T("准备talk的slides", [], "md:8-8", tev="slides得有人准备", dev="8月8号")],
      tags=["unassigned", "implicit"]),
    M("07-20", "09:40", "卓一凡", "我来讲 slides晨曦你帮我出个初稿 下周五之前",
      [T("讲峰会的talk", ["卓一凡"], "md:8-8", tev="讲", oev="我"),
       T("出slides初稿", ["管晨曦"], "next5", tev="slides晨曦你帮我出个初稿", oev="晨曦", dev="下周五之前")],
      reply=17, tags=["context", "nickname", "implicit"]),
    M("07-22", "23:58", "舒启航", "async 重构的 comment 全改完了 求再 review 一轮🙏",
      [T("再review一轮async重构", [], tev="再 review 一轮", owners_alt=[["舒悦"]])], tags=["unassigned"]),
    M("07-23", "08:15", "舒悦", "我晚上看",
      [T("再review一轮async重构", ["舒悦"], "today", tev="看", oev="我", dev="晚上")],
      reply=19, tags=["context"]),
    M("07-27", "14:00", "缪子豪", "要不要考虑一下把 Python 3.8 的支持去掉 维护成本太高了"),
    M("07-27", "14:30", "卓一凡", "同意，但要先发 deprecation 公告给用户留两个月缓冲。老管写一下公告，子豪改 setup 里的版本限制，都放到 v2.4 里",
      [T("写deprecation公告", ["管晨曦"], tev="写一下公告", oev="老管"),
       T("改setup里的版本限制", ["缪子豪"], tev="改 setup 里的版本限制", oev="子豪")],
      reply=21, tags=["nickname"]),
    M("07-31", "21:40", "管晨曦", "slides初稿在 Google Slides 里，链接发群公告了"),
    M("08-03", "07:30", "翟宁", "峰会那天我正好在北京 去现场帮忙摆摊 贴纸我来带",
      [T("去现场帮忙摆摊", ["翟宁"], "md:8-8", oev="我", dev="峰会那天"),
       T("带贴纸", ["翟宁"], "md:8-8", tev="贴纸我来带", oev="我", dev="峰会那天")],
      tags=["implicit"]),
    M("08-10", "10:00", "卓一凡", "峰会的talk反响不错 有三家公司想赞助项目 下周我们开个会聊聊"),
]))

# ================================================================ 8. cell-biology lab
LAB = ["殷建平", "鲍慧敏", "汪若彤", "汪洋", "苗雨辰", "尹浩", "黎佳琪"]
CHATS.append(dict(chat="g-lab", kind="cell-biology lab", members=LAB, msgs=[
    M("03-09", "08:00", "鲍慧敏", "本周三上午液氮罐补液，那天上午液氮暂停使用"),
    M("03-09", "09:30", "殷建平", "@汪洋 HeLa细胞的支原体检测结果出来没"),
    M("03-09", "09:42", "汪洋", "还没 试剂盒上周用完了 我今天下单 周四能到",
      [T("下单支原体检测试剂盒", ["汪洋"], "today", tev="下单", oev="我", dev="今天")],
      reply=2, tags=["context"]),
    M("03-10", "13:15", "黎佳琪", "细胞间的紫外灯坏了一根，需要报修",
      [T("报修紫外灯", [], tev="需要报修")], tags=["unassigned"]),
    M("03-10", "13:20", "鲍慧敏", "我来报 佳琪你先别在二号超净台做实验",
      [T("报修紫外灯", ["鲍慧敏"], tev="报", oev="我")], reply=4, tags=["context"]),
    M("03-11", "21:30", "苗雨辰", "Western又没条带 第三次了[大哭]"),
    M("03-11", "21:45", "尹浩", "你一抗浓度多少 要不要考虑一下换个抗体", reply=6),
    M("03-12", "10:00", "殷建平", "组会改到周五下午两点，小苗这次讲，把Western的问题一起讲讲",
      [T("组会讲Western的问题", ["苗雨辰"], "wd5", "14:00", tev="把Western的问题一起讲讲", oev="小苗", dev="周五下午两点")],
      tags=["nickname", "implicit"]),
    M("03-13", "17:20", "汪若彤", "支原体检测做完了 阴性 可以放心用"),
    M("03-16", "09:00", "殷建平", "组会讨论的结果：1 小苗重新摸一抗的浓度梯度 2 尹浩带她跑一遍 3 慧敏订新的PVDF膜 下周一组会汇报进展",
      [T("重新摸一抗的浓度梯度", ["苗雨辰"], "next1", oev="小苗", dev="下周一"),
       T("带她跑一遍", ["尹浩"], "next1", oev="尹浩", dev="下周一"),
       T("订新的PVDF膜", ["鲍慧敏"], "next1", oev="慧敏", dev="下周一")],
      tags=["nickname"]),
    M("03-16", "09:05", "尹浩", "OK"),
    M("03-17", "07:20", "黎佳琪", "早上来发现37度培养箱报警了 CO2浓度掉到3% 我已经换了气瓶"),
    M("03-17", "07:35", "鲍慧敏", "辛苦 气瓶库存不多了 得再订两瓶",
      [T("再订两瓶气瓶", [], tev="再订两瓶")], reply=12, tags=["unassigned"]),
    M("03-18", "16:00", "殷建平", "基金委的中期报告4月10号截止，若彤负责写研究进展部分，汪洋整理发表文章清单，月底前给我初稿",
      [T("写研究进展部分", ["汪若彤"], "eom", oev="若彤", dev="月底前"),
       T("整理发表文章清单", ["汪洋"], "eom", oev="汪洋", dev="月底前")],
      tags=["nickname"]),
    M("03-19", "19:50", "汪洋", "文章清单弄好了 一共7篇 在共享盘"),
    M("03-21", "14:00", "苗雨辰", "周末有人在实验室吗 离心机转子使哪个型号来着"),
    M("03-23", "09:30", "苗雨辰", "浓度梯度摸出来了 1:2000最好 条带很清楚🎉"),
    M("03-25", "11:00", "鲍慧敏", "各位 下周三安全检查，每个人把自己的试剂柜整理好，过期试剂贴标签",
      [T("整理试剂柜", ["@all"], "next3", tev="把自己的试剂柜整理好", oev="每个人", dev="下周三"),
       T("过期试剂贴标签", ["@all"], "next3", oev="每个人", dev="下周三")],
      tags=["implicit"]),
    M("03-25", "11:10", "尹浩", "鲍姐 我柜子里有一瓶叠氮钠 怎么处理"),
    M("03-25", "11:15", "鲍慧敏", "危化品单独登计 你下班前拿给我",
      [T("叠氮钠拿给我", ["尹浩"], "today", "18:00", tev="拿给我", oev="你", dev="下班前")],
      reply=19, tags=["context"]),
    M("03-30", "20:40", "汪若彤", "研究进展初稿写好了 殷老师您看看",
      [T("看研究进展初稿", ["殷建平"], tev="研究进展初稿", oev="殷老师")], tags=["title-address"]),
    M("03-31", "08:10", "殷建平", "改了一些。你把图二换成新的共聚焦照片，清明节前定稿",
      [T("把图二换成新的共聚焦照片", ["汪若彤"], "pre", oev="你", dev="清明节前"),
       T("研究进展定稿", ["汪若彤"], "pre", tev="定稿", oev="你", dev="清明节前")],
      reply=21, tags=["context"]),
    M("04-01", "15:30", "黎佳琪", "安全检查过了 检查组说我们危化品登记做得很规范"),
    M("04-02", "22:05", "汪若彤", "共聚焦明天的机时被别的组占了[流泪] 图二只能用上个月拍的"),
    M("04-07", "08:30", "汪若彤", "报告昨晚提交了 殷老师之前让汪洋整理的文章清单也一并附上了 清明大家都辛苦啦"),
]))


# ================================================================ build + checks
TITLE_WORDS = ("总", "姐", "哥", "工", "主任", "经理", "老师")
COMPOUND = ("欧阳", "司马", "上官", "诸葛")
BANNED_IN_TITLE = ("麻烦", "辛苦", "今天", "明天", "后天", "周一", "周二", "周三", "周四", "周五",
                   "周六", "周日", "下班前", "月底", "节前", "尽快", "马上")


def surname(name):
    return name[:2] if name[:2] in COMPOUND else name[0]


def dev_names():
    p = "/work/shared/benchmarks/extraction/dev.jsonl"
    names = set()
    if os.path.exists(p):
        for line in open(p, encoding="utf-8"):
            r = json.loads(line)
            names.update(r["members"]); names.add(r["sender"])
    return names


def build():
    rows, texts, seen_names = [], set(), {}
    banned = dev_names()
    n = 0
    for chat in CHATS:
        members = chat["members"]
        assert 5 <= len(members) <= 7, chat["chat"]
        assert len(chat["msgs"]) == 25, (chat["chat"], len(chat["msgs"]))
        for p in members:
            assert p not in banned, ("dev name", p)
            assert p not in seen_names, ("name reused across chats", p)
            seen_names[p] = chat["chat"]
        sn = [surname(p) for p in members]
        shared = [s for s in set(sn) if sn.count(s) > 1]
        assert len(shared) == 1 and sn.count(shared[0]) == 2, (chat["chat"], shared)
        s = shared[0]
        local, prev_ts = [], None
        for i, m in enumerate(chat["msgs"], 1):
            n += 1
            rid = "g%03d" % n
            d = dt.date.fromisoformat("2026-" + m["date"])
            ts = "2026-%sT%s:00+08:00" % (m["date"], m["time"])
            assert prev_ts is None or ts > prev_ts, (rid, "time order")
            prev_ts = ts
            text = m["text"]
            assert m["sender"] in members, (rid, m["sender"])
            assert text not in texts, (rid, "duplicate text")
            texts.add(text)
            for w in TITLE_WORDS:
                assert s + w not in text, (rid, "ambiguous shared surname", s + w)
            assert "小" + s not in text and "老" + s not in text, (rid, "ambiguous shared surname")
            reply = None
            if m["reply"] is not None:
                assert 1 <= m["reply"] < i, (rid, "reply must be earlier")
                q = local[m["reply"] - 1]
                reply = {"id": q["id"], "sender": q["sender"], "text": q["text"]}
            if "context" in m["tags"]:
                assert reply is not None, (rid, "context tag without reply_to")
            tasks = []
            for t in m["tasks"]:
                for o in t["owners"]:
                    assert o in members or o == "@all", (rid, o)
                if t["owners_alt"]:
                    for oa in t["owners_alt"]:
                        assert all(o in members or o == "@all" for o in oa), (rid, oa)
                due, alt = resolve(t["rule"], d)
                for r in t["alt"]:
                    a, _ = resolve(r, d)
                    alt.append(a)
                assert due is None or due >= d, (rid, "deadline before message", due)
                assert all(a >= d and a != due for a in alt), (rid, alt)
                assert t["time"] is None or due is not None, (rid, "time without date")
                tev = t["title"] if t["tev"] == "=" else t["tev"]
                ev = {"title": tev, "owner": t["oev"], "deadline": t["dev"]}
                for k, v in ev.items():
                    assert v is None or v in text, (rid, k, v)
                assert t["rule"] is not None or t["dev"] is None, (rid, "deadline evidence without date")
                for p in members:
                    assert p not in t["title"], (rid, "owner in title", t["title"])
                assert not t["title"].startswith("请"), (rid, "politeness word in title")
                for w in BANNED_IN_TITLE:
                    assert w not in t["title"], (rid, "deadline/politeness word in title", w)
                if not t["owners"]:
                    assert "unassigned" in m["tags"], (rid, "unowned task needs unassigned tag")
                task = {"title": t["title"], "owners": t["owners"],
                        "due_date": due.isoformat() if due else None, "due_time": t["time"]}
                if alt:
                    task["due_date_alt"] = [a.isoformat() for a in alt]
                if t["owners_alt"]:
                    task["owners_alt"] = t["owners_alt"]
                task["evidence"] = ev
                tasks.append(task)
            if "unassigned" in m["tags"]:
                assert any(not t["owners"] for t in tasks), (rid, "unassigned tag without unowned task")
            row = {"id": rid, "chat": chat["chat"], "ts": ts, "sender": m["sender"], "members": members,
                   "reply_to": reply, "text": text, "tasks": tasks, "tags": m["tags"]}
            local.append(row)
            rows.append(row)
    assert len(rows) == 200 and rows[-1]["id"] == "g200"
    return rows


def stats(rows):
    tm = [r for r in rows if r["tasks"]]
    ts = [t for r in rows for t in r["tasks"]]
    c = {
        "messages": len(rows),
        "task_messages": len(tm),
        "task_share": round(len(tm) / len(rows), 3),
        "tasks": len(ts),
        "multi_task_messages": sum(len(r["tasks"]) >= 2 for r in rows),
        "unowned": sum(not t["owners"] for t in ts),
        "@all": sum(t["owners"] == ["@all"] for t in ts),
        "with_date": sum(t["due_date"] is not None for t in ts),
        "with_time": sum(t["due_time"] is not None for t in ts),
        "with_alt": sum("due_date_alt" in t for t in ts),
        "with_owners_alt": sum("owners_alt" in t for t in ts),
        "reply_to": sum(r["reply_to"] is not None for r in rows),
        "weekend_msgs": sum(dt.date.fromisoformat(r["ts"][:10]).weekday() >= 5 for r in rows),
        "tiaoxiu_workday_msgs": sum(OFFDAY.get(dt.date.fromisoformat(r["ts"][:10])) is False for r in rows),
        "before_08_or_after_19": sum(r["ts"][11:16] < "08:00" or r["ts"][11:16] >= "19:00" for r in rows),
    }
    tags = {}
    for r in rows:
        for t in r["tags"]:
            tags[t] = tags.get(t, 0) + 1
    c["tags"] = dict(sorted(tags.items()))
    return c


def main():
    rows = build()
    with open(OUT, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if "-v" in sys.argv:
        chat = None
        for r in rows:
            if r["chat"] != chat:
                chat = r["chat"]
                kind = next(c["kind"] for c in CHATS if c["chat"] == chat)
                print("\n==== %s (%s) %s" % (chat, kind, " ".join(r["members"])))
            d = dt.date.fromisoformat(r["ts"][:10])
            flag = "调休" if OFFDAY.get(d) is False else ("休" if OFFDAY.get(d) else "")
            print("%s %s 周%s%s %s %s: %s" % (r["id"], r["ts"][:10], WEEK[d.weekday()], flag, r["ts"][11:16],
                                             r["sender"], r["text"]))
            if r["reply_to"]:
                print("      ↪ %s %s: %s" % (r["reply_to"]["id"], r["reply_to"]["sender"], r["reply_to"]["text"]))
            for t in r["tasks"]:
                due = t["due_date"]
                if due:
                    due += "(周%s)" % WEEK[dt.date.fromisoformat(due).weekday()]
                extra = ""
                if "due_date_alt" in t:
                    extra += " alt=" + ",".join(t["due_date_alt"])
                if "owners_alt" in t:
                    extra += " owners_alt=" + json.dumps(t["owners_alt"], ensure_ascii=False)
                print("      → [%s] %s | %s %s%s   ev=%s" % (",".join(t["owners"]) or "-", t["title"], due,
                                                        t["due_time"] or "", extra,
                                                        json.dumps(t["evidence"], ensure_ascii=False)))
            if r["tags"]:
                print("      tags:", ",".join(r["tags"]))
    print(json.dumps(stats(rows), ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()
