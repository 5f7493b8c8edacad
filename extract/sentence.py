"""Sentences, clauses and heads: the spans of tokens the constructions read.

A paragraph's tokens split into sentences at 。！？ and each sentence into clauses at
，；：, never inside parentheses. The *head* of a figure is what stands before it in its
clause (since the clause opened, or since the previous figure): the words that say what
the figure is. Parenthesised words are qualifiers (对拉美（不含墨西哥）出口): a head leaves
them out, unless the figure itself stands inside the parentheses, whose head is then only
what the parentheses hold (（折合224.8亿美元）, （全国增速5%）).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .lex import Token
from .quantities import Figure

# Words that say nothing about what is measured: connectives, verbs of reporting and of
# reaching, time fillers. Taken off the start and the end of a head's words.
_FILLER_LEAD = re.compile(
    r"^(?:[、，,；;：:]|所|其中|此外|另外|同时|同期|尤其是|尤其|特别是|而且|而|但是|但|并且|并|且|以及|及|和|与|则|也|还|又|仍|仍然|继续|"
    r"据统计|据海关统计|数据显示|统计显示|具体来看|具体看|总体看|整体看|从\S{1,6}看|从\S{1,6}来看|"
    r"累计|共计|合计|总计|实现|完成|完成了|实现了|达到|全年|当月|单月|全省|全市|全区|该地区|区域|地区|口岸|进行了|进行|"
    r"今年|去年|上年|本年|年内|期间|截至|截止|目前|现有|已|有|在|的|以|由|从|是|为|首次|再次|月度|年度|"
    r"其他|其它|自营|双方|双边|规模|总量|体量|按可比价格?计算|按现价计算|对(?!外)|向|同|自|从|受\S{1,6}影响|记者\S{0,8}获悉|获悉|仅次于|次于|高于|低于|高出|低出|相当于|不及|办理|总体|整体|"
    r"\S{0,8}(?:数据|统计)显示|据\S{0,8}(?:介绍|了解|数据)|"
    r"据\S{1,6}统计|包括\S{1,12}?在内的)+"
)
_FILLER_TAIL = re.compile(
    r"(?:进行了|进行|达到了|达到|增至|增加到|增长到|上升到|提高到|下降到|减少到|降至|升至|达|为|是|约|近|超过|超|逾|突破|约为|"
    r"累计|共计|合计|总计|实现|完成|的|了|分别|共|计|合|折合|折|规模为|规模达|高达|首次|再|"
    r"微|略|小幅|大幅|明显|稳步|快速|持续|继续|均|也|仍|又|还|再|以|由|从|在|保持|增长|同比|比|较|"
    r"国家|地区|成员国|经济体|方式|货物)+$"
)
_NOISE = re.compile(r"[“”\"'‘’《》「」『』【】\s]|[A-Za-z]+\d+[A-Za-z\d]*|\d+[A-Za-z]+|[A-Za-z]{1,3}(?![A-Za-z])")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def clean_words(text: str) -> str:
    """Words with quotes, spam tokens (ng28) and filler at either end taken off."""
    text = _NOISE.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _FILLER_TAIL.sub("", _FILLER_LEAD.sub("", text))
    return text


@dataclass(frozen=True)
class Clause:
    """Tokens ``[start, end)`` of a sentence, the closing punctuation included."""

    start: int
    end: int


def sentences(tokens: Sequence[Token]) -> list[list[Token]]:
    """The tokens of a paragraph, sentence by sentence (a sentence keeps its closing mark)."""
    out: list[list[Token]] = []
    current: list[Token] = []
    depth = 0
    for token in tokens:
        current.append(token)
        punct = token.punct
        if punct == "open":
            depth += 1
        elif punct == "close":
            depth = max(0, depth - 1)
        elif punct == "stop" and depth == 0:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def clauses(tokens: Sequence[Token]) -> list[Clause]:
    """A sentence's clauses: split after ，；：, never inside parentheses."""
    out: list[Clause] = []
    start, depth = 0, 0
    for i, token in enumerate(tokens):
        punct = token.punct
        if punct == "open":
            depth += 1
        elif punct == "close":
            depth = max(0, depth - 1)
        elif punct in ("comma", "semicolon", "colon") and depth == 0:
            out.append(Clause(start, i + 1))
            start = i + 1
    if start < len(tokens):
        out.append(Clause(start, len(tokens)))
    return out


@dataclass(slots=True)
class Head:
    """What stands before a figure in its clause, sorted by kind in one pass.

    ``tokens`` leaves out parenthesised stretches (unless the figure is inside one: then
    only the parentheses' own words). A share cue splits off the whole: the words after
    占 name what the share is of (占全国进出口总值的), not the figure's own metric.
    """

    tokens: list[Token]
    opening: bool
    """Whether the head starts where its clause starts."""
    inside: bool = False
    """Whether the figure stands inside parentheses."""
    whole: list[Token] = field(default_factory=list)
    """The tokens after a share cue (占…): the whole a share is of."""
    share: bool = False
    """Whether a share cue (占, 占比, 比重) stands in the head: its figure is a share."""
    tail: bool = False
    """A clause's tokens after its last figure (or all of a clause without one)."""
    cues: set[str] = field(default_factory=set)
    """The cue classes the head holds."""
    by_kind: dict[str, list[Token]] = field(default_factory=dict)
    """Terms by kind (measure, partner, product ...), regions under ``region``, periods under ``period``."""
    named: dict[str, str] = field(default_factory=dict)
    """Breakdown dimensions the context constructions found named here."""
    measure: tuple[str | None, str] | None = None
    """The measure found named here (a taxonomy id, or None with the article's words)."""
    figure: Figure | None = None
    """The figure the head introduces (None for a clause's tail)."""
    run: int = 0
    """How many figures the head introduces (a list: 513亿元、257.2亿元)."""

    def has(self, *cues: str) -> bool:
        own = self.cues
        return any(c in own for c in cues)

    def terms(self, *kinds: str) -> list[Token]:
        by_kind = self.by_kind
        if len(kinds) == 1:
            return by_kind.get(kinds[0], [])
        return sorted((t for k in kinds for t in by_kind.get(k, ())), key=lambda t: t.start)

    @property
    def regions(self) -> list[Token]:
        return self.by_kind.get("region", [])

    @property
    def periods(self) -> list[Token]:
        return self.by_kind.get("period", [])

    def text(self) -> str:
        return "".join(t.text for t in self.tokens)

    def drop(self, *tokens: Token) -> None:
        """Take tokens out of the head: read as something else (a group's name), they are no slice."""
        ids = {id(t) for t in tokens}
        self.tokens = [t for t in self.tokens if id(t) not in ids]
        for kind, found in self.by_kind.items():
            self.by_kind[kind] = [t for t in found if id(t) not in ids]

    def phrase(self) -> str:
        """The head's text without its places, periods and punctuation (新疆进出口货物 -> 进出口货物)."""
        return "".join(t.text for t in self.tokens if t.kind not in ("region", "period", "punct"))

    def words(self) -> str:
        """The head's plain words (no regions, periods, names, grammatical cues or punctuation), cleaned."""
        return clean_words("".join(t.text for t in self.tokens if t.kind == "word" or t.cue in INLINE_CUES))

    def index(self, token: Token) -> int:
        return next(i for i, t in enumerate(self.tokens) if t is token)


def head(tokens: Sequence[Token], start: int, at: int, clause_start: int, *, tail: bool = False,
         opener: int | None = None) -> Head:
    """The head of the figure at ``at``: tokens ``[start, at)``, parentheses and shares sorted out.

    ``opener`` is the index of the unclosed parenthesis the figure stands in, if any.
    """
    if opener is not None and opener >= start:
        return _summed(Head(list(tokens[opener + 1:at]), opening=False, inside=True, tail=tail))
    own: list[Token] = []
    whole: list[Token] = []
    share = False
    depth = 0
    for token in tokens[start:at]:
        punct = token.punct
        if punct == "open":
            depth += 1
        elif punct == "close":
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif share:
            whole.append(token)
        elif token.cue == "share":
            share = True
        else:
            own.append(token)
    if share:  # 在北京全市总量中占51.6%: the 在…中 before the cue names the whole too
        zai = next((i for i, t in enumerate(own) if t.kind == "word" and t.text.endswith("在")), None)
        if zai is not None and any("中" in t.text for t in own[zai + 1:] if t.kind == "word"):
            own, whole = own[:zai], own[zai:] + whole
    return _summed(Head(own, opening=start == clause_start, whole=whole, share=share, tail=tail))


def _summed(h: Head) -> Head:
    by_kind = h.by_kind
    for token in h.tokens:
        kind: str = token.kind
        if kind == "term":
            term = token.term
            assert term is not None
            if term.kind == "cue":
                h.cues.add(term.name)
                continue
            kind = term.kind
        elif kind not in ("region", "period"):
            continue
        found = by_kind.get(kind)
        if found is None:
            by_kind[kind] = [token]
        else:
            found.append(token)
    return h


JOINTS = frozenset({"list", "and"})
#: Cues that are part of the words they stand in (限额以上企业, 机电等产品), not grammar.
INLINE_CUES = frozenset({"modifier", "plural", "and", "prep", "note"})


def listed(tokens: Sequence[Token], accept: Callable[[Token], bool]) -> list[Token]:
    """The longest run of tokens ``accept`` takes, joined only by 、/和/及/与 (欧盟、东盟和美国)."""
    best: list[Token] = []
    run: list[Token] = []
    expect_item = True
    for token in tokens:
        if expect_item and accept(token):
            run.append(token)
            expect_item = False
        elif not expect_item and (token.punct == "list" or (token.term is not None and (
                token.term.name in JOINTS or token.text == "与"))):
            expect_item = True
        elif accept(token):
            run = [token]
            expect_item = False
        else:
            run, expect_item = [], True
        if len(run) > len(best):
            best = list(run)
    return best if len(best) >= 2 else []


#: Words that only say "goods" or "things of that kind" (货, 商品, 汽车产业相关产品 after 汽车).
_ONLY_GOODS = re.compile(r"^(?:等)?(?:产业|行业)?(?:相关)?(?:类)?(?:产品|商品|货物|货)?(?:等)?$")


_KIND_TAIL = re.compile(r"(?:等|相关|类)+(?:产品|商品)?$")


def without_kind_tail(words: str) -> str:
    """生物医药等产品 -> 生物医药: the name without the words saying "and goods of that kind"."""
    stripped = _KIND_TAIL.sub("", words)
    return stripped if len(stripped) >= 2 else words


def only_goods(words: str) -> bool:
    """Whether words name no particular goods (出口货, 进口商品, …相关产品): no product of their own."""
    return bool(_ONLY_GOODS.match(words))


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
