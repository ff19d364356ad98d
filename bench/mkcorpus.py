#!/usr/bin/env python3
# mkcorpus: builds a synthetic archive of Chinese policy reports of any size (bench/peers,
# the 1 GB runs) by recombining the sentences of corpus/ and other Chinese text on the machine.
"""Usage: bench/mkcorpus.py --mb 100 --out build/peers/corpus-100 [--seed 1] [--jobs N]

Every file is a plausible report: a title line naming a province and a year,
numbered headings, paragraphs whose lengths are drawn from those of corpus/,
in one of the messy layouts of corpus/ (hard-wrapped PDF text with blank lines,
Markdown, newspaper columns joined with spaces). Paragraphs are rebuilt from
sentences of the pool with their numbers, years, provinces, cities, counties and
people changed, and now and then a clause of dictionary words (jieba's, weighted
by frequency), so that the vocabulary keeps growing with the archive as a real
one does instead of repeating five files. The output depends only on --seed and
--mb (not on --jobs). MB = 10^6 bytes. A manifest.json beside the files records
the seed, sizes, file count and the sources used.
"""
import argparse
import bisect
import gettext
import glob
import json
import multiprocessing
import os
import random
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
VERSION = 1

# name, pinyin, suffix, prefecture-level cities (districts for the municipalities); the
# full names and one-character abbreviations (for document numbers) follow.
PROVINCES = [
    ("北京", "beijing", "市", "东城 西城 朝阳 海淀 丰台 石景山 门头沟 房山 通州 顺义 昌平 大兴 怀柔 平谷 密云 延庆"),
    ("天津", "tianjin", "市", "和平 河东 河西 南开 红桥 东丽 西青 津南 北辰 武清 宝坻 宁河 静海 蓟州"),
    ("上海", "shanghai", "市", "黄浦 徐汇 长宁 静安 普陀 虹口 杨浦 闵行 宝山 嘉定 金山 松江 青浦 奉贤 崇明"),
    ("重庆", "chongqing", "市", "万州 涪陵 渝中 大渡口 江北 沙坪坝 九龙坡 南岸 北碚 綦江 大足 渝北 巴南 黔江 长寿 江津 合川 永川"),
    ("河北", "hebei", "省", "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水"),
    ("山西", "shanxi", "省", "太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁"),
    ("内蒙古", "neimenggu", "自治区", "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布"),
    ("辽宁", "liaoning", "省", "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 葫芦岛"),
    ("吉林", "jilin", "省", "长春 四平 辽源 通化 白山 松原 白城 延边"),
    ("黑龙江", "heilongjiang", "省", "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化"),
    ("江苏", "jiangsu", "省", "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁"),
    ("浙江", "zhejiang", "省", "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水"),
    ("安徽", "anhui", "省", "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城"),
    ("福建", "fujian", "省", "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德"),
    ("江西", "jiangxi", "省", "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶"),
    ("山东", "shandong", "省", "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽"),
    ("河南", "henan", "省", "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店"),
    ("湖北", "hubei", "省", "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施"),
    ("湖南", "hunan", "省", "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西"),
    ("广东", "guangdong", "省", "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮"),
    ("广西", "guangxi", "自治区", "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左"),
    ("海南", "hainan", "省", "海口 三亚 儋州 琼海 文昌 万宁"),
    ("四川", "sichuan", "省", "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 凉山"),
    ("贵州", "guizhou", "省", "贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南 黔东南 黔南"),
    ("云南", "yunnan", "省", "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄 红河 文山 大理 德宏"),
    ("西藏", "xizang", "自治区", "拉萨 日喀则 昌都 林芝 山南 那曲 阿里"),
    ("陕西", "shaanxi", "省", "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛"),
    ("甘肃", "gansu", "省", "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏"),
    ("青海", "qinghai", "省", "西宁 海东 海北 黄南 果洛 玉树 海西"),
    ("宁夏", "ningxia", "自治区", "银川 石嘴山 吴忠 固原 中卫"),
    ("新疆", "xinjiang", "自治区", "乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉 阿克苏 喀什 和田 伊犁 塔城 阿勒泰"),
]
FULL_NAMES = {"内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "西藏": "西藏自治区",
              "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区"}
ABBREVIATIONS = dict(zip([p[0] for p in PROVINCES], "京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川黔滇藏陕甘青宁新"))
# Places and people named in corpus/: each becomes a slot filled per generated file.
SOURCE_PROVINCES = "湖南 贵州 河南 福建".split()
SOURCE_COUNTIES = ("岳阳楼区 冷水滩区 观山湖区 洞口县 珠晖区 安化县 湘潭县 江永县 开福区 鼎城区 苏仙区 "
                   "石阡县 溆浦县 湘阴县 新田县 安乡县 双峰县 麻阳县 长沙县 赫山区 永定区 永兴县 桃江县 "
                   "桂阳县 桂东县 新化县 宜章县 安仁县 娄星区 南靖县 华容县 北湖区 蓝山县 将乐县 浏阳市 "
                   "吉首市 资兴市 耒阳市 宁乡市").split()
SOURCE_PEOPLE = ("康代四 陈才源 陈小春 梁文明 李小松 夏雄飞 王培安 吴桂英 秦鲜红 谭泽勇 于学军 李志柱 "
                 "朱国贤 张庆伟 陈敏 陈星 何翔 乌兰 钟燕 石玉 吴韬").split()
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
            "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
            "万钱严覃武戴莫孔向汤")
GIVEN = ("建国华明丽军伟芳敏静强磊洋艳勇杰娟涛超秀霞平刚桂英文辉鹏玲燕红云峰林海波斌志宇晨雪梅兰琳婷丹"
         "凤亮飞鑫春秋德福永庆荣祥瑞松柏卫东红岩新民利清源彬毅琴慧颖智诚")
PLACE_CHARS = ("安宁平阳山江河东西南北新长永丰华兴和德清泰武昌吉乐隆源化城庆宝广定福原临溪水石桃花"
               "龙凤云岭湖川田林松柏金玉白黄青红沙津塘洲坪桥峰宜通顺仁义信明光盛开远")
SLOGANS = ("凝心聚力 砥砺奋进 踔厉奋发 守正创新 担当作为 真抓实干 勇毅前行 笃行不怠 奋楫扬帆 "
           "开拓进取 聚力攻坚 提质增效 创新发展 谋篇布局 乘势而上 久久为功").split()
VERBS = "加强 推进 完善 深化 落实 开展 提升 做好 强化 推动 健全 拓展 优化 规范 探索 促进 实施 创新".split()
ENDINGS = "工作 建设 服务 活动 机制 水平 能力 体系 保障 宣传 试点 行动 项目 阵地".split() + [""]
TYPES = [  # slug, weight
    ("work-points", 25), ("work-review", 20), ("council-report", 15), ("bulletin", 20),
    ("speech", 10), ("notice", 10)]

END_CHARS = "。！？；：”」!?;:"
SENT_RE = re.compile(r"[^。；！？!?;]*[。；！？!?;]?")
CJK_SPACE_RE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \u3000]+(?=[\u3000-\u9fff\uff00-\uffef0-9])")
HEAD_RE = re.compile(r"^(?:([一二三四五六七八九十]+)、|[（(]([一二三四五六七八九十]+)[)）]|(\d{1,2})[.．、](?!\d)|0\d\s|Q\d+\s)\s*")
HAN_RE = re.compile(r"[\u4e00-\u9fff]")


def han_count(s):
    return len(HAN_RE.findall(s))


# ---------------------------------------------------------------- sources

def read_text(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def normalise_line(line):
    """A corpus line without its Markdown dress, column spaces and ASCII punctuation."""
    line = line.strip().lstrip("#").strip()
    line = line.replace("**", "").lstrip("-□").strip()
    line = CJK_SPACE_RE.sub("", line)
    if HAN_RE.search(line):
        line = line.replace(",", "，")
        quote = iter("“”" * 100)
        line = re.sub(r'"', lambda m: next(quote), line)
    return line


def corpus_paragraphs(text):
    """Rejoins the wrapped lines of one corpus file into (kind, text) blocks."""
    lines = [normalise_line(l) for l in text.splitlines()]
    widths = sorted(len(l) for l in lines if len(l) >= 10)
    wide = widths[len(widths) * 3 // 4] if widths else 0
    blocks, cur, pending, pending_len = [], "", None, 0
    for line in lines:
        if not line or line == "---":
            continue
        head, full = HEAD_RE.match(line), len(line)
        if pending is not None:  # a heading wrapped onto a second line of fixed-width text
            if not head and pending_len >= 0.85 * wide and line[-1] not in END_CHARS:
                blocks.append(("h", pending + line))
                pending = None
                continue
            blocks.append(("h", pending))
            pending = None
        if head:
            body = line[head.end():]
            cut = body.find("。")
            if 0 < cut <= 40:  # a lead-in heading with its paragraph on the same line
                if cur:
                    blocks.append(("p", cur))
                blocks.append(("h", body[:cut]))
                cur, line = "", body[cut + 1:]
                if not line:
                    continue
            elif len(line) <= 50 and line[-1] not in "。；":
                if cur:
                    blocks.append(("p", cur))
                pending, pending_len, cur = body, len(line), ""
                continue
        if cur and cur[-1] not in END_CHARS:
            cur += line
        else:
            if cur:
                blocks.append(("p", cur))
            cur = line
        if wide and full < 0.6 * wide and line[-1] not in "，、":
            blocks.append(("p", cur))  # a short line ends a paragraph of fixed-width text
            cur = ""
    if pending is not None:
        blocks.append(("h", pending))
    if cur:
        blocks.append(("p", cur))
    return blocks


def split_sentences(text):
    return [s for s in SENT_RE.findall(text) if han_count(s) >= 2]


def mo_strings(path):
    """Chinese messages of one gettext catalogue (stdlib parser)."""
    try:
        with open(path, "rb") as f:
            cat = gettext.GNUTranslations(f)._catalog
    except Exception:
        return []
    out = []
    for v in cat.values():
        if not isinstance(v, str):
            continue
        v = re.sub(r"%[-0-9.lh]*[sdufcxzi]|\{[^}]*\}|[_&]|\\n|\s+", " ", v).strip()
        if han_count(v) >= 6:
            out.append(CJK_SPACE_RE.sub("", v))
    return out


def load_extra(report):
    """Chinese text that happens to be on the machine, as a secondary sentence pool."""
    sents = []
    for path in sorted(glob.glob("/usr/share/vim/vim*/tutor/tutor.zh_cn.utf-8"))[-1:] + \
            ["/usr/share/gnupg/help.zh_CN.txt"]:
        if os.path.exists(path):
            text = " ".join(l.strip() for l in read_text(path).splitlines() if han_count(l) >= 4)
            s = split_sentences(CJK_SPACE_RE.sub("", text))
            report.append({"source": path, "sentences": len(s)})
            sents += s
    mo = sorted(glob.glob("/usr/share/locale/zh_*/LC_MESSAGES/*.mo"))
    n0 = len(sents)
    for path in mo:
        for m in mo_strings(path):
            if m[-1] not in END_CHARS:
                m += "。"
            sents.append(m)
    report.append({"source": "/usr/share/locale/zh_*/LC_MESSAGES/*.mo (%d catalogues)" % len(mo),
                   "sentences": len(sents) - n0})
    return sents


def load_dictionary(report):
    """Nouns of jieba's dictionary with their frequencies, for growing the vocabulary."""
    path = None
    for cand in ["/usr/lib/python3/dist-packages/jieba/dict.txt"] + \
            glob.glob("/usr/lib/python3*/*-packages/jieba/dict.txt"):
        if os.path.exists(cand):
            path = cand
            break
    words, cum, total = [], [], 0
    if path:
        for line in read_text(path).splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[2] in ("n", "vn", "nz", "nt", "ns") and \
                    2 <= len(parts[0]) <= 4 and han_count(parts[0]) == len(parts[0]):
                total += int(parts[1])
                words.append(parts[0])
                cum.append(total)
        report.append({"source": path, "words": len(words)})
    return words, cum


# ---------------------------------------------------------------- templates

def slot_regex():
    cities = sorted({c for p in PROVINCES if p[0] in SOURCE_PROVINCES for c in p[3].split()}, key=len,
                    reverse=True)
    alts = [
        r"(?P<Y>(?:19|20)\d\d)(?=\s*年)",
        r"(?P<N>\d+(?:\.\d+)?)(?![\d.]|\s*[月日号时期届次])",  # dates and ordinals stay
        r"(?P<K>%s)" % "|".join(sorted(SOURCE_COUNTIES, key=len, reverse=True)),
        r"(?P<R>%s)" % "|".join(SOURCE_PEOPLE),
        r"(?P<P>%s)(?P<Ps>省)?" % "|".join(SOURCE_PROVINCES),
        r"(?P<C>%s)(?P<Cs>市|州)?" % "|".join(cities),
    ]
    return re.compile("|".join(alts))


SLOT_RE = slot_regex()


def compile_template(sentence, year):
    """A sentence as literal strings and slots, so filling it in is cheap."""
    parts, pos = [], 0
    for m in SLOT_RE.finditer(sentence):
        if m.start() > pos:
            parts.append(sentence[pos:m.start()])
        kind = m.lastgroup if m.lastgroup in ("Y", "N", "K", "R") else ("P" if m.group("P") else "C")
        if kind == "Y":
            parts.append(("Y", int(m.group("Y")) - year))
        elif kind == "N":
            whole, _, frac = m.group("N").partition(".")
            parts.append(("N", len(whole), len(frac), m.group("N")))
        elif kind == "P":
            parts.append(("P", bool(m.group("Ps"))))
        elif kind == "C":
            parts.append(("C", m.group("Cs") or ""))
        else:
            parts.append((kind,))
        pos = m.end()
    if pos < len(sentence):
        parts.append(sentence[pos:])
    return tuple(parts)


CLAUSE_END = "，,。；！？：、;:!? "


def clauses_of(parts):
    """A sentence template cut at its commas into clause templates."""
    out, cur = [], []
    for p in parts:
        if isinstance(p, str):
            pieces = re.split(r"(?<=[，,])", p)
            for k, piece in enumerate(pieces):
                if piece:
                    cur.append(piece)
                if k < len(pieces) - 1 and cur:
                    out.append(tuple(cur))
                    cur = []
        else:
            cur.append(p)
    if cur:
        out.append(tuple(cur))
    return [c for c in out if sum(han_count(x) for x in c if isinstance(x, str)) >= 3]


class Pool:
    def __init__(self, corpus_dir, use_extra):
        self.report = []
        self.sentences, self.headings, self.para_lengths, self.file_sizes = [], [], [], []
        files = sorted(f for f in glob.glob(os.path.join(corpus_dir, "*")) if os.path.isfile(f))
        for path in files:
            self.file_sizes.append(os.path.getsize(path))
            m = re.search(r"(19|20)\d\d", os.path.basename(path))
            year = int(m.group(0)) if m else 2022
            for kind, text in corpus_paragraphs(read_text(path)):
                if kind == "h":
                    if 2 <= han_count(text) <= 40:
                        self.headings.append(compile_template(text, year))
                    continue
                if han_count(text) >= 8:
                    self.para_lengths.append(len(text))
                for s in split_sentences(text):
                    self.sentences.append(compile_template(s, year))
        self.clauses = [c for t in self.sentences for c in clauses_of(t)]
        self.report.append({"source": corpus_dir, "files": len(files), "sentences": len(self.sentences),
                            "clauses": len(self.clauses),
                            "headings": len(self.headings), "paragraphs": len(self.para_lengths)})
        if not self.sentences:
            sys.exit("mkcorpus: no sentences in %s" % corpus_dir)
        self.extra = [compile_template(s, 2022) for s in load_extra(self.report)] if use_extra else []
        self.words, self.word_cum = load_dictionary(self.report) if use_extra else ([], [])


# ---------------------------------------------------------------- one file

class Doc:
    """What stays fixed within one generated report: where, when, who."""

    def __init__(self, rng, counties):
        self.rng = rng
        p = rng.choice(PROVINCES)
        self.prov, self.pinyin, self.suffix = p[0], p[1], p[2]
        self.full = FULL_NAMES.get(p[0], p[0] + p[2])
        cities = p[3].split()
        self.cities = rng.sample(cities, min(len(cities), rng.randint(2, 6)))
        self.counties = rng.sample(counties[self.prov], rng.randint(2, 8))
        self.people = [rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
                       for _ in range(rng.randint(3, 8))]
        self.year = rng.randint(2012, 2026)
        self.type = rng.choices([t for t, _ in TYPES], [w for _, w in TYPES])[0]


def fill(parts, doc):
    rng, out = doc.rng, []
    for p in parts:
        if isinstance(p, str):
            out.append(p)
            continue
        k = p[0]
        if k == "Y":
            out.append(str(doc.year + p[1]))
        elif k == "N":
            if rng.random() < 0.3 or p[1] > 6:
                out.append(p[3])  # dates, 5·29, long codes: sometimes as written
            else:
                w = str(rng.randint(1 if p[1] == 1 else 10 ** (p[1] - 1), 10 ** p[1] - 1))
                out.append(w + ("." + "".join(str(rng.randint(0, 9)) for _ in range(p[2])) if p[2] else ""))
        elif k == "P":
            out.append(doc.full if p[1] else doc.prov)
        elif k == "C":
            out.append(rng.choice(doc.cities) + (("区" if doc.suffix == "市" else p[1]) if p[1] else ""))
        elif k == "K":
            out.append(rng.choice(doc.counties))
        else:
            out.append(rng.choice(doc.people))
    return "".join(out)


def dict_word(pool, rng):
    i = bisect.bisect_right(pool.word_cum, rng.random() * pool.word_cum[-1])
    return pool.words[min(i, len(pool.words) - 1)]


def clause(pool, rng):
    return rng.choice(VERBS) + dict_word(pool, rng) + rng.choice(ENDINGS)


def sentence(pool, doc, extra):
    rng = doc.rng
    if extra or rng.random() < 0.5:
        s = fill(rng.choice(pool.extra if extra else pool.sentences), doc)
    else:  # a new sentence from the clauses of others, so few sentences repeat verbatim
        s = "，".join(fill(rng.choice(pool.clauses), doc).rstrip(CLAUSE_END)
                     for _ in range(rng.choice((2, 2, 3, 3, 4)))) + "。"
    if pool.words and rng.random() < 0.3 and len(s) > 4:
        end = s[-1] if s[-1] in END_CHARS else ""
        s = s[:len(s) - len(end)] + "，" + clause(pool, rng) + (end or "。")
    return s


def paragraph(pool, doc):
    rng = doc.rng
    want = rng.choice(pool.para_lengths)
    extra = bool(pool.extra) and rng.random() < 0.03
    out, n = [], 0
    while n < want:
        s = sentence(pool, doc, extra)
        if n and n + len(s) > want * 1.3:
            break
        out.append(s)
        n += len(s)
    return "".join(out)


def heading(pool, doc):
    rng = doc.rng
    if pool.words and rng.random() < 0.3:
        return clause(pool, rng) + "，" + clause(pool, rng)
    return fill(rng.choice(pool.headings), doc)


CN_NUM = "一二三四五六七八九十"


def cn_number(n):
    if n <= 10:
        return CN_NUM[n - 1]
    if n < 20:
        return "十" + CN_NUM[n - 11]
    return CN_NUM[n // 10 - 1] + "十" + (CN_NUM[n % 10 - 1] if n % 10 else "")


def title_lines(doc):
    rng, P, Pf, Y = doc.rng, doc.prov, doc.full, doc.year
    org = Pf + rng.choice(["计划生育协会", "计生协", "计生协会"])
    slogan = "%s%s %s%s" % (rng.choice(SLOGANS), rng.choice(["谋发展", "担使命", "开新局"]),
                            rng.choice(SLOGANS), rng.choice(["谱新篇", "新征程", "再出发"]))
    t = doc.type
    if t == "work-points":
        lines = ["%s%d年工作要点" % (org, Y)]
        if rng.random() < 0.5:
            lines = ["关于印发《%s%d年工作要点》的通知" % (org, Y), "",
                     "%s计生协〔%d〕%d号" % (ABBREVIATIONS[P], Y, rng.randint(1, 30)), ""] + lines
    elif t == "work-review":
        lines = ["%s%d年工作综述" % (org, Y) if rng.random() < 0.6 else "%d年%s工作回眸" % (Y, org),
                 "", slogan, "", "□本报记者 %s" % " ".join(doc.people[:2])]
    elif t == "council-report":
        lines = ["%s%d年工作报告" % (org, Y), "", slogan, "",
                 "——在%s%s届%s次理事会上的报告" % (org, cn_number(rng.randint(3, 9)), cn_number(rng.randint(1, 15))),
                 "", doc.people[0], "", "各位理事、同志们："]
    elif t == "bulletin":
        lines = ["%s计生协会简报（%d年第%d期）" % (P, Y, rng.randint(1, 40)), "", org,
                 "%d年%d月%d日" % (Y, rng.randint(1, 12), rng.randint(1, 28)), "", "---"]
    elif t == "speech":
        lines = ["在%d年%s计生协工作会议上的讲话" % (Y, Pf), "", doc.people[0], "",
                 "（%d年%d月%d日）" % (Y, rng.randint(1, 12), rng.randint(1, 28))]
    else:
        lines = ["%s关于开展%d年“5·29会员活动日”活动的通知" % (org, Y), "",
                 "各市（州）计划生育协会："]
    return lines


class Layout:
    """How a document was typed or converted: the mess zhsearch's clean-up must undo."""

    def __init__(self, rng):
        self.kind = rng.choices(["plain", "pdf", "markdown", "newspaper"], [40, 25, 20, 15])[0]
        self.width = rng.randint(28, 40)
        self.blank_between = rng.random() < 0.6
        self.column = rng.randint(12, 15)
        self.ascii = rng.random() < 0.1
        self.numbering = rng.choice(["cn", "cn", "cn", "arabic0"])

    def heading(self, rng, level, n, text):
        if level == 1:
            num = "%02d " % n if self.numbering == "arabic0" else cn_number(n) + "、"
        elif level == 2:
            num = "（%s）" % cn_number(n)
        else:
            num = "%d．" % n if rng.random() < 0.5 else "%d." % n
        line = num + text
        if self.kind == "markdown":
            line = "#" * (level + 1) + " " + ("**%s**" % line if rng.random() < 0.5 else line)
        return [line, ""]

    def paragraph(self, rng, text):
        if self.ascii:
            text = text.replace("，", ",")
        if self.kind == "pdf":
            lines = [text[i:i + self.width] for i in range(0, len(text), self.width)]
            return [x for l in lines for x in ((l, "") if self.blank_between else (l,))] + \
                ([] if self.blank_between else [""])
        if self.kind == "newspaper" and rng.random() < 0.7:
            text = " ".join(text[i:i + self.column] for i in range(0, len(text), self.column))
        return [text] + [""] * rng.choice([1, 1, 1, 2, 3])


def make_file(pool, counties, seed, i, size):
    rng = random.Random("%d:%d" % (seed, i))
    doc = Doc(rng, counties)
    lay = Layout(rng)
    lines = title_lines(doc) + [""]
    nbytes = sum(len(l.encode()) + 1 for l in lines)
    h1 = h2 = h3 = 0
    while nbytes < size:
        r = rng.random()
        if r < 0.07 or h1 == 0:
            h1, h2, h3 = h1 + 1, 0, 0
            new = lay.heading(rng, 1, h1, heading(pool, doc))
        elif r < 0.17:
            h2, h3 = h2 + 1, 0
            new = lay.heading(rng, 2, h2, heading(pool, doc))
        elif r < 0.20 and h2:
            h3 += 1
            new = lay.heading(rng, 3, h3, heading(pool, doc))
        else:
            new = lay.paragraph(rng, paragraph(pool, doc))
        lines += new
        nbytes += sum(len(l.encode()) + 1 for l in new)
    name = "%s-%d-%s-%06d.txt" % (doc.pinyin, doc.year, doc.type, i)
    return name, "\n".join(lines) + "\n"


# ---------------------------------------------------------------- driver

G = {}  # the pool, shared with forked workers


def work(batch):
    pool, counties, seed, out = G["pool"], G["counties"], G["seed"], G["out"]
    sizes = []
    for i, size in batch:
        name, text = make_file(pool, counties, seed, i, size)
        sub = os.path.join(out, "%04d" % (i // 1000))
        os.makedirs(sub, exist_ok=True)
        data = text.encode()
        with open(os.path.join(sub, name), "wb") as f:
            f.write(data)
        sizes.append(len(data))
    return sizes


def make_counties(seed):
    rng = random.Random("%d:counties" % seed)
    names = {}
    for p in PROVINCES:
        names[p[0]] = sorted({rng.choice(PLACE_CHARS) + rng.choice(PLACE_CHARS) +
                              rng.choice("县县县区区市") for _ in range(60)})
    return names


def main():
    ap = argparse.ArgumentParser(description="Builds a synthetic archive of Chinese policy reports.")
    ap.add_argument("--mb", type=float, required=True, help="size to reach, in MB (10^6 bytes)")
    ap.add_argument("--out", required=True, help="directory to create (must not hold files)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", default=os.path.join(REPO, "corpus"), help="real reports to sample")
    ap.add_argument("--no-extra", action="store_true", help="corpus sentences only, no dictionary words")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--files", type=int, default=0,
                    help="exactly this many files, their sizes scaled to reach --mb in all "
                         "(many small files: an archive of thousands of documents in little time)")
    a = ap.parse_args()
    t0 = time.time()
    if os.path.isdir(a.out) and os.listdir(a.out):
        sys.exit("mkcorpus: %s is not empty" % a.out)
    os.makedirs(a.out, exist_ok=True)
    pool = Pool(a.corpus, not a.no_extra)
    G.update(pool=pool, counties=make_counties(a.seed), seed=a.seed, out=a.out)
    # File sizes come from their own stream so the file list is known before any is written.
    srng = random.Random("%d:sizes" % a.seed)
    plan, total, target = [], 0, int(a.mb * 1e6)
    scale = 1.0
    if a.files > 0:
        scale = target / (a.files * sum(pool.file_sizes) / len(pool.file_sizes))
    while (len(plan) < a.files) if a.files > 0 else (total < target):
        size = max(200, int(srng.choice(pool.file_sizes) * srng.uniform(0.6, 1.5) * scale))
        plan.append((len(plan), size))
        total += size
    batches = [plan[k:k + 200] for k in range(0, len(plan), 200)]
    if a.jobs > 1 and len(batches) > 1:
        with multiprocessing.get_context("fork").Pool(a.jobs) as mp:
            sizes = [s for b in mp.imap(work, batches) for s in b]
    else:
        sizes = [s for b in batches for s in work(b)]
    ss = sorted(sizes)
    manifest = {
        "generator": "bench/mkcorpus.py", "version": VERSION, "seed": a.seed, "mb_requested": a.mb,
        "files": len(sizes), "bytes": sum(sizes), "folders": len(batches) and (len(plan) - 1) // 1000 + 1,
        "file_bytes": {"min": ss[0], "median": ss[len(ss) // 2], "max": ss[-1]},
        "pool": pool.report, "extra_sentences": len(pool.extra), "dictionary_words": len(pool.words),
        "seconds": round(time.time() - t0, 1),
    }
    with open(os.path.join(a.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("mkcorpus: %d files, %.1f MB in %s (%.0f s)" % (len(sizes), sum(sizes) / 1e6, a.out,
                                                          time.time() - t0))


if __name__ == "__main__":
    main()
