#!/usr/bin/env python3
"""Build train_i.jsonl: 200 hand-written Chinese work-chat messages (8 teams x 25) with gold tasks.

Every text, title and owner below is written by hand.  Deadlines are written as *rules*
(the phrase's meaning under the README conventions) and resolved here against the message
date and the official 2026 holiday / 调休 calendar.

usage: python3 train_i.py        # writes ../train_i.jsonl
       python3 train_i.py -v     # also prints every message with weekday and resolved tasks
"""
import json, os, re, sys, datetime as dt
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "train_i.jsonl")
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

# ======================================================== 1. book publisher editorial (春节, 2/14 + 2/28 调休)
CHATS.append(dict(
    chat="pub-editorial", kind="book publisher editorial",
    members=["顾文澜", "柯晓雯", "柯明哲", "林嘉禾", "黄舒然", "孟子昂"],
    msgs=[
        M("02-02 09:05", "顾文澜", "@林嘉禾 《山河旧事》的三审意见周三前返给作者",
          [T("《山河旧事》的三审意见返给作者", ["林嘉禾"], "wd:3", et="《山河旧事》的三审意见", eo="@林嘉禾", ed="周三前")]),
        M("02-02 09:12", "林嘉禾", "收到"),
        M("02-02 10:30", "黄舒然", "封面打样出来了 颜色偏红 印厂说明天重新调色"),
        M("02-02 20:20", "柯晓雯", "我这边今晚把第三章的校样过完，明早发群里",
          [T("第三章的校样过完", ME, "today", et="第三章的校样过完", eo="我", ed="今晚"),
           T("第三章校样发群里", ME, "tmr", et="发群里", eo="我", ed="明早")]),
        M("02-03 08:40", "顾文澜", "各位，三月书目的CIP申报材料节前都交到我这里，别拖到最后一天",
          [T("三月书目的CIP申报材料交到我这里", ALL, "prehol", et="三月书目的CIP申报材料", eo="各位", ed="节前")]),
        M("02-03 09:30", "孟子昂", "顾老师 译稿合同那边对方还没回邮件[流泪]"),
        M("02-03 11:15", "柯明哲", "谁能帮忙去库房拿20本样书 下午作者来签售要用",
          [T("去库房拿20本样书", [], "today", et="去库房拿20本样书", ed="下午作者来签售")],
          tags=["unassigned", "implicit"]),
        M("02-03 11:18", "黄舒然", "我去拿～",
          [T("去库房拿20本样书", ME, "today", eo="我")], tags=["context", "implicit"], reply=7),
        M("02-03 16:00", "顾文澜", "年度选题会挪到下周一上午了"),
        M("02-04 20:45", "林嘉禾", "三审意见已经发给作者了 作者说过完年再改"),
        M("02-05 09:10", "顾文澜", "小孟把《河流的记忆》版权页信息核对一遍 ISBN和定价尤其仔细 明天中午前给我",
          [T("核对《河流的记忆》版权页信息", ["孟子昂"], "tmr", "12:00",
             et="《河流的记忆》版权页信息核对一遍", eo="小孟", ed="明天中午前")], tags=["nickname"]),
        M("02-05 10:02", "孟子昂", "好的顾老师👌"),
        M("02-05 15:30", "柯晓雯", "刚才印厂打电话说纸价又涨了 哎 今年真难"),
        M("02-06 18:50", "顾文澜", "选题会材料分一下：1.嘉禾整理去年的退稿统计 2.舒然做竞品书单 3.明哲出上半年重印清单 下周一会前都发我",
          [T("整理去年的退稿统计", ["林嘉禾"], "next:1", et="整理去年的退稿统计", eo="嘉禾", ed="下周一会前"),
           T("做竞品书单", ["黄舒然"], "next:1", et="做竞品书单", eo="舒然", ed="下周一会前"),
           T("出上半年重印清单", ["柯明哲"], "next:1", et="出上半年重印清单", eo="明哲", ed="下周一会前")],
          tags=["nickname", "implicit"]),
        M("02-08 21:30", "黄舒然", "竞品书单做好了 放共享盘 文件夹叫2026选题"),
        M("02-09 13:40", "顾文澜", "会上定了：《山河旧事》推迟到四月出，首印改成八千。@林嘉禾 跟作者说一声",
          [T("跟作者说《山河旧事》推迟到四月出", ["林嘉禾"], et="跟作者说一声", eo="@林嘉禾")]),
        M("02-10 10:20", "林嘉禾", "退稿统计我昨天会前交了吧？顾老师收到没"),
        M("02-10 10:25", "柯晓雯", "第三章校样过完了改动不多 第四章我周末在家看完",
          [T("看完第四章校样", ME, "weekend", et="第四章", eo="我", ed="周末")]),
        M("02-11 14:05", "顾文澜", "@柯明哲 重印清单里库存低于500的那几本，你和发行部确认一下加印数量，3个工作日内回我",
          [T("和发行部确认加印数量", ["柯明哲"], "wdays:3", et="和发行部确认一下加印数量", eo="@柯明哲", ed="3个工作日内")]),
        M("02-12 07:45", "孟子昂", "版权页的定价之前写成了58 应该是68 我已经改过来了"),
        M("02-12 09:00", "顾文澜", "大家放假前把电脑里的书稿文件备份到服务器上 别只存桌面",
          [T("把电脑里的书稿文件备份到服务器上", ALL, "prehol", et="把电脑里的书稿文件备份到服务器上", eo="大家", ed="放假前")]),
        M("02-13 16:30", "黄舒然", "要不要考虑一下给《河流的记忆》做个书签当赠品 读者好像挺喜欢这种"),
        M("02-14 11:00", "柯明哲", "加印数量跟发行部对好了 清单发你邮箱了 请查收", reply=19),
        M("02-14 17:10", "顾文澜", "新年快乐🧧 大家辛苦了 节后24号正常上班"),
        M("02-24 09:15", "顾文澜", "开工大吉！@黄舒然 书签赠品的事你去问问印厂报价，@柯晓雯 把《河流的记忆》终校的问题汇总一下，月底前都给我",
          [T("问印厂书签赠品的报价", ["黄舒然"], "monthend", et="书签赠品的事你去问问印厂报价", eo="@黄舒然", ed="月底前"),
           T("汇总《河流的记忆》终校的问题", ["柯晓雯"], "monthend", et="把《河流的记忆》终校的问题汇总一下", eo="@柯晓雯", ed="月底前")]),
    ]))

# ======================================================== 2. audit firm field team (1/4 调休, 春节前)
CHATS.append(dict(
    chat="audit-field", kind="audit firm field team",
    members=["何永康", "冯思远", "冯琪", "曹一鸣", "韩露", "姜海涛"],
    msgs=[
        M("01-04 08:30", "何永康", "今天调休上班 大家九点在客户财务部会议室集合"),
        M("01-04 10:15", "何永康", "分工如下：思远负责货币资金和往来函证，冯琪负责存货监盘，一鸣跟固定资产，老姜看收入cut-off",
          [T("货币资金和往来函证", ["冯思远"], et="货币资金和往来函证", eo="思远"),
           T("存货监盘", ["冯琪"], et="存货监盘", eo="冯琪"),
           T("跟固定资产", ["曹一鸣"], et="跟固定资产", eo="一鸣"),
           T("看收入cut-off", ["姜海涛"], et="看收入cut-off", eo="老姜")], tags=["nickname"]),
        M("01-04 10:20", "韩露", "那我呢😂"),
        M("01-04 10:22", "何永康", "你先把客户给的PBC清单逐项对一下 缺的列出来明天上午发给客户",
          [T("PBC清单逐项对一下，缺的列出来发给客户", ["韩露"], "tmr",
             et="把客户给的PBC清单逐项对一下", eo="你", ed="明天上午")], tags=["context"], reply=3),
        M("01-05 09:40", "冯琪", "存货监盘定在8号下午 仓库那边说只能那天"),
        M("01-05 11:00", "曹一鸣", "固定资产卡片客户说要周三才能导出来"),
        M("01-05 19:40", "冯思远", "银行询证函我今晚打印出来明天一早寄出",
          [T("打印银行询证函", ME, "today", et="银行询证函", eo="我", ed="今晚"),
           T("寄出银行询证函", ME, "tmr", et="寄出", eo="我", ed="明天一早")]),
        M("01-06 08:50", "何永康", "@冯琪 监盘计划明天下班前给我看一下 抽盘比例按20%",
          [T("监盘计划给我看", ["冯琪"], "tmr", "18:00", et="监盘计划", eo="@冯琪", ed="明天下班前")]),
        M("01-06 09:05", "冯琪", "ＯＫ"),
        M("01-06 13:30", "姜海涛", "收入截止测试抽了40笔有3笔跨期的 我晚点整理成表",
          [T("跨期的3笔整理成表", ME, et="整理成表", eo="我")]),
        M("01-06 16:10", "何永康", "需要有人明天去趟客户开户行拿对帐单原件",
          [T("去客户开户行拿对帐单原件", [], "tmr", et="去趟客户开户行拿对帐单原件", ed="明天")], tags=["unassigned"]),
        M("01-06 16:25", "曹一鸣", "我去吧 反正固定资产卡片明天也导不出来",
          [T("去客户开户行拿对帐单原件", ME, "tmr", eo="我")], tags=["context"], reply=11),
        M("01-07 12:10", "韩露", "客户食堂中午居然有酸菜鱼🐟 明天还来"),
        M("01-08 07:30", "冯琪", "今天下午监盘需要两个人一起去 谁有空",
          [T("一起去监盘", [], "today", et="监盘", ed="今天下午")], tags=["unassigned"]),
        M("01-08 07:52", "韩露", "我可以 一鸣也说他去",
          [T("一起去监盘", ["韩露", "曹一鸣"], "today", eo="我", oalt=[["韩露"]])],
          tags=["context", "nickname"], reply=14),
        M("01-09 17:55", "何永康", "监盘差异那几项 小曹和冯琪下周二之前把盘点差异说明找客户签字",
          [T("把盘点差异说明找客户签字", ["曹一鸣", "冯琪"], "next:2",
             et="把盘点差异说明找客户签字", eo="小曹和冯琪", ed="下周二之前")], tags=["nickname"]),
        M("01-09 18:30", "姜海涛", "跨期那3笔整理好了 在底稿E-3"),
        M("01-12 09:00", "何永康", "合伙人周四来现场复核，@冯思远 函证回函率这周三前统计一下，@姜海涛 收入部分的底稿复核前先自查一遍",
          [T("统计函证回函率", ["冯思远"], "this:3", et="函证回函率", eo="@冯思远", ed="这周三前"),
           T("自查收入部分的底稿", ["姜海涛"], "wd:4", et="收入部分的底稿", eo="@姜海涛", ed="复核前")],
          tags=["implicit"]),
        M("01-12 09:20", "冯思远", "收到 目前回函率六成多一点"),
        M("01-13 21:15", "冯思远", "还有12家没回函的那个明天我挨个打电话催一下吧不然周四合伙人来了不好看",
          [T("打电话催没回函的12家", ME, "tmr", et="挨个打电话催一下", eo="我", ed="明天")]),
        M("01-14 10:00", "何永康", "周四的复核取消了 合伙人改到下周一来", tags=["cancel"]),
        M("01-16 15:40", "韩露", "何经理 管理建议书初稿写好了 您有空帮忙看看",
          [T("看管理建议书初稿", ["何永康"], et="管理建议书初稿", eo="何经理")], tags=["title-address"]),
        M("01-16 16:00", "何永康", "好 周末我看完给你意见",
          [T("看完管理建议书初稿给意见", ME, "weekend", et="看完给你意见", eo="我", ed="周末")],
          tags=["context"], reply=22),
        M("01-19 18:40", "何永康", "复核意见一共17条 大家认领一下 春节前审计报告初稿要出来",
          [T("认领复核意见", ALL, et="认领一下", eo="大家"),
           T("审计报告初稿出来", [], "prehol", et="审计报告初稿", ed="春节前")], tags=["unassigned"]),
        M("01-20 08:15", "曹一鸣", "第5 6 9条我认领了 今天之内改完",
          [T("改完复核意见第5 6 9条", ME, "today", et="第5 6 9条", eo="我", ed="今天之内")]),
    ]))

# ======================================================== 3. milk-tea chain store managers (清明 4/4-4/6)
CHATS.append(dict(
    chat="tea-stores", kind="milk-tea chain store managers",
    members=["罗婉婷", "吕晨", "吕佳佳", "郑凯", "田甜", "白雪松", "沈一诺"],
    msgs=[
        M("03-30 07:50", "罗婉婷", "早 新品杨枝甘露4月1号全线上新 各店今天把物料清点一下 缺什么报给我",
          [T("清点新品物料，缺什么报给我", ALL, "today", et="把物料清点一下", eo="各店", ed="今天")]),
        M("03-30 08:10", "郑凯", "万达店芒果缺两箱"),
        M("03-30 08:12", "田甜", "+1 我们店也缺 吸管也快没了"),
        M("03-30 09:30", "罗婉婷", "好 芒果我今天统一跟供应商下单 明天上午到店",
          [T("芒果统一跟供应商下单", ME, "today", et="统一跟供应商下单", eo="我", ed="今天")]),
        M("03-30 14:00", "白雪松", "昨天晚班有个顾客喝完说拉肚子 已经处理了 退了款还送了两张券"),
        M("03-30 14:20", "罗婉婷", "老白 把那天的留样和冰箱温度记录拍照发我 今天之内",
          [T("留样和冰箱温度记录拍照发我", ["白雪松"], "today",
             et="把那天的留样和冰箱温度记录拍照发我", eo="老白", ed="今天之内")], tags=["nickname"], reply=5),
        M("03-31 10:00", "吕晨", "区域群里说清明三天客流会翻倍 排班咋弄"),
        M("03-31 10:15", "罗婉婷", "清明排班各店自己定 节前发我备案 每天至少保证4个人在岗",
          [T("清明排班发我备案", ALL, "prehol", et="清明排班", eo="各店", ed="节前")], reply=7),
        M("03-31 11:40", "沈一诺", "罗姐 我们店的制冰机又坏了＝＝"),
        M("03-31 11:45", "罗婉婷", "我这边联系维修 你们先去隔壁店借点冰",
          [T("联系维修制冰机", ME, et="联系维修", eo="我这边"),
           T("去隔壁店借冰", ["沈一诺"], et="去隔壁店借点冰", eo="你们")], tags=["context"], reply=9),
        M("04-01 06:55", "吕佳佳", "今天上新 大家记得开门前把海报贴好 杯套换成新款",
          [T("把海报贴好", ALL, "today", et="把海报贴好", eo="大家", ed="开门前"),
           T("杯套换成新款", ALL, "today", et="杯套换成新款", eo="大家", ed="开门前")], tags=["implicit"]),
        M("04-01 12:30", "郑凯", "上午卖了86杯杨枝甘露🔥🔥 芒果又要断了 @吕晨 你店里先匀我一箱",
          [T("匀一箱芒果", ["吕晨"], et="先匀我一箱", eo="@吕晨")]),
        M("04-01 21:40", "罗婉婷", "明天总部来巡店 重点看后厨卫生 吕晨吕佳佳两家店今晚闭店后大扫除 小郑你们店明早开门前把冷柜除霜",
          [T("闭店后大扫除", ["吕晨", "吕佳佳"], "today", et="闭店后大扫除", eo="吕晨吕佳佳", ed="今晚"),
           T("冷柜除霜", ["郑凯"], "tmr", et="把冷柜除霜", eo="小郑", ed="明早开门前")], tags=["nickname"]),
        M("04-02 15:10", "田甜", "巡店结束 我们店扣了2分 地垫没洗干净[流泪]"),
        M("04-02 15:30", "罗婉婷", "田甜这周内把地垫全部换新的 采购单走我这边",
          [T("地垫全部换新的", ["田甜"], "thisweek", et="把地垫全部换新的", eo="田甜", ed="这周内")]),
        M("04-03 09:20", "吕晨", "我们店排班表发罗姐私信了 罗姐有空确认下",
          [T("确认排班表", ["罗婉婷"], et="排班表", eo="罗姐")], tags=["title-address"]),
        M("04-03 19:30", "沈一诺", "制冰机修好了 师傅说压缩机老化 建议明年换新的"),
        M("04-05 22:10", "白雪松", "今天营业额破纪录了 累趴[捂脸]"),
        M("04-07 08:30", "罗婉婷", "15号月度盘点，盘点前完成：1.一诺汇总各店盘点表 2.老白核对原料过期情况 3.吕佳佳出上月损耗分析",
          [T("汇总各店盘点表", ["沈一诺"], "day:15", et="汇总各店盘点表", eo="一诺", ed="盘点前"),
           T("核对原料过期情况", ["白雪松"], "day:15", et="核对原料过期情况", eo="老白", ed="盘点前"),
           T("出上月损耗分析", ["吕佳佳"], "day:15", et="出上月损耗分析", eo="吕佳佳", ed="盘点前")],
          tags=["nickname", "implicit"]),
        M("04-07 08:45", "吕佳佳", "收到收到"),
        M("04-09 13:00", "郑凯", "有没有人知道新来的兼职健康证去哪办"),
        M("04-09 13:05", "田甜", "社区医院就能办 带身份证 大概一周出证", reply=21),
        M("04-10 17:30", "罗婉婷", "下周二的区域会取消 有事群里说", tags=["cancel"]),
        M("04-13 20:20", "吕晨", "罗姐 下周三我请假一天 请假单在钉钉上提了 麻烦批一下🙏",
          [T("批请假单", ["罗婉婷"], et="批一下", eo="罗姐")], tags=["title-address"]),
        M("04-14 09:00", "罗婉婷", "批了", reply=24),
    ]))

# ======================================================== 4. mobile game live-ops (劳动节 5/1-5/5, 5/9 调休)
CHATS.append(dict(
    chat="game-liveops", kind="mobile game live-ops",
    members=["陆骁", "谢雨桐", "谢辰", "康宁", "方卓", "胡梦洁"],
    msgs=[
        M("04-24 10:00", "陆骁", "五一活动版本定在29号晚上更新 @谢雨桐 活动配置表下周一前提交 @方卓 商城礼包定价方案周末发我",
          [T("提交活动配置表", ["谢雨桐"], "next:1", et="活动配置表", eo="@谢雨桐", ed="下周一前"),
           T("商城礼包定价方案发我", ["方卓"], "weekend", et="商城礼包定价方案", eo="@方卓", ed="周末")]),
        M("04-24 10:05", "谢雨桐", "ｏｋ"),
        M("04-24 15:30", "陆骁", "昨晚服务器又被DDoS了 运维在处理 @康宁 盯一下今天的掉线率 下午5点前报给我",
          [T("盯掉线率报给我", ["康宁"], "today", "17:00", et="盯一下今天的掉线率", eo="@康宁", ed="下午5点前")]),
        M("04-24 23:50", "胡梦洁", "玩家群里都在骂抽卡概率 我截了几张图 大家看看😅"),
        M("04-25 11:00", "陆骁", "梦洁 周一上午把抽卡概率的舆情整理成一页纸 我要拿去跟发行开会",
          [T("抽卡概率的舆情整理成一页纸", ["胡梦洁"], "wd:1", et="把抽卡概率的舆情整理成一页纸", eo="梦洁", ed="周一上午")],
          tags=["nickname"]),
        M("04-26 20:10", "方卓", "礼包定价方案发你邮箱了 请查收"),
        M("04-27 09:30", "陆骁", "看了 68元档加一个头像框 其他OK 今天改完再发一版",
          [T("68元档加头像框，改完再发一版", ["方卓"], "today", et="68元档加一个头像框", ed="今天")],
          tags=["context"], reply=6),
        M("04-27 14:00", "谢辰", "活动页美术资源还差4张 外包说周三才能给"),
        M("04-27 14:10", "陆骁", "等不了 得有人今天下班前先拿占位图顶上",
          [T("拿占位图顶上", [], "today", "18:00", et="拿占位图顶上", ed="今天下班前")], tags=["unassigned"], reply=8),
        M("04-27 14:12", "谢辰", "我来弄",
          [T("拿占位图顶上", ME, "today", "18:00", eo="我")], tags=["context"], reply=9),
        M("04-28 10:00", "康宁", "五一值班表：1号2号我 3号4号方卓 5号梦洁 有问题找我调"),
        M("04-28 11:20", "陆骁", "节前必须把热更包在预发环境跑通 小康盯一下",
          [T("热更包在预发环境跑通", ["康宁"], "prehol", et="把热更包在预发环境跑通", eo="小康", ed="节前")],
          tags=["nickname"]),
        M("04-29 08:10", "谢雨桐", "配置表里礼包ID写错了两个 已改 重新提交了"),
        M("04-29 22:45", "康宁", "版本更新完成 线上正常🎉"),
        M("04-30 09:00", "陆骁", "祝大家假期愉快 出事故直接打我电话"),
        M("05-02 13:15", "方卓", "陆哥 商城礼包卖超了 限购没生效😱😱"),
        M("05-02 13:18", "陆骁", "马上下架 @谢雨桐 查一下限购配置 @康宁 统计多买的玩家名单 补偿方案我来写",
          [T("下架商城礼包", ["方卓"], et="马上下架", oalt=[[]]),
           T("查一下限购配置", ["谢雨桐"], et="查一下限购配置", eo="@谢雨桐"),
           T("统计多买的玩家名单", ["康宁"], et="统计多买的玩家名单", eo="@康宁"),
           T("写补偿方案", ME, et="补偿方案", eo="我")], tags=["context"], reply=16),
        M("05-02 14:40", "谢雨桐", "查到了 限购开关填成了0 已经修复"),
        M("05-06 09:10", "陆骁", "补偿邮件昨天已经发了 复盘会放在9号周六 调休上班那天"),
        M("05-06 09:30", "陆骁", "复盘会前每人写一份事故时间线 @谢雨桐 把配置检查清单也补上",
          [T("写一份事故时间线", ALL, "day:9", et="写一份事故时间线", eo="每人", ed="复盘会前"),
           T("补上配置检查清单", ["谢雨桐"], "day:9", et="把配置检查清单也补上", eo="@谢雨桐")],
          tags=["implicit"]),
        M("05-07 19:20", "胡梦洁", "社区那边在问六月有没有周年庆 要不要考虑一下提前预热"),
        M("05-08 10:00", "谢辰", "明天调休 我们要打卡吗 陆哥说的每人一份时间线我已经写好了"),
        M("05-09 16:00", "陆骁", "复盘结论：1.配置上线前必须双人review 2.周年庆预热方案梦洁牵头 13号前出初稿 3.方卓5个工作日内把礼包限购做成自动校验",
          [T("周年庆预热方案出初稿", ["胡梦洁"], "day:13", et="周年庆预热方案", eo="梦洁", ed="13号前"),
           T("礼包限购做成自动校验", ["方卓"], "wdays:5", et="把礼包限购做成自动校验", eo="方卓", ed="5个工作日内")],
          tags=["nickname"]),
        M("05-11 11:30", "胡梦洁", "预热方案我想加个玩家共创的环节 大家觉得咋样"),
        M("05-12 20:05", "陆骁", "方卓 自动校验提前到这周四前上线 周五要发新礼包",
          [T("礼包限购自动校验上线", ["方卓"], "this:4", et="自动校验", eo="方卓", ed="这周四前")]),
    ]))

# ======================================================== 5. solar-farm construction site (端午 6/19-6/21)
CHATS.append(dict(
    chat="solar-site", kind="solar-farm construction site",
    members=["贺建军", "雷鸣", "雷振华", "马国栋", "汪小峰", "侯静"],
    msgs=[
        M("06-08 06:40", "贺建军", "今天3号方阵开始打桩 老马7点前把人员和机械带到位",
          [T("把人员和机械带到位", ["马国栋"], "today", "07:00", et="把人员和机械带到位", eo="老马", ed="7点前")],
          tags=["nickname"]),
        M("06-08 06:45", "马国栋", "收到 已经在路上了"),
        M("06-08 10:30", "侯静", "刚巡查发现2号方阵有两个工人没系安全带 已经现场教育了"),
        M("06-08 10:40", "贺建军", "侯姐 下午组织一次班前安全交底 全员签字",
          [T("组织班前安全交底，全员签字", ["侯静"], "today", et="组织一次班前安全交底", eo="侯姐", ed="下午")],
          tags=["title-address"], reply=3),
        M("06-09 07:15", "汪小峰", "组件到货了18车 卸货要叉车 现场只有一台"),
        M("06-09 07:20", "雷振华", "我去隔壁标段借一台 半小时到",
          [T("去隔壁标段借叉车", ME, "today", et="去隔壁标段借一台", eo="我", ed="半小时到")],
          tags=["context"], reply=5),
        M("06-09 12:00", "雷鸣", "逆变器基础的混凝土强度报告监理要看 谁手上有"),
        M("06-09 12:05", "汪小峰", "在我这 下午拿给你",
          [T("拿混凝土强度报告", ME, "today", et="拿给你", ed="下午")], tags=["context"], reply=7),
        M("06-10 19:30", "贺建军", "明天业主来检查 各位今晚把各自区域的材料码放整齐 垃圾清干净",
          [T("各自区域的材料码放整齐", ALL, "today", et="把各自区域的材料码放整齐", eo="各位", ed="今晚"),
           T("垃圾清干净", ALL, "today", et="垃圾清干净", eo="各位", ed="今晚")]),
        M("06-11 16:00", "贺建军", "业主检查通过了 提了三条整改意见 明天发群里",
          [T("整改意见发群里", ME, "tmr", et="整改意见", ed="明天")]),
        M("06-12 08:00", "贺建军", "整改意见：1.电缆沟盖板缺失 雷鸣负责补齐 2.组件堆场加防风绑扎 小汪负责 3.临时用电箱重新接地 马国栋负责 以上节前全部整改完",
          [T("补齐电缆沟盖板", ["雷鸣"], "prehol", et="电缆沟盖板缺失", eo="雷鸣负责", ed="节前"),
           T("组件堆场加防风绑扎", ["汪小峰"], "prehol", et="组件堆场加防风绑扎", eo="小汪", ed="节前"),
           T("临时用电箱重新接地", ["马国栋"], "prehol", et="临时用电箱重新接地", eo="马国栋", ed="节前")],
          tags=["nickname"]),
        M("06-12 08:15", "雷鸣", "盖板要找厂家重新订 厂家说下周三才能发货"),
        M("06-13 05:50", "侯静", "今天高温预警37度 中午12点到3点停止室外作业"),
        M("06-14 20:00", "马国栋", "用电箱接地整改完了 照片发监理了"),
        M("06-15 09:00", "贺建军", "@雷振华 并网验收的资料清单你对照国网模板过一遍 下下周一之前要报上去",
          [T("对照国网模板过一遍并网验收的资料清单", ["雷振华"], "nn:1",
             et="并网验收的资料清单", eo="@雷振华", ed="下下周一之前")]),
        M("06-15 09:10", "雷振华", "好的贺工"),
        M("06-16 13:20", "汪小峰", "防风绑扎弄完了 用了两百多根扎带"),
        M("06-17 07:05", "贺建军", "端午安排：19到21号放假 留守侯静和雷鸣 其他人22号早上7点到岗"),
        M("06-17 07:30", "侯静", "留守这三天需要有人每天巡查一遍箱变",
          [T("每天巡查一遍箱变", [], et="每天巡查一遍箱变")], tags=["unassigned"]),
        M("06-17 07:40", "雷鸣", "我跟侯姐轮流 我单号她双号",
          [T("每天巡查箱变", ["雷鸣", "侯静"], eo="我跟侯姐")], tags=["context", "title-address"], reply=19),
        M("06-18 18:30", "雷鸣", "盖板今天到货了 那个节后第一天在装吧 今天人都走了",
          [T("装电缆沟盖板", ME, "after", et="盖板", ed="节后第一天")], tags=["implicit"]),
        M("06-22 06:55", "马国栋", "端午快乐 粽子放食堂了 自己拿哈"),
        M("06-23 14:00", "贺建军", "监理通知周五上午做防雷检测 检测前得有人把接地电阻测一遍",
          [T("把接地电阻测一遍", [], "wd:5", et="把接地电阻测一遍", ed="检测前")], tags=["unassigned", "implicit"]),
        M("06-23 14:30", "马国栋", "这个我熟 明天就测",
          [T("测接地电阻", ME, "tmr", et="测", eo="我", ed="明天")], tags=["context"], reply=23),
        M("06-26 17:40", "侯静", "防雷检测合格👍 本周安全例会记录我已经上传了"),
    ]))

# ======================================================== 6. pet hospital (11月-12月, 月底/年底)
CHATS.append(dict(
    chat="pet-hospital", kind="pet hospital",
    members=["苏曼", "程乐", "程雅雯", "付嘉", "崔颖", "叶知秋"],
    msgs=[
        M("11-23 08:20", "苏曼", "今天上午三台绝育 程乐主刀 小付配合麻醉",
          [T("三台绝育主刀", ["程乐"], "today", et="三台绝育", eo="程乐", ed="今天上午"),
           T("配合麻醉", ["付嘉"], "today", et="配合麻醉", eo="小付", ed="今天上午")], tags=["nickname"]),
        M("11-23 08:35", "崔颖", "前台提醒：3号笼的布丁主人中午来接 出院带药已经配好了"),
        M("11-23 12:40", "程雅雯", "有只流浪猫被好心人送来了 后腿骨折 没人付费 收不收啊"),
        M("11-23 12:50", "苏曼", "收 先拍片 雅雯你处理 费用走公益基金",
          [T("给流浪猫拍片处理", ["程雅雯"], et="先拍片", eo="雅雯")], tags=["nickname", "context"], reply=3),
        M("11-24 19:30", "付嘉", "麻醉机的二氧化碳吸收剂快用完了 库房也没有了"),
        M("11-24 19:45", "崔颖", "我明早下单 后天能到",
          [T("下单二氧化碳吸收剂", ME, "tmr", et="下单", eo="我", ed="明早")], tags=["context"], reply=5),
        M("11-25 10:00", "苏曼", "12月畜牧局年检 知秋负责整理麻醉药品登记本 崔姐把医疗废物交接记录补全 都在月底之前",
          [T("整理麻醉药品登记本", ["叶知秋"], "monthend", et="整理麻醉药品登记本", eo="知秋", ed="月底之前"),
           T("医疗废物交接记录补全", ["崔颖"], "monthend", et="把医疗废物交接记录补全", eo="崔姐", ed="月底之前")],
          tags=["nickname", "title-address"]),
        M("11-25 10:10", "叶知秋", "好嘞"),
        M("11-26 15:20", "程乐", "布丁主人打电话说伤口有点红 明天带过来复查"),
        M("11-27 21:10", "程雅雯", "流浪猫手术做完了 钢板固定 恢复得不错😺"),
        M("11-28 09:00", "苏曼", "各位 从下周开始周末门诊延长到晚上9点 新的排班表崔姐来出",
          [T("出新的排班表", ["崔颖"], et="新的排班表", eo="崔姐")], tags=["title-address"]),
        M("11-28 09:30", "崔颖", "排班表我周一之前出",
          [T("出排班表", ME, "wd:1", et="排班表", eo="我", ed="周一之前")], reply=11),
        M("11-30 11:00", "叶知秋", "登记本整理好了 有两页缺签字 要苏主任补签一下",
          [T("登记本补签", ["苏曼"], et="补签一下", eo="苏主任")], tags=["title-address"]),
        M("11-30 11:05", "苏曼", "下班前拿过来我签",
          [T("把登记本拿过来", ["叶知秋"], "today", "18:00", et="拿过来", ed="下班前"),
           T("登记本签字", ME, "today", "18:00", et="我签", eo="我", ed="下班前")], tags=["context"], reply=13),
        M("12-02 14:15", "付嘉", "新到那批疫苗 冷链记录仪显示昨晚断电两小时 还能用吗"),
        M("12-02 14:30", "苏曼", "先别用 这批疫苗单独隔离 小付联系厂家确认 今天之内给我答复",
          [T("这批疫苗单独隔离", ["付嘉"], et="这批疫苗单独隔离"),
           T("联系厂家确认疫苗能不能用", ["付嘉"], "today", et="联系厂家确认", eo="小付", ed="今天之内")],
          tags=["nickname", "context"], reply=15),
        M("12-02 16:50", "付嘉", "厂家说超过2小时不建议用 这批退回去了"),
        M("12-05 22:30", "程乐", "今晚急诊来了只吞袜子的哈士奇 内镜夹出来了 哈哈哈"),
        M("12-07 09:00", "苏曼", "年检定在15号 需要有人把诊疗室的消毒记录从9月开始补打出来",
          [T("诊疗室的消毒记录补打出来", [], "day:15", et="把诊疗室的消毒记录从9月开始补打出来", ed="年检定在15号")],
          tags=["unassigned", "implicit"]),
        M("12-07 09:20", "叶知秋", "苏主任 我来打 周三前弄完",
          [T("补打诊疗室的消毒记录", ME, "wd:3", eo="我", ed="周三前")], tags=["context"], reply=19),
        M("12-10 17:00", "程雅雯", "要不要考虑一下年底搞个老年宠物体检套餐"),
        M("12-10 17:20", "苏曼", "可以 你出个方案 下周五之前给我",
          [T("出老年宠物体检套餐方案", ["程雅雯"], "next:5", et="出个方案", eo="你", ed="下周五之前")],
          tags=["context"], reply=21),
        M("12-15 18:40", "苏曼", "年检顺利通过 谢谢大家🙏"),
        M("12-21 08:00", "崔颖", "元旦门诊安排：1号照常 2号3号只开上午"),
        M("12-21 08:30", "苏曼", "年底前各位把今年的病例归档整理完 程乐再统计一下全年手术量",
          [T("今年的病例归档整理完", ALL, "yearend", et="把今年的病例归档整理完", eo="各位", ed="年底前"),
           T("统计全年手术量", ["程乐"], "yearend", et="统计一下全年手术量", eo="程乐")]),
    ]))

# ======================================================== 7. chip verification team (9/20 调休, 中秋, 国庆, 10/10 调休)
CHATS.append(dict(
    chat="chip-verif", kind="chip verification team",
    members=["杨振宇", "易帆", "易晓光", "邹凯文", "戴琳", "陶然", "武亮"],
    msgs=[
        M("09-14 09:30", "杨振宇", "DDR控制器的回归下周三之前要跑到覆盖率95% 凯文负责 小陶帮忙review一下assertion",
          [T("DDR控制器的回归跑到覆盖率95%", ["邹凯文"], "next:3", et="DDR控制器的回归", eo="凯文负责", ed="下周三之前"),
           T("review一下assertion", ["陶然"], "next:3", et="review一下assertion", eo="小陶")], tags=["nickname"]),
        M("09-14 09:45", "邹凯文", "收到 现在code coverage 87%"),
        M("09-14 23:20", "易晓光", "PCIe的testbench今晚跑挂了 log在/proj/verif/regress/0914 谁有空帮忙看下",
          [T("看PCIe testbench跑挂的log", [], et="帮忙看下")], tags=["unassigned"]),
        M("09-15 08:10", "武亮", "我看了 是license不够 已经重新排队了", reply=3),
        M("09-15 10:00", "戴琳", "周五下午3点跟设计组对spec 会前大家把各自的疑问点整理到共享文档里",
          [T("疑问点整理到共享文档里", ALL, "wd:5", "15:00", et="把各自的疑问点整理到共享文档里", eo="大家", ed="会前")],
          tags=["implicit"]),
        M("09-16 11:30", "陶然", "assertion里有个时序写反了 我改完提交了"),
        M("09-17 14:00", "杨振宇", "tapeout节点定了 10月16号 所有signoff项国庆前必须关掉",
          [T("所有signoff项关掉", [], "prehol:国庆节", et="所有signoff项", ed="国庆前")], tags=["unassigned"]),
        M("09-18 15:45", "易帆", "spec对完了 有6个疑问设计组要回去确认"),
        M("09-18 16:00", "杨振宇", "@易帆 跟进设计组那6个问题 2个工作日内关掉",
          [T("跟进设计组那6个问题", ["易帆"], "wdays:2", et="跟进设计组那6个问题", eo="@易帆", ed="2个工作日内")]),
        M("09-20 09:05", "戴琳", "今天调休上班 食堂不开 中午点外卖的接龙👇"),
        M("09-20 13:30", "邹凯文", "覆盖率到93了 剩下几个corner case很难打 我明天再试试",
          [T("再试试剩下几个corner case", ME, "tmr", et="剩下几个corner case", eo="我", ed="明天")]),
        M("09-21 10:15", "杨振宇", "corner case别死磕 凯文列个waiver清单 节前给我过一下",
          [T("列waiver清单给我过", ["邹凯文"], "prehol", et="列个waiver清单", eo="凯文", ed="节前")],
          tags=["nickname"], reply=11),
        M("09-21 10:20", "邹凯文", "好的杨工"),
        M("09-22 20:30", "易晓光", "PCIe回归还剩3个fail 估计是RTL的bug 明早我跟设计确认下",
          [T("跟设计确认PCIe回归的3个fail", ME, "tmr", et="跟设计确认下", eo="我", ed="明早")]),
        M("09-23 11:00", "易晓光", "确认了 是RTL bug 设计说明天修"),
        M("09-24 17:30", "杨振宇", "waiver清单看了 第4条不能waive 凯文补一个定向用例 其余OK",
          [T("补一个定向用例", ["邹凯文"], et="补一个定向用例", eo="凯文")], tags=["nickname"]),
        M("09-24 17:40", "戴琳", "中秋快乐🥮 服务器假期不关机 回归可以挂着跑"),
        M("09-28 09:00", "杨振宇", "今天开始冲signoff：1.易帆 低功耗检查 2.易晓光 PCIe回归清零 3.老武 gate-level仿真 4.戴姐 汇总signoff checklist 以上国庆前全部关掉",
          [T("低功耗检查", ["易帆"], "prehol:国庆节", et="低功耗检查", eo="易帆", ed="国庆前"),
           T("PCIe回归清零", ["易晓光"], "prehol:国庆节", et="PCIe回归清零", eo="易晓光", ed="国庆前"),
           T("gate-level仿真", ["武亮"], "prehol:国庆节", et="gate-level仿真", eo="老武", ed="国庆前"),
           T("汇总signoff checklist", ["戴琳"], "prehol:国庆节", et="汇总signoff checklist", eo="戴姐", ed="国庆前")],
          tags=["nickname", "title-address"]),
        M("09-28 09:10", "武亮", "gate sim的网表还没拿到 后端说今晚给 拿到我连夜跑",
          [T("跑gate sim", ME, "today", et="连夜跑", eo="我", ed="连夜")]),
        M("09-29 07:40", "陶然", "昨晚回归机器宕了 我一早重启了 队列已恢复"),
        M("09-30 18:20", "易帆", "低功耗检查clean了✅"),
        M("09-30 18:35", "杨振宇", "gate sim还剩两个case 老武假期里辛苦下 节后第一天上班前搞定",
          [T("gate sim剩下两个case搞定", ["武亮"], "after:国庆节", et="gate sim还剩两个case", eo="老武", ed="节后第一天上班前")],
          tags=["nickname"]),
        M("10-08 09:15", "武亮", "gate sim全过了 报告放wiki上了"),
        M("10-10 10:00", "杨振宇", "今天调休 tapeout review改到14号下午 @戴琳 review材料13号之前发全组 @易晓光 review前再跑一轮全量回归",
          [T("review材料发全组", ["戴琳"], "day:13", et="review材料", eo="@戴琳", ed="13号之前"),
           T("再跑一轮全量回归", ["易晓光"], "day:14", et="再跑一轮全量回归", eo="@易晓光", ed="review前")],
          tags=["implicit"]),
        M("10-12 19:50", "易晓光", "全量回归提交了 明早出结果"),
    ]))

# ======================================================== 8. exhibition stand build contractor (3月家博会)
CHATS.append(dict(
    chat="expo-build", kind="exhibition stand build contractor",
    members=["金大伟", "段鹏飞", "尹佳", "尹浩", "邱敏", "聂东"],
    msgs=[
        M("03-02 09:00", "金大伟", "家博会A馆那个300平的特装签下来了 15号进场17号开展 邱经理负责对接主场 小聂三天内出效果图",
          [T("对接主场", ["邱敏"], et="对接主场", eo="邱经理"),
           T("出效果图", ["聂东"], "days:3", et="出效果图", eo="小聂", ed="三天内")],
          tags=["title-address", "nickname"]),
        M("03-02 09:05", "邱敏", "收到金总"),
        M("03-03 22:30", "聂东", "效果图初稿出来了 客户说想要科技感强一点 我在改改😵",
          [T("效果图改改", ME, et="改改", eo="我")]),
        M("03-04 10:00", "邱敏", "主场说图纸报审截止10号 要结构图 电路图和施工资质"),
        M("03-04 10:15", "金大伟", "老段出结构图和电路图 9号前给邱经理 施工资质尹佳去公司盖章",
          [T("出结构图和电路图给邱经理", ["段鹏飞"], "day:9", et="出结构图和电路图", eo="老段", ed="9号前"),
           T("施工资质去公司盖章", ["尹佳"], et="去公司盖章", eo="尹佳")], tags=["nickname"], reply=4),
        M("03-05 16:40", "尹浩", "工厂说P2.5的LED屏只剩一块了 另一块要等两周"),
        M("03-05 17:00", "金大伟", "那得有人去找找租赁的 明天得定下来",
          [T("找租赁的LED屏", [], "tmr", et="去找找租赁的", ed="明天")], tags=["unassigned", "context"], reply=6),
        M("03-05 17:03", "尹浩", "我有个朋友就是做租赁的那个我今晚就问问他看能不能给个好价",
          [T("问朋友租LED屏", ME, "today", et="问问他", eo="我", ed="今晚")], tags=["context"], reply=7),
        M("03-06 11:20", "尹浩", "LED屏租到了 两块P2.5 布展当天送到现场"),
        M("03-07 14:00", "聂东", "第二版效果图发群里了 请金总和邱经理审阅",
          [T("审阅第二版效果图", ["金大伟", "邱敏"], et="第二版效果图", eo="金总和邱经理")], tags=["title-address"]),
        M("03-07 18:10", "金大伟", "背景墙颜色再深一点 其他没问题 改完直接发客户",
          [T("背景墙颜色再深一点", ["聂东"], et="背景墙颜色再深一点"),
           T("改完直接发客户", ["聂东"], et="改完直接发客户")], tags=["context"], reply=10),
        M("03-09 08:50", "段鹏飞", "结构图电路图都给邱经理了"),
        M("03-09 09:30", "邱敏", "报审资料齐了 今天下午我去主场那边交",
          [T("去主场交报审资料", ME, "today", et="去主场那边交", eo="我", ed="今天下午")]),
        M("03-10 15:00", "邱敏", "报审通过 主场要求进场前交2万施工押金和施工人员名单",
          [T("交2万施工押金和施工人员名单", [], "day:15", et="交2万施工押金和施工人员名单", ed="进场前", alt=["2026-03-14"])],
          tags=["unassigned", "implicit"]),
        M("03-10 15:10", "金大伟", "押金我明天转 人员名单老段周四前报给邱经理",
          [T("转施工押金", ME, "tmr", et="押金", eo="我", ed="明天"),
           T("人员名单报给邱经理", ["段鹏飞"], "wd:4", et="人员名单", eo="老段", ed="周四前")],
          tags=["nickname", "context"], reply=14),
        M("03-12 20:40", "段鹏飞", "工厂这边地台和结构件都做好了 14号晚上装车"),
        M("03-13 09:00", "金大伟", "进场前一天大家把工具清点一遍 安全帽反光衣人手一套 缺的尹佳负责采购",
          [T("把工具清点一遍", ALL, "date:03-14", et="把工具清点一遍", eo="大家", ed="进场前一天"),
           T("采购缺的安全帽反光衣", ["尹佳"], et="采购", eo="尹佳")], tags=["implicit"]),
        M("03-14 06:30", "尹佳", "缺的反光衣买好了 放车上了"),
        M("03-15 23:40", "段鹏飞", "结构今天立起来了 灯还没装 明天通宵干"),
        M("03-16 07:10", "邱敏", "主场通知 明早8点前所有展位必须清走施工垃圾 不然罚款"),
        M("03-16 07:20", "金大伟", "老段今晚安排两个人清垃圾 小聂明早7点前到现场 把灯光角度调好",
          [T("安排两个人清垃圾", ["段鹏飞"], "today", et="安排两个人清垃圾", eo="老段", ed="今晚"),
           T("到现场把灯光角度调好", ["聂东"], "tmr", "07:00", et="把灯光角度调好", eo="小聂", ed="明早7点前")],
          tags=["nickname"], reply=20),
        M("03-17 09:30", "尹浩", "开展了 客户很满意 现场好多人拍照📸"),
        M("03-17 12:00", "邱敏", "客户问撤展能不能提前到19号晚上 主场说可以"),
        M("03-18 10:00", "金大伟", "撤展定在19号晚上 老段带人撤 尹浩把租的LED屏当晚还回去 结算单邱经理下周三前发给客户",
          [T("带人撤展", ["段鹏飞"], "day:19", et="带人撤", eo="老段", ed="19号晚上"),
           T("把租的LED屏还回去", ["尹浩"], "day:19", et="把租的LED屏", eo="尹浩", ed="当晚"),
           T("结算单发给客户", ["邱敏"], "next:3", et="结算单", eo="邱经理", ed="下周三前")],
          tags=["nickname", "title-address"]),
        M("03-20 19:30", "金大伟", "这次大家辛苦了 周末请大家吃饭 地点我定好发群里[呲牙]",
          [T("定好吃饭地点发群里", ME, et="地点", eo="我")]),
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
            mid = f"i{n:03d}"
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
                assert due is None or due >= d, (mid, "deadline before message", due)
                for a in alt:
                    assert a >= d, (mid, "alt before message")
                if t["time"]:
                    assert due is not None and re.fullmatch(r"\d\d:\d\d", t["time"])
                for key in ("et", "eo", "ed"):
                    assert t[key] is None or t[key] in text, (mid, key, t[key])
                assert not re.search(r"^请|麻烦|帮忙|一下$", t["title"]), (mid, "politeness in title", t["title"])
                assert not re.search(r"今天|明天|今晚|明早|上午|下午|周[一二三四五六日末]|号前|月底|节前|之前|尽快|马上", t["title"]), \
                    (mid, "deadline word in title", t["title"])
                assert not any(x in t["title"] for x in members) and \
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
    return rows


def stats(rows):
    tm = [r for r in rows if r["tasks"]]
    tasks = [t for r in rows for t in r["tasks"]]
    return dict(messages=len(rows), task_messages=len(tm), tasks=len(tasks),
                multi_task_messages=sum(len(r["tasks"]) >= 2 for r in rows),
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
