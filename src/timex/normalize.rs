//! Char-for-char normalisation (traditional → simplified for time words, full-width → ASCII) and the
//! cheap trigger pre-check. Offsets are preserved: output has exactly one char per input char.

/// Characters that can start or belong to a time expression (besides ASCII digits / a few letters).
const TRIGGERS: &str = "零〇一二两兩俩倆三四五六七八九十廿卅今明昨前后後天日号號周週星期礼禮拜月年点點时時分秒钟鐘早晚午夜凌晨上下本这這节節底内內初旬季半刻整尽盡马馬立刻现現此当當宜而依听聽寻尋次翌隔春元清端中国國劳勞圣聖万萬愚情妇婦儿兒建教母父感除腊臘冬正闰閏农農阴陰阳陽班过過未来來近最再截止起至到宵七重复復耶受斋齋灰忏懺棕五旬三赶趕越";

/// True when the text contains any character that could belong to a time expression.
pub fn has_trigger(text: &str) -> bool {
    text.chars().any(|c| {
        if c.is_ascii() {
            c.is_ascii_digit() || matches!(c, 'A' | 'a' | 'E' | 'e' | 'Q' | 'q')
        } else {
            ('０'..='９').contains(&c) || TRIGGERS.contains(c) || super::parse::START_CHARS.contains(c)
        }
    })
}

/// Normalises one char.
pub fn norm_char(c: char) -> char {
    if ('０'..='９').contains(&c) || ('Ａ'..='Ｚ').contains(&c) || ('ａ'..='ｚ').contains(&c) {
        return char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
    }
    match c {
        '：' => ':',
        '／' => '/',
        '－' | '–' => '-',
        '～' | '〜' => '~',
        '．' => '.',
        '，' | '、' => ',',
        '　' => ' ',
        '點' => '点',
        '週' => '周',
        '禮' => '礼',
        '後' => '后',
        '個' => '个',
        '鐘' => '钟',
        '號' => '号',
        '兩' => '两',
        '倆' => '俩',
        '節' => '节',
        '聖' => '圣',
        '誕' => '诞',
        '萬' => '万',
        '國' => '国',
        '慶' => '庆',
        '勞' => '劳',
        '動' => '动',
        '兒' => '儿',
        '婦' => '妇',
        '淩' => '凌',
        '時' => '时',
        '間' => '间',
        '這' => '这',
        '來' => '来',
        '過' => '过',
        '開' => '开',
        '從' => '从',
        '頭' => '头',
        '當' => '当',
        '於' => '于',
        '現' => '现',
        '聽' => '听',
        '尋' => '寻',
        '晝' => '昼',
        '曆' | '歷' => '历',
        '農' => '农',
        '陰' => '阴',
        '陽' => '阳',
        '臘' => '腊',
        '閏' => '闰',
        '內' => '内',
        '際' => '际',
        '軍' => '军',
        '復' => '复',
        '難' => '难',
        '穌' => '稣',
        '齋' => '斋',
        '懺' => '忏',
        '餅' => '饼',
        '靈' => '灵',
        '臨' => '临',
        '體' => '体',
        '樹' => '树',
        '苦' => '苦',
        '紀' => '纪',
        '歸' => '归',
        '門' => '门',
        '澳' => '澳',
        '費' => '费',
        '權' => '权',
        '闆' => '板',
        '盡' => '尽',
        '馬' => '马',
        '趕' => '赶',
        '緊' => '紧',
        '戰' => '战',
        '亞' => '亚',
        '黃' => '黄',
        '燈' => '灯',
        '餐' => '餐',
        '設' => '设',
        '瞻' => '瞻',
        '沈' => '沉',
        '默' => '默',
        '東' => '东',
        '電' => '电',
        '會' => '会',
        '議' => '议',
        '報' => '报',
        '麼' => '么',
        '問' => '问',
        '題' => '题',
        '發' => '发',
        '給' => '给',
        '請' => '请',
        '學' => '学',
        '師' => '师',
        '親' => '亲',
        '驚' => '惊',
        '蟄' => '蛰',
        '穀' => '谷',
        '滿' => '满',
        '種' => '种',
        '處' => '处',
        '霜' => '霜',
        '雪' => '雪',
        '寒' => '寒',
        '猶' => '犹',
        '獨' => '独',
        '圖' => '图',
        '獻' => '献',
        '燭' => '烛',
        '穫' => '获',
        '實' => '实',
        '贖' => '赎',
        '歡' => '欢',
        '誦' => '诵',
        '經' => '经',
        '轉' => '转',
        '豐' => '丰',
        '爾' => '尔',
        '衛' => '卫',
        '薩' => '萨',
        '寶' => '宝',
        _ => c,
    }
}

/// Normalises a whole text into chars (same length in chars as the input).
pub fn normalize(text: &str) -> Vec<char> {
    text.chars().map(norm_char).collect()
}
