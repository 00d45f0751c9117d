#!/usr/bin/env python3
"""Build set G: 150 hand-written Chinese work-group chat messages with gold tasks.

Every deadline is stored as the *rule* the words call for and resolved here against
the message timestamp (Asia/Shanghai) and the official holiday calendar
(/work/shared/datasets/zh-time/holidays_cn/), so 调休 make-up days count as workdays.
Each task also carries the date I worked out by hand (`exp`); the build asserts that
rule and hand agree, so a slip in either is caught.

Conventions: /work/shared/benchmarks/extraction/README.md.
Output: set.jsonl next to this file, in the dev.jsonl schema
(reply_to = {"id", "sender", "text"} or null).
"""
import datetime as dt
import json
import os
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
CAL_DIR = "/work/shared/datasets/zh-time/holidays_cn"
TZ = ZoneInfo("Asia/Shanghai")
D = dt.date.fromisoformat

# ---------------------------------------------------------------- calendar
CAL = {}  # date -> (name, isOffDay)
for y in (2026, 2027):
    with open(os.path.join(CAL_DIR, f"{y}.json"), encoding="utf-8") as f:
        for d in json.load(f)["days"]:
            CAL[D(d["date"])] = (d["name"], d["isOffDay"])


def is_workday(d):
    if d in CAL:
        return not CAL[d][1]
    return d.weekday() < 5


def holiday_blocks():
    """Runs of consecutive official off days with the same holiday name."""
    offs = sorted(d for d, (n, off) in CAL.items() if off)
    blocks = []
    for d in offs:
        name = CAL[d][0]
        if blocks and blocks[-1][0] == name and blocks[-1][2] + dt.timedelta(1) == d:
            blocks[-1][2] = d
        else:
            blocks.append([name, d, d])
    return blocks


BLOCKS = holiday_blocks()
WEEKDAY = {"周一": 0, "周二": 1, "周三": 2, "周四": 3, "周五": 4, "周六": 5, "周日": 6}


def next_block(today, name=None):
    for n, s, e in BLOCKS:
        if s > today and (name is None or n == name):
            return n, s, e
    raise ValueError(f"no holiday after {today} ({name})")


def resolve(rule, today):
    """Resolve one deadline rule against the message date."""
    if isinstance(rule, str):
        rule = (rule,)
    kind, *a = rule
    if kind == "today":                      # 今天 / 今天之内 / 今晚 / 下午
        return today
    if kind == "tomorrow":                   # 明天 / 明早 / 今明两天
        return today + dt.timedelta(1)
    if kind == "plus":                       # N天内 / 后天 / 一周内 / 两周内
        return today + dt.timedelta(a[0])
    if kind == "wd":                         # bare 周X: next such day on/after today (+ offset days)
        d = today + dt.timedelta((WEEKDAY[a[0]] - today.weekday()) % 7)
        return d + dt.timedelta(a[1] if len(a) > 1 else 0)
    if kind == "thisweek":                   # 本周X / 这周X
        return today - dt.timedelta(today.weekday()) + dt.timedelta(WEEKDAY[a[0]])
    if kind == "nextweek":                   # 下周X (+ offset days)
        d = today - dt.timedelta(today.weekday()) + dt.timedelta(7 + WEEKDAY[a[0]])
        return d + dt.timedelta(a[1] if len(a) > 1 else 0)
    if kind == "thisweek_in":                # 这周内 / 本周内 → Friday of this week
        return today - dt.timedelta(today.weekday()) + dt.timedelta(4)
    if kind == "monthend":                   # 月底 / 本月底
        nxt = (today.replace(day=28) + dt.timedelta(4)).replace(day=1)
        return nxt - dt.timedelta(1)
    if kind == "yearend":                    # 年底
        return dt.date(today.year, 12, 31)
    if kind == "day":                        # N号: this month if not yet past, else next month
        n = a[0]
        if today.day <= n:
            return today.replace(day=n)
        nxt = (today.replace(day=28) + dt.timedelta(4)).replace(day=1)
        return nxt.replace(day=n)
    if kind == "date":                       # explicit date
        return D(a[0])
    if kind == "workdays":                   # N个工作日内: count from the day after
        d, n = today, a[0]
        while n:
            d += dt.timedelta(1)
            if is_workday(d):
                n -= 1
        return d
    if kind == "before_holiday":             # 节前 / 放假前 / 国庆前: last workday before
        _, s, _ = next_block(today, a[0] if a else None)
        d = s - dt.timedelta(1)
        while not is_workday(d):
            d -= dt.timedelta(1)
        return d
    if kind == "holiday_first":              # the holiday's first day (accepted alt for 节前)
        return next_block(today, a[0] if a else None)[1]
    if kind == "after_holiday":              # 节后第一天: first workday after the next holiday
        _, _, e = next_block(today, a[0] if a else None)
        d = e + dt.timedelta(1)
        while not is_workday(d):
            d += dt.timedelta(1)
        return d
    if kind == "makeup":                     # 调休上班那天: next make-up workday on/after today
        for d in sorted(CAL):
            if d >= today and not CAL[d][1]:
                return d
        raise ValueError("no make-up day")
    raise ValueError(f"unknown rule {rule}")


# ---------------------------------------------------------------- helpers to write messages
def M(key, ts, sender, text, tasks=(), tags=(), re=None):
    return dict(key=key, ts=ts, sender=sender, text=text, tasks=list(tasks), tags=list(tags), re=re)


def T(title, owners, rule=None, exp=None, tm=None, alt=None, alt_exp=None, oalt=None):
    """title, owners, deadline rule, hand-worked date, clock time, alt rules (+ hand dates), owners_alt."""
    return dict(title=title, owners=owners, rule=rule, exp=exp, tm=tm,
                alt=alt or [], alt_exp=alt_exp or [], oalt=oalt)


HOL = ("before_holiday",)
HOL1 = ("holiday_first",)

CHATS = []

# ================================================================ 1. translation agency (元旦 调休 Sunday Jan 4)
CHATS.append(("translation", ["彭书航", "周雅琴", "林嘉怡", "林浩", "高文静", "马骁"], [
    M("t1", "2026-01-04 09:02", "高文静", "今天调休上班 大家早☀️ 新年第一单来了 一份医疗器械说明书 英译中 两万字左右"),
    M("t2", "2026-01-04 09:10", "彭书航", "文静你把稿子拆一下分给嘉怡和林浩 术语表周老师来定",
      [T("把稿子拆一下", ["高文静"]),
       T("定术语表", ["周雅琴"])], ["nickname", "title-address"]),
    M("t3", "2026-01-04 09:30", "周雅琴", "术语表我明天上午弄好发群里",
      [T("术语表弄好发群里", ["周雅琴"], "tomorrow", "2026-01-05")]),
    M("t4", "2026-01-04 10:15", "林浩", "我手上还有个专利的校对 估计周三才能腾出手"),
    M("t5", "2026-01-04 10:20", "高文静", "那你做前半部分 嘉怡做后半部分 周五下班前都交初稿",
      [T("做前半部分交初稿", ["林浩"], ("wd", "周五"), "2026-01-09", "18:00"),
       T("做后半部分交初稿", ["林嘉怡"], ("wd", "周五"), "2026-01-09", "18:00")],
      ["context", "nickname"], re="t4"),
    M("t6", "2026-01-05 11:40", "周雅琴", "术语表发群里了 有争议的几个词我标黄了"),
    M("t7", "2026-01-05 14:00", "彭书航", "标黄的词我跟客户确认过了 按他们以前的译法走"),
    M("t8", "2026-01-05 16:20", "马骁", "排版前需要找客户要一下原版的InDesign文件 不然图里的字改不了",
      [T("找客户要原版的InDesign文件", [])], ["unassigned"]),
    M("t9", "2026-01-05 16:25", "高文静", "我来要 下班前给你",
      [T("找客户要原版的InDesign文件", ["高文静"], "today", "2026-01-05", "18:00")],
      ["context"], re="t8"),
    M("t10", "2026-01-06 09:00", "彭书航", "又来个询价 德语合同8页 @林嘉怡 评估下工作量 今明两天给我报个价",
      [T("评估德语合同的工作量报个价", ["林嘉怡"], "tomorrow", "2026-01-07")]),
    M("t11", "2026-01-06 09:05", "林嘉怡", "好的彭总"),
    M("t12", "2026-01-07 10:30", "林嘉怡", "德语合同的报价发邮箱了 按千字320算的 请彭总查收"),
    M("t13", "2026-01-07 15:00", "马骁", "谁知道上次那个客户的发票抬头是啥"),
    M("t14", "2026-01-08 09:20", "高文静",
      "客户刚来电话 说交稿提前到下周二 大家抓紧 初稿还是周五下班前 周老师审校周一下班前能完成吗🙏",
      [T("完成审校", ["周雅琴"], ("wd", "周一"), "2026-01-12", "18:00")], ["title-address"]),
    M("t15", "2026-01-08 09:25", "周雅琴", "可以 没问题", re="t14"),
    M("t16", "2026-01-09 17:30", "林浩", "前半部分初稿交了 在01_初稿文件夹"),
    M("t17", "2026-01-09 17:55", "林嘉怡", "后半部分还差两页 我今晚弄完 sorry",
      [T("后半部分弄完", ["林嘉怡"], "today", "2026-01-09")]),
    M("t18", "2026-01-12 10:00", "彭书航", "审校稿周老师已经发我了 小马排版明天下班前搞定 客户周二要",
      [T("排版搞定", ["马骁"], "tomorrow", "2026-01-13", "18:00")], ["nickname"]),
    M("t19", "2026-01-13 16:00", "彭书航",
      "说明书交付了 客户很满意👍 下一单是游戏本地化 日译中 文静把项目排期做出来 5个工作日内",
      [T("把游戏本地化的项目排期做出来", ["高文静"], ("workdays", 5), "2026-01-20")], ["nickname"]),
]))

# ================================================================ 2. factory QC department (春节, 调休 Sat Feb 14 / Feb 28)
CHATS.append(("qc", ["郑国栋", "孙志刚", "韩雪梅", "韩立新", "曹丽娟", "邱晓东"], [
    M("q1", "2026-02-09 08:35", "郑国栋",
      "各位注意 这周五客户来验厂 @孙志刚 近三个月的来料检验记录整理成册 周四下班前给我",
      [T("近三个月的来料检验记录整理成册", ["孙志刚"], ("wd", "周四"), "2026-02-12", "18:00")]),
    M("q2", "2026-02-09 08:40", "孙志刚", "收到"),
    M("q3", "2026-02-09 09:12", "曹丽娟", "二号线那批外壳昨天抽检完了 AQL1.0判定合格 报告传MES了"),
    M("q4", "2026-02-09 09:30", "郑国栋", "小邱 三坐标的校准证书快到期了 你联系下计量院 尽快安排送检",
      [T("联系计量院安排三坐标送检", ["邱晓东"])], ["nickname"]),
    M("q5", "2026-02-09 10:05", "韩雪梅", "周五验厂那天需要一个人在门口接待客户审核员 谁有空",
      [T("在门口接待客户审核员", [], ("wd", "周五"), "2026-02-13")], ["unassigned", "implicit"]),
    M("q6", "2026-02-09 10:07", "曹丽娟", "我来吧",
      [T("在门口接待客户审核员", ["曹丽娟"], ("wd", "周五"), "2026-02-13")],
      ["context", "implicit"], re="q5"),
    M("q7", "2026-02-09 11:20", "韩立新", "郑部长 来料又有一批铜端子镀层厚度不够 供应商说明天下午派人过来处理"),
    M("q8", "2026-02-09 13:45", "郑国栋", "那个放假前成品仓的库存要全部复检一遍立新负责雪梅配合",
      [T("成品仓的库存全部复检一遍", ["韩立新", "韩雪梅"], HOL, "2026-02-14",
         alt=[HOL1], alt_exp=["2026-02-15"], oalt=[["韩立新"]])], ["nickname"]),
    M("q9", "2026-02-10 08:50", "孙志刚", "来料检验记录整理好了 放共享盘 质检部/验厂资料 郑部长请查收"),
    M("q10", "2026-02-10 09:30", "韩雪梅", "验厂的时候我们要穿防静电服吗 有人知道吗"),
    M("q11", "2026-02-10 14:10", "邱晓东", "计量院说年前排满了 节后第一天可以收 到时候我开车送过去",
      [T("把三坐标送去计量院", ["邱晓东"], ("after_holiday",), "2026-02-24")], ["context"], re="q4"),
    M("q12", "2026-02-11 16:30", "曹丽娟", "三号线那批注塑件有缩水 已经隔离挂红牌了 供应商明天来人返工"),
    M("q13", "2026-02-12 10:00", "郑国栋",
      "两件事 1.孙工把验厂自查清单的整改回复写一下 2.曹姐把不良品月度统计更新到看板 今天之内都弄完",
      [T("验厂自查清单的整改回复写一下", ["孙志刚"], "today", "2026-02-12"),
       T("不良品月度统计更新到看板", ["曹丽娟"], "today", "2026-02-12")], ["title-address"]),
    M("q14", "2026-02-12 10:03", "曹丽娟", "好的👌"),
    M("q15", "2026-02-13 17:40", "郑国栋", "验厂顺利通过👏 大家辛苦了 明天周六调休正常上班"),
    M("q16", "2026-02-13 17:45", "邱晓东", "审核员提了两个观察项 纠正预防措施报告我来写 5个工作日内给到客户",
      [T("写纠正预防措施报告", ["邱晓东"], ("workdays", 5), "2026-02-27")]),
    M("q17", "2026-02-24 08:30", "郑国栋", "新年好🧨 开工第一天 @all 下班前把各自区域的点检表补齐",
      [T("把各自区域的点检表补齐", ["@all"], "today", "2026-02-24", "18:00")]),
    M("q18", "2026-02-24 10:20", "郑国栋", "雪梅 之前让你做的出货抽检比对表先不用做了 客户那边改标准了",
      tags=["cancel"]),
    M("q19", "2026-02-25 09:15", "郑国栋", "@韩雪梅 这周六调休上班那天把年度计量器具台账盘点一下",
      [T("把年度计量器具台账盘点一下", ["韩雪梅"], ("makeup",), "2026-02-28")]),
]))

# ================================================================ 3. local newspaper newsroom (清明 Apr 4-6)
CHATS.append(("newsroom", ["赵建平", "黄思远", "黄蕾", "苏晓晴", "冯凯", "谢永年"], [
    M("n1", "2026-03-30 08:45", "赵建平", "早 今天编前会改到10点 三楼小会议室"),
    M("n2", "2026-03-30 10:50", "赵建平", "清明专题定了 做老城区烈士陵园的祭扫 黄思远写主稿 小冯跟拍 节前见报",
      [T("写清明专题主稿", ["黄思远"], HOL, "2026-04-03", alt=[HOL1], alt_exp=["2026-04-04"]),
       T("清明专题跟拍", ["冯凯"], HOL, "2026-04-03", alt=[HOL1], alt_exp=["2026-04-04"])], ["nickname"]),
    M("n3", "2026-03-30 11:05", "冯凯", "谁有陵园管理处的电话"),
    M("n4", "2026-03-30 11:08", "谢永年", "王科长 139 0571 2236 说是晚报的就行", re="n3"),
    M("n5", "2026-03-31 09:30", "黄蕾", "区里明天上午开一季度经济运行发布会 邀请函我转群里了"),
    M("n6", "2026-03-31 09:40", "赵建平", "@黄蕾 发布会的稿子你来写 明天下午发回来",
      [T("写发布会的稿子", ["黄蕾"], "tomorrow", "2026-04-01")]),
    M("n7", "2026-03-31 15:20", "苏晓晴", "B3版的广告撤了 空出半个版 需要补一篇1500字左右的稿子",
      [T("补一篇1500字左右的稿子", [])], ["unassigned"]),
    M("n8", "2026-03-31 15:26", "黄思远", "我有篇社区食堂的稿子可以顶上 晚上8点前改好给你",
      [T("改好社区食堂的稿子", ["黄思远"], "today", "2026-03-31", "20:00")], ["context"], re="n7"),
    M("n9", "2026-04-01 12:30", "黄蕾", "发布会稿子发到采编系统了 请谢老师审一下",
      [T("审一下发布会稿子", ["谢永年"])], ["title-address"]),
    M("n10", "2026-04-01 12:45", "谢永年", "👌"),
    M("n11", "2026-04-01 16:00", "赵建平", "@苏晓晴 清明专题的版面明天中午前出个样 我看一下",
      [T("清明专题的版面出个样", ["苏晓晴"], "tomorrow", "2026-04-02", "12:00")]),
    M("n12", "2026-04-02 08:50", "谢永年", "各位 三月份的稿费单麻烦3个工作日内核对一下 核完在表里打个勾",
      [T("核对三月份的稿费单", ["@all"], ("workdays", 3), "2026-04-08")]),
    M("n13", "2026-04-02 09:10", "冯凯", "陵园的照片拍完了 挑了20张放图片库"),
    M("n14", "2026-04-02 11:50", "苏晓晴", "样出来了 在群文件里 请赵总查收"),
    M("n15", "2026-04-02 14:00", "赵建平", "看了 标题在改改 太平了 字号也小",
      [T("标题再改改", ["苏晓晴"])], ["context"], re="n14"),
    M("n16", "2026-04-03 18:30", "赵建平", "专题明天见报 大家辛苦👍 清明值班表在群公告 有事电话联系"),
    M("n17", "2026-04-03 18:40", "黄思远", "节后第一天我去回访一下社区食堂 写个追踪报道",
      [T("回访社区食堂写个追踪报道", ["黄思远"], ("after_holiday",), "2026-04-07")]),
    M("n18", "2026-04-07 09:00", "赵建平", "本周四开五一黄金周报道的策划会 @all 每人报两个选题 会前发我",
      [T("报两个选题", ["@all"], ("thisweek", "周四"), "2026-04-09")], ["implicit"]),
    M("n19", "2026-04-07 10:30", "黄蕾", "老城区昨天水管爆裂那个 自来水公司说今晚抢修完 稿子我已经发了"),
]))

# ================================================================ 4. biotech startup wet lab (劳动节 May 1-5, 调休 Sat May 9)
CHATS.append(("wetlab", ["吴启明", "胡婧", "胡俊杰", "叶佳琪", "罗斌", "蔡雨桐"], [
    M("w1", "2026-04-27 08:55", "吴启明", "各位 五一放假前把各自的细胞都冻存好 培养箱只留必要的",
      [T("把各自的细胞冻存好", ["@all"], HOL, "2026-04-30", alt=[HOL1], alt_exp=["2026-05-01"])]),
    M("w2", "2026-04-27 09:20", "蔡雨桐", "收到吴老师"),
    M("w3", "2026-04-27 10:40", "胡俊杰", "液氮罐快见底了 需要订一罐液氮",
      [T("订一罐液氮", [])], ["unassigned"]),
    M("w4", "2026-04-27 10:45", "罗斌", "我来 今天下午就订",
      [T("订一罐液氮", ["罗斌"], "today", "2026-04-27")], ["context"], re="w3"),
    M("w5", "2026-04-27 14:30", "叶佳琪", "Western的一抗到了 放4度冰箱第二层了"),
    M("w6", "2026-04-28 09:10", "吴启明", "@胡婧 上周那批qPCR内参不稳 周四前重新跑一遍 引物用新批号的",
      [T("qPCR重新跑一遍", ["胡婧"], ("wd", "周四"), "2026-04-30")]),
    M("w7", "2026-04-28 13:00", "罗斌", "液氮到了 已经灌好"),
    M("w8", "2026-04-28 16:40", "蔡雨桐", "吴老师 小鼠实验的伦理审批表还差您的签字",
      [T("伦理审批表签字", ["吴启明"])], ["title-address"]),
    M("w9", "2026-04-28 16:50", "吴启明", "好 明天上午签",
      [T("伦理审批表签字", ["吴启明"], "tomorrow", "2026-04-29")], ["context"], re="w8"),
    M("w10", "2026-04-29 10:00", "罗斌", "@叶佳琪 离心机转头的使用记录 3个工作日内补一下 年检要查",
      [T("补离心机转头的使用记录", ["叶佳琪"], ("workdays", 3), "2026-05-07")]),
    M("w11", "2026-04-30 11:00", "胡婧", "qPCR重跑完了 内参Ct很稳 数据在共享盘"),
    M("w12", "2026-04-30 15:30", "罗斌", "放假期间生物安全柜和离心机都断电 冰箱照常 门禁卡假期里也能刷"),
    M("w13", "2026-04-30 17:50", "吴启明", "节后第一天上午组会 佳琪讲文献 俊杰汇报类器官进展",
      [T("组会讲文献", ["叶佳琪"], ("after_holiday",), "2026-05-06"),
       T("汇报类器官进展", ["胡俊杰"], ("after_holiday",), "2026-05-06")], ["nickname", "implicit"]),
    M("w14", "2026-05-06 08:40", "蔡雨桐", "今早培养箱CO2报警了 已经换了钢瓶 没事了"),
    M("w15", "2026-05-06 11:30", "吴启明", "这周六调休上班那天的按排 俊杰负责传代 小蔡负责配培养基",
      [T("传代", ["胡俊杰"], ("makeup",), "2026-05-09"),
       T("配培养基", ["蔡雨桐"], ("makeup",), "2026-05-09")], ["nickname"]),
    M("w16", "2026-05-06 14:00", "胡俊杰", "OK"),
    M("w17", "2026-05-07 09:30", "叶佳琪", "论文返修意见回来了 reviewer 2要求补一个敲除实验 返修deadline是6月初"),
    M("w18", "2026-05-07 10:15", "吴启明", "要补 你和胡婧一起做 两周内出结果",
      [T("补敲除实验", ["叶佳琪", "胡婧"], ("plus", 14), "2026-05-21")], ["context"], re="w17"),
    M("w19", "2026-05-08 16:00", "罗斌", "下周二设备科来年检 负压那间我已经清空了"),
]))

# ================================================================ 5. fitness studio (端午 Jun 19-21)
CHATS.append(("fitness", ["贺明亮", "杨帆", "杨思琪", "丁浩然", "姚佩佩", "龚磊"], [
    M("f1", "2026-06-08 09:30", "贺明亮", "@杨思琪 团课的夏季课表这周内排好发我 端午后开始用",
      [T("团课的夏季课表排好发我", ["杨思琪"], ("thisweek_in",), "2026-06-12")]),
    M("f2", "2026-06-08 09:33", "杨思琪", "好嘞贺哥"),
    M("f3", "2026-06-08 11:00", "姚佩佩", "前台饮水机又漏水了 已经报修 物业说明天来人"),
    M("f4", "2026-06-08 15:20", "龚磊",
      "今天来了3个体验课的客户2个有意向的浩然哥周三晚上7点那个王女士的体验课你能带吗",
      [T("带王女士的体验课", ["丁浩然"], ("wd", "周三"), "2026-06-10", "19:00")], ["nickname"]),
    M("f5", "2026-06-08 15:25", "丁浩然", "可以没问题", re="f4"),
    M("f6", "2026-06-09 10:00", "贺明亮", "跟大家说下 端午三天正常营业 团课停 私教照常 排班表佩佩今天下班前出一下",
      [T("端午排班表出一下", ["姚佩佩"], "today", "2026-06-09", "18:00")], ["nickname"]),
    M("f7", "2026-06-09 17:40", "姚佩佩", "端午排班表发群里了 有问题找我调"),
    M("f8", "2026-06-10 13:00", "杨帆", "单车房有两台车的阻力旋钮坏了 我先贴了暂停使用"),
    M("f9", "2026-06-10 13:05", "贺明亮", "小龚你联系下厂家售后来修 电话在前台本子上",
      [T("联系厂家售后来修单车", ["龚磊"])], ["context", "nickname"], re="f8"),
    M("f10", "2026-06-11 09:15", "杨思琪", "夏季课表初版排好了 加了两节晚间燃脂 贺哥请审阅🙏",
      [T("审阅夏季课表初版", ["贺明亮"])], ["title-address"]),
    M("f11", "2026-06-11 11:00", "贺明亮", "周六瑜伽和普拉提冲突了 改一下 其他ok",
      [T("改一下周六瑜伽和普拉提的冲突", ["杨思琪"])], ["context"], re="f10"),
    M("f12", "2026-06-12 17:00", "杨思琪", "课表改好了 周六瑜伽挪到上午"),
    M("f13", "2026-06-15 09:00", "贺明亮", "这个月会籍业绩还差12万 小龚 月底前把上个月没续费的老会员挨个回访一遍",
      [T("把没续费的老会员挨个回访一遍", ["龚磊"], ("monthend",), "2026-06-30")], ["nickname"]),
    M("f14", "2026-06-15 09:40", "龚磊", "收到👌"),
    M("f15", "2026-06-16 10:20", "丁浩然", "我周四下午请半天假 带娃打疫苗 两节私教已经跟会员改到周六了"),
    M("f16", "2026-06-17 14:00", "贺明亮", "端午前 所有器械做一次全面的安全检查 杨帆负责 检查完拍照发群里",
      [T("所有器械做一次全面的安全检查", ["杨帆"], HOL, "2026-06-18", alt=[HOL1], alt_exp=["2026-06-19"])]),
    M("f17", "2026-06-18 16:30", "杨帆", "器械检查完了 3号跑步机皮带有点偏 已经贴了暂停使用"),
    M("f18", "2026-06-22 09:10", "贺明亮", "节后第一天 提醒下 下周一开始暑期学生卡活动 海报需要有人做一下 活动开始前要贴出来",
      [T("做暑期学生卡活动海报", [], ("nextweek", "周一"), "2026-06-29")], ["unassigned", "implicit"]),
    M("f19", "2026-06-22 09:20", "杨思琪", "我会PS 我来做 周三给贺哥看",
      [T("做暑期学生卡活动海报", ["杨思琪"], ("wd", "周三"), "2026-06-24")], ["context"], re="f18"),
]))

# ================================================================ 6. cross-border trade sales (调休 Sun Sep 20, 中秋 Sep 25-27, 国庆)
CHATS.append(("trade", ["方志远", "沈若曦", "沈涛", "金晓燕", "侯子豪", "汤嘉欣"], [
    M("s1", "2026-09-14 09:05", "方志远", "德国客户Müller的PI确认了 3000套 @沈若曦 今天把合同发过去 定金也跟进一下",
      [T("把合同发过去", ["沈若曦"], "today", "2026-09-14"),
       T("跟进定金", ["沈若曦"], alt=["today"], alt_exp=["2026-09-14"])]),
    M("s2", "2026-09-14 09:10", "沈若曦", "ok 👌"),
    M("s3", "2026-09-14 14:20", "金晓燕", "上周去鹿特丹那票 提单出了 电放也办好了"),
    M("s4", "2026-09-15 10:00", "侯子豪", "工厂说大货要推到28号才能出 原来是22号😓"),
    M("s5", "2026-09-15 10:08", "方志远", "这个必须提前跟客户说 若曦你今天写封邮件解释一下 语气好一点",
      [T("写封邮件跟客户解释大货推迟", ["沈若曦"], "today", "2026-09-15")], ["context", "nickname"], re="s4"),
    M("s6", "2026-09-15 16:40", "汤嘉欣", "阿里国际站这周来了23个询盘 有3个美国的比较靠谱 已经回复报价了"),
    M("s7", "2026-09-16 09:30", "方志远", "这周日调休上班 那天上午开季度复盘会 每人准备一下自己的客户跟进表",
      [T("准备自己的客户跟进表", ["@all"], ("thisweek", "周日"), "2026-09-20")], ["implicit"]),
    M("s8", "2026-09-16 09:35", "沈涛", "收到 那天我可能晚到半小时 地铁在修"),
    M("s9", "2026-09-16 14:00", "金晓燕", "沈涛 你那票巴西的货 产地证还缺商业发票原件 明天中午前给我",
      [T("产地证缺的商业发票原件给我", ["沈涛"], "tomorrow", "2026-09-17", "12:00")]),
    M("s10", "2026-09-17 11:30", "沈涛", "发票原件放金姐桌上了"),
    M("s11", "2026-09-17 15:00", "方志远", "中秋前把九月出运的单子尾款都催一遍 嘉欣负责美洲 小侯负责欧洲",
      [T("催美洲单子的尾款", ["汤嘉欣"], ("before_holiday", "中秋节"), "2026-09-24",
         alt=[("holiday_first", "中秋节")], alt_exp=["2026-09-25"]),
       T("催欧洲单子的尾款", ["侯子豪"], ("before_holiday", "中秋节"), "2026-09-24",
         alt=[("holiday_first", "中秋节")], alt_exp=["2026-09-25"])], ["nickname"]),
    M("s12", "2026-09-18 10:20", "侯子豪", "方经理 SGS说验货报告最快下周三出"),
    M("s13", "2026-09-21 09:00", "方志远", "@沈若曦 Müller的定金到了吗"),
    M("s14", "2026-09-21 09:05", "沈若曦", "到了 30%已入账 我下午把生产通知单下给工厂",
      [T("把生产通知单下给工厂", ["沈若曦"], "today", "2026-09-21")], re="s13"),
    M("s15", "2026-09-22 16:00", "金晓燕", "广交会的展位确认函下来了 发邮箱了 请方经理查收"),
    M("s16", "2026-09-23 09:30", "方志远", "@沈涛 广交会的样品清单3个工作日内整理出来 每个型号标好FOB价",
      [T("整理广交会的样品清单", ["沈涛"], ("workdays", 3), "2026-09-29")]),
    M("s17", "2026-09-28 08:50", "汤嘉欣", "美洲的尾款都催完了 只剩墨西哥那家说国庆后付"),
    M("s18", "2026-09-28 14:00", "方志远", "国庆前大家把各自客户的节日问候邮件发掉 用统一模板 模板嘉欣今天发群里",
      [T("把节日问候邮件发掉", ["@all"], ("before_holiday", "国庆节"), "2026-09-30",
         alt=[("holiday_first", "国庆节")], alt_exp=["2026-10-01"]),
       T("把问候邮件模板发群里", ["汤嘉欣"], "today", "2026-09-28")], ["nickname"]),
    M("s19", "2026-09-29 10:15", "侯子豪",
      "sorry啊各位大货又出问题了包装箱唛头印错了工厂说今晚返工我明早8点过去check一下",
      [T("去工厂check唛头返工", ["侯子豪"], "tomorrow", "2026-09-30", "08:00")]),
]))

# ================================================================ 7. residents' committee 居委会 (国庆, 调休 Sat Oct 10)
CHATS.append(("juweihui", ["马秀兰", "刘建华", "王桂芳", "王海", "陈敏", "钟志强"], [
    M("r1", "2026-09-28 08:30", "马秀兰",
      "各位 国庆前区里要来检查消防通道 重点是3号楼7号楼的楼道堆物 钟哥牵头 王海配合 周三之前清理完",
      [T("清理3号楼7号楼的楼道堆物", ["钟志强", "王海"], ("wd", "周三"), "2026-09-30", oalt=[["钟志强"]])],
      ["title-address"]),
    M("r2", "2026-09-28 08:45", "王桂芳", "收到 独居老人的节日慰问名单我已经弄好了 一共37户"),
    M("r3", "2026-09-28 10:10", "陈敏", "7号楼那个堆纸箱的大爷不太配合 说了好几次了😮‍💨"),
    M("r4", "2026-09-28 10:20", "马秀兰", "我下午亲自去跟他谈 老刘一起",
      [T("去跟堆纸箱的大爷谈", ["马秀兰", "刘建华"], "today", "2026-09-28", oalt=[["马秀兰"]])],
      ["context", "nickname"], re="r3"),
    M("r5", "2026-09-29 09:00", "刘建华", "跟大爷谈妥了 他儿子周末来拉走"),
    M("r6", "2026-09-29 11:30", "马秀兰", "慰问品明天上午到 每户一桶油一袋米 王桂芳和小陈负责 放假前送到老人家里",
      [T("把慰问品送到老人家里", ["王桂芳", "陈敏"], HOL, "2026-09-30", alt=[HOL1], alt_exp=["2026-10-01"])],
      ["nickname"]),
    M("r7", "2026-09-29 16:00", "钟志强", "3号楼楼道清完了 拍照存档了 7号楼等大爷儿子来拉"),
    M("r8", "2026-09-30 09:20", "马秀兰", "国庆值班表出来了 每天两个人 见群公告"),
    M("r9", "2026-09-30 17:30", "陈敏", "慰问品都送完了 有两户老人不在家放邻居那了 节后第一天我再上门回访一下",
      [T("上门回访不在家的两户老人", ["陈敏"], ("after_holiday",), "2026-10-08")]),
    M("r10", "2026-10-08 08:40", "马秀兰",
      "节后第一天 街道通知要做老旧小区加装电梯的意愿摸底 @王海 5个工作日内把3号楼的住户意愿表收齐",
      [T("把3号楼的住户意愿表收齐", ["王海"], ("workdays", 5), "2026-10-14")]),
    M("r11", "2026-10-08 09:00", "王海", "收到主任"),
    M("r12", "2026-10-08 10:30", "刘建华", "后天调休上班 街道网格化培训就安排在那天下午 咱们居委会每个人都要去",
      [T("参加街道网格化培训", ["@all"], ("plus", 2), "2026-10-10")], ["implicit"]),
    M("r13", "2026-10-09 14:00", "陈敏", "谁知道电梯意愿表 租户能代签吗"),
    M("r14", "2026-10-09 14:10", "马秀兰", "应该是要业主本人签 小陈你打电话问下街道再确认",
      [T("打电话问街道租户能否代签", ["陈敏"])], ["context", "nickname"], re="r13"),
    M("r15", "2026-10-12 09:00", "王桂芳", "重阳节敬老活动定在下周四 需要借20把椅子",
      [T("借20把椅子", [], ("nextweek", "周四"), "2026-10-22")], ["unassigned", "implicit"]),
    M("r16", "2026-10-12 09:05", "钟志强", "我去跟物业借 活动前一天搬过来",
      [T("跟物业借椅子", ["钟志强"], ("nextweek", "周四", -1), "2026-10-21")],
      ["context", "implicit"], re="r15"),
    M("r17", "2026-10-14 17:00", "王海", "3号楼意愿表收齐了 同意32户 不同意5户 表格请马主任查收"),
    M("r18", "2026-10-15 09:30", "马秀兰", "重阳活动取消了 街道说统一到街道礼堂办 椅子不用借了", tags=["cancel"]),
]))

# ================================================================ 8. startup HR / recruiting (no holiday; 月底, 年底, N号)
CHATS.append(("hr", ["任雅婷", "谭晓雯", "徐晨", "徐一鸣", "薛凯", "程露"], [
    M("h1", "2026-11-23 09:30", "任雅婷", "明年Q1招聘计划启动了 @薛凯 各部门的HC需求下周五前收齐 你follow一下",
      [T("收齐各部门的HC需求", ["薛凯"], ("nextweek", "周五"), "2026-12-04")]),
    M("h2", "2026-11-23 09:40", "薛凯", "收到任总"),
    M("h3", "2026-11-23 14:15", "谭晓雯", "后端那个岗位今天又面了两个 一个技术面挂了 一个约了周四二面"),
    M("h4", "2026-11-24 10:00", "徐一鸣", "offer模板法务改过了 新版放在共享盘 HR/模板 里"),
    M("h5", "2026-11-24 10:30", "任雅婷", "晓雯 周四后端二面 你提前一天跟面试官把时间对好 别再出现上次面试官没到的情况",
      [T("跟面试官把时间对好", ["谭晓雯"], ("wd", "周四", -1), "2026-11-25")], ["nickname", "implicit"]),
    M("h6", "2026-11-24 16:45", "程露",
      "任总您好 新员工入职培训的PPT初稿我做好了 放在共享盘了 麻烦您有空的时候帮忙审阅一下 谢谢🙏",
      [T("审阅新员工入职培训的PPT初稿", ["任雅婷"])], ["title-address"]),
    M("h7", "2026-11-25 11:00", "徐晨", "社保公积金基数调整的通知出来了 需要把全员的基数重新核一遍",
      [T("把全员的社保公积金基数重新核一遍", [])], ["unassigned"]),
    M("h8", "2026-11-25 11:10", "徐一鸣", "我来核 月底前弄完",
      [T("把全员的社保公积金基数重新核一遍", ["徐一鸣"], ("monthend",), "2026-11-30")], ["context"], re="h7"),
    M("h9", "2026-11-27 17:20", "任雅婷", "下下周三公司年会 @程露 抽奖礼品清单下周一之前报个预算给我",
      [T("抽奖礼品清单报个预算", ["程露"], ("nextweek", "周一"), "2026-11-30")]),
    M("h10", "2026-11-30 09:10", "程露", "任总 礼品预算表发您邮箱了 请查收"),
    M("h11", "2026-12-01 10:00", "薛凯", "各部门HC需求收齐了 技术部要8个 销售部5个 汇总表在共享盘"),
    M("h12", "2026-12-02 15:00", "谭晓雯", "那个产品经理候选人说要下个月10号才能到岗"),
    M("h13", "2026-12-02 15:30", "任雅婷", "年底前把今年离职员工的档案都归档 徐晨负责 小程帮忙",
      [T("把今年离职员工的档案归档", ["徐晨", "程露"], ("yearend",), "2026-12-31", oalt=[["徐晨"]])],
      ["nickname"]),
    M("h14", "2026-12-07 09:00", "任雅婷", "各位 年度述职报告15号之前交给我 格式参考去年的",
      [T("年度述职报告交给我", ["@all"], ("day", 15), "2026-12-15")]),
    M("h15", "2026-12-07 09:20", "徐一鸣", "社保基数核完了 有三个人基数偏低 已经调整"),
    M("h16", "2026-12-09 19:30", "任雅婷", "年会改到下周五了 酒店那边场地冲突"),
    M("h17", "2026-12-10 10:00", "薛凯", "年终奖的核算口径今年有变化吗"),
    M("h18", "2026-12-10 10:20", "任雅婷", "有变化 按新的绩效系数算 薛凯你下周二之前出个测算表给我",
      [T("出年终奖测算表", ["薛凯"], ("nextweek", "周二"), "2026-12-15")], ["context"], re="h17"),
]))

# ---------------------------------------------------------------- build + checks
ALLOWED_TAGS = {"context", "implicit", "title-address", "nickname", "unassigned", "cancel"}


def build():
    rows, n = [], 0
    byid = {}
    for chat, members, msgs in CHATS:
        assert len(members) == 6, chat
        surnames = [m[0] for m in members]
        assert sum(surnames.count(s) == 2 for s in set(surnames)) == 1, f"{chat}: need exactly one shared-surname pair"
        assert 18 <= len(msgs) <= 20, (chat, len(msgs))
        keymap, last_ts = {}, None
        for m in msgs:
            n += 1
            gid = f"g{n:03d}"
            ts = dt.datetime.strptime(m["ts"], "%Y-%m-%d %H:%M").replace(tzinfo=TZ)
            assert last_ts is None or ts > last_ts, f"{gid}: ts not increasing"
            last_ts = ts
            assert m["sender"] in members, gid
            reply = None
            if m["re"]:
                assert m["re"] in keymap, f"{gid}: reply_to must be earlier in the same chat"
                q = byid[keymap[m["re"]]]
                reply = {"id": q["id"], "sender": q["sender"], "text": q["text"]}
            assert ("context" not in m["tags"]) or reply, f"{gid}: context only on replies"
            assert set(m["tags"]) <= ALLOWED_TAGS, gid
            today = ts.date()
            tasks = []
            for t in m["tasks"]:
                for o in t["owners"]:
                    assert o in members or o == "@all", (gid, o)
                due = resolve(t["rule"], today) if t["rule"] else None
                exp = D(t["exp"]) if t["exp"] else None
                assert due == exp, f"{gid} {t['title']}: rule gives {due}, hand gives {exp}"
                assert t["tm"] is None or due is not None, gid
                if due is not None:
                    assert due >= today, f"{gid}: due before message"
                    if t["tm"]:
                        hh, mm = map(int, t["tm"].split(":"))
                        assert dt.datetime.combine(due, dt.time(hh, mm), TZ) > ts, f"{gid}: clock time already passed"
                task = {"title": t["title"], "owners": t["owners"],
                        "due_date": due.isoformat() if due else None, "due_time": t["tm"]}
                if t["alt"]:
                    alts = [resolve(a, today) for a in t["alt"]]
                    assert alts == [D(x) for x in t["alt_exp"]], f"{gid}: alt rule/hand mismatch {alts}"
                    for a in alts:
                        assert a >= today, gid
                    task["due_date_alt"] = [a.isoformat() for a in alts]
                if t["oalt"]:
                    for oa in t["oalt"]:
                        for o in oa:
                            assert o in members or o == "@all", (gid, o)
                    task["owners_alt"] = t["oalt"]
                tasks.append(task)
            unowned = any(not t["owners"] for t in tasks)
            assert unowned == ("unassigned" in m["tags"]), f"{gid}: unowned tasks <-> unassigned tag"
            assert ("cancel" not in m["tags"]) or not tasks, gid
            row = {"id": gid, "chat": chat, "ts": ts.isoformat(), "sender": m["sender"], "members": members,
                   "reply_to": reply, "text": m["text"], "tasks": tasks, "tags": m["tags"]}
            keymap[m["key"]] = gid
            byid[gid] = row
            rows.append(row)
    ids = [r["id"] for r in rows]
    assert len(ids) == 150 and len(set(ids)) == 150, len(ids)
    assert ids == [f"g{i:03d}" for i in range(1, 151)]
    return rows


if __name__ == "__main__":
    rows = build()
    with open(os.path.join(HERE, "set.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with_t = sum(1 for r in rows if r["tasks"])
    ntask = sum(len(r["tasks"]) for r in rows)
    print(f"messages {len(rows)}  with tasks {with_t}  tasks {ntask}")
    for chat, members, msgs in CHATS:
        rs = [r for r in rows if r["chat"] == chat]
        print(f"  {chat:12s} {rs[0]['id']}-{rs[-1]['id']} {rs[0]['ts'][:10]}..{rs[-1]['ts'][:10]} "
              f"msgs {len(rs)} with_tasks {sum(1 for r in rs if r['tasks'])} tasks {sum(len(r['tasks']) for r in rs)}")
