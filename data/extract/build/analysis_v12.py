#!/usr/bin/env python3
"""Build set E: 150 hand-written Chinese work-group chat messages with gold tasks.

Every message is written below by hand.  Each deadline is stored as the *rule* the
words call for (see README of the extraction benchmark), and is resolved here against
the message timestamp (Asia/Shanghai) and the official holiday calendar, so that 调休
make-up days count as workdays and holidays are skipped.

Rules (strings):
  today | tomorrow | +N               today, tomorrow, today + N days (N天内 / 一周内 / 两周内)
  wd:周X                              bare 周X: next such weekday on or after today
  this:周X / next:周X                 本周X (current Mon-Sun week) / 下周X
  thisweek / nextweek                 本周内 / 这周内 -> Friday of this week; 下周内 -> Friday of next week
  weekend                             周末 -> Sunday of this week
  monthend | monthend:M               月底 / M月底 -> last day of (that) month
  day:N                               N号 -> day N of this month if not past, else next month
  wdays:N                             N个工作日内 -> N-th workday after today
  pre:NAME                            节前 -> last workday before holiday NAME
  first:NAME                          first day of holiday NAME (accepted alternative for 节前)
  post:NAME                           节后第一天 -> first workday after holiday NAME
  makeup                              调休上班那天 -> next make-up workday on/after today
  date:YYYY-MM-DD                     explicit date (4月9号, an event date)
Run:  python3 build.py   -> writes set.jsonl next to this file.
"""
import datetime as dt
import json
import os
import re
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
HOL_DIR = "/work/shared/datasets/zh-time/holidays_cn"
TZ = "+08:00"

# ---------------------------------------------------------------- calendar
CAL = {}       # date -> (name, isOffDay)
for y in (2026, 2027):
    with open(os.path.join(HOL_DIR, f"{y}.json"), encoding="utf-8") as f:
        for d in json.load(f)["days"]:
            CAL[dt.date.fromisoformat(d["date"])] = (d["name"], d["isOffDay"])


def is_workday(d):
    if d in CAL:
        return not CAL[d][1]
    return d.weekday() < 5


def is_off(d):
    return not is_workday(d)


def holiday_first_off(name, today):
    ds = sorted(d for d, (n, off) in CAL.items() if n == name and off and d >= today)
    assert ds, (name, today)
    return ds[0]


WD = {"周一": 0, "周二": 1, "周三": 2, "周四": 3, "周五": 4, "周六": 5, "周日": 6}


def resolve(rule, today):
    if rule is None:
        return None
    if rule == "today":
        return today
    if rule == "tomorrow":
        return today + dt.timedelta(days=1)
    if rule.startswith("+"):
        return today + dt.timedelta(days=int(rule[1:]))
    kind, _, arg = rule.partition(":")
    monday = today - dt.timedelta(days=today.weekday())
    if kind == "wd":
        return today + dt.timedelta(days=(WD[arg] - today.weekday()) % 7)
    if kind == "this":
        return monday + dt.timedelta(days=WD[arg])
    if kind == "next":
        return monday + dt.timedelta(days=7 + WD[arg])
    if kind == "thisweek":
        return monday + dt.timedelta(days=4)
    if kind == "nextweek":
        return monday + dt.timedelta(days=11)
    if kind == "weekend":
        return monday + dt.timedelta(days=6)
    if kind == "monthend":
        m = int(arg) if arg else today.month
        nxt = dt.date(today.year + (m == 12), m % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    if kind == "day":
        n = int(arg)
        if n >= today.day:
            return today.replace(day=n)
        y, m = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        return dt.date(y, m, n)
    if kind == "wdays":
        d, k = today, 0
        while k < int(arg):
            d += dt.timedelta(days=1)
            if is_workday(d):
                k += 1
        return d
    if kind == "pre":
        d = holiday_first_off(arg, today) - dt.timedelta(days=1)
        while not is_workday(d):
            d -= dt.timedelta(days=1)
        return d
    if kind == "first":
        return holiday_first_off(arg, today)
    if kind == "post":
        d = holiday_first_off(arg, today)
        while is_off(d):
            d += dt.timedelta(days=1)
        return d
    if kind == "makeup":
        ds = sorted(d for d, (n, off) in CAL.items() if not off and d >= today)
        return ds[0]
    if kind == "date":
        return dt.date.fromisoformat(arg)
    raise ValueError(rule)


# ---------------------------------------------------------------- helpers
def T(title, owners, due=None, time=None, alt=None, owners_alt=None):
    return dict(title=title, owners=owners, due=due, time=time, alt=alt or [], owners_alt=owners_alt)


def M(key, when, sender, text, tasks=(), tags=(), reply=None):
    return dict(key=key, when=when, sender=sender, text=text, tasks=list(tasks), tags=list(tags), reply=reply)


# ================================================================ chats
CHATS = []

# ---------------------------------------------------------------- 1. 物流仓库 (Jan, 元旦调休 1/4)
CHATS.append(dict(chat="warehouse", team="物流仓库（区域分拨中心）",
    members=["周海涛", "刘春梅", "刘子豪", "何静", "马国强", "谢婉清"],
    msgs=[
    M("w01", "2026-01-04 08:30", "周海涛",
      "各位早上好今天调休上班元旦三天积压的入库单比较多大家辛苦一下子豪你今天之内把积压的到车预约全部排完有问题随时找我",
      [T("把积压的到车预约全部排完", ["刘子豪"], "today")], ["nickname"]),
    M("w02", "2026-01-04 08:35", "刘子豪", "收到"),
    M("w03", "2026-01-04 09:10", "马国强", "3号月台的叉车电瓶又不行了 我下午找厂家来修",
      [T("找厂家来修叉车电瓶", ["马国强"], "today")]),
    M("w04", "2026-01-04 10:20", "谢婉清", "12月的盘点差异表已经发到群文件了 请周经理查收"),
    M("w05", "2026-01-04 10:25", "周海涛", "差异超过千分之三的那几个SKU你周三前复盘一下原因 写个说明给我",
      [T("复盘差异超过千分之三的SKU原因 写个说明", ["谢婉清"], "wd:周三")], ["context"], reply="w04"),
    M("w06", "2026-01-04 11:40", "何静", "今天食堂只开一个窗口 大家错峰吃饭哈"),
    M("w07", "2026-01-05 09:00", "周海涛",
      "本周安排：1. 老马周三前把B区高位货架的安全检查做完 2. 何姐这周内把12月的运费帐单跟承运商核对清楚 3. 子豪和春梅一起把春节前出库高峰的排班表做出来 下周一前给我",
      [T("把B区高位货架的安全检查做完", ["马国强"], "wd:周三"),
       T("12月的运费帐单跟承运商核对清楚", ["何静"], "thisweek"),
       T("把春节前出库高峰的排班表做出来", ["刘子豪", "刘春梅"], "next:周一")],
      ["nickname", "title-address"]),
    M("w08", "2026-01-05 09:05", "马国强", "👌"),
    M("w09", "2026-01-05 09:30", "刘春梅", "京东那边说明天上午会多来两车退货 大概300箱"),
    M("w10", "2026-01-05 09:33", "周海涛", "那需要有人明早提前把退货暂存区腾出来",
      [T("把退货暂存区腾出来", [], "tomorrow")], ["unassigned"], reply="w09"),
    M("w11", "2026-01-05 09:40", "刘子豪", "我来吧 明早我7点半就到",
      [T("把退货暂存区腾出来", ["刘子豪"], "tomorrow")], ["context"], reply="w10"),
    M("w12", "2026-01-05 14:00", "何静", "运费账单核对完了 中通那边少开了两张发票 已经让他们补开了"),
    M("w13", "2026-01-06 16:45", "周海涛",
      "明天下午消防大队来检查 各位下班前把各自区域的消防通道清理干净 老马检查前把叉车充电区的线路再理一遍",
      [T("把各自区域的消防通道清理干净", ["@all"], "today", "18:00"),
       T("把叉车充电区的线路再理一遍", ["马国强"], "tomorrow")],
      ["nickname", "implicit"]),
    M("w14", "2026-01-06 16:50", "谢婉清", "收到"),
    M("w15", "2026-01-07 11:20", "谢婉清", "周经理 盘点差异说明写好了 主要是扫码枪重复扫描导致的 麻烦您审阅一下",
      [T("审阅盘点差异说明", ["周海涛"])], ["title-address"]),
    M("w16", "2026-01-07 11:30", "周海涛", "看了 没问题👍", reply="w15"),
    M("w17", "2026-01-08 10:00", "刘春梅", "春节出库高峰排班表初稿出来了 夜班人数那栏还空着 子豪你明天中午前补上",
      [T("补上排班表夜班人数", ["刘子豪"], "tomorrow", "12:00")], ["nickname"]),
    M("w18", "2026-01-09 17:30", "周海涛", "下周一的周会取消 有事群里说", [], ["cancel"]),
    M("w19", "2026-01-09 17:40", "马国强", "高位货架检查完了 有两处横梁变形 已经拉了警戒线 三根新横梁今明两天需要采购回来",
      [T("三根新横梁采购回来", [], "tomorrow")], ["unassigned"]),
]))

# ---------------------------------------------------------------- 2. 工地项目部 (Feb, 春节 + 调休 2/14 2/28)
CHATS.append(dict(chat="site", team="工地项目部",
    members=["郑国栋", "陈志远", "陈晓峰", "林雪梅", "黄德胜", "孙浩然"],
    msgs=[
    M("s01", "2026-02-09 07:50", "郑国栋",
      "各位 年前最后一周 几件事：1）@陈志远 2号楼剩下的三层顶板这周内浇完 2）黄工节前把全场的临电箱和脚手架做一次安全大检查 3）农民工工资节前必须全部发放到位 小孙明天之前跟劳务公司把考勤对完",
      [T("2号楼剩下的三层顶板浇完", ["陈志远"], "thisweek"),
       T("把全场的临电箱和脚手架做一次安全大检查", ["黄德胜"], "pre:春节", alt=["first:春节"]),
       T("农民工工资全部发放到位", [], "pre:春节", alt=["first:春节"]),
       T("跟劳务公司把考勤对完", ["孙浩然"], "tomorrow")],
      ["title-address", "nickname", "unassigned"]),
    M("s02", "2026-02-09 07:55", "陈志远", "收到 顶板周四前能浇完 周五有雨",
      [T("顶板浇完", ["陈志远"], "wd:周四")], reply="s01"),
    M("s03", "2026-02-09 09:30", "林雪梅", "监理刚打电话 周三上午来验收5号楼的钢筋隐蔽工程"),
    M("s04", "2026-02-09 09:32", "郑国栋", "陈晓峰 验收前把5号楼的隐蔽验收资料和影像资料准备齐",
      [T("把5号楼的隐蔽验收资料和影像资料准备齐", ["陈晓峰"], "wd:周三")], ["context", "implicit"], reply="s03"),
    M("s05", "2026-02-09 09:40", "陈晓峰", "好的"),
    M("s06", "2026-02-10 11:00", "孙浩然", "考勤对完了 劳务公司确认132人 工资表发郑总邮箱了 请查收"),
    M("s07", "2026-02-10 11:05", "郑国栋", "好 工资表今天下班前我签字报公司财务",
      [T("工资表签字报公司财务", ["郑国栋"], "today", "18:00")], reply="s06"),
    M("s08", "2026-02-11 15:20", "陈晓峰", "钢筋隐蔽验收过了 监理提了两个小问题 已经整改完"),
    M("s09", "2026-02-12 18:40", "陈志远", "顶板浇完了 明天开始养护 晓峰安排人每天洒水 过年期间也不能断 另外需要留两个人值守",
      [T("安排人每天洒水养护", ["陈晓峰"]),
       T("留两个人值守", [])],
      ["nickname", "unassigned"]),
    M("s10", "2026-02-12 18:45", "郑国栋", "值守谁愿意留 过年三倍工资", reply="s09"),
    M("s11", "2026-02-12 19:02", "黄德胜", "我留下吧 反正老家近 初三之前我都在工地",
      [T("留下值守", ["黄德胜"])], ["context"], reply="s10"),
    M("s12", "2026-02-13 08:30", "林雪梅", "郑总 年前的进度款申报资料整理好了 需要您今天签字盖章 我中午前送到您办公室",
      [T("进度款申报资料签字盖章", ["郑国栋"], "today"),
       T("把进度款申报资料送到办公室", ["林雪梅"], "today", "12:00")],
      ["title-address"]),
    M("s13", "2026-02-14 08:00", "郑国栋", "今天调休正常上班 下午4点全员在项目部会议室开节前安全交底会"),
    M("s14", "2026-02-14 08:10", "黄德胜",
      "安全大检查做完了 整改单发群里了 一共3处问题 当场整改了2处 剩下塔吊限位器 厂家说节后第一天过来换"),
    M("s15", "2026-02-14 08:20", "郑国栋", "@黄德胜 节后第一天你盯着厂家把限位器换好 没换好塔吊不准开",
      [T("盯着厂家把限位器换好", ["黄德胜"], "post:春节")], reply="s14"),
    M("s16", "2026-02-24 07:40", "郑国栋",
      "新年好🧧 今天节后第一天正式复工 小孙 人员返岗情况三个工作日内统计好报我 另外所有进场工人需要重新做三级安全教育",
      [T("人员返岗情况统计好报我", ["孙浩然"], "wdays:3"),
       T("所有进场工人重新做三级安全教育", [])],
      ["nickname", "unassigned"]),
    M("s17", "2026-02-24 07:45", "孙浩然", "好的郑总"),
    M("s18", "2026-02-26 10:00", "陈晓峰", "雪梅 5号楼二次结构砌体材料的报验单两个工作日内准备好哈 监理催了好几次了",
      [T("5号楼二次结构砌体材料的报验单准备好", ["林雪梅"], "wdays:2")], ["nickname"]),
    M("s19", "2026-02-26 10:30", "林雪梅", "好嘞 明天就弄",
      [T("准备砌体材料的报验单", ["林雪梅"], "tomorrow")], ["context"], reply="s18"),
]))

# ---------------------------------------------------------------- 3. 律所诉讼团队 (Mar-Apr, 清明)
CHATS.append(dict(chat="lawfirm", team="律所诉讼团队",
    members=["赵明远", "方若琳", "方振宇", "高思源", "曹晓月", "贾立新"],
    msgs=[
    M("l01", "2026-03-30 09:15", "赵明远",
      "恒达建材那个买卖合同纠纷 法院通知4月9号开庭 @方若琳 主办 @高思源 协助 开庭前把证据目录和质证意见准备好",
      [T("把证据目录和质证意见准备好", ["方若琳", "高思源"], "date:2026-04-09", owners_alt=[["方若琳"]])],
      ["implicit"]),
    M("l02", "2026-03-30 09:20", "方若琳", "收到赵律"),
    M("l03", "2026-03-30 10:05", "曹晓月", "赵主任 鑫源物流案的一审判决书今天上午收到了 扫描件已经发您邮箱 请查收"),
    M("l04", "2026-03-30 10:12", "赵明远", "判决对我们不利 上诉期15天 振宇你看下有没有上诉的空间 周四前给我个初步意见",
      [T("看下有没有上诉的空间 给个初步意见", ["方振宇"], "wd:周四")], ["nickname"], reply="l03"),
    M("l05", "2026-03-30 10:30", "方振宇", "好的赵律", reply="l04"),
    M("l06", "2026-03-30 14:00", "贾立新", "【通知】清明节放假安排：4月4日至6日放假 共3天 4月7日（周二）正常上班 祝大家假期愉快"),
    M("l07", "2026-03-31 09:00", "高思源", "恒达案有一部分证据原件还在客户那里 需要有人去客户公司取一趟 谁有空？",
      [T("去客户公司取证据原件", [])], ["unassigned"]),
    M("l08", "2026-03-31 09:06", "曹晓月", "我来吧 下午正好去那边送材料 顺路取回来",
      [T("去客户公司取证据原件", ["曹晓月"], "today")], ["context"], reply="l07"),
    M("l09", "2026-03-31 11:20", "方若琳",
      "赵律您好 恒达案的质证意见初稿我写好了 放在共享盘恒达案文件夹里 麻烦您抽空审阅一下 周三我再根据您的意见修改",
      [T("审阅质证意见初稿", ["赵明远"]),
       T("根据意见修改质证意见", ["方若琳"], "wd:周三")],
      ["title-address"]),
    M("l10", "2026-04-01 16:30", "赵明远", "看了 第三组证据的关联性你在论证一下 其他没问题",
      [T("第三组证据的关联性再论证一下", ["方若琳"])], ["context"], reply="l09"),
    M("l11", "2026-04-02 17:50", "方振宇", "赵律 鑫源案我看完了 一审对违约金的认定有问题 有上诉空间 详细意见发您微信了"),
    M("l12", "2026-04-02 18:05", "赵明远", "好 那就上诉 你3个工作日内把上诉状初稿写出来 晓月配合算一下上诉费",
      [T("把上诉状初稿写出来", ["方振宇"], "wdays:3"),
       T("算一下上诉费", ["曹晓月"], None, alt=["wdays:3"])],
      ["context", "nickname"], reply="l11"),
    M("l13", "2026-04-02 18:10", "方振宇", "OK 节后第一天给您",
      [T("上诉状初稿给您", ["方振宇"], "post:清明节")], ["context"], reply="l12"),
    M("l14", "2026-04-03 09:00", "贾立新", "明天开始放假 需要寄出的快递大家今天下午4点前交给我 快递公司节后7号才上门取件",
      [T("需要寄出的快递交给我", ["@all"], "today", "16:00")]),
    M("l15", "2026-04-03 09:30", "高思源", "证据目录初稿做好了 已经发若琳姐邮箱 放假前搞定一件事😮‍💨"),
    M("l16", "2026-04-07 08:55", "赵明远", "节后第一天 大家收收心 恒达案后天开庭 明天下午3点在大会议室做开庭前模拟"),
    M("l17", "2026-04-07 09:10", "方若琳", "@曹晓月 模拟庭用的证据副本打印好了吗 一共要5套"),
    M("l18", "2026-04-08 10:20", "方振宇", "上诉状初稿已发赵律邮箱 请查收"),
    M("l19", "2026-04-09 17:30", "方若琳", "恒达案庭审结束了 法官要求双方一周内提交补充代理意见 我来写",
      [T("写补充代理意见", ["方若琳"], "+7")]),
]))

# ---------------------------------------------------------------- 4. 电商直播间 (Apr-May, 劳动节 + 调休 5/9)
CHATS.append(dict(chat="livestream", team="电商直播间",
    members=["罗佳怡", "韩梦琪", "韩旭", "邱晨", "蔡文静", "彭宇航"],
    msgs=[
    M("v01", "2026-04-27 10:00", "罗佳怡",
      "五一大促直播定在5月1号晚上 分工如下 蔡姐节前把大促的30个品和品牌方最终确认 宇航投流预算方案明天给我 梦琪和韩旭开播前把话术脚本对熟 有问题随时说",
      [T("把大促的30个品和品牌方最终确认", ["蔡文静"], "pre:劳动节", alt=["first:劳动节"]),
       T("投流预算方案给我", ["彭宇航"], "tomorrow"),
       T("把话术脚本对熟", ["韩梦琪", "韩旭"], "date:2026-05-01")],
      ["title-address", "nickname", "implicit"]),
    M("v02", "2026-04-27 10:02", "韩旭", "收到🫡"),
    M("v03", "2026-04-27 10:15", "邱晨", "罗总 直播间的补光灯坏了一个 要不要买个新的"),
    M("v04", "2026-04-27 10:20", "罗佳怡", "买 急用 你直接下单 回头找我报销",
      [T("买个新的补光灯", ["邱晨"])], ["context"], reply="v03"),
    M("v05", "2026-04-27 11:00", "彭宇航", "上周数据：GMV 86.3w 环比+12% 退货率8.7% 千川ROI 2.9"),
    M("v06", "2026-04-28 09:40", "彭宇航", "罗总 投流预算方案发你了 大促当天建议投15w"),
    M("v07", "2026-04-28 09:45", "罗佳怡", "15w太多了 压到10w以内 你改一下今天下班前再发我",
      [T("投流预算压到10w以内 改一下再发我", ["彭宇航"], "today", "18:00")], ["context"], reply="v06"),
    M("v08", "2026-04-28 14:30", "蔡文静", "有个品牌方说他们的赠品5月3号才能到仓😓"),
    M("v09", "2026-04-28 14:35", "罗佳怡", "那这个品的赠品机制得改一下 1号开播前需要重新写进脚本",
      [T("赠品机制改一下重新写进脚本", [], "day:1")], ["context", "unassigned", "implicit"], reply="v08"),
    M("v10", "2026-04-28 14:40", "韩梦琪", "我来改 今晚改完发群里",
      [T("改赠品机制写进脚本 发群里", ["韩梦琪"], "today")], ["context"], reply="v09"),
    M("v11", "2026-04-29 23:10", "韩旭", "今天下播了 在线峰值2.1w 好多人问那款空气炸锅啥时候返场"),
    M("v12", "2026-04-30 09:00", "蔡文静", "30个品全部确认完毕 价格表和机制表在群文件 请大家查收"),
    M("v13", "2026-04-30 09:05", "罗佳怡",
      "明天大促 今天下午6点前小邱把所有样品清点好摆到直播间 晚上9点彩排 韩旭今天把中控台的上架顺序设置好",
      [T("把所有样品清点好摆到直播间", ["邱晨"], "today", "18:00"),
       T("把中控台的上架顺序设置好", ["韩旭"], "today")],
      ["nickname"]),
    M("v14", "2026-05-01 23:50", "罗佳怡", "今晚GMV破200w🎉🎉🎉 大家辛苦了 明后天正常播 4号5号休息"),
    M("v15", "2026-05-02 15:00", "彭宇航", "昨天大促的复盘数据我整理了一半 节后第一天发群里",
      [T("复盘数据整理完发群里", ["彭宇航"], "post:劳动节")]),
    M("v16", "2026-05-06 10:00", "罗佳怡", "调休上班那天上午开五一复盘会 每人准备一页自己负责部分的复盘ppt 会前发我",
      [T("准备一页自己负责部分的复盘ppt发我", ["@all"], "makeup")], ["implicit"]),
    M("v17", "2026-05-06 10:05", "邱晨", "补光灯到了 已经装好"),
    M("v18", "2026-05-07 14:00", "韩梦琪", "罗总 下周想加一场夜播 11点到1点 试试深夜流量 可以不"),
    M("v19", "2026-05-07 14:20", "罗佳怡", "可以 先试两周 你和韩旭把排班排一下 三天内发我",
      [T("把夜播排班排一下发我", ["韩梦琪", "韩旭"], "+3")], ["context"], reply="v18"),
]))

# ---------------------------------------------------------------- 5. 高校课题组 (Jun, 端午)
CHATS.append(dict(chat="lab", team="高校课题组（实验室）",
    members=["杨振华", "沈一鸣", "吴思雨", "吴昊天", "徐晓", "冯可欣"],
    msgs=[
    M("b01", "2026-06-08 21:40", "杨振华",
      "各位 国自然结题报告学校要求6月底前交 一鸣牵头 思雨和昊天把各自负责的那部分成果整理一下 下周三之前发给一鸣",
      [T("交国自然结题报告", ["沈一鸣"], "monthend:6"),
       T("把各自负责的那部分成果整理一下发给一鸣", ["吴思雨", "吴昊天"], "next:周三")],
      ["nickname"]),
    M("b02", "2026-06-08 21:45", "吴昊天", "收到杨老师"),
    M("b03", "2026-06-09 10:12", "徐晓", "离心机又报错了 E-07 谁知道啥意思😭"),
    M("b04", "2026-06-09 10:20", "冯可欣", "E-07是转子不平衡 重新配平就行 我刚过去帮你弄好了", reply="b03"),
    M("b05", "2026-06-09 14:00", "杨振华", "下周二上午组会 @徐晓 汇报文献阅读 @冯可欣 汇报实验进展",
      [T("汇报文献阅读", ["徐晓"], "next:周二"),
       T("汇报实验进展", ["冯可欣"], "next:周二")],
      ["implicit"]),
    M("b06", "2026-06-10 16:30", "沈一鸣",
      "杨老师 结题报告的框架我搭好了 在腾讯文档里 您有空的时候审阅一下 看看章节安排是否合适",
      [T("审阅结题报告的框架", ["杨振华"])], ["title-address"]),
    M("b07", "2026-06-11 08:50", "吴思雨", "今天下午学院停电检修 1点到5点 冰箱里的样品注意一下"),
    M("b08", "2026-06-11 08:55", "杨振华", "需要有人中午前把-80冰箱的样品转到隔壁楼 谁在实验室",
      [T("把-80冰箱的样品转到隔壁楼", [], "today", "12:00")], ["unassigned"], reply="b07"),
    M("b09", "2026-06-11 09:01", "吴昊天", "我在 我来搬 十一点前搞定",
      [T("把-80冰箱的样品搬到隔壁楼", ["吴昊天"], "today", "11:00")], ["context"], reply="b08"),
    M("b10", "2026-06-11 11:05", "吴昊天", "样品已经转移完毕✅"),
    M("b11", "2026-06-15 09:00", "冯可欣", "端午放假19号到21号 实验室那三天关门 节前大家把自己的细胞和培养物处理好 别放着不管🙏",
      [T("把自己的细胞和培养物处理好", ["@all"], "pre:端午节", alt=["first:端午节"])]),
    M("b12", "2026-06-15 10:30", "吴思雨", "我负责那部分的成果整理好了 已经发一鸣师兄"),
    M("b13", "2026-06-16 12:10", "杨振华", "今天组会小徐讲得不错👍 可欣的实验对照组设计有问题 会后你改一下方案 两个工作日内发我",
      [T("改一下实验对照组方案发我", ["冯可欣"], "wdays:2")], ["nickname"]),
    M("b14", "2026-06-17 20:00", "吴昊天", "我那部分成果晚了一天 刚发一鸣了 sorry🙏"),
    M("b15", "2026-06-18 12:00", "吴思雨", "明天端午 实验室冰箱里有粽子 大家自己拿 端午安康😋"),
    M("b16", "2026-06-18 17:00", "沈一鸣", "结题报告初稿完成 在腾讯文档 @all 每个人节后第一天之前把自己那部分再校对一遍",
      [T("把自己那部分再校对一遍", ["@all"], "post:端午节")]),
    M("b17", "2026-06-22 09:15", "杨振华",
      "初稿我看了 第四章的经费决算表跟财务数据对不上 一鸣今天跟财务处核对一下 另外成果清单里需要补上今年的两篇会议论文",
      [T("经费决算表跟财务处核对一下", ["沈一鸣"], "today"),
       T("成果清单里补上今年的两篇会议论文", [])],
      ["nickname", "unassigned"]),
    M("b18", "2026-06-22 09:20", "徐晓", "杨老师 会议论文那块我来补吧 两篇的信息我都有",
      [T("成果清单补上两篇会议论文", ["徐晓"])], ["context"], reply="b17"),
    M("b19", "2026-06-24 18:00", "沈一鸣", "结题报告已提交学院科研办🎉 谢谢大家"),
]))

# ---------------------------------------------------------------- 6. 餐饮连锁区域运营 (Sep, 调休 9/20, 中秋, 国庆前)
CHATS.append(dict(chat="restaurant", team="餐饮连锁区域运营",
    members=["胡志刚", "钟丽华", "钟浩", "田甜", "雷振东", "梁晓敏"],
    msgs=[
    M("r01", "2026-09-14 09:00", "胡志刚",
      "中秋国庆是今年最大的旺季 几件事 1.雷哥中秋节前把月饼礼盒备货到各店 2.晓敏国庆套餐的海报这周内定稿 3.田甜负责新员工岗前培训 下周日之前全部考核完",
      [T("把月饼礼盒备货到各店", ["雷振东"], "pre:中秋节", alt=["first:中秋节"]),
       T("国庆套餐的海报定稿", ["梁晓敏"], "thisweek"),
       T("新员工岗前培训全部考核完", ["田甜"], "next:周日")],
      ["title-address", "nickname"]),
    M("r02", "2026-09-14 09:10", "雷振东", "👌"),
    M("r03", "2026-09-14 11:30", "钟丽华", "城西店昨天有顾客投诉菜里有头发已经跟顾客到歉了也退了款后续整改我这边盯着",
      [T("城西店后续整改盯着", ["钟丽华"])]),
    M("r04", "2026-09-14 11:40", "胡志刚", "丽华 这事必须重视 你和钟浩这周五前分片区把所有门店后厨抽查一遍 帽子口罩一个都不能少",
      [T("分片区把所有门店后厨抽查一遍", ["钟丽华", "钟浩"], "this:周五")], ["nickname"], reply="r03"),
    M("r05", "2026-09-15 17:00", "胡志刚", "原定明天的新品试吃会取消 厨师长那边还没准备好 时间另行通知", [], ["cancel"]),
    M("r06", "2026-09-16 15:00", "梁晓敏", "国庆套餐海报出了三版设计稿 发群里了 请胡总选一版",
      [T("选一版国庆套餐海报", ["胡志刚"])], ["title-address"]),
    M("r07", "2026-09-16 15:20", "胡志刚", "第二版 价格的字再大一点 其他ok",
      [T("海报价格的字再大一点", ["梁晓敏"])], ["context"], reply="r06"),
    M("r08", "2026-09-17 10:00", "雷振东", "供应商说月饼礼盒21号到中心仓 我这边22号配送到各店",
      [T("月饼礼盒配送到各店", ["雷振东"], "day:22")]),
    M("r09", "2026-09-18 16:00", "钟浩", "北区8家店抽查完了 2家不合格 已经让店长当场整改"),
    M("r10", "2026-09-18 16:30", "胡志刚", "提醒一下 这周日20号调休上班 店长例会照常开"),
    M("r11", "2026-09-20 10:00", "田甜", "新员工一共46个 今天考了30个 剩下16个我周三考完",
      [T("剩下16个新员工考完", ["田甜"], "wd:周三")]),
    M("r12", "2026-09-22 09:30", "梁晓敏", "胡总 海报改好了 印刷厂说要三个工作日才能印好"),
    M("r13", "2026-09-22 09:35", "胡志刚", "三个工作日就到节后了 来不及 你去催一下印刷厂 海报中秋节前必须到店",
      [T("催一下印刷厂 海报到店", ["梁晓敏"], "pre:中秋节", alt=["first:中秋节"])], ["context"], reply="r12"),
    M("r14", "2026-09-22 10:00", "雷振东", "月饼礼盒今天已经全部配送到店 签收单在群文件"),
    M("r15", "2026-09-24 18:30", "胡志刚", "明天开始中秋三天 大家辛苦 有情况随时群里说 节后第一天早上9点区域视频会"),
    M("r16", "2026-09-28 09:40", "胡志刚", "中秋数据出来了 整体同比+18% 城东店掉了9% @钟浩 今天之内去城东店了解下情况 国庆前给我一个整改方案",
      [T("去城东店了解下情况", ["钟浩"], "today"),
       T("给我一个城东店整改方案", ["钟浩"], "pre:国庆节", alt=["first:国庆节"])]),
    M("r17", "2026-09-28 10:00", "钟浩", "好的胡总"),
    M("r18", "2026-09-29 11:00", "田甜", "46个新员工全部考核通过 国庆可以全部上岗"),
    M("r19", "2026-09-29 15:00", "梁晓敏", "国庆期间小红书和大众点评的推广 我今晚把投放计划发出来 预算需要胡总批一下",
      [T("把小红书和大众点评的投放计划发出来", ["梁晓敏"], "today"),
       T("批一下推广预算", ["胡志刚"])],
      ["title-address"]),
]))

# ---------------------------------------------------------------- 7. 口腔诊所 (Oct, 节后第一天 10/8, 调休 10/10)
CHATS.append(dict(chat="dental", team="口腔诊所",
    members=["谭文斌", "叶雅婷", "叶子航", "郭敏", "陆欣怡", "龚家乐"],
    msgs=[
    M("g01", "2026-10-08 08:10", "谭文斌",
      "节后第一天 预约很满 大家辛苦了 @陆欣怡 国庆期间没能接诊的预约今天之内全部电话回访改约 郭姐 消毒室的灭菌锅今天上午开诊前先做一次B-D测试",
      [T("国庆期间没能接诊的预约全部电话回访改约", ["陆欣怡"], "today"),
       T("灭菌锅做一次B-D测试", ["郭敏"], "today")],
      ["title-address"]),
    M("g02", "2026-10-08 08:12", "郭敏", "好的主任"),
    M("g03", "2026-10-08 09:40", "叶子航", "7号诊室牙椅的吸唾管漏水了 今天先用8号诊室 另外我那台根管马达也该保养了 两个工作日内我送去保养",
      [T("根管马达送去保养", ["叶子航"], "wdays:2")]),
    M("g04", "2026-10-08 09:45", "谭文斌", "@龚家乐 你联系一下设备厂家 尽快来修",
      [T("联系设备厂家来修吸唾管", ["龚家乐"])], ["context"], reply="g03"),
    M("g05", "2026-10-08 11:30", "陆欣怡", "回访打了一半 有3个患者想约周六 10号是调休上班吧 我们那天开门吗"),
    M("g06", "2026-10-08 11:35", "谭文斌", "开 调休那天正常接诊 按周一的排班来", reply="g05"),
    M("g07", "2026-10-09 08:30", "郭敏", "B-D测试合格✅ 灭菌锅正常"),
    M("g08", "2026-10-09 10:00", "谭文斌",
      "下周四市卫健委来做院感检查 检查前需要把近三个月的消毒登记本和医废交接记录补齐 郭姐牵头 小龚配合",
      [T("把近三个月的消毒登记本和医废交接记录补齐", ["郭敏", "龚家乐"], "next:周四", owners_alt=[["郭敏"]])],
      ["implicit", "title-address", "nickname"]),
    M("g09", "2026-10-09 10:05", "龚家乐", "收到"),
    M("g10", "2026-10-10 09:00", "叶雅婷", "今天下午那个正畸复诊的患者改到下周二了 系统里我已经改好了"),
    M("g11", "2026-10-10 15:20", "叶子航", "种植的王先生术后CT需要约一下影像科 我今天手术排满了走不开",
      [T("约一下影像科术后CT", [])], ["unassigned"]),
    M("g12", "2026-10-10 15:25", "陆欣怡", "我来约 下班前约好",
      [T("约影像科术后CT", ["陆欣怡"], "today", "18:00")], ["context"], reply="g11"),
    M("g13", "2026-10-12 09:00", "谭文斌", "通知：本月起种植牙集采价格开始执行 前台价目表和小程序上的价格这周内都要改 欣怡负责",
      [T("前台价目表和小程序上的价格改", ["陆欣怡"], "thisweek")], ["nickname"]),
    M("g14", "2026-10-12 14:00", "叶雅婷", "谭主任 新来的两位规培生的带教计划我写好了 放您桌上了 麻烦您有空审阅一下 有问题我再改",
      [T("审阅规培生的带教计划", ["谭文斌"])], ["title-address"]),
    M("g15", "2026-10-13 10:30", "龚家乐", "吸唾管厂家今天上午来修好了"),
    M("g16", "2026-10-14 17:20", "郭敏", "登记本和医废记录都补齐了 放在护士站第二个抽屉"),
    M("g17", "2026-10-16 16:00", "谭文斌", "院感检查通过了 专家提了一条意见 器械包的有效期标签不规范 需要10个工作日内整改完",
      [T("器械包的有效期标签整改完", [], "wdays:10")], ["unassigned"]),
    M("g18", "2026-10-16 16:10", "郭敏", "标签的事我来弄 下周三之前改完",
      [T("器械包有效期标签改完", ["郭敏"], "next:周三")], ["context"], reply="g17"),
]))

# ---------------------------------------------------------------- 8. 影视剧组 (Nov-Dec, 月底 / 周末 / 两周内)
CHATS.append(dict(chat="film", team="影视制作剧组",
    members=["欧阳振", "孟庆丰", "白露", "白晓东", "廖俊杰", "葛晨阳"],
    msgs=[
    M("f01", "2026-11-24 08:00", "孟庆丰",
      "明天正式开机 今天几件事：@白露 明天的通告单今晚10点前发全组 @白晓东 咖啡馆那场的陈设中午前布置完 廖老师下午3点前把灯光方案跟欧阳振过一遍",
      [T("明天的通告单发全组", ["白露"], "today", "22:00"),
       T("咖啡馆那场的陈设布置完", ["白晓东"], "today", "12:00"),
       T("把灯光方案跟欧阳振过一遍", ["廖俊杰"], "today", "15:00", owners_alt=[["廖俊杰", "欧阳振"]])],
      ["title-address"]),
    M("f02", "2026-11-24 08:05", "白晓东", "收到"),
    M("f03", "2026-11-24 09:30", "欧阳振", "第12场的台词昨晚改了 新版剧本发群里了 演员那边请白露转一下",
      [T("新版剧本转给演员", ["白露"])]),
    M("f04", "2026-11-24 11:50", "白晓东", "陈设布置好了 照片发群里了 @欧阳振 看看有没有要调的",
      [T("看看陈设有没有要调的", ["欧阳振"])]),
    M("f05", "2026-11-24 12:10", "欧阳振", "吧台上的花换成白色的 别的可以",
      [T("吧台上的花换成白色的", ["白晓东"])], ["context"], reply="f04"),
    M("f06", "2026-11-24 21:40", "白露", "明天通告单已发 早上6:00酒店大堂集合 7:30开机 请各部门查收"),
    M("f07", "2026-11-25 19:30", "葛晨阳", "今天的素材拷完了 双备份 一共1.8T"),
    M("f08", "2026-11-26 10:00", "孟庆丰", "说一下 原定周六的夜戏取消 场地方不让拍过12点", [], ["cancel"]),
    M("f09", "2026-11-26 10:10", "欧阳振", "那夜戏只能挪到下周了得重新找个能拍通宵的场地白露你下周二前给我两个备选",
      [T("找能拍通宵的场地 给两个备选", ["白露"], "next:周二")], reply="f08"),
    M("f10", "2026-11-27 14:00", "廖俊杰", "小葛 前天那场的素材有几个镜头跑焦了 你标一下时码 今天下班前发我 我看看要不要补拍",
      [T("跑焦镜头标一下时码发我", ["葛晨阳"], "today", "18:00")], ["nickname"]),
    M("f11", "2026-11-27 14:30", "葛晨阳", "好的廖老师", reply="f10"),
    M("f12", "2026-11-27 16:00", "孟庆丰", "各部门这个月的费用单据月底前交到白露那 过期下个月再报",
      [T("这个月的费用单据交到白露那", ["@all"], "monthend")]),
    M("f13", "2026-11-30 09:20", "白露", "备选场地找了两个 城北的废弃厂房和一家24小时便利店 照片和报价发群里了", reply="f09"),
    M("f14", "2026-12-01 11:00", "欧阳振", "厂房那个好 孟总去谈一下 这周五之前能签下来最好",
      [T("去谈厂房 签下来", ["孟庆丰"], "this:周五")], ["context", "title-address"], reply="f13"),
    M("f15", "2026-12-01 11:05", "孟庆丰", "ok 我下午就过去看",
      [T("过去看厂房", ["孟庆丰"], "today")], ["context"], reply="f14"),
    M("f16", "2026-12-03 16:00", "孟庆丰", "厂房签下来了 下周三拍夜戏 各部门下周一之前报一下夜戏需要的设备和人员",
      [T("报一下夜戏需要的设备和人员", ["@all"], "next:周一")]),
    M("f17", "2026-12-04 10:30", "葛晨阳", "粗剪第一版出来了 42分钟左右 网盘链接发群里了 密码1204"),
    M("f18", "2026-12-04 10:45", "欧阳振", "我周末看 平台说年底前要看到片花 晨阳你先把片花剪出来 两周内给我",
      [T("看粗剪第一版", ["欧阳振"], "weekend"),
       T("先把片花剪出来", ["葛晨阳"], "+14")],
      ["context", "nickname"], reply="f17"),
]))

# ================================================================ build + checks
TAGS = {"context", "implicit", "title-address", "nickname", "unassigned", "cancel"}
TITLES = ["总", "姐", "哥", "工", "主任", "经理", "老师", "律"]


def surname(name):
    return name[:2] if name[:2] in ("欧阳", "司马", "诸葛", "上官") else name[0]


def main():
    out, ids = [], []
    n = 0
    last_global = None
    for c in CHATS:
        members = c["members"]
        assert len(members) == 6 and len(set(members)) == 6, c["chat"]
        sc = Counter(surname(m) for m in members)
        shared = [s for s, k in sc.items() if k > 1]
        assert len(shared) == 1 and sc[shared[0]] == 2, (c["chat"], sc)
        s = shared[0]
        banned = [s + t for t in TITLES] + ["小" + s, "老" + s]
        by_key, last = {}, None
        for m in c["msgs"]:
            n += 1
            mid = f"e{n:03d}"
            when = dt.datetime.strptime(m["when"], "%Y-%m-%d %H:%M")
            today = when.date()
            assert last is None or when > last, (mid, "ts not increasing")
            last = when
            assert m["sender"] in members, (mid, m["sender"])
            for b in banned:
                assert b not in m["text"], (mid, "shared surname addressed", b)
            assert set(m["tags"]) <= TAGS, (mid, m["tags"])
            assert len(set(m["tags"])) == len(m["tags"]), mid
            reply = None
            if m["reply"]:
                assert m["reply"] in by_key, (mid, "reply_to must point to an earlier message of this chat")
                q = by_key[m["reply"]]
                reply = {"id": q["id"], "sender": q["sender"], "text": q["text"]}
            if "context" in m["tags"]:
                assert reply is not None, (mid, "context only on replies")
            tasks = []
            for t in m["tasks"]:
                assert t["title"] and t["title"].strip() == t["title"], mid
                owners = t["owners"]
                for o in owners:
                    assert o in members or o == "@all", (mid, o)
                    assert o == "@all" or o not in t["title"], (mid, "owner in title", o)
                assert len(set(owners)) == len(owners), mid
                d = resolve(t["due"], today)
                if t["time"]:
                    assert d is not None and re.fullmatch(r"\d\d:\d\d", t["time"]), mid
                task = {"title": t["title"], "owners": owners,
                        "due_date": d.isoformat() if d else None,
                        "due_time": t["time"]}
                for dd in [d] + [resolve(a, today) for a in t["alt"]]:
                    assert dd is None or dd >= today, (mid, "due before message", dd)
                if d == today and t["time"]:
                    assert t["time"] > when.strftime("%H:%M"), (mid, "clock time already passed")
                if t["alt"]:
                    alts = [resolve(a, today) for a in t["alt"]]
                    alts = [a.isoformat() if a else None for a in alts]
                    assert task["due_date"] not in alts, mid
                    task["due_date_alt"] = alts
                if t["owners_alt"]:
                    for oa in t["owners_alt"]:
                        assert all(o in members or o == "@all" for o in oa), mid
                        assert sorted(oa) != sorted(owners), mid
                    task["owners_alt"] = t["owners_alt"]
                tasks.append(task)
            has_unowned = any(t["owners"] == [] for t in tasks)
            assert has_unowned == ("unassigned" in m["tags"]), (mid, "unowned tasks <-> unassigned tag")
            if "cancel" in m["tags"]:
                assert not tasks, mid
            for tg in ("implicit", "title-address", "nickname", "context"):
                if tg in m["tags"]:
                    assert tasks, (mid, tg, "tag on a message without tasks")
            rec = {"id": mid, "chat": c["chat"], "ts": when.strftime("%Y-%m-%dT%H:%M:00") + TZ,
                   "sender": m["sender"], "members": members, "reply_to": reply,
                   "text": m["text"], "tasks": tasks, "tags": m["tags"]}
            assert last_global is None or when > last_global, (mid, "chats are written in time order")
            last_global = when
            by_key[m["key"]] = rec
            out.append(rec)
            ids.append(mid)
    assert len(ids) == 150 and len(set(ids)) == 150, len(ids)
    assert ids == [f"e{i:03d}" for i in range(1, 151)]
    with open(os.path.join(HERE, "set.jsonl"), "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # summary
    print(f"{'chat':<12}{'dates':<26}{'msgs':>5}{'w/tasks':>9}{'tasks':>7}")
    for c in CHATS:
        rs = [r for r in out if r["chat"] == c["chat"]]
        print(f"{c['chat']:<12}{rs[0]['ts'][:10] + ' .. ' + rs[-1]['ts'][:10]:<26}{len(rs):>5}"
              f"{sum(1 for r in rs if r['tasks']):>9}{sum(len(r['tasks']) for r in rs):>7}")
    print(f"{'TOTAL':<38}{len(out):>5}{sum(1 for r in out if r['tasks']):>9}"
          f"{sum(len(r['tasks']) for r in out):>7}")
    print("tags:", dict(Counter(t for r in out for t in r["tags"])))


if __name__ == "__main__":
    main()
