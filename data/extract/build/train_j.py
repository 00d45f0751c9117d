#!/usr/bin/env python3
"""Build train_j.jsonl: 200 hand-written Chinese work-chat messages (8 teams x 25) with gold tasks.

Every text, title and owner below is written by hand.  Deadlines are written as *rules*
(the phrase's meaning under the README conventions) and resolved here against the message
date and the official 2026 holiday / 调休 calendar.

usage: python3 train_j.py        # writes ../train_j.jsonl
       python3 train_j.py -v     # also prints every message with weekday and resolved tasks
"""
import json, os, re, sys, datetime as dt
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "train_j.jsonl")
YEAR = 2026


# ---------------------------------------------------------------- calendar
def _find_holidays():
    cands = [os.environ.get("HOLIDAYS_JSON", "")]
    d = HERE
    for _ in range(6):
        cands.append(os.path.join(d, "shared", "datasets", "zh-time", "holidays_cn", "2026.json"))
        d = os.path.dirname(d)
    cands.append("/work/shared/datasets/zh-time/holidays_cn/2026.json")
    for c in cands:
        if c and os.path.exists(c):
            return c
    sys.exit("holidays_cn/2026.json not found (set HOLIDAYS_JSON)")


CAL = {}      # date -> (name, isOffDay)
for e in json.load(open(_find_holidays(), encoding="utf-8"))["days"]:
    CAL[dt.date.fromisoformat(e["date"])] = (e["name"], e["isOffDay"])


def is_workday(d):
    if d in CAL:
        return not CAL[d][1]
    return d.weekday() < 5


def day_kind(d):
    wd = "一二三四五六日"[d.weekday()]
    if d in CAL:
        return f"周{wd} {'假' if CAL[d][1] else '调休上班'}({CAL[d][0]})"
    return f"周{wd}"


def next_holiday(d, name=None):
    """first official off-day strictly after d (optionally of the named holiday)."""
    offs = sorted(x for x, (n, off) in CAL.items() if off and x > d and (name is None or n == name))
    return offs[0]


def last_workday_before(h):
    x = h - dt.timedelta(days=1)
    while not is_workday(x):
        x -= dt.timedelta(days=1)
    return x


def first_workday_after_block(h):
    x = h
    while not is_workday(x):
        x += dt.timedelta(days=1)
    return x


def month_end(y, m):
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def resolve(rule, d):
    """rule -> (due_date, [alt dates]).  d = message date."""
    if rule is None:
        return None, []
    kind, _, arg = rule.partition(":")
    D = lambda n: d + dt.timedelta(days=n)
    monday = d - dt.timedelta(days=d.weekday())
    if kind == "today":
        return d, []
    if kind == "tmr":                       # 明天 / 明早 / 今明两天
        return D(1), []
    if kind == "dat":                       # 后天
        return D(2), []
    if kind == "days":                      # N天内 / N天后
        return D(int(arg)), []
    if kind == "wd":                        # bare 周X: next such day on or after today
        k = int(arg) - 1
        return D((k - d.weekday()) % 7), []
    if kind == "this":                      # 本周X / 这周X
        return monday + dt.timedelta(days=int(arg) - 1), []
    if kind == "next":                      # 下周X
        return monday + dt.timedelta(days=7 + int(arg) - 1), []
    if kind == "nn":                        # 下下周X
        return monday + dt.timedelta(days=14 + int(arg) - 1), []
    if kind == "thisweek":                  # 本周内 / 这周内 -> Friday
        return monday + dt.timedelta(days=4), []
    if kind == "nextweek":                  # 下周内 -> next Friday
        return monday + dt.timedelta(days=11), []
    if kind == "weekend":                   # 周末 -> Sunday of this week
        return monday + dt.timedelta(days=6), []
    if kind == "monthend":                  # 月底 / N月底
        return month_end(d.year, int(arg) if arg else d.month), []
    if kind == "yearend":
        return dt.date(d.year, 12, 31), []
    if kind == "day":                       # N号: this month if not past, else next month
        n = int(arg)
        x = dt.date(d.year, d.month, n)
        if x < d:
            x = dt.date(d.year + (d.month == 12), d.month % 12 + 1, n)
        return x, []
    if kind == "nm":                        # 下个月N号
        return dt.date(d.year + (d.month == 12), d.month % 12 + 1, int(arg)), []
    if kind == "wdays":                     # N个工作日内, counted from the day after
        n, x = int(arg), d
        while n:
            x += dt.timedelta(days=1)
            if is_workday(x):
                n -= 1
        return x, []
    if kind == "prehol":                    # 节前 / 放假前 / 国庆前 (+ first holiday day as alt)
        h = next_holiday(d, arg or None)
        return last_workday_before(h), [h]
    if kind == "after":                     # 节后第一天 -> first workday after the holiday block
        h = next_holiday(d, arg or None)
        return first_workday_after_block(h), []
    if kind == "date":                      # explicit / event date MM-DD
        m, dd = map(int, arg.split("-"))
        return dt.date(YEAR, m, dd), []
    raise ValueError(rule)


# ---------------------------------------------------------------- DSL
def T(title, owners, rule=None, time=None, et=None, eo=None, ed=None, alt=None, oalt=None):
    if isinstance(owners, str):
        owners = [owners]
    return dict(title=title, owners=owners, rule=rule, time=time, et=et, eo=eo, ed=ed,
                alt=alt or [], oalt=oalt)


def M(ts, sender, text, tasks=(), tags=(), reply=None):
    return dict(ts=ts, sender=sender, text=text, tasks=list(tasks), tags=list(tags), reply=reply)


ALL, ME = "@all", "ME"

CHATS = []

# ======================================================== 1. data-labelling vendor (1/4 调休 Sunday, 工作日 over weekend)
CHATS.append(dict(
    chat="label-vendor", kind="数据标注外包",
    members=["章立群", "黎梦瑶", "骆文韬", "骆佳音", "邬海峰", "华晓琪"],
    msgs=[
        M("01-04 09:10", "章立群", "今天调休上班哈 新项目是自动驾驶点云3D框标注 首批5000帧 客户要求验收准确率98%以上"),
        M("01-04 09:30", "章立群", "@邬海峰 标注平台上3D框的模板明天上午配好 属性字段按客户给的excel来",
          [T("标注平台上3D框的模板配好", ["邬海峰"], "tmr", et="标注平台上3D框的模板", eo="@邬海峰", ed="明天上午")]),
        M("01-04 10:05", "邬海峰", "ok", reply=2),
        M("01-04 14:20", "黎梦瑶", "标注规范v1我写完了 放在飞书知识库 章总有空过一眼",
          [T("过一眼标注规范v1", ["章立群"], et="标注规范v1", eo="章总")], tags=["title-address"]),
        M("01-05 09:00", "章立群", "华姐 从你们组挑8个熟练的人先做试标 每人50帧 周三下班前交上来",
          [T("挑8个熟练的人先做试标", ["华晓琪"], "wd:3", "18:00", et="挑8个熟练的人先做试标", eo="华姐", ed="周三下班前")],
          tags=["title-address"]),
        M("01-05 09:03", "华晓琪", "好的章总 收到", reply=5),
        M("01-05 21:40", "骆佳音", "试标的时候发现有些帧点云特别稀疏 远处的行人根本看不清 这种要不要标阿"),
        M("01-05 21:52", "黎梦瑶", "超过50米的行人不用标 规范里我明早补一条说明",
          [T("规范里补一条说明", ME, "tmr", et="补一条说明", eo="我", ed="明早")], reply=7),
        M("01-06 11:30", "邬海峰", "模板配好了 权限也开了 账号密码私发各位了"),
        M("01-07 17:55", "华晓琪", "8个人的试标都交了 一共400帧 在平台的试标任务里"),
        M("01-08 09:20", "章立群", "@黎梦瑶 试标的400帧你两个工作日内质检完，附上错误类型统计",
          [T("试标的400帧质检完附上错误类型统计", ["黎梦瑶"], "wdays:2", et="试标的400帧", eo="@黎梦瑶", ed="两个工作日内")]),
        M("01-09 23:10", "骆文韬", "我今晚把剩下的行人框跑一遍自动预标注 明早大家打开就能直接修",
          [T("剩下的行人框跑一遍自动预标注", ME, "today", et="剩下的行人框跑一遍自动预标注", eo="我", ed="今晚")]),
        M("01-10 10:15", "骆佳音", "周六还有人在线吗 平台好像登不上了😂"),
        M("01-10 10:40", "邬海峰", "服务器证书过期了 已经续上 刷新下就好", reply=13),
        M("01-12 09:05", "黎梦瑶", "质检结果：试标准确率91% 主要问题是框不贴合和遮挡属性漏标 明细见附件"),
        M("01-12 09:30", "章立群", "离98还差得远 三件事：1. 梦瑶把这两类错误做成案例集 2. 华姐组织全员重新培训一次 3. 海峰在平台上加个框贴合度的自动校验 这周内都弄完",
          [T("把这两类错误做成案例集", ["黎梦瑶"], "thisweek", et="把这两类错误做成案例集", eo="梦瑶", ed="这周内"),
           T("组织全员重新培训", ["华晓琪"], "thisweek", et="组织全员重新培训一次", eo="华姐", ed="这周内"),
           T("在平台上加个框贴合度的自动校验", ["邬海峰"], "thisweek", et="在平台上加个框贴合度的自动校验", eo="海峰", ed="这周内")],
          tags=["nickname", "title-address"]),
        M("01-12 09:41", "邬海峰", "自动校验周三能上",
          [T("上线框贴合度的自动校验", ME, "wd:3", et="自动校验", ed="周三")], tags=["context"], reply=16),
        M("01-13 19:30", "华晓琪", "培训定在周四晚上7点 线上会议 链接我今晚发群里",
          [T("把培训的会议链接发群里", ME, "today", et="链接", eo="我", ed="今晚")]),
        M("01-14 16:00", "章立群", "客户那边刚通知 首批交付从20号提前到19号了"),
        M("01-14 16:08", "章立群", "所以大家手上的帧18号晚上之前全部提交 质检留一天",
          [T("手上的帧全部提交", ALL, "day:18", et="手上的帧", eo="大家", ed="18号晚上之前")]),
        M("01-15 22:45", "骆文韬", "预标注模型又调了一版 行人召回高了不少 明天我把新版部署到平台上",
          [T("把新版预标注模型部署到平台上", ME, "tmr", et="把新版部署到平台上", eo="我", ed="明天")]),
        M("01-16 13:20", "华晓琪", "有两个标注员请假了 进度可能会慢一点 谁能临时顶一下200帧",
          [T("临时顶200帧", [], et="临时顶一下200帧")], tags=["unassigned"]),
        M("01-16 13:26", "骆佳音", "我来吧 周末加个班",
          [T("临时顶200帧", ME, "weekend", eo="我", ed="周末")], tags=["context"], reply=22),
        M("01-19 08:50", "黎梦瑶", "首批质检通过率97.6% 差一点 @骆文韬 @骆佳音 退回的120帧今天中午前返修完",
          [T("退回的120帧返修完", ["骆文韬", "骆佳音"], "today", "12:00", et="退回的120帧",
             eo="@骆文韬 @骆佳音", ed="今天中午前")]),
        M("01-19 18:30", "章立群", "首批已经交付 客户说下周二开验收会 辛苦各位[抱拳]"),
    ]))

# ======================================================== 2. B&B chain (春节 2/15-2/23, 2/14 + 2/28 调休)
CHATS.append(dict(
    chat="bnb-chain", kind="民宿连锁",
    members=["戚雅琴", "巫振宇", "巫晓蔓", "阎凯", "裴思彤", "鲍立新", "甘露"],
    msgs=[
        M("02-05 09:15", "戚雅琴", "春节房态基本满了 大理店除夕到初五全部订出 莫干山还剩6间"),
        M("02-05 09:40", "戚雅琴", "@裴思彤 把春节期间入住客人的到店须知编好 节前群发给每位客人",
          [T("把春节期间入住客人的到店须知编好群发", ["裴思彤"], "prehol", et="把春节期间入住客人的到店须知编好",
             eo="@裴思彤", ed="节前")]),
        M("02-05 09:52", "裴思彤", "收到戚总", reply=2),
        M("02-05 15:30", "阎凯", "莫干山店的地暖有两间不太热 客人投诉了[捂脸]"),
        M("02-05 15:36", "戚雅琴", "老鲍 你明天去莫干山看一下地暖 能修就修 修不了赶紧报价",
          [T("去莫干山看地暖", ["鲍立新"], "tmr", et="去莫干山看一下地暖", eo="老鲍", ed="明天")],
          tags=["nickname"], reply=4),
        M("02-06 19:20", "鲍立新", "地暖是分水器堵了 已经清好了 两间都热了"),
        M("02-07 11:00", "巫晓蔓", "携程上春节房价我看了下 周边同档次的都涨到1800了 我们还是1280"),
        M("02-07 11:12", "戚雅琴", "晓蔓你把大理和莫干山初三到初六没订出的房调到1580 今天下午三点前改好",
          [T("没订出的房调到1580", ["巫晓蔓"], "today", "15:00", et="没订出的房调到1580", eo="晓蔓", ed="今天下午三点前")],
          tags=["nickname"], reply=7),
        M("02-08 22:30", "巫振宇", "大理这边年货物资清单我列好了在群文件里老鲍你明天中午之前把缺的补上然后统一下单",
          [T("年货物资清单缺的补上统一下单", ["鲍立新"], "tmr", "12:00", et="把缺的补上然后统一下单", eo="老鲍",
             ed="明天中午之前")], tags=["nickname"]),
        M("02-09 09:10", "甘露", "小红书春节笔记的选题我想了三个：围炉煮茶、扎染体验、洱海日出 个人倾向第一个"),
        M("02-09 09:25", "戚雅琴", "就围炉煮茶 甘露你这周内出稿 配图振宇周三前在大理店拍好",
          [T("围炉煮茶的笔记出稿", ["甘露"], "thisweek", et="出稿", eo="甘露", ed="这周内"),
           T("在大理店拍好配图", ["巫振宇"], "wd:3", et="在大理店拍好", eo="振宇", ed="周三前")],
          tags=["nickname", "context"], reply=10),
        M("02-10 14:00", "裴思彤", "有位客人问除夕能不能带狗入住 我们的政策是不行吧？"),
        M("02-10 14:05", "阎凯", "莫干山可以 大理不行 莫干山收200清洁费", reply=12),
        M("02-11 16:40", "巫振宇", "配图拍好了 已经发给甘露"),
        M("02-12 08:30", "戚雅琴", "各位店长 放假前把消防通道和灭火器检查一遍 拍照发群里",
          [T("把消防通道和灭火器检查一遍拍照发群里", ALL, "prehol", et="把消防通道和灭火器检查一遍", eo="各位店长",
             ed="放假前")]),
        M("02-12 09:20", "裴思彤", "戚总说的消防检查是店长们自己弄吧 我们客服这边应该不用管哈", reply=15),
        M("02-13 23:50", "阎凯", "莫干山今晚停电了 供电所说明早来修 我今晚守着发电机",
          [T("守着发电机", ME, "today", et="守着发电机", eo="我", ed="今晚")]),
        M("02-16 20:15", "裴思彤", "大理店205的客人说热水器不出热水 老鲍放假回老家了 谁在附近能去看看",
          [T("去看205的热水器", [], et="去看看")], tags=["unassigned"]),
        M("02-16 20:22", "巫振宇", "我在店里 现在过去",
          [T("去看205的热水器", ME, et="现在过去", eo="我", alt=["2026-02-16"])], tags=["context"], reply=18),
        M("02-17 11:00", "巫振宇", "热水器换了个温控阀 好了 客人挺满意"),
        M("02-22 17:30", "戚雅琴", "假期辛苦了！初八开工 各店把春节期间的入住率和差评汇总发我 下周五之前",
          [T("把春节期间的入住率和差评汇总发我", ALL, "next:5", et="把春节期间的入住率和差评汇总发我", eo="各店",
             ed="下周五之前")]),
        M("02-24 09:05", "甘露", "小红书那篇围炉煮茶 点赞过2000了 带来11个咨询🎉"),
        M("02-24 10:30", "戚雅琴", "三月开始淡季 巫晓蔓做一个3-4月的促销方案 月底前给我 阎凯负责跟周边景区谈联票 5号之前给我结果",
          [T("做3-4月的促销方案", ["巫晓蔓"], "monthend", et="做一个3-4月的促销方案", eo="巫晓蔓", ed="月底前"),
           T("跟周边景区谈联票", ["阎凯"], "day:5", et="跟周边景区谈联票", eo="阎凯", ed="5号之前")]),
        M("02-26 15:00", "鲍立新", "大理店的床垫有8张塌了 得换 预算大概1.2万",
          [T("换大理店塌了的床垫", [], et="得换", oalt=[["鲍立新"]])], tags=["unassigned"]),
        M("02-28 09:40", "戚雅琴", "床垫批了 老鲍你今天就下单 商家说3个工作日内能到",
          [T("床垫下单", ["鲍立新"], "today", et="下单", eo="老鲍", ed="今天")], tags=["nickname"], reply=24),
    ]))

# ======================================================== 3. grad-student lab (开题/投稿/查重, 清明 4/4-4/6)
CHATS.append(dict(
    chat="grad-lab", kind="研究生课题组",
    members=["俞国华", "祁宇航", "钟一帆", "钟可欣", "蓝天佑", "卜雯雯", "翟子墨"],
    msgs=[
        M("03-09 08:30", "俞国华", "这学期组会改到每周四下午两点半 地点不变"),
        M("03-09 09:15", "俞国华", "@钟可欣 @翟子墨 开题报告初稿下周一之前发我 我先看一遍",
          [T("开题报告初稿发我", ["钟可欣", "翟子墨"], "next:1", et="开题报告初稿", eo="@钟可欣 @翟子墨", ed="下周一之前")]),
        M("03-09 09:20", "翟子墨", "好的俞老师", reply=2),
        M("03-09 23:40", "钟一帆", "师兄 投稿那篇的消融实验还差两组 服务器排队排不上[流泪]"),
        M("03-09 23:48", "祁宇航", "我明早找隔壁组借两张卡 你先把脚本准备好",
          [T("找隔壁组借两张卡", ME, "tmr", et="找隔壁组借两张卡", eo="我", ed="明早"),
           T("把消融实验的脚本准备好", ["钟一帆"], et="把脚本准备好", eo="你", alt=["2026-03-10"])],
          tags=["context"], reply=4),
        M("03-10 14:00", "卜雯雯", "请问组里文献管理是用zotero还是endnote呀"),
        M("03-10 14:05", "蓝天佑", "zotero 组里有共享库 我晚上拉你进去",
          [T("拉进zotero共享库", ME, "today", et="拉你进去", eo="我", ed="晚上")], tags=["context"], reply=6),
        M("03-12 16:50", "俞国华", "今天组会说的几件事：天佑的毕业论文查重下周三前交到研究生院；一帆投稿前把related work再压缩一页；雯雯这周末读完我给你的那三篇综述",
          [T("毕业论文查重交到研究生院", ["蓝天佑"], "next:3", et="毕业论文查重", eo="天佑", ed="下周三前"),
           T("把related work再压缩一页", ["钟一帆"], et="把related work再压缩一页", eo="一帆"),
           T("读完那三篇综述", ["卜雯雯"], "weekend", et="读完我给你的那三篇综述", eo="雯雯", ed="这周末")],
          tags=["nickname"]),
        M("03-12 17:02", "钟一帆", "提醒一下 投稿系统下周五晚上8点关"),
        M("03-13 01:20", "钟一帆", "消融实验跑完了 结果比预期好 明天我把表格更新到overleaf",
          [T("把消融实验表格更新到overleaf", ME, "tmr", et="把表格更新到overleaf", eo="我", ed="明天", alt=["2026-03-13"])]),
        M("03-14 10:00", "卜雯雯", "实验室饮水机没水了 谁有送水电话呀"),
        M("03-16 08:45", "钟可欣", "俞老师 开题报告初稿已经发您邮箱了 请查收"),
        M("03-16 11:30", "俞国华", "可欣 研究问题太散了 第二章重写 聚焦到一个点上 周四组会前改完",
          [T("第二章重写聚焦到一个点上", ["钟可欣"], "wd:4", et="第二章重写", eo="可欣", ed="周四组会前")],
          tags=["nickname"], reply=12),
        M("03-17 20:10", "翟子墨", "俞老师我的开题报告也发您了 麻烦您有空看下",
          [T("看下开题报告", ["俞国华"], et="开题报告", eo="俞老师")], tags=["title-address"]),
        M("03-18 10:00", "蓝天佑", "查重结果出来了 8.3% 已经交研究生院"),
        M("03-19 15:40", "俞国华", "下个月2号上午开题答辩 可欣子墨各准备15分钟的PPT 答辩前一天发给宇航",
          [T("准备15分钟的开题PPT", ["钟可欣", "翟子墨"], "date:04-01", et="各准备15分钟的PPT", eo="可欣子墨",
             ed="答辩前一天", alt=["2026-04-02"])], tags=["nickname", "implicit"]),
        M("03-20 09:00", "祁宇航", "好 那两天我都在学校", reply=16),
        M("03-23 22:15", "钟一帆", "论文投出去了！编号#4127 感谢师兄和老师🙏"),
        M("03-24 10:10", "俞国华", "一帆投完了 两周内把代码整理一下开源 README写清楚",
          [T("把代码整理开源写清楚README", ["钟一帆"], "days:14", et="把代码整理一下开源", eo="一帆", ed="两周内")],
          tags=["nickname"]),
        M("03-25 16:30", "卜雯雯", "三篇综述读完了 笔记放共享盘了 明天组会我来讲第一篇",
          [T("组会讲第一篇综述", ME, "tmr", et="讲第一篇", eo="我", ed="明天组会")]),
        M("03-30 13:00", "俞国华", "清明放三天 节前把实验室服务器的任务都挂好 别让卡闲着 宇航你统一安排",
          [T("统一安排把服务器的任务挂好", ["祁宇航"], "prehol:清明节", et="把实验室服务器的任务都挂好", eo="宇航",
             ed="节前", oalt=[["@all"]])], tags=["nickname"]),
        M("03-31 21:05", "翟子墨", "有人知道答辩教室的投影是HDMI还是VGA吗 我电脑只有typec口"),
        M("03-31 21:20", "蓝天佑", "VGA 我有转接头 明早8点带给你",
          [T("带转接头", ME, "tmr", "08:00", et="转接头", eo="我", ed="明早8点")], tags=["context"], reply=22),
        M("04-02 12:10", "俞国华", "开题都过了 专家意见整理进报告里 下周五之前提交终稿",
          [T("专家意见整理进报告提交终稿", [], "next:5", et="专家意见整理进报告里", ed="下周五之前",
             oalt=[["钟可欣", "翟子墨"]])], tags=["unassigned"]),
        M("04-07 08:20", "钟可欣", "终稿我昨晚改好了 下午交到学院",
          [T("终稿交到学院", ME, "today", et="交到学院", eo="我", ed="下午")]),
    ]))

# ======================================================== 4. home renovation crew, client in group (劳动节 5/1-5/5, 5/9 调休)
CHATS.append(dict(
    chat="reno-crew", kind="装修施工队",
    members=["葛永强", "屈志刚", "屈海", "毛春生", "艾琳", "车晓燕"],
    msgs=[
        M("04-20 08:00", "葛永强", "车姐好 今天正式开工 这周先拆旧和水电开槽 有啥问题群里说"),
        M("04-20 08:10", "车晓燕", "好的 辛苦师傅们 钥匙我放物业了"),
        M("04-20 17:30", "葛永强", "@屈志刚 厨房和两个卫生间的水电按艾工的图走 周四前布完管",
          [T("厨房和两个卫生间布完管", ["屈志刚"], "wd:4", et="厨房和两个卫生间的水电", eo="@屈志刚", ed="周四前")]),
        M("04-21 12:20", "车晓燕", "师傅 主卧的插座能不能在床头两边各加一个 我老公说要充手机",
          [T("主卧床头两边各加一个插座", [], et="在床头两边各加一个", oalt=[["屈志刚"]])], tags=["unassigned"]),
        M("04-21 12:35", "葛永强", "可以的 志刚你记一下 主卧床头加两个五孔",
          [T("主卧床头加两个五孔", ["屈志刚"], et="主卧床头加两个五孔", eo="志刚")], tags=["nickname"], reply=4),
        M("04-22 09:00", "艾琳", "业主改了需求 次卧要做成书房 我今晚出新的平面图",
          [T("出次卧改书房的新平面图", ME, "today", et="出新的平面图", eo="我", ed="今晚")]),
        M("04-23 18:40", "屈志刚", "水电管都布完了 打压测试也做了 没漏"),
        M("04-24 10:15", "车晓燕", "今天去看了 很整齐👍 就是阳台那根水管太丑了"),
        M("04-24 10:30", "葛永强", "阳台水管后面让木工做个假柱子包起来 春生到时候做",
          [T("做个假柱子把阳台水管包起来", ["毛春生"], et="做个假柱子包起来", eo="春生")], tags=["nickname"], reply=8),
        M("04-25 08:30", "屈海", "卫生间防水刷完了 现在闭水48小时 这两天别用卫生间"),
        M("04-26 21:00", "车晓燕", "艾工说她周四去建材市场挑灯 我看看能不能一起去"),
        M("04-27 19:30", "车晓燕", "砖的颜色跟样板不一样啊 偏黄 @葛永强 你今明两天帮我问问建材店能不能换",
          [T("问建材店砖能不能换", ["葛永强"], "tmr", et="问问建材店能不能换", eo="@葛永强", ed="今明两天")]),
        M("04-27 20:05", "葛永强", "问了 同一批次的 店里说明天下午派人来现场看", reply=12),
        M("04-28 16:00", "葛永强", "五一工人放假 1号到3号停工 4号复工 车姐节前把橱柜和木门的款式定下来 厂家要排单",
          [T("把橱柜和木门的款式定下来", ["车晓燕"], "prehol:劳动节", et="把橱柜和木门的款式定下来", eo="车姐", ed="节前")],
          tags=["title-address"]),
        M("04-28 16:20", "车晓燕", "好 我跟老公商量下 29号晚上给你答复",
          [T("给橱柜和木门款式的答复", ME, "day:29", et="给你答复", eo="我", ed="29号晚上")], tags=["context"], reply=14),
        M("04-29 22:10", "车晓燕", "定了 橱柜要白色哑光的 木门选的湖桃色 型号发艾琳了"),
        M("04-30 09:00", "艾琳", "收到 @毛春生 木门的尺寸节后第一天你去复测一遍 厂家要精确到毫米",
          [T("木门的尺寸复测一遍", ["毛春生"], "after:劳动节", et="木门的尺寸", eo="@毛春生", ed="节后第一天",
             alt=["2026-05-04"])], reply=16),
        M("05-02 11:00", "车晓燕", "楼下邻居说他家厨房天花板有水印 是不是我们这边漏的？"),
        M("05-02 11:20", "葛永强", "我马上叫志刚过去看 估计是厨房那根冷水管的接头",
          [T("过去看楼下漏水", ["屈志刚"], et="过去看", eo="志刚", oalt=[["葛永强"]])], tags=["nickname", "context"], reply=18),
        M("05-02 15:40", "屈志刚", "接头松了 已经重新紧过 楼下天花板我们负责补漆",
          [T("补楼下天花板的漆", ME, et="楼下天花板我们负责补漆", eo="我们", oalt=[["屈志刚", "葛永强"]])]),
        M("05-06 08:15", "毛春生", "木门复测好了 尺寸发给艾琳了"),
        M("05-08 17:00", "葛永强", "明天周六调休 大家照常上工 屈海把客厅地砖铺完 春生开始做吊顶",
          [T("把客厅地砖铺完", ["屈海"], "tmr", et="把客厅地砖铺完", eo="屈海", ed="明天"),
           T("开始做吊顶", ["毛春生"], "tmr", et="开始做吊顶", eo="春生", ed="明天")], tags=["nickname"]),
        M("05-11 10:00", "车晓燕", "葛工 尾款的发票下周内能开出来吗 公司报销要用",
          [T("开尾款的发票", ["葛永强"], "nextweek", et="尾款的发票", eo="葛工", ed="下周内")], tags=["title-address"]),
        M("05-11 10:30", "葛永强", "能开 我3个工作日内开好寄给你",
          [T("开好尾款发票寄过去", ME, "wdays:3", et="开好寄给你", eo="我", ed="3个工作日内")], tags=["context"], reply=23),
        M("05-15 18:20", "艾琳", "灯具到货了 周末我去现场对一下灯位",
          [T("去现场对灯位", ME, "weekend", et="去现场对一下灯位", eo="我", ed="周末")]),
    ]))

# ======================================================== 5. water utility repair crew (端午 6/19-6/21, night bursts)
CHATS.append(dict(
    chat="water-repair", kind="自来水公司管网抢修",
    members=["邢建国", "柴永福", "柴明", "隋大勇", "凌晓峰", "岳海燕"],
    msgs=[
        M("06-08 03:20", "岳海燕", "紧急！解放路和建设路口DN300主管爆管 路面已经冒水 110和交警都通知了"),
        M("06-08 03:25", "邢建国", "我带柴明和小凌马上过去 老隋把挖机开过来",
          [T("去解放路爆管现场", ["邢建国", "柴明", "凌晓峰"], et="马上过去", eo="我带柴明和小凌", oalt=[["邢建国"]]),
           T("把挖机开过来", ["隋大勇"], et="把挖机开过来", eo="老隋")], tags=["nickname", "context"], reply=1),
        M("06-08 04:10", "凌晓峰", "到现场了 阀门井被一辆车压住了 关不了阀"),
        M("06-08 04:15", "岳海燕", "我联系交警挪车 小凌你先把上游两个阀关了",
          [T("联系交警挪车", ME, et="联系交警挪车", eo="我"),
           T("把上游两个阀关了", ["凌晓峰"], et="把上游两个阀关了", eo="小凌")], tags=["nickname"], reply=3),
        M("06-08 06:40", "邢建国", "漏点找到了 管身裂了一米多 @柴永福 带一根DN300的球墨管和两个哈夫节过来 七点半前到",
          [T("带DN300的球墨管和两个哈夫节过来", ["柴永福"], "today", "07:30", et="带一根DN300的球墨管和两个哈夫节过来",
             eo="@柴永福", ed="七点半前")]),
        M("06-08 06:45", "柴永福", "收到 已经在库房装车了", reply=5),
        M("06-08 11:50", "邢建国", "管换好了 10点40恢复供水 大家辛苦 回去补个觉"),
        M("06-08 14:30", "岳海燕", "@邢建国 抢修记录单和现场照片明天下班前交到调度室 今年起都要录系统",
          [T("抢修记录单和现场照片交到调度室", ["邢建国"], "tmr", "18:00", et="抢修记录单和现场照片", eo="@邢建国",
             ed="明天下班前")]),
        M("06-09 09:00", "柴明", "记录单我来填 邢工你签个字就行",
          [T("填抢修记录单", ME, et="记录单我来填", eo="我"),
           T("在记录单上签字", ["邢建国"], et="签个字", eo="邢工")], tags=["title-address"]),
        M("06-10 10:00", "岳海燕", "市政通知 下周一开始人民路管网改造 夜间施工 需要咱们班出两个人配合 老邢定一下人",
          [T("定配合人民路夜间施工的人", ["邢建国"], "next:1", et="定一下人", eo="老邢", ed="下周一开始")],
          tags=["nickname", "implicit"]),
        M("06-10 10:20", "邢建国", "隋大勇和柴永福去 晚班补贴按规定报",
          [T("配合人民路夜间施工", ["隋大勇", "柴永福"], et="去", eo="隋大勇和柴永福", alt=["2026-06-15"])],
          tags=["context"], reply=10),
        M("06-11 16:00", "凌晓峰", "今天38度 路面都烫脚 大家多喝水[流汗]"),
        M("06-12 05:50", "岳海燕", "早 滨江小区报水压低 三栋楼高层没水 @隋大勇 @凌晓峰 七点前到泵房看看",
          [T("到滨江小区泵房看看", ["隋大勇", "凌晓峰"], "today", "07:00", et="到泵房看看", eo="@隋大勇 @凌晓峰",
             ed="七点前")]),
        M("06-12 08:30", "隋大勇", "泵房变频器坏了 物业说厂家下午来换"),
        M("06-15 09:10", "邢建国", "端午值班：19号柴明 20号柴永福 21号老隋 我全程手机开着"),
        M("06-16 13:40", "岳海燕", "节前要把辖区35个消火栓都巡检一遍 各位分一下片区",
          [T("把辖区35个消火栓都巡检一遍", ALL, "prehol:端午节", et="把辖区35个消火栓都巡检一遍", eo="各位", ed="节前")]),
        M("06-16 13:55", "柴永福", "我和柴明包东片 小凌跟老隋包西片",
          [T("巡检东片消火栓", ["柴永福", "柴明"], "prehol:端午节", et="包东片", eo="我和柴明"),
           T("巡检西片消火栓", ["凌晓峰", "隋大勇"], "prehol:端午节", et="包西片", eo="小凌跟老隋")],
          tags=["nickname", "context"], reply=16),
        M("06-18 17:30", "凌晓峰", "西片17个都巡完了 有2个出水口锈死 拍照发群里了"),
        M("06-18 17:45", "邢建国", "锈死的那两个节后第一天报维修 单子小凌写",
          [T("写锈死消火栓的维修单", ["凌晓峰"], "after:端午节", et="单子", eo="小凌", ed="节后第一天")],
          tags=["nickname", "context"], reply=18),
        M("06-20 02:15", "柴永福", "值班中 城东泵站报低压告警 我先过去看看 需要的话再叫人",
          [T("去城东泵站看低压告警", ME, et="过去看看", eo="我", alt=["2026-06-20"])]),
        M("06-20 03:05", "柴永福", "误报 传感器进水了 明天白天需要有人来换个传感器",
          [T("换泵站的传感器", [], "tmr", et="换个传感器", ed="明天白天", alt=["2026-06-20"])], tags=["unassigned"]),
        M("06-20 07:30", "隋大勇", "我明天值班 顺手换了",
          [T("换泵站的传感器", ME, "tmr", et="换了", eo="我", ed="明天")], tags=["context"], reply=21),
        M("06-23 10:00", "邢建国", "这个月的安全培训改到30号下午了"),
        M("06-24 09:30", "岳海燕", "公司要求每人写一份上半年抢修工作总结 下个月3号之前交给我 不少于800字",
          [T("写一份上半年抢修工作总结", ALL, "nm:3", et="写一份上半年抢修工作总结", eo="每人", ed="下个月3号之前")]),
        M("06-25 16:10", "岳海燕", "更正：总结改成月底前交 公司提前收了",
          [T("写一份上半年抢修工作总结", ALL, "monthend", et="总结", ed="月底前")], tags=["context"], reply=24),
    ]))

# ======================================================== 6. orchestra admin, summer tour (N号, 下周X, weekend)
CHATS.append(dict(
    chat="orch-admin", kind="交响乐团行政",
    members=["季慕云", "闻笛", "商若溪", "池浩然", "池悦", "符嘉言", "阮清"],
    msgs=[
        M("07-06 09:30", "季慕云", "夏季巡演三站定了：25号苏州 28号杭州 8月1号宁波 行程表闻笛今天发群里",
          [T("发巡演行程表", ["闻笛"], "today", et="行程表", eo="闻笛", ed="今天")]),
        M("07-06 09:35", "闻笛", "收到👌", reply=1),
        M("07-06 15:20", "闻笛", "行程表在附件 请大家查收 有冲突的及时说"),
        M("07-07 10:00", "符嘉言", "勃拉姆斯二的分谱少了中提琴第三份 我找出版社补 他们说要两周左右",
          [T("找出版社补中提琴分谱", ME, et="找出版社补", eo="我")]),
        M("07-07 10:12", "季慕云", "两周来不及 25号就演了 嘉言你先从音乐学院借一份 这周内拿到",
          [T("从音乐学院借一份中提琴分谱", ["符嘉言"], "thisweek", et="从音乐学院借一份", eo="嘉言", ed="这周内")],
          tags=["nickname", "context"], reply=4),
        M("07-08 14:30", "池悦", "苏州站票卖了七成 杭州只有四成 有点慌"),
        M("07-08 14:45", "季慕云", "阮清 杭州站加推一波 公众号和小红书都发 周五之前出个方案",
          [T("杭州站加推出个方案", ["阮清"], "wd:5", et="杭州站加推一波", eo="阮清", ed="周五之前")], reply=6),
        M("07-09 11:00", "商若溪", "杭州大剧院那边说装台只能给我们半天 28号上午8点到12点"),
        M("07-09 11:20", "池浩然", "半天够呛 我今天出一个精简版的舞台图 若溪你跟剧院再争取一下 能提前到27号晚上最好",
          [T("出一个精简版的舞台图", ME, "today", et="出一个精简版的舞台图", eo="我", ed="今天"),
           T("跟剧院争取提前装台", ["商若溪"], et="跟剧院再争取一下", eo="若溪")], tags=["nickname", "context"], reply=8),
        M("07-10 18:30", "阮清", "加推方案发邮箱了 季总有空审一下",
          [T("审加推方案", ["季慕云"], et="加推方案", eo="季总")], tags=["title-address"]),
        M("07-11 10:00", "季慕云", "方案可以 预算压到两万以内 下周一开始投",
          [T("按两万以内预算开始投放", ["阮清"], "next:1", et="预算压到两万以内", ed="下周一开始投", oalt=[[]])],
          tags=["context"], reply=10),
        M("07-13 09:00", "符嘉言", "中提琴分谱借到了 已经复印装订好"),
        M("07-14 16:00", "闻笛", "大巴公司刚确认 两辆车 乐器车单独一辆 24号早上7点团部楼下集合"),
        M("07-15 20:40", "池悦", "有观众问能不能带1.2米以下的小孩 我们规定是不是不行"),
        M("07-15 20:55", "商若溪", "1.2米以下谢绝入场 池悦你把这条加到购票须知里 各平台统一口径",
          [T("把谢绝1.2米以下入场加到购票须知里", ["池悦"], et="把这条加到购票须知里", eo="池悦")],
          tags=["context"], reply=14),
        M("07-17 10:30", "季慕云", "各位声部长 出发前把本声部的乐器托运清单报给浩然",
          [T("报本声部的乐器托运清单", ALL, et="把本声部的乐器托运清单", eo="各位声部长")]),
        M("07-20 13:00", "阮清", "之前说的苏州站后台探班直播取消了 剧院不让拍", tags=["cancel"]),
        M("07-22 22:10", "闻笛", "出发前最后提醒：身份证 演出服 谱架灯 都自己检查好 护照不用带"),
        M("07-25 23:30", "阮清", "苏州站满场！返场了两次🎻🎉 照片明天上午我挑好发公众号",
          [T("挑照片发公众号", ME, "tmr", et="照片", eo="我", ed="明天上午")]),
        M("07-26 08:20", "商若溪", "好消息 杭州剧院同意我们27号晚上9点进场装台了"),
        M("07-26 08:30", "池浩然", "太好了 @闻笛 进场装台的人员名单中午前报给剧院",
          [T("装台的人员名单报给剧院", ["闻笛"], "today", "12:00", et="进场装台的人员名单", eo="@闻笛", ed="中午前")],
          reply=20),
        M("07-29 10:00", "季慕云", "杭州站落了两把椅子和一个谱架在剧院 需要有人宁波演完回程绕过去拿",
          [T("回程绕去杭州剧院拿椅子和谱架", [], et="绕过去拿")], tags=["unassigned"]),
        M("07-29 10:20", "池浩然", "我去 反正乐器车要路过",
          [T("回程绕去杭州剧院拿椅子和谱架", ME, eo="我")], tags=["context"], reply=22),
        M("08-03 09:00", "季慕云", "巡演圆满结束 感谢大家！每个部门下周三前交一份巡演复盘 商若溪最后汇总",
          [T("交一份巡演复盘", ALL, "next:3", et="交一份巡演复盘", eo="每个部门", ed="下周三前"),
           T("汇总巡演复盘", ["商若溪"], et="最后汇总", eo="商若溪", alt=["2026-08-12"])]),
        M("08-07 17:00", "符嘉言", "借音乐学院的分谱已经还回去了 对方说下次直接找他们就行"),
    ]))

# ======================================================== 7. courier depot (9/20 调休, 中秋, 国庆, 10/10 调休)
CHATS.append(dict(
    chat="express-depot", kind="快递驿站/网点",
    members=["喻德胜", "房丽娟", "左涛", "左晓东", "缪俊", "桂小雨"],
    msgs=[
        M("09-14 06:10", "左涛", "早班车到了 今天件量比上周一多了三成 卸车的兄弟们加把劲💪"),
        M("09-14 08:40", "喻德胜", "@桂小雨 上周的滞留件超过7天的 今天18:00前挨个打电话联系一遍",
          [T("超过7天的滞留件挨个打电话联系", ["桂小雨"], "today", "18:00", et="挨个打电话联系一遍", eo="@桂小雨",
             ed="今天18:00前")]),
        M("09-14 08:45", "桂小雨", "好的喻总", reply=2),
        M("09-15 19:30", "房丽娟", "驿站货架又满了 中秋国庆件只会更多 需要再加两组货架",
          [T("再加两组货架", [], et="再加两组货架")], tags=["unassigned"]),
        M("09-15 19:50", "喻德胜", "房姐你在网上下单 周日前装好 发票抬头写网点的",
          [T("货架网上下单装好", ["房丽娟"], "wd:7", et="在网上下单", eo="房姐", ed="周日前")],
          tags=["title-address", "context"], reply=4),
        M("09-16 14:00", "缪俊", "幸福里小区的快递柜坏了两个格口 今天好几个客户投诉"),
        M("09-16 14:10", "左晓东", "我给柜子厂家报修了 他们说明天来 小缪你明天在柜子那等一下师傅",
          [T("在快递柜那等厂家师傅", ["缪俊"], "tmr", et="在柜子那等一下师傅", eo="小缪", ed="明天")],
          tags=["nickname"], reply=6),
        M("09-17 21:20", "喻德胜", "总部通知 中秋国庆不停派 但9月25号到27号揽收价格上浮 大家提前跟熟客说一声",
          [T("跟熟客说揽收价格上浮", ALL, "date:09-24", et="跟熟客说一声", eo="大家", ed="提前",
             alt=["2026-09-25"])], tags=["implicit"]),
        M("09-18 10:00", "桂小雨", "滞留件都联系完了 23件退回 剩下的客户说这周来取"),
        M("09-20 07:00", "左涛", "今天周日调休 正常上班哈 别睡过头了😂"),
        M("09-20 16:30", "房丽娟", "货架装好了 两组 能多放300件"),
        M("09-21 09:15", "喻德胜", "中秋节前把电动车都检修一遍 刹车和电池重点看 小缪负责 左晓东配合",
          [T("把电动车都检修一遍", ["缪俊", "左晓东"], "prehol:中秋节", et="把电动车都检修一遍", eo="小缪负责 左晓东配合",
             ed="中秋节前", oalt=[["缪俊"]])], tags=["nickname"]),
        M("09-22 23:30", "缪俊", "今天派了480件 创纪录了 腿都跑断了😭"),
        M("09-23 11:00", "左晓东", "有个客户说包裹显示签收但他没收到 我查了监控 是被邻居拿错了 已经拿回来了"),
        M("09-24 18:00", "房丽娟", "中秋三天驿站营业时间改成9点到晚上8点 @桂小雨 告示今晚打印出来贴门口",
          [T("营业时间告示打印出来贴门口", ["桂小雨"], "today", et="打印出来贴门口", eo="@桂小雨", ed="今晚")]),
        M("09-26 10:30", "桂小雨", "月饼礼盒的件破损了三个 客户要理陪 谁有空帮忙拍照登记",
          [T("破损件拍照登记", [], et="拍照登记")], tags=["unassigned"]),
        M("09-26 10:34", "左涛", "我在 我来拍",
          [T("破损件拍照登记", ME, eo="我")], tags=["context"], reply=16),
        M("09-28 09:00", "喻德胜", "国庆前总部要来检查 1.驿站卫生房姐负责 2.快递柜二维码贴纸小桂全部换成新版 3.我把台账补齐 这周三前都搞定",
          [T("驿站卫生", ["房丽娟"], "this:3", et="驿站卫生", eo="房姐", ed="这周三前"),
           T("快递柜二维码贴纸全部换成新版", ["桂小雨"], "this:3", et="快递柜二维码贴纸", eo="小桂", ed="这周三前"),
           T("把台账补齐", ME, "this:3", et="把台账补齐", eo="我", ed="这周三前")],
          tags=["title-address", "nickname"]),
        M("09-28 09:10", "桂小雨", "喻总 新版贴纸还没到 到了我马上换", reply=18),
        M("09-30 17:40", "左晓东", "国庆我想调休两天 3号4号 请喻总批一下",
          [T("批国庆调休申请", ["喻德胜"], et="批一下", eo="喻总")], tags=["title-address"]),
        M("10-03 20:00", "喻德胜", "批了 10号调休上班那天你补一个班",
          [T("补一个班", ["左晓东"], "day:10", et="补一个班", eo="你", ed="10号")], tags=["context"], reply=20),
        M("10-08 07:30", "左涛", "节后第一天 件量爆了 仓里堆了两千多件"),
        M("10-08 07:45", "喻德胜", "@缪俊 现在去隔壁网点借两台推车 所有人今天加班到清完为止 辛苦大家",
          [T("去隔壁网点借两台推车", ["缪俊"], et="去隔壁网点借两台推车", eo="@缪俊", alt=["2026-10-08"]),
           T("加班清完积压件", ALL, "today", et="加班到清完为止", eo="所有人", ed="今天")], tags=["context"], reply=22),
        M("10-12 14:00", "房丽娟", "十一期间驿站一共出库1.2万件 投诉只有3单 大家太棒了👏"),
        M("10-16 10:00", "喻德胜", "双十一预售下周开始 @左涛 下下周五之前把临时工招好 至少6个",
          [T("把临时工招好", ["左涛"], "nn:5", et="把临时工招好", eo="@左涛", ed="下下周五之前")]),
    ]))

# ======================================================== 8. cross-border e-commerce ops (黑五/网一, 月底, 年底)
CHATS.append(dict(
    chat="xb-ecom", kind="跨境电商运营",
    members=["乔振华", "詹晓敏", "詹琦", "滕飞", "樊思琪", "娄俊杰"],
    msgs=[
        M("11-02 09:30", "乔振华", "黑五是27号 网一30号 今年目标GMV 80万刀 周三下午开启动会"),
        M("11-02 10:10", "乔振华", "@滕飞 黑五备货11月10号之前必须入仓 FBA的货件今天就建",
          [T("黑五备货入仓", ["滕飞"], "date:11-10", et="黑五备货", eo="@滕飞", ed="11月10号之前"),
           T("建FBA的货件", ["滕飞"], "today", et="FBA的货件", eo="@滕飞", ed="今天")]),
        M("11-02 10:15", "滕飞", "收到 海运肯定来不及了 这批走空派", reply=2),
        M("11-03 22:40", "娄俊杰", "竞品那款蓝牙耳机今天降到19.99了 我们29.99的转化掉了一半"),
        M("11-03 22:55", "乔振华", "小娄你明天把同价位的5个竞品价格和review数拉个表 我们看看跟不跟",
          [T("把同价位的5个竞品价格和review数拉个表", ["娄俊杰"], "tmr", et="把同价位的5个竞品价格和review数拉个表",
             eo="小娄", ed="明天")], tags=["nickname"], reply=4),
        M("11-04 16:00", "詹琦", "黑五的主图和A+页面我做了两版 放在共享盘 乔总有空挑一下",
          [T("挑黑五的主图和A+页面", ["乔振华"], et="黑五的主图和A+页面", eo="乔总")], tags=["title-address"]),
        M("11-05 10:00", "詹晓敏", "广告这边黑五预算还没批下来 乔总今天能给个数吗",
          [T("给黑五广告预算的数", ["乔振华"], "today", et="黑五预算", eo="乔总", ed="今天")], tags=["title-address"]),
        M("11-05 10:20", "乔振华", "批了 每天3000刀封顶 晓敏你把关键词表更新一下 周五前发我",
          [T("把关键词表更新发我", ["詹晓敏"], "wd:5", et="把关键词表更新一下", eo="晓敏", ed="周五前")],
          tags=["nickname"], reply=7),
        M("11-06 23:50", "詹晓敏", "关键词表发邮箱了 加了40个长尾词"),
        M("11-09 11:00", "樊思琪", "最近差评有点多 主要说耳机充电盒的盖子松 要不要联系下工厂"),
        M("11-09 11:30", "乔振华", "要 滕哥你跟工厂对接 3天内抽检50个",
          [T("跟工厂对接抽检50个", ["滕飞"], "days:3", et="抽检50个", eo="滕哥", ed="3天内")],
          tags=["title-address", "context"], reply=10),
        M("11-10 08:10", "滕飞", "货件都入仓了 抽检50个有3个盖子松 工厂答应全检"),
        M("11-11 00:30", "乔振华", "之前让思琪排的德国站客服班先不用了 德国站黑五不参加", tags=["cancel"]),
        M("11-12 14:00", "乔振华", "黑五活动分工：1. 晓敏负责LD和7DD秒杀提报 2. 詹琦做站外deal网站的素材 3. 思琪准备黑五客服话术 都是下周一之前",
          [T("LD和7DD秒杀提报", ["詹晓敏"], "next:1", et="LD和7DD秒杀提报", eo="晓敏", ed="下周一之前"),
           T("做站外deal网站的素材", ["詹琦"], "next:1", et="做站外deal网站的素材", eo="詹琦", ed="下周一之前"),
           T("准备黑五客服话术", ["樊思琪"], "next:1", et="准备黑五客服话术", eo="思琪", ed="下周一之前")],
          tags=["nickname"]),
        M("11-12 14:10", "詹琦", "站外素材的尺寸有规范吗？"),
        M("11-12 14:12", "詹晓敏", "有 在我电脑里 我发你",
          [T("发站外素材的尺寸规范", ME, et="我发你", eo="我")], tags=["context"], reply=15),
        M("11-16 09:00", "娄俊杰", "LD提报结果出来了 两个ASIN都过了 时间是26号和27号"),
        M("11-17 20:30", "樊思琪", "话术文档写好了 覆盖退货、物流延迟、充电盒三类 乔总有空过一下",
          [T("过黑五客服话术文档", ["乔振华"], et="话术文档", eo="乔总")], tags=["title-address"]),
        M("11-20 02:10", "詹晓敏", "凌晨看了下 广告ACOS飙到45% 有几个词在烧钱"),
        M("11-20 08:30", "乔振华", "ACOS超过40%的词先暂停 晓敏今天中午前处理完",
          [T("ACOS超过40%的词暂停", ["詹晓敏"], "today", "12:00", et="ACOS超过40%的词先暂停", eo="晓敏", ed="今天中午前")],
          tags=["nickname"], reply=19),
        M("11-25 19:00", "滕飞", "补货的第二批空派在路上 物流说12月3号到仓"),
        M("11-25 21:00", "乔振华", "27号黑五 前一天晚上需要有人把所有listing的价格和库存再核一遍",
          [T("把所有listing的价格和库存再核一遍", [], "date:11-26", et="把所有listing的价格和库存再核一遍",
             ed="前一天晚上")], tags=["unassigned", "implicit"]),
        M("11-25 21:05", "娄俊杰", "我来 本来就是我的活",
          [T("把所有listing的价格和库存再核一遍", ME, "date:11-26", eo="我")], tags=["context", "implicit"], reply=22),
        M("11-28 03:20", "乔振华", "黑五首日GMV 31万刀 超预期🔥 大家去睡会 网一还要冲"),
        M("12-01 10:00", "乔振华", "大促结束 @樊思琪 黑五的退货原因分析5个工作日内出一份 @滕飞 年底前把滞销的800个充电盒清掉 实在不行就移除",
          [T("黑五的退货原因分析出一份", ["樊思琪"], "wdays:5", et="黑五的退货原因分析", eo="@樊思琪", ed="5个工作日内"),
           T("把滞销的800个充电盒清掉", ["滕飞"], "yearend", et="把滞销的800个充电盒清掉", eo="@滕飞", ed="年底前")]),
    ]))


# ---------------------------------------------------------------- build + checks
TITLE_WORDS = "总|姐|哥|工|主任|经理|老师|律"
ID_PREFIX = "j"


def _find(rel):
    d = HERE
    for _ in range(6):
        c = os.path.join(d, *rel)
        if os.path.exists(c):
            return c
        d = os.path.dirname(d)
    c = os.path.join("/work", *rel)
    return c if os.path.exists(c) else None


def load_dev_names():
    p = _find(("shared", "benchmarks", "extraction", "dev.jsonl"))
    names = set()
    if p:
        for line in open(p, encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                names |= set(r["members"]) | {r["sender"]}
    return names


def load_template_names():
    """rosters of the template set (train_i.py) — none of its names may be reused here."""
    p = os.path.join(HERE, "train_i.py")
    names = set()
    if os.path.exists(p):
        for lst in re.findall(r"members=\[([^\]]*)\]", open(p, encoding="utf-8").read()):
            names |= set(re.findall(r'"([^"]+)"', lst))
    return names


def build():
    rows, texts = [], set()
    dev_names = load_dev_names()
    tmpl_names = load_template_names()
    assert dev_names, "dev.jsonl not found: cannot check names"
    kinds = [ch["kind"] for ch in CHATS]
    assert len(CHATS) == 8 and len(set(kinds)) == 8, kinds
    n = 0
    for ch in CHATS:
        members = ch["members"]
        assert 5 <= len(members) <= 7, ch["chat"]
        assert len(set(members)) == len(members), ch["chat"]
        assert len(ch["msgs"]) == 25, (ch["chat"], len(ch["msgs"]))
        assert not (set(members) & dev_names), set(members) & dev_names
        assert not (set(members) & tmpl_names), set(members) & tmpl_names
        sc = Counter(m[0] for m in members)
        pairs = [s for s, c in sc.items() if c > 1]
        assert len(pairs) == 1 and sc[pairs[0]] == 2, (ch["chat"], sc)
        shared = pairs[0]
        ch["shared_surname"] = shared
        local = {}
        prev_ts = None
        for k, m in enumerate(ch["msgs"], 1):
            n += 1
            mid = f"{ID_PREFIX}{n:03d}"
            ts = dt.datetime.strptime(f"{YEAR}-{m['ts']}", "%Y-%m-%d %H:%M")
            assert prev_ts is None or ts > prev_ts, (mid, "not in time order")
            prev_ts = ts
            d = ts.date()
            text = m["text"]
            assert m["sender"] in members, (mid, m["sender"])
            assert text not in texts, (mid, "duplicate text")
            texts.add(text)
            assert not any(x in text for x in dev_names), (mid, "dev name in text")
            # shared surname never used with a title or 小/老
            assert not re.search(f"{shared}({TITLE_WORDS})|[小老]{shared}", text), (mid, "ambiguous surname address")
            # every 姓+title / 小姓 / 老姓 in text must hit exactly one member
            for mm in re.finditer(f"([小老])([\u4e00-\u9fff])|([\u4e00-\u9fff])({TITLE_WORDS})", text):
                s = mm.group(2) or mm.group(3)
                hits = [x for x in members if x[0] == s]
                if not hits:
                    continue   # 员工, 小时, 小孩 … — not an address
                assert len(hits) == 1, (mid, mm.group(0), hits)
            reply = None
            if m["reply"] is not None:
                assert 1 <= m["reply"] < k, (mid, "reply_to must be earlier")
                q = local[m["reply"]]
                reply = {"id": q["id"], "sender": q["sender"], "text": q["text"]}
            tasks = []
            for t in m["tasks"]:
                owners = [m["sender"] if o == ME else o for o in t["owners"]]
                assert len(set(owners)) == len(owners), (mid, owners)
                for o in owners:
                    assert o == ALL or o in members, (mid, o)
                due, alt = resolve(t["rule"], d)
                alt = [a for a in alt] + [dt.date.fromisoformat(a) for a in t["alt"]]
                assert due is None or due >= d, (mid, "deadline before message", due)
                for a in alt:
                    assert a >= d, (mid, "alt before message")
                    assert a != due, (mid, "alt equals due")
                if t["time"]:
                    assert due is not None and re.fullmatch(r"\d\d:\d\d", t["time"])
                for key in ("et", "eo", "ed"):
                    assert t[key] is None or t[key] in text, (mid, key, t[key])
                assert not re.search(r"^请|麻烦|帮忙|一下$|劳驾|辛苦", t["title"]), (mid, "politeness in title", t["title"])
                assert not re.search(r"今天|明天|今晚|明早|上午|下午|晚上|周[一二三四五六日末]|号前|号之前|月底|年底|节前|节后|"
                                     r"之前|尽快|马上|工作日|天内|两天|下周|这周|本周", t["title"]), \
                    (mid, "deadline word in title", t["title"])
                assert not any(x in t["title"] for x in members) and \
                    not any(p + x[0] in t["title"] for x in members for p in "小老") and \
                    not any(x[0] + w in t["title"] for x in members for w in TITLE_WORDS.split("|")), \
                    (mid, "owner in title", t["title"])
                task = {"title": t["title"], "owners": owners,
                        "due_date": due.isoformat() if due else None, "due_time": t["time"]}
                if alt:
                    task["due_date_alt"] = [a.isoformat() for a in alt]
                if t["oalt"]:
                    task["owners_alt"] = [[m["sender"] if o == ME else o for o in oa] for oa in t["oalt"]]
                    for oa in task["owners_alt"]:
                        assert all(o == ALL or o in members for o in oa), (mid, oa)
                task["evidence"] = {"title": t["et"], "owner": t["eo"], "deadline": t["ed"]}
                tasks.append(task)
            tags = list(m["tags"])
            assert len(set(tags)) == len(tags), (mid, tags)
            assert set(tags) <= {"context", "implicit", "title-address", "nickname", "unassigned", "cancel"}, (mid, tags)
            if any(t["owners"] == [] for t in tasks):
                assert "unassigned" in tags, (mid, "unassigned tag")
            else:
                assert "unassigned" not in tags, (mid, "unassigned tag without unowned task")
            if "context" in tags:
                assert reply is not None, (mid, "context without reply")
            if "cancel" in tags:
                assert not tasks, (mid, "cancellation carries no task")
            row = {"id": mid, "chat": ch["chat"], "ts": ts.strftime("%Y-%m-%dT%H:%M:00+08:00"),
                   "sender": m["sender"], "members": members, "reply_to": reply, "text": text,
                   "tasks": tasks, "tags": tags}
            local[k] = row
            rows.append(row)
    assert len(rows) == 200
    assert [r["id"] for r in rows] == [f"{ID_PREFIX}{i:03d}" for i in range(1, 201)]
    return rows


def stats(rows):
    tm = [r for r in rows if r["tasks"]]
    tasks = [t for r in rows for t in r["tasks"]]
    return dict(messages=len(rows), task_messages=len(tm), negatives=len(rows) - len(tm), tasks=len(tasks),
                multi_task_messages=sum(len(r["tasks"]) >= 2 for r in rows),
                replies=sum(r["reply_to"] is not None for r in rows),
                unowned=sum(t["owners"] == [] for t in tasks),
                at_all=sum(t["owners"] == [ALL] for t in tasks),
                with_date=sum(t["due_date"] is not None for t in tasks),
                with_time=sum(t["due_time"] is not None for t in tasks),
                with_alt=sum("due_date_alt" in t for t in tasks),
                with_owners_alt=sum("owners_alt" in t for t in tasks),
                early_or_late=sum(not (8 <= int(r["ts"][11:13]) < 19) for r in rows),
                weekend_or_holiday=sum(dt.date.fromisoformat(r["ts"][:10]).weekday() >= 5
                                       or dt.date.fromisoformat(r["ts"][:10]) in CAL for r in rows),
                tags=dict(Counter(t for r in rows for t in r["tags"])))


def main():
    rows = build()
    with open(OUT, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if "-v" in sys.argv:
        for r in rows:
            d = dt.date.fromisoformat(r["ts"][:10])
            print(f"{r['id']} [{r['chat']}] {r['ts'][:16]} {day_kind(d)}  {r['sender']}: {r['text']}")
            if r["reply_to"]:
                print(f"      ↳ reply to {r['reply_to']['id']} {r['reply_to']['sender']}: {r['reply_to']['text']}")
            for t in r["tasks"]:
                dd = t["due_date"]
                dk = day_kind(dt.date.fromisoformat(dd)) if dd else ""
                alt = f" alt={t['due_date_alt']}" if "due_date_alt" in t else ""
                oalt = f" owners_alt={t['owners_alt']}" if "owners_alt" in t else ""
                print(f"      • {t['title']} | {','.join(t['owners']) or '[]'} | {dd} {dk} {t['due_time'] or ''}{alt}{oalt}"
                      f" | ev={t['evidence']}")
            if r["tags"]:
                print(f"      tags={r['tags']}")
        print(json.dumps(stats(rows), ensure_ascii=False, indent=1))
    else:
        print(f"wrote {len(rows)} rows to {os.path.normpath(OUT)}")
        print(json.dumps(stats(rows), ensure_ascii=False))


if __name__ == "__main__":
    main()
