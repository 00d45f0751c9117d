#!/usr/bin/env python3
"""Build train_l.jsonl: 200 hand-written Chinese work-chat messages (8 teams x 25, ids l001-l200) with gold tasks.

Every text, title, owner and evidence span below is written by hand.  Deadlines are written as
*rules* (the phrase's meaning under the README conventions) and resolved here against the
message date and the official 2026 holiday / 调休 calendar.  No randomness is used.

The calendar, the rule resolver, the DSL and the checks are copied from build/train_k.py;
the teams, rosters, texts and titles are new.

usage: cd data/extract && python3 build/train_l.py        # writes train_l.jsonl
       python3 build/train_l.py -v                         # also prints every message with weekday and resolved tasks
"""
import json, os, re, sys, datetime as dt
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "train_l.jsonl")
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

# ======================================================== 1. power-grid repair crew (元旦 1/1-1/3 on duty, 1/4 调休 Sunday, 春节前 = 2/14 调休)
CHATS.append(dict(
    chat="power-repair", kind="电力抢修班 (power-grid repair crew)",
    members=["邝国梁", "郁建勋", "栾海生", "栾晓冬", "尚德明", "苑文静", "蒲永胜"],
    msgs=[
        M("01-01 02:15", "邝国梁", "元旦凌晨跳闸 城东10kV青石线 郁工海生晓冬现在出发 老尚在家守着调度电话",
          [T("出发去青石线处理跳闸", ["郁建勋", "栾海生", "栾晓冬"], et="青石线", eo="郁工海生晓冬"),
           T("在家守着调度电话", ["尚德明"], et="在家守着调度电话", eo="老尚")],
          tags=["title-address", "nickname"]),
        M("01-01 02:18", "栾晓冬", "收到 车库见"),
        M("01-01 04:40", "郁建勋", "找到了 12号杆的瓷瓶击穿 换完了 4:35送电成功 大家回去补觉吧😴"),
        M("01-01 10:20", "苑文静", "新年快乐🎉 昨晚抢修的工单我帮你们补录了 郁工回头在系统里签个字就行",
          [T("在系统里给抢修工单签字", ["郁建勋"], et="在系统里签个字", eo="郁工")], tags=["title-address"]),
        M("01-02 09:00", "邝国梁", "假期还没完 气象台说3号晚上有寒潮大风 各位3个工作日内把负责台区的线路隐患再过一遍 有问题拍照发群里",
          [T("把负责台区的线路隐患再过一遍", ALL, "wdays:3", et="负责台区的线路隐患再过一遍", eo="各位", ed="3个工作日内")]),
        M("01-02 09:12", "蒲永胜", "班长 4号周日也算上班吗？"),
        M("01-02 09:15", "苑文静", "算 4号调休 正常排班 别睡过头[捂脸]", reply=6),
        M("01-03 21:30", "尚德明", "风起来了 北郊那条线树枝压线 得有人明早带锯子过去清一下",
          [T("带锯子去北郊清压线的树枝", [], "tmr", et="带锯子过去清一下", ed="明早")], tags=["unassigned"]),
        M("01-03 21:34", "栾海生", "我住北郊 我去 七点前到现场",
          [T("带锯子去北郊清压线的树枝", ME, "tmr", "07:00", et="到现场", eo="我去", ed="七点前")],
          tags=["context"], reply=8),
        M("01-04 08:05", "栾海生", "树枝清完了 顺手把两根拉线也紧了一下"),
        M("01-04 11:30", "邝国梁", "@蒲永胜 仓库里的绝缘手套和验电器该送检了 这个归你 月底前弄完",
          [T("绝缘手套和验电器送检", ["蒲永胜"], "monthend", et="绝缘手套和验电器该送检了", eo="@蒲永胜", ed="月底前")]),
        M("01-05 07:50", "苑文静", "今天上午9点到11点营销系统停机维护 报修工单先手工登记"),
        M("01-05 14:20", "郁建勋", "青石线那个瓷瓶批次有问题 同批次的全线还有二十几只 要不要干脆全换了 回头开会再议吧"),
        M("01-06 16:40", "邝国梁", "全换 郁工出个更换方案 下周三前给我 材料清单文静对接物资部",
          [T("出瓷瓶更换方案", ["郁建勋"], "next:3", et="出个更换方案", eo="郁工", ed="下周三前"),
           T("对接物资部的材料清单", ["苑文静"], et="材料清单", eo="文静")],
          tags=["title-address", "nickname"], reply=13),
        M("01-07 19:10", "蒲永胜", "送检单位说要先预约 最早下周 我先约上了"),
        M("01-08 06:30", "尚德明", "早上好 今天零下8度 车库那台老皮卡又打不着火了 推了半天才着🥶"),
        M("01-09 10:00", "苑文静", "麻烦尚师傅把上个月的两票整理一下装订 安监下周要抽查",
          [T("把上个月的两票整理装订", ["尚德明"], et="上个月的两票整理一下装订", eo="尚师傅")], tags=["title-address"]),
        M("01-12 08:30", "邝国梁", "这周四市里领导来调研春节保供电 小蒲周三下班前把抢修车都洗一遍 海生也是周三前把应急发电车试运行一次 我周三下午去供电所对方案",
          [T("把抢修车都洗一遍", ["蒲永胜"], "wd:3", "18:00", et="把抢修车都洗一遍", eo="小蒲", ed="周三下班前"),
           T("应急发电车试运行一次", ["栾海生"], "wd:3", et="应急发电车试运行一次", eo="海生", ed="周三前"),
           T("去供电所对方案", ME, "wd:3", et="去供电所对方案", eo="我", ed="周三下午")],
          tags=["nickname"]),
        M("01-13 13:20", "栾晓冬", "发电车昨天我顺手试过了 油也加满了 海生你不用再跑一趟了", tags=["cancel"]),
        M("01-14 17:50", "蒲永胜", "车洗完了 累瘫 晚上谁请奶茶🧋"),
        M("01-16 22:40", "苑文静", "95598转来一个投诉 城南花园小区三栋一直电压低 老人说电热毯都热不起来 谁明天有空去测一下",
          [T("去城南花园小区三栋测电压", [], "tmr", et="去测一下", ed="明天")], tags=["unassigned"]),
        M("01-16 22:52", "尚德明", "我来 明天上午去",
          [T("去城南花园小区三栋测电压", ME, "tmr", eo="我来", ed="明天上午")], tags=["context"], reply=21),
        M("01-19 09:00", "邝国梁", "年前最后两周 各位手头的缺陷单月底前全部闭环 节前我要跟所里报零缺陷",
          [T("手头的缺陷单全部闭环", ALL, "monthend", et="手头的缺陷单", eo="各位", ed="月底前"),
           T("跟所里报零缺陷", ME, "prehol", et="跟所里报零缺陷", eo="我", ed="节前")]),
        M("01-21 15:15", "郁建勋", "瓷瓶更换方案发邝班长邮箱了 请查收"),
        M("01-23 18:30", "邝国梁", "方案看了 下周二停电更换 停电公告文静今明两天贴到小区 辛苦了",
          [T("把停电公告贴到小区", ["苑文静"], "tmr", et="停电公告", eo="文静", ed="今明两天")],
          tags=["nickname"], reply=24),
    ]))

# ======================================================== 2. investment-bank IPO team (春节 2/15-2/23, 2/14 + 2/28 调休)
CHATS.append(dict(
    chat="ipo-project", kind="投行IPO项目组 (investment-bank IPO team)",
    members=["阚志鹏", "宁远航", "柳婧", "穆子谦", "穆晓萱", "毕文博", "芦佳音"],
    msgs=[
        M("02-09 09:10", "阚志鹏", "交易所第二轮问询函昨晚到了 一共31个问题 先分工：\n财务类 毕老师牵头\n法律类 柳律\n业务类 子谦和晓萱\n佳音统稿\n内部10个工作日内出初稿",
          [T("牵头财务类问题", ["毕文博"], "wdays:10", et="财务类", eo="毕老师", ed="10个工作日内"),
           T("法律类问题出初稿", ["柳婧"], "wdays:10", et="法律类", eo="柳律", ed="10个工作日内"),
           T("业务类问题出初稿", ["穆子谦", "穆晓萱"], "wdays:10", et="业务类", eo="子谦和晓萱", ed="10个工作日内"),
           T("问询回复统稿", ["芦佳音"], "wdays:10", et="统稿", eo="佳音", ed="10个工作日内")],
          tags=["title-address", "nickname"]),
        M("02-09 09:25", "芦佳音", "收到🫡 统稿模板我下午发群里",
          [T("把统稿模板发群里", ME, "today", et="统稿模板", eo="我", ed="下午")]),
        M("02-09 11:40", "穆晓萱", "客户的董秘春节回老家了 说初十才回来 大家心里有个数"),
        M("02-10 20:15", "毕文博", "第7题应收账款那块 需要客户财务补一份账龄分析 我已经跟他们要了 说周五给"),
        M("02-11 09:30", "宁远航", "@穆子谦 辛苦把核查底稿里缺的银行流水清单拉一下哈 今天下班前",
          [T("拉核查底稿里缺的银行流水清单", ["穆子谦"], "today", "18:00", et="核查底稿里缺的银行流水清单", eo="@穆子谦", ed="今天下班前")]),
        M("02-11 09:33", "穆子谦", "好的宁总", reply=5),
        M("02-12 16:00", "柳婧", "法律部分的初稿进度60%了 律所内部复核要走流程 这个不归我控制[捂脸]"),
        M("02-12 16:20", "阚志鹏", "理解 那柳律节前先把已经写好的部分发一版出来 我们先看",
          [T("把已经写好的法律部分发一版", ["柳婧"], "prehol", et="已经写好的部分发一版", eo="柳律", ed="节前")],
          tags=["title-address"], reply=7),
        M("02-13 23:50", "芦佳音", "统稿v1放项目盘了 目前还差法律和第19题 这系统传个文件都麻烦死了😵"),
        M("02-14 10:00", "阚志鹏", "今天调休 明天开始放假 假期里问询回复不停 我初三到初五在线 有事打电话"),
        M("02-18 15:30", "宁远航", "交易所刚发通知 节后第一周要现场督导 督导组点名要看收入确认的底稿"),
        M("02-18 15:42", "阚志鹏", "收入确认那部分底稿谁有空今晚先梳理一遍 列个目录出来",
          [T("梳理收入确认的底稿 列目录", [], "today", et="梳理一遍", ed="今晚")], tags=["unassigned"], reply=11),
        M("02-18 16:05", "穆晓萱", "我来吧 反正在家也是刷剧😂 晚上十点前发群里",
          [T("梳理收入确认的底稿 列目录", ME, "today", "22:00", et="发群里", eo="我来", ed="晚上十点前")],
          tags=["context"], reply=12),
        M("02-24 08:45", "阚志鹏", "节后第一天 开工大吉🧧 督导组周四上午到 各位明天下班前把自己负责章节的底稿索引在核一遍",
          [T("把负责章节的底稿索引再核一遍", ALL, "tmr", "18:00", et="负责章节的底稿索引在核一遍", eo="各位", ed="明天下班前")]),
        M("02-24 09:10", "毕文博", "账龄分析客户补过来了 第7题我今天改完",
          [T("改完第7题", ME, "today", et="第7题", eo="我", ed="今天")]),
        M("02-25 14:00", "芦佳音", "请问督导要用的会议室订了吗 在哪一层？"),
        M("02-25 14:05", "宁远航", "订了 18楼小会议室 投影仪我试过了", reply=16),
        M("02-26 19:30", "阚志鹏", "督导今天提了5条意见 纪要我写好了在群文件 子谦那边出个整改清单 周六前给我 周六调休大家照常来",
          [T("出整改清单", ["穆子谦"], "wd:6", et="出个整改清单", eo="子谦", ed="周六前")], tags=["nickname"]),
        M("02-27 10:10", "柳婧", "各位 关于第22题实际控制人认定那段 律所的口径改了 以我今天发的版本为准 旧的别用了"),
        M("03-02 09:00", "阚志鹏", "年报数据出来了 申报材料要加审到12月31日 毕老师那边的审计报告什么时候能出？",
          [T("出审计报告", ["毕文博"], et="审计报告", eo="毕老师")], tags=["title-address"]),
        M("03-02 09:20", "毕文博", "现场还剩三天 报告15号前出给你",
          [T("出审计报告", ME, "day:15", et="报告", ed="15号前")], tags=["context"], reply=20),
        M("03-04 11:00", "穆子谦", "整改清单5条都该完了 督导组那边确认通过👌"),
        M("03-06 17:45", "宁远航", "下周三跟保荐机构内核开会 佳音 会前把问询回复的全文打印三份 用长尾夹别装订",
          [T("把问询回复的全文打印三份", ["芦佳音"], "next:3", et="问询回复的全文打印三份", eo="佳音", ed="会前")],
          tags=["implicit", "nickname"]),
        M("03-09 09:30", "阚志鹏", "内核会改到周四下午了 地点不变 还是28楼"),
        M("03-13 18:20", "阚志鹏", "内核通过了🎉 下周一正式申报 佳音周日晚上前把申报文件的电子版按交易所要求的目录打包好 交给你了",
          [T("把申报文件的电子版按目录打包好", ["芦佳音"], "wd:7", et="申报文件的电子版", eo="佳音", ed="周日晚上前")],
          tags=["nickname"]),
    ]))

# ======================================================== 3. pig farm (春防, 清明 4/4-4/6, 节后上班第一天)
CHATS.append(dict(
    chat="pig-farm", kind="生猪养殖场 (pig farm)",
    members=["冀广生", "鄢春花", "鄢德旺", "洪立本", "靳晓梅", "桑志勇"],
    msgs=[
        M("03-16 06:50", "冀广生", "这周开始春防 口蹄疫和猪瘟的疫苗洪老师排个免疫计划 明天给我",
          [T("排口蹄疫和猪瘟的免疫计划", ["洪立本"], "tmr", et="排个免疫计划", eo="洪老师", ed="明天")],
          tags=["title-address"]),
        M("03-16 07:05", "洪立本", "好 疫苗库存我先盘一下",
          [T("盘疫苗库存", ME, et="疫苗库存", eo="我")], reply=1),
        M("03-16 10:30", "桑志勇", "3号育肥舍的水帘有一块破了 风一吹哗哗漏"),
        M("03-16 10:41", "鄢德旺", "下午我拿块新的过去换上",
          [T("换3号育肥舍的水帘", ME, "today", et="换上", eo="我", ed="下午")], tags=["context"], reply=3),
        M("03-17 19:20", "洪立本", "免疫计划发了 请冀总审阅 另外分娩舍那批仔猪周四断奶 断奶前得有人把保育舍提前消毒空栏",
          [T("审阅免疫计划", ["冀广生"], et="审阅", eo="冀总"),
           T("把保育舍消毒空栏", [], "wd:4", et="保育舍提前消毒空栏", ed="断奶前")],
          tags=["title-address", "unassigned", "implicit"]),
        M("03-17 19:35", "桑志勇", "保育舍我明天弄 消毒水还有半桶够用",
          [T("把保育舍消毒空栏", ME, "tmr", et="保育舍", eo="我", ed="明天")], tags=["context"], reply=5),
        M("03-18 08:00", "冀广生", "计划没问题 按这个打", reply=5),
        M("03-18 15:10", "靳晓梅", "跟大家说下 下周一起外来车辆一律在洗消中心洗完烘干才能进场 饲料车也一样 门卫那边我通知了"),
        M("03-19 22:40", "鄢春花", "18号母猪今晚要生了胎位好像不太对洪老师你睡了没"),
        M("03-19 22:43", "洪立本", "没睡 我马上过去 你先把助产的手套和润滑剂准备好",
          [T("过去看18号母猪生产", ME, et="马上过去", eo="我"),
           T("准备助产的手套和润滑剂", ["鄢春花"], et="助产的手套和润滑剂", eo="你")],
          tags=["context"], reply=9),
        M("03-20 06:10", "鄢春花", "生了14头 活了13头 母猪也没事 谢谢洪老师🙏"),
        M("03-23 09:00", "冀广生", "月底市环保局来查粪污处理 德旺把沼液池的台帐补齐 晓梅把这半年的粪污资源化利用记录打出来 都这周内",
          [T("把沼液池的台帐补齐", ["鄢德旺"], "thisweek", et="沼液池的台帐补齐", eo="德旺", ed="这周内"),
           T("把半年的粪污资源化利用记录打出来", ["靳晓梅"], "thisweek", et="粪污资源化利用记录打出来", eo="晓梅", ed="这周内")],
          tags=["nickname"]),
        M("03-24 13:30", "桑志勇", "料塔的饲料只够三天了 得赶紧跟饲料厂下单",
          [T("跟饲料厂下单", [], et="跟饲料厂下单")], tags=["unassigned"]),
        M("03-24 13:40", "靳晓梅", "下单的事我来 今天就打电话",
          [T("跟饲料厂下单", ME, "today", et="下单的事", eo="我来", ed="今天")], tags=["context"], reply=13),
        M("03-25 11:00", "鄢德旺", "通报一下 隔壁县有个场发现非瘟了 离我们80公里 现在封了"),
        M("03-25 11:20", "冀广生", "所有人从今天起非必要不出场 进场一律洗澡换衣隔离48小时 老洪麻烦把生物安全的流程再给大家培训一遍 明天下午3点 会议室",
          [T("把生物安全的流程再培训一遍", ["洪立本"], "tmr", "15:00", et="生物安全的流程再给大家培训一遍", eo="老洪", ed="明天下午3点")],
          tags=["nickname"], reply=15),
        M("03-27 17:30", "靳晓梅", "粪污记录打好了 一共86页 放冀总办公室了"),
        M("03-30 08:15", "冀广生", "清明前最后一批出栏 德旺节前跟屠宰场把车约好 小桑明天把要出栏的120头挑出来打上记号",
          [T("跟屠宰场把车约好", ["鄢德旺"], "prehol:清明节", et="跟屠宰场把车约好", eo="德旺", ed="节前"),
           T("把要出栏的120头挑出来打记号", ["桑志勇"], "tmr", et="要出栏的120头挑出来", eo="小桑", ed="明天")],
          tags=["nickname"]),
        M("03-31 16:00", "桑志勇", "挑好了 耳朵上都喷了红漆"),
        M("04-02 09:20", "鄢德旺", "屠宰场说3号早上6点来车 需要四个人装车",
          [T("四个人装车", [], "day:3", "06:00", et="四个人装车", ed="3号早上6点来车")], tags=["unassigned", "implicit"]),
        M("04-02 09:30", "冀广生", "德旺春花小桑加我 四个人够了 明早出猪台见",
          [T("出猪台装车", ["鄢德旺", "鄢春花", "桑志勇", ME], "tmr", et="出猪台", eo="德旺春花小桑加我", ed="明早")],
          tags=["context", "nickname"], reply=20),
        M("04-05 10:00", "洪立本", "清明值班巡了一圈 2号舍有头猪不太吃料 已经隔离观察 节后上班第一天我抽个血送检",
          [T("给2号舍那头猪抽血送检", ME, "after", et="抽个血送检", eo="我", ed="节后上班第一天")]),
        M("04-07 08:30", "冀广生", "节后上班 各位把假期里各舍的存栏和死淘数今天报给@靳晓梅 晓梅汇总了月中前报集团",
          [T("报各舍的存栏和死淘数", ALL, "today", et="各舍的存栏和死淘数", eo="各位", ed="今天"),
           T("汇总存栏和死淘数报集团", ["靳晓梅"], "day:15", et="汇总了", eo="晓梅", ed="月中前")],
          tags=["nickname"]),
        M("04-10 14:00", "桑志勇", "洪老师 2号舍那头猪还是不吃 体温40.8 你抽空来看看吧",
          [T("来看2号舍那头猪", ["洪立本"], et="来看看", eo="洪老师")], tags=["title-address"]),
        M("04-14 18:00", "冀广生", "明天集团检查取消了 改到下个月 之前准备的材料先收着", tags=["cancel"]),
    ]))

# ======================================================== 4. metro station staff (劳动节 5/1-5/5, 5/9 调休 Saturday)
CHATS.append(dict(
    chat="metro-station", kind="地铁站务 (metro station staff)",
    members=["郜天成", "仇丽萍", "伏俊", "巩丽", "巩志成", "闵慧", "甄浩"],
    msgs=[
        M("04-20 07:10", "仇丽萍", "早高峰B口闸机又有两台卡币 已经报AFC了"),
        M("04-20 09:30", "郜天成", "五一要延长运营到凌晨1点 集团要求各站报大客流组织方案 巩志成牵头写 闵慧把去年五一的进出站数据调出来给他 周五前",
          [T("写大客流组织方案", ["巩志成"], "wd:5", et="大客流组织方案", eo="巩志成", ed="周五前"),
           T("把去年五一的进出站数据调出来", ["闵慧"], "wd:5", et="去年五一的进出站数据调出来", eo="闵慧", ed="周五前")]),
        M("04-20 09:32", "巩志成", "好的郜站", reply=2),
        M("04-21 14:00", "甄浩", "安检机的射线源厂家说下周二来换 那天上午安检只能开一个通道"),
        M("04-22 23:40", "伏俊", "末班车后巡站发现3号口卫生间水龙头关不上一直流我先把总阀关了明天得找人修",
          [T("找人修3号口卫生间水龙头", [], "tmr", et="找人修", ed="明天")], tags=["unassigned"]),
        M("04-23 08:10", "仇丽萍", "修的事我报给物业 上午就报",
          [T("报物业修卫生间水龙头", ME, "today", et="报给物业", eo="我", ed="上午")], tags=["context"], reply=5),
        M("04-24 16:50", "巩志成", "方案初稿在OA上了 郜站有空看一眼",
          [T("看方案初稿", ["郜天成"], et="方案初稿", eo="郜站")], tags=["title-address"]),
        M("04-26 10:00", "郜天成", "方案我改了几处 下周三集团评审 志成会前把PPT做出来 十页以内",
          [T("把方案的PPT做出来", ["巩志成"], "next:3", et="把PPT做出来", eo="志成", ed="会前")],
          tags=["implicit", "nickname"], reply=7),
        M("04-27 12:20", "闵慧", "票亭的找零硬币快用完了 中午没人换 谁下午去趟银行",
          [T("去银行换找零硬币", [], "today", et="去趟银行", ed="下午")], tags=["unassigned"]),
        M("04-27 12:26", "伏俊", "我下午两点去 顺便把上周的营收款存了",
          [T("去银行换找零硬币", ME, "today", "14:00", eo="我", ed="下午两点"),
           T("把上周的营收款存了", ME, "today", "14:00", et="上周的营收款存了", eo="我", ed="下午两点")],
          tags=["context"], reply=9),
        M("04-28 18:30", "郜天成", "五一期间全员取消休假 排班表发群里了 有问题今晚找我调"),
        M("04-29 17:00", "巩志成", "评审过了 集团说我们站的方案可以当模板👍"),
        M("04-30 15:00", "郜天成", "明天起大客流 分工再明确一下\n1.仇姐 今晚收车后把站厅的导流栏杆摆好\n2.小伏 负责A口外面排队的秩序\n3.甄浩 安检加开到三个通道\n4.巩丽 广播和乘客引导\n有事对讲机喊",
          [T("把站厅的导流栏杆摆好", ["仇丽萍"], "today", et="站厅的导流栏杆摆好", eo="仇姐", ed="今晚收车后", alt_rule="tmr"),
           T("负责A口外面排队的秩序", ["伏俊"], et="A口外面排队的秩序", eo="小伏", alt_rule="tmr"),
           T("安检加开到三个通道", ["甄浩"], et="安检加开到三个通道", eo="甄浩", alt_rule="tmr"),
           T("广播和乘客引导", ["巩丽"], et="广播和乘客引导", eo="巩丽", alt_rule="tmr")],
          tags=["title-address", "nickname"]),
        M("05-01 08:40", "巩丽", "早上7点到8点进站量是平时的三倍 站厅已经满了 A口开始限流"),
        M("05-01 21:15", "伏俊", "有个小朋友跟家长走散了 已经送到客服中心 广播找到家长了 虚惊一场"),
        M("05-02 11:00", "仇丽萍", "2号电扶梯异响 已停梯 维保说下午来人 停梯期间需要有人在梯口引导乘客走楼梯",
          [T("在梯口引导乘客走楼梯", [], et="在梯口引导乘客走楼梯", alt_rule="today")], tags=["unassigned"]),
        M("05-02 11:05", "甄浩", "安检这会儿人不多 我过去",
          [T("在梯口引导乘客走楼梯", ME, et="我过去", eo="我", alt_rule="today")], tags=["context"], reply=16),
        M("05-04 22:00", "郜天成", "明天假期最后一天 返程客流大 晚高峰可能要延长限流 大家辛苦再坚持一天💪"),
        M("05-06 09:30", "郜天成", "假期总结 各岗位3个工作日内交一份书面小结给巩志成 他汇总",
          [T("交一份书面小结", ALL, "wdays:3", et="书面小结", eo="各岗位", ed="3个工作日内"),
           T("汇总书面小结", ["巩志成"], et="汇总", eo="他")]),
        M("05-06 09:40", "巩丽", "9号周六调休上班吧？我记得是"),
        M("05-06 09:42", "仇丽萍", "对 9号正常上班 按周一的班表", reply=20),
        M("05-08 14:20", "闵慧", "刚收到集团通知 下周三上午全线消防演练 我们站是重点站 要拍视频报上去"),
        M("05-08 14:35", "郜天成", "演练的事交给小伏了 脚本下周一前给我 视频巩丽负责拍",
          [T("写消防演练脚本", ["伏俊"], "next:1", et="脚本", eo="小伏", ed="下周一前"),
           T("拍消防演练视频", ["巩丽"], et="视频", eo="巩丽", alt=["2026-05-13"])],
          tags=["context", "nickname"], reply=22),
        M("05-11 16:00", "伏俊", "脚本改了两稿 刚发郜站了 您看下还有没有要补的",
          [T("看演练脚本还有没有要补的", ["郜天成"], et="还有没有要补的", eo="郜站")], tags=["title-address"]),
        M("05-15 19:00", "巩丽", "演练视频剪好了 集团说我们站拍得最好 今晚加鸡腿🍗"),
    ]))

# ======================================================== 5. cross-border e-commerce ops (端午 6/19-6/21, Prime Day prep)
CHATS.append(dict(
    chat="crossborder-ops", kind="跨境电商运营 (cross-border e-commerce ops)",
    members=["庄梓萌", "晁宇", "芮嘉", "雍磊", "鞠安琪", "鞠浩"],
    msgs=[
        M("06-08 09:15", "庄梓萌", "Prime Day定在7月中 LD的提报窗口本周五截止 @晁宇 把要报的十个ASIN的价格和库存核一遍 周四前发我",
          [T("把要报的ASIN的价格和库存核一遍", ["晁宇"], "wd:4", et="十个ASIN的价格和库存核一遍", eo="@晁宇", ed="周四前")]),
        M("06-08 09:40", "鞠浩", "主推那款便携榨汁杯FBA只剩600件了 按现在的速度两周就断货"),
        M("06-08 09:52", "庄梓萌", "那得马上补 头程走海运来不及 雍哥看看空运加一批 多少钱报我",
          [T("看看空运加一批 报价", ["雍磊"], et="空运加一批", eo="雍哥")], tags=["title-address"], reply=2),
        M("06-08 14:30", "雍磊", "问了两家货代 空运到美西一公斤46 今天下班前我把比价表发你",
          [T("把空运比价表发过去", ME, "today", "18:00", et="比价表", eo="我", ed="今天下班前")], reply=3),
        M("06-09 10:05", "芮嘉", "A+页面的新图做好了 传到后台了 审核一般要两三天"),
        M("06-09 22:30", "鞠安琪", "今天又来两个差评 都说榨汁杯的充电口松 截图在这[图片][图片]"),
        M("06-09 22:41", "鞠浩", "我明天跟工厂开个会 让他们查一下这批的充电口",
          [T("跟工厂开会查这批的充电口", ME, "tmr", et="跟工厂开个会", eo="我", ed="明天")], reply=6),
        M("06-10 11:00", "庄梓萌", "端午放三天 工厂19号就停工了 节前鞠浩和工厂把补货的交期确认掉 雍磊把订舱搞定",
          [T("和工厂确认补货的交期", ["鞠浩"], "prehol", et="补货的交期确认掉", eo="鞠浩", ed="节前"),
           T("把订舱搞定", ["雍磊"], "prehol", et="把订舱搞定", eo="雍磊", ed="节前")]),
        M("06-10 11:03", "鞠浩", "👌 交期我今天就问",
          [T("和工厂确认补货的交期", ME, "today", et="交期", eo="我", ed="今天")], tags=["context"], reply=8),
        M("06-11 16:40", "晁宇", "十个ASIN核完了 有两个库存不够报LD的门槛 换成了备选的那两款 表在飞书"),
        M("06-12 09:30", "鞠安琪", "最近退货率上来了 得有人把近30天的退货原因拉一下做个分析 我这边人手不够[捂脸]",
          [T("把近30天的退货原因拉出来做分析", [], et="近30天的退货原因")], tags=["unassigned"]),
        M("06-12 09:48", "芮嘉", "我这周后台的活不多 我来 下周一给你",
          [T("把近30天的退货原因拉出来做分析", ME, "next:1", eo="我来", ed="下周一")], tags=["context"], reply=11),
        M("06-15 20:00", "晁宇", "汇报一下 上周SP广告ACOS从31%降到24% 关掉了12个烧钱的词 否定词这周内我再梳理一遍",
          [T("梳理否定词", ME, "thisweek", et="否定词", eo="我", ed="这周内", alt=["2026-06-18"])]),
        M("06-16 10:10", "庄梓萌", "晁宇 广告做得不错👍 Prime Day的预算方案你抽空做一版 下个月1号前给我就行",
          [T("做一版Prime Day的预算方案", ["晁宇"], "nm:1", et="Prime Day的预算方案", eo="晁宇", ed="下个月1号前")], reply=13),
        M("06-16 15:20", "雍磊", "订舱订好了 6月26号开船 7月10号左右到港 赶Prime Day有点悬"),
        M("06-17 11:30", "庄梓萌", "悬也得赶 到港后的清关和派送你提前跟海外仓打好招呼",
          [T("跟海外仓打好招呼 安排清关和派送", ["雍磊"], et="跟海外仓打好招呼", eo="你")], tags=["context"], reply=15),
        M("06-17 15:00", "鞠安琪", "有个买家说收到的榨汁杯是二手的 盒子拆过 要全额退款 鞠浩你那边查一下这批是不是退货重新上架的",
          [T("查这批是不是退货重新上架的", ["鞠浩"], et="退货重新上架", eo="鞠浩你")]),
        M("06-18 18:10", "鞠安琪", "端午客服值班表：19号我 20号鞠浩 21号庄总 有急事打电话"),
        M("06-20 13:00", "鞠安琪", "值班报告 今天回了47封邮件 有个德国客户要退一整箱 已经按流程处理了"),
        M("06-22 09:00", "庄梓萌", "节后第一天 几件事\n1 芮嘉把退货分析的结论整理成两页 周三例会上讲\n2 安琪把端午期间的差评全部回复一遍 今天之内\n3 晁宇 Prime Day的coupon设置今明两天弄好",
          [T("把退货分析的结论整理成两页", ["芮嘉"], "wd:3", et="退货分析的结论整理成两页", eo="芮嘉", ed="周三例会上讲"),
           T("把端午期间的差评全部回复", ["鞠安琪"], "today", et="差评全部回复一遍", eo="安琪", ed="今天之内"),
           T("Prime Day的coupon设置", ["晁宇"], "tmr", et="coupon设置", eo="晁宇", ed="今明两天")],
          tags=["implicit", "nickname"]),
        M("06-22 10:30", "鞠安琪", "刚跟晁宇对过了 coupon他那边在弄了"),
        M("06-24 17:00", "芮嘉", "退货分析讲完了 主要问题还是充电口和说明书 说明书我周五前重新排版一下 加个英德法三语版本",
          [T("重新排版说明书 加英德法三语版本", ME, "wd:5", et="说明书我周五前重新排版", eo="我", ed="周五前")]),
        M("06-29 10:20", "鞠浩", "工厂说换模具要两周 新批次最快7月下旬到 这次Prime Day只能先用老货了"),
        M("06-30 21:00", "雍磊", "海外仓那边打过招呼了 他们到时候加班卸柜 不过卸柜费要加20%", reply=16),
        M("07-03 11:30", "庄梓萌", "卸柜费加就加吧 合同今天务必回签 雍哥你找法务走个加急",
          [T("找法务加急回签合同", ["雍磊"], "today", et="找法务走个加急", eo="雍哥你", ed="今天务必")],
          tags=["title-address"], reply=24),
    ]))

# ======================================================== 6. shipyard production planning (summer, typhoon, 下下周一, 9月10号, 三天内)
CHATS.append(dict(
    chat="shipyard-plan", kind="船厂生产计划 (shipyard production planning)",
    members=["寇建业", "牟新民", "贝晓宁", "姬红", "宗涛", "宗雅丽", "戈振"],
    msgs=[
        M("07-20 08:00", "寇建业", "本周计划 H1208船12到15分段上船台合拢 牟主任那边周五前吊装到位 姬姐盯一下钢板到货",
          [T("12到15分段吊装到位", ["牟新民"], "wd:5", et="吊装到位", eo="牟主任", ed="周五前"),
           T("盯钢板到货", ["姬红"], et="钢板到货", eo="姬姐")], tags=["title-address"]),
        M("07-20 08:15", "姬红", "钢板那批厂家说周三发货 我天天催着呢"),
        M("07-21 13:40", "宗雅丽", "高温预警 今天下午2点到4点露天作业暂停 大家注意防暑 绿豆汤在食堂"),
        M("07-22 10:00", "戈振", "船东代表提了个意见 说14分段的焊缝外观不合格 要求返修后再报验"),
        M("07-22 10:12", "寇建业", "返修的事宗雅丽你跟一下 后天上午报验",
          [T("跟14分段焊缝返修 重新报验", ["宗雅丽"], "dat", et="返修的事", eo="宗雅丽你", ed="后天上午")],
          tags=["context"], reply=4),
        M("07-23 17:30", "宗雅丽", "返修完了 探伤也做了 明天上午报验的事戈工你今天跟船东代表约好时间",
          [T("跟船东代表约好报验时间", ["戈振"], "today", et="跟船东代表约好时间", eo="戈工你", ed="今天")],
          tags=["title-address"]),
        M("07-24 16:00", "牟新民", "4个分段都吊上去了 合拢口下周开始焊"),
        M("07-27 08:30", "寇建业", "气象台说台风周四可能登陆 各车间周三下班前把露天的分段和设备全部加固 龙门吊锚定 晓宁把防台检查表发下去",
          [T("把露天的分段和设备全部加固 龙门吊锚定", ALL, "wd:3", "18:00", et="露天的分段和设备全部加固", eo="各车间", ed="周三下班前"),
           T("把防台检查表发下去", ["贝晓宁"], et="防台检查表发下去", eo="晓宁")], tags=["nickname"]),
        M("07-27 08:40", "宗涛", "涂装车间有两个分段刚喷完底漆 还没干透 挪不进厂房", reply=8),
        M("07-27 09:05", "牟新民", "挪不了就地加固 你那边下午先用缆绳绑上 我让人去帮你",
          [T("用缆绳把两个分段绑上", ["宗涛"], "today", et="先用缆绳绑上", eo="你", ed="下午"),
           T("让人去帮着绑分段", ME, "today", et="让人去帮你", eo="我")], tags=["context"], reply=9),
        M("07-29 19:00", "贝晓宁", "防台检查表都收回来了 只有二号码头龙门吊的锚定销有一个是坏的 已近找机修换了"),
        M("07-30 14:00", "寇建业", "台风转向了 没登陆 明天正常开工 受影响的进度下周一计划会上再调"),
        M("08-03 09:00", "寇建业", "H1208下水日期定了 9月18号 倒排一下：\n舾装件8月底前全部到厂 姬姐负责；\n涂装9月10号前完工 宗涛负责；\n晓宁把倒排计划做成甘特图 下下周一前发给船东",
          [T("舾装件全部到厂", ["姬红"], "monthend", et="舾装件", eo="姬姐", ed="8月底前"),
           T("涂装完工", ["宗涛"], "date:09-10", et="涂装", eo="宗涛", ed="9月10号前"),
           T("把倒排计划做成甘特图发给船东", ["贝晓宁"], "nn:1", et="倒排计划做成甘特图", eo="晓宁", ed="下下周一前")],
          tags=["title-address", "nickname"]),
        M("08-04 10:30", "姬红", "寇经理 锚机供应商说要9月5号才能到 赶不上月底"),
        M("08-04 10:50", "寇建业", "锚机单独处理 你跟供应商谈 让他们分批发 先发锚机本体 三天内给我个准信",
          [T("跟锚机供应商谈分批发", ["姬红"], "days:3", et="跟供应商谈", eo="你", ed="三天内")], tags=["context"], reply=14),
        M("08-06 16:00", "戈振", "船检那边通知 下周二来做检查 具体项目还没发过来 我下午再去问问",
          [T("问船检的具体检查项目", ME, "today", et="具体项目", eo="我", ed="下午")]),
        M("08-07 09:30", "牟新民", "下周二船检来 谁去陪检？我那天要去集团开会",
          [T("陪船检", [], "next:2", et="陪检", ed="下周二")], tags=["unassigned", "implicit"]),
        M("08-07 09:36", "戈振", "我去 本来就是我对接的",
          [T("陪船检", ME, "next:2", eo="我去")], tags=["context"], reply=17),
        M("08-10 20:00", "宗涛", "最近连着下雨 湿度太大喷不了漆 涂装进度落后3天了[流泪]"),
        M("08-11 08:30", "寇建业", "涂装落后的3天 宗涛你出个赶工方案 周末加班能不能追回来 明天中午前给我",
          [T("出涂装赶工方案", ["宗涛"], "tmr", "12:00", et="出个赶工方案", eo="宗涛你", ed="明天中午前")], reply=19),
        M("08-12 11:50", "宗涛", "方案发您了 请查收 周末两天加班 需要姬姐那边多备20桶面漆",
          [T("多备20桶面漆", ["姬红"], et="多备20桶面漆", eo="姬姐")], tags=["title-address"]),
        M("08-14 15:00", "贝晓宁", "甘特图做好了 戈工帮忙看下有没有漏的节点 我下周一前发船东",
          [T("看甘特图有没有漏的节点", ["戈振"], et="有没有漏的节点", eo="戈工"),
           T("把甘特图发船东", ME, "next:1", et="发船东", eo="我", ed="下周一前")], tags=["title-address"]),
        M("08-19 10:00", "姬红", "锚机供应商同意分批了 本体28号到 附件9月初 附件那批回头我再追一下",
          [T("追锚机附件那批", ME, et="附件那批", eo="我")]),
        M("08-24 09:00", "寇建业", "下周一集团来检查下水准备情况 各位把各自的节点完成情况这周五下午4点前报给晓宁 晓宁汇总成一页纸",
          [T("把各自的节点完成情况报上来", ALL, "this:5", "16:00", et="各自的节点完成情况", eo="各位", ed="这周五下午4点前"),
           T("汇总成一页纸", ["贝晓宁"], et="汇总成一页纸", eo="晓宁", alt_rule="next:1")], tags=["nickname"]),
        M("08-28 17:20", "贝晓宁", "汇总号了 一页纸放寇经理桌上了 周末愉快☀️"),
    ]))

# ======================================================== 7. township health centre (9/20 调休 Sunday, 中秋 9/25-27, 国庆 10/1-7, 10/10 调休)
CHATS.append(dict(
    chat="township-clinic", kind="乡镇卫生院 (township health centre)",
    members=["郦国平", "伊红霞", "卞玉洁", "卞向东", "荀晓光", "臧冬梅"],
    msgs=[
        M("09-14 08:10", "郦国平", "县卫健委通知 65岁以上老人免费体检10月底前要完成 目前才做了一半 @荀晓光 你把还没体检的名单按村分好 明天发给各村村医",
          [T("把还没体检的名单按村分好发给村医", ["荀晓光"], "tmr", et="还没体检的名单按村分好", eo="@荀晓光", ed="明天")]),
        M("09-14 08:30", "荀晓光", "好的院长", reply=1),
        M("09-15 10:00", "卞玉洁", "流感疫苗到了 400支 已经入冷库 温度记录正常"),
        M("09-15 14:20", "伊红霞", "下周开始打流感疫苗 需要在大厅设一个接种点 桌椅和隔断周末前得摆好",
          [T("在大厅设接种点 摆好桌椅和隔断", [], "weekend", et="桌椅和隔断", ed="周末前")], tags=["unassigned"]),
        M("09-15 14:28", "卞向东", "周日不是调休上班嘛 我那天一早就弄",
          [T("摆好接种点的桌椅和隔断", ME, "wd:7", eo="我", ed="周日")], tags=["context"], reply=4),
        M("09-16 16:45", "臧冬梅", "我来说下 上半年的绩效明细出来了 在OA里自己看 有疑问的找我"),
        M("09-17 09:20", "伊红霞", "昨天上河村转上去的那个胸痛老人 县医院说是急性心梗 已经放支架了 幸亏转得快"),
        M("09-17 11:00", "郦国平", "中秋前要把第三季度的慢病随访数据上报 小荀辛苦牵头 伊主任配合把高血压那部分核一下",
          [T("牵头上报第三季度的慢病随访数据", ["荀晓光"], "prehol:中秋节", et="第三季度的慢病随访数据上报", eo="小荀", ed="中秋前"),
           T("核高血压那部分的随访数据", ["伊红霞"], "prehol:中秋节", et="高血压那部分核一下", eo="伊主任", ed="中秋前")],
          tags=["nickname", "title-address"]),
        M("09-18 15:30", "荀晓光", "随访有二十几个村民电话一直打不通 是不是号码都换了"),
        M("09-18 15:50", "伊红霞", "打不通的让村医上门 你把名单给卞向东 他下周一去村卫生室开会的时候带过去",
          [T("把打不通电话的村民名单交过去", ["荀晓光"], et="名单", eo="你"),
           T("把名单带到村卫生室", ["卞向东"], "next:1", et="带过去", eo="他", ed="下周一")],
          tags=["context"], reply=9),
        M("09-20 08:00", "卞玉洁", "今天调休上班 流感疫苗接种点摆好了 明天正式开打"),
        M("09-21 12:10", "臧冬梅", "大家注意 中秋国庆连着 医保结算系统28号晚上升级 那天下午5点后暂停刷卡"),
        M("09-22 09:00", "郦国平", "国庆假期值班表今天下午我排好发群里 各位有特殊情况的今天中午前私聊我",
          [T("排好国庆假期值班表发群里", ME, "today", et="值班表", eo="我", ed="今天下午")]),
        M("09-22 09:20", "卞向东", "药房的硝苯地平和二甲双胍只够一周了 节前必须补一批 不然假期断药",
          [T("补一批硝苯地平和二甲双胍", [], "prehol", et="补一批", ed="节前", oalt=[[ME]])], tags=["unassigned"]),
        M("09-22 09:35", "郦国平", "你直接跟县医药公司下单 明天就下 钱的事臧姐那边走流程",
          [T("跟县医药公司下单补药", ["卞向东"], "tmr", et="跟县医药公司下单", eo="你", ed="明天"),
           T("走购药款的流程", ["臧冬梅"], et="走流程", eo="臧姐")], tags=["context", "title-address"], reply=14),
        M("09-24 17:40", "伊红霞", "明天中秋了 提前祝大家节日快乐🥮 门诊明天上午照常开 我值班"),
        M("09-26 10:15", "卞玉洁", "中秋值班 上午来了个孩子手被开水烫了 处理完回去了 别的没事"),
        M("09-28 08:20", "郦国平", "节后上班 国庆前就剩三天 荀晓光把体检的进度表国庆前更新一版 没体检的老人还有多少 心里要有数",
          [T("把体检的进度表更新一版", ["荀晓光"], "prehol:国庆节", et="体检的进度表", eo="荀晓光", ed="国庆前")]),
        M("09-28 08:45", "荀晓光", "目前还差312人 主要是外出打工还没回来的", reply=18),
        M("09-29 14:00", "臧冬梅", "国庆期间院里的车谁用要提前登记 钥匙在我这 另外30号下午大扫除 各科室把自己的区域收拾干净",
          [T("把自己的区域收拾干净", ALL, "day:30", et="自己的区域收拾干净", eo="各科室", ed="30号下午")]),
        M("10-03 19:30", "卞向东", "值班汇报 今天120转了一个车祸的 伤得不重 县医院接了"),
        M("10-08 08:30", "郦国平", "收假了 这周六10号调休正常上班 剩下的312人 伊主任卞玉洁各带一组下村 小荀统筹 10月底前必须完成",
          [T("各带一组下村做体检", ["伊红霞", "卞玉洁"], "monthend:10", et="各带一组下村", eo="伊主任卞玉洁", ed="10月底前"),
           T("统筹剩下的体检", ["荀晓光"], "monthend:10", et="统筹", eo="小荀", ed="10月底前")],
          tags=["title-address", "nickname"]),
        M("10-10 07:50", "卞玉洁", "今天调休 我们组去上河村 血压计和血糖仪我都装车了"),
        M("10-13 16:30", "伊红霞", "我这组这周做了98个 有3个老人血糖很高 建议转县医院复查 需要有人联系家属",
          [T("联系血糖很高的老人的家属", [], et="联系家属")], tags=["unassigned"]),
        M("10-16 11:00", "荀晓光", "家属我来联系 今天下班前都打一遍",
          [T("联系血糖很高的老人的家属", ME, "today", "18:00", et="家属我来联系", eo="我来", ed="今天下班前")],
          tags=["context"], reply=24),
    ]))

# ======================================================== 8. drone line-inspection team (11月-12月, 月底, 5号 -> next month, 12月25号, 年底)
CHATS.append(dict(
    chat="drone-patrol", kind="无人机巡检队 (drone inspection team)",
    members=["邰俊辉", "佘文龙", "仝欣", "阙明", "楚瑶", "楚振江", "胥凯"],
    msgs=[
        M("11-02 08:30", "邰俊辉", "11月任务下来了 220kV东湖线和南岭线精细化巡检 一共386基塔 大家月底前全部飞完 胥凯这周内把两条线的空域申报做了",
          [T("两条线386基塔全部飞完", ALL, "monthend", et="全部飞完", eo="大家", ed="月底前"),
           T("把两条线的空域申报做了", ["胥凯"], "thisweek", et="两条线的空域申报", eo="胥凯", ed="这周内")]),
        M("11-02 08:33", "阙明", "收到👌 东湖线那段靠近机场 要注意限高", reply=1),
        M("11-03 14:00", "楚振江", "电池做了一遍体检 有6块循环次数过了300 鼓包了两块 已经隔离 需要补采购8块",
          [T("补采购8块电池", [], et="补采购8块", oalt=[[ME]])], tags=["unassigned"]),
        M("11-03 14:20", "邰俊辉", "采购的事我来走流程 振江你把型号和数量写个申请单 大后天给我",
          [T("走电池采购流程", ME, et="采购的事我来走流程", eo="我来"),
           T("写电池采购申请单", ["楚振江"], "days:3", et="写个申请单", eo="振江你", ed="大后天")],
          tags=["context", "nickname"], reply=3),
        M("11-05 17:30", "胥凯", "空域批下来了 东湖线下周一到周五 南岭线下下周 每天早8点到下午5点"),
        M("11-06 21:10", "仝欣", "上周南岭线飞的那批照片AI识别跑完了 疑似缺陷47处 我明天人工复核一遍 周一前出报告",
          [T("人工复核疑似缺陷", ME, "tmr", et="人工复核", eo="我", ed="明天"),
           T("出缺陷报告", ME, "wd:1", et="出报告", eo="我", ed="周一前")]),
        M("11-09 07:20", "佘文龙", "今天东湖线风有点大阵风6级飞不了在车里等等看"),
        M("11-09 11:00", "邰俊辉", "等到中午还不行就撤 别硬飞 下午去把机巢的固件升级了 老佘你盯一下哈",
          [T("把机巢的固件升级", ["佘文龙"], "today", et="机巢的固件升级", eo="老佘你", ed="下午")],
          tags=["nickname"], reply=7),
        M("11-10 16:40", "仝欣", "缺陷报告传系统了 紧急缺陷2处：东湖线#127塔绝缘子自爆 #203塔有鸟窝 需要尽快通知运维班处理",
          [T("通知运维班处理紧急缺陷", [], et="通知运维班处理")], tags=["unassigned"]),
        M("11-10 16:55", "胥凯", "我跟运维班熟 我打电话",
          [T("通知运维班处理紧急缺陷", ME, et="我打电话", eo="我")], tags=["context"], reply=9),
        M("11-12 12:30", "阙明", "中午在塔下吃盒饭 来了一群牛围观🐄 这活儿越来越有意思了"),
        M("11-16 09:00", "邰俊辉", "南岭线下周开飞 @楚瑶 把南岭线的历史缺陷台账整理出来 发给飞手们对照 周日之前",
          [T("把南岭线的历史缺陷台账整理出来发给飞手", ["楚瑶"], "wd:7", et="南岭线的历史缺陷台账整理出来", eo="@楚瑶", ed="周日之前")]),
        M("11-19 18:30", "楚瑶", "台账整理好了 Excel和PDF各一份 在群文件 请查收"),
        M("11-23 06:50", "佘文龙", "南岭线第一天 零下3度 手冻得按不住遥控器[捂脸] 谁有暖宝宝"),
        M("11-24 20:00", "阙明", "今天南岭线飞了42基 有5基塔在林区信号不好 得换个起飞点重飞",
          [T("换个起飞点重飞林区的5基塔", [], et="换个起飞点重飞", oalt=[[ME]])], tags=["unassigned"]),
        M("11-24 20:10", "邰俊辉", "重飞的你自己安排 这个归你 月底前补齐",
          [T("换个起飞点重飞林区的5基塔", ["阙明"], "monthend", et="重飞的", eo="这个归你", ed="月底前")],
          tags=["context"], reply=15),
        M("11-27 10:00", "邰俊辉", "通知 12月1号起冬季作业 每天收工后电池必须放保温箱 振江5号前把保温箱都配齐",
          [T("把电池保温箱都配齐", ["楚振江"], "day:5", et="保温箱都配齐", eo="振江", ed="5号前")], tags=["nickname"]),
        M("11-30 19:00", "仝欣", "11月两条线386基全部飞完✅ 缺陷总计83处 月报我明天出",
          [T("出11月月报", ME, "tmr", et="月报", eo="我", ed="明天")]),
        M("12-02 09:30", "胥凯", "下周三开始寒潮 气象说有冻雨 覆冰巡检可能要临时加任务 大家手机别关"),
        M("12-07 15:00", "邰俊辉", "年底考核要求每人交一篇巡检技术总结 两千字以上 12月25号前发楚瑶 楚瑶汇总后年底前报公司",
          [T("交一篇巡检技术总结", ALL, "date:12-25", et="巡检技术总结", eo="每人", ed="12月25号前"),
           T("汇总技术总结报公司", ["楚瑶"], "yearend", et="汇总后", eo="楚瑶汇总", ed="年底前")]),
        M("12-09 23:10", "佘文龙", "覆冰了东湖线88到95号塔导线覆冰有10毫米明早天一亮得有人去飞一趟看看",
          [T("去东湖线飞一趟看覆冰", [], "tmr", et="去飞一趟看看", ed="明早")], tags=["unassigned"]),
        M("12-09 23:18", "阙明", "我明早7点出发",
          [T("去东湖线飞一趟看覆冰", ME, "tmr", "07:00", et="出发", eo="我", ed="明早7点")], tags=["context"], reply=21),
        M("12-14 10:20", "楚振江", "螺旋桨桨叶只剩4副了 年底前肯定不够用 邰工回头把采购单签一下",
          [T("签桨叶采购单", ["邰俊辉"], et="采购单签一下", eo="邰工")], tags=["title-address"]),
        M("12-21 11:00", "邰俊辉", "技术总结还差阙明和佘文龙两篇 周三之前一定发过来",
          [T("发技术总结", ["阙明", "佘文龙"], "wd:3", et="技术总结", eo="阙明和佘文龙", ed="周三之前")]),
        M("12-30 17:30", "邰俊辉", "年度考核结果出来了 我们队全公司第一🏆 元旦值班阙明和仝欣 其他人好好休息 新年快乐"),
    ]))

# ---------------------------------------------------------------- build + checks
# address words that pick a member by surname (README's list plus the ones this set uses: 师傅, 站(长), 院长, 班长)
TITLE_WORDS = "总|姐|哥|工|主任|经理|老师|律|师傅|站长|站|院长|班长|队长|场长"
PUNCT = re.compile(r"[\s，。、！？：；,.!?:;“”\"'（）()【】\[\]@~～…·\-]+")   # as in score_extract.py


def _find_up(*parts):
    d = HERE
    for _ in range(6):
        c = os.path.join(d, *parts)
        if os.path.exists(c):
            return c
        d = os.path.dirname(d)
    c = os.path.join("/work", *parts)
    return c if os.path.exists(c) else None


def load_dev():
    p = _find_up("shared", "benchmarks", "extraction", "dev.jsonl")
    names, texts = set(), set()
    if p:
        for line in open(p, encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                names |= set(r["members"]) | {r["sender"]}
                texts.add(r["text"])
    return names, texts


def load_other_sets():
    """person names, texts and titles of every other set in data/extract/ (train_l.jsonl itself excluded)."""
    names, texts, titles = set(), set(), set()
    d = os.path.normpath(os.path.join(HERE, ".."))
    for fn in sorted(os.listdir(d)):
        if not fn.endswith(".jsonl") or fn == os.path.basename(OUT):
            continue
        for line in open(os.path.join(d, fn), encoding="utf-8"):
            if not line.strip():
                continue
            r = json.loads(line)
            names |= set(r.get("members") or [])
            if r.get("sender"):
                names.add(r["sender"])
            texts.add(r.get("text"))
            titles |= {t.get("title") for t in r.get("tasks") or []}
    return names, texts, titles


def build():
    rows, texts = [], set()
    dev_names, dev_texts = load_dev()
    other_names, other_texts, other_titles = load_other_sets()
    n = 0
    all_members = set()
    for ch in CHATS:
        members = ch["members"]
        assert 5 <= len(members) <= 7, ch["chat"]
        assert len(ch["msgs"]) == 25, (ch["chat"], len(ch["msgs"]))
        assert not (set(members) & dev_names), set(members) & dev_names
        assert not (set(members) & other_names), ("name used by another set", set(members) & other_names)
        assert not (set(members) & all_members), ("name reused across chats", set(members) & all_members)
        all_members |= set(members)
        givens = [x[1:] for x in members]
        assert len(set(givens)) == len(givens), (ch["chat"], "given names must be unique")
        sc = Counter(m[0] for m in members)
        pairs = [s for s, c in sc.items() if c > 1]
        assert len(pairs) == 1 and sc[pairs[0]] == 2, (ch["chat"], sc)
        shared = pairs[0]
        ch["shared_surname"] = shared
        local = {}
        prev_ts = None
        for k, m in enumerate(ch["msgs"], 1):
            n += 1
            mid = f"l{n:03d}"
            ts = dt.datetime.strptime(f"{YEAR}-{m['ts']}", "%Y-%m-%d %H:%M")
            assert prev_ts is None or ts > prev_ts, (mid, "not in time order")
            prev_ts = ts
            d = ts.date()
            text = m["text"]
            assert m["sender"] in members, (mid, m["sender"])
            assert text not in texts, (mid, "duplicate text")
            assert text not in other_texts, (mid, "text used by another set")
            texts.add(text)
            # shared surname never used with a title or 小/老
            assert not re.search(f"{shared}({TITLE_WORDS})|[小老]{shared}", text), (mid, "ambiguous surname address")
            # every 姓+title / 小姓 / 老姓 in text must hit exactly one member
            for mm in re.finditer(f"([小老])([\u4e00-\u9fff])|([\u4e00-\u9fff])({TITLE_WORDS})", text):
                s = mm.group(2) or mm.group(3)
                hits = [x for x in members if x[0] == s]
                if mm.group(3) and not hits:
                    continue   # e.g. 员工, 分工, 地铁站 — not an address
                if mm.group(1) and not hits:
                    continue   # 小时, 老人 …
                assert len(hits) == 1, (mid, mm.group(0), hits)
            reply = None
            if m["reply"] is not None:
                assert 1 <= m["reply"] < k, (mid, "reply_to must be earlier")
                q = local[m["reply"]]
                reply = {"id": q["id"], "sender": q["sender"], "text": q["text"]}
            source = text + (reply["text"] if reply else "")
            tasks = []
            for t in m["tasks"]:
                owners = [m["sender"] if o == ME else o for o in t["owners"]]
                for o in owners:
                    assert o == ALL or o in members, (mid, o)
                assert len(set(owners)) == len(owners), (mid, "repeated owner")
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
                    assert t["ed"], (mid, "clock time without deadline evidence")
                if t["rule"]:   # a reply may take its date from the quoted message
                    assert t["ed"] or "context" in m["tags"], (mid, "deadline rule without deadline evidence", t["title"])
                for key in ("et", "eo", "ed"):
                    assert t[key] is None or t[key] in text, (mid, key, t[key])
                title = t["title"]
                assert title not in other_titles, (mid, "title used by another set", title)
                assert not re.search(r"^请|麻烦|帮忙|辛苦|务必|抽空|回头|一下$|一下哈|哈$|吧$", title), \
                    (mid, "politeness in title", title)
                assert not re.search(r"今天|明天|后天|今晚|明早|上午|下午|晚上|周[一二三四五六日末]|下周|号前|月底|月中|年底|节前|节后|之前|"
                                     r"尽快|马上|工作日|下班前|点前|会前|之内|天内|今明|[中清国]\w?前|赶紧", title), \
                    (mid, "deadline word in title", title)
                assert not any(x in title or (len(x) >= 3 and x[1:] in title) for x in members) and \
                    not any(p + x[0] in title for x in members for p in "小老") and \
                    not re.search(f"[{''.join(x[0] for x in members)}]({TITLE_WORDS})", title), \
                    (mid, "owner in title", title)
                # the title stays close to the message's own words (or the quoted message's)
                tc = PUNCT.sub("", title)
                inside = sum(c in source for c in tc)
                assert inside / len(tc) >= 0.6, (mid, "title far from the text", title, inside, len(tc))
                task = {"title": title, "owners": owners,
                        "due_date": due.isoformat() if due else None, "due_time": t["time"]}
                if alt:
                    task["due_date_alt"] = [a.isoformat() for a in alt]
                if t["oalt"]:
                    task["owners_alt"] = [[m["sender"] if o == ME else o for o in oa] for oa in t["oalt"]]
                task["evidence"] = {"title": t["et"], "owner": t["eo"], "deadline": t["ed"]}
                tasks.append(task)
            tags = list(m["tags"])
            assert set(tags) <= {"context", "implicit", "title-address", "nickname", "unassigned", "cancel"}, (mid, tags)
            assert ("unassigned" in tags) == any(t["owners"] == [] for t in tasks), (mid, "unassigned tag")
            if "context" in tags:
                assert reply is not None and tasks, (mid, "context without reply or task")
            if "cancel" in tags:
                assert not tasks, (mid, "a cancellation holds no task")
            titles = [t["title"] for t in tasks]
            assert len(set(titles)) == len(titles), (mid, "repeated title in one message")
            row = {"id": mid, "chat": ch["chat"], "ts": ts.strftime("%Y-%m-%dT%H:%M:00+08:00"),
                   "sender": m["sender"], "members": members, "reply_to": reply, "text": text,
                   "tasks": tasks, "tags": tags}
            local[k] = row
            rows.append(row)
    assert len(rows) == 200
    assert [r["id"] for r in rows] == [f"l{i:03d}" for i in range(1, 201)]
    assert not any(r["text"] in dev_texts for r in rows), "dev sentence copied"
    neg = sum(not r["tasks"] for r in rows)
    assert 80 <= neg <= 90, ("negatives should be 40-45 %", neg)
    return rows


def stats(rows):
    tm = [r for r in rows if r["tasks"]]
    tasks = [t for r in rows for t in r["tasks"]]
    return dict(messages=len(rows), task_messages=len(tm), tasks=len(tasks),
                negatives=sum(not r["tasks"] for r in rows),
                multi_task_messages=sum(len(r["tasks"]) >= 2 for r in rows),
                replies=sum(r["reply_to"] is not None for r in rows),
                unowned=sum(t["owners"] == [] for t in tasks),
                at_all=sum(t["owners"] == [ALL] for t in tasks),
                multi_owner=sum(len(t["owners"]) >= 2 for t in tasks),
                sender_owned=sum(t["owners"] == [r["sender"]] for r in rows for t in r["tasks"]),
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
