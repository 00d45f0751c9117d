#!/usr/bin/env python3
"""Build /work/wt/setF/set.jsonl: 150 hand-written Chinese work-group chat messages with gold tasks.

Every deadline is stored as the *rule* the words call for and resolved here against the message
timestamp (Asia/Shanghai) and the official 2026 holiday calendar (调休 make-up days count as workdays).

Rule strings (resolved by `resolve`):
  today / tomorrow / 后天 / +N            今天 / 明天 / 后天 / N天内, N天后
  jinming                                 今明两天 -> tomorrow
  bare:X     bare 周X / 星期X -> next such day on or after today (X in 一二三四五六日)
  this:X     本周X / 这周X -> that day of the current Monday-Sunday week
  next:X     下周X;  nn:X  下下周X
  thisweek   本周内 / 这周(内) -> Friday of this week;  nextweek  下周内 -> Friday of next week
  weekend    周末 -> Sunday of this week
  monthend   月底;  monthend:N  N月底;  yearend  年底
  day:N      N号 -> day N of this month if not yet past, else next month
  nextmonth:N  下个月N号
  wd:N       N个工作日内 -> N workdays counted from the day after the message
  pre:NAME   节前 / NAME前 -> last workday before the holiday's first off day
  first:NAME the holiday's first off day (accepted alternative to pre:)
  post:NAME  节后第一天 -> first workday after the holiday
  makeup     调休上班那天 -> the next make-up workday on or after today
  date:YYYY-MM-DD  explicit date
"""
import datetime as dt
import json
import os
import re
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
CAL_PATH = "/work/shared/datasets/zh-time/holidays_cn/2026.json"
OUT_PATH = os.path.join(HERE, "set.jsonl")
TZ = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai, no DST

# ---------------------------------------------------------------- calendar
with open(CAL_PATH, encoding="utf-8") as f:
    _cal = json.load(f)
CAL = {dt.date.fromisoformat(d["date"]): d for d in _cal["days"]}


def is_workday(d):
    if d in CAL:
        return not CAL[d]["isOffDay"]
    return d.weekday() < 5


def holiday_first_off(name, today):
    offs = sorted(d for d, v in CAL.items() if v["name"] == name and v["isOffDay"] and d >= today)
    assert offs, (name, today)
    first = offs[0]
    # walk back in case the named block is glued to an earlier off day (e.g. 中秋 before 国庆)
    return first


WD = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def resolve(rule, ts):
    if rule is None:
        return None
    today = ts.date()
    monday = today - dt.timedelta(days=today.weekday())
    if rule == "today":
        return today
    if rule in ("tomorrow", "jinming"):
        return today + dt.timedelta(days=1)
    if rule == "后天":
        return today + dt.timedelta(days=2)
    if rule.startswith("+"):
        return today + dt.timedelta(days=int(rule[1:]))
    if rule.startswith("bare:"):
        k = WD[rule[5:]]
        return today + dt.timedelta(days=(k - today.weekday()) % 7)
    if rule.startswith("this:"):
        return monday + dt.timedelta(days=WD[rule[5:]])
    if rule.startswith("next:"):
        return monday + dt.timedelta(days=7 + WD[rule[5:]])
    if rule.startswith("nn:"):
        return monday + dt.timedelta(days=14 + WD[rule[3:]])
    if rule == "thisweek":
        return monday + dt.timedelta(days=4)
    if rule == "nextweek":
        return monday + dt.timedelta(days=11)
    if rule == "weekend":
        return monday + dt.timedelta(days=6)
    if rule == "monthend" or rule.startswith("monthend:"):
        m = today.month if rule == "monthend" else int(rule.split(":")[1])
        y = today.year
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    if rule == "yearend":
        return dt.date(today.year, 12, 31)
    if rule.startswith("day:"):
        n = int(rule[4:])
        if n >= today.day:
            return today.replace(day=n)
        y, m = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        return dt.date(y, m, n)
    if rule.startswith("nextmonth:"):
        n = int(rule.split(":")[1])
        y, m = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        return dt.date(y, m, n)
    if rule.startswith("wd:"):
        n, d = int(rule[3:]), today
        while n:
            d += dt.timedelta(days=1)
            if is_workday(d):
                n -= 1
        return d
    if rule.startswith("pre:"):
        d = holiday_first_off(rule[4:], today) - dt.timedelta(days=1)
        while not is_workday(d):
            d -= dt.timedelta(days=1)
        return d
    if rule.startswith("first:"):
        return holiday_first_off(rule[6:], today)
    if rule.startswith("post:"):
        d = holiday_first_off(rule[5:], today)
        while not is_workday(d):
            d += dt.timedelta(days=1)
        return d
    if rule == "makeup":
        mk = sorted(d for d, v in CAL.items() if not v["isOffDay"] and d >= today)
        return mk[0]
    if rule.startswith("date:"):
        return dt.date.fromisoformat(rule[5:])
    raise ValueError(rule)


# ---------------------------------------------------------------- data model
ROSTERS = {}
PAIRS = {}  # chat -> shared surname (never addressed by surname+title / 小X / 老X)
MSGS = []


def T(title, owners, due=None, time=None, alt=None, oalt=None):
    return {"title": title, "owners": owners, "due": due, "time": time, "alt": alt or [], "oalt": oalt or []}


def M(mid, chat, ts, sender, text, tasks=(), tags=(), reply=None):
    MSGS.append({"id": mid, "chat": chat, "ts": ts, "sender": sender, "text": text,
                 "tasks": list(tasks), "tags": list(tags), "reply": reply})


# ================================================================ chat 1: mobile game studio (春节)
C = "game"
ROSTERS[C] = ["郑一鸣", "林子涵", "林浩", "高思琪", "曹俊", "贺明轩"]
PAIRS[C] = "林"

M("f001", C, "2026-02-09T09:15", "郑一鸣",
  "各位 春节版本的时间线定一下：2月12号提审，@林浩 打包和提审流程你负责；活动配置@林子涵 明天下班前给到运营；贺明轩把春节活动的公告文案写了，节前发出去",
  [T("打包和提审流程", ["林浩"], "date:2026-02-12"),
   T("活动配置给到运营", ["林子涵"], "tomorrow", "18:00"),
   T("春节活动的公告文案写了发出去", ["贺明轩"], "pre:春节", alt=["first:春节"])],
  ["implicit"])
M("f002", C, "2026-02-09T09:20", "林浩", "收到👌", [], ["context"], reply="f001")
M("f003", C, "2026-02-09T09:48", "高思琪", "春节皮肤的立绘终稿已经传到svn了 /art/spring2026 下面")
M("f004", C, "2026-02-09T10:05", "曹俊", "谁知道测试服今天几点重启啊")
M("f005", C, "2026-02-09T10:06", "贺明轩", "中午12点 运维说的", reply="f004")
M("f006", C, "2026-02-09T11:30", "郑一鸣", "小高 新春礼包的icon再出两版备选 今明两天给我看看 🙏",
  [T("新春礼包的icon再出两版备选", ["高思琪"], "jinming")], ["nickname"])
M("f007", C, "2026-02-10T10:00", "林子涵", "活动配置表已经发给贺明轩了，请查收")
M("f008", C, "2026-02-10T10:30", "贺明轩", "收到 奖励数值我今天下午核对完",
  [T("核对奖励数值", ["贺明轩"], "today")])
M("f009", C, "2026-02-10T14:20", "曹俊", "今天回归发现一个卡死bug 充值界面连点两次会卡住 已经提单了 #4521")
M("f010", C, "2026-02-10T14:25", "郑一鸣", "@林浩 这个优先级最高 尽快修",
  [T("修充值界面连点卡死的bug", ["林浩"])], ["context"], reply="f009")
M("f011", C, "2026-02-11T19:40", "林浩", "4521修了 包也打好了 放在内网ftp了 老曹你再回归一遍",
  [T("再回归一遍新包", ["曹俊"])], ["nickname"])
M("f012", C, "2026-02-12T09:00", "曹俊", "郑总 回归过了 没问题 可以提审[强]")
M("f013", C, "2026-02-12T16:30", "林浩", "已提审 等苹果审核")
M("f014", C, "2026-02-12T17:10", "郑一鸣",
  "提个醒 14号周六调休要上班 大家别忘了 那天下午两点开年前最后一次周会 每个人把节后第一周的计划写好 会前发群里",
  [T("节后第一周的计划写好发群里", ["@all"], "date:2026-02-14", "14:00")], ["implicit"])
M("f015", C, "2026-02-13T10:20", "贺明轩",
  "郑总 春节放假期间得有人每天盯一下服务器数据和玩家反馈 谁有空排个值班表？",
  [T("排春节期间盯服务器数据和玩家反馈的值班表", [])], ["unassigned"])
M("f016", C, "2026-02-13T10:35", "高思琪", "我来排 今天排好发群里",
  [T("排春节期间盯服务器数据的值班表", ["高思琪"], "today")], ["context"], reply="f015")
M("f017", C, "2026-02-14T14:40", "郑一鸣",
  "周会说的几件事记一下：1. 苹果审核过了 18号零点开活动 2. 节后第一天上午@曹俊 把春节期间的bug汇总一下 3. 林子涵 2个工作日内出一版三月版本的需求文档 4. 明轩 月底前跟渠道对一下春节流水",
  [T("把春节期间的bug汇总一下", ["曹俊"], "post:春节"),
   T("出一版三月版本的需求文档", ["林子涵"], "wd:2"),
   T("跟渠道对一下春节流水", ["贺明轩"], "monthend")],
  ["nickname"])
M("f018", C, "2026-02-24T09:05", "林浩", "新年好🧧 除夕那天有个玩家反馈登录闪退 我今天排查下",
  [T("排查登录闪退", ["林浩"], "today")])
M("f019", C, "2026-02-24T09:30", "林子涵", "需求文档可能要晚两天 春节前的调研数据还没拿全😭")
M("f020", C, "2026-02-24T09:40", "郑一鸣", "那最晚周五给我 别再拖了",
  [T("三月版本的需求文档给我", ["林子涵"], "bare:五")], ["context"], reply="f019")


# ================================================================ chat 2: research institute grant office 科研处 (清明)
C = "grant"
ROSTERS[C] = ["孟建华", "韩立新", "汪静", "田宇航", "方晓雯", "方志诚"]
PAIRS[C] = "方"

M("f021", C, "2026-03-30T08:50", "孟建华",
  "各位老师早 省自然科学基金今年的申报系统4月10号下午5点关闭 单位审核要提前 韩主任牵头把全所的申报书形式审查做了 4月8号之前完成",
  [T("全所的申报书形式审查", ["韩立新"], "date:2026-04-08")], ["title-address"])
M("f022", C, "2026-03-30T09:10", "韩立新",
  "好的 形式审查我和汪静分一下：汪姐看生命科学和农学那几个学部，其余的我来，8号前都弄完",
  [T("形式审查生命科学和农学学部", ["汪静"], "day:8"),
   T("形式审查其余学部", ["韩立新"], "day:8")], ["title-address"])
M("f023", C, "2026-03-30T09:30", "田宇航", "请问今年的预算编制说明模板有更新吗？")
M("f024", C, "2026-03-30T09:34", "方晓雯", "有更新 财务处上周发的新版 我转你了 请查收", reply="f023")
M("f025", C, "2026-03-30T10:15", "孟建华", "小田 把去年立项的32个项目的中期检查表收齐 本周内交到处里",
  [T("中期检查表收齐交到处里", ["田宇航"], "thisweek")], ["nickname"])
M("f026", C, "2026-03-30T14:00", "方志诚", "今天下午三点到五点申报系统维护 暂时登不上 大家错开时间")
M("f027", C, "2026-03-31T09:05", "汪静",
  "孟老师 生命科学学部有两份申报书的合作单位盖章页缺了 我已经电话通知课题组了 他们说清明前补过来")
M("f028", C, "2026-03-31T09:20", "孟建华", "好 你盯着点 补来了发我看一眼",
  [T("盯着盖章页补来了发我看一眼", ["汪静"])], ["context"], reply="f027")
M("f029", C, "2026-03-31T11:00", "方晓雯",
  "提醒一下 科研经费报销的票据 财务处要求节前全部交上去 清明后系统要年度结账 各位老师手上有没报的抓紧",
  [T("科研经费报销的票据交上去", ["@all"], "pre:清明节", alt=["first:清明节"])])
M("f030", C, "2026-04-01T09:00", "韩立新",
  "急！形式审查发现有5份申报书查重率超过30% 需要通知课题负责人修改后重新上传",
  [T("通知课题负责人修改后重新上传", [])], ["unassigned"])
M("f031", C, "2026-04-01T09:45", "方志诚", "我来通知吧 名单发我一下",
  [T("通知课题负责人修改后重新上传", ["方志诚"]),
   T("把查重超标的名单发我", ["韩立新"])], ["context"], reply="f030")
M("f032", C, "2026-04-01T10:30", "孟建华",
  "@方晓雯 晓雯 不好意思又要麻烦你 下周二省厅要来所里调研经费管理情况 能不能辛苦你在3个工作日内把近三年的经费执行情况汇总一份给我 格式参照去年的就行 谢谢！",
  [T("近三年的经费执行情况汇总一份给我", ["方晓雯"], "wd:3")])
M("f033", C, "2026-04-01T10:32", "方晓雯", "好的孟老师", [], ["context"], reply="f032")
M("f034", C, "2026-04-02T16:20", "田宇航", "中期检查表收了28份 还差4份 我明天再催一下",
  [T("再催一下剩下的中期检查表", ["田宇航"], "tomorrow")])
M("f035", C, "2026-04-03T17:30", "孟建华", "祝大家清明安康 放假期间手机保持畅通[抱拳]")
M("f036", C, "2026-04-07T08:40", "田宇航", "中期检查表32份都齐了 已交到孟老师办公室")
M("f037", C, "2026-04-07T09:15", "孟建华", "省厅调研改到下周四了 具体时间另行通知")
M("f038", C, "2026-04-08T10:00", "韩立新",
  "形式审查完了 共47份 退回修改的5份已经重新上传 请孟老师今天审阅一下汇总表；另外明天中午前要提交单位承诺书 还没人弄",
  [T("审阅一下汇总表", ["孟建华"], "today"),
   T("提交单位承诺书", [], "tomorrow", "12:00")], ["title-address", "unassigned"])
M("f039", C, "2026-04-08T10:20", "汪静", "承诺书我来 今天就弄好",
  [T("提交单位承诺书", ["汪静"], "today")], ["context"], reply="f038")

# ================================================================ chat 3: real-estate agency branch 房产中介门店 (劳动节, 5/9 调休)
C = "realty"
ROSTERS[C] = ["罗振华", "杨帆", "杨雪梅", "彭国强", "苏晴", "黎子豪"]
PAIRS[C] = "杨"

M("f040", C, "2026-04-27T08:45", "罗振华",
  "早上好各位 五一是旺季 节前每个人把手上的意向客户梳理一遍 约看房的排进五一假期 表格填共享文档里",
  [T("把手上的意向客户梳理一遍", ["@all"], "pre:劳动节", alt=["first:劳动节"])])
M("f041", C, "2026-04-27T09:02", "彭国强", "收到")
M("f042", C, "2026-04-27T09:30", "杨雪梅", "金桂苑3栋那套 业主刚打电话说降价5万 挂牌价改到268了")
M("f043", C, "2026-04-27T09:33", "罗振华", "那你把房源描述和图片也更新一下 顺便推给上周看过这套的那两个客户",
  [T("更新房源描述和图片", ["杨雪梅"]),
   T("推给上周看过这套的两个客户", ["杨雪梅"])], ["context"], reply="f042")
M("f044", C, "2026-04-27T11:10", "黎子豪", "有个客户想这周末看实验小学那片的学区房 我对那边不熟😅")
M("f045", C, "2026-04-27T11:18", "罗振华", "老彭 周六上午带小黎去看 小黎你今天先把客户需求整理好发给老彭",
  [T("带客户看实验小学那片的学区房", ["彭国强"], "bare:六", oalt=[["彭国强", "黎子豪"]]),
   T("把客户需求整理好发给老彭", ["黎子豪"], "today")], ["nickname", "context"], reply="f044")
M("f046", C, "2026-04-27T14:00", "苏晴",
  "提醒下 明天下午3点金桂苑那单在门店签约 需要有人提前把网签合同打印三份 我在外面跑贷款回不来",
  [T("把网签合同打印三份", [], "tomorrow", "15:00")], ["unassigned", "implicit"])
M("f047", C, "2026-04-27T14:05", "杨帆", "我来打 明早弄好",
  [T("把网签合同打印三份", ["杨帆"], "tomorrow")], ["context"], reply="f046")
M("f048", C, "2026-04-28T16:10", "苏晴", "金桂苑签约完成✌️ 定金已到账 佣金单据放罗经理桌上了")
M("f049", C, "2026-04-28T16:30", "罗振华", "辛苦 苏姐 这单的贷款材料3个工作日内交到银行",
  [T("这单的贷款材料交到银行", ["苏晴"], "wd:3")], ["title-address"])
M("f050", C, "2026-04-29T09:00", "杨帆", "五一值班表谁排了吗")
M("f051", C, "2026-04-29T09:05", "罗振华", "还没 杨帆你排一下 今天下班前发群里 每天至少两个人在店",
  [T("排五一值班表发群里", ["杨帆"], "today", "18:00")], ["context"], reply="f050")
M("f052", C, "2026-04-29T17:40", "杨帆", "值班表发了 1号2号我和小黎 3号4号老彭和杨雪梅 5号苏晴和我 有冲突的私聊我")
M("f053", C, "2026-04-30T10:15", "罗振华",
  "公司通知 9号周六调休上班 那天上午9点全店开季度复盘会 每个人准备一页四月的业绩总结 会上讲",
  [T("准备一页四月的业绩总结", ["@all"], "makeup", "09:00")], ["implicit"])
M("f054", C, "2026-05-01T19:00", "彭国强", "实验小学那个客户刚来电话说不看了 家里决定明年再买 明天的带看取消", [], ["cancel"])
M("f055", C, "2026-05-06T09:10", "黎子豪", "罗经理 想问下新人考试定了是哪天呀")
M("f056", C, "2026-05-06T09:20", "罗振华", "下周三 你这周把公司的业务手册看完 尤其是交易流程那章",
  [T("把公司的业务手册看完", ["黎子豪"], "thisweek")], ["context"], reply="f055")
M("f057", C, "2026-05-07T11:00", "苏晴", "银行说贷款材料收齐了 审批大概要两周 另外罗经理 金桂苑的佣金单据麻烦您今天签个字 财务那边等着走账",
  [T("金桂苑的佣金单据签个字", ["罗振华"], "today")], ["title-address"])
M("f058", C, "2026-05-09T11:30", "罗振华",
  "复盘会定的几件事：杨雪梅和杨帆负责把店里所有在售房源的实勘照片重拍一遍 月底前完成；老彭带小黎 把东区的三个新盘踩一遍 下周内；苏姐下周一前把四月的佣金核对表给我",
  [T("在售房源的实勘照片重拍一遍", ["杨雪梅", "杨帆"], "monthend"),
   T("把东区的三个新盘踩一遍", ["彭国强", "黎子豪"], "nextweek", oalt=[["彭国强"]]),
   T("把四月的佣金核对表给我", ["苏晴"], "next:一")], ["nickname", "title-address"])

# ================================================================ chat 4: wedding-planning company 婚庆公司 (端午)
C = "wedding"
ROSTERS[C] = ["蔡雅琴", "沈佳怡", "沈立峰", "姚文杰", "谭丽娟", "侯振宇"]
PAIRS[C] = "沈"

M("f059", C, "2026-06-08T10:00", "蔡雅琴",
  "端午那天（20号）王先生和李小姐的婚礼在滨江万豪 这是我们这个月最大的单 大家上点心 佳怡是主策划 流程单这周三之前出初稿",
  [T("流程单出初稿", ["沈佳怡"], "this:三")], ["nickname"])
M("f060", C, "2026-06-08T10:20", "侯振宇", "花材要提前一周下单 主色调定了吗 香槟色还是白绿")
M("f061", C, "2026-06-08T10:25", "沈佳怡", "新娘倾向白绿 我今晚跟她确认最终版",
  [T("跟新娘确认主色调最终版", ["沈佳怡"], "today")], ["context"], reply="f060")
M("f062", C, "2026-06-08T14:00", "谭丽娟", "新娘试妆约的是下周二下午两点 在我们工作室")
M("f063", C, "2026-06-08T15:30", "蔡雅琴", "@沈立峰 万豪宴会厅的层高和承重你去现场量一下 灯光方案要根据这个做 越快越好",
  [T("去万豪宴会厅现场量层高和承重", ["沈立峰"])])
M("f064", C, "2026-06-09T09:15", "沈立峰", "量好了 层高6米2 吊点承重每个300公斤 数据发共享盘了")
M("f065", C, "2026-06-09T09:40", "沈佳怡",
  "白绿确认✅ 老侯可以下单了 另外新娘想加一个签到处的花艺装置 麻烦老侯出个报价 明天中午前给我 我好跟客户谈",
  [T("花材下单", ["侯振宇"]),
   T("出签到处花艺装置的报价", ["侯振宇"], "tomorrow", "12:00")], ["nickname"])
M("f066", C, "2026-06-09T10:00", "侯振宇", "👌")
M("f067", C, "2026-06-10T17:50", "沈佳怡", "流程单初稿放群文件了 请蔡总审阅 重点看下仪式部分的时间卡点",
  [T("审阅流程单初稿", ["蔡雅琴"])], ["title-address"])
M("f068", C, "2026-06-11T10:30", "蔡雅琴", "看了 仪式部分太长 压到25分钟以内 你周五前改完再发我",
  [T("仪式部分压到25分钟以内 改完再发我", ["沈佳怡"], "bare:五")], ["context"], reply="f067")
M("f069", C, "2026-06-11T11:00", "姚文杰", "主持人那边回复了 19号下午可以来彩排")
M("f070", C, "2026-06-11T11:05", "蔡雅琴", "好 彩排就定19号下午4点 小姚你负责通知新人和双方父母 并且把彩排的场地跟酒店确认好",
  [T("通知新人和双方父母彩排时间", ["姚文杰"]),
   T("把彩排的场地跟酒店确认好", ["姚文杰"])], ["nickname"], reply="f069")
M("f071", C, "2026-06-15T09:00", "谭丽娟", "试妆改到周三上午了 新娘周二要出差")
M("f072", C, "2026-06-15T14:20", "蔡雅琴",
  "端午三天都有单 19号彩排 20号万豪 21号还有一场小型户外 所有人节前把各自负责物料的清单过一遍 装车时间另外通知",
  [T("把各自负责物料的清单过一遍", ["@all"], "pre:端午节", alt=["first:端午节"])])
M("f073", C, "2026-06-16T11:00", "沈立峰", "户外那场的发电机还没着落 得有人去租一台 我这边要调灯走不开",
  [T("去租一台发电机", [])], ["unassigned"])
M("f074", C, "2026-06-16T11:15", "姚文杰", "我去租 周四前搞定",
  [T("租一台发电机", ["姚文杰"], "bare:四")], ["context"], reply="f073")
M("f075", C, "2026-06-17T16:00", "侯振宇", "签到处的装置客户不做了 嫌贵 报价作废", [], ["cancel"])
M("f076", C, "2026-06-22T10:00", "蔡雅琴", "三场都顺利 辛苦大家🎉 今天休息半天 明天上午10点复盘")
M("f077", C, "2026-06-23T11:30", "蔡雅琴",
  "复盘结论：1.万豪那场的视频 沈立峰催一下摄像团队 月底前出片 2.客户回访佳怡负责 3个工作日内做完 3.户外场地的押金谭姐去退 4.下个月10号前每人交一份案例总结",
  [T("催一下摄像团队出片", ["沈立峰"], "monthend"),
   T("客户回访", ["沈佳怡"], "wd:3"),
   T("户外场地的押金去退", ["谭丽娟"]),
   T("交一份案例总结", ["@all"], "nextmonth:10")], ["nickname", "title-address"])

# ================================================================ chat 5: farm cooperative 合作社 (peach harvest, no holiday)
C = "coop"
ROSTERS[C] = ["马德胜", "吴秀兰", "陈建军", "刘长顺", "刘海燕", "董一凡"]
PAIRS[C] = "刘"

M("f078", C, "2026-07-13T07:30", "马德胜",
  "各位社员早上好今年的水蜜桃比去年早熟一个礼拜预计下周一开始大批量采摘大家这个礼拜把采摘筐和分拣台都准备好有坏的赶紧修",
  [T("把采摘筐和分拣台都准备好", ["@all"], "thisweek")])
M("f079", C, "2026-07-13T07:45", "刘长顺", "好的马主任")
M("f080", C, "2026-07-13T08:30", "董一凡", "抖音那边说20号晚上可以给咱排一场助农直播专场 流量扶持他们出")
M("f081", C, "2026-07-13T09:10", "吴秀兰", "上半年的分红明细表做好了 贴在合作社公告栏 社员有疑问的来找我")
M("f082", C, "2026-07-13T10:00", "马德胜", "陈工 后天县农技站的专家来看桃园的病虫害 你陪一下 提前把去年的用药记录找出来",
  [T("陪县农技站的专家看桃园的病虫害", ["陈建军"], "后天"),
   T("把去年的用药记录找出来", ["陈建军"], "后天", alt=["tomorrow"])], ["title-address", "implicit"])
M("f083", C, "2026-07-13T10:05", "陈建军", "没问题", [], ["context"], reply="f082")
M("f084", C, "2026-07-13T14:30", "刘海燕", "冷库2号机今天又报警了 温度降不下来 得找人来修 不然下周桃子进不了库",
  [T("找人来修冷库2号机", [])], ["unassigned"])
M("f085", C, "2026-07-13T14:40", "马德胜", "刘长顺你认识修冷库的师傅 今天就联系他",
  [T("联系修冷库的师傅", ["刘长顺"], "today")], ["context"], reply="f084")
M("f086", C, "2026-07-14T18:00", "刘长顺", "师傅来修好了 换了个压缩机继电器 花了380 票在我这")
M("f087", C, "2026-07-14T18:10", "吴秀兰", "票明天拿给我报账",
  [T("票拿给我报账", ["刘长顺"], "tomorrow")], ["context"], reply="f086")
M("f088", C, "2026-07-15T16:00", "陈建军", "专家说有零星的桃小食心虫 不严重 建议采摘前10天停止打药 我已经通知个户了")
M("f089", C, "2026-07-16T09:00", "董一凡", "直播间的背景要不要做个合作社的横幅？")
M("f090", C, "2026-07-16T09:20", "马德胜", "做 小董你去镇上打印店做一个 三米宽的 钱找吴姐报",
  [T("去镇上打印店做横幅", ["董一凡"])], ["nickname", "context"], reply="f089")
M("f091", C, "2026-07-17T17:30", "马德胜", "通知：原定周六的社员大会改到下周三晚上7点 在村委会二楼")
M("f092", C, "2026-07-20T22:10", "董一凡", "今晚直播卖了1200单🍑🍑 明天一早开始发货 所有人明天都来仓库支援打包",
  [T("来仓库支援打包", ["@all"], "tomorrow")])
M("f093", C, "2026-07-21T08:00", "刘海燕", "快递那边说今天最多只能拉600单 剩下的明天拉")
M("f094", C, "2026-07-22T10:00", "马德胜", "今晚7点开社员大会 吴姐会前把上半年的账目公示打印20份 陈工会上讲一下今年的管护要点",
  [T("把上半年的账目公示打印20份", ["吴秀兰"], "today", "19:00"),
   T("讲一下今年的管护要点", ["陈建军"], "today", "19:00")], ["title-address", "implicit"])
M("f095", C, "2026-07-23T09:00", "马德胜",
  "大会通过了 收购价每斤比市场价高两毛 下下周一开始第二批采摘 刘长顺负责把第二批的采摘人工找齐 至少20个人 下周五前报名单给我",
  [T("把第二批的采摘人工找齐 报名单给我", ["刘长顺"], "next:五")])
M("f096", C, "2026-07-24T15:00", "吴秀兰",
  "月底要给县农业农村局报合作社上半年的经营报表 海燕你把仓库的出入库数据3天内整理给我 我好汇总",
  [T("把仓库的出入库数据整理给我", ["刘海燕"], "+3")], ["nickname"])

# ================================================================ chat 6: middle-school grade teachers' group 年级组 (开学, 9/20 调休)
C = "grade"
ROSTERS[C] = ["黄志远", "徐丽萍", "周海波", "周雨欣", "任建平", "邱晓东"]
PAIRS[C] = "周"

M("f097", C, "2026-08-24T10:00", "黄志远",
  "各位老师暑假好 学校通知初二9月1号正式开学 8月31号学生报到 开学前各班主任把教室布置和新学期的座位表弄好",
  [T("教室布置和新学期的座位表弄好", ["@all"], "date:2026-09-01", alt=["date:2026-08-31"])], ["implicit"])
M("f098", C, "2026-08-24T10:15", "徐丽萍", "收到")
M("f099", C, "2026-08-24T10:20", "周雨欣", "黄主任 暑假作业检查表的模板在哪里下载呀")
M("f100", C, "2026-08-24T10:26", "黄志远", "教务处群里有 我转给你了 请查收", reply="f099")
M("f101", C, "2026-08-26T16:00", "黄志远", "@邱晓东 开学第一周的行为规范训练 方案你这周五前交给我",
  [T("开学第一周的行为规范训练方案交给我", ["邱晓东"], "this:五")])
M("f102", C, "2026-08-27T09:30", "任建平", "我们班有两个转学生 学籍材料还没到 教务处说下周一前会寄过来")
M("f103", C, "2026-08-28T20:45", "周海波",
  "黄主任我想了一下今年数学的分层教学还是要搞我周末把分层名单和各层的进度表做出来发给大家看看",
  [T("把分层名单和各层的进度表做出来发给大家看看", ["周海波"], "weekend")])
M("f104", C, "2026-08-31T07:10", "黄志远", "今天报到日 学生8点到校 家长不进校园 大家辛苦了")
M("f105", C, "2026-08-31T15:00", "任建平", "转学生的学籍材料到了 我已经交教务处了")
M("f106", C, "2026-09-02T12:10", "徐丽萍", "开学第一周语文组要听推门课 我排在周四第三节 欢迎大家来听哈😊")
M("f107", C, "2026-09-04T17:00", "黄志远",
  "下周的事情提前说一下：1. 下周二下午第一次家长会 2点半开始 各班主任会前把家长会PPT发我看一下 2. 周雨欣负责家长签到表 下周一印好 3. 教师节年级组聚餐 小邱下周三前订好地方",
  [T("把家长会PPT发我看一下", ["@all"], "next:二", "14:30"),
   T("家长签到表印好", ["周雨欣"], "next:一"),
   T("订好年级组聚餐的地方", ["邱晓东"], "next:三")], ["implicit", "nickname"])
M("f108", C, "2026-09-04T17:05", "邱晓东", "好嘞 订好发群里", [], ["context"], reply="f107")
M("f109", C, "2026-09-07T08:20", "周雨欣", "签到表印好了 放在年级办公室门口的柜子上")
M("f110", C, "2026-09-08T09:00", "黄志远", "家长会改到周四下午了 学校礼堂那天有检查")
M("f111", C, "2026-09-10T21:00", "徐丽萍", "今天吃得很开心 谢谢小邱张罗🍻")
M("f112", C, "2026-09-14T10:00", "黄志远",
  "教务处通知 20号周日调休上班 按周五的课表上课 那天下午第一次月考 各科备课组长把月考试卷17号前交教务处",
  [T("把月考试卷交教务处", ["@all"], "day:17")])
M("f113", C, "2026-09-14T10:30", "周海波", "数学卷子我16号出好 周雨欣帮我校对一下",
  [T("出好数学卷子", ["周海波"], "day:16"),
   T("校对数学卷子", ["周雨欣"])])
M("f114", C, "2026-09-16T17:20", "黄志远",
  "月考的监考表已经发到各位邮箱 请查收 另外任老师 调休上班那天早上把考场的桌椅布置好",
  [T("把考场的桌椅布置好", ["任建平"], "makeup")], ["title-address"])

# ================================================================ chat 7: hotel front office 酒店前厅部 (中秋+国庆, 10/10 调休)
C = "hotel"
ROSTERS[C] = ["冯丽华", "雷振东", "朱晓燕", "朱俊杰", "熊大伟", "常文斌"]
PAIRS[C] = "朱"

M("f115", C, "2026-09-24T09:00", "冯丽华",
  "中秋国庆连着 入住率预计95%以上 几件事：1.各班次节前把VIP客人的预抵名单核对一遍 2.雷哥负责协调客房部 节日期间保证干净房够用 3.老熊 礼宾部的行李寄存柜得清理出来 不然节日期间客人的行李放不下",
  [T("把VIP客人的预抵名单核对一遍", ["@all"], "pre:中秋节", alt=["first:中秋节"]),
   T("协调客房部保证干净房够用", ["雷振东"]),
   T("礼宾部的行李寄存柜清理出来", ["熊大伟"])], ["title-address", "nickname"])
M("f116", C, "2026-09-24T09:10", "熊大伟", "收到 下午就弄",
  [T("清理行李寄存柜", ["熊大伟"], "today")], ["context"], reply="f115")
M("f117", C, "2026-09-24T11:30", "朱晓燕", "1808的客人投诉空调噪音 工程部说下午过来看")
M("f118", C, "2026-09-24T14:00", "常文斌", "冯经理 昨晚夜审发现有3笔挂账没有签字 单据放前台抽屉了 需要有人白天找客人补签 ASAP",
  [T("找客人补签3笔挂账", [])], ["unassigned"])
M("f119", C, "2026-09-24T14:20", "朱俊杰", "我白班 我来找他们补签 今天下班前弄完",
  [T("找客人补签挂账", ["朱俊杰"], "today", "18:00")], ["context"], reply="f118")
M("f120", C, "2026-09-25T08:00", "冯丽华", "中秋快乐🥮 今晚大堂有赏月活动 7点开始 晓燕你6点前把月饼和茶歇摆好",
  [T("把月饼和茶歇摆好", ["朱晓燕"], "today", "18:00")], ["nickname"])
M("f121", C, "2026-09-25T08:05", "朱晓燕", "好的冯经理[OK]", [], ["context"], reply="f120")
M("f122", C, "2026-09-28T10:00", "冯丽华", "小常 九月的前厅营业报表今明两天整理给我 财务那边要国庆前交",
  [T("九月的前厅营业报表整理给我", ["常文斌"], "jinming")], ["nickname"])
M("f123", C, "2026-09-28T15:30", "雷振东", "携程那边说国庆期间的超售订单他们会自己安排转店")
M("f124", C, "2026-09-28T16:00", "冯丽华", "@朱俊杰 前台新系统的培训证书 5个工作日内考完",
  [T("前台新系统的培训证书考完", ["朱俊杰"], "wd:5")])
M("f125", C, "2026-09-28T16:10", "朱俊杰", "收到🫡", [], ["context"], reply="f124")
M("f126", C, "2026-09-30T11:00", "冯丽华", "@朱俊杰 培训考试系统国庆期间关闭 证书改成10月15号之前考完就行",
  [T("培训证书考完", ["朱俊杰"], "date:2026-10-15")])
M("f127", C, "2026-10-02T13:00", "朱晓燕", "有人看到前台那本遗失物品登记簿了吗")
M("f128", C, "2026-10-02T13:05", "熊大伟", "在礼宾台 我早上借走了", reply="f127")
M("f129", C, "2026-10-05T09:00", "雷振东", "6号下午有个120人的会议团入住 得提前准备欢迎牌和房卡袋",
  [T("准备欢迎牌和房卡袋", [], "day:6")], ["unassigned", "implicit"])
M("f130", C, "2026-10-05T09:20", "朱晓燕", "欢迎牌我来做 房卡袋让俊杰弄",
  [T("做欢迎牌", ["朱晓燕"], None, alt=["day:6"]),
   T("弄房卡袋", ["朱俊杰"], None, alt=["day:6"])], ["context", "nickname"], reply="f129")
M("f131", C, "2026-10-08T09:00", "冯丽华", "黄金周辛苦各位 入住率平均97% 下周一开前厅月度总结会 每个人准备一下自己班组的问题清单",
  [T("准备一下自己班组的问题清单", ["@all"], "next:一")], ["implicit"])
M("f132", C, "2026-10-10T08:30", "朱俊杰", "培训证书考过了 今天调休上班 顺便把证书复印件交人事了")

# ================================================================ chat 8: insurance sales team 保险销售团队 (开门红, 1/4 调休, 春节前)
C = "insure"
ROSTERS[C] = ["何建明", "叶秋红", "金鑫", "段美玲", "谢志刚", "谢婉婷"]
PAIRS[C] = "谢"

M("f133", C, "2026-01-04T08:30", "何建明",
  "各位伙伴 今天调休上班 开门红正式启动💪 这个月每人目标10件 今天之内把自己的准客户名单更新到CRM",
  [T("把准客户名单更新到CRM", ["@all"], "today")])
M("f134", C, "2026-01-04T08:35", "金鑫", "收到何总！")
M("f135", C, "2026-01-04T08:40", "段美玲", "冲冲冲🔥")
M("f136", C, "2026-01-04T10:00", "叶秋红", "年金险的新版产品说明会 公司定在周三下午2点 18楼大会议室 客户可以带")
M("f137", C, "2026-01-04T10:30", "何建明", "叶姐这场你来主讲 PPT会前发我过一遍",
  [T("主讲年金险产品说明会", ["叶秋红"], "bare:三", "14:00"),
   T("PPT发我过一遍", ["叶秋红"], "bare:三", "14:00")], ["title-address", "context", "implicit"], reply="f136")
M("f138", C, "2026-01-05T09:15", "谢婉婷", "有个客户想了解高端医疗险 我不太熟 志刚哥能带我去见一下吗🙏",
  [T("带我去见高端医疗险的客户", ["谢志刚"])], ["nickname"])
M("f139", C, "2026-01-05T09:20", "谢志刚", "行 周四下午我跟你去",
  [T("去见高端医疗险的客户", ["谢志刚"], "bare:四")], ["context"], reply="f138")
M("f140", C, "2026-01-06T18:40", "金鑫",
  "何总今天跑了三个客户签了两单一单重急一单意外险保费一共3万2明天我把投保资料扫描上传系统",
  [T("把投保资料扫描上传系统", ["金鑫"], "tomorrow")])
M("f141", C, "2026-01-07T17:00", "叶秋红", "说明会结束 来了23个客户 当场意向9个 名单我整理好放群文件了")
M("f142", C, "2026-01-07T17:10", "何建明", "漂亮👍 这9个意向客户 美玲和婉婷分一下 两天内每个都回访一遍",
  [T("9个意向客户每个都回访一遍", ["段美玲", "谢婉婷"], "+2")], ["nickname", "context"], reply="f141")
M("f143", C, "2026-01-09T09:00", "何建明", "周末的客户答谢会取消了 场地那边出了问题 大家各自给邀请的客户打个电话说明一下",
  [T("给邀请的客户打个电话说明一下", ["@all"])], ["cancel"])
M("f144", C, "2026-01-12T09:30", "谢志刚", "高端医疗那个客户签了 年缴4万8 谢谢婉婷🌹")
M("f145", C, "2026-01-12T10:00", "何建明",
  "提醒一下 春节前要完成全年的续期收费 续期清单在叶姐那 小金你跟叶姐对接一下 下周三前把逾期未缴的客户名单整理出来",
  [T("完成全年的续期收费", [], "pre:春节", alt=["first:春节"], oalt=[["@all"]]),
   T("把逾期未缴的客户名单整理出来", ["金鑫"], "next:三")], ["unassigned", "nickname"])
M("f146", C, "2026-01-14T15:00", "段美玲", "9个意向客户回访完了 有4个约了下周面谈")
M("f147", C, "2026-01-15T11:00", "叶秋红", "续期清单发给金鑫了 请查收")
M("f148", C, "2026-01-16T16:00", "何建明", "公司要求月底前每人的季度培训学分至少12分 还差的抓紧在app上刷课",
  [T("在app上刷课补够季度培训学分", ["@all"], "monthend")])
M("f149", C, "2026-01-19T09:00", "金鑫", "何总 逾期名单我周二就能弄完 比原定提前一天",
  [T("逾期名单弄完", ["金鑫"], "bare:二")])
M("f150", C, "2026-01-23T17:30", "何建明", "本周战报 团队签单42件 金鑫11件第一🏆 下周一早会表彰 大家周末好好休息")

# ================================================================ build & checks
ALLOWED_TAGS = {"context", "implicit", "title-address", "nickname", "unassigned", "cancel"}
TITLE_SUFFIX = ["总", "姐", "哥", "工", "主任", "经理", "老师", "律"]


def parse_ts(s):
    return dt.datetime.fromisoformat(s).replace(tzinfo=TZ)


def build():
    rows, by_id, seen = [], {}, set()
    last_ts = {}
    for i, m in enumerate(MSGS, 1):
        mid = m["id"]
        assert mid == f"f{i:03d}", (mid, i)
        assert mid not in seen
        seen.add(mid)
        chat = m["chat"]
        roster = ROSTERS[chat]
        assert len(roster) == 6 and len(set(roster)) == 6
        ts = parse_ts(m["ts"])
        assert chat not in last_ts or ts > last_ts[chat], ("ts order", mid)
        last_ts[chat] = ts
        assert m["sender"] in roster, (mid, m["sender"])
        # shared-surname pair must never be addressed by surname+title / 小X / 老X
        s = PAIRS[chat]
        assert sum(n.startswith(s) for n in roster) == 2, chat
        assert sorted(Counter(n[0] for n in roster).values()) == [1, 1, 1, 1, 2], chat
        for bad in [s + t for t in TITLE_SUFFIX] + ["小" + s, "老" + s]:
            assert bad not in m["text"], (mid, bad)
        reply = None
        if m["reply"]:
            q = by_id[m["reply"]]
            assert q["chat"] == chat and q["id"] < mid, (mid, "reply")
            reply = {"id": q["id"], "sender": q["sender"], "text": q["text"]}
        tags = m["tags"]
        assert set(tags) <= ALLOWED_TAGS, (mid, tags)
        assert len(tags) == len(set(tags)), mid
        if "context" in tags:
            assert reply is not None, (mid, "context without reply")
        tasks = []
        for t in m["tasks"]:
            for o in t["owners"]:
                assert o in roster or o == "@all", (mid, o)
            assert not ("@all" in t["owners"] and len(t["owners"]) > 1), mid
            for oa in t["oalt"]:
                for o in oa:
                    assert o in roster or o == "@all", (mid, o)
            d = resolve(t["due"], ts)
            out = {"title": t["title"], "owners": t["owners"],
                   "due_date": d.isoformat() if d else None, "due_time": t["time"]}
            if d is not None:
                assert d >= ts.date(), (mid, "due before message", d)
                if t["time"]:
                    assert re.fullmatch(r"\d\d:\d\d", t["time"]), mid
                    if d == ts.date():
                        assert t["time"] > ts.strftime("%H:%M"), (mid, "clock time already passed")
            else:
                assert t["time"] is None, mid
            if t["alt"]:
                alts = []
                for a in t["alt"]:
                    ad = resolve(a, ts)
                    if ad is not None:
                        assert ad >= ts.date(), (mid, "alt before message")
                    alts.append(ad.isoformat() if ad else None)
                assert out["due_date"] not in alts, mid
                out["due_date_alt"] = alts
            if t["oalt"]:
                out["owners_alt"] = t["oalt"]
            assert t["title"] and not t["title"].startswith("@"), mid
            tasks.append(out)
        has_unowned = any(not t["owners"] for t in tasks)
        assert has_unowned == ("unassigned" in tags), (mid, "unassigned tag")
        if "implicit" in tags or "title-address" in tags or "nickname" in tags:
            assert tasks, (mid, "owner/deadline tag without tasks")
        row = {"id": mid, "chat": chat, "ts": ts.isoformat(), "sender": m["sender"], "members": roster,
               "reply_to": reply, "text": m["text"], "tasks": tasks, "tags": tags}
        by_id[mid] = row
        rows.append(row)
    return rows


def main():
    rows = build()
    with open(OUT_PATH, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    n_t = sum(len(r["tasks"]) for r in rows)
    n_m = sum(1 for r in rows if r["tasks"])
    print(f"messages={len(rows)} with_tasks={n_m} tasks={n_t}")
    per_chat = Counter(r["chat"] for r in rows)
    for c in ROSTERS:
        rs = [r for r in rows if r["chat"] == c]
        print(f"  {c}: msgs={per_chat[c]} with_tasks={sum(1 for r in rs if r['tasks'])} "
              f"tasks={sum(len(r['tasks']) for r in rs)} {rs[0]['ts'][:10]}..{rs[-1]['ts'][:10]}")
    if os.environ.get("SHOW"):
        wdn = "一二三四五六日"
        for r in rows:
            ts = dt.datetime.fromisoformat(r["ts"])
            for t in r["tasks"]:
                d = t["due_date"]
                dw = "周" + wdn[dt.date.fromisoformat(d).weekday()] if d else ""
                print(r["id"], ts.strftime("%m-%d"), "周" + wdn[ts.weekday()], "|", t["title"], t["owners"],
                      d, dw, t["due_time"], t.get("due_date_alt", ""), t.get("owners_alt", ""), r["tags"])
    if os.environ.get("FINAL"):
        assert len(rows) == 150, len(rows)


if __name__ == "__main__":
    main()
