#!/usr/bin/env python3
"""Build train_h.jsonl: 200 hand-written, hand-labelled Chinese work-chat messages (8 teams x 25).

Every text, title and owner below is written by hand.  Deadlines are written as rules
(the phrase's meaning under the README conventions) and resolved here against the
message date and the official 2026 holiday / 调休 calendar.

usage: python3 train_h.py        # writes ../train_h.jsonl
       python3 train_h.py -v     # also prints every message with weekday and resolved tasks
"""
import calendar
import datetime as dt
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "train_h.jsonl"))
HOLI = "/work/shared/datasets/zh-time/holidays_cn/2026.json"

# ---------------------------------------------------------------- calendar
_cal = json.load(open(HOLI, encoding="utf-8"))
OFF = {}      # date -> holiday name (official days off)
MAKEUP = {}   # date -> holiday name (调休 make-up workdays)
for _d in _cal["days"]:
    _day = dt.date.fromisoformat(_d["date"])
    (OFF if _d["isOffDay"] else MAKEUP)[_day] = _d["name"]


def is_workday(d):
    if d in MAKEUP:
        return True
    if d in OFF:
        return False
    return d.weekday() < 5


def next_holiday(d, name=None):
    """First official day off strictly after d (optionally of the named holiday)."""
    for k in sorted(OFF):
        if k > d and (name is None or OFF[k] == name):
            return k
    raise ValueError("no holiday after %s" % d)


def resolve(rule, d):
    """Return (due_date, alt_dates) for a deadline rule relative to message date d."""
    if rule is None:
        return None, []
    if isinstance(rule, str):
        rule = (rule,)
    kind, *a = rule
    mon = d - dt.timedelta(days=d.weekday())
    if kind == "today":                       # 今天 / 今晚 / 今天之内
        return d, []
    if kind == "tomorrow":                    # 明天 / 明早 / 今明两天
        return d + dt.timedelta(days=1), []
    if kind == "houtian":                     # 后天
        return d + dt.timedelta(days=2), []
    if kind == "wd":                          # bare 周X: next such day on or after today
        return d + dt.timedelta(days=(a[0] - 1 - d.weekday()) % 7), []
    if kind == "this":                        # 本周X / 这周X
        return mon + dt.timedelta(days=a[0] - 1), []
    if kind == "next":                        # 下周X
        return mon + dt.timedelta(days=7 + a[0] - 1), []
    if kind == "nn":                          # 下下周X
        return mon + dt.timedelta(days=14 + a[0] - 1), []
    if kind == "thisweek":                    # 本周内 / 这周内 -> Friday of this week
        return mon + dt.timedelta(days=4), []
    if kind == "nextweek":                    # 下周内 -> Friday of next week
        return mon + dt.timedelta(days=11), []
    if kind == "weekend":                     # 周末 -> Sunday of this week
        return mon + dt.timedelta(days=6), []
    if kind == "monthend":                    # 月底 / N月底
        m = a[0] if a else d.month
        return dt.date(d.year, m, calendar.monthrange(d.year, m)[1]), []
    if kind == "yearend":                     # 年底
        return dt.date(d.year, 12, 31), []
    if kind == "plus":                        # N天内 / 一周内
        return d + dt.timedelta(days=a[0]), []
    if kind == "hao":                         # N号: this month if not yet past, else next month
        n = a[0]
        if n >= d.day:
            return dt.date(d.year, d.month, n), []
        y, m = (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)
        return dt.date(y, m, n), []
    if kind == "date":                        # an explicit date (X月X号, or an event's stated date)
        m, dd = map(int, a[0].split("-"))
        return dt.date(d.year, m, dd), []
    if kind == "work":                        # N个工作日内: count from the next day, 调休 counts
        n, cur = a[0], d
        while n:
            cur += dt.timedelta(days=1)
            if is_workday(cur):
                n -= 1
        return cur, []
    if kind == "holiday":                     # 节前 / 放假前 / 五一前 / 国庆前
        first = next_holiday(d, a[0] if a else None)
        cur = first - dt.timedelta(days=1)
        while not is_workday(cur):
            cur -= dt.timedelta(days=1)
        assert cur >= d, (rule, d)
        return cur, [first]
    raise ValueError(rule)


# ---------------------------------------------------------------- data helpers
CHATS = {}     # chat id -> dict(kind, members, msgs)
ORDER = []


def chat(cid, kind, members):
    CHATS[cid] = {"kind": kind, "members": members, "msgs": []}
    ORDER.append(cid)
    return CHATS[cid]["msgs"]


def T(title, owners, due=None, time=None, ev=(None, None, None), owners_alt=None):
    return {"title": title, "owners": owners, "rule": due, "time": time, "ev": ev,
            "owners_alt": owners_alt}


def M(box, when, sender, text, tasks=(), tags=(), key=None, reply=None):
    box.append({"when": when, "sender": sender, "text": text, "tasks": list(tasks),
                "tags": list(tags), "key": key, "reply": reply})


# ================================================================ 1. airport ground handling
A = chat("ramp", "airport ground handling (春运 / 春节)",
         ["韩志刚", "冯晓燕", "郭建军", "郭婷婷", "曹宇航", "彭丽娟"])
M(A, "02-02 06:40", "韩志刚", "@郭建军 春运期间除冰车的保养记录周三前交到值班室",
  [T("除冰车的保养记录交到值班室", ["郭建军"], ("wd", 3), ev=("除冰车的保养记录", "@郭建军", "周三前"))])
M(A, "02-02 06:45", "郭建军", "收到")
M(A, "02-02 09:30", "彭丽娟", "今天早班3号行李转盘又卡了两次 已经报修了")
M(A, "02-02 10:05", "曹宇航", "值机春运加开的那6个柜台 排班表我这边下班前发群里",
  [T("加开柜台的排班表发群里", ["曹宇航"], "today", "18:00", ev=("排班表", "我这边", "下班前"))])
M(A, "02-03 14:20", "韩志刚",
  "明天下午春运保障会，会前准备好：1. 丽娟 整理上周延误旅客的投诉 2. @冯晓燕 特殊旅客（轮椅、无陪儿童）的保障流程过一遍 3. 会议室谁能订一下",
  [T("整理上周延误旅客的投诉", ["彭丽娟"], "tomorrow", ev=("整理上周延误旅客的投诉", "丽娟", "会前")),
   T("特殊旅客的保障流程过一遍", ["冯晓燕"], "tomorrow", ev=("保障流程过一遍", "@冯晓燕", "会前")),
   T("订会议室", [], "tomorrow", ev=("会议室谁能订一下", None, "会前"))],
  ["implicit", "nickname", "unassigned"], key="a5")
M(A, "02-03 14:26", "郭婷婷", "会议室我来订",
  [T("订会议室", ["郭婷婷"], "tomorrow", ev=("会议室", "我", None))],
  ["context", "implicit"], reply="a5")
M(A, "02-04 08:10", "冯晓燕", "今天东航三个航班换机位 调度那边会单独通知")
M(A, "02-04 16:30", "韩志刚", "会上定了：郭建军负责廊桥的春节值守排班，曹宇航负责临时工的上岗培训，都是节前搞定",
  [T("廊桥的春节值守排班", ["郭建军"], ("holiday",), ev=("廊桥的春节值守排班", "郭建军", "节前")),
   T("临时工的上岗培训", ["曹宇航"], ("holiday",), ev=("临时工的上岗培训", "曹宇航", "节前"))], key="a8")
M(A, "02-04 16:32", "曹宇航", "好的 廊桥排班归建军 培训归我 没问题👌", reply="a8")
M(A, "02-05 21:40", "郭婷婷", "今晚最后一班延误到23点以后了 交接单我明早7点前发群里",
  [T("交接单发群里", ["郭婷婷"], "tomorrow", "07:00", ev=("交接单", "我", "明早7点前"))])
M(A, "02-06 10:00", "彭丽娟", "有谁知道失物招领的登记本放哪了？", key="a11")
M(A, "02-06 10:03", "冯晓燕", "在B区问询台抽屉里", reply="a11")
M(A, "02-07 07:15", "韩志刚", "各位 下周三民航局来检查安全台账 大家把各自班组的台账周二前补齐[抱拳]",
  [T("把各自班组的台账补齐", ["@all"], ("wd", 2), ev=("把各自班组的台账", "大家", "周二前"))])
M(A, "02-07 07:20", "郭建军", "收到收到")
M(A, "02-08 19:50", "曹宇航", "临时工培训的课件做好了 放共享盘了 韩主任下周一之前有空看一下",
  [T("看一下临时工培训的课件", ["韩志刚"], ("next", 1), ev=("临时工培训的课件", "韩主任", "下周一之前"))],
  ["title-address"])
M(A, "02-09 09:00", "韩志刚", "培训课件我今天看 另外小冯 春节期间旅客服务的应急预案5个工作日内出个初稿",
  [T("看培训课件", ["韩志刚"], "today", ev=("培训课件", "我", "今天")),
   T("春节期间旅客服务的应急预案出个初稿", ["冯晓燕"], ("work", 5),
     ev=("春节期间旅客服务的应急预案", "小冯", "5个工作日内"))], ["nickname"])
M(A, "02-09 11:20", "郭婷婷", "今天食堂的饺子是韭菜鸡蛋的 冲🏃")
M(A, "02-10 13:00", "彭丽娟", "投诉整理完了 主要两类：行李延误 还有登机口变更没广播", key="a18")
M(A, "02-10 13:10", "韩志刚", "登机口变更没广播这个 得跟塔台和广播室对一下流程 丽娟你牵头 周四前给个方案",
  [T("跟塔台和广播室对一下流程给个方案", ["彭丽娟"], ("wd", 4),
     ev=("跟塔台和广播室对一下流程", "丽娟", "周四前"))], ["nickname"], reply="a18")
M(A, "02-12 18:30", "郭建军", "廊桥春节排班排好了 已发邮件 请韩主任查收")
M(A, "02-14 08:00", "韩志刚", "今天调休上班 明天开始放假的同事注意交接 大家交接班表今天下班前签好字",
  [T("交接班表签好字", ["@all"], "today", "18:00", ev=("交接班表", "大家", "今天下班前"))])
M(A, "02-14 08:05", "冯晓燕", "应急预案初稿传群文件了[微笑]")
M(A, "02-16 23:10", "郭建军", "除夕快乐🧧 明天早班我来顶 老曹你回家陪家人吧",
  [T("顶明天早班", ["郭建军"], "tomorrow", ev=("早班", "我", "明天"))])
M(A, "02-24 09:15", "韩志刚", "节后返程高峰开始了 @郭婷婷 春节的加班统计这周内汇总给我 @郭建军 廊桥故障记录补一下 尽快",
  [T("春节的加班统计汇总", ["郭婷婷"], "thisweek", ev=("春节的加班统计", "@郭婷婷", "这周内")),
   T("廊桥故障记录补一下", ["郭建军"], None, ev=("廊桥故障记录补一下", "@郭建军", None))])
M(A, "02-27 20:15", "郭婷婷", "提醒 明天周六调休上班别忘了 加班统计已发韩主任邮箱 请查收")

# ================================================================ 2. university student union
B = chat("su", "university student union (迎新 / 中秋晚会)",
         ["林雨桐", "陈思远", "陈佳琪", "黄子豪", "周沐阳", "吴欣然", "赵一鸣"])
M(B, "09-01 22:30", "林雨桐", "各位部长晚上好～ 迎新暨中秋晚会定在9月24号 大家这周日之前把各部门的节目报给我",
  [T("把各部门的节目报给我", ["@all"], ("this", 7), ev=("把各部门的节目报给我", "大家", "这周日之前"))])
M(B, "09-01 22:31", "黄子豪", "收到！")
M(B, "09-02 12:10", "周沐阳", "迎新物资清单我今晚整理出来 发群里大家补充",
  [T("整理迎新物资清单", ["周沐阳"], "today", ev=("迎新物资清单", "我", "今晚"))])
M(B, "09-02 12:15", "吴欣然", "新生群建好了 已经进了300多人😂")
M(B, "09-03 07:20", "林雨桐", "@赵一鸣 @陈思远 9号新生报到那天的志愿者分组你们俩对接一下 周一前出名单",
  [T("新生报到志愿者分组出名单", ["赵一鸣", "陈思远"], ("wd", 1),
     ev=("志愿者分组", "@赵一鸣 @陈思远", "周一前"))], key="b5")
M(B, "09-03 07:45", "陈思远", "好的学姐", reply="b5")
M(B, "09-04 16:00", "陈佳琪", "那个就是宣传部这边呃海报的话我想着要不要考虑一下做两版一版中文一版英文给留学生看的大家觉得呢", key="b7")
M(B, "09-04 16:20", "林雨桐", "可以 佳琪你就按两版做 下周三前出稿",
  [T("海报按两版做出稿", ["陈佳琪"], ("next", 3), ev=("按两版做", "佳琪", "下周三前"))],
  ["context", "nickname"], reply="b7")
M(B, "09-06 21:00", "黄子豪", "体育部的节目是篮球操 已经报给雨桐了")
M(B, "09-07 10:30", "赵一鸣", "志愿者名单好了 一共42人分6组 表格在群文件 请学姐查收")
M(B, "09-07 10:40", "林雨桐", "辛苦👍 报到当天每组组长要带对讲机 得有人去后勤借１２台对讲机 周二下午5点前",
  [T("去后勤借对讲机", [], ("wd", 2), "17:00", ev=("去后勤借１２台对讲机", None, "周二下午5点前"))],
  ["unassigned"], key="b11")
M(B, "09-07 10:52", "吴欣然", "周二下午我没课 我去借吧",
  [T("去后勤借对讲机", ["吴欣然"], ("wd", 2), "17:00", ev=("借", "我", "周二下午"))],
  ["context"], reply="b11")
M(B, "09-09 06:50", "周沐阳", "今天报到 7点半东门集合 别迟到⏰")
M(B, "09-09 20:40", "林雨桐",
  "今天辛苦啦🎉 复盘一下：1.报到点指示牌不够 这次是临时手写的 2.@黄子豪 今天的照片整理一下 周五前发公众号 3.借的对讲机欣然明天还回去哈",
  [T("照片整理一下发公众号", ["黄子豪"], ("wd", 5), ev=("今天的照片整理一下", "@黄子豪", "周五前")),
   T("对讲机还回去", ["吴欣然"], "tomorrow", ev=("借的对讲机", "欣然", "明天"))], ["nickname"])
M(B, "09-10 13:00", "陈思远", "学院说军训慰问经费批下来了 后勤下周一会把水和西瓜送到操场")
M(B, "09-11 18:30", "黄子豪", "推文发了🔗 大家今晚都转发到自己班群哈😘",
  [T("推文转发到自己班群", ["@all"], "today", ev=("转发到自己班群", "大家", "今晚"))])
M(B, "09-14 10:00", "林雨桐", "晚会分工：节目单 佳琪 ；场地和音响 老赵 ；主持人选拔 沐阳和欣然 ；节前全部落实",
  [T("节目单", ["陈佳琪"], ("holiday",), ev=("节目单", "佳琪", "节前")),
   T("场地和音响", ["赵一鸣"], ("holiday",), ev=("场地和音响", "老赵", "节前")),
   T("主持人选拔", ["周沐阳", "吴欣然"], ("holiday",), ev=("主持人选拔", "沐阳和欣然", "节前"))],
  ["nickname"], key="b17")
M(B, "09-14 10:05", "赵一鸣", "所以我是场地音响 沐阳欣然管主持人 对吧😂", reply="b17")
M(B, "09-16 23:45", "陈佳琪", "节目单初版出来了 一共14个节目 有点长 要不要砍掉两个[捂脸]", key="b19")
M(B, "09-17 08:30", "林雨桐", "砍两个吧 你跟各部门沟通一下 周六前定稿",
  [T("跟各部门沟通 节目单定稿", ["陈佳琪"], ("wd", 6), ev=("跟各部门沟通一下", "你", "周六前"))],
  ["context"], reply="b19")
M(B, "09-18 15:00", "周沐阳", "主持人选好了 两男两女 名单见附件")
M(B, "09-20 09:00", "林雨桐", "今天调休要上课哈 晚会彩排改到明晚7点 地点不变")
M(B, "09-21 19:30", "吴欣然", "彩排的时候发现两个话筒有杂音 需要换新的 2个工作日内能搞定吗",
  [T("换新话筒", [], ("work", 2), ev=("需要换新的", None, "2个工作日内"))], ["unassigned"], key="b23")
M(B, "09-21 19:35", "赵一鸣", "音响归我管 我明天上午去设备处换",
  [T("去设备处换话筒", ["赵一鸣"], "tomorrow", ev=("去设备处换", "我", "明天上午"))],
  ["context"], reply="b23")
M(B, "09-28 11:00", "林雨桐", "晚会圆满结束🎉🎉 国庆前最后一件事 @陈思远 把这个月的经费报销单整理好交到团委",
  [T("把经费报销单整理好交到团委", ["陈思远"], ("holiday", "国庆节"),
     ev=("经费报销单整理好交到团委", "@陈思远", "国庆前"))])

# ================================================================ 3. seed-stage startup product team
C = chat("seed", "seed-stage startup product team (demo day / 清明)",
         ["孙浩然", "何静怡", "高俊峰", "高雅", "罗子轩", "谢梦琪"])
M(C, "03-23 09:10", "孙浩然", "下周四见投资人 demo day 大家手头的MVP功能下周二之前全部merge",
  [T("手头的MVP功能全部merge", ["@all"], ("next", 2), ev=("手头的MVP功能", "大家", "下周二之前"))])
M(C, "03-23 09:12", "罗子轩", "👌")
M(C, "03-23 11:00", "何静怡", "PRD v0.3 更新了 主要改了onboarding流程 @高雅 你看下交互稿要不要跟着改 明天给我反馈",
  [T("看下交互稿要不要跟着改", ["高雅"], "tomorrow", ev=("看下交互稿要不要跟着改", "@高雅", "明天"))])
M(C, "03-23 23:50", "高俊峰", "支付回调那个bug定位到了 签名算法用错了 我明早改完提PR",
  [T("改完支付回调bug提PR", ["高俊峰"], "tomorrow", ev=("改完提PR", "我", "明早"))])
M(C, "03-24 14:00", "高雅", "交互稿要改 onboarding少了一步手机号验证 新稿我周四前出",
  [T("出onboarding新交互稿", ["高雅"], ("wd", 4), ev=("新稿", "我", "周四前"))])
M(C, "03-25 10:30", "谢梦琪", "种子用户群现在213人 昨天新增40 主要从小红书来的", key="c6")
M(C, "03-25 10:40", "孙浩然", "不错👍 梦琪 小红书这周内再发三篇笔记",
  [T("小红书再发三篇笔记", ["谢梦琪"], "thisweek", ev=("小红书这周内再发三篇笔记", "梦琪", "这周内"))],
  ["nickname"], reply="c6")
M(C, "03-26 16:00", "何静怡", "融资deck的数据页谁来做一下？需要最近四周的留存和DAU",
  [T("做融资deck的数据页", [], None, ev=("融资deck的数据页", None, None))], ["unassigned"], key="c8")
M(C, "03-26 16:08", "高俊峰", "我来 数据我这都有 明天中午前给你",
  [T("做融资deck的数据页", ["高俊峰"], "tomorrow", "12:00", ev=("数据", "我", "明天中午前"))],
  ["context"], reply="c8")
M(C, "03-27 19:40", "罗子轩", "前端埋点我周末补上",
  [T("补前端埋点", ["罗子轩"], "weekend", ev=("前端埋点", "我", "周末"))])
M(C, "03-28 12:00", "孙浩然", "周末打扰了 投资人那边说demo day改到4月3号下午")
M(C, "03-28 12:05", "何静怡", "那merge的时间还是下周二吗", key="c12")
M(C, "03-28 12:10", "孙浩然", "对 不变", reply="c12")
M(C, "03-30 09:00", "孙浩然",
  "本周重点：1. 俊峰 支付和订单接口压测 2. 子轩 iOS TestFlight包 周三发出来 3. 静怡 demo脚本 4. 梦琪 邀请20个种子用户到现场 都在demo day之前弄完",
  [T("支付和订单接口压测", ["高俊峰"], ("date", "04-03"), ev=("支付和订单接口压测", "俊峰", "demo day之前")),
   T("iOS TestFlight包发出来", ["罗子轩"], ("wd", 3), ev=("iOS TestFlight包", "子轩", "周三")),
   T("demo脚本", ["何静怡"], ("date", "04-03"), ev=("demo脚本", "静怡", "demo day之前")),
   T("邀请20个种子用户到现场", ["谢梦琪"], ("date", "04-03"), ev=("邀请20个种子用户到现场", "梦琪", "demo day之前"))],
  ["implicit", "nickname"])
M(C, "03-30 09:20", "高雅", "有没有人知道demo day现场能不能投屏")
M(C, "03-31 22:10", "罗子轩", "代码全部merge了 CI绿了✅")
M(C, "04-01 08:20", "罗子轩", "TestFlight包昨晚以经发了 邀请链接在群公告")
M(C, "04-01 15:30", "孙浩然", "更正一下 静怡 demo脚本要提前 明天下午3点前给我",
  [T("demo脚本", ["何静怡"], "tomorrow", "15:00", ev=("demo脚本", "静怡", "明天下午3点前"))], ["nickname"])
M(C, "04-02 11:00", "谢梦琪", "确认来现场的种子用户现在17个 还差3个 有点难[流泪]", key="c19")
M(C, "04-02 11:05", "高雅", "我去问问设计圈的朋友 今晚给你答复",
  [T("问问设计圈的朋友来现场", ["高雅"], "today", ev=("问问设计圈的朋友", "我", "今晚"))],
  ["context"], reply="c19")
M(C, "04-03 21:30", "孙浩然", "demo day结束 反馈很好 有两家想约二次沟通 大家辛苦了 清明好好休息🍻")
M(C, "04-07 09:30", "孙浩然", "@何静怡 投资人提的问题整理成Q&A 3个工作日内发我 @高俊峰 技术架构图重画一版 下下周一前",
  [T("投资人提的问题整理成Q&A", ["何静怡"], ("work", 3), ev=("投资人提的问题整理成Q&A", "@何静怡", "3个工作日内")),
   T("技术架构图重画一版", ["高俊峰"], ("nn", 1), ev=("技术架构图重画一版", "@高俊峰", "下下周一前"))])
M(C, "04-07 09:35", "高俊峰", "收到 架构图前端那块 @罗子轩 你周五前发我一下",
  [T("架构图前端那块发我", ["罗子轩"], ("wd", 5), ev=("架构图前端那块", "@罗子轩", "周五前"))])
M(C, "04-08 17:45", "谢梦琪", "用户访谈的录音转文字搞完了 放notion了 大家有空看看")
M(C, "04-10 18:20", "何静怡", "Q&A发邮箱了 请孙总查收")

# ================================================================ 4. garment factory
D = chat("garment", "garment factory (外贸衬衫 / 五一)",
         ["刘桂芳", "张建华", "张春梅", "王德胜", "李秀英", "杨海涛", "马晓丽"])
M(D, "04-20 07:30", "刘桂芳", "今天开始赶那批外贸衬衫 五一前必须出货 张建华你排一下每条线的产量计划 今天下班前给我",
  [T("外贸衬衫出货", [], ("holiday", "劳动节"), ev=("必须出货", None, "五一前")),
   T("排每条线的产量计划", ["张建华"], "today", "18:00", ev=("排一下每条线的产量计划", "张建华", "今天下班前"))],
  ["unassigned"])
M(D, "04-20 08:10", "张建华", "好的刘总")
M(D, "04-20 17:20", "张建华", "产量计划发你微信了 每天要做到1200件 三条线都要加班到9点")
M(D, "04-21 10:00", "张春梅", "第一批抽检 领口走线不直的有8件 以经返工了", key="d4")
M(D, "04-21 10:15", "刘桂芳", "李姐 明天早会上跟车位的工人强调一下领口的做法",
  [T("跟车位的工人强调领口的做法", ["李秀英"], "tomorrow", ev=("跟车位的工人强调一下领口的做法", "李姐", "明天早会上"))],
  ["title-address"], reply="d4")
M(D, "04-21 21:30", "马晓丽", "客户刚发邮件要加单500件 蓝色的 交期不变 我明天一早跟面料厂确认布够不够",
  [T("跟面料厂确认布够不够", ["马晓丽"], "tomorrow", ev=("跟面料厂确认布够不够", "我", "明天一早"))])
M(D, "04-22 08:00", "杨海涛", "仓库蓝色面料还有300米左右 估计不够")
M(D, "04-22 08:20", "刘桂芳", "小马 让面料厂周五前把布送过来 老杨 你把二号仓腾出来放加单的布",
  [T("让面料厂把布送过来", ["马晓丽"], ("wd", 5), ev=("让面料厂周五前把布送过来", "小马", "周五前")),
   T("把二号仓腾出来放加单的布", ["杨海涛"], None, ev=("把二号仓腾出来放加单的布", "老杨", None))],
  ["nickname"])
M(D, "04-22 09:00", "马晓丽", "面料厂说周五上午能送到")
M(D, "04-23 14:00", "王德胜", "那个加单的蓝色款啊客户给的尺寸表跟上次的不一样袖长要改的纸样我今晚就改好",
  [T("改好纸样", ["王德胜"], "today", ev=("纸样", "我", "今晚"))])
M(D, "04-24 11:30", "杨海涛", "布到了 放二号仓了")
M(D, "04-25 07:40", "张建华", "周六照常上班哈 今天中午食堂加鸡腿🍗")
M(D, "04-25 16:00", "刘桂芳", "春梅 王工改好的纸样你量一下样衣 明天中午之前给个结果",
  [T("量一下样衣", ["张春梅"], "tomorrow", "12:00", ev=("量一下样衣", "春梅", "明天中午之前"))], ["nickname"])
M(D, "04-26 12:30", "张春梅", "样衣量了 袖长OK 胸围大了1公分 王工你再调一下",
  [T("胸围再调一下", ["王德胜"], None, ev=("再调一下", "王工", None))], ["title-address"])
M(D, "04-27 09:00", "刘桂芳", "五一放假5月1号到5号 9号周六补班 30号出货 出货前仓库要全部点一遍数 老杨负责 张建华配合",
  [T("仓库全部点一遍数", ["杨海涛", "张建华"], ("hao", 30), ev=("仓库要全部点一遍数", "老杨", "出货前"),
     owners_alt=[["杨海涛"]])], ["implicit", "nickname"])
M(D, "04-27 09:05", "杨海涛", "好")
M(D, "04-28 19:20", "马晓丽", "客户要验货 验货员29号上午来", key="d17")
M(D, "04-28 19:25", "刘桂芳", "那得有人陪验货员 张春梅你负责陪同 检测报告今晚打印出来",
  [T("陪同验货员", ["张春梅"], ("hao", 29), ev=("陪同", "张春梅", None)),
   T("检测报告打印出来", ["张春梅"], "today", ev=("检测报告今晚打印出来", "张春梅", "今晚"))],
  ["context", "implicit"], reply="d17")
M(D, "04-29 16:40", "杨海涛", "点完了 一共4980件 差20件 在查", key="d19")
M(D, "04-29 16:45", "张建华", "差的20件应该在后整车间 我今明两天找出来",
  [T("找出差的20件", ["张建华"], "tomorrow", ev=("差的20件", "我", "今明两天"))], ["context"], reply="d19")
M(D, "04-30 18:00", "马晓丽", "货柜车装完走了 明天开始放假 大家五一快乐🎉")
M(D, "05-06 08:00", "刘桂芳", "节后第一天 各组长今天把车间机器都检查一遍 有问题报给王工",
  [T("把车间机器都检查一遍", ["@all"], "today", ev=("把车间机器都检查一遍", "各组长", "今天"))])
M(D, "05-07 10:00", "刘桂芳", "下一单是童装 @马晓丽 2个工作日内把客户的工艺单翻译好 @王德胜 下周三前打出头样",
  [T("把客户的工艺单翻译好", ["马晓丽"], ("work", 2), ev=("把客户的工艺单翻译好", "@马晓丽", "2个工作日内")),
   T("打出头样", ["王德胜"], ("next", 3), ev=("打出头样", "@王德胜", "下周三前"))])
M(D, "05-08 17:30", "张建华", "提醒一下 明天周六补班 正常打卡")
M(D, "05-12 22:15", "李秀英", "童装头样车好了 王工明天帮忙看看[微笑]",
  [T("看看童装头样", ["王德胜"], "tomorrow", ev=("童装头样", "王工", "明天"))], ["title-address"])

# ================================================================ 5. wedding planner studio
E = chat("wedding", "wedding planner studio (草坪婚礼 / 端午)",
         ["苏曼", "方嘉怡", "徐可欣", "徐浩", "程立"])
M(E, "06-01 10:00", "苏曼", "这周六的草坪婚礼 新娘姓顾 下午4点仪式 嘉怡你周三前把流程单发给客户确认",
  [T("把流程单发给客户确认", ["方嘉怡"], ("wd", 3), ev=("把流程单发给客户确认", "嘉怡", "周三前"))], ["nickname"])
M(E, "06-01 10:10", "方嘉怡", "好嘞")
M(E, "06-01 14:30", "徐可欣", "顾小姐想要白色芍药的手捧花 但6月芍药快过季了 要不要考虑一下换成玫瑰", key="e3")
M(E, "06-01 14:40", "苏曼", "你先问问花市还有没有货 明天给我答复",
  [T("问问花市还有没有芍药", ["徐可欣"], "tomorrow", ev=("问问花市还有没有货", "你", "明天"))],
  ["context"], reply="e3")
M(E, "06-02 09:20", "徐可欣", "花市说还能拿到 但要提前3天订")
M(E, "06-02 09:30", "苏曼", "那就订 可欣今天把芍药订了 顺便主桌花艺小样周四做一个出来",
  [T("把芍药订了", ["徐可欣"], "today", ev=("把芍药订了", "可欣", "今天")),
   T("主桌花艺小样做一个出来", ["徐可欣"], ("wd", 4), ev=("主桌花艺小样", "可欣", "周四"))], ["nickname"])
M(E, "06-03 23:10", "方嘉怡", "流程单客户确认了 誓词环节要加一段新郎的惊喜视频 视频客户自己做")
M(E, "06-04 10:00", "程立", "草坪那边没电源 得有人跟场地方确认一下能不能拉临时电",
  [T("跟场地方确认能不能拉临时电", [], None, ev=("跟场地方确认一下能不能拉临时电", None, None))],
  ["unassigned"], key="e8")
M(E, "06-04 10:05", "苏曼", "小程你自己对接吧 明天下班前确认好",
  [T("跟场地方确认拉临时电", ["程立"], "tomorrow", "18:00", ev=("对接", "小程", "明天下班前"))],
  ["context", "nickname"], reply="e8")
M(E, "06-05 19:45", "程立", "场地说可以拉 要付300电费 跟客户说过了")
M(E, "06-05 20:00", "苏曼",
  "明天顾家婚礼分工：徐浩 早上7点到 跟拍新娘化妆 ；徐可欣 10点前完成花门 ；程立 中午12点前调好音响 ；嘉怡全场控流程",
  [T("跟拍新娘化妆", ["徐浩"], "tomorrow", "07:00", ev=("跟拍新娘化妆", "徐浩", "早上7点到")),
   T("完成花门", ["徐可欣"], "tomorrow", "10:00", ev=("完成花门", "徐可欣", "10点前")),
   T("调好音响", ["程立"], "tomorrow", "12:00", ev=("调好音响", "程立", "中午12点前")),
   T("全场控流程", ["方嘉怡"], "tomorrow", ev=("全场控流程", "嘉怡", "明天"))],
  ["implicit", "nickname"])
M(E, "06-06 06:30", "徐浩", "出发了 无人机电池都充满了🚁")
M(E, "06-06 22:40", "苏曼", "顾家婚礼圆满收官🎉 大家辛苦 明天休息一天")
M(E, "06-08 10:00", "苏曼", "下一场是6月20号端午假期的中式婚礼 预算比较紧 嘉怡做两版报价 8万一版12万一版 3天内",
  [T("做两版报价", ["方嘉怡"], ("plus", 3), ev=("做两版报价", "嘉怡", "3天内"))], ["nickname"])
M(E, "06-08 10:30", "徐浩", "顾家的视频我这周末剪完 初剪发群里",
  [T("剪完顾家的视频", ["徐浩"], "weekend", ev=("顾家的视频", "我", "这周末"))])
M(E, "06-10 16:00", "方嘉怡", "两版报价做好了 苏姐帮忙审一下 客户在催",
  [T("审一下两版报价", ["苏曼"], None, ev=("审一下", "苏姐", None))], ["title-address"], key="e16")
M(E, "06-10 16:20", "苏曼", "审了 12万那版把花轿去掉 你改完直接发客户",
  [T("12万那版去掉花轿 改完发客户", ["方嘉怡"], None, ev=("12万那版把花轿去掉", "你", None))],
  ["context"], reply="e16")
M(E, "06-12 11:00", "徐可欣", "有人知道红色绣球花去哪订比较好吗")
M(E, "06-12 11:30", "徐浩", "端午那天接活是不是三倍工资[呲牙]")
M(E, "06-15 09:00", "苏曼", "中式婚礼签了 1.可欣 花艺方案 2.程立 灯光方案 3.徐浩 跟客户约拍摄脚本 全部周三之前交",
  [T("花艺方案", ["徐可欣"], ("wd", 3), ev=("花艺方案", "可欣", "周三之前")),
   T("灯光方案", ["程立"], ("wd", 3), ev=("灯光方案", "程立", "周三之前")),
   T("跟客户约拍摄脚本", ["徐浩"], ("wd", 3), ev=("跟客户约拍摄脚本", "徐浩", "周三之前"))],
  ["nickname"], key="e20")
M(E, "06-15 09:10", "程立", "收到 灯光方案我今天就出",
  [T("灯光方案", ["程立"], "today", ev=("灯光方案", "我", "今天"))], ["context"], reply="e20")
M(E, "06-16 18:30", "方嘉怡", "客户临时说20号仪式改到户外 下雨就麻烦了", key="e22")
M(E, "06-16 18:40", "苏曼", "得准备雨棚 嘉怡你问问上次那家 节前一定要订好",
  [T("问上次那家订好雨棚", ["方嘉怡"], ("holiday", "端午节"), ev=("问问上次那家", "嘉怡", "节前"))],
  ["nickname"], reply="e22")
M(E, "06-18 21:00", "方嘉怡", "雨棚订好了 19号下午送到场地")
M(E, "06-22 10:00", "苏曼", "端午这场大家辛苦了🙏 下周三的团建取消 客户尾款还没到账", tags=["cancel"])

# ================================================================ 6. property-management engineering
F = chat("estate", "property-management engineering (寒潮 / 元旦调休)",
         ["胡国强", "田志勇", "朱海波", "朱敏", "贺明", "董振东"])
M(F, "01-04 07:50", "胡国强", "今天调休上班 寒潮预警 下周最低零下8度 @贺明 地下车库和屋顶的水管保温今天全部检查一遍",
  [T("水管保温全部检查一遍", ["贺明"], "today", ev=("水管保温今天全部检查一遍", "@贺明", "今天"))])
M(F, "01-04 08:30", "贺明", "收到胡经理")
M(F, "01-04 16:10", "贺明", "检查完了 3号楼屋顶有两段保温棉破了 需要换",
  [T("换3号楼屋顶破的保温棉", [], None, ev=("需要换", None, None))], ["unassigned"], key="f3")
M(F, "01-04 16:15", "田志勇", "我明天带小董去换",
  [T("换3号楼屋顶的保温棉", ["田志勇", "董振东"], "tomorrow", ev=("去换", "我", "明天"),
     owners_alt=[["田志勇"]])], ["context", "nickname"], reply="f3")
M(F, "01-05 09:00", "朱敏", "昨晚报修汇总：7栋1802卫生间漏水 5栋电梯异响 2栋门禁刷不开", key="f5")
M(F, "01-05 09:10", "胡国强", "电梯异响找维保公司 海波你打电话让他们今天过来 门禁田工看一下 漏水的老贺中午前上门",
  [T("打电话让维保公司过来看电梯异响", ["朱海波"], "today", ev=("打电话让他们今天过来", "海波", "今天")),
   T("看一下门禁", ["田志勇"], None, ev=("门禁田工看一下", "田工", None)),
   T("漏水上门", ["贺明"], "today", "12:00", ev=("漏水的老贺中午前上门", "老贺", "中午前"))],
  ["context", "nickname", "title-address"], reply="f5")
M(F, "01-05 11:40", "朱海波", "维保公司说下午2点到")
M(F, "01-05 20:30", "董振东", "屋顶保温棉换好了 顺便把排水口的冰也清了👍")
M(F, "01-07 08:00", "胡国强", "公司要求 年度消防设施检测报告月底前报上去 田工牵头 朱海波配合",
  [T("年度消防设施检测报告报上去", ["田志勇", "朱海波"], "monthend",
     ev=("年度消防设施检测报告", "田工", "月底前"), owners_alt=[["田志勇"]])], ["title-address"])
M(F, "01-07 08:20", "朱敏", "2栋门禁修好没？业主又在群里问了", key="f10")
M(F, "01-07 08:25", "田志勇", "读卡器坏了 配件得买 我今天下午去五金城",
  [T("去五金城买读卡器配件", ["田志勇"], "today", ev=("去五金城", "我", "今天下午"))], reply="f10")
M(F, "01-08 14:00", "胡国强", "下周二上午集团来检查机房 各位把自己负责区域的巡检记录补齐 周一下班前",
  [T("把负责区域的巡检记录补齐", ["@all"], ("wd", 1), "18:00", ev=("巡检记录补齐", "各位", "周一下班前"))])
M(F, "01-08 14:05", "董振东", "胡经理 我负责哪个区域来着😅", key="f13")
M(F, "01-08 14:07", "胡国强", "你跟着老贺 B区", reply="f13")
M(F, "01-09 23:20", "朱敏", "紧急‼️6栋地下室水管爆了 水漫到配电房门口了 需要马上有人过去关总阀",
  [T("过去关总阀", [], None, ev=("过去关总阀", None, None))], ["unassigned"], key="f15")
M(F, "01-09 23:22", "朱海波", "我在值班室 马上过去",
  [T("过去关总阀", ["朱海波"], None, ev=("过去", "我", None))], ["context"], reply="f15")
M(F, "01-09 23:58", "朱海波", "阀门关了 配电房没进水 明早让老贺过来换管子",
  [T("换管子", ["贺明"], "tomorrow", ev=("换管子", "老贺", "明早"))], ["nickname"])
M(F, "01-10 07:30", "贺明", "到6栋了 管子换上了 下午在来看看有没有渗水",
  [T("看看有没有渗水", ["贺明"], "today", ev=("看看有没有渗水", None, "下午"))])
M(F, "01-12 17:50", "田志勇", "消防检测公司约好了 20号来")
M(F, "01-13 09:30", "胡国强", "机房检查通过了 表扬一下小董 记录做得很细👍")
M(F, "01-14 10:00", "朱敏", "业主反映地库照明太暗 要不要考虑一下换成LED的", key="f21")
M(F, "01-14 10:20", "胡国强", "要换 小董你先统计地库一共多少盏灯 两天内报给我 朱海波出个预算 下周内",
  [T("统计地库一共多少盏灯", ["董振东"], ("plus", 2), ev=("统计地库一共多少盏灯", "小董", "两天内")),
   T("出个换LED的预算", ["朱海波"], "nextweek", ev=("出个预算", "朱海波", "下周内"))],
  ["context", "nickname"], reply="f21")
M(F, "01-16 16:30", "董振东", "统计完了 一共186盏 表格发胡经理邮箱了 请查收")
M(F, "01-20 08:40", "田志勇", "消防检测公司今天没来 说改到22号")
M(F, "01-26 19:10", "胡国强",
  "春节前还有几件事：1.朱敏 发通知提醒业主关窗防冻 今天 2.老贺 节前把所有消防栓再检查一遍 3.田工 检测报告这周五前给我 比月底提前一点",
  [T("发通知提醒业主关窗防冻", ["朱敏"], "today", ev=("发通知提醒业主关窗防冻", "朱敏", "今天")),
   T("把所有消防栓再检查一遍", ["贺明"], ("holiday", "春节"), ev=("把所有消防栓再检查一遍", "老贺", "节前")),
   T("检测报告给我", ["田志勇"], ("this", 5), ev=("检测报告", "田工", "这周五前"))],
  ["nickname", "title-address"])

# ================================================================ 7. brand marketing agency
G = chat("agency", "brand marketing agency (双11 campaign / 国庆调休)",
         ["沈佳慧", "姚一帆", "姚瑶", "叶晨", "龚晓薇", "汪泽宇"])
M(G, "09-28 09:30", "沈佳慧", "客户的双11 brief到了 在群文件 大家节前都过一遍 有问题列出来",
  [T("双11 brief过一遍 有问题列出来", ["@all"], ("holiday",), ev=("都过一遍", "大家", "节前"))])
M(G, "09-28 09:40", "叶晨", "收到ＯＫ")
M(G, "09-28 15:00", "姚一帆", "创意方向我先出三个 8号给大家讲",
  [T("出三个创意方向", ["姚一帆"], ("hao", 8), ev=("创意方向", "我", "8号"))])
M(G, "09-29 11:20", "龚晓薇", "上次那个美妆KOL报价又涨了 一条视频要12万 离谱[裂开]", key="g4")
M(G, "09-29 11:30", "沈佳慧", "小龚 再找三个备选 腰部达人就行 30号下班前给我名单",
  [T("再找三个备选腰部达人", ["龚晓薇"], ("hao", 30), "18:00", ev=("再找三个备选", "小龚", "30号下班前"))],
  ["context", "nickname"], reply="g4")
M(G, "09-30 17:50", "龚晓薇", "名单发邮箱了 请沈总查收🙏")
M(G, "09-30 18:10", "沈佳慧", "国庆快乐 假期不打扰大家 有急事打电话")
M(G, "10-08 10:00", "姚一帆", "三个方向讲完了 客户倾向B 主打回家的情绪")
M(G, "10-08 10:30", "沈佳慧", "那就按B走 泽宇负责TVC分镜 叶哥负责KV 周六补班的时候过初稿",
  [T("TVC分镜初稿", ["汪泽宇"], ("wd", 6), ev=("TVC分镜", "泽宇", "周六补班的时候")),
   T("KV初稿", ["叶晨"], ("wd", 6), ev=("KV", "叶哥", "周六补班的时候"))],
  ["nickname", "title-address"])
M(G, "10-09 22:40", "姚瑶", "slogan想了十几个 明天我带过来大家投票",
  [T("slogan带过来大家投票", ["姚瑶"], "tomorrow", ev=("带过来大家投票", "我", "明天"))])
M(G, "10-10 16:00", "沈佳慧",
  "初稿过完了 意见：1. KV主视觉太冷 叶哥调暖一点 2. 分镜第三场太长 泽宇砍到5秒 3. slogan用第7个 姚瑶再出两个变体 周二前都改完",
  [T("KV主视觉调暖一点", ["叶晨"], ("wd", 2), ev=("KV主视觉太冷", "叶哥", "周二前")),
   T("分镜第三场砍到5秒", ["汪泽宇"], ("wd", 2), ev=("分镜第三场太长", "泽宇", "周二前")),
   T("slogan再出两个变体", ["姚瑶"], ("wd", 2), ev=("再出两个变体", "姚瑶", "周二前"))],
  ["nickname", "title-address"])
M(G, "10-10 16:05", "汪泽宇", "好的👌")
M(G, "10-12 07:30", "叶晨", "KV调完了 昨晚熬到三点😵 发你邮箱了")
M(G, "10-13 14:00", "龚晓薇", "客户说投放预算要砍20% 下周给最终数", key="g14")
M(G, "10-13 14:10", "沈佳慧", "那媒介排期得重做 小龚你先按砍20%出一版 ASAP",
  [T("按砍20%出一版媒介排期", ["龚晓薇"], None, ev=("先按砍20%出一版", "小龚", None))],
  ["context", "nickname"], reply="g14")
M(G, "10-14 11:00", "姚一帆", "TVC拍摄定在10月24号周六 需要拍摄前找好一个带院子的民宅",
  [T("找好一个带院子的民宅", [], ("date", "10-24"), ev=("找好一个带院子的民宅", None, "拍摄前"))],
  ["implicit", "unassigned"], key="g16")
M(G, "10-14 11:20", "汪泽宇", "场地我来找 我朋友在郊区有个院子 这周五前去看",
  [T("找场地 去看院子", ["汪泽宇"], ("this", 5), ev=("场地我来找", "我", "这周五前"))],
  ["context"], reply="g16")
M(G, "10-16 19:30", "汪泽宇", "院子看了 很合适 照片发群里了")
M(G, "10-19 09:00", "沈佳慧", "这周要定的：姚瑶 TVC旁白文案 周三 ；叶晨 户外广告的尺寸适配 周四 ；一帆 拍摄当天的通告单 周五",
  [T("TVC旁白文案", ["姚瑶"], ("wd", 3), ev=("TVC旁白文案", "姚瑶", "周三")),
   T("户外广告的尺寸适配", ["叶晨"], ("wd", 4), ev=("户外广告的尺寸适配", "叶晨", "周四")),
   T("拍摄当天的通告单", ["姚一帆"], ("wd", 5), ev=("拍摄当天的通告单", "一帆", "周五"))],
  ["nickname"])
M(G, "10-21 12:00", "姚瑶", "旁白写了两版 一版温情一版搞笑 沈总选一个",
  [T("选一版旁白", ["沈佳慧"], None, ev=("选一个", "沈总", None))], ["title-address"], key="g20")
M(G, "10-21 12:30", "沈佳慧", "温情", reply="g20")
M(G, "10-24 05:40", "姚一帆", "拍摄组5点半已经出发了 天气不错☀️")
M(G, "10-26 10:00", "汪泽宇", "素材都拍完了 粗剪我11月3号之前给到大家",
  [T("粗剪给到大家", ["汪泽宇"], ("date", "11-03"), ev=("粗剪", "我", "11月3号之前"))])
M(G, "10-27 09:15", "沈佳慧", "客户说户外广告那部分取消了 叶哥尺寸适配不用做了", tags=["cancel"])
M(G, "11-09 20:20", "沈佳慧", "双11冲刺 这两天大家手机保持畅通 11号当天 @龚晓薇 每2小时出一次投放数据 @姚瑶 盯评论区舆情",
  [T("每2小时出一次投放数据", ["龚晓薇"], ("hao", 11), ev=("每2小时出一次投放数据", "@龚晓薇", "11号当天")),
   T("盯评论区舆情", ["姚瑶"], ("hao", 11), ev=("盯评论区舆情", "@姚瑶", "11号当天"))])

# ================================================================ 8. nursing ward
H = chat("ward", "hospital nursing ward (护理质量检查 / 年底)",
         ["蔡红梅", "任静", "谭晓雪", "谭丽", "邱雨欣", "熊文杰", "廖俊"])
M(H, "11-30 07:45", "蔡红梅", "12月护理质量检查 各位把自己分管病人的护理记录本周内补全",
  [T("把分管病人的护理记录补全", ["@all"], "thisweek", ev=("护理记录本周内补全", "各位", "本周内"))])
M(H, "11-30 07:50", "任静", "收到护士长")
M(H, "11-30 14:20", "廖俊", "12床明天上午手术 术前备皮和禁食宣教 @谭晓雪 今天完成一下",
  [T("12床术前备皮和禁食宣教", ["谭晓雪"], "today", ev=("术前备皮和禁食宣教", "@谭晓雪", "今天"))])
M(H, "11-30 22:10", "谭丽", "夜班交班：8床夜里血压偏高 已通知值班医生 用药后稳定了", key="h4")
M(H, "12-01 08:30", "蔡红梅", "8床早上再测一次血压 晓雪上午10点前记录好",
  [T("8床再测一次血压记录好", ["谭晓雪"], "today", "10:00", ev=("8床早上再测一次血压", "晓雪", "上午10点前"))],
  ["nickname"], reply="h4")
M(H, "12-01 09:00", "邱雨欣", "科里的除颤仪电池提示电量低 谁能联系一下设备科",
  [T("联系设备科换除颤仪电池", [], None, ev=("联系一下设备科", None, None))], ["unassigned"], key="h6")
M(H, "12-01 09:03", "熊文杰", "我来打电话",
  [T("打电话联系设备科", ["熊文杰"], None, ev=("打电话", "我", None))], ["context"], reply="h6")
M(H, "12-01 15:30", "熊文杰", "设备科说明天下午来换电池")
M(H, "12-02 11:00", "蔡红梅",
  "下周三护理部来查房 查房前要做的：1.小邱 急救车药品核对一遍 2.文杰 整理压疮高危病人的评估表 3.任静 带新来的两个实习生熟悉交接班流程",
  [T("急救车药品核对一遍", ["邱雨欣"], ("next", 3), ev=("急救车药品核对一遍", "小邱", "查房前")),
   T("整理压疮高危病人的评估表", ["熊文杰"], ("next", 3), ev=("整理压疮高危病人的评估表", "文杰", "查房前")),
   T("带实习生熟悉交接班流程", ["任静"], ("next", 3), ev=("带新来的两个实习生熟悉交接班流程", "任静", "查房前"))],
  ["implicit", "nickname"])
M(H, "12-02 11:05", "邱雨欣", "好的蔡姐")
M(H, "12-03 19:40", "谭晓雪", "12床术后第一天 生命体征平稳 引流量30ml")
M(H, "12-04 16:00", "任静", "护理记录补完了 还有两份出院病人的在病案室 我下周一去调出来补上",
  [T("调出两份出院病人的护理记录补上", ["任静"], ("next", 1), ev=("调出来补上", "我", "下周一"))])
M(H, "12-05 06:50", "谭丽", "夜班又收了3个急诊 床位满了 走廊加了两张床😮‍💨", key="h13")
M(H, "12-05 08:30", "蔡红梅", "辛苦了 早点回去休息☕", reply="h13")
M(H, "12-07 10:20", "廖俊", "蔡姐 下周医护联合查房的PPT 护理部分麻烦你们出一下 周五前给我",
  [T("医护联合查房PPT护理部分", ["蔡红梅"], ("wd", 5), ev=("护理部分麻烦你们出一下", "蔡姐", "周五前"))],
  ["title-address"], key="h15")
M(H, "12-07 10:30", "蔡红梅", "好的廖主任 @谭丽 这个你来做吧 周四下班前先给我看",
  [T("医护联合查房PPT护理部分", ["谭丽"], ("wd", 4), "18:00", ev=("这个你来做吧", "@谭丽", "周四下班前"))],
  ["context"], reply="h15")
M(H, "12-08 13:00", "邱雨欣", "急救车核对完了 肾上腺素有两支快过期 已经跟药房换了")
M(H, "12-09 17:00", "蔡红梅", "今天查房整体不错 扣分点是交接班记录有涂改 以后大家注意[微笑]")
M(H, "12-10 21:15", "谭丽", "PPT做好了 蔡姐有空帮忙看一下",
  [T("看一下PPT", ["蔡红梅"], None, ev=("看一下", "蔡姐", None))], ["title-address"])
M(H, "12-14 08:00", "蔡红梅", "元旦排班表我下周内排出来 大家想休假的这周三前报给我",
  [T("排元旦排班表", ["蔡红梅"], "nextweek", ev=("元旦排班表", "我", "下周内")),
   T("想休假的报给我", ["@all"], ("this", 3), ev=("想休假的这周三前报给我", "大家", "这周三前"))], key="h20")
M(H, "12-14 08:10", "熊文杰", "我想31号休 回趟老家", reply="h20")
M(H, "12-16 15:00", "任静", "两个实习生的交接班流程都考核过了✅")
M(H, "12-17 23:30", "谭晓雪", "20床家属投诉夜里太吵 说隔壁床监护仪老是响 需要跟家属解释一下 顺便看看能不能调床",
  [T("跟20床家属解释一下", [], None, ev=("跟家属解释一下", None, None)),
   T("看看能不能调床", [], None, ev=("看看能不能调床", None, None))], ["unassigned"], key="h23")
M(H, "12-18 08:15", "蔡红梅", "我上午去跟家属谈 调床的事小邱你看看今天有没有出院的空床",
  [T("跟20床家属谈", ["蔡红梅"], "today", ev=("去跟家属谈", "我", "上午")),
   T("看看有没有出院的空床", ["邱雨欣"], "today", ev=("看看今天有没有出院的空床", "小邱", "今天"))],
  ["context", "nickname"], reply="h23")
M(H, "12-28 09:00", "蔡红梅", "年底护理工作总结 每个人写一份 年底前交给我",
  [T("写护理工作总结", ["@all"], "yearend", ev=("每个人写一份", "每个人", "年底前"))])


# ---------------------------------------------------------------- build + checks
WD = "一二三四五六日"
TITLE_ADDR = ("总", "姐", "哥", "工", "主任", "经理", "老师")


def day_note(d):
    if d in MAKEUP:
        return "调休上班"
    if d in OFF:
        return OFF[d] + "假"
    try:
        if next_holiday(d) == d + dt.timedelta(days=1) or (
                next_holiday(d) - d).days <= 3 and all(not is_workday(d + dt.timedelta(days=i))
                                                        for i in range(1, (next_holiday(d) - d).days)):
            return "节前"
    except ValueError:
        pass
    return ""


def build():
    rows, seen_text = [], set()
    for ci, cid in enumerate(ORDER):
        c = CHATS[cid]
        members = c["members"]
        assert 5 <= len(members) <= 7, cid
        assert len(c["msgs"]) == 25, (cid, len(c["msgs"]))
        surnames = [m[0] for m in members]
        pairs = [s for s in set(surnames) if surnames.count(s) > 1]
        assert len(pairs) == 1 and surnames.count(pairs[0]) == 2, (cid, pairs)
        keys, prev_ts = {}, None
        for mi, m in enumerate(c["msgs"]):
            rid = "h%03d" % (len(rows) + 1)
            ts = dt.datetime.strptime("2026-" + m["when"], "%Y-%m-%d %H:%M")
            assert prev_ts is None or ts > prev_ts, (rid, "order")
            prev_ts = ts
            d = ts.date()
            text = m["text"]
            assert text not in seen_text, (rid, "duplicate text")
            seen_text.add(text)
            assert m["sender"] in members, rid
            # the shared surname is never used with a title or 小/老
            s = pairs[0]
            for t in TITLE_ADDR:
                assert s + t not in text, (rid, s + t)
            assert "小" + s not in text and "老" + s not in text, (rid, s)
            reply = None
            if m["reply"]:
                r = keys[m["reply"]]
                reply = {"id": r["id"], "sender": r["sender"], "text": r["text"]}
            tasks = []
            for t in m["tasks"]:
                for o in t["owners"]:
                    assert o == "@all" or o in members, (rid, o)
                for alt in t["owners_alt"] or []:
                    for o in alt:
                        assert o in members, (rid, o)
                for e in t["ev"]:
                    assert e is None or e in text, (rid, e)
                assert t["title"] and not t["title"].startswith("请") and not any(
                    w in t["title"] for w in ("麻烦", "帮忙", "辛苦")), (rid, t["title"])
                due, alt = resolve(t["rule"], d)
                if due is not None:
                    assert due >= d, (rid, "deadline before message", due)
                    if t["time"] and due == d:
                        assert t["time"] > ts.strftime("%H:%M"), (rid, "time already past")
                else:
                    assert t["time"] is None, rid
                task = {"title": t["title"], "owners": t["owners"],
                        "due_date": due.isoformat() if due else None, "due_time": t["time"]}
                if alt:
                    task["due_date_alt"] = [a.isoformat() for a in alt]
                if t["owners_alt"]:
                    task["owners_alt"] = t["owners_alt"]
                task["evidence"] = {"title": t["ev"][0], "owner": t["ev"][1], "deadline": t["ev"][2]}
                tasks.append(task)
            tags = m["tags"]
            assert ("unassigned" in tags) == any(not t["owners"] for t in tasks), (rid, "unassigned tag")
            assert "context" not in tags or reply, (rid, "context without reply")
            row = {"id": rid, "chat": cid, "ts": ts.strftime("%Y-%m-%dT%H:%M:00+08:00"),
                   "sender": m["sender"], "members": members, "reply_to": reply,
                   "text": text, "tasks": tasks, "tags": tags}
            rows.append(row)
            if m["key"]:
                keys[m["key"]] = row
    assert len(rows) == 200
    return rows


def stats(rows):
    tm = [r for r in rows if r["tasks"]]
    ts = [t for r in rows for t in r["tasks"]]
    return {
        "messages": len(rows),
        "task_messages": len(tm),
        "tasks": len(ts),
        "multi_task_messages": sum(len(r["tasks"]) >= 2 for r in rows),
        "unowned_tasks": sum(not t["owners"] for t in ts),
        "all_tasks": sum(t["owners"] == ["@all"] for t in ts),
        "tasks_with_date": sum(t["due_date"] is not None for t in ts),
        "tasks_with_time": sum(t["due_time"] is not None for t in ts),
        "tasks_with_alt": sum("due_date_alt" in t for t in ts),
        "tasks_with_owners_alt": sum("owners_alt" in t for t in ts),
        "replies": sum(r["reply_to"] is not None for r in rows),
        "before_08_or_after_19": sum(not ("08:00" <= r["ts"][11:16] <= "19:00") for r in rows),
        "weekend_or_holiday": sum(dt.date.fromisoformat(r["ts"][:10]).weekday() >= 5
                                  or dt.date.fromisoformat(r["ts"][:10]) in OFF for r in rows),
        "makeup_day": sum(dt.date.fromisoformat(r["ts"][:10]) in MAKEUP for r in rows),
        "tags": {k: sum(k in r["tags"] for r in rows)
                 for k in ("context", "implicit", "title-address", "nickname", "unassigned", "cancel")},
    }


def main():
    rows = build()
    with open(OUT, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if "-v" in sys.argv:
        cur = None
        for r in rows:
            if r["chat"] != cur:
                cur = r["chat"]
                print("\n==== %s — %s — %s" % (cur, CHATS[cur]["kind"], " ".join(r["members"])))
            d = dt.date.fromisoformat(r["ts"][:10])
            print("%s %s 周%s %s %-4s| %s: %s" % (r["id"], r["ts"][5:16].replace("T", " "), WD[d.weekday()],
                                                  day_note(d), "", r["sender"], r["text"]))
            if r["reply_to"]:
                print("        ↳ reply to %s %s: %s" % (r["reply_to"]["id"], r["reply_to"]["sender"], r["reply_to"]["text"]))
            for t in r["tasks"]:
                dd = t["due_date"]
                wd = "周" + WD[dt.date.fromisoformat(dd).weekday()] if dd else ""
                extra = ""
                if "due_date_alt" in t:
                    extra += " alt=" + ",".join(t["due_date_alt"])
                if "owners_alt" in t:
                    extra += " owners_alt=" + json.dumps(t["owners_alt"], ensure_ascii=False)
                print("        → [%s] %s | %s %s %s%s" % (t["title"], ",".join(t["owners"]) or "∅", dd, wd,
                                                      t["due_time"] or "", extra))
            if r["tags"]:
                print("        tags:", ",".join(r["tags"]))
        print()
    print(json.dumps(stats(rows), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
