#!/usr/bin/env python3
"""Build train_k.jsonl: 200 hand-written Chinese work-chat messages (8 teams x 25, ids k001-k200) with gold tasks.

Every text, title and owner below is written by hand.  Deadlines are written as *rules*
(the phrase's meaning under the README conventions) and resolved here against the message
date and the official 2026 holiday / 调休 calendar.

usage: python3 train_k.py        # writes ../train_k.jsonl
       python3 train_k.py -v     # also prints every message with weekday and resolved tasks
"""
import json, os, re, sys, datetime as dt
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "train_k.jsonl")
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
def T(title, owners, rule=None, time=None, et=None, eo=None, ed=None, alt=None, oalt=None, alt_rule=None):
    """alt: extra accepted dates (YYYY-MM-DD); alt_rule: a deadline rule whose date is also accepted."""
    if isinstance(owners, str):
        owners = [owners]
    return dict(title=title, owners=owners, rule=rule, time=time, et=et, eo=eo, ed=ed,
                alt=alt or [], oalt=oalt, alt_rule=alt_rule)


def M(ts, sender, text, tasks=(), tags=(), reply=None):
    return dict(ts=ts, sender=sender, text=text, tasks=list(tasks), tags=list(tags), reply=reply)


ALL, ME = "@all", "ME"


CHATS = []

# ======================================================== 1. cold-chain truck fleet (1/4 调休, 春节前 = 2/14 调休)
CHATS.append(dict(
    chat="coldchain-fleet", kind="冷链物流车队 (cold-chain truck fleet)",
    members=["郝志刚", "温晓琳", "郝建新", "樊立群", "常永利", "季雨萱"],
    msgs=[
        M("01-04 06:40", "郝志刚", "今天调休正常出车 早班两台车已经走了 路上有结冰慢点开"),
        M("01-04 07:15", "温晓琳", "@樊立群 盒马那单冻品今天下午3点前送到嘉定仓，仓库说晚了不收",
          [T("盒马那单冻品送到嘉定仓", ["樊立群"], "today", "15:00", et="盒马那单冻品", eo="@樊立群", ed="今天下午3点前")]),
        M("01-04 07:16", "樊立群", "收到"),
        M("01-04 21:50", "常永利", "沪A3的冷机压缩机有异响 我明天上午拆开看看 这两天先别派它出车",
          [T("拆开看看沪A3的冷机压缩机", ME, "tmr", et="拆开看看", eo="我", ed="明天上午")]),
        M("01-05 09:20", "郝志刚", "年货季订单下来了 分一下：晓琳把1月的排班表重排一下 周三前给我；小季跟三家客户把春节前的送货窗口确认掉；常工把所有车的冷机这周内保养一遍",
          [T("把1月的排班表重排", ["温晓琳"], "wd:3", et="1月的排班表重排", eo="晓琳", ed="周三前"),
           T("跟三家客户确认送货窗口", ["季雨萱"], et="送货窗口确认", eo="小季"),
           T("所有车的冷机保养一遍", ["常永利"], "thisweek", et="所有车的冷机", eo="常工", ed="这周内")],
          tags=["nickname", "title-address"]),
        M("01-05 09:31", "季雨萱", "好的 今天下午挨个打电话确认",
          [T("跟三家客户确认送货窗口", ME, "today", et="打电话确认", ed="今天下午")], tags=["context"], reply=5),
        M("01-05 14:00", "郝建新", "G15上出了个事故 堵了一个多小时 冻品那单可能要晚到半小时"),
        M("01-06 08:05", "温晓琳", "谁今天下午有空去车管所给沪B那台车年审 我这边走不开",
          [T("去车管所给沪B那台车年审", [], "today", et="去车管所给沪B那台车年审", ed="今天下午")],
          tags=["unassigned"]),
        M("01-06 08:12", "郝建新", "我下午没排车 我去",
          [T("去车管所给沪B那台车年审", ME, "today", eo="我去", ed="下午")], tags=["context"], reply=8),
        M("01-06 19:40", "常永利", "沪A3查出来是压缩机轴承坏了 配件已经订了 厂家说周五能到"),
        M("01-07 10:10", "温晓琳", "排班表发群文件了 春节前一周每天加一班夜车", reply=5),
        M("01-07 10:30", "郝志刚", "看了没问题 就按这个来"),
        M("01-08 06:20", "樊立群", "早上好沪C那台车的温度记录仪昨晚又掉线了数据断了两个小时谁懂这个的帮忙看下",
          [T("看下沪C那台车的温度记录仪", [], et="温度记录仪")], tags=["unassigned"]),
        M("01-08 08:45", "常永利", "你中午前把车开回场里来，我下午给你看",
          [T("把沪C那台车开回场里", ["樊立群"], "today", "12:00", et="把车开回场里", eo="你", ed="中午前"),
           T("看沪C车的温度记录仪", ME, "today", et="给你看", eo="我", ed="下午")], tags=["context"], reply=13),
        M("01-09 17:20", "季雨萱", "三家客户窗口都确认了：永辉2月10号前最后一批 盒马和山姆到2月12号 表格在群文件"),
        M("01-10 22:30", "郝建新", "今晚跑苏州那趟 服务区吃个泡面🍜 冷得要死"),
        M("01-12 09:00", "郝志刚", "通知：下周一开始所有车进冷库前必须扫码登记 交警这周在查冷链车资质"),
        M("01-12 09:40", "温晓琳", "@季雨萱 @郝建新 山姆要补一份上周的温度曲线 雨萱导数据 建新签个字 明天中午12点前发过去",
          [T("导上周的温度曲线数据", ["季雨萱"], "tmr", "12:00", et="导数据", eo="雨萱", ed="明天中午12点前"),
           T("在温度曲线上签字", ["郝建新"], "tmr", "12:00", et="签个字", eo="建新", ed="明天中午12点前")],
          tags=["nickname"]),
        M("01-13 11:00", "常永利", "沪A3修好了 试了两个小时 -20度稳得住 晓琳明天给它排个短途先跑跑看",
          [T("给沪A3排个短途跑跑看", ["温晓琳"], "tmr", et="排个短途", eo="晓琳", ed="明天")], tags=["nickname"]),
        M("01-14 15:30", "季雨萱", "温姐 今天永辉退回来那批冻虾谁去处理？要拍照走理赔",
          [T("处理永辉退回来的冻虾 拍照走理赔", [], et="永辉退回来那批冻虾", oalt=[["温晓琳"]])],
          tags=["unassigned"]),
        M("01-14 15:35", "温晓琳", "你先拍照留底 理赔单我今晚填好",
          [T("冻虾拍照留底", ["季雨萱"], et="拍照留底", eo="你"),
           T("填好理赔单", ME, "today", et="理赔单", eo="我", ed="今晚")], tags=["context"], reply=20),
        M("01-16 08:00", "郝志刚", "下周二冷链协会来检查 大家周一前把各自车上的消毒记录和健康证复印件放到调度室",
          [T("把车上的消毒记录和健康证复印件放到调度室", ALL, "wd:1", et="消毒记录和健康证复印件", eo="大家", ed="周一前")]),
        M("01-19 18:10", "樊立群", "建新说他的健康证还在补办 周一前放不了 我的先放了"),
        M("01-22 10:00", "温晓琳", "加班车的接龙我发群公告了 周五晚上我汇总报给公司",
          [T("汇总加班车接龙报给公司", ME, "wd:5", et="汇总报给公司", eo="我", ed="周五晚上")]),
        M("01-26 20:15", "郝志刚", "节前运力紧张 @常永利 备用车节前再做一次全面检查 小季月底前把1月的对帐单跟三家客户对完",
          [T("备用车再做一次全面检查", ["常永利"], "prehol", et="备用车节前再做一次全面检查", eo="@常永利", ed="节前"),
           T("把1月的对帐单跟三家客户对完", ["季雨萱"], "monthend", et="1月的对帐单", eo="小季", ed="月底前")],
          tags=["nickname"]),
    ]))

# ======================================================== 2. university library (开学, 2/28 调休)
CHATS.append(dict(
    chat="univ-library", kind="高校图书馆 (university library staff)",
    members=["钟慧敏", "阮清扬", "祁书文", "祁佳怡", "滕宇航", "庞丽娟"],
    msgs=[
        M("02-24 08:30", "钟慧敏", "新学期开工 还书箱里寒假攒的书先清出来 @滕宇航 @庞丽娟 你们俩上午弄",
          [T("把还书箱里寒假攒的书清出来", ["滕宇航", "庞丽娟"], "today", et="还书箱里寒假攒的书", eo="@滕宇航 @庞丽娟", ed="上午")]),
        M("02-24 08:35", "庞丽娟", "好嘞"),
        M("02-24 10:20", "阮清扬", "钟老师 知网和万方的续订合同到期了，今年的报价单发您邮箱了 请查收"),
        M("02-24 14:00", "钟慧敏", "我看了 万方涨了8% 清扬你跟代理商再谈谈 4个工作日内给我个结果",
          [T("跟代理商再谈万方的价格", ["阮清扬"], "wdays:4", et="跟代理商再谈谈", eo="清扬", ed="4个工作日内")],
          tags=["nickname"], reply=3),
        M("02-25 09:15", "祁佳怡", "三楼自习室的插座有两个坏了 学生在留言板上投诉了"),
        M("02-25 09:20", "钟慧敏", "后勤报修我来提 佳怡你先在插座上贴个停用的条子",
          [T("提后勤报修", ME, et="后勤报修", eo="我来"),
           T("在坏插座上贴停用的条子", ["祁佳怡"], et="贴个停用的条子", eo="佳怡")],
          tags=["nickname"], reply=5),
        M("02-26 16:40", "滕宇航", "还书箱清完了 一共412本 都还回系统了 有3本破损的我明天送去修补",
          [T("把3本破损的书送去修补", ME, "tmr", et="送去修补", eo="我", ed="明天")]),
        M("02-27 11:00", "钟慧敏", "明天周六调休上班 开馆时间照常8点 别记错了哈"),
        M("02-28 08:10", "庞丽娟", "调休还得上班 好困😪 门口排队的学生比平时还多"),
        M("02-28 10:30", "阮清扬", "代理商让了3个点 万方最终涨5% 我觉得可以接受 钟老师定吧",
          [T("定万方续订的价格", ["钟慧敏"], et="定吧", eo="钟老师")], tags=["title-address"], reply=4),
        M("03-02 09:00", "钟慧敏", "开学第一周事情多 分工如下\n1. 书文负责新生入馆教育的PPT 周四前发我\n2. 小滕把预约座位系统的学期规则改成新版\n3. 庞姐盯一下密集书库的除湿机 每天看一次读数",
          [T("做新生入馆教育的PPT", ["祁书文"], "wd:4", et="新生入馆教育的PPT", eo="书文", ed="周四前"),
           T("把预约座位系统的学期规则改成新版", ["滕宇航"], et="预约座位系统的学期规则改成新版", eo="小滕"),
           T("盯密集书库的除湿机 看读数", ["庞丽娟"], et="密集书库的除湿机", eo="庞姐")],
          tags=["nickname", "title-address"]),
        M("03-02 09:05", "滕宇航", "收到 明天下班前改好",
          [T("把预约座位系统的学期规则改成新版", ME, "tmr", "18:00", et="改好", ed="明天下班前")],
          tags=["context"], reply=11),
        M("03-03 15:20", "祁佳怡", "有读者问校外人员能不能办临时借阅证 之前是怎么规定的来着？"),
        M("03-03 15:28", "阮清扬", "校外的只能办阅览证不能外借 押金100 规定在服务台那个蓝色夹子里", reply=13),
        M("03-04 20:30", "祁书文", "ppt初稿我放网盘了 大家有空帮看看 尤其是座位预约那页"),
        M("03-05 09:10", "钟慧敏", "PPT我看了 第5页的借阅规则还是去年的 书文你改一下 今天下午就要给学院发过去",
          [T("改PPT第5页的借阅规则", ["祁书文"], "today", et="第5页的借阅规则", eo="书文你", ed="今天下午")],
          tags=["nickname"], reply=15),
        M("03-06 11:45", "庞丽娟", "除湿机读数这几天都在55%左右 正常 不过2号机滤网该换了 我明天找后勤要一个",
          [T("找后勤要2号除湿机的滤网", ME, "tmr", et="找后勤要一个", eo="我", ed="明天")]),
        M("03-09 08:50", "钟慧敏", "下周三学校要来检查消防 各位把自己区域的消防通道清一下 杂物别堆 下周二前弄完",
          [T("把自己区域的消防通道清理干净", ALL, "next:2", et="自己区域的消防通道清一下", eo="各位", ed="下周二前")]),
        M("03-09 09:30", "滕宇航", "座位系统新规则上线了 违约三次封一周 公众号也发通知了"),
        M("03-10 13:10", "阮清扬", "钟老师 数据库合同签好了 纸质版我放您桌上了"),
        M("03-11 16:00", "钟慧敏", "读者服务月的活动要开始筹备了 得有人去跟学生会对接一下场地 这周内定下来",
          [T("跟学生会对接活动场地", [], "thisweek", et="跟学生会对接一下场地", ed="这周内")], tags=["unassigned"]),
        M("03-11 16:12", "祁佳怡", "我和学生会那边熟 我去对接",
          [T("跟学生会对接活动场地", ME, "thisweek", et="我去对接", eo="我")], tags=["context"], reply=21),
        M("03-13 10:05", "祁佳怡", "场地定了 4月8号到10号 在一楼大厅"),
        M("03-16 09:00", "钟慧敏", "活动方案大家分一下：小滕做报名小程序 书文写推文 庞姐和清扬准备获奖书目 都下周内出初稿",
          [T("做报名小程序", ["滕宇航"], "nextweek", et="做报名小程序", eo="小滕", ed="下周内"),
           T("写活动推文", ["祁书文"], "nextweek", et="写推文", eo="书文", ed="下周内"),
           T("准备获奖书目", ["庞丽娟", "阮清扬"], "nextweek", et="准备获奖书目", eo="庞姐和清扬", ed="下周内")],
          tags=["nickname", "title-address"]),
        M("03-20 18:30", "庞丽娟", "周末闭馆检修空调 通知我今晚贴在门口和公众号上 大家周末愉快～",
          [T("贴闭馆检修空调的通知", ME, "today", et="通知我今晚贴在门口和公众号上", eo="我", ed="今晚")]),
    ]))

# ======================================================== 3. city parks & greening crew (清明 4/4-4/6)
CHATS.append(dict(
    chat="parks-crew", kind="市政园林养护 (city parks & greening crew)",
    members=["覃国强", "龚德福", "龚雪", "鲁春生", "窦海燕", "包文杰", "甘志远"],
    msgs=[
        M("03-23 06:30", "覃国强", "今天人民公园东门那片草坪打孔施肥 @鲁春生 带两个人过去 九点前开工 游客多了不好弄",
          [T("带两个人去东门草坪打孔施肥", ["鲁春生"], "today", "09:00", et="草坪打孔施肥", eo="@鲁春生", ed="九点前")]),
        M("03-23 06:32", "鲁春生", "好 机器装车上了"),
        M("03-23 11:20", "窦海燕", "滨河路那排香樟有三棵歪了 昨晚风太大 [图片]"),
        M("03-23 11:40", "覃国强", "甘工下午去看看那三棵香樟要不要加固 文杰明天一早带上杆子和绑带过去",
          [T("去看香樟要不要加固", ["甘志远"], "today", et="看看那三棵香樟要不要加固", eo="甘工", ed="下午"),
           T("带杆子和绑带去加固香樟", ["包文杰"], "tmr", et="带上杆子和绑带过去", eo="文杰", ed="明天一早")],
          tags=["title-address", "nickname"], reply=3),
        M("03-24 17:50", "甘志远", "看过了 两棵扶正支撑就行 一棵根系断了得换苗",
          [T("换根系断了的那棵香樟苗", [], et="得换苗")], tags=["unassigned"]),
        M("03-24 18:05", "覃国强", "苗圃那边我去问有没有同规格的 一周内给答复",
          [T("问苗圃有没有同规格的香樟苗", ME, "days:7", et="苗圃那边我去问有没有同规格的", eo="我", ed="一周内")],
          reply=5),
        M("03-25 08:10", "龚雪", "清明前后烈士陵园那片的保洁排班表我贴在工具房门口了 自己去看"),
        M("03-26 07:05", "包文杰", "两棵香樟扶好了 绑带用完了 仓库也没了"),
        M("03-26 07:30", "龚德福", "绑带我下午去五金市场买 要多少？",
          [T("去五金市场买绑带", ME, "today", et="去五金市场买", eo="我", ed="下午")], reply=8),
        M("03-27 21:10", "覃国强", "刚接到园林局通知 清明期间陵园周边花坛要换成白菊和黄菊 节前必须换完 德福明天算一下要多少盆报给我 窦姐联系花卉基地订货",
          [T("陵园周边花坛换成白菊和黄菊", [], "prehol", et="陵园周边花坛要换成白菊和黄菊", ed="节前", oalt=[[ALL]]),
           T("算要多少盆菊花报上来", ["龚德福"], "tmr", et="算一下要多少盆", eo="德福", ed="明天"),
           T("联系花卉基地订货", ["窦海燕"], et="联系花卉基地订货", eo="窦姐")],
          tags=["unassigned", "nickname", "title-address"]),
        M("03-28 09:40", "龚德福", "算好了 三个花坛一共1150盆 白的700黄的450"),
        M("03-28 09:55", "窦海燕", "基地说下周二上午送到 卸车得按排人",
          [T("安排人卸花卉基地的车", [], "next:2", et="卸车", ed="下周二上午")], tags=["unassigned", "implicit"]),
        M("03-28 10:02", "覃国强", "周二上午全班都去陵园 卸完直接种",
          [T("去陵园卸车种花", [ALL], "wd:2", et="卸完直接种", eo="全班", ed="周二上午")], reply=12),
        M("03-31 16:30", "鲁春生", "花都种完了 透水也浇过了 照片发局里了"),
        M("04-01 08:00", "甘志远", "提醒下 清明节间陵园附近禁止用割草机 之前被投诉过噪音"),
        M("04-02 14:20", "覃国强", "节前最后两天了 小包明天把所有绿篱机的刀片磨一下 小雪今天下班前把假期值班表发群里",
          [T("把所有绿篱机的刀片磨好", ["包文杰"], "tmr", et="所有绿篱机的刀片磨一下", eo="小包", ed="明天"),
           T("把假期值班表发群里", ["龚雪"], "today", "18:00", et="假期值班表发群里", eo="小雪", ed="今天下班前")],
          tags=["nickname"]),
        M("04-02 18:10", "龚雪", "值班表：4号鲁春生 包文杰 5号龚德福 窦海燕 6号甘志远 我 有事自己换班 换完群里说一声"),
        M("04-04 10:30", "窦海燕", "陵园这边人特别多 垃圾桶满了三个 已经清掉了"),
        M("04-05 15:40", "包文杰", "东门那棵老槐树被游客爬断了一根枝挂在半空挺危险的得尽快锯下来",
          [T("锯下东门老槐树挂着的断枝", [], et="锯下来")], tags=["unassigned"]),
        M("04-05 15:52", "甘志远", "我住得近 马上过去锯 文杰你先拉警戒线",
          [T("锯下东门老槐树挂着的断枝", ME, et="马上过去锯", eo="我"),
           T("拉警戒线", ["包文杰"], et="拉警戒线", eo="文杰你")], tags=["context", "nickname"], reply=19),
        M("04-07 08:30", "覃国强", "节后第一天 大家把各自片区假期里的情况今天晚上8点前报一下 有损坏的拍照",
          [T("报各自片区假期里的情况", ALL, "today", "20:00", et="各自片区假期里的情况", eo="大家", ed="今天晚上8点前")]),
        M("04-08 09:10", "龚德福", "报一下 南湖片区喷灌头坏了四个 已登记 我这周内换好",
          [T("换好南湖片区坏的喷灌头", ME, "thisweek", et="喷灌头坏了四个", eo="我", ed="这周内")], reply=21),
        M("04-09 13:00", "覃国强", "下周三区里来检查春季补植 补植台账@龚雪 周一前整理好 照片@窦海燕 配上",
          [T("整理好补植台账", ["龚雪"], "wd:1", et="补植台账", eo="@龚雪", ed="周一前"),
           T("给补植台账配上照片", ["窦海燕"], "wd:1", et="照片", eo="@窦海燕", ed="周一前")]),
        M("04-13 17:40", "龚雪", "台账整理好了 打印了两份 一份放班长桌上"),
        M("04-14 07:20", "覃国强", "明天的检查取消了 区里说改到下个月 大家正常干活", tags=["cancel"]),
    ]))

# ======================================================== 4. airport ground handling (劳动节 5/1-5/5, 5/9 调休)
CHATS.append(dict(
    chat="airport-ground", kind="机场地勤/航班保障 (airport ground handling)",
    members=["岳振华", "柴晓峰", "蔺大勇", "殷佳琪", "殷涛", "褚文静", "谭俊"],
    msgs=[
        M("04-22 05:40", "柴晓峰", "早班注意 6:50去昆明那班改到12号机位了"),
        M("04-22 05:45", "蔺大勇", "收到 装卸那边我通知过了"),
        M("04-22 10:30", "岳振华", "五一航班量比去年多两成 各组长4月28号前把本组人员排班报给晓峰",
          [T("把本组人员排班报上去", ALL, "day:28", et="本组人员排班", eo="各组长", ed="4月28号前")]),
        M("04-22 11:02", "谭俊", "特车组的排班我今天下班前报",
          [T("报特车组的排班", ME, "today", "18:00", et="特车组的排班", eo="我", ed="今天下班前")], reply=3),
        M("04-23 23:30", "殷佳琪", "刚做完最后一班清舱 座椅口袋里捡到一部iPhone 已经交失物招领了"),
        M("04-24 08:15", "殷涛", "2号摆渡车刹车有点软 我今天没空弄 谁能帮忙开去修理间",
          [T("把2号摆渡车开去修理间", [], et="开去修理间")], tags=["unassigned"]),
        M("04-24 08:20", "谭俊", "我等会开过去 顺便把胎压也查一下",
          [T("把2号摆渡车开去修理间", ME, et="开过去", eo="我"),
           T("查2号摆渡车的胎压", ME, et="把胎压也查一下", eo="我")], tags=["context"], reply=6),
        M("04-25 14:00", "褚文静", "昨天那班超载预警原因查到了 是货邮舱单录重复了 已更正"),
        M("04-26 07:10", "柴晓峰", "@蔺大勇 今天下午三点有个包机 60多件超规行李 你们组多派两个人 13:30前到位",
          [T("多派两个人保障包机超规行李", ["蔺大勇"], "today", "13:30", et="多派两个人", eo="@蔺大勇", ed="13:30前")]),
        M("04-27 16:45", "岳振华", "节前安全大检查 分工：\n殷涛 所有特种车辆的年检标签核一遍\n小褚 配载系统做一次离线应急演练\n老蔺 装卸组防护用品发放登记\n都30号前完成",
          [T("核所有特种车辆的年检标签", ["殷涛"], "day:30", et="所有特种车辆的年检标签核一遍", eo="殷涛", ed="30号前"),
           T("配载系统做一次离线应急演练", ["褚文静"], "day:30", et="配载系统做一次离线应急演练", eo="小褚", ed="30号前"),
           T("装卸组防护用品发放登记", ["蔺大勇"], "day:30", et="装卸组防护用品发放登记", eo="老蔺", ed="30号前")],
          tags=["nickname"]),
        M("04-28 10:05", "柴晓峰", "五一排班汇总好了 1号到5号每天早班加4人 表在群文件 岳主任有空审一下",
          [T("审五一排班表", ["岳振华"], et="审一下", eo="岳主任")], tags=["title-address"]),
        M("04-28 22:40", "殷佳琪", "清洁组这周缺两个人 新招的还在培训 岳主任能不能跟公司申请借调两个过来",
          [T("跟公司申请借调两个清洁人员", ["岳振华"], et="跟公司申请借调两个", eo="岳主任")], tags=["title-address"]),
        M("04-29 08:30", "岳振华", "借调的事我今天上午就去打报告",
          [T("打报告申请借调清洁人员", ME, "today", et="打报告", eo="我", ed="今天上午")], tags=["context"], reply=12),
        M("04-30 09:00", "殷涛", "特车年检标签核完了 有3台月底到期 已经送检了"),
        M("05-01 04:50", "柴晓峰", "五一第一天 大家辛苦 今天188个航班 有延误随时群里喊"),
        M("05-01 13:20", "蔺大勇", "南航那班行李转盘卡住了旅客都围在柜台那谁在附近赶紧去支援一下急",
          [T("去行李转盘柜台支援", [], et="去支援一下")], tags=["unassigned"]),
        M("05-01 13:23", "殷佳琪", "我在B区 马上到",
          [T("去行李转盘柜台支援", ME, et="马上到", eo="我")], tags=["context"], reply=16),
        M("05-02 21:15", "褚文静", "今天晚班有个航班配载单签错了名 机长退回来重签的 没延误"),
        M("05-03 10:00", "岳振华", "@褚文静 配载单签名的事写个情况说明 节后上班第一天交给我",
          [T("写配载单签名的情况说明", ["褚文静"], "after", et="写个情况说明", eo="@褚文静", ed="节后上班第一天")]),
        M("05-05 19:30", "谭俊", "明天起恢复正常排班了吧？"),
        M("05-05 19:32", "柴晓峰", "对 另外9号周六调休要上班 别忘了", reply=20),
        M("05-06 09:20", "褚文静", "情况说明已经交给岳主任了"),
        M("05-07 15:00", "岳振华", "五一保障总结 各组3个工作日内交一份 写清楚问题和改进措施",
          [T("交五一保障总结", ALL, "wdays:3", et="五一保障总结", eo="各组", ed="3个工作日内")]),
        M("05-09 07:30", "殷涛", "调休上班 机务就我一个人 2号摆渡车修好了 刹车片换了"),
        M("05-11 10:40", "柴晓峰", "下周一起新开两条加班航线 谭工把特车的保障时刻对一下 大后天给我",
          [T("对特车的保障时刻", ["谭俊"], "days:3", et="特车的保障时刻对一下", eo="谭工", ed="大后天")],
          tags=["title-address"]),
    ]))
# ======================================================== 5. customs brokerage (端午 6/19-6/21)
CHATS.append(dict(
    chat="customs-broker", kind="海关报关行 (customs brokerage)",
    members=["翁立伟", "卓雅", "卓思成", "骆晴", "房永辉", "宫晓玥"],
    msgs=[
        M("06-01 09:10", "翁立伟", "这个月起新的原产地规则执行 @卓雅 @卓思成 你们俩这周内把在手的RCEP单子全部复核一遍",
          [T("把在手的RCEP单子全部复核一遍", ["卓雅", "卓思成"], "thisweek", et="在手的RCEP单子全部复核一遍", eo="@卓雅 @卓思成", ed="这周内")]),
        M("06-01 09:30", "骆晴", "翁总 恒昌那票货的发票和箱单对不上 差了20箱 要客户重开吗"),
        M("06-01 09:41", "翁立伟", "要 你今天17:30前联系客户重开 不然明天申报不了",
          [T("联系客户重开恒昌的发票和箱单", ["骆晴"], "today", "17:30", et="联系客户重开", eo="你", ed="今天17:30前")],
          tags=["context"], reply=2),
        M("06-02 07:50", "房永辉", "今早8点半查验 我到码头了 集装箱还没吊下来 小骆把报关单原件拍个照发我",
          [T("把报关单原件拍照发过来", ["骆晴"], et="报关单原件拍个照", eo="小骆")], tags=["nickname"]),
        M("06-02 11:20", "房永辉", "查验完了 海关要补一份成分说明 得有人今天下班前跟客户要过来",
          [T("跟客户要成分说明", [], "today", "18:00", et="跟客户要过来", ed="今天下班前")], tags=["unassigned"]),
        M("06-02 11:25", "卓思成", "这票是我的 我来要",
          [T("跟客户要成分说明", ME, "today", "18:00", et="我来要", eo="我")], tags=["context"], reply=5),
        M("06-03 15:00", "宫晓玥", "五月的代垫税款还有三家没回款 清单发群里了 大家跟自己的客户催一下 6月10号前要到账",
          [T("跟自己的客户催代垫税款回款", ALL, "day:10", et="跟自己的客户催一下", eo="大家", ed="6月10号前")]),
        M("06-03 15:10", "卓雅", "收到宫姐"),
        M("06-04 20:40", "翁立伟", "明天上午九点半开会 讨论端午前那批跨境电商的货 思成把舱单数据整理好带过来",
          [T("整理舱单数据带到会上", ["卓思成"], "tmr", "09:30", et="舱单数据整理好带过来", eo="思成", ed="明天上午九点半开会")],
          tags=["nickname", "implicit"]),
        M("06-05 10:40", "卓思成", "RCEP单子复核完了 有两票原产地证书要重新申请 我下周一前弄好",
          [T("重新申请两票原产地证书", ME, "next:1", et="两票原产地证书要重新申请", eo="我", ed="下周一前")]),
        M("06-05 10:55", "卓雅", "我这边的也复核完了 没问题"),
        M("06-08 08:30", "翁立伟", "今天海关系统升级 单一窗口晚上8点到12点停用 期间没法申报"),
        M("06-09 16:20", "骆晴", "大家好 我下周三请假一天 单证有急事找卓雅"),
        M("06-10 09:00", "宫晓玥", "代垫税款还差鼎盛一家没回 这家是谁跟的？"),
        M("06-10 09:08", "卓思成", "我的 今天再打个电话催 不行就发函",
          [T("打电话催鼎盛的代垫税款", ME, "today", et="打个电话催", eo="我", ed="今天")], tags=["context"], reply=14),
        M("06-11 14:30", "翁立伟", "端午节前要清关的货比较多 各位节前把手上待申报的单子都报出去 别压到节后",
          [T("把手上待申报的单子都报出去", ALL, "prehol", et="手上待申报的单子都报出去", eo="各位", ed="节前")]),
        M("06-12 22:10", "卓雅", "今天报了11票 放行9票 剩下两票等查验 腰都直不起来了😂"),
        M("06-15 09:15", "房永辉", "明天下午两点外高桥四期还有一批查验 我那时候在洋山走不开"),
        M("06-15 09:20", "翁立伟", "卓雅你明天下午去一下外高桥 查验单让小房发你",
          [T("去外高桥盯查验", ["卓雅"], "tmr", et="去一下外高桥", eo="卓雅你", ed="明天下午"),
           T("发查验单", ["房永辉"], et="查验单", eo="小房")], tags=["context", "nickname"], reply=18),
        M("06-16 17:30", "卓雅", "外高桥那票查验通过 已放行 提货单我明早送去车队",
          [T("把提货单送去车队", ME, "tmr", et="提货单", eo="我", ed="明早")]),
        M("06-17 10:00", "宫晓玥", "@all 这个月的报销单18号前交给我 节后统一打款",
          [T("把这个月的报销单交上来", ALL, "day:18", et="这个月的报销单", eo="@all", ed="18号前")]),
        M("06-18 18:40", "翁立伟", "节前最后一天 大家辛苦了 端午快乐🍙 假期有急单我和小骆值班"),
        M("06-20 11:00", "骆晴", "有个客户端午急着提一批冷冻三文鱼 问能不能今天报 我已经在弄了"),
        M("06-22 09:00", "翁立伟", "节后第一天 上周积压的那几票今天全部跟进 @卓思成 负责鼎盛和恒昌 @卓雅 负责其余的",
          [T("跟进鼎盛和恒昌积压的单子", ["卓思成"], "today", et="负责鼎盛和恒昌", eo="@卓思成", ed="今天"),
           T("跟进其余积压的单子", ["卓雅"], "today", et="负责其余的", eo="@卓雅", ed="今天")]),
        M("06-24 16:00", "宫晓玥", "鼎盛的钱到了 代垫税款全部结清👏"),
    ]))

# ======================================================== 6. driving school (暑假, weekends)
CHATS.append(dict(
    chat="driving-school", kind="驾校 (driving school coaches and office)",
    members=["左建国", "华立军", "华婷", "施倩", "冉东", "伍美琪"],
    msgs=[
        M("07-06 08:00", "施倩", "暑假班开始了 这周新报名的学员47个 各位教练把自己名下学员的科目一预约情况周三前报给美琪",
          [T("报名下学员的科目一预约情况", ALL, "wd:3", et="名下学员的科目一预约情况", eo="各位教练", ed="周三前")]),
        M("07-06 08:30", "冉东", "👌"),
        M("07-07 12:10", "伍美琪", "左教练 你有个学员家长打电话来说要换教练 嫌你太凶[破涕为笑]"),
        M("07-07 12:30", "左建国", "换吧 我不拦着 美琪你帮他转到冉东名下",
          [T("给那个学员办换教练", ["伍美琪"], et="转到冉东名下", eo="美琪你")], tags=["nickname"], reply=3),
        M("07-08 18:20", "华婷", "我名下的预约情况发美琪了 6个人还没约上 系统满了"),
        M("07-09 06:15", "华立军", "早 科目二场地3号库的桩歪了 学员一碰就报警 谁今天有空找人修一下",
          [T("找人修3号库的桩", [], "today", et="找人修一下", ed="今天")], tags=["unassigned"]),
        M("07-09 07:00", "施倩", "我来联系厂家 冉东你先把3号库围起来别让学员练",
          [T("联系厂家修3号库的桩", ME, "today", et="联系厂家", eo="我来"),
           T("把3号库围起来", ["冉东"], et="把3号库围起来", eo="冉东你")], tags=["context"], reply=6),
        M("07-10 20:50", "伍美琪", "明天周六 报名处九点开门 上午有两个团体报名的 我来接待",
          [T("接待两个团体报名", ME, "tmr", et="我来接待", eo="我", ed="明天")]),
        M("07-11 09:40", "施倩", "小伍 团体报名的合同签完拍照发我 上午十点前要录系统",
          [T("团体报名的合同签完拍照发过来", ["伍美琪"], "today", "10:00", et="团体报名的合同签完拍照", eo="小伍", ed="上午十点前")],
          tags=["nickname"]),
        M("07-12 16:00", "冉东", "今天科目三模拟考 我带的8个过了7个 🎉"),
        M("07-13 10:00", "施倩", "车管所通知 下周起科目三考试改到新考场 各位教练这周末带学员去新考场熟悉一下路线",
          [T("带学员去新考场熟悉路线", ALL, "weekend", et="带学员去新考场熟悉一下路线", eo="各位教练", ed="这周末")]),
        M("07-13 10:15", "华立军", "新考场在哪 有没有定位"),
        M("07-13 10:17", "伍美琪", "[位置] 城北开发区新港路88号", reply=12),
        M("07-15 21:30", "左建国", "我那台教练车空调不制冷了热死了明天能不能安排人修一下",
          [T("修教练车的空调", [], "tmr", et="空调不制冷", ed="明天")], tags=["unassigned"]),
        M("07-16 08:20", "施倩", "修车厂约好了 美琪把左教练今天下午的学员都调给华婷",
          [T("把左教练的学员调给另一位教练", ["伍美琪"], "today", et="左教练今天下午的学员", eo="美琪", ed="今天下午")],
          tags=["nickname"], reply=14),
        M("07-17 11:00", "施倩", "刚接到车管所通知 新考场推迟到8月启用 这周末不用带学员去熟悉路线了", tags=["cancel"]),
        M("07-20 09:00", "施倩", "月底运管所来年度考核 分工：\n1）老左 整理教练员档案\n2）华立军 教练车二级维护记录\n3）冉东 安全教育台账\n4）小伍 学员投诉处理记录\n28号前交到办公室",
          [T("整理教练员档案", ["左建国"], "day:28", et="整理教练员档案", eo="老左", ed="28号前"),
           T("整理教练车二级维护记录", ["华立军"], "day:28", et="教练车二级维护记录", eo="华立军", ed="28号前"),
           T("整理安全教育台账", ["冉东"], "day:28", et="安全教育台账", eo="冉东", ed="28号前"),
           T("整理学员投诉处理记录", ["伍美琪"], "day:28", et="学员投诉处理记录", eo="小伍", ed="28号前")],
          tags=["nickname"]),
        M("07-20 09:05", "冉东", "安全台账去年是谁做的 有模板吗"),
        M("07-22 19:10", "伍美琪", "投诉记录整理完了 13条 全部已回访 明早交办公室",
          [T("把投诉记录交到办公室", ME, "tmr", et="交办公室", ed="明早")]),
        M("07-24 14:30", "华立军", "二级维护记录还差两台车的 4S店的单子还没给我 我今明两天去拿",
          [T("去4S店拿两台车的维护单子", ME, "tmr", et="4S店的单子", eo="我", ed="今明两天")]),
        M("07-27 08:40", "施倩", "考核提前到30号了 @all 所有材料明天下班前交齐",
          [T("交齐考核材料", ALL, "tmr", "18:00", et="所有材料", eo="@all", ed="明天下班前")]),
        M("07-28 17:55", "左建国", "教练员档案放施主任桌上了"),
        M("07-31 18:30", "施倩", "考核通过了 谢谢大家[抱拳] 今晚聚餐 地点在驾校对面那家烤鱼"),
        M("08-03 07:30", "华婷", "施主任 我下下周二想请一天假 学员能不能帮我调一下",
          [T("调请假那天的学员", ["施倩"], et="学员能不能帮我调一下", eo="施主任", alt_rule="nn:2")],
          tags=["title-address"]),
        M("08-03 07:50", "施倩", "好 让美琪调 你把要调的学员名单发她",
          [T("调请假那天的学员", ["伍美琪"], et="让美琪调", eo="美琪", alt_rule="nn:2"),
           T("把要调的学员名单发过去", ["华婷"], et="要调的学员名单", eo="你")],
          tags=["context", "nickname"], reply=24),
    ]))
# ======================================================== 7. community group-buy leaders (9/20 调休, 中秋, 国庆, 10/10 调休)
CHATS.append(dict(
    chat="groupbuy-leaders", kind="社区团购团长群 (community group-buy leaders)",
    members=["莫颖", "乔春燕", "乔立新", "戚美玲", "匡海波", "焦俊峰"],
    msgs=[
        M("09-10 10:00", "莫颖", "各位团长 中秋月饼预售明天上线 海报我今晚发群里 大家明早8点前转到自己的小区群",
          [T("把月饼预售海报发群里", ME, "today", et="海报我今晚发群里", eo="我", ed="今晚"),
           T("把预售海报转到自己的小区群", ALL, "tmr", "08:00", et="转到自己的小区群", eo="大家", ed="明早8点前")]),
        M("09-10 10:05", "戚美玲", "收到莫姐"),
        M("09-11 08:20", "匡海波", "转了 我们小区已经有人下单了 6盒"),
        M("09-11 23:10", "乔春燕", "我这边有个团员说上次的榴莲到货是坏的 要退款 这种怎么处理啊"),
        M("09-11 23:25", "莫颖", "你先安抚一下 让她拍照在小程序申请售后 我明天帮她加急审核",
          [T("安抚团员 让她拍照申请售后", ["乔春燕"], et="让她拍照在小程序申请售后", eo="你"),
           T("加急审核榴莲的售后", ME, "tmr", et="加急审核", eo="我", ed="明天")], tags=["context"], reply=4),
        M("09-14 09:30", "焦俊峰", "这周起提货点改为每天下午4点后到货 比以前晚一小时 团长们跟团员说一下",
          [T("跟团员说到货时间改了", ALL, et="跟团员说一下", eo="团长们")]),
        M("09-14 14:00", "莫颖", "国庆前有个大闸蟹团 每位团长月中前把自己小区的预估量报给我",
          [T("把小区的大闸蟹预估量报上来", ALL, "day:15", et="自己小区的预估量", eo="每位团长", ed="月中前")]),
        M("09-15 20:05", "乔立新", "我们小区估计30份左右 先报30"),
        M("09-17 19:40", "戚美玲", "莫姐 我家楼下的自提柜坏了 团员投诉拿不到货 能不能派人来看看",
          [T("派人来看坏了的自提柜", ["莫颖"], et="派人来看看", eo="莫姐")], tags=["title-address"]),
        M("09-17 19:52", "莫颖", "@焦俊峰 两天内去看下戚姐那边的自提柜 修不好就先换一台",
          [T("去看自提柜 修不好先换一台", ["焦俊峰"], "days:2", et="自提柜", eo="@焦俊峰", ed="两天内")], reply=9),
        M("09-19 18:00", "莫颖", "提醒 明天周日调休 正常配送 提货点正常开"),
        M("09-20 08:10", "匡海波", "调休还得出摊😂 月饼今天到了一半 另一半说明天到"),
        M("09-21 10:30", "焦俊峰", "大闸蟹订单汇总了 一共412份 冷链车23号下午到各提货点 团长们当天晚上前一定通知团员来提 放不过夜",
          [T("通知团员来提大闸蟹", ALL, "day:23", et="通知团员来提", eo="团长们", ed="23号")], tags=["implicit"]),
        M("09-22 07:45", "乔春燕", "我那个榴莲售后退款到了 团员很满意 谢谢莫姐❤️"),
        M("09-23 22:30", "戚美玲", "大闸蟹都提完了 有一份死了两只 团员要补"),
        M("09-23 22:41", "莫颖", "补 你明天拍个照发我 我让供应商补发",
          [T("把死蟹拍照发过来", ["戚美玲"], "tmr", et="拍个照发我", eo="你", ed="明天"),
           T("让供应商补发大闸蟹", ME, et="让供应商补发", eo="我")], tags=["context"], reply=15),
        M("09-24 16:00", "莫颖", "中秋国庆假期安排：25号到27号停配 28号到30号正常配送 10月1号到7号停配 8号恢复 大家今晚前跟团员说一下",
          [T("跟团员说假期停配安排", ALL, "today", et="跟团员说一下", eo="大家", ed="今晚前")]),
        M("09-28 09:00", "焦俊峰", "今天恢复配送 停配那几天的货今天一起到 货多 各提货点多叫个人帮忙分货",
          [T("多叫个人来分货", ALL, "today", et="多叫个人帮忙分货", eo="各提货点", ed="今天")]),
        M("09-28 09:20", "乔立新", "我找了楼下邻居帮忙 没问题", reply=18),
        M("09-29 15:00", "莫颖", "国庆前最后一单是水果礼盒团 截单时间30号中午12点 各位团长节前把订单核对一遍 有问题的单子标出来",
          [T("把水果礼盒团的订单核对一遍", ALL, "prehol", et="订单核对一遍", eo="各位团长", ed="节前")]),
        M("09-30 11:30", "匡海波", "核对好了 有两单地址写错了 以经改了"),
        M("10-04 20:00", "乔春燕", "假期团员老问10号有没有团 要不要提前开个预售"),
        M("10-08 09:00", "莫颖", "恢复营业 这周六10号调休也正常配送 @乔春燕 你们小区上次说分货台太小 我这周内跟物业沟通",
          [T("跟物业沟通分货台太小的问题", ME, "thisweek", et="跟物业沟通", eo="我", ed="这周内", alt=["2026-10-10"])]),
        M("10-10 08:30", "戚美玲", "调休上班的人多 今天小区预售下单的特别少 感觉大家都累了哈哈"),
        M("10-12 10:00", "莫颖", "双十一预热10月20号开始 每位团长10月16号前在后台把自己小区的团员标签补全 有不会的找焦哥",
          [T("在后台把小区的团员标签补全", ALL, "day:16", et="团员标签补全", eo="每位团长", ed="10月16号前")]),
    ]))

# ======================================================== 8. TV variety-show production (11月-12月, 月底/年底/跨年)
CHATS.append(dict(
    chat="tv-variety", kind="电视台综艺节目组 (TV variety-show production)",
    members=["晏子豪", "娄欣然", "娄一帆", "管振东", "纪晨曦", "霍磊", "裴雨涵"],
    msgs=[
        M("11-02 10:30", "晏子豪", "第7期录制定在11月14号周六 @娄一帆 台本周三前出初稿 @纪晨曦 嘉宾档期这周内全部锁定",
          [T("台本出初稿", ["娄一帆"], "wd:3", et="台本", eo="@娄一帆", ed="周三前"),
           T("锁定嘉宾档期", ["纪晨曦"], "thisweek", et="嘉宾档期", eo="@纪晨曦", ed="这周内")]),
        M("11-02 10:32", "纪晨曦", "收到 有两个嘉宾的经纪人还没回"),
        M("11-03 01:40", "裴雨涵", "第6期粗剪导出了 1小时42分 还得砍20分钟 先睡了 明天接着砍",
          [T("第6期粗剪再砍20分钟", ME, "tmr", et="还得砍20分钟", ed="明天", alt=["2026-11-03"])]),
        M("11-04 18:00", "娄一帆", "台本初稿传飞书了 游戏环节写了三个备选 晏导挑一个",
          [T("挑一个游戏环节", ["晏子豪"], et="挑一个", eo="晏导")], tags=["title-address"]),
        M("11-05 11:00", "晏子豪", "选第二个 道具好做 霍工把道具清单列出来 下周一给管总报预算",
          [T("列道具清单报预算", ["霍磊"], "next:1", et="道具清单列出来", eo="霍工", ed="下周一")],
          tags=["title-address"], reply=4),
        M("11-06 17:20", "纪晨曦", "嘉宾都锁定了 5位 名单和档期表在飞书文档"),
        M("11-09 15:10", "管振东", "道具预算看了 超了一万二 霍工你再压一压 水箱那个能不能租",
          [T("再压一压道具预算", ["霍磊"], et="再压一压", eo="霍工你")], tags=["title-address"], reply=5),
        M("11-10 09:30", "霍磊", "水箱问了能租 3天两千 预算重新发管总了 请查收"),
        M("11-11 22:50", "娄欣然", "录制当天的流程表我来做 后天给大家",
          [T("做录制当天的流程表", ME, "dat", et="录制当天的流程表", eo="我来", ed="后天")]),
        M("11-12 10:00", "晏子豪", "13号下午3点全体彩排 在2号演播厅 所有人准时"),
        M("11-13 19:30", "裴雨涵", "彩排素材拷好了 在NAS上 文件夹叫EP07_rehearsal"),
        M("11-14 05:50", "娄欣然", "早上好各位 今天录制 化妆间7点开 艺人8点半前要到 @纪晨曦 你负责接艺人 一个都不能迟到",
          [T("接艺人", ["纪晨曦"], "today", "08:30", et="接艺人", eo="@纪晨曦", ed="艺人8点半前要到")], tags=["implicit"]),
        M("11-14 23:55", "晏子豪", "录完了 辛苦大家🍻 今天状态都很好"),
        M("11-16 10:20", "晏子豪", "第7期后期 雨涵这次辛苦点 粗剪下周五前出 精剪月底前",
          [T("出第7期粗剪", ["裴雨涵"], "next:5", et="粗剪", eo="雨涵", ed="下周五前"),
           T("出第7期精剪", ["裴雨涵"], "monthend", et="精剪", eo="雨涵", ed="月底前")], tags=["nickname"]),
        M("11-17 14:40", "管振东", "台里说第7期可能要提档到12月5号播 我确认了再通知"),
        M("11-18 11:00", "管振东", "确认了 第7期提档到12月5号播 后期压缩 雨涵粗剪改成这周五前 精剪deadline下周三",
          [T("出第7期粗剪", ["裴雨涵"], "this:5", et="粗剪", eo="雨涵", ed="这周五前"),
           T("出第7期精剪", ["裴雨涵"], "next:3", et="精剪", eo="雨涵", ed="下周三")], tags=["nickname"], reply=15),
        M("11-18 11:05", "裴雨涵", "😭好吧 我这周住台里了"),
        M("11-20 23:30", "裴雨涵", "粗剪交了 晏导和管总都看一下 明天中午前给意见我好改",
          [T("看粗剪给意见", ["晏子豪", "管振东"], "tmr", "12:00", et="看一下", eo="晏导和管总", ed="明天中午前")],
          tags=["title-address"]),
        M("11-23 09:00", "娄一帆", "周四的跨年主题讨论会取消了 晏导临时去北京出差 下周再约", tags=["cancel"]),
        M("11-26 17:00", "晏子豪", "跨年特别节目定了 12月31号晚上直播 一帆台本15号前出 欣然排个彩排计划 霍工舞美方案下个月10号前 晨曦下下周一前去谈三组歌手",
          [T("出跨年节目台本", ["娄一帆"], "day:15", et="台本", eo="一帆", ed="15号前"),
           T("排彩排计划", ["娄欣然"], et="排个彩排计划", eo="欣然", alt=["2026-12-31"]),
           T("出舞美方案", ["霍磊"], "nm:10", et="舞美方案", eo="霍工", ed="下个月10号前"),
           T("去谈三组歌手", ["纪晨曦"], "nn:1", et="去谈三组歌手", eo="晨曦", ed="下下周一前")],
          tags=["nickname", "title-address"]),
        M("12-01 10:00", "纪晨曦", "三组歌手谈下来两组 第三组报价太高 管总看要不要换人",
          [T("定第三组歌手要不要换人", ["管振东"], et="要不要换人", eo="管总")], tags=["title-address"]),
        M("12-01 10:30", "管振东", "换 你再找两个备选 周五前给我",
          [T("再找两个备选歌手", ["纪晨曦"], "wd:5", et="再找两个备选", eo="你", ed="周五前")], tags=["context"], reply=21),
        M("12-05 20:00", "娄欣然", "第7期今晚播了 收视1.38 同时段第二👏👏 雨涵年底前把7期花絮剪一版发微博",
          [T("把7期花絮剪一版发微博", ["裴雨涵"], "yearend", et="7期花絮剪一版发微博", eo="雨涵", ed="年底前")],
          tags=["nickname"]),
        M("12-28 09:30", "晏子豪", "跨年直播倒计时 这几天大家手机24小时开机 30号晚上8点全流程带妆彩排 每个部门今天下班前把应急预案交给欣然",
          [T("交应急预案", ALL, "today", "18:00", et="应急预案", eo="每个部门", ed="今天下班前")]),
        M("12-31 23:40", "晏子豪", "直播顺利结束🎆 大家新年快乐 元旦好好休息 4号上班再复盘"),
    ]))
# ---------------------------------------------------------------- build + checks
TITLE_WORDS = "总|姐|哥|工|主任|经理|老师"


def load_dev_names():
    p = None
    d = HERE
    for _ in range(6):
        c = os.path.join(d, "shared", "benchmarks", "extraction", "dev.jsonl")
        if os.path.exists(c):
            p = c
            break
        d = os.path.dirname(d)
    if p is None and os.path.exists("/work/shared/benchmarks/extraction/dev.jsonl"):
        p = "/work/shared/benchmarks/extraction/dev.jsonl"
    names = set()
    if p:
        for line in open(p, encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                names |= set(r["members"]) | {r["sender"]}
    return names


def build():
    rows, texts = [], set()
    dev_names = load_dev_names()
    n = 0
    for ch in CHATS:
        members = ch["members"]
        assert 5 <= len(members) <= 7, ch["chat"]
        assert len(ch["msgs"]) == 25, (ch["chat"], len(ch["msgs"]))
        assert not (set(members) & dev_names), set(members) & dev_names
        sc = Counter(m[0] for m in members)
        pairs = [s for s, c in sc.items() if c > 1]
        assert len(pairs) == 1 and sc[pairs[0]] == 2, (ch["chat"], sc)
        shared = pairs[0]
        ch["shared_surname"] = shared
        local = {}
        prev_ts = None
        for k, m in enumerate(ch["msgs"], 1):
            n += 1
            mid = f"k{n:03d}"
            ts = dt.datetime.strptime(f"{YEAR}-{m['ts']}", "%Y-%m-%d %H:%M")
            assert prev_ts is None or ts > prev_ts, (mid, "not in time order")
            prev_ts = ts
            d = ts.date()
            text = m["text"]
            assert m["sender"] in members, (mid, m["sender"])
            assert text not in texts, (mid, "duplicate text")
            texts.add(text)
            # shared surname never used with a title or 小/老
            assert not re.search(f"{shared}({TITLE_WORDS})|[小老]{shared}", text), (mid, "ambiguous surname address")
            # every 姓+title / 小姓 / 老姓 in text must hit exactly one member
            for mm in re.finditer(f"([小老])([\u4e00-\u9fff])|([\u4e00-\u9fff])({TITLE_WORDS})", text):
                s = mm.group(2) or mm.group(3)
                hits = [x for x in members if x[0] == s]
                if mm.group(3) and not hits:
                    continue   # e.g. 员工, 分工 — not an address
                if mm.group(1) and not hits:
                    continue   # 小时, 老化 …
                assert len(hits) == 1, (mid, mm.group(0), hits)
            reply = None
            if m["reply"] is not None:
                assert 1 <= m["reply"] < k, (mid, "reply_to must be earlier")
                q = local[m["reply"]]
                reply = {"id": q["id"], "sender": q["sender"], "text": q["text"]}
            tasks = []
            for t in m["tasks"]:
                owners = [m["sender"] if o == ME else o for o in t["owners"]]
                for o in owners:
                    assert o == ALL or o in members, (mid, o)
                due, alt = resolve(t["rule"], d)
                alt = [a for a in alt] + [dt.date.fromisoformat(a) for a in t["alt"]]
                if t["alt_rule"]:
                    alt.append(resolve(t["alt_rule"], d)[0])
                assert due not in alt and len(set(alt)) == len(alt), (mid, "alt repeats due", due, alt)
                assert due is None or due >= d, (mid, "deadline before message", due)
                for a in alt:
                    assert a >= d, (mid, "alt before message")
                if t["time"]:
                    assert due is not None and re.fullmatch(r"\d\d:\d\d", t["time"])
                for key in ("et", "eo", "ed"):
                    assert t[key] is None or t[key] in text, (mid, key, t[key])
                assert not re.search(r"^请|麻烦|帮忙|一下$", t["title"]), (mid, "politeness in title", t["title"])
                assert not re.search(r"今天|明天|后天|今晚|明早|上午|下午|晚上|周[一二三四五六日末]|下周|号前|月底|月中|年底|节前|节后|之前|"
                                     r"尽快|马上|工作日|下班前|点前", t["title"]), \
                    (mid, "deadline word in title", t["title"])
                assert not any(x in t["title"] or (len(x) >= 3 and x[1:] in t["title"]) for x in members) and \
                    not any(p + x[0] in t["title"] for x in members for p in "小老"), (mid, "owner in title", t["title"])
                task = {"title": t["title"], "owners": owners,
                        "due_date": due.isoformat() if due else None, "due_time": t["time"]}
                if alt:
                    task["due_date_alt"] = [a.isoformat() for a in alt]
                if t["oalt"]:
                    task["owners_alt"] = [[m["sender"] if o == ME else o for o in oa] for oa in t["oalt"]]
                task["evidence"] = {"title": t["et"], "owner": t["eo"], "deadline": t["ed"]}
                tasks.append(task)
            tags = list(m["tags"])
            if any(t["owners"] == [] for t in tasks):
                assert "unassigned" in tags, (mid, "unassigned tag")
            if "context" in tags:
                assert reply is not None, (mid, "context without reply")
            row = {"id": mid, "chat": ch["chat"], "ts": ts.strftime("%Y-%m-%dT%H:%M:00+08:00"),
                   "sender": m["sender"], "members": members, "reply_to": reply, "text": text,
                   "tasks": tasks, "tags": tags}
            local[k] = row
            rows.append(row)
    assert len(rows) == 200
    assert [r["id"] for r in rows] == [f"k{i:03d}" for i in range(1, 201)]
    dev_texts = load_dev_texts()
    assert not any(r["text"] in dev_texts for r in rows), "dev sentence copied"
    neg = sum(not r["tasks"] for r in rows)
    assert 80 <= neg <= 90, ("negatives should be 40-45 %", neg)
    return rows


def load_dev_texts():
    p = "/work/shared/benchmarks/extraction/dev.jsonl"
    d = HERE
    for _ in range(6):
        c = os.path.join(d, "shared", "benchmarks", "extraction", "dev.jsonl")
        if os.path.exists(c):
            p = c
            break
        d = os.path.dirname(d)
    if not os.path.exists(p):
        return set()
    return {json.loads(l)["text"] for l in open(p, encoding="utf-8") if l.strip()}


def stats(rows):
    tm = [r for r in rows if r["tasks"]]
    tasks = [t for r in rows for t in r["tasks"]]
    return dict(messages=len(rows), task_messages=len(tm), tasks=len(tasks),
                negatives=sum(not r["tasks"] for r in rows),
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
