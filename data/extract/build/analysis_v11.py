#!/usr/bin/env python3
"""Build set.jsonl (s11-001 … s11-150): hand-written Chinese work-group chat messages with gold tasks.

Every deadline is written as a rule (below) and computed from the message ts (Asia/Shanghai)
and the official 2026 holiday / 调休 calendar, following the conventions in
/work/shared/benchmarks/extraction/README.md.
"""
import json, os
from datetime import date, datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
CAL = "/work/shared/datasets/zh-time/holidays_cn/2026.json"

# ---------------------------------------------------------------- calendar
_cal = json.load(open(CAL, encoding="utf-8"))
OFF = {date.fromisoformat(d["date"]) for d in _cal["days"] if d["isOffDay"]}
MAKEUP = {date.fromisoformat(d["date"]) for d in _cal["days"] if not d["isOffDay"]}
HOL = {}
for d in _cal["days"]:
    if d["isOffDay"]:
        HOL.setdefault(d["name"], []).append(date.fromisoformat(d["date"]))


def is_workday(d):
    if d in MAKEUP:
        return True
    if d in OFF:
        return False
    return d.weekday() < 5


# ---------------------------------------------------------------- deadline rules
# each rule: function(message date) -> date
def today(n=0):            # 今天 / 明天(1) / 后天(2) / N天内 / 两周内(14) / 今明两天(1)
    return lambda d: d + timedelta(days=n)

def wd(k):                 # bare 周k / 星期k (1=Mon … 7=Sun): next such day on or after today
    return lambda d: d + timedelta(days=(k - 1 - d.weekday()) % 7)

def this_wk(k):            # 本周k / 这周k ; 本周内 = this_wk(5) ; 周末 = this_wk(7)
    return lambda d: d - timedelta(days=d.weekday()) + timedelta(days=k - 1)

def next_wk(k):            # 下周k ; 下周内 = next_wk(5)
    return lambda d: d - timedelta(days=d.weekday()) + timedelta(days=7 + k - 1)

def nn_wk(k):              # 下下周k
    return lambda d: d - timedelta(days=d.weekday()) + timedelta(days=14 + k - 1)

def month_end():           # 月底 / 本月底
    def f(d):
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return f

def year_end():            # 年底
    return lambda d: date(d.year, 12, 31)

def day_n(n):              # N号: this month if not yet past, else next month
    def f(d):
        if n >= d.day:
            return date(d.year, d.month, n)
        return date(d.year + (d.month == 12), d.month % 12 + 1, n)
    return f

def md(m, n):              # explicit M月N号 (same year)
    return lambda d: date(d.year, m, n)

def workdays(n):           # N个工作日内: count from the day after, skipping weekends/holidays, 调休 counts
    def f(d):
        x, c = d, 0
        while c < n:
            x += timedelta(days=1)
            if is_workday(x):
                c += 1
        return x
    return f

def pre_hol(name):         # 节前 / 放假前 / 国庆前: last workday before the holiday's first off day
    def f(d):
        x = min(h for h in HOL[name] if h >= d) - timedelta(days=1)
        while not is_workday(x):
            x -= timedelta(days=1)
        return x
    return f

def hol_first(name):       # the holiday's first off day (accepted alternative for 节前)
    return lambda d: min(h for h in HOL[name] if h >= d)

def post_hol(name):        # 节后第一天: first workday after the holiday's last off day
    def f(d):
        x = max(HOL[name]) + timedelta(days=1)
        while not is_workday(x):
            x += timedelta(days=1)
        return x
    return f


def T(title, owners, due=None, time=None, alt=(), owners_alt=None):
    return dict(title=title, owners=list(owners), due=due, time=time, alt=list(alt), owners_alt=owners_alt)


# ---------------------------------------------------------------- chats
CHATS = []

def chat(cid, members):
    c = dict(id=cid, members=members, msgs=[])
    CHATS.append(c)
    return c

def m(c, ts, sender, text, tasks=(), tags=(), reply=None, k=None):
    c["msgs"].append(dict(ts=ts, sender=sender, text=text, tasks=list(tasks), tags=list(tags), reply=reply, k=k))


# ===== 1. 宠物医院 (vet clinic) — 春节前后, 2/14 调休上班 ============================
c = chat("vet", ["郑海涛", "林晓雯", "林志远", "沈佳怡", "韩梅", "彭宇"])
m(c, "2026-02-09T08:52", "郑海涛",
  "各位早 春节前最后一周了 提醒几件事：\n1. 疫苗和驱虫药库存 @沈佳怡 周三前盘一遍，缺的列清单给我\n"
  "2. 节日期间寄养的预约 韩姐统计一下 今天下班前报我\n3. X光机年检资料 志远你来准备，节前交到区里",
  [T("疫苗和驱虫药库存盘一遍", ["沈佳怡"], wd(3)),
   T("统计节日期间寄养的预约", ["韩梅"], today(0), "18:00"),
   T("准备X光机年检资料交到区里", ["林志远"], pre_hol("春节"), alt=[hol_first("春节")])],
  ["title-address", "nickname"], k="v1")
m(c, "2026-02-09T08:55", "沈佳怡", "收到👌")
m(c, "2026-02-09T09:10", "林志远", "好的院长 年检要填的表 明天上午我去区里拿", 
  [T("去区里拿年检要填的表", ["林志远"], today(1))], reply="v1")
m(c, "2026-02-09T09:31", "韩梅", "今天上午已经有三个电话问春节寄养的了 猫位基本满了 狗位还剩4个")
m(c, "2026-02-09T10:02", "彭宇", "谁知道那台小的B超探头放哪了 找半天没找到", k="v5")
m(c, "2026-02-09T10:05", "林晓雯", "在二诊室抽替里 上周我用完放那了", reply="v5")
m(c, "2026-02-09T11:40", "林晓雯", "下午有只金毛要做绝育，需要有人两点半前把三号手术室消毒准备好",
  [T("把三号手术室消毒准备好", [], today(0), "14:30")], ["unassigned"], k="v7")
m(c, "2026-02-09T11:42", "彭宇", "我去吧 正好下午没预约",
  [T("把三号手术室消毒准备好", ["彭宇"], today(0), "14:30")], ["context"], reply="v7")
m(c, "2026-02-10T09:15", "郑海涛",
  "那个晓雯啊 就是那只肾衰的布偶猫 主人说明天早上九点过来 你把这周的化验单整理好 到时候跟他讲一下 他挺着急的 然后输液的方案你也再看看",
  [T("把这周的化验单整理好", ["林晓雯"], today(1), "09:00"),
   T("输液的方案再看看", ["林晓雯"])], ["nickname", "implicit"])
m(c, "2026-02-10T14:20", "沈佳怡", "库存盘完了 猫三联还剩6支 狂犬疫苗够 体内驱虫药得补 清单私信院长了", k="v10")
m(c, "2026-02-10T14:26", "郑海涛", "行 驱虫药我今晚就下单 供应商说年前最后一批周五发货",
  [T("驱虫药下单", ["郑海涛"], today(0))], reply="v10")
m(c, "2026-02-11T16:45", "韩梅", "寄养预约统计好了 一共17只 表格在群文件 请院长查收")
m(c, "2026-02-12T10:00", "郑海涛", "【通知】本周六（14号）调休正常上班，门诊照常开到下午六点；15号起放假，24号正常接诊。")
m(c, "2026-02-12T10:08", "林志远", "年检资料还差一份辐射安全培训证明 晓雯你的证书复印件周六上班带过来吧",
  [T("证书复印件带过来", ["林晓雯"], wd(6))], ["nickname"], k="v14")
m(c, "2026-02-12T10:10", "林晓雯", "好 没问题", reply="v14")
m(c, "2026-02-12T17:30", "彭宇", "哈哈哈今天那只柯基看到体温计直接躺平装死 笑死我了[表情]")
m(c, "2026-02-13T09:00", "郑海涛", "节后第一天上班 @all 到岗后先把各自诊室的药品效期检查一遍，过期的登记下来",
  [T("把各自诊室的药品效期检查一遍", ["@all"], post_hol("春节"))])
m(c, "2026-02-13T09:20", "沈佳怡", "寄养区的猫砂和冻干昨天我顺手一起订了 今天下午到货")
m(c, "2026-02-13T11:15", "韩梅", "年前的帐单3个工作日内要跟财务对完，这个得有人去对接一下",
  [T("年前的帐单跟财务对完", [], workdays(3))], ["unassigned"])

# ===== 2. 跨境电商 listing 组 — 3 月 ============================================
c = chat("listing", ["周静", "陈浩", "陈思雨", "马骁", "孔令飞", "苏敏"])
m(c, "2026-03-09T09:30", "周静",
  "Morning all～ 这周重点是春季新品上架\n@陈思雨 10个新SKU的listing文案 周三前写完\n"
  "@马骁 关键词表更新一下 明天中午前给思雨\n@陈浩 主图和A+图 周五下班前出完",
  [T("10个新SKU的listing文案写完", ["陈思雨"], wd(3)),
   T("关键词表更新一下", ["马骁"], today(1), "12:00"),
   T("主图和A+图出完", ["陈浩"], wd(5), "18:00")])
m(c, "2026-03-09T09:41", "孔令飞", "德语站和法语站的翻译我这边来 思雨文案出来一份我翻一份",
  [T("德语站和法语站的翻译", ["孔令飞"])])
m(c, "2026-03-09T10:15", "陈浩", "A+模版用上次那个还是换新的？", k="l3")
m(c, "2026-03-09T10:20", "周静", "用新的 上周品牌方刚发了VI", reply="l3")
m(c, "2026-03-09T14:02", "苏敏", "FBA那批货物流说卡在洛杉矶港了 预计晚一周入仓 大家上架节奏不用变")
m(c, "2026-03-10T11:48", "马骁", "关键词表发思雨了 这次加了30多个长尾词")
m(c, "2026-03-10T15:30", "陈思雨", "周姐 有两个SKU的产品参数供应商还没给 我写不了 能不能帮忙催一下",
  [T("催供应商给产品参数", ["周静"])], ["title-address"], k="l7")
m(c, "2026-03-10T15:34", "苏敏", "这个我来催吧 供应商是我对接的 今天下班前给你",
  [T("催供应商给产品参数", ["苏敏"], today(0), "18:00")], ["context"], reply="l7")
m(c, "2026-03-11T17:55", "陈思雨", "文案写完8个了 剩下两个等参数 今晚能补完",
  [T("剩下两个文案补完", ["陈思雨"], today(0))])
m(c, "2026-03-12T09:10", "周静", "更正一下 主图和A+图的deadline改到下周一之前 品牌方说logo还要改一版 @陈浩",
  [T("主图和A+图出完", ["陈浩"], next_wk(1))], k="l10")
m(c, "2026-03-12T09:12", "陈浩", "收到 那我先做其他的", reply="l10")
m(c, "2026-03-12T14:00", "马骁", "Prime Day的报名好像是这个月开放 有人知道具体哪天吗")
m(c, "2026-03-12T14:05", "孔令飞", "德国站这周又下架了我们两条listing 说图片有问题 😅")
m(c, "2026-03-12T14:20", "周静", "被下架的两条 @马骁 查一下原因把申诉提交了 本周内",
  [T("查下架原因把申诉提交了", ["马骁"], this_wk(5))], k="l14")
m(c, "2026-03-12T14:23", "孔令飞", "lol 小马又要写申诉信了 上次那封写了三天😂", reply="l14")
m(c, "2026-03-16T09:05", "周静", "各位 月底前每人把自己负责店铺的Q1复盘写好 发我邮箱 格式参考去年的",
  [T("负责店铺的Q1复盘写好", ["@all"], month_end())])
m(c, "2026-03-16T09:40", "陈思雨", "去年的复盘模板在哪个文件夹啊 找不到了")
m(c, "2026-03-16T16:10", "陈浩", "主图和A+全部上传到共享盘了 有问题随时喊我改")
m(c, "2026-03-17T10:00", "苏敏", "下周三供应商来公司看样 感兴趣的可以来听听 不强制哈")

# ===== 3. 高中体育组 — 清明前后 ==================================================
c = chat("sports", ["黄建国", "杨帆", "杨雪莹", "何立军", "曹颖", "谢宁"])
m(c, "2026-03-30T07:45", "黄建国",
  "各位老师早 春季运动会定在4月17号 几件事：①各项目裁判名单 杨帆负责 本周四前报我 "
  "②器材清点 曹老师周三前弄完 缺什么报后勤 ③开幕式方阵 何老师和雪莹一起排 节前把队形图出了",
  [T("报各项目裁判名单", ["杨帆"], this_wk(4)),
   T("器材清点", ["曹颖"], wd(3)),
   T("开幕式方阵队形图出了", ["何立军", "杨雪莹"], pre_hol("清明节"), alt=[hol_first("清明节")])],
  ["title-address", "nickname"])
m(c, "2026-03-30T07:50", "何立军", "收到")
m(c, "2026-03-30T09:20", "谢宁",
  "转教务处通知：清明节4月4日至6日放假，共3天，4月7日（周二）正常上课。假期期间体育馆不对外开放。")
m(c, "2026-03-30T10:05", "杨帆", "高一（3）班有个学生体测1000米跑完说胸闷 已经让校医看过了 没啥大事 家长接回去了")
m(c, "2026-03-30T10:30", "曹颖", "问一下 去年运动会的号码布还有剩吗 在哪个仓库", k="s5")
m(c, "2026-03-30T10:41", "何立军", "老器材室最里面那个柜子 好像还有两箱", reply="s5")
m(c, "2026-03-31T16:00", "黄建国", "市里中学生篮球联赛报名下周三截止 何老师你把报名表和运动员体检证明收齐 下周二前给谢主任",
  [T("收齐报名表和运动员体检证明", ["何立军"], next_wk(2))], ["title-address"])
m(c, "2026-03-31T16:12", "谢宁", "报名表电子版我已经发到何老师邮箱了")
m(c, "2026-04-01T12:30", "曹颖", "器材清点完了：跨栏架坏了4个 接力棒少6根 铅球够 发令枪需要换弹 清单已交后勤", k="s9")
m(c, "2026-04-01T12:45", "黄建国", "辛苦 发令枪的事需要有人跟后勤盯一下 17号运动会之前必须到位",
  [T("发令枪的事跟后勤盯一下", [], md(4, 17), alt=[md(4, 16)])], ["unassigned"], reply="s9", k="s10")
m(c, "2026-04-01T12:50", "杨帆", "我去问吧 我正好要去后勤领粉笔",
  [T("发令枪的事跟后勤盯一下", ["杨帆"], md(4, 17), alt=[md(4, 16)])], ["context"], reply="s10")
m(c, "2026-04-02T08:10", "杨帆", "裁判名单发黄老师了 田赛的两个空缺找了初三的老师顶上")
m(c, "2026-04-02T17:20", "何立军", "队形图我和雪莹商量了个初稿 明天上午发群里大家看看",
  [T("队形图发群里", ["何立军"], today(1), owners_alt=[["何立军", "杨雪莹"]])])
m(c, "2026-04-03T11:00", "黄建国", "大家放假注意安全 别带学生去野泳啊 节后见😄")
m(c, "2026-04-07T08:00", "黄建国", "@all 今天下午第四节课后体育组开会 会前把各自带的运动会项目安排表打印一份带来",
  [T("把运动会项目安排表打印一份带来", ["@all"], today(0))], ["implicit"])
m(c, "2026-04-07T08:05", "曹颖", "黄老师 我下午要带学生去区里比赛 会开不了了 安排表我中午放你桌上",
  [T("安排表放黄老师桌上", ["曹颖"], today(0), "12:00")])
m(c, "2026-04-07T14:30", "谢宁", "下午的会取消了 黄老师临时被叫去区教育局 改到明天同一时间", [], ["cancel"])
m(c, "2026-04-08T09:00", "杨雪莹", "昨天开会取消我才看到 安排表我打印好了 今天下午带过去",
  [T("安排表带过去", ["杨雪莹"], today(0))])

# ===== 4. 软件外包项目（甲方在群）— 五一前后, 5/9 调休上班 ========================
c = chat("outsrc", ["吕振华", "汤敏", "冯磊", "冯雨桐", "廖俊杰", "邱爽"])
m(c, "2026-04-27T09:30", "吕振华", "@冯磊 二期的会员积分模块 我们这边希望五一前能在测试环境看到 能做到吗",
  [T("会员积分模块在测试环境看到", ["冯磊"], pre_hol("劳动节"), alt=[hol_first("劳动节")])], k="o1")
m(c, "2026-04-27T09:48", "冯磊", "吕总 可以 我们排一下 30号下班前部署到测试环境",
  [T("会员积分模块部署到测试环境", ["冯磊"], day_n(30), "18:00")], ["context"], reply="o1")
m(c, "2026-04-27T10:02", "冯磊",
  "内部分工：@廖俊杰 积分接口和结算逻辑 周二前联调 @冯雨桐 前端积分页面 @邱爽 积分商城的图标和banner 今天出",
  [T("积分接口和结算逻辑联调", ["廖俊杰"], wd(2)),
   T("前端积分页面", ["冯雨桐"]),
   T("积分商城的图标和banner", ["邱爽"], today(0))])
m(c, "2026-04-27T10:05", "邱爽", "好滴～")
m(c, "2026-04-27T10:20", "汤敏", "积分规则文档v3我放在飞书云文档了 以这个为准 v2作废")
m(c, "2026-04-28T11:10", "廖俊杰", "结算这块有个问题 退货之后积分要不要回收？文档里没写", k="o6")
m(c, "2026-04-28T11:25", "吕振华", "要回收 汤敏你把这条补到文档里 今天之内",
  [T("把积分回收这条补到文档里", ["汤敏"], today(0))], ["context"], reply="o6")
m(c, "2026-04-28T18:40", "廖俊杰", "接口联调完了 明天写单测 我今晚把接口文档更新到yapi上",
  [T("写单测", ["廖俊杰"], today(1)),
   T("把接口文档更新到yapi上", ["廖俊杰"], today(0))])
m(c, "2026-04-29T10:00", "邱爽", "banner改了三版 汤姐说第二版最好 已定稿")
m(c, "2026-04-29T15:30", "冯雨桐", "磊哥 我五一回老家 30号下午请半天假 页面30号中午前能弄完",
  [T("前端积分页面弄完", ["冯雨桐"], day_n(30), "12:00")], k="o10")
m(c, "2026-04-29T15:33", "冯磊", "ok 批了", reply="o10")
m(c, "2026-04-30T17:50", "冯磊",
  "@吕振华 @汤敏 积分模块已部署到测试环境 地址和账号发私信了 请吕总这边节后第一天安排验收",
  [T("安排验收", ["吕振华"], post_hol("劳动节"), owners_alt=[["吕振华", "汤敏"]])], ["title-address"])
m(c, "2026-04-30T17:55", "汤敏", "收到 辛苦各位 节日快乐🎉")
m(c, "2026-05-06T09:15", "汤敏",
  "测试发现三个问题 已提到禅道：\n1. 积分过期时间显示错\n2. iOS端兑换按钮点不动\n3. 退货未回收积分\n@冯磊 你们看下 3个工作日内修复",
  [T("修复禅道上的三个问题", ["冯磊"], workdays(3))])
m(c, "2026-05-06T09:30", "冯磊", "@冯雨桐 1和2是前端的 你来 @廖俊杰 3是你的 这周六调休上班 周六下班前都修完",
  [T("修复积分过期时间显示错和兑换按钮点不动", ["冯雨桐"], this_wk(6), "18:00"),
   T("修复退货未回收积分", ["廖俊杰"], this_wk(6), "18:00")])
m(c, "2026-05-07T14:00", "吕振华", "下周一上午三方评审会 会议室定在我们公司8楼 你们的PPT @冯磊 会前发我过一遍",
  [T("PPT发我过一遍", ["冯磊"], next_wk(1))], ["implicit"])
m(c, "2026-05-08T11:20", "冯雨桐", "1和2修好了 已经提侧")
m(c, "2026-05-08T16:00", "汤敏", "iOS端兑换按钮还是偶现点不动 雨桐你再看看 明天中午前修好",
  [T("iOS端兑换按钮点不动再看看", ["冯雨桐"], today(1), "12:00")], ["nickname"])
m(c, "2026-05-08T16:10", "廖俊杰", "需要的话我可以帮雨桐看看iOS那块 之前踩过类似的坑")

# ===== 5. 报社版面组 — 端午特刊 ==================================================
c = chat("layout", ["石国栋", "岳晓燕", "魏然", "戴琳", "岳鹏", "方明哲"])
m(c, "2026-06-15T15:10", "石国栋",
  "端午特刊定了 四个版 A1封面 A2-A3民俗专题 A4广告\n燕姐出A1封面 小魏出A2A3专题 周三晚上十点前交初稿\n老方 专题图片明天中午前给小魏",
  [T("出A1封面", ["岳晓燕"], wd(3), "22:00"),
   T("出A2A3专题", ["魏然"], wd(3), "22:00"),
   T("专题图片给小魏", ["方明哲"], today(1), "12:00")], ["nickname"])
m(c, "2026-06-15T15:12", "魏然", "收到主人")
m(c, "2026-06-15T15:30", "岳鹏", "今晚头版稿子可能要晚 市里的会十点才散 大家别等我吃饭了哈")
m(c, "2026-06-15T23:40", "岳鹏", "今晚版已签 下印厂了 收工🌙")
m(c, "2026-06-16T10:05", "戴琳", "昨天A5版有个错别字 “副食品”写成“付食品” 我漏看了 已经跟总编检讨过了", k="y5")
m(c, "2026-06-16T10:08", "石国栋", "戴老师 以后专有名词和数字必须双人复核 从今晚开始执行 你把复核的人排一下",
  [T("把复核的人排一下", ["戴琳"], today(0))], ["title-address"], reply="y5")
m(c, "2026-06-16T11:50", "方明哲", "图片压缩包发小魏微信了 一共23张 不够的话我再补")
m(c, "2026-06-16T14:00", "魏然", "主任 专题的标题字用方正还是汉仪？", k="y8")
m(c, "2026-06-16T14:03", "石国栋", "汉仪 跟去年端午一样", reply="y8")
m(c, "2026-06-17T21:50", "岳晓燕", "A1初稿已传 A2A3小魏说还要半小时")
m(c, "2026-06-17T22:35", "魏然", "A2A3传了 抱歉晚了一点😅 明早九点前我把主任说的边栏再调一下",
  [T("把边栏再调一下", ["魏然"], today(1), "09:00")])
m(c, "2026-06-18T09:30", "石国栋", "特刊今晚付印 @岳鹏 今晚你值班盯一下印厂 出了样报拍照发群",
  [T("盯一下印厂 样报拍照发群", ["岳鹏"], today(0))], k="y12")
m(c, "2026-06-18T09:35", "岳鹏", "好 今晚我在", reply="y12")
m(c, "2026-06-18T10:00", "石国栋", "另外 节前需要有人把端午三天的值班表排出来 排完贴在编辑部门口",
  [T("把端午三天的值班表排出来", [], pre_hol("端午节"), alt=[hol_first("端午节")])], ["unassigned"], k="y14")
m(c, "2026-06-18T10:12", "戴琳", "值班表我来排吧 中午前贴出来",
  [T("排值班表贴出来", ["戴琳"], today(0), "12:00")], ["context"], reply="y14")
m(c, "2026-06-18T23:55", "岳鹏", "[图片] 样报出来了 颜色有点偏红 印厂说在可接受范围")
m(c, "2026-06-19T10:00", "魏然", "端午快乐各位🐲 粽子甜的咸的？我站咸党", k="y17")
m(c, "2026-06-19T10:05", "方明哲", "甜的 没得商量😂", reply="y17")
m(c, "2026-06-22T09:00", "石国栋", "节后第一天 今天下午开周例会 会前每人准备一下端午特刊的复盘 两三句就行",
  [T("准备一下端午特刊的复盘", ["@all"], today(0))], ["implicit"])

# ===== 6. 镇政府党政办 — 中秋/国庆前, 9/20 调休上班 ================================
c = chat("township", ["贾卫东", "潘丽华", "常志刚", "常悦", "董文斌", "罗海燕"])
m(c, "2026-09-14T08:40", "贾卫东",
  "【转发】县政府办公室关于做好中秋国庆期间安全生产检查工作的通知：请各乡镇于9月24日前报送自查报告，逾期未报的予以通报。")
m(c, "2026-09-14T08:45", "贾卫东", "这个自查报告 小董牵头 志刚配合 23号下班前给我初稿",
  [T("自查报告初稿", ["董文斌", "常志刚"], day_n(23), "18:00", owners_alt=[["董文斌"]])], ["nickname"])
m(c, "2026-09-14T08:50", "董文斌", "收到主任")
m(c, "2026-09-14T09:30", "潘丽华", "这周日（20号）调休上班 大家别忘了 食堂照常开")
m(c, "2026-09-15T10:10", "常悦", "潘姐 低保复核的入户名单在哪个文件夹 我好排下周的形程", k="t5")
m(c, "2026-09-15T10:12", "潘丽华", "共享盘 民政 2026三季度 里面", reply="t5")
m(c, "2026-09-16T15:00", "罗海燕", "各村的惠民补贴发放表还有三个村没交 需要有人这周五前下村去催一下",
  [T("下村去催惠民补贴发放表", [], wd(5))], ["unassigned"], k="t7")
m(c, "2026-09-16T15:05", "常志刚", "周五我正好去石桥村和李家村 顺路催 还有一个是哪个村",
  [T("顺路催发放表", ["常志刚"], wd(5))], ["context"], reply="t7", k="t8")
m(c, "2026-09-16T15:08", "罗海燕", "还有东岭村 谢啦", reply="t8")
m(c, "2026-09-17T09:00", "贾卫东",
  "明天上午县里来检查人居环境啊 常悦你今天下午把镇政府门口还有院里的卫生再搞一遍 潘姐那个汇报材料今晚定稿",
  [T("把镇政府门口和院里的卫生再搞一遍", ["常悦"], today(0)),
   T("汇报材料定稿", ["潘丽华"], today(0))], ["title-address"])
m(c, "2026-09-17T09:05", "董文斌", "主任 明天我要去县里培训 检查的时候不在")
m(c, "2026-09-18T17:30", "常志刚", "三个村的表都拿回来了 交罗姐了")
m(c, "2026-09-21T09:00", "贾卫东", "更正：自查报告县里提前要了 改成22号中午前给我初稿 @董文斌 @常志刚 辛苦",
  [T("自查报告初稿", ["董文斌", "常志刚"], day_n(22), "12:00")])
m(c, "2026-09-21T09:10", "常志刚", "收到 今晚加个班 明早十点前把我那部分给小董合稿",
  [T("把我那部分给小董合稿", ["常志刚"], today(1), "10:00")])
m(c, "2026-09-22T11:40", "董文斌", "自查报告初稿发主任邮箱了 请贾主任审阅",
  [T("审阅自查报告初稿", ["贾卫东"])], ["title-address"])
m(c, "2026-09-23T16:00", "潘丽华", "国庆值班表排好了 在群文件 有冲突的私聊我换")
m(c, "2026-09-24T10:20", "罗海燕", "中秋前需要有人去敬老院送月饼 我这边走不开 谁有空",
  [T("去敬老院送月饼", [], pre_hol("中秋节"), alt=[hol_first("中秋节")])], ["unassigned"], k="t17")
m(c, "2026-09-24T10:25", "常悦", "我去吧 下午就去",
  [T("去敬老院送月饼", ["常悦"], today(0))], ["context"], reply="t17")
m(c, "2026-09-28T08:50", "贾卫东", "各位 国庆前把自己办公室的门窗水电检查一遍 拍照发群里",
  [T("把办公室的门窗水电检查一遍", ["@all"], pre_hol("国庆节"), alt=[hol_first("国庆节")])])

# ===== 7. 风电场运维班 — 国庆后, 10/10 调休上班 ===================================
c = chat("wind", ["钟建华", "袁斌", "袁小龙", "雷振宇", "包晓军", "薛婧"])
m(c, "2026-10-08T07:30", "钟建华", "节后复工 今天上午先开安全交底会 @薛婧 交底材料会前打印十五份",
  [T("交底材料打印十五份", ["薛婧"], today(0))], ["implicit"])
m(c, "2026-10-08T07:32", "薛婧", "好的钟总 已经在打了")
m(c, "2026-10-08T08:40", "雷振宇", "12号风机变桨系统又报故障 代码E-213 跟上个月那次一样", k="w3")
m(c, "2026-10-08T08:45", "钟建华", "雷工带袁斌上去看下 今天风速低正好能登机 天黑前下来",
  [T("上12号风机看变桨故障", ["雷振宇", "袁斌"], today(0), owners_alt=[["雷振宇"]])],
  ["title-address", "context"], reply="w3")
m(c, "2026-10-08T16:50", "袁斌", "下来了 变桨电机编码器坏了 仓库没备件", k="w5")
m(c, "2026-10-08T16:55", "包晓军", "我明天一早联系厂家发件",
  [T("联系厂家发件", ["包晓军"], today(1))], ["context"], reply="w5")
m(c, "2026-10-09T09:00", "钟建华", "周六10号调休上班 小龙跟雷工一起把12号机的编码器换了 检修记录袁斌负责填 当天交",
  [T("把12号机的编码器换了", ["袁小龙", "雷振宇"], wd(6)),
   T("填检修记录", ["袁斌"], wd(6))], ["nickname", "title-address"])
m(c, "2026-10-09T11:20", "包晓军", "厂家说备件今天下午发顺丰 明天上午到")
m(c, "2026-10-09T14:00", "薛婧", "提醒：下周二集团安全检查组来场 检查范围是登高作业和消防 具体时间另行通知", k="w10")
m(c, "2026-10-09T14:10", "钟建华", "检查组来之前 需要有人把消防器材点检表补齐 上个月的还空着",
  [T("把消防器材点检表补齐", [], next_wk(2), alt=[next_wk(1)])], ["unassigned", "implicit", "context"],
  reply="w10", k="w11")
m(c, "2026-10-09T14:15", "薛婧", "这个本来就是我的活 我周一补完",
  [T("消防器材点检表补完", ["薛婧"], wd(1))], ["context"], reply="w11")
m(c, "2026-10-10T17:40", "雷振宇", "12号机编码器换好了 试运行两小时正常 记录袁斌在填")
m(c, "2026-10-12T08:30", "包晓军",
  "油品化验报告出来了啊 三号跟七号齿轮箱油的水分都超标了 必须得换油 这个我来安排吧 下周内换完 到时候要两个人配合",
  [T("三号跟七号齿轮箱换油", ["包晓军"], next_wk(5))], k="w14")
m(c, "2026-10-12T08:35", "钟建华", "好 换油的时候注意防滑 别跟上次一样摔了[捂脸]", reply="w14")
m(c, "2026-10-12T10:00", "袁小龙", "有没有人知道新来的那台红外测温仪说明书在哪")
m(c, "2026-10-13T16:30", "薛婧", "检查组今天不来了 改成下周 时间待定")
m(c, "2026-10-14T09:00", "钟建华",
  "今天班前会纪要：\n1. 12号机编码器已更换 运行正常\n2. 3号7号齿轮箱换油进度正常\n3. 各位月底前每人交一份三季度检修小结 一页纸就行 发薛婧汇总\n4. 安全检查改到下周 时间待定",
  [T("交一份三季度检修小结", ["@all"], month_end())], k="w18")
m(c, "2026-10-14T09:05", "袁斌", "钟总 我的小结今明两天就交",
  [T("交三季度检修小结", ["袁斌"], today(1))], ["context"], reply="w18")

# ===== 8. 招聘组（HR）— 11 月底 / 12 月 =============================================
c = chat("hr", ["严慧", "温涛", "白雪", "白浩然", "蔡琳", "任俊"])
m(c, "2026-11-23T09:15", "严慧",
  "明年校招的预算批了 几件事\n1）温涛 下下周一前出校招的宣讲会排期\n2）白雪白浩然 两周内把目标院校清单初筛完\n3）小任 这周五之前把去年校招的数据汇总一份给我",
  [T("出校招的宣讲会排期", ["温涛"], nn_wk(1)),
   T("把目标院校清单初筛完", ["白雪", "白浩然"], today(14)),
   T("把去年校招的数据汇总一份给我", ["任俊"], this_wk(5))], ["nickname"])
m(c, "2026-11-23T09:16", "任俊", "好的严总！")
m(c, "2026-11-23T09:40", "温涛", "Java岗候选人今天下午两点半二面 @白浩然 你把会议室和面试官安排好 两点前搞定",
  [T("把会议室和面试官安排好", ["白浩然"], today(0), "14:00")], k="h3")
m(c, "2026-11-23T09:45", "白浩然", "ok 马上订", reply="h3")
m(c, "2026-11-23T10:30", "蔡琳",
  "财务那边12月5号收工资表 所以各业务部门的考勤下个月3号前要交到我这 需要有人这周内发邮件提醒一下他们",
  [T("发邮件提醒业务部门交考勤", [], this_wk(5))], ["unassigned"], k="h5")
m(c, "2026-11-23T10:35", "任俊", "蔡姐 这个我来发吧",
  [T("发邮件提醒业务部门交考勤", ["任俊"], this_wk(5))], ["context"], reply="h5", k="h6")
m(c, "2026-11-23T10:40", "蔡琳", "好 谢谢小任", reply="h6")
m(c, "2026-11-24T14:00", "白雪", "猎头推过来的三份销售总监简历 我看了下 只有一份还行 已经转温涛了", k="h8")
m(c, "2026-11-24T14:20", "温涛", "看了 这个人可以 视频面我来约",
  [T("约视频面", ["温涛"])], ["context"], reply="h8")
m(c, "2026-11-25T11:00", "严慧", "周五下午的部门会取消 大家手上的活继续", [], ["cancel"])
m(c, "2026-11-25T11:30", "白浩然", "@白雪 985那部分我筛完了 211的交给你了 下周一前弄完就行",
  [T("211的那部分筛完", ["白雪"], next_wk(1))], k="h11")
m(c, "2026-11-25T11:35", "白雪", "好嘞[抱拳]", reply="h11")
m(c, "2026-11-26T16:00", "任俊", "去年校招的数据汇总好了 放在共享盘 招聘/校招/2025 请严总查收")
m(c, "2026-11-27T10:00", "严慧", "年底前所有在招岗位的JD要按新职级体系重写一遍 各位HR各自负责自己对接的岗位",
  [T("在招岗位的JD按新职级体系重写一遍", ["@all"], year_end())], k="h14")
m(c, "2026-11-27T10:20", "温涛", "哈哈 JD重写 又是一个加班周未[苦涩]", reply="h14")
m(c, "2026-11-30T09:00", "严慧", "更正一下：宣讲会排期提前要 改到本周三之前 温涛辛苦",
  [T("出校招的宣讲会排期", ["温涛"], this_wk(3))])
m(c, "2026-11-30T09:30", "蔡琳", "下个月10号年终奖方案要定稿 严总这边需要在8号之前给我各部门的绩效分布",
  [T("给我各部门的绩效分布", ["严慧"], day_n(8))], ["title-address"])
m(c, "2026-12-01T15:00", "白浩然", "有人知道本周四的招聘会展位在几号馆吗")
m(c, "2026-12-02T17:45", "温涛", "宣讲会排期发严总邮箱了 一共9所学校 请严总审阅",
  [T("审阅宣讲会排期", ["严慧"])], ["title-address"])


# ---------------------------------------------------------------- build + checks
def build():
    rows, n, ids_by_key = [], 0, {}
    for c in CHATS:
        for msg in c["msgs"]:
            n += 1
            mid = f"s11-{n:03d}"
            ts = datetime.fromisoformat(msg["ts"] + ":00+08:00")
            d0 = ts.date()
            reply = None
            if msg["reply"]:
                ref = ids_by_key[msg["reply"]]  # KeyError if not earlier
                assert ref["chat"] == c["id"], (mid, "reply_to other chat")
                assert ref["ts"] <= ts.isoformat(), (mid, "reply_to not earlier")
                reply = {"id": ref["id"], "sender": ref["sender"], "text": ref["text"]}
            tasks = []
            for t in msg["tasks"]:
                for o in t["owners"]:
                    assert o in c["members"] or o == "@all", (mid, o)
                for oa in t["owners_alt"] or []:
                    for o in oa:
                        assert o in c["members"] or o == "@all", (mid, o)
                due = t["due"](d0) if t["due"] else None
                if due:
                    assert due >= d0, (mid, t["title"], due)
                if t["time"]:
                    assert due, (mid, "time without date")
                    if due == d0:
                        assert t["time"] > ts.strftime("%H:%M"), (mid, "time already past")
                task = {"title": t["title"], "owners": t["owners"],
                        "due_date": due.isoformat() if due else None, "due_time": t["time"]}
                if t["alt"]:
                    alts = [a(d0) for a in t["alt"]]
                    for a in alts:
                        assert a >= d0, (mid, "alt before message")
                    task["due_date_alt"] = [a.isoformat() for a in alts if a != due]
                if t["owners_alt"]:
                    task["owners_alt"] = t["owners_alt"]
                tasks.append(task)
            assert msg["sender"] in c["members"], (mid, msg["sender"])
            tags = msg["tags"]
            if "context" in tags:
                assert reply, (mid, "context tag without reply_to")
            if "unassigned" in tags:
                assert any(t["owners"] == [] for t in tasks), mid
            row = {"id": mid, "chat": c["id"], "ts": ts.isoformat(), "sender": msg["sender"],
                   "members": c["members"], "reply_to": reply, "text": msg["text"],
                   "tasks": tasks, "tags": tags}
            rows.append(row)
            if msg["k"]:
                assert msg["k"] not in ids_by_key
                ids_by_key[msg["k"]] = row
    # global checks
    assert len(rows) == 150, len(rows)
    assert len({r["id"] for r in rows}) == len(rows)
    assert [r["id"] for r in rows] == [f"s11-{i:03d}" for i in range(1, 151)]
    for c in CHATS:
        tss = [r["ts"] for r in rows if r["chat"] == c["id"]]
        assert tss == sorted(tss), c["id"]
        assert len(c["members"]) == 6 == len(set(c["members"]))
    out = os.path.join(HERE, "set.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # re-parse
    back = [json.loads(l) for l in open(out, encoding="utf-8")]
    assert len(back) == 150
    return rows


def stats(rows):
    tasks = [t for r in rows for t in r["tasks"]]
    s = {
        "messages": len(rows),
        "chats": len(CHATS),
        "messages_with_tasks": sum(1 for r in rows if r["tasks"]),
        "negatives": sum(1 for r in rows if not r["tasks"]),
        "gold_tasks": len(tasks),
        "multi_task_messages": sum(1 for r in rows if len(r["tasks"]) > 1),
        "reply_to": sum(1 for r in rows if r["reply_to"]),
        "tasks_@all": sum(1 for t in tasks if t["owners"] == ["@all"]),
        "tasks_unowned": sum(1 for t in tasks if t["owners"] == []),
        "tasks_multi_owner": sum(1 for t in tasks if len(t["owners"]) > 1),
        "tasks_dated": sum(1 for t in tasks if t["due_date"]),
        "tasks_timed": sum(1 for t in tasks if t["due_time"]),
        "tasks_with_due_date_alt": sum(1 for t in tasks if t.get("due_date_alt")),
        "tasks_with_owners_alt": sum(1 for t in tasks if t.get("owners_alt")),
    }
    tagc = {}
    for r in rows:
        for t in r["tags"]:
            tagc[t] = tagc.get(t, 0) + 1
    s["messages_per_tag"] = dict(sorted(tagc.items()))
    s["per_chat"] = {c["id"]: len(c["msgs"]) for c in CHATS}
    return s


if __name__ == "__main__":
    rows = build()
    print(json.dumps(stats(rows), ensure_ascii=False, indent=1))
