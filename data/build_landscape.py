#!/usr/bin/env python3
"""Build data/landscape.json (format landscape/1) from the research file.

    python3 data/build_landscape.py                 # rewrite data/landscape.json
    python3 data/build_landscape.py --check         # exit 1 if data/landscape.json is stale
    python3 data/build_landscape.py PATH/platform_data.json [--output FILE]

The input defaults to data/research/platform_data.json, the research file kept in the repository
(provenance and licence notes in data/research/README.md).
Python 3 standard library only. The output is deterministic: the same input gives the same
bytes. Every mapping decision (regions, metrics, periods, confidence) is made by the tables
below and documented in data/README.md; rows that cannot be placed honestly are listed in
LEFT_OUT with the reason.
"""

import argparse
import json
import os
import re
import sys
from collections import Counter, OrderedDict
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_INPUT = os.path.join(HERE, "research", "platform_data.json")
DEFAULT_OUTPUT = os.path.join(HERE, "landscape.json")

# ---------------------------------------------------------------------------------------------
# Header
# ---------------------------------------------------------------------------------------------

HEADER = OrderedDict([
    ("format", "landscape/1"),
    ("title", "The social-platform landscape by region, 2019\u20132025"),
    ("edition", "First edition, November 2026"),
    ("publisher", "Landscape research team"),
    ("license", "Compilation \u00a9 Landscape research team; figures belong to their cited sources, "
                "and figures of paid third parties carry their own attribution"),
    ("description",
     "Users, revenue and revenue per user of social networks, messaging apps, short-video apps "
     "and consumer AI assistants, split by the regions each company reports, with advertising-"
     "market context and dated events. Compiled from public web pages: every figure names the "
     "page it was read on, and nothing was filled in from memory. A few pre-2019 baselines and "
     "late-2025 figures are included."),
    ("published", "2026-11-29"),
])

CAVEATS = [
    "User metrics are not comparable across platforms: each company counts users in its own way.",
    "Meta's family daily active people (DAP) counts each person once across Facebook, Instagram, "
    "Messenger and WhatsApp.",
    "Reddit's daily active uniques (DAUq) include logged-out visitors.",
    "Twitter's monetizable daily active users (mDAU) count only users who can be shown ads.",
    "Tencent reports one combined monthly-user figure for Weixin and WeChat.",
    "ChatGPT figures are weekly active users, not daily or monthly ones.",
    "ARPU is computed differently: Meta divides by Facebook MAU, Snap by DAU, Pinterest by MAU "
    "and Reddit by DAUq.",
    "Region definitions differ between companies. Snap's North America includes Mexico, Central "
    "America and the Caribbean. Meta's Europe includes Russia and Turkey. Reddit and Twitter split "
    "only the United States and International.",
    "The country lists of the regions are the research team's reading of each definition, made so "
    "the regions can be drawn on a map; border countries may be assigned differently by the "
    "companies themselves.",
    "Meta splits revenue by region in two ways: by where users are, and by the customer's billing "
    "address. Do not mix the two in one chart.",
    "ByteDance, Xiaohongshu and DeepSeek are private companies. Their figures are media reports or "
    "third-party app-intelligence estimates, and are marked as estimates.",
    "Many company figures reached the research through news sites or aggregators. Each source "
    "names the page the figure was read on; a page that relays a company's document says which "
    "(relay_of), and none was checked against the original (checked: false). Only 28 values "
    "were read on a company's own site or filing.",
    "Figures of paid third parties (Statista, eMarketer, WARC, Strategy Analytics, app-"
    "intelligence firms) belong to them: their sources carry an attribution that is shown with "
    "each value.",
    "A few sources are low-quality relays such as blogs and aggregators. Their observations say so "
    "in the note; two figures are unsourced claims and are labelled as such.",
    "Facebook ARPU for Q3 and Q4 2020 is of medium confidence (certainty: medium): it was parsed "
    "from scrambled slide text.",
    "A value stated as 'more than', 'exceeded' or 'fewer than' is a bound (bound: lower or upper), "
    "not an exact count; a value stated as 'about' is an approximation and its note says so.",
    "Revenue and ARPU are flows: an annual figure and a quarterly one are different quantities "
    "and are never drawn in one line or ranked together (period_kind). User counts are levels.",
    "Some values were converted from billions to millions (or trillions to billions) so that one "
    "series has one unit. Each converted value says so in its note.",
]

# ---------------------------------------------------------------------------------------------
# Countries (ISO 3166-1 alpha-2, plus XK for Kosovo, the user-assigned code the map uses)
# ---------------------------------------------------------------------------------------------

def _codes(text):
    return text.split()

ALL_CODES = set(_codes("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
"""))

# Geographic building blocks (the team's reading; see the region notes).
EUROPE = set(_codes("""
AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU
LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK TR GE AM AZ GL
"""))
WESTERN_EUROPE = set(_codes("""
AD AT AX BE CH CY DE DK ES FI FO FR GB GG GI GL GR IE IM IS IT JE LI LU MC MT NL NO PT SE SJ SM VA
"""))
ASIA_PACIFIC = set(_codes("""
CN HK MO TW JP KR KP MN
BN KH ID LA MY MM PH SG TH TL VN
AF BD BT IN LK MV NP PK IO
KZ KG TJ TM UZ
AU NZ PG FJ SB VU NC PF WS TO KI TV NR FM MH PW CK NU TK WF AS GU MP PN NF CX CC HM UM
"""))
MIDDLE_EAST = set(_codes("AE BH IL IQ IR JO KW LB OM PS QA SA SY YE"))
AFRICA = set(_codes("""
DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML
MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW
"""))
CENTRAL_AMERICA = set(_codes("BZ CR SV GT HN NI PA"))
CARIBBEAN = set(_codes("""
AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI
"""))
SOUTH_AMERICA = set(_codes("AR BO BR CL CO EC GY PY PE SR UY VE GF FK"))
NORTH_ATLANTIC = set(_codes("BM PM"))          # Bermuda, Saint Pierre and Miquelon
SOUTHERN_OCEAN = set(_codes("BV GS TF"))       # uninhabited: follow "the rest"
US_CA = {"US", "CA"}
SOUTHEAST_ASIA = set(_codes("BN KH ID LA MY MM PH SG TH TL VN"))
LATIN_AMERICA = {"MX"} | CENTRAL_AMERICA | CARIBBEAN | SOUTH_AMERICA
EVERYWHERE = ALL_CODES - {"AQ"}                # Antarctica is in no regional list

_blocks = [EUROPE, ASIA_PACIFIC, MIDDLE_EAST, AFRICA, CENTRAL_AMERICA, CARIBBEAN, SOUTH_AMERICA,
           NORTH_ATLANTIC, SOUTHERN_OCEAN, US_CA, {"MX"}, {"AQ"}]
assert sum(len(b) for b in _blocks) == len(ALL_CODES), "building blocks overlap"
assert set().union(*_blocks) == ALL_CODES, "building blocks miss a code"
assert WESTERN_EUROPE <= EUROPE and SOUTHEAST_ASIA <= ASIA_PACIFIC

META_ROW = EVERYWHERE - US_CA - EUROPE - ASIA_PACIFIC
SNAP_NA = US_CA | {"MX"} | CENTRAL_AMERICA | CARIBBEAN | NORTH_ATLANTIC
SNAP_ROW = EVERYWHERE - SNAP_NA - EUROPE
PINTEREST_ROW = EVERYWHERE - US_CA - EUROPE

READING = ("The country list is the research team's reading of that definition, made so the "
           "region can be drawn on a map; border cases are uncertain.")
BORDER = ("Border cases in this reading: Turkey, Cyprus, the Caucasus (Georgia, Armenia, "
          "Azerbaijan), Greenland and Kosovo (XK) count as Europe; Central Asia and the Pacific "
          "territories count as Asia-Pacific; Israel and Iran count as the Middle East; Antarctica "
          "is in no list.")

REGIONS = [
    ("world", "Worldwide", None, True,
     "Every country. Company totals and worldwide figures use this region; a figure whose users "
     "are mostly in one country says so in its note."),
    ("world-ex-cn", "Worldwide except mainland China", EVERYWHERE - {"CN"}, None,
     "TikTok's reach: every country except mainland China (CN), where ByteDance runs Douyin "
     "instead. Hong Kong (HK) and Macao (MO) have their own codes and are included here; the "
     "research does not say how TikTok's figures treat them."),
    ("intl-ex-us", "International (outside the US)", EVERYWHERE - {"US"}, None,
     "Reddit's and Twitter's 'International': everything outside the United States. The list is "
     "every country except US; US territories with their own codes (e.g. Puerto Rico, Guam) are "
     "included here, which is the team's reading, not a company statement."),
    ("us-canada", "US & Canada", US_CA, None,
     "Meta's and Pinterest's 'US & Canada': the United States and Canada only. Unlike Snap's "
     "North America it excludes Mexico, Central America and the Caribbean."),
    ("meta-europe", "Europe (Meta)", EUROPE, None,
     "Meta's 'Europe', used for both of Meta's regional splits (user geography and customer "
     "billing address). Meta states that its Europe includes Russia and Turkey. " + READING +
     " " + BORDER),
    ("meta-apac", "Asia-Pacific (Meta)", ASIA_PACIFIC, None,
     "Meta's 'Asia-Pacific': Asia and Oceania, excluding the Middle East, Russia and Turkey "
     "(which Meta places in Rest of World and Europe). " + READING + " " + BORDER),
    ("meta-row", "Rest of World (Meta)", META_ROW, None,
     "Meta's 'Rest of World': the countries outside US & Canada, Europe and Asia-Pacific. Meta "
     "states that it includes Africa, Latin America and the Middle East. The list reads Latin "
     "America as Mexico, Central America, the Caribbean (including Puerto Rico and the US Virgin "
     "Islands) and South America, and adds Bermuda, Saint Pierre and Miquelon and the "
     "uninhabited southern islands (BV, GS, TF). " + READING + " " + BORDER),
    ("snap-north-america", "North America (Snap)", SNAP_NA, None,
     "Snap's 'North America': the United States and Canada plus Mexico, Central America and the "
     "Caribbean, as Snap states. Bermuda and Saint Pierre and Miquelon are added as North "
     "American territories. Not the same as Meta's US & Canada. " + READING),
    ("snap-europe", "Europe (Snap)", EUROPE, None,
     "Meta's 58-country list reused: Snap publishes no country list for its 'Europe' and the "
     "research records none, so this region is drawn with the same 58 countries as Meta's Europe "
     "(including Russia and Turkey). Snap's own borders may differ. " + BORDER),
    ("snap-row", "Rest of World (Snap)", SNAP_ROW, None,
     "Snap's 'Rest of World': everything outside Snap's North America and Europe, i.e. Asia-"
     "Pacific, the Middle East, Africa and South America. Its list is what Snap's North America "
     "and Meta's 58-country Europe (reused for Snap's) leave over. " + READING),
    ("pinterest-europe", "Europe (Pinterest)", EUROPE, None,
     "Meta's 58-country list reused: Pinterest publishes no country list for its 'Europe' and the "
     "research records none, so this region is drawn with the same 58 countries as Meta's Europe "
     "(including Russia and Turkey). Pinterest's own borders may differ. " + BORDER),
    ("pinterest-row", "Rest of World (Pinterest)", PINTEREST_ROW, None,
     "Pinterest's 'Rest of World': everything outside US & Canada and Europe (Latin America, "
     "Asia-Pacific, the Middle East, Africa). Some relays label it 'International'. Its list is "
     "what US & Canada and Meta's 58-country Europe (reused for Pinterest's) leave over. " +
     READING),
    ("north-america", "North America (ad-market research)", US_CA, None,
     "'North America' in advertising-market research (WARC 2024, Strategy Analytics 2016, "
     "eMarketer 2015). These firms conventionally mean the United States and Canada; the cited "
     "pages do not define it. " + READING),
    ("asia-pacific", "Asia-Pacific (ad-market research)", ASIA_PACIFIC, None,
     "'Asia-Pacific' in advertising-market research (WARC, Strategy Analytics, eMarketer). The "
     "cited pages do not define it; the list is the same geographic reading as Meta's Asia-"
     "Pacific. " + READING),
    ("europe", "Europe (ad-market research)", EUROPE, None,
     "'Europe' in WARC's 2024 forecast. The cited page does not define it; the list is geographic "
     "Europe including Russia and Turkey. " + READING),
    ("western-europe", "Western Europe (eMarketer)", WESTERN_EUROPE, None,
     "eMarketer's 'Western Europe' (2015 estimates). The cited page does not define it. " +
     READING),
    ("central-eastern-europe", "Central & Eastern Europe (eMarketer)", EUROPE - WESTERN_EUROPE, None,
     "eMarketer's 'Central & Eastern Europe' (2015 estimates), read as the rest of geographic "
     "Europe, including Russia, Turkey and the Caucasus. The cited page does not define it. " +
     READING),
    ("latin-america", "Latin America (eMarketer)", LATIN_AMERICA, None,
     "eMarketer's 'Latin America' (2015 estimates): Mexico, Central America, the Caribbean and "
     "South America. The cited page does not define it. " + READING),
    ("middle-east-africa", "Middle East & Africa (eMarketer)", MIDDLE_EAST | AFRICA, None,
     "eMarketer's 'Middle East & Africa' (2015 estimates): Africa and the Middle East, "
     "including Israel and Iran. The cited page does not define it. " + READING),
    ("southeast-asia", "Southeast Asia", SOUTHEAST_ASIA, None,
     "The eleven countries of geographic Southeast Asia. The TikTok e-commerce report that uses "
     "this label does not list the countries it covers (it names Indonesia and Thailand)."),
    ("line-key-markets", "Japan, Taiwan, Thailand & Indonesia", {"JP", "TW", "TH", "ID"}, None,
     "LINE's four key markets as reported together in 2017."),
    ("tw-th-id", "Taiwan, Thailand & Indonesia", {"TW", "TH", "ID"}, None,
     "LINE's key markets outside Japan, as reported together in 2017."),
    ("us", "United States", {"US"}, None, None),
    ("cn", "China (mainland)", {"CN"}, None,
     "Mainland China. Figures whose users are mostly but not only in China ('China (mainly)', "
     "'Worldwide (mostly China)' in the research: Weibo, Kuaishou, WeChat/Weixin, Rednote) are "
     "filed here, with the qualifier in their note."),
    ("jp", "Japan", {"JP"}, None, None),
    ("kr", "South Korea", {"KR"}, None, None),
    ("tw", "Taiwan", {"TW"}, None, None),
    ("th", "Thailand", {"TH"}, None, None),
    ("in", "India", {"IN"}, None, None),
    ("eg", "Egypt", {"EG"}, None, None),
]

# ---------------------------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------------------------

GENERAL_KNOWLEDGE = ("Headquarters country from general knowledge; this entity has no profile in "
                     "the research.")

# id, research profile name (or None), fields
ENTITIES = [
    ("facebook", "Facebook", dict(name="Facebook", parent="meta", owner="Meta Platforms, Inc.",
                                  hq_country="US", category="social network", launched=2004,
                                  note="Headquarters: Menlo Park, California.")),
    ("instagram", "Instagram", dict(name="Instagram", parent="meta", owner="Meta Platforms, Inc.",
                                    hq_country="US", category="social network", launched=2010,
                                    note="Photo and video social network; acquired by Facebook in "
                                         "2012 for $1 billion.")),
    ("whatsapp", "WhatsApp", dict(name="WhatsApp", parent="meta", owner="Meta Platforms, Inc.",
                                  hq_country="US", category="messaging", launched=2009,
                                  note="Acquired by Facebook in 2014.")),
    ("messenger", None, dict(name="Facebook Messenger", parent="meta", owner="Meta Platforms, Inc.",
                             hq_country="US", category="messaging",
                             note="Appears only in a South Korean app-panel estimate; no profile "
                                  "in the research. Headquarters country is Meta's.")),
    ("meta-ai", "Meta AI", dict(name="Meta AI", parent="meta", owner="Meta Platforms, Inc.",
                                hq_country="US", category="AI assistant",
                                note="Launch year not captured by the research.")),
    ("youtube", "YouTube", dict(name="YouTube", owner="Alphabet Inc. (Google)", hq_country="US",
                                category="video", launched=2005,
                                note="Acquired by Google in October 2006 for $1.65 billion in "
                                     "stock.")),
    ("youtube-shorts", "YouTube Shorts", dict(name="YouTube Shorts", parent="youtube",
                                              owner="Alphabet Inc. (Google)", hq_country="US",
                                              category="short video", launched=2020,
                                              note="Launched in 2020 as a response to TikTok.")),
    ("youtube-music-premium", None, dict(name="YouTube Music & Premium", parent="youtube",
                                         owner="Alphabet Inc. (Google)", hq_country="US",
                                         category="video",
                                         note="YouTube's paid music and video subscriptions; no "
                                              "profile in the research.")),
    ("x-twitter", "X (formerly Twitter)", dict(name="X (formerly Twitter)", owner="X Corp.",
                                               hq_country="US", category="social network",
                                               launched=2006,
                                               note="Microblogging service, created in March 2006 "
                                                    "as Twitter and based in San Francisco; "
                                                    "acquired by Elon Musk in 2022 and later "
                                                    "renamed X.")),
    ("snapchat", "Snapchat", dict(name="Snapchat", owner="Snap Inc.", hq_country="US",
                                  category="messaging", launched=2011,
                                  note="Camera and messaging app. Headquarters: Santa Monica, "
                                       "California. Company figures (revenue) are Snap Inc.'s.")),
    ("pinterest", "Pinterest", dict(name="Pinterest", owner="Pinterest, Inc.", hq_country="US",
                                    category="social network", launched=2010,
                                    note="Visual discovery network. Headquarters: San Francisco.")),
    ("reddit", "Reddit", dict(name="Reddit", owner="Reddit, Inc.", hq_country="US",
                              category="social network", launched=2005,
                              note="Forums and communities. Headquarters: San Francisco. Listed "
                                   "on the NYSE (RDDT) since Q1 2024.")),
    ("telegram", "Telegram", dict(name="Telegram", owner="Telegram (Pavel Durov)", hq_country="AE",
                                  category="messaging", launched=2013,
                                  note="Run from Dubai; holding company registered in the British "
                                       "Virgin Islands; founders are Russian.")),
    ("tiktok", "TikTok", dict(name="TikTok", parent="bytedance", owner="ByteDance Ltd.",
                              hq_country="CN", category="short video", launched=2016,
                              note="Headquarters country is that of its parent ByteDance "
                                   "(Beijing); TikTok itself operates only outside mainland "
                                   "China, where Douyin is the counterpart.")),
    ("douyin", "Douyin", dict(name="Douyin", native_name="\u6296\u97f3", parent="bytedance",
                              owner="ByteDance Ltd.", hq_country="CN", category="short video",
                              launched=2016,
                              note="ByteDance's Chinese short-video app. Launch year derived from "
                                   "a 2020 Reuters report calling it 'four-year-old'.")),
    ("lemon8", "Lemon8", dict(name="Lemon8", parent="bytedance", owner="ByteDance Ltd.",
                              hq_country="CN", category="social network",
                              note="Lifestyle social app. Headquarters country is that of its "
                                   "parent ByteDance. Launch year not found by the research.")),
    ("xiaohongshu", "Rednote / Xiaohongshu (Little Red Book)",
     dict(name="Rednote (Xiaohongshu)", native_name="\u5c0f\u7ea2\u4e66",
          owner="Xingin Information Technology (private)", hq_country="CN",
          category="social network", launched=2013,
          note="Lifestyle and social-commerce app, also called Little Red Book. Headquarters: "
               "Shanghai. Founded by Miranda Qu and Charlwin Mao.")),
    ("wechat", "WeChat / Weixin", dict(name="WeChat / Weixin", native_name="\u5fae\u4fe1",
                                       parent="tencent", owner="Tencent Holdings Ltd.",
                                       hq_country="CN", category="messaging", launched=2011,
                                       note="Messaging super-app: Weixin in China, WeChat "
                                            "elsewhere. Headquarters: Shenzhen.")),
    ("qq", "QQ", dict(name="QQ", parent="tencent", owner="Tencent Holdings Ltd.", hq_country="CN",
                      category="messaging", launched=1999,
                      note="Launched in 1999 as OICQ. Headquarters: Shenzhen.")),
    ("kuaishou", "Kuaishou (Kwai / Snack Video)",
     dict(name="Kuaishou", native_name="\u5feb\u624b", owner="Kuaishou Technology (HKEX: 1024)",
          hq_country="CN", category="short video", launched=2011,
          note="Short video and live commerce; international versions are Kwai and Snack Video. "
               "Headquarters: Haidian, Beijing.")),
    ("weibo", "Weibo", dict(name="Weibo", native_name="\u5fae\u535a",
                            owner="Weibo Corporation (Sina)", hq_country="CN",
                            category="social network", launched=2009,
                            note="Microblogging service. Headquarters: Beijing. Listed on "
                                 "Nasdaq (WB) and HKEX (9898).")),
    ("bilibili", "Bilibili", dict(name="Bilibili", native_name="\u54d4\u54e9\u54d4\u54e9",
                                  owner="Bilibili Inc.", hq_country="CN", category="video",
                                  note="Video community. Headquarters: Shanghai. Listed on Nasdaq "
                                       "(BILI) and HKEX (9626). Launch year not found by the "
                                       "research.")),
    ("line", "LINE", dict(name="LINE", owner="LY Corporation", hq_country="JP",
                          category="messaging", launched=2011,
                          note="Messaging super-app, launched in Japan in June 2011. Owner was "
                               "formerly LINE Corp. / Z Holdings. Headquarters: Tokyo.")),
    ("kakaotalk", "KakaoTalk", dict(name="KakaoTalk", native_name="\uce74\uce74\uc624\ud1a1",
                                    owner="Kakao Corp.", hq_country="KR", category="messaging",
                                    launched=2010,
                                    note="Messaging super-app; service started March 2010.")),
    ("discord", None, dict(name="Discord", hq_country="US", category="messaging",
                           note="Appears only in a South Korean app-panel estimate. " +
                                GENERAL_KNOWLEDGE)),
    ("chatgpt", "ChatGPT", dict(name="ChatGPT", owner="OpenAI", hq_country="US",
                                category="AI assistant", launched=2022,
                                note="Launched November 2022.")),
    ("deepseek", "DeepSeek", dict(name="DeepSeek", native_name="\u6df1\u5ea6\u6c42\u7d22",
                                  owner="DeepSeek (Hangzhou AI lab, founded 2023)",
                                  hq_country="CN", category="AI assistant", launched=2025,
                                  note="AI assistant app released 10 January 2025; the company "
                                       "was founded in 2023 in Hangzhou. The native name is the "
                                       "company's Chinese name.")),
    ("meta", None, dict(name="Meta Platforms", owner="Meta Platforms, Inc.", hq_country="US",
                        category="company",
                        note="Parent of Facebook, Instagram, WhatsApp, Messenger and Meta AI. "
                             "Headquarters: Menlo Park, California.")),
    ("bytedance", None, dict(name="ByteDance", native_name="\u5b57\u8282\u8df3\u52a8",
                             owner="ByteDance Ltd. (private)", hq_country="CN",
                             category="company", launched=2012,
                             note="Parent of TikTok, Douyin and Lemon8. Founded in 2012 in "
                                  "Haidian, Beijing (per the research's TikTok profile).")),
    ("tencent", None, dict(name="Tencent Holdings", native_name="\u817e\u8baf",
                           owner="Tencent Holdings Ltd.", hq_country="CN", category="company",
                           note="Parent of Weixin/WeChat and QQ. Headquarters: Shenzhen.")),
    ("nvidia", None, dict(name="Nvidia", owner="NVIDIA Corporation",
                          hq_country="US", category="company",
                          note="Chip maker; appears for its share-price fall on 27 January 2025. " +
                               GENERAL_KNOWLEDGE)),
    ("meta-amazon-alphabet", None, dict(name="Meta + Amazon + Alphabet", hq_country="US",
                                        category="company",
                                        note="The three companies combined, as a group, in a WARC "
                                             "forecast; all three are US-based.")),
    ("global-ad-market", None, dict(name="Advertising market (all media)", category="market",
                                    note="Total advertising spend across all media, as "
                                         "estimated or forecast by WARC.")),
    ("digital-ad-market", None, dict(name="Digital advertising market", category="market",
                                     note="Digital advertising spend, as forecast by Strategy "
                                          "Analytics (2016).")),
    ("social-ad-market", None, dict(name="Social media advertising market", category="market",
                                    note="Advertising spend on social media and social networks "
                                         "(eMarketer 2015, WARC 2024).")),
    ("all-social-media", None, dict(name="All social media", category="market",
                                    note="Social media use taken as a whole (Kepios/DataReportal, "
                                         "GWI).")),
    ("internet", None, dict(name="Internet", category="market",
                            note="Internet use taken as a whole (Kepios/DataReportal).")),
]

ENTITY_FROM_RESEARCH = {
    "Meta Platforms": "meta",
    "Facebook (Meta Platforms)": "facebook",
    "Instagram (Meta)": "instagram",
    "WhatsApp (Meta)": "whatsapp",
    "Facebook Messenger (Meta)": "messenger",
    "Meta AI (Meta)": "meta-ai",
    "YouTube (Alphabet)": "youtube",
    "YouTube Shorts (Alphabet)": "youtube-shorts",
    "YouTube Music & Premium (Alphabet)": "youtube-music-premium",
    "Twitter/X": "x-twitter",
    "Snapchat (Snap Inc.)": "snapchat",
    "Pinterest": "pinterest",
    "Reddit": "reddit",
    "Telegram": "telegram",
    "TikTok (ByteDance)": "tiktok",
    "Douyin (ByteDance)": "douyin",
    "Lemon8 (ByteDance)": "lemon8",
    "Rednote / Xiaohongshu": "xiaohongshu",
    "WeChat/Weixin (Tencent)": "wechat",
    "QQ (Tencent)": "qq",
    "Kuaishou": "kuaishou",
    "Weibo": "weibo",
    "Bilibili": "bilibili",
    "LINE (LY Corporation)": "line",
    "KakaoTalk (Kakao)": "kakaotalk",
    "Discord": "discord",
    "ChatGPT (OpenAI)": "chatgpt",
    "DeepSeek": "deepseek",
    "ByteDance": "bytedance",
    "Tencent Holdings": "tencent",
    "Nvidia": "nvidia",
    "Meta + Amazon + Alphabet": "meta-amazon-alphabet",
    "Global advertising market": "global-ad-market",
    "Digital advertising market": "digital-ad-market",
    "Social media advertising market": "social-ad-market",
    "All social media": "all-social-media",
    "Internet": "internet",
}

# The research's event entity labels.
ENTITY_FROM_EVENT = dict(ENTITY_FROM_RESEARCH)
ENTITY_FROM_EVENT.update({"Rednote / Xiaohongshu": "xiaohongshu"})

# ---------------------------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------------------------
# id -> (name, unit shown, research base unit, definition, aggregate, better)
# The research base unit is the research row's unit with its qualifier removed ("millions
# (approx.)" -> "millions"); rows in another base unit are converted by CONVERSIONS.

M = OrderedDict()


def metric(mid, name, unit, base, definition, aggregate="sum", better="higher", decimals=None):
    M[mid] = dict(name=name, unit=unit, base=base, definition=definition, aggregate=aggregate,
                  better=better, decimals=decimals)


USERS = "millions of users"
metric("facebook-dau", "Facebook daily active users (DAU)", USERS, "millions",
       "Registered, logged-in users who visited Facebook on a given day, as reported by Meta for "
       "the Facebook app alone (not the family of apps), by user geography. Meta stopped reporting "
       "it after Q4 2023. Some figures are the average for the last month of the quarter, as "
       "their notes say.")
metric("facebook-mau", "Facebook monthly active users (MAU)", USERS, "millions",
       "Facebook monthly active users as reported by Meta, by user geography. Meta stopped "
       "reporting it after Q4 2023.")
metric("facebook-arpu", "Facebook ARPU (quarterly)", "USD per user per quarter",
       "USD per user per quarter",
       "Meta's Facebook average revenue per user: the quarter's revenue by user geography divided "
       "by the quarter's average Facebook MAU.", aggregate="none")
metric("facebook-arpu-annual-estimate", "Facebook annual ARPU (analyst estimate)",
       "USD per user per year", "USD per user per year",
       "A third-party estimate of a year's advertising revenue divided by Facebook MAU; not a "
       "figure Meta reports.", aggregate="none")
metric("arpu-per-dau-ttm", "Annual ARPU per DAU (trailing four quarters, Snap's comparison)",
       "USD per DAU per year", "USD per DAU per year",
       "The sum of the last four quarterly ARPU figures per daily active user, from Snap's 2023 "
       "investor presentation: for Snap's North America as reported by Snap, and for Facebook US & "
       "Canada as computed by Snap from Meta's public data (Meta's own ARPU divides by MAU, not "
       "DAU).", aggregate="none")
metric("meta-family-dap", "Meta family daily active people (DAP)", "billions of people",
       "billions",
       "People who used at least one of Meta's apps (Facebook, Instagram, Messenger, WhatsApp) "
       "on a given day, counted once across the apps, as reported by Meta. Some figures are the "
       "average for the last month of the quarter, as their notes say.")
metric("meta-family-map", "Meta family monthly active people (MAP)", "billions of people",
       "billions",
       "People who used at least one of Meta's apps in a month, counted once across the apps, as "
       "reported by Meta.")
metric("revenue-by-user-geography", "Revenue by user geography", "USD millions", "USD millions",
       "Revenue attributed to the region where the company estimates its users are located. "
       "Meta, Snap, Pinterest and Reddit each use their own region definitions and methods; the "
       "Worldwide value is the company total for the period.")
metric("meta-revenue-by-billing-address", "Meta revenue by customer billing address",
       "USD millions", "USD millions",
       "Meta revenue split by the billing address of the customer (the advertiser), from the "
       "'Disaggregation of Revenue' note of Meta's 10-Q filings. Not comparable with revenue by "
       "user geography: Asia-based advertisers make Asia-Pacific larger here. Meta's Europe "
       "includes Russia and Turkey.")
metric("revenue-growth-by-user-geography", "Revenue growth by user geography (year over year)",
       "% year over year", "% YoY",
       "Change in Meta's revenue by user geography against the same period a year earlier.",
       aggregate="none")
metric("revenue", "Total revenue", "USD millions", "USD millions",
       "A company's total revenue in US dollars as reported (Weibo: net revenues). Figures for "
       "private companies (ByteDance, TikTok) are media reports. Values the source states in "
       "billions are converted to millions and say so in their note.")
metric("revenue-rmb", "Total revenue (RMB)", "RMB billions", "RMB billions",
       "A company's total revenue in Chinese yuan (renminbi) as reported by Tencent, Kuaishou and "
       "Bilibili (Bilibili: total net revenues). Not converted to US dollars.")
metric("ad-revenue-rmb", "Marketing services (advertising) revenue (RMB)", "RMB billions",
       "RMB billions", "Tencent's marketing services revenue, mostly advertising, in renminbi.")
metric("ad-revenue-usd", "Advertising revenue (USD)", "USD billions", "USD billions",
       "Advertising revenue in US dollars: YouTube as reported by Alphabet, and Meta as forecast "
       "by WARC.")
metric("twitter-revenue-by-geography", "Twitter revenue by geography", "USD millions",
       "USD millions",
       "Twitter's revenue split into the United States and International. The research does not "
       "record whether the split is by user location or by advertiser billing address.")
metric("snapchat-dau", "Snapchat daily active users (DAU)", USERS, "millions",
       "Snap's daily active users: registered Snapchat users who open the app at least once in "
       "a day, averaged over the quarter. Snap's North America includes Mexico, Central America "
       "and the Caribbean.")
metric("snapchat-mau", "Snapchat monthly active users (MAU)", USERS, "millions",
       "Monthly active users as stated by Snap in its press releases and statements.")
metric("snapchat-arpu", "Snap ARPU (quarterly)", "USD per DAU per quarter",
       "USD per DAU per quarter",
       "Snap's average revenue per user: the quarter's revenue divided by average daily active "
       "users.", aggregate="none")
metric("pinterest-mau", "Pinterest monthly active users (MAU)", USERS, "millions",
       "Pinterest's monthly active users as reported by the company.")
metric("pinterest-arpu", "Pinterest ARPU (quarterly)", "USD per MAU per quarter",
       "USD per MAU per quarter",
       "Pinterest's average revenue per user: the quarter's revenue divided by average monthly "
       "active users.", aggregate="none")
metric("reddit-dauq", "Reddit daily active uniques (DAUq)", USERS, "millions",
       "Reddit's daily active uniques, which include logged-out visitors.")
metric("reddit-wauq", "Reddit weekly active uniques (WAUq)", USERS, "millions",
       "Reddit's weekly active uniques, which include logged-out visitors.")
metric("reddit-arpu", "Reddit ARPU (quarterly)", "USD per DAUq per quarter",
       "USD per DAUq per quarter",
       "Reddit's average revenue per unique: the quarter's revenue divided by DAUq.",
       aggregate="none")
metric("reddit-dauq-growth", "Reddit DAUq growth (year over year)", "% year over year", "% YoY",
       "Change in Reddit's daily active uniques against the same quarter a year earlier.",
       aggregate="none")
metric("twitter-mdau", "Twitter monetizable daily active users (mDAU)", USERS, "millions",
       "Twitter's monetizable daily active users: users who can be shown ads. Not published after "
       "Q2 2022.")
metric("wechat-combined-mau", "Combined MAU of Weixin and WeChat", USERS, "millions",
       "Tencent's combined monthly active users of Weixin and WeChat; no split between China and "
       "other countries is published.")
metric("qq-mau", "QQ mobile-device MAU", USERS, "millions",
       "Tencent's monthly active users of QQ on mobile devices.")
metric("kuaishou-app-dau", "Kuaishou app average DAU", USERS, "millions",
       "Average daily active users of the Kuaishou app in the quarter, as reported by Kuaishou.")
metric("kuaishou-app-mau", "Kuaishou app average MAU", USERS, "millions",
       "Average monthly active users of the Kuaishou app in the quarter, as reported by Kuaishou.")
metric("weibo-mau", "Weibo monthly active users (MAU)", USERS, "millions",
       "Weibo's monthly active users as reported by Weibo; the research dates each figure to the "
       "last month of its quarter.")
metric("weibo-dau", "Weibo average daily active users (DAU)", USERS, "millions",
       "Weibo's average daily active users as reported by Weibo; the research dates each figure "
       "to the last month of its quarter.")
metric("bilibili-mau", "Bilibili average MAU", USERS, "millions",
       "Bilibili's average monthly active users in the quarter (mobile and PC), as reported by "
       "Bilibili.")
metric("bilibili-dau", "Bilibili average DAU", USERS, "millions",
       "Bilibili's average daily active users in the quarter, as reported by Bilibili.")
metric("kakaotalk-mau", "KakaoTalk MAU (Kakao-reported)", USERS, "millions",
       "KakaoTalk monthly active users reported by Kakao for a quarter, for South Korea "
       "('domestic') and worldwide including Korea (2022\u20132024). The sources do not say whether "
       "a figure is the quarter's average or its last month; the 2018\u20132020 figures, which "
       "their source calls quarterly averages, are the separate metric "
       "kakaotalk-mau-quarterly-average.")
metric("kakaotalk-mau-quarterly-average", "KakaoTalk MAU, quarterly average (Kakao-reported)",
       USERS, "millions",
       "KakaoTalk monthly active users in South Korea averaged over the quarter, as reported by "
       "Kakao for 2018\u20132020 (the source's wording: 'quarterly average'). Kept apart from "
       "kakaotalk-mau, whose sources do not say how a quarter's figure is taken.")
metric("line-mau", "LINE app MAU (company-reported)", USERS, "millions",
       "Monthly active users of the LINE app as published by LINE Corp. / Z Holdings.")
metric("line-population-share", "Share of population using LINE", "% of population",
       "% of population",
       "Approximate share of a country's population that uses LINE, as published by Z Holdings.",
       aggregate="none")
metric("line-users-claim", "LINE users (unsourced blog claim)", USERS, "millions",
       "LINE users per country as claimed by a blog without a source. Low reliability: kept only "
       "as a labelled placeholder.")
metric("chatgpt-wau", "ChatGPT weekly active users (WAU)", USERS, "millions",
       "Weekly active users of ChatGPT as stated by OpenAI.")
metric("chatgpt-business-users", "ChatGPT paying business users", USERS, "millions",
       "Paying business users of ChatGPT as stated by OpenAI.")
metric("chatgpt-daily-messages", "ChatGPT messages sent per day", "billions of messages per day",
       "billions", "Messages sent to ChatGPT per day, from an OpenAI usage study.")
metric("mau-stated", "Monthly active users (milestones and estimates)", USERS, "millions",
       "Point figures for monthly users stated by a company or its founder, or estimated by a "
       "third party. Counting methods are not disclosed and differ between platforms; each note "
       "says who made the statement. Platforms' regularly reported series (Facebook, Snapchat, "
       "Pinterest and others) are separate metrics.")
metric("dau-stated", "Daily active users (milestones)", USERS, "millions",
       "Point figures for daily users stated by a company or reported by media. Counting methods "
       "are not disclosed and differ between platforms.")
metric("users-stated", "Users (stated; counting method not given)", USERS, "millions",
       "User counts stated by a company without saying whether they are daily, monthly or "
       "registered users.")
metric("us-dau-similarweb", "US daily active users (Similarweb estimates)", USERS, "millions",
       "Similarweb's estimates of daily active users of the iOS and Android apps in the United "
       "States on one day, as reported by Reuters in January 2025. Averages over a week are the "
       "separate metric us-dau-similarweb-week-average.")
metric("us-dau-similarweb-week-average",
       "US daily active users, average over one week (Similarweb estimates)", USERS, "millions",
       "Similarweb's estimates of the average daily active users of the iOS and Android apps in "
       "the United States over one week, as reported by Reuters in January 2025. The format has "
       "no week period, so a value is filed under the month its week falls in; its note states "
       "the exact week. Never a single day's figure.")
metric("new-users", "New users joined in two days", USERS, "millions",
       "New users who joined in the two days starting on the day the value is filed under "
       "(the note states the days).")
metric("web-traffic-share", "Share of web traffic from a country", "% of traffic", "% of traffic",
       "Share of a site's web traffic that comes from the region, as estimated by Similarweb.",
       aggregate="none")
metric("valuation", "Company valuation", "USD billions", "USD billions",
       "Private-market valuation of a company as reported by media.")
metric("profit", "Profit (company-stated)", "USD millions", "USD millions",
       "Profit for the year as stated by the company or its founder, unaudited.")
metric("youtube-logged-in-monthly", "Logged-in monthly users (YouTube)", USERS, "millions",
       "Google's count of logged-in users (or visitors) per month for YouTube and for YouTube "
       "Shorts.")
metric("ctv-reach", "People reached on connected TV screens", "millions of people", "millions",
       "People in the United States who watched YouTube on connected TV screens, as stated by "
       "Google.")
metric("paid-subscribers", "Paid subscribers", "millions of subscribers", "millions",
       "Paying subscribers (including trials where the company counts them), as stated by the "
       "company.")
metric("us-app-downloads", "App downloads in the US (Sensor Tower estimates)",
       "millions of downloads", "millions",
       "Sensor Tower's estimates of an app's downloads in the United States in a year.")
metric("cumulative-downloads", "Cumulative app downloads (App Store + Google Play)",
       "millions of downloads", "millions",
       "All-time downloads of an app from Apple's App Store and Google Play up to the date, as "
       "estimated by app-intelligence firms (Appfigures, Sensor Tower).")
metric("download-share-by-country", "Share of an app's downloads to date, by country",
       "% of total downloads", "% of total downloads",
       "Share of an app's all-time downloads that came from the region, as estimated by "
       "Appfigures.", aggregate="none")
metric("us-app-store-free-rank", "US App Store free-app rank (overall)", "rank", "rank",
       "Position among free apps in the overall chart of Apple's US App Store, as observed by "
       "app-intelligence firms. 1 is the top.", aggregate="none", better="lower")
metric("us-google-play-free-rank", "US Google Play free-app rank (overall)", "rank", "rank",
       "Position among free apps in the overall chart of Google Play in the US, as observed by "
       "Sensor Tower. 1 is the top.", aggregate="none", better="lower")
metric("countries-no1-ios-free", "Countries where the app is the No. 1 free iOS app",
       "countries", "countries",
       "Number of countries (besides the US) whose App Store lists the app as the No. 1 free app, "
       "as observed by Appfigures.", aggregate="none")
metric("countries-top10-ios-free", "Countries where the app is in the App Store top 10 free apps",
       "countries", "countries",
       "Number of countries whose App Store lists the app among the top 10 free apps, as observed "
       "by Appfigures.", aggregate="none")
metric("dau-growth-wow", "Daily active users growth against the same days a week earlier",
       "% increase", "% increase",
       "Increase in daily active users on two days compared with the same two days of the "
       "previous week, as estimated by Sensor Tower; filed under the first of the two days (the "
       "note states them).", aggregate="none")
metric("ecommerce-gmv", "E-commerce gross merchandise value (GMV)", "USD billions", "USD billions",
       "Value of goods sold through a platform's shop, as reported by media.")
metric("kr-messenger-mau-panel", "Messenger app MAU in South Korea (app-panel estimates)", USERS,
       "millions",
       "Monthly users of mobile messenger apps in South Korea, estimated from app-usage panels "
       "(WiseApp\u00b7Retail; IGAWorks for March 2024). Panels exclude PC use and differ from "
       "company-reported figures.")
metric("ad-spend-total", "Total advertising spend", "USD billions", "USD billions",
       "Advertising spend across all media, as forecast by WARC for 2024.")
metric("ad-spend-growth", "Advertising spend growth (year over year)", "% year over year",
       "% YoY", "Forecast change in advertising spend against the previous year (WARC).",
       aggregate="none")
metric("share-of-global-ad-spend", "Share of global advertising spend", "%", "%",
       "Share of global advertising spend taken by the entity, as forecast by WARC.",
       aggregate="none")
metric("social-media-ad-spend", "Social media advertising spend (WARC)", "USD billions",
       "USD billions", "Advertising spend on social media, as forecast by WARC for 2024.")
metric("social-network-ad-spend", "Social network advertising spend (eMarketer)", "USD billions",
       "USD billions", "Advertising spend on social networks, as estimated by eMarketer for 2015.")
metric("digital-ad-spend", "Digital advertising spend (Strategy Analytics)", "USD billions",
       "USD billions", "Digital advertising spend, as forecast by Strategy Analytics for 2016.")
metric("social-media-user-identities", "Social media user identities", "billions of identities",
       "billions",
       "Active social media user identities (not unique people), as estimated by Kepios for "
       "DataReportal.")
metric("daily-time-on-social-media", "Average daily time on social media", "minutes per day",
       "minutes", "Average time internet users spend on social media per day, per GWI.",
       aggregate="none")
metric("internet-users", "Internet users", "billions of people", "billions",
       "People who use the internet, as estimated by Kepios for DataReportal.")
metric("share-price-change-1d", "One-day share price change", "%", "%",
       "Change in the closing share price from the previous trading day.", aggregate="none")
metric("market-value-loss-1d", "One-day loss of market value", "USD billions", "USD billions",
       "Market capitalisation lost in one trading day, as computed by financial news.")
metric("market-cap", "Market capitalisation", "USD trillions", "USD trillions",
       "Market value of a company's shares at the close of the day.")

# What may be compared (docs/format.md, "What may be compared"): every metric says whether its
# values are flows (a total over the period: revenue, ARPU, installs, ad spend, changes) or levels
# (a state at a point, or an average level over the period: users, subscribers, ranks, shares of
# a stock). Views never join, rank, colour on one scale or sum flows of different granularities.
# The build refuses a metric that is in neither set, or in both.
FLOW_METRICS = {
    "facebook-arpu", "facebook-arpu-annual-estimate", "arpu-per-dau-ttm", "snapchat-arpu",
    "pinterest-arpu", "reddit-arpu",
    "revenue-by-user-geography", "meta-revenue-by-billing-address", "revenue", "revenue-rmb",
    "ad-revenue-rmb", "ad-revenue-usd", "twitter-revenue-by-geography", "profit", "ecommerce-gmv",
    "ad-spend-total", "social-media-ad-spend", "social-network-ad-spend", "digital-ad-spend",
    "us-app-downloads", "new-users", "web-traffic-share", "share-of-global-ad-spend",
    # Changes over a period: a year-over-year growth of an annual figure and of a quarterly one are
    # different quantities, so they are flows (the safe side).
    "revenue-growth-by-user-geography", "reddit-dauq-growth", "ad-spend-growth", "dau-growth-wow",
    "share-price-change-1d", "market-value-loss-1d",
}
LEVEL_METRICS = {
    "facebook-dau", "facebook-mau", "meta-family-dap", "meta-family-map", "snapchat-dau",
    "snapchat-mau", "pinterest-mau", "reddit-dauq", "reddit-wauq", "twitter-mdau",
    "wechat-combined-mau", "qq-mau", "kuaishou-app-dau", "kuaishou-app-mau", "weibo-mau",
    "weibo-dau", "bilibili-mau", "bilibili-dau", "kakaotalk-mau", "kakaotalk-mau-quarterly-average",
    "line-mau", "line-users-claim", "chatgpt-wau", "chatgpt-business-users", "mau-stated",
    "dau-stated", "users-stated", "us-dau-similarweb", "us-dau-similarweb-week-average",
    "kr-messenger-mau-panel", "youtube-logged-in-monthly", "ctv-reach", "paid-subscribers",
    "social-media-user-identities", "internet-users",
    # Averages per day and shares of a population: the same kind of number whatever the period.
    "chatgpt-daily-messages", "daily-time-on-social-media", "line-population-share",
    # Stocks and positions at a point in time.
    "cumulative-downloads", "download-share-by-country", "valuation", "market-cap",
    "us-app-store-free-rank", "us-google-play-free-rank", "countries-no1-ios-free",
    "countries-top10-ios-free",
}

# Money flows in one currency whose values for different entities may be added: the companies'
# revenues are disjoint. Users are never added across platforms (one person uses several apps);
# market aggregates are nested (social ads are part of digital ads, part of all ads); ratios,
# shares, ranks and market values are not sums. TikTok's US revenue is part of ByteDance's: a view
# that adds entities must not add a child to its parent (they are linked by "parent").
SUM_ACROSS_ENTITIES = {
    "revenue", "revenue-rmb", "ad-revenue-rmb", "ad-revenue-usd", "revenue-by-user-geography",
    "meta-revenue-by-billing-address", "twitter-revenue-by-geography", "profit", "ecommerce-gmv",
}

# aggregate "sum" (disjoint regions of one entity add up) is the default of metric(); these are
# not additive over regions although they count money: a valuation or a market value belongs to
# the company as a whole, not to a region.
NOT_ADDITIVE_OVER_REGIONS = {"valuation", "market-cap", "market-value-loss-1d"}

# How far back the "as of" fallback may reach, where the format's defaults (1 year, 4 quarters,
# 12 months, 90 days) would mislead: a rank, a one-day change or a market value of another day is
# not today's.
AS_OF_LIMITS = {
    "us-app-store-free-rank": {"day": 0},
    "us-google-play-free-rank": {"day": 0},
    "countries-no1-ios-free": {"day": 0},
    "countries-top10-ios-free": {"day": 0},
    "share-price-change-1d": {"day": 0},
    "market-value-loss-1d": {"day": 0},
    "market-cap": {"day": 0},
    "dau-growth-wow": {"day": 0},
}

# (research entity, research metric) -> metric id
METRIC_FROM_RESEARCH = {
    ("All social media", "Average daily time on social media"): "daily-time-on-social-media",
    ("All social media", "Social media user identities"): "social-media-user-identities",
    ("Bilibili", "Average daily active users (DAU)"): "bilibili-dau",
    ("Bilibili", "Average monthly active users (MAU)"): "bilibili-mau",
    ("Bilibili", "Total net revenues"): "revenue-rmb",
    ("ByteDance", "Quarterly revenue (reported)"): "revenue",
    ("ByteDance", "Total revenue (reported/leaked)"): "revenue",
    ("ChatGPT (OpenAI)", "Daily messages sent"): "chatgpt-daily-messages",
    ("ChatGPT (OpenAI)", "Monthly active users (MAU), two months after launch"): "mau-stated",
    ("ChatGPT (OpenAI)", "Monthly active users (estimate)"): "mau-stated",
    ("ChatGPT (OpenAI)", "Paying business users"): "chatgpt-business-users",
    ("ChatGPT (OpenAI)", "Weekly active users (WAU)"): "chatgpt-wau",
    ("DeepSeek", "Countries where DeepSeek is No. 1 free iOS app (besides US)"):
        "countries-no1-ios-free",
    ("DeepSeek", "Countries where DeepSeek is in App Store Top 10 free apps"):
        "countries-top10-ios-free",
    ("DeepSeek", "Cumulative app downloads (App Store + Google Play)"): "cumulative-downloads",
    ("DeepSeek", "Daily active users growth (Jan 24-25 vs same days prior week)"): "dau-growth-wow",
    ("DeepSeek", "Share of DeepSeek app downloads to date"): "download-share-by-country",
    ("DeepSeek", "US App Store overall free-app rank"): "us-app-store-free-rank",
    ("DeepSeek", "US Google Play overall free-app rank"): "us-google-play-free-rank",
    ("Digital advertising market", "Digital ad spend (forecast)"): "digital-ad-spend",
    ("Discord", "Messenger app MAU in South Korea (panel estimate)"): "kr-messenger-mau-panel",
    ("Douyin (ByteDance)", "Daily active users (DAU)"): "dau-stated",
    ("Facebook (Meta Platforms)", "Annual ARPU estimate (ad revenue / Facebook MAU)"):
        "facebook-arpu-annual-estimate",
    ("Facebook (Meta Platforms)",
     "Annual ARPU per DAU (sum of quarterly ARPU), as computed by Snap"): "arpu-per-dau-ttm",
    ("Facebook (Meta Platforms)", "App downloads in the US"): "us-app-downloads",
    ("Facebook (Meta Platforms)", "Facebook ARPU (quarterly revenue per Facebook user)"):
        "facebook-arpu",
    ("Facebook (Meta Platforms)", "Facebook ARPU (quarterly)"): "facebook-arpu",
    ("Facebook (Meta Platforms)", "Facebook daily active users (DAUs)"): "facebook-dau",
    ("Facebook (Meta Platforms)", "Facebook monthly active users (MAUs)"): "facebook-mau",
    ("Facebook (Meta Platforms)", "Monthly active users (MAU)"): "mau-stated",
    ("Facebook Messenger (Meta)", "Messenger app MAU in South Korea (panel estimate)"):
        "kr-messenger-mau-panel",
    ("Global advertising market", "Ad market size (forecast)"): "ad-spend-total",
    ("Global advertising market", "Ad spend growth (forecast)"): "ad-spend-growth",
    ("Global advertising market", "Total ad spend (forecast)"): "ad-spend-total",
    ("Instagram (Meta)", "App downloads in the US"): "us-app-downloads",
    ("Instagram (Meta)", "Monthly active users (MAU)"): "mau-stated",
    ("Internet", "Internet users"): "internet-users",
    ("KakaoTalk (Kakao)", "KakaoTalk MAU"): "kakaotalk-mau",
    ("KakaoTalk (Kakao)", "KakaoTalk MAU (panel estimate)"): "kr-messenger-mau-panel",
    ("KakaoTalk (Kakao)", "KakaoTalk MAU (quarterly average)"): "kakaotalk-mau-quarterly-average",
    ("Kuaishou", "Average DAU (Kuaishou app)"): "kuaishou-app-dau",
    ("Kuaishou", "Average MAU (Kuaishou app)"): "kuaishou-app-mau",
    ("Kuaishou", "Daily active users (DAU)"): "dau-stated",
    ("Kuaishou", "Total revenue"): "revenue-rmb",
    ("LINE (LY Corporation)", "LINE app MAU"): "line-mau",
    ("LINE (LY Corporation)", "LINE users (blog claim)"): "line-users-claim",
    ("LINE (LY Corporation)", "Share of population using LINE"): "line-population-share",
    ("Lemon8 (ByteDance)", "US daily active users"): "us-dau-similarweb",
    ("Meta + Amazon + Alphabet", "Share of global ad spend (forecast)"): "share-of-global-ad-spend",
    ("Meta AI (Meta)", "Monthly users (target/claim)"): "mau-stated",
    ("Meta Platforms", "Ad revenue (forecast) / share of global social ad spend"): "ad-revenue-usd",
    ("Meta Platforms", "Family daily active people (DAP)"): "meta-family-dap",
    ("Meta Platforms", "Family monthly active people (MAP)"): "meta-family-map",
    ("Meta Platforms", "Revenue by customer (billing) address"): "meta-revenue-by-billing-address",
    ("Meta Platforms", "Revenue growth by user geography"): "revenue-growth-by-user-geography",
    ("Meta Platforms", "Total revenue"): "revenue",
    ("Meta Platforms", "Total revenue by user geography"): "revenue-by-user-geography",
    ("Nvidia", "Market capitalisation after drop"): "market-cap",
    ("Nvidia", "One-day market value loss"): "market-value-loss-1d",
    ("Nvidia", "One-day share price change"): "share-price-change-1d",
    ("Pinterest", "ARPU (quarterly revenue / average MAU)"): "pinterest-arpu",
    ("Pinterest", "Monthly active users (MAU)"): "pinterest-mau",
    ("Pinterest", "Revenue by user geography"): "revenue-by-user-geography",
    ("Pinterest", "Total revenue"): "revenue",
    ("QQ (Tencent)", "QQ mobile device MAU"): "qq-mau",
    ("Reddit", "ARPU (average revenue per unique)"): "reddit-arpu",
    ("Reddit", "DAUq year-over-year growth"): "reddit-dauq-growth",
    ("Reddit", "Daily active uniques (DAUq)"): "reddit-dauq",
    ("Reddit", "Revenue by user geography"): "revenue-by-user-geography",
    ("Reddit", "Total revenue"): "revenue",
    ("Reddit", "Weekly active uniques (WAUq)"): "reddit-wauq",
    ("Rednote / Xiaohongshu", "Monthly active users (MAU)"): "mau-stated",
    ("Rednote / Xiaohongshu", "New users joined in two days"): "new-users",
    ("Rednote / Xiaohongshu", "Share of traffic from China"): "web-traffic-share",
    ("Rednote / Xiaohongshu", "US daily active users (iOS+Android)"): "us-dau-similarweb",
    ("Rednote / Xiaohongshu", "Valuation"): "valuation",
    ("Snapchat (Snap Inc.)", "ARPU (quarterly revenue / average DAU)"): "snapchat-arpu",
    ("Snapchat (Snap Inc.)", "Annual ARPU (sum of quarterly ARPU)"): "arpu-per-dau-ttm",
    ("Snapchat (Snap Inc.)", "Daily active users (DAU)"): "snapchat-dau",
    ("Snapchat (Snap Inc.)", "Monthly active users (MAU)"): "snapchat-mau",
    ("Snapchat (Snap Inc.)", "Revenue by user geography"): "revenue-by-user-geography",
    ("Snapchat (Snap Inc.)", "Total revenue"): "revenue",
    ("Social media advertising market", "Social media ad spend (forecast)"):
        "social-media-ad-spend",
    ("Social media advertising market", "Social network ad spend"): "social-network-ad-spend",
    ("Telegram", "Messenger app MAU in South Korea (panel estimate)"): "kr-messenger-mau-panel",
    ("Telegram", "Monthly active users (MAU)"): "mau-stated",
    ("Telegram", "Profit"): "profit",
    ("Tencent Holdings", "Marketing services (advertising) revenue"): "ad-revenue-rmb",
    ("Tencent Holdings", "Total revenue"): "revenue-rmb",
    ("TikTok (ByteDance)", "App downloads in the US"): "us-app-downloads",
    ("TikTok (ByteDance)", "Cumulative installs (App Store + Google Play)"): "cumulative-downloads",
    ("TikTok (ByteDance)", "E-commerce GMV"): "ecommerce-gmv",
    ("TikTok (ByteDance)", "Global users (as previously stated by company)"): "users-stated",
    ("TikTok (ByteDance)", "Monthly active users (MAU)"): "mau-stated",
    ("TikTok (ByteDance)", "US daily active users (estimate)"): "us-dau-similarweb",
    ("TikTok (ByteDance)", "US revenue (reported)"): "revenue",
    ("TikTok (ByteDance)", "US users (as cited in ban debate)"): "users-stated",
    ("Twitter/X", "Monetizable daily active users (mDAU)"): "twitter-mdau",
    ("Twitter/X", "Monthly active users (last reported)"): "mau-stated",
    ("Twitter/X", "Revenue by geography"): "twitter-revenue-by-geography",
    ("WeChat/Weixin (Tencent)", "Combined MAU of Weixin and WeChat"): "wechat-combined-mau",
    ("WeChat/Weixin (Tencent)", "Messenger app MAU in South Korea (panel estimate)"):
        "kr-messenger-mau-panel",
    ("Weibo", "Average daily active users (DAU)"): "weibo-dau",
    ("Weibo", "Monthly active users (MAU)"): "weibo-mau",
    ("Weibo", "Net revenues"): "revenue",
    ("WhatsApp (Meta)", "Daily users"): "dau-stated",
    ("WhatsApp (Meta)", "Messenger app MAU in South Korea (panel estimate)"):
        "kr-messenger-mau-panel",
    ("WhatsApp (Meta)", "Monthly active users (MAU)"): "mau-stated",
    ("WhatsApp (Meta)", "Users"): "users-stated",
    ("WhatsApp (Meta)", "Users at acquisition by Facebook"): "users-stated",
    ("YouTube (Alphabet)", "Advertising revenue"): "ad-revenue-usd",
    ("YouTube (Alphabet)", "Logged-in monthly visitors"): "youtube-logged-in-monthly",
    ("YouTube (Alphabet)", "People reached on connected TV screens"): "ctv-reach",
    ("YouTube Music & Premium (Alphabet)", "Subscribers"): "paid-subscribers",
    ("YouTube Shorts (Alphabet)", "Logged-in monthly users"): "youtube-logged-in-monthly",
}

# Unit conversions: (research base unit, metric base unit) -> (factor, wording)
CONVERSIONS = {
    ("billions", "millions"): (1000, "billion", "millions"),
    ("USD billions", "USD millions"): (1000, "billion", "millions"),
    ("USD trillions", "USD billions"): (1000, "trillion", "billions"),
}

# Qualifiers carried by the research's unit text.
UNIT_NOTES = {
    "millions (approx.)": "Approximate figure ('about').",
    "USD billions (approx.)": "Approximate figure ('about').",
    "% of population (approx.)": "Approximate figure.",
    "USD per user per year (approx.)": "Approximate figure ('~$220').",
    'millions ("more than 1 billion")': "Stated as 'more than 1 billion': a lower bound.",
    'millions ("more than 2 billion")': "Stated as 'more than 2 billion': a lower bound.",
    'millions ("more than two billion")': "Stated as 'more than two billion': a lower bound.",
    'millions ("more than three billion")': "Stated as 'more than three billion': a lower bound.",
    'millions ("more than 2 million")': "Stated as 'more than 2 million': a lower bound.",
    'millions ("more than 700,000")': "Stated as 'more than 700,000': a lower bound.",
    'millions ("more than")': "Stated as 'more than': a lower bound.",
    'millions ("over")': "Stated as 'over': a lower bound.",
    'millions ("exceeded")': "Stated as 'exceeded': a lower bound.",
    'USD billions ("exceeded")': "Stated as 'exceeded': a lower bound.",
    '% increase ("over")': "Stated as 'over': a lower bound.",
    "millions ('crossed the 800 million milestone')":
        "Stated as 'crossed the 800 million milestone': a lower bound.",
    'millions ("fewer than 700,000")': "Stated as 'fewer than 700,000': an upper bound.",
    'millions ("around 2 billion")': "Stated as 'around 2 billion': approximate.",
    'millions ("on track to reach more than 1 billion")':
        "Stated as 'on track to reach more than 1 billion': a target, not a count.",
    "USD billions (RMB1.32 trillion)": "The source also gives the figure as RMB 1.32 trillion.",
    "USD billions (63.0% share)":
        "The source gives this as a 63.0% share of global social media ad spend.",
    "billions (63.9% of population)": "The source gives this as 63.9% of the world's population.",
    "billions (67.9% of population)": "The source gives this as 67.9% of the world's population.",
    "minutes (2h21m)": "2 hours 21 minutes.",
    "millions (~19% of users)": "The source gives this as about 19% of ChatGPT's users.",
}

# ---------------------------------------------------------------------------------------------
# Regions of research rows
# ---------------------------------------------------------------------------------------------

META_FAMILY = {"meta", "facebook"}
MARKETS = {"global-ad-market", "digital-ad-market", "social-ad-market"}

PLAIN_REGIONS = {
    "Worldwide": ("world", None),
    "United States": ("us", None),
    "China": ("cn", None),
    "Japan": ("jp", None),
    "South Korea": ("kr", None),
    "Taiwan": ("tw", None),
    "Thailand": ("th", None),
    "India": ("in", None),
    "Egypt": ("eg", None),
    "International": ("intl-ex-us", None),
    "Southeast Asia": ("southeast-asia", None),
    "Western Europe": ("western-europe", None),
    "Central & Eastern Europe": ("central-eastern-europe", None),
    "Latin America": ("latin-america", None),
    "Middle East & Africa": ("middle-east-africa", None),
    "Japan + Taiwan + Thailand + Indonesia": ("line-key-markets", None),
    "Taiwan + Thailand + Indonesia": ("tw-th-id", None),
    "Europe (incl. Russia, Turkey)": ("meta-europe", None),
    "China (mainly)": ("cn", "Region in the research: 'China (mainly)'."),
    "South Korea (domestic)": ("kr", "Region in the research: 'South Korea (domestic)'."),
    # Users mostly in China are filed under China, qualifier in the note, as "China (mainly)" is:
    # filed under Worldwide the map would paint the whole world with them.
    "Worldwide (mostly mainland China)":
        ("cn", "Region in the research: 'Worldwide (mostly mainland China)': most of these users "
               "are in mainland China, so the figure is filed under China; it also counts users "
               "elsewhere (no split is published)."),
    "Worldwide (mostly China)":
        ("cn", "Region in the research: 'Worldwide (mostly China)': most of these users are in "
               "China, so the figure is filed under China; it also counts users elsewhere (no "
               "split is published)."),
    "Worldwide (incl. Korea)": ("world", "Worldwide figure, including South Korea."),
    "Worldwide (ex-China)": ("world-ex-cn", None),
    "Worldwide (ex-China; Douyin separate)":
        ("world-ex-cn", "TikTok only; Douyin, its Chinese counterpart, is counted separately."),
    "Mainly United States": ("us", "Region in the research: 'Mainly United States'."),
    "United States (Nasdaq)": ("us", "Market data of the Nasdaq listing."),
    "n/a": ("world", "The research gives no region for this company-wide valuation; it is filed "
                     "under Worldwide, like other company-wide figures."),
    "Worldwide and US": ("world", "The source gives one figure for 'worldwide and US'; it is "
                                  "filed under Worldwide."),
}

COMPANY_REGIONS = {
    "US & Canada": {"meta": "us-canada", "pinterest": "us-canada"},
    "Europe": {"meta": "meta-europe", "snapchat": "snap-europe", "pinterest": "pinterest-europe",
               "market": "europe"},
    "Asia-Pacific": {"meta": "meta-apac", "market": "asia-pacific"},
    "Rest of World": {"meta": "meta-row", "snapchat": "snap-row", "pinterest": "pinterest-row"},
    "North America": {"snapchat": "snap-north-america", "market": "north-america"},
}


def map_region(research_region, entity_id):
    if research_region in PLAIN_REGIONS:
        return PLAIN_REGIONS[research_region]
    group = "meta" if entity_id in META_FAMILY else "market" if entity_id in MARKETS else entity_id
    try:
        return COMPANY_REGIONS[research_region][group], None
    except KeyError:
        raise SystemExit("no region mapping for %r of entity %r" % (research_region, entity_id))


# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------

MONTHS = {m: i + 1 for i, m in enumerate(
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())}

# Research periods that need a decision: (period, note)
SPECIAL_PERIODS = {
    "2018 (June)": ("2018-06", None),
    "2021 (H1)": ("2021", "The research dates this only as the first half of 2021; filed under the "
                          "year."),
    "late 2022": ("2022", "The research dates this 'late 2022'; filed under the year."),
    "mid-2022 (11th anniversary)":
        ("2022", "The research dates this 'mid-2022' (LINE's 11th anniversary); filed under the "
                 "year."),
    "to end Dec 2024": ("2024-12", "Share measured in a window that ends with December 2024 (its "
                                   "start is not stated); filed under December 2024."),
    # Week averages: the format has no week, and a week is not a day. Filed under the month, in a
    # metric of their own (PERIOD_METRIC below), so they never stand beside single days.
    "week before Jan 13 2025":
        ("2025-01", "Average daily users in the week before 13 January 2025 (6\u201312 January), "
                    "the research's 'week before Jan 13 2025'; filed under January 2025 because "
                    "the format has no week period."),
    "week to Jan 13 2025":
        ("2025-01", "Average daily users in the week to 13 January 2025, the research's 'week to "
                    "Jan 13 2025' (the source does not say whether 13 January is included); filed "
                    "under January 2025 because the format has no week period."),
    "as of Jan 27 2025": ("2025-01-27", "Share of all downloads to date, as of 27 January 2025."),
    "Jan 13-14 2025": ("2025-01-13", "Joined in the two days 13\u201314 January 2025; filed "
                                     "under the first day."),
    "Jan 24-25 2025": ("2025-01-24", "Growth on 24\u201325 January 2025 against the same two "
                                     "days a week earlier; filed under the first day."),
    "Q2 2022\u2013Q1 2023 (trailing 4 quarters)":
        ("2023-Q1", "Trailing four quarters Q2 2022 to Q1 2023; filed under the last quarter."),
}


# Research periods that also decide the metric: (research period, metric the row maps to) ->
# metric id. The build refuses a row with such a period whose metric is not listed.
PERIOD_METRIC = {
    ("week before Jan 13 2025", "us-dau-similarweb"): "us-dau-similarweb-week-average",
    ("week to Jan 13 2025", "us-dau-similarweb"): "us-dau-similarweb-week-average",
}


def map_period(p):
    """Return (period, note) or None when the research period cannot be placed."""
    if p in SPECIAL_PERIODS:
        return SPECIAL_PERIODS[p]
    m = re.fullmatch(r"(?:FY)?(\d{4})", p)
    if m:
        return m.group(1), None
    m = re.fullmatch(r"Q([1-4]) (\d{4})(?: \((.+)\))?", p)
    if m:
        period = "%s-Q%s" % (m.group(2), m.group(1))
        note = None
        if m.group(3):
            note = "Research period: '%s'; filed under %s." % (p, period)
        return period, note
    m = re.fullmatch(r"([A-Z][a-z]{2}) (\d{4})(?: \((.+)\))?", p)
    if m and m.group(1) in MONTHS:
        period = "%s-%02d" % (m.group(2), MONTHS[m.group(1)])
        note = ("Research period: '%s'." % p) if m.group(3) else None
        return period, note
    m = re.fullmatch(r"([A-Z][a-z]{2}) (\d{1,2}) (\d{4})(?: \((.+)\))?", p)
    if m and m.group(1) in MONTHS:
        period = "%s-%02d-%02d" % (m.group(3), MONTHS[m.group(1)], int(m.group(2)))
        note = ("Research period: '%s'." % p) if m.group(4) else None
        return period, note
    return None


# ---------------------------------------------------------------------------------------------
# Rows left out, and per-row additions, keyed by (entity, metric, region, period, value) or, where
# two research rows share those, by the same plus the source URL.
# ---------------------------------------------------------------------------------------------

LEFT_OUT = {
    ("Facebook (Meta Platforms)", "Facebook daily active users (DAUs)", "Worldwide",
     "Q4 2022 (Dec 2022 avg)", 2.0):
        "Duplicate: the same figure as the Q4 2022 row from Meta's slide (2,000 million), which "
        "is kept.",
    ("Facebook (Meta Platforms)", "Facebook daily active users (DAUs)", "US & Canada",
     "Q1 2023", 200, "https://pitchsend.com/slides/hwryQzyxGmoG6CU7"):
        "Duplicate: Snap's investor deck shows Meta's figure, identical to the row from Meta's own "
        "slide (200 million), which is kept.",
    ("ByteDance", "Total revenue (reported/leaked)", "Worldwide", "FY2023", 110):
        "Conflict: two media reports for the same year, and a period holds one value. This report "
        "is dated 20 December 2023, before the year had ended; the Financial Times figure ($120 "
        "billion) is kept and cites this one in its note.",
    ("Weibo", "Monthly active users (MAU)", "China (mainly)",
     "circa 2021-2022 (as cited May 2023)", 573):
        "Period unknown: the source gives no quarter ('circa 2021-2022'), so the figure cannot be "
        "placed on a time axis.",
    ("Weibo", "Average daily active users (DAU)", "China (mainly)",
     "circa 2021-2022 (as cited May 2023)", 248):
        "Period unknown: the source gives no quarter ('circa 2021-2022'), so the figure cannot be "
        "placed on a time axis.",
}

EXTRA_NOTES = {
    ("Facebook (Meta Platforms)", "Facebook daily active users (DAUs)", "Worldwide", "Q4 2022",
     2000):
        "Mediaweek quotes the same figure as 2.0 billion (December 2022 average); that duplicate "
        "row is left out.",
    ("Facebook (Meta Platforms)", "Facebook daily active users (DAUs)", "US & Canada", "Q1 2023",
     200, "https://pitchsend.com/slides/083bfadc-9c53-4830-a071-9c73ad4cfdf4"):
        "Snap's 2023 investor presentation shows the same 200 million; that duplicate row is left "
        "out.",
    ("ByteDance", "Total revenue (reported/leaked)", "Worldwide", "FY2023", 120):
        "An earlier report (BTimes, 20 December 2023) said 2023 revenue surpassed $110 billion; "
        "that row is left out because a period can hold one value.",
    ("KakaoTalk (Kakao)", "KakaoTalk MAU (panel estimate)", "South Korea (domestic)", "Mar 2024",
     44.972): "Panel: IGAWorks.",
    ("KakaoTalk (Kakao)", "KakaoTalk MAU (panel estimate)", "South Korea (domestic)", "Oct 2025",
     47.97): "Panel: WiseApp\u00b7Retail.",
    ("KakaoTalk (Kakao)", "KakaoTalk MAU (panel estimate)", "South Korea (domestic)", "Aug 2025",
     48.19): "Panel: WiseApp\u00b7Retail.",
    ("Meta AI (Meta)", "Monthly users (target/claim)", "Worldwide", "2025", 1000):
        "Marked as a forecast.",
    ("TikTok (ByteDance)", "Global users (as previously stated by company)",
     "Worldwide (ex-China)", "Jul 2020", 689):
        "The company described this figure as monthly active users.",
    ("ChatGPT (OpenAI)", "Monthly active users (MAU), two months after launch", "Worldwide",
     "Jan 2023", 100): "About two months after ChatGPT's launch in November 2022.",
    ("WhatsApp (Meta)", "Users at acquisition by Facebook", "Worldwide", "2014", 500):
        "Users when Facebook acquired WhatsApp in 2014.",
    ("Twitter/X", "Monthly active users (last reported)", "Worldwide", "2019", 330):
        "The last monthly-user figure Twitter reported.",
    ("Nvidia", "One-day share price change", "United States (Nasdaq)", "Jan 27 2025", -16.97):
        "Close $118.42.",
    # The research's notes: the transcription "was cross-checked for Q3/Q4 2023 against a Scribd
    # copy of the Q4 2023 slides (US&C $15,190M/$18,585M match)".
    ("Meta Platforms", "Total revenue by user geography", "US & Canada", "Q3 2023", 15190):
        "The research cross-checked this value against a Scribd copy of Meta's Q4 2023 slides "
        "(they match); the transcription as a whole was not checked against Meta's original.",
    ("Meta Platforms", "Total revenue by user geography", "US & Canada", "Q4 2023", 18585):
        "The research cross-checked this value against a Scribd copy of Meta's Q4 2023 slides "
        "(they match); the transcription as a whole was not checked against Meta's original.",
}

# ---------------------------------------------------------------------------------------------
# Bounds: every research row whose own words (metric, period, unit, source title, confidence)
# contain a bound word is reviewed here, one by one: "lower" ("more than", "exceeded", "crossed",
# "over"), "upper" ("fewer than", "up to", "less than"), or None with the reason it is not a bound
# (the word is about another figure of the same page, or part of another phrase). The build
# refuses a row with a bound word that is not reviewed, and a review that matches no row.
# ---------------------------------------------------------------------------------------------

BOUND_WORDS = re.compile(r"\b(more than|exceed(?:s|ed)?|at least|over|surpass(?:es|ed)?|up to|"
                         r"less than|fewer than|cross(?:es|ed))\b", re.IGNORECASE)
BOUND_FIELDS = ("metric", "period", "unit", "source_title", "confidence")

_TIKTOK_TITLE = "The title's 'more than 1 billion' is TikTok's monthly users, not this figure."
_WARC_TITLE = "The title's 'surpasses $1 trillion' is WARC's world total, not this figure."
_SHORTS_TITLE = "The title's 'over 2 billion' is YouTube Shorts' Q2 2023 users, not this figure."
_INSTAGRAM_TITLE = ("The title's 'Crosses 2 Billion' and 'Over 2 Billion' are Instagram's and "
                    "WhatsApp's 2022 users, not this figure.")

BOUND_REVIEW = {
    ("Snapchat (Snap Inc.)", "Monthly active users (MAU)", "Worldwide", "Q4 2023", 800):
        ("lower", "'crossed the 800 million milestone'; the research says 'lower bound'."),
    ("Weibo", "Monthly active users (MAU)", "China (mainly)", "Q3 2024 (Sep 2024)", 587):
        (None, "The title's 'exceed expectations' is about results against analysts' "
               "expectations."),
    ("Weibo", "Average daily active users (DAU)", "China (mainly)", "Q3 2024 (Sep 2024)", 257):
        (None, "The title's 'exceed expectations' is about results against analysts' "
               "expectations."),
    ("Reddit", "DAUq year-over-year growth", "United States", "Q2 2024", 59):
        (None, "'over' is part of 'year-over-year'."),
    ("Reddit", "DAUq year-over-year growth", "International", "Q2 2024", 44):
        (None, "'over' is part of 'year-over-year'."),
    ("TikTok (ByteDance)", "Monthly active users (MAU)", "Worldwide (ex-China; Douyin separate)",
     "Sep 2021", 1000): ("lower", "'more than 1 billion'."),
    ("TikTok (ByteDance)", "Cumulative installs (App Store + Google Play)", "Worldwide",
     "Jul 14 2021", 3): (None, _TIKTOK_TITLE),
    ("Twitter/X", "Monthly active users (last reported)", "Worldwide", "2019", 330):
        (None, _TIKTOK_TITLE),
    ("Snapchat (Snap Inc.)", "Monthly active users (MAU)", "Worldwide", "2021 (H1)", 500):
        (None, _TIKTOK_TITLE),
    ("Rednote / Xiaohongshu", "US daily active users (iOS+Android)", "United States",
     "Jan 12 2025", 0.7):
        ("upper", "'fewer than 700,000'; the research says 'upper bound'."),
    ("Rednote / Xiaohongshu", "New users joined in two days", "Mainly United States",
     "Jan 13-14 2025", 0.7): ("lower", "'more than 700,000'."),
    ("ChatGPT (OpenAI)", "Paying business users", "Worldwide", "Feb 2025", 2):
        ("lower", "'more than 2 million' (the title's 'surpasses 400 million' is ChatGPT's "
                  "weekly users)."),
    ("Telegram", "Monthly active users (MAU)", "Worldwide", "Mar 2025", 1000):
        ("lower", "'more than 1 billion'."),
    ("WhatsApp (Meta)", "Users", "Worldwide", "Feb 2020", 2000):
        ("lower", "'more than two billion'."),
    ("WhatsApp (Meta)", "Users at acquisition by Facebook", "Worldwide", "2014", 500):
        (None, "The title's 'exceed 2 billion' is WhatsApp's 2020 users, not this figure."),
    ("ByteDance", "Total revenue (reported/leaked)", "Worldwide", "FY2023", 110):
        ("lower", "'surpasses $110 billion' (this row is left out: see LEFT_OUT)."),
    ("ByteDance", "Quarterly revenue (reported)", "Worldwide", "Q1 2025", 43):
        ("lower", "'exceeded'."),
    ("TikTok (ByteDance)", "Monthly active users (MAU)", "Worldwide (ex-China)", "2022", 1400):
        (None, "The title's 'surpasses $110 billion' is ByteDance's revenue, not this figure."),
    ("TikTok (ByteDance)", "E-commerce GMV", "Southeast Asia", "FY2023", 13):
        ("lower", "'exceeded'."),
    ("YouTube Shorts (Alphabet)", "Logged-in monthly users", "Worldwide", "Q2 2023", 2000):
        ("lower", "'more than 2 billion' (the title: 'over 2 billion')."),
    ("YouTube Shorts (Alphabet)", "Logged-in monthly users", "Worldwide", "2022", 1500):
        (None, _SHORTS_TITLE),
    ("YouTube (Alphabet)", "Advertising revenue", "Worldwide", "Q2 2023", 7.67):
        (None, _SHORTS_TITLE),
    ("YouTube (Alphabet)", "People reached on connected TV screens", "United States", "Q2 2023",
     150): ("lower", "'more than'."),
    ("YouTube Music & Premium (Alphabet)", "Subscribers", "Worldwide", "late 2022", 80):
        ("lower", "'over'."),
    ("Instagram (Meta)", "Monthly active users (MAU)", "Worldwide", "Q3 2022 (Oct 2022)", 2000):
        ("lower", "the page's headline, about this figure, says 'Instagram Crosses 2 Billion "
                  "Monthly Active Users'."),
    ("WhatsApp (Meta)", "Daily users", "Worldwide", "Q3 2022 (Oct 2022)", 2000):
        ("lower", "'more than 2 billion' (the headline: 'Over 2 Billion Using WhatsApp Daily')."),
    ("Meta Platforms", "Family monthly active people (MAP)", "Worldwide", "Q3 2022", 3.71):
        (None, _INSTAGRAM_TITLE),
    ("Instagram (Meta)", "Monthly active users (MAU)", "Worldwide", "2018 (June)", 1000):
        (None, _INSTAGRAM_TITLE),
    ("Meta AI (Meta)", "Monthly users (target/claim)", "Worldwide", "2025", 1000):
        ("lower", "the target is 'more than 1 billion'."),
    ("Facebook (Meta Platforms)", "Monthly active users (MAU)", "Worldwide", "Jan 2025", 3000):
        ("lower", "'more than three billion'."),
    ("Global advertising market", "Total ad spend (forecast)", "Worldwide", "2024", 1.07):
        (None, "The title's 'surpasses $1 trillion' rounds this very forecast down; the figure "
               "itself, 1.07 trillion, is exact."),
    ("Global advertising market", "Ad spend growth (forecast)", "Asia-Pacific", "2024", 2):
        (None, _WARC_TITLE),
    ("Global advertising market", "Ad spend growth (forecast)", "North America", "2024", 8.6):
        (None, _WARC_TITLE),
    ("Global advertising market", "Ad spend growth (forecast)", "Europe", "2024", 5):
        (None, _WARC_TITLE),
    ("Global advertising market", "Ad market size (forecast)", "China", "2024", 181.2):
        (None, _WARC_TITLE),
    ("Global advertising market", "Ad market size (forecast)", "India", "2024", 12.8):
        (None, _WARC_TITLE),
    ("Meta + Amazon + Alphabet", "Share of global ad spend (forecast)", "Worldwide", "2024", 43.6):
        (None, _WARC_TITLE),
    ("DeepSeek", "Daily active users growth (Jan 24-25 vs same days prior week)",
     "Worldwide and US", "Jan 24-25 2025", 110): ("lower", "'over'."),
    ("Kuaishou", "Daily active users (DAU)", "China (mainly)", "2019", 200):
        ("lower", "'exceeded'."),
}


def bound_words(row):
    """The bound words in a research row's own text, lower case, in field order."""
    found = []
    for f in BOUND_FIELDS:
        for m in BOUND_WORDS.finditer(str(row[f])):
            w = m.group(1).lower()
            if w not in found:
                found.append(w)
    return found


# ---------------------------------------------------------------------------------------------
# Certainty: the research's own grading of a value, from the words of its confidence text. The
# research grades no value "high". The build refuses a phrase that matches no row.
# ---------------------------------------------------------------------------------------------

CERTAINTY_FROM_CONFIDENCE = [
    ("Treat as medium confidence", "medium"),  # Facebook ARPU parsed from scrambled slide text
    ("low confidence", "low"),
    ("LOW RELIABILITY", "low"),
    ("low-quality source, verify", "low"),
    ("low-quality relay", "low"),
    ("low precision", "low"),
]

# Relay pages on domains that look like spam (the page has nothing to do with the figure's
# company). Their figures are kept only where another source in the research supports them; no
# other source gives these, so they are kept, graded "low" (the build's grading, from the
# research's own words about the page) and their notes say why.
SPAM_RELAYS = {
    "https://dzlietou.com/eczsatag/%E4%B8%8A%E6%B5%B7%E5%93%81%E8%8C%B6%E7%BD%91rux":
        "The page is Business Wire's text reposted on a domain unrelated to Pinterest that looks "
        "like spam; no other source in the research gives this figure, so it is kept but graded "
        "low certainty.",
    "https://337617.bdghimsw7.asia/news/2608892/weibos-wb-q3-financial-results-exceed-"
    "expectations-with-strong-user-growth":
        "The page is a copy of a GuruFocus article on a domain that looks like spam; no other "
        "source in the research gives this figure, so it is kept but graded low certainty.",
}


def certainty_of(row):
    if row["source_url"] in SPAM_RELAYS:
        return "low"
    for phrase, grade in CERTAINTY_FROM_CONFIDENCE:
        if phrase in row["confidence"]:
            return grade
    return None

# Confidence of market data: the research notes that outlets computed different dollar losses.
MARKET_DATA_ESTIMATES = {("Nvidia", "One-day market value loss")}


def confidence_of(row):
    st = row["source_type"]
    if "forecast" in row["metric"].lower() or "target" in row["metric"].lower():
        return "forecast"
    if st == "company-reported":
        return "reported"
    if st == "market data":
        return "estimate" if (row["entity"], row["metric"]) in MARKET_DATA_ESTIMATES else "reported"
    return "estimate"


SOURCE_KIND = {
    "company-reported": "company-reported",
    "company-stated (founder, unaudited)": "company-reported",
    "company-computed (Snap, about Meta)": "company-reported",
    "third-party estimate": "third-party-estimate",
    "media report / other": "media-report",
    "market data": "other",
    "low-reliability claim": "other",
}
KIND_ORDER = ["company-reported", "third-party-estimate", "media-report", "analyst-estimate",
              "other"]

# ---------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------

# Title to use where one page appears under several titles in the research.
SOURCE_TITLE_OVERRIDES = {
    "https://investing.com/news/world-news/chinese-app-rednote-gained-millions-of-us-users-this-"
    "week-as-tiktok-refugees-joined-ahead-of-ban-3817265":
        "Chinese app RedNote gained millions of US users this week as 'TikTok refugees' joined "
        "ahead of ban (Reuters via Investing.com, 2025-01-16)",
}

# Publisher where the automatic reading of the title's last parenthesis is wrong or missing.
PUBLISHER_OVERRIDES = {
    "https://www.theindiaportfolio.com/images/blog/blog14_meta_q3_data_notes.json":
        "The India Portfolio (transcription of Meta's slides)",
    "https://pitchsend.com/slides/083bfadc-9c53-4830-a071-9c73ad4cfdf4": "pitchsend.com",
    "https://fourweekmba.com/visualizing-facebook-arpu/": "FourWeekMBA",
    "https://www.marketscreener.com/quote/stock/FACEBOOK-INC-10547141/news/Facebook-3Q-Earnings-"
    "Slide-36780144/": "MarketScreener",
    "https://datasetsearch.research.google.com/search?query=dau+facebook":
        "Google Dataset Search (Statista description)",
    "https://investingnews.com/snap-inc-announces-second-quarter-2025-financial-results/":
        "Investing News (Snap press release)",
    "https://kqtv.marketminute.com/article/bizwire-2025-11-5-snap-inc-announces-third-quarter-"
    "2025-financial-results": "MarketMinute (Business Wire)",
    "https://www.sec.gov/Archives/edgar/data/1564408/000156440825000016/snap-202524xexx991"
    "pressrel.htm": "Snap Inc. (SEC filing)",
    "https://kslatv.marketminute.com/article/bizwire-2024-4-25-snap-inc-announces-first-quarter-"
    "2024-financial-results": "MarketMinute (Business Wire)",
    "https://iamprovider.com/blog/snapchat-users-are-up-15-but-its-revenues-are-down-7":
        "iamprovider.com",
    "https://investor.snap.com/news/news-details/2020/Snap-Inc-Announces-Fourth-Quarter-and-Full-"
    "Year-2019-Financial-Results/default.aspx": "Snap Inc.",
    "https://pitchsend.com/slides/hwryQzyxGmoG6CU7": "Snap Inc. (via pitchsend.com)",
    "http://einpresswire.com/article/783757649/pinterest-announces-fourth-quarter-and-full-year-"
    "2024-results-delivers-first-billion-dollar-revenue-quarter": "EIN Presswire (Business Wire)",
    "https://ayondo.com/en/bwr/US72352L1061/pinterest/pinterest-announces-third-quarter-2024-"
    "results-delivering-sustained-revenue-and-user-growth-20241107923204r1": "ayondo (Business Wire)",
    "https://reportify.ai/news/1189039003274579968": "reportify.ai (Zacks summary)",
    "https://reportify.cn/companies/US:PINS/documents?page=32": "reportify.cn",
    "https://stocks.cafe/post/viewblogpost/126555/pinterest+stock+drops+on+revenue+miss+and+light"
    "+guidance": "stocks.cafe (Motley Fool repost)",
    "https://chinaeconomicreview.com/wechat-keeps-growing-as-it-takes-on-tiktok/":
        "China Economic Review",
    "https://reportify.ai/financials/914304076336992256": "reportify.ai",
    "https://www.epicos.com/article/509067/tencent-announces-2019-third-quarter-results":
        "Epicos (PR Newswire)",
    "https://www.epicos.com/article/648693/tencent-announces-2020-third-quarter-results":
        "Epicos (PR Newswire)",
    "https://reportify.ai/financials/914496430691979264": "reportify.ai",
    "https://ir.kuaishou.com/news-releases/news-release-details/kuaishou-technology-announces-"
    "third-quarter-2023-unaudited": "Kuaishou Technology",
    "https://markets.ft.com/data/announce/detail?dockey=600-202411200337PR_NEWS_USPRX____"
    "CN60762-1": "FT Markets (PR Newswire)",
    "https://337617.bdghimsw7.asia/news/2608892/weibos-wb-q3-financial-results-exceed-"
    "expectations-with-strong-user-growth": "GuruFocus repost",
    "https://reportify.ai/financials/9503605274609670": "reportify.ai",
    "https://marketingfuture.com/online-marketing/social-media-marketing/china-weibo":
        "marketingfuture.com",
    "https://www.epicos.com/article/921374/weibo-announces-fourth-quarter-and-fiscal-year-2024-"
    "unaudited-financial-results-and": "Epicos (PR Newswire)",
    "https://it.finance.yahoo.com/news/bilibili-inc-announces-second-quarter-100000046.html":
        "Yahoo Finance Italia (GlobeNewswire)",
    "https://ih.advfn.com/stock-market/NASDAQ/bilibili-BILI/stock-news/92676550/bilibili-inc-"
    "announces-third-quarter-2023-financi": "ADVFN (GlobeNewswire)",
    "https://it.advfn.com/mercati/NASDAQ/BILI/notizie/94426677/bilibili-inc-announces-second-"
    "quarter-2024-financ": "ADVFN (GlobeNewswire)",
    "https://br.advfn.com/bolsa-de-valores/nyse/RDDT/share-news/93795214/reddit-announces-first-"
    "quarter-2024-results": "ADVFN (Business Wire)",
    "https://sec.gov/Archives/edgar/data/1713445/000171344524000052/q22024shareholderletter-.htm":
        "Reddit, Inc. (SEC filing)",
    "https://mx.advfn.com/bolsa-de-valores/NYSE/RDDT/noticias/94326170/reddit-announces-second-"
    "quarter-2024-results": "ADVFN (Business Wire)",
    "https://www.01net.it/reddit-announces-third-quarter-2024-results/": "01net.it (Business Wire)",
    "https://au.advfn.com/stock-market/NYSE/RDDT/stock-news/95422023/reddit-announces-fourth-"
    "quarter-and-full-year-2024": "ADVFN (Business Wire)",
    "https://modeledge.ai/api/proxy/0001713445/0001713445-25-000100/earningspressreleaseq125.htm":
        "Reddit, Inc. (SEC filing copy)",
    "https://pubt.io/view/18D4C6CB806808EAD5B6EF73075ED60354E8068C": "pubt.io (Reddit 10-Q)",
    "https://www.thriftreviewz.com/news/openai-hits-400m-weekly-users/": "thriftreviewz.com",
    "https://quariban.com/?p=969": "quariban.com",
    "https://innovanews.co.uk/openai-surpasses-400-million-weekly-active-users/": "Innova News",
    "https://zephoria.com/twitter-statistics-top-ten/": "Zephoria",
    "https://contents.premium.naver.com/infostockdaily/isd/contents/211201121104525Za":
        "Naver Premium Contents (infostockdaily)",
    "https://dellyranks.com/elon-musk-questions-twitters-monetisable-daily-active-user-numbers":
        "dellyranks.com",
    "https://www.geeky-gadgets.com/whatsapp-hits-2-billion-users-13-02-2020/": "Geeky Gadgets",
    "https://www.thequint.com/tech-and-auto/tech-news/whatsapp-says-it-has-2b-billion-users-"
    "mobile-across-world-more": "The Quint",
    "https://magviral.com/whatsapp-users-exceed-2-billion-second-only-to-facebook/": "Magviral",
    "https://jfdi.expert/news/693-en": "jfdi.expert (summarising the Financial Times)",
    "https://en.ckhq.net/html/296b023045ef3399108dee231ee30751.html": "ckhq.net",
    "https://www.btimesonline.com/articles/162779/20231220/bytedances-2023-revenue-surpasses-110-"
    "billion-overtaking-tencent-report.htm": "BTimes",
    "https://timeswrap.com/youtube-shorts-is-the-future-of-short-form-video-2-billion-monthly-"
    "users/": "TimesWrap (relaying The Verge)",
    "https://3dnews.ru/1129787/u-instagram-teper-tri-milliarda-polzovateley-v-mesyats-tretiy-v-"
    "mire-posle-facebook-i-whatsapp": "3DNews",
    "https://world-times.news/?p=13838": "World Times",
    "https://fusionchat.ai/news/the-rise-of-social-media-advertising-a-deep-dive": "FusionChat",
    "https://ecpmblog.wordpress.com/2016/07/14/asia-pacific-now-the-largest-digital-ad-market/":
        "ecpmblog",
    "https://www.dev.openaccessbpo.com/blog/how-much-does-the-world-spend-on-social-media-"
    "advertising": "Open Access BPO",
    "https://eminentnews.com/?p=3246": "Eminent News",
    "https://wowtv.co.kr/NewsCenter/News/Read?articleId=202404090607i": "Korea Economic TV",
    "https://hankyung.com/amp/202211033722i": "Hankyung (Yonhap)",
    "https://newspim.com/news/view/20240808000335": "Newspim",
    "https://www.campustown.kr/bodojaryo/jingyeogyi-katog-3gaeweol-yeonsog-4eogsigan-neomeossda":
        "campustown.kr (press article repost)",
    "https://www.insight.co.kr/news/529626": "Insight",
    "https://www.orchestra.wtf/article/tencent": "orchestra.wtf",
    "https://daydaynews.cc/en/hotcomm/amp/3313529.html": "DayDayNews",
    "https://en.huvle.com/news/view.do?guid=20250319190300330687": "Huvle (PR Newswire)",
    "https://docslib.org/doc/981625/announcement-of-the-annual-results-for-the-year-ended-31-"
    "december-2020": "docslib (Tencent HKEX filing)",
    "https://en.jiemian.com/article/12498630.html": "Jiemian Global",
    "https://beatandraise.com/api/document/0001326801/0001326801-24-000069/R27.htm":
        "beatandraise.com (Meta SEC XBRL)",
    "https://beatandraise.com/api/document/0001326801/0001326801-24-000081/R27.htm":
        "beatandraise.com (Meta SEC XBRL)",
    "https://beatandraise.com/api/document/0001326801/0001628280-25-036791/R23.htm":
        "beatandraise.com (Meta SEC XBRL)",
    "https://reportify.ai/filings/1082424363539632128": "reportify.ai",
    "https://techedt.com/deepseek-overtakes-chatgpt-as-the-no-1-app-on-the-app-store":
        "TechEdt (relaying TechCrunch)",
    "https://news.starfolksoftware.com/posts/deepseek-ai-app-surges-to-top-of-global-app-stores-"
    "overtaking-chatgpt-6797e00719cdf": "StarFolk News (relaying TechCrunch)",
    "https://news1global.com/economy-2/view/426617": "news1global",
    "https://web-origin.lbkrs.com/news/226415927": "Longbridge",
    "https://www.z-holdings.co.jp/en/strategy/13/": "Z Holdings",
    "http://www.itmedia.co.jp/news/articles/1707/27/news061.html": "ITmedia",
    "https://ai.shareba.com/read-blog/1467974_line-usage-by-country-where-is-it-most-popular.html":
        "ai.shareba.com (blog)",
    "https://paragraph.com/@buffets": "paragraph.com (@buffets)",
    "https://www.genaihunt.com/news/chatgpts-user-count-is-up-25-since-february-ceo-indicates":
        "GenAIHunt",
    "https://stocks.proximilar.com/SNAP/edgar-report": "proximilar (Snap SEC filing)",
    "https://dzlietou.com/eczsatag/%E4%B8%8A%E6%B5%B7%E5%93%81%E8%8C%B6%E7%BD%91rux":
        "unrelated third-party page (repost)",
    "https://www.marketscreener.com/quote/stock/PINTEREST-INC-57086058/news/PINTEREST-nbsp-"
    "Management-s-Discussion-and-Analysis-of-Financial-Condition-and-Results-of-Operatio-"
    "33091370/": "MarketScreener",
    "https://scribd.com/document/693539478/Meta-Reports-Fourth-Quarter-and-Full-Year-2022-"
    "Results-2023": "Scribd (PR Newswire release)",
    "https://www.sec.gov/Archives/edgar/data/1723690/000119312521333134/d212842dex991.htm":
        "Bilibili Inc. (SEC filing)",
    "https://daoinsights.com/news/bilibili-monthly-users-grow-to-202m-ahead-of-second-ipo":
        "Dao Insights",
    "https://reportify.ai/financials/1153049707552051200": "reportify.ai",
    "https://reportify.ai/news/1153565202697031680": "reportify.ai",
    "https://jyankuotakarakanteidan.blogspot.com/2022/11/Weibo-announces-sales-of-63-billion-yen-"
    "from-July-to-September-2022-MAUs-584-million.html": "Japanese blog (blogspot)",
    "http://webtribunal.net/blog/weibo-statistics": "WebTribunal",
    "https://en.wikipedia.org/wiki/Kuaishou": "Wikipedia (via mirrors)",
    "https://kqed.org/news/12022361/what-to-know-about-rednote-the-chinese-app-that-american-"
    "tiktokkers-are-flooding": "KQED (NPR)",
    "http://defenddemocracy.press/the-great-social-media-migration-sudden-influx-of-us-users-to-"
    "rednote-connects-chinese-and-americans-like-never-before": "defenddemocracy.press (CNN reprint)",
    "https://mmnews.tv/what-is-rednote-the-chinese-social-media-that-millions-of-americans-are-"
    "joining-before-tiktok-ban/": "MM News",
    "https://inkl.com/news/what-is-rednote-xiaohongshu-tiktok-refugees-flock-to-alternative-app-"
    "as-ban-looms": "inkl (The Independent)",
    "https://www.c114pro.com/ainews/115955.html": "C114",
    "https://panewslab.com/en/articledetails/lek658dm.html": "PANews",
    "https://news-pravda.com/world/2024/04/17/441381.html": "News-Pravda",
    "https://newsghana.com.gh/tiktok-hits-landmark-of-1-billion-active-users-globally-per-month/":
        "News Ghana",
    "https://www.bolnews.com/entertainment/2021/09/tiktok-gains-1-billion-active-users-globally-"
    "announces-company/": "BOL News",
    "https://www.allaccess.com/net-news/archive/story/211649/tiktok-claims-more-than-1-billion-"
    "monthly-active-u": "AllAccess",
    "https://www.investing.com/news/economy/bytedances-chinese-version-of-tiktok-hits-600-million-"
    "daily-users-2295563": "Investing.com (Reuters)",
    "https://investing.com/news/world-news/chinese-app-rednote-gained-millions-of-us-users-this-"
    "week-as-tiktok-refugees-joined-ahead-of-ban-3817265": "Investing.com (Reuters)",
    "https://up2info.com/?p=14361": "up2info.com",
    "https://acodez.in/facebook-users-worldwide": "Acodez",
    "https://xpert.digital/en/facebook-user-growth/": "Xpert.Digital",
    "http://poletoparis.com/?p=109877": "poletoparis.com",
    "https://fourweekmba.com/facebook-stats/": "FourWeekMBA",
    "https://abijita.com/youtube-shorts-watched-by-over-2-billion-logged-in-monthly-users-google":
        "Abijita",
    "https://www.informativeteech.co.in/2023/07/youtube-shorts-2-billion-monthly-loggedin-users-"
    "cant-get-enough.html": "informativeteech",
    "https://macaonews.org/news/around-the-world/instagram-meta-ai-monthly-users-mark-"
    "zuckerberg/": "Macao News",
    "https://www.gadgets360.com/social-networking/news/instagram-2-billion-monthly-active-users-"
    "facebook-3465920/amp": "Gadgets360 (Bloomberg)",
    "https://www.nasdaq.com/articles/snap-snap-q2-earnings-taking-look-key-metrics-versus-"
    "estimates": "Nasdaq.com (Zacks)",
    "https://www.nasdaq.com/articles/snap-earnings-meet-estimates-q3-revenues-increase-y-y":
        "Nasdaq.com (Zacks)",
    "https://www.nasdaq.com/articles/pinterest-pins-q1-earnings:-how-key-metrics-compare-to-wall-"
    "street-estimates": "Nasdaq.com (Zacks)",
    "https://www.nasdaq.com/articles/exploring-analyst-estimates-for-pinterest-pins-q4-earnings-"
    "beyond-revenue-and-eps": "Nasdaq.com (Zacks)",
    "https://www.nasdaq.com/articles/snap-q4-earnings-beat-estimates-user-growth-aids-top-line":
        "Nasdaq.com (Zacks)",
    "https://www.nasdaq.com/articles/meta-platforms-meta-q4-earnings-beat-revenues-dip-y-y":
        "Nasdaq.com (Zacks)",
    "https://finanzen.net/nachricht/aktien/snap-snap-q4-earnings-taking-a-look-at-key-metrics-"
    "versus-estimates-14208044": "finanzen.net (Zacks)",
    "https://www.zacks.com/stock/news/2411644/pinterest-pins-q4-earnings-how-key-metrics-compare-"
    "to-wall-street-estimates": "Zacks",
    "https://www.zacks.com/stock/news/2223734/pinterest-pins-q4-earnings-taking-a-look-at-key-"
    "metrics-versus-estimates": "Zacks",
    "https://www.zacks.com/stock/news/2409686/snap-snap-q4-earnings-taking-a-look-at-key-metrics-"
    "versus-estimates": "Zacks",
    "https://www.marketscreener.com/news/snap-shares-plunge-as-growth-slows-ce7c5eded989f72d":
        "MarketScreener",
    "https://stocktitan.net/news/SNAP/snap-inc-announces-third-quarter-2024-financial-"
    "c8vfh4ccpa28.html": "StockTitan",
    "https://stocktitan.net/news/SNAP/snap-inc-announces-fourth-quarter-and-full-year-2022-"
    "financial-ys0ttcfhm793.html": "StockTitan",
    "https://stocktitan.net/news/SNAP/snap-inc-announces-third-quarter-2021-financial-"
    "idm7fk10ywab.html": "StockTitan",
    "https://stocktitan.net/news/BILI/bilibili-inc-announces-fourth-quarter-and-fiscal-year-2022-"
    "financial-5ggd1309szbl.html": "StockTitan",
    "https://stocktitan.net/news/META/meta-reports-fourth-quarter-and-full-year-2024-"
    "4avsix66ul69.html": "StockTitan",
    "https://dazeinfo.com/2020/03/07/snap-average-revenue-per-user-by-region-by-quarter-"
    "graphfarm/": "Dazeinfo",
    "https://dazeinfo.com/2020/04/14/number-of-facebook-family-daily-active-people-by-quarter-"
    "graphfarm/": "Dazeinfo",
    "https://dazeinfo.com/2023/02/02/despite-disappointing-meta-q4-2022-earnings-results-mark-"
    "zuckerberg-has-the-last-laugh/": "Dazeinfo",
    "https://dazeinfo.com/2020/05/01/twitter-global-monetizable-daily-active-usage-by-quarter-"
    "graphfarm/": "Dazeinfo",
    "https://deadline.com/2020/01/facebook-zuckerberg-earnings-1202845722/": "Deadline",
    "https://mediaweek.com.au/meta-reveals-q4-results-as-facebooks-active-user-numbers-rise":
        "Mediaweek",
    "https://www.iphoneincanada.ca/2023/04/26/meta-200-million-daily-active-canada-usa/":
        "iPhone in Canada",
    "https://nairametrics.com/2023/10/26/facebooks-daily-average-users-hit-2-09-billion-in-"
    "september-2023-meta/": "Nairametrics",
    "https://bnnbreaking.com/world/us/meta-platforms-posts-strong-q4-and-full-year-2023-earnings-"
    "beating-expectations/": "BNN Breaking",
    "https://www.storyboard18.com/how-it-works/metas-ad-revenue-surged-24-percent-yoy-touches-38-"
    "7-bn-in-q4-21626.htm": "Storyboard18",
    "https://www.storyboard18.com/digital/instagram-hits-3-billion-monthly-active-users-"
    "81504.htm": "Storyboard18",
    "https://tickerleague.com/companies/META/daily-active-people": "Ticker League",
    "https://www.techwarrant.com/number-of-facebook-users-decreased-in-the-us-and-canada-compared-"
    "to-the-previous-quarter/": "TechWarrant",
    "https://fr.advfn.com/bourses/NYSE/PINS/actualites/95387285/pinterest-announces-fourth-quarter-"
    "and-full-year-2": "ADVFN (Business Wire)",
    "https://nextclicknews.com/pinterest-hits-600-million-users-beats-revenue-estimates-on-"
    "international-growth": "NextClickNews",
    "https://ask-ayo.com/blog/pinterest-q4-2025-results": "ask-ayo.com",
    "https://www.fool.com/investing/2022/02/08/pinterest-stock-rises-revenue-growth-mau-losses/":
        "The Motley Fool",
    "https://www.fool.com/investing/2022/01/29/pins-stock-earnings-pinterest-earnings-date/":
        "The Motley Fool",
    "https://cweb.com/pinterest-shares-plunge-5-percent-on-revenue-forecast-miss": "cweb.com",
    "https://news.alphastreet.com/snap-snap-main-takeaways-from-the-q4-2023-earnings-report":
        "AlphaStreet",
    "https://capyfin.com/s/nyse/SNAP/q4-2023-earnings-report": "CapyFin",
    "https://www.business-standard.com/amp/article/technology/at-199-million-twitter-logs-20-user-"
    "growth-as-pandemic-posts-surge-121043000235_1.html": "Business Standard (IANS)",
    "https://www.searchenginejournal.com/reddit-q1-report-what-it-means-for-digital-marketing-and-"
    "seo/545897/": "Search Engine Journal",
    "https://www.ainvest.com/news/weibo-2024-financials-mixed-bag-growth-challenges-2503":
        "AInvest",
    # Sources that appear only in events.
    "https://d8ngmjbveddxewhxw28ebdk1.salvatore.rest/deepseek-surpasses-chatgpt-in-popularity-on-"
    "the-apple-app-store": "news relay (Reuters-based)",
    "https://vietnamnews.vn/world/1691394/china-s-deepseek-surpasses-chatgpt-in-us-app-downloads."
    "html": "Viet Nam News (China Daily)",
    "https://waitanmedia.com/insight/what-is-xiaohongshu-and-why-its-the-most-downloaded-app-in-"
    "us-now": "Waitan Media",
    "https://4imag.com/unravelling-the-sudden-rise-of-rednote": "4imag.com",
}

EVENT_SOURCE_KIND = {
    "https://d8ngmjbveddxewhxw28ebdk1.salvatore.rest/deepseek-surpasses-chatgpt-in-popularity-on-"
    "the-apple-app-store": "media-report",
    "https://vietnamnews.vn/world/1691394/china-s-deepseek-surpasses-chatgpt-in-us-app-downloads."
    "html": "media-report",
    "https://waitanmedia.com/insight/what-is-xiaohongshu-and-why-its-the-most-downloaded-app-in-"
    "us-now": "media-report",
    "https://4imag.com/unravelling-the-sudden-rise-of-rednote": "media-report",
}

# ---------------------------------------------------------------------------------------------
# Relays, checks and attribution (source quality: docs/format.md, "What may be compared")
# ---------------------------------------------------------------------------------------------

# A page carrying figures of different kinds (a company's figures and a third party's estimates)
# becomes one source per kind, so that each value's quality and attribution are right. The kind
# with the most rows keeps the page's id; the others get a suffix and say which figures they are.
SPLIT_SUFFIX = {
    "company-reported": ("company-figures", "company figures on this page"),
    "third-party-estimate": ("estimates", "third-party estimates on this page"),
    "media-report": ("media-figures", "media-reported figures on this page"),
    "other": ("other-figures", "other figures on this page"),
}

# Company figures read on the company's own site or in its filing at the regulator are primary;
# every other page that carries a company's figures relays them ("relay_of" names the original).
PRIMARY_HOSTS = ("sec.gov/", "investor.snap.com/", "ir.kuaishou.com/", "z-holdings.co.jp/")

# Whose document a company figure comes from, by research entity.
COMPANY_OF_ENTITY = {
    "Meta Platforms": "Meta Platforms", "Facebook (Meta Platforms)": "Meta Platforms",
    "Instagram (Meta)": "Meta Platforms", "Meta AI (Meta)": "Meta Platforms",
    "WhatsApp (Meta)": "WhatsApp", "Snapchat (Snap Inc.)": "Snap Inc.", "Pinterest": "Pinterest",
    "Reddit": "Reddit", "Twitter/X": "Twitter", "Tencent Holdings": "Tencent",
    "WeChat/Weixin (Tencent)": "Tencent", "QQ (Tencent)": "Tencent",
    "Kuaishou": "Kuaishou Technology", "Weibo": "Weibo", "Bilibili": "Bilibili",
    "KakaoTalk (Kakao)": "Kakao", "LINE (LY Corporation)": "LINE Corporation",
    "YouTube (Alphabet)": "Alphabet (Google)", "YouTube Shorts (Alphabet)": "Alphabet (Google)",
    "YouTube Music & Premium (Alphabet)": "Alphabet (Google)", "ChatGPT (OpenAI)": "OpenAI",
    "Telegram": "Telegram (Pavel Durov)", "TikTok (ByteDance)": "TikTok",
    "Douyin (ByteDance)": "ByteDance",
}

# The kind of company document, from the research's confidence text (first match wins).
COMPANY_DOCUMENT = [
    ("earnings slide", "earnings slides"),
    ("earnings presentation", "earnings slides"),
    ("investor deck", "investor presentation"),
    ("10-Q", "Form 10-Q"),
    ("10-K", "Form 10-K"),
    ("press release", "results press release"),
    ("earnings release", "results press release"),
    ("results announcement", "results announcement"),
    ("shareholder letter", "letter to shareholders"),
    ("quarterly results", "quarterly results"),
    ("interim results", "interim results"),
    ("earnings call", "earnings call"),
    ("Company-stated", "statement"),
    ("Founder statement", "statement"),
    ("blog statement", "blog statement"),
    ("Company study", "usage study"),
]

# relay_of where the rule (company, document, periods) would not name the original well.
RELAY_OF_OVERRIDES = {
    "https://www.theindiaportfolio.com/images/blog/blog14_meta_q3_data_notes.json":
        "Meta Platforms Q3 2025 earnings presentation (its figures for Q3 2023 to Q3 2025)",
    "https://pitchsend.com/slides/083bfadc-9c53-4830-a071-9c73ad4cfdf4":
        "Meta Platforms earnings presentations (Q2 2023 and earlier quarters)",
    "https://www.marketscreener.com/quote/stock/FACEBOOK-INC-10547141/news/Facebook-3Q-Earnings-"
    "Slide-36780144/": "Facebook Q3 2021 earnings slides",
    "https://pitchsend.com/slides/hwryQzyxGmoG6CU7": "Snap Inc. Investor Presentation (2023)",
    "https://fourweekmba.com/visualizing-facebook-arpu/":
        "Meta Platforms earnings slides (Facebook ARPU by user geography, 2018 to 2021)",
    "https://337617.bdghimsw7.asia/news/2608892/weibos-wb-q3-financial-results-exceed-"
    "expectations-with-strong-user-growth":
        "Weibo Q3 2024 results, as reported in a GuruFocus article",
    "https://www.allaccess.com/net-news/archive/story/211649/tiktok-claims-more-than-1-billion-"
    "monthly-active-u": "Snap's and Twitter's reported users, as recounted by CNN",
    "https://www.bolnews.com/entertainment/2021/09/tiktok-gains-1-billion-active-users-globally-"
    "announces-company/": "TikTok's user statements 2018 to 2020, as recounted by CNN",
    "https://quariban.com/?p=969":
        "OpenAI's announced ChatGPT milestones, as compiled by a16z and TechCrunch",
}

# relay_of of third parties' figures and media reports read on another page, by (URL, kind).
RELAY_OF_THIRD_PARTY = {
    ("http://poletoparis.com/?p=109877", "third-party-estimate"):
        "Statista's figures for Meta Platforms' Facebook ARPU",
    ("https://datasetsearch.research.google.com/search?query=dau+facebook", "media-report"):
        "Statista's dataset description of Meta Platforms' Facebook DAU",
    ("https://acodez.in/facebook-users-worldwide", "third-party-estimate"):
        "Meta Platforms' reported Facebook MAU",
    ("https://www.allaccess.com/net-news/archive/story/211649/tiktok-claims-more-than-1-billion-"
     "monthly-active-u", "third-party-estimate"): "Sensor Tower's estimate, as reported by CNN",
    ("https://investing.com/news/world-news/chinese-app-rednote-gained-millions-of-us-users-this-"
     "week-as-tiktok-refugees-joined-ahead-of-ban-3817265", "third-party-estimate"):
        "Similarweb's estimates, as reported by Reuters",
    ("http://defenddemocracy.press/the-great-social-media-migration-sudden-influx-of-us-users-to-"
     "rednote-connects-chinese-and-americans-like-never-before", "third-party-estimate"):
        "CNN article citing Qian Gua's estimate",
    ("https://mmnews.tv/what-is-rednote-the-chinese-social-media-that-millions-of-americans-are-"
     "joining-before-tiktok-ban/", "third-party-estimate"):
        "Similarweb's estimate, as reported by The New York Times",
    ("https://inkl.com/news/what-is-rednote-xiaohongshu-tiktok-refugees-flock-to-alternative-app-"
     "as-ban-looms", "media-report"): "The Independent's article",
    ("https://quariban.com/?p=969", "third-party-estimate"):
        "UBS's estimate from Similarweb data, as reported by TechCrunch",
    ("https://jfdi.expert/news/693-en", "media-report"): "Financial Times report",
    ("https://jfdi.expert/news/693-en", "third-party-estimate"):
        "Sensor Tower's estimates, as reported by the Financial Times",
    ("https://en.ckhq.net/html/296b023045ef3399108dee231ee30751.html", "media-report"):
        "media reports citing unnamed sources",
    ("https://world-times.news/?p=13838", "third-party-estimate"): "WARC's 2024 ad spend forecast",
    ("https://fusionchat.ai/news/the-rise-of-social-media-advertising-a-deep-dive",
     "third-party-estimate"): "WARC's 2024 ad spend forecast",
    ("https://ecpmblog.wordpress.com/2016/07/14/asia-pacific-now-the-largest-digital-ad-market/",
     "third-party-estimate"): "Strategy Analytics' 2016 digital ad spend forecast",
    ("https://www.dev.openaccessbpo.com/blog/how-much-does-the-world-spend-on-social-media-"
     "advertising", "third-party-estimate"): "eMarketer's 2015 social network ad spend estimates",
    ("https://eminentnews.com/?p=3246", "third-party-estimate"):
        "DataReportal's Digital 2025 Global Overview Report (Kepios, GWI)",
    ("https://wowtv.co.kr/NewsCenter/News/Read?articleId=202404090607i", "third-party-estimate"):
        "IGAWorks' app-panel estimate",
    ("https://www.insight.co.kr/news/529626", "third-party-estimate"):
        "WiseApp\u00b7Retail's app-panel estimates",
    ("https://techedt.com/deepseek-overtakes-chatgpt-as-the-no-1-app-on-the-app-store",
     "third-party-estimate"): "Appfigures' estimates, as reported by TechCrunch",
    ("https://news.starfolksoftware.com/posts/deepseek-ai-app-surges-to-top-of-global-app-stores-"
     "overtaking-chatgpt-6797e00719cdf", "third-party-estimate"):
        "Appfigures' and Sensor Tower's estimates, as reported by TechCrunch",
    ("https://d8ngmjbveddxewhxw28ebdk1.salvatore.rest/deepseek-surpasses-chatgpt-in-popularity-on-"
     "the-apple-app-store", "media-report"): "a Reuters report",
    ("https://vietnamnews.vn/world/1691394/china-s-deepseek-surpasses-chatgpt-in-us-app-downloads."
     "html", "media-report"): "a China Daily report",
}

# The rights line of paid third parties' figures, by (URL, kind): shown with every value.
def _rights(owner, where):
    return "Figures \u00a9 %s (quoted by %s); not covered by this dataset's licence." % (owner, where)


ATTRIBUTION = {
    ("http://poletoparis.com/?p=109877", "third-party-estimate"):
        _rights("Statista", "poletoparis.com"),
    ("https://datasetsearch.research.google.com/search?query=dau+facebook", "media-report"):
        _rights("Statista", "Google Dataset Search"),
    ("https://www.allaccess.com/net-news/archive/story/211649/tiktok-claims-more-than-1-billion-"
     "monthly-active-u", "third-party-estimate"): _rights("Sensor Tower", "CNN and AllAccess"),
    ("https://investing.com/news/world-news/chinese-app-rednote-gained-millions-of-us-users-this-"
     "week-as-tiktok-refugees-joined-ahead-of-ban-3817265", "third-party-estimate"):
        _rights("Similarweb", "Reuters"),
    ("http://defenddemocracy.press/the-great-social-media-migration-sudden-influx-of-us-users-to-"
     "rednote-connects-chinese-and-americans-like-never-before", "third-party-estimate"):
        _rights("Qian Gua", "CNN"),
    ("https://mmnews.tv/what-is-rednote-the-chinese-social-media-that-millions-of-americans-are-"
     "joining-before-tiktok-ban/", "third-party-estimate"):
        _rights("Similarweb", "The New York Times and MM News"),
    ("https://quariban.com/?p=969", "third-party-estimate"):
        _rights("UBS and Similarweb", "TechCrunch and quariban.com"),
    ("https://jfdi.expert/news/693-en", "third-party-estimate"):
        _rights("Sensor Tower", "the Financial Times and jfdi.expert"),
    ("https://world-times.news/?p=13838", "third-party-estimate"): _rights("WARC", "World Times"),
    ("https://fusionchat.ai/news/the-rise-of-social-media-advertising-a-deep-dive",
     "third-party-estimate"): _rights("WARC", "FusionChat"),
    ("https://ecpmblog.wordpress.com/2016/07/14/asia-pacific-now-the-largest-digital-ad-market/",
     "third-party-estimate"): _rights("Strategy Analytics", "ecpmblog"),
    ("https://www.dev.openaccessbpo.com/blog/how-much-does-the-world-spend-on-social-media-"
     "advertising", "third-party-estimate"): _rights("eMarketer", "Open Access BPO"),
    ("https://eminentnews.com/?p=3246", "third-party-estimate"):
        _rights("Kepios and GWI (DataReportal)", "Eminent News"),
    ("https://wowtv.co.kr/NewsCenter/News/Read?articleId=202404090607i", "third-party-estimate"):
        _rights("IGAWorks", "Korea Economic TV"),
    ("https://www.insight.co.kr/news/529626", "third-party-estimate"):
        _rights("WiseApp\u00b7Retail", "Insight"),
    ("https://techedt.com/deepseek-overtakes-chatgpt-as-the-no-1-app-on-the-app-store",
     "third-party-estimate"): _rights("Appfigures", "TechCrunch and TechEdt"),
    ("https://news.starfolksoftware.com/posts/deepseek-ai-app-surges-to-top-of-global-app-stores-"
     "overtaking-chatgpt-6797e00719cdf", "third-party-estimate"):
        _rights("Appfigures and Sensor Tower", "TechCrunch and StarFolk News"),
}


def _period_label(p):
    if len(p) == 4:
        return p
    if p[5] == "Q":
        return "Q%s %s" % (p[6], p[:4])
    if len(p) == 7:
        return "%s %s" % (MONTH_NAMES[int(p[5:7]) - 1], p[:4])
    return "%d %s %s" % (int(p[8:10]), MONTH_NAMES[int(p[5:7]) - 1], p[:4])


def company_relay_of(url, rows):
    """What a page carrying company figures relays: '<company> <document> (<periods>)'."""
    if url in RELAY_OF_OVERRIDES:
        return RELAY_OF_OVERRIDES[url]
    companies = []
    for r in rows:
        c = COMPANY_OF_ENTITY.get(r["entity"])
        if c is None:
            raise SystemExit("no company for research entity %r (COMPANY_OF_ENTITY)" % r["entity"])
        if c not in companies:
            companies.append(c)
    text = " ".join(r["confidence"] for r in rows)
    document = next((d for phrase, d in COMPANY_DOCUMENT if phrase in text), "reported figures")
    periods = sorted({map_period(r["period"])[0] for r in rows}, key=period_key)
    span = _period_label(periods[0]) if len(periods) == 1 else "%s to %s" % (
        _period_label(periods[0]), _period_label(periods[-1]))
    return "%s %s (%s)" % (" and ".join(companies), document, span)


# ---------------------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------------------

# (date, research entity) -> (extra entity ids, region ids)
EVENT_LINKS = {
    ("2025-01-10", "DeepSeek"): ([], []),
    ("2025-01-20", "DeepSeek"): ([], []),
    ("2025-01-26", "DeepSeek"): (["chatgpt"], ["us"]),
    ("2025-01-27", "Nvidia"): (["deepseek"], ["us"]),
    ("2025-01-13", "Rednote / Xiaohongshu"): (["tiktok"], ["us"]),
    ("2025-01-19", "TikTok (ByteDance)"): (["xiaohongshu"], ["us"]),
    ("2021-09-27", "TikTok (ByteDance)"): ([], ["world-ex-cn"]),
    ("2022-11", "ChatGPT (OpenAI)"): ([], []),
    ("2024-Q1", "Reddit"): ([], []),
    ("2024-Q1", "Meta Platforms"): (["facebook"], []),
    ("2022", "Twitter/X"): ([], []),
    ("2022-10", "Instagram (Meta)"): (["whatsapp", "meta"], []),
    ("2025-03-19", "Telegram"): ([], []),
    ("2025-10", "ChatGPT (OpenAI)"): ([], []),
    ("2020-08", "Douyin (ByteDance)"): ([], ["cn"]),
    ("2021-02", "Kuaishou"): ([], []),
}

# Events whose day is known although the research's date field gives less: (research date,
# research entity) -> (date, what the detail says about it). Every other event keeps the
# research's date (a month, quarter or year is drawn on its first day, and says so).
EVENT_DATES = {
    ("2022", "Twitter/X"):
        ("2022-10-27", "Date: the acquisition closed on 27 October 2022. The research gives only "
                       "the year; the day is the deal's completion as publicly recorded, added in "
                       "the data audit of December 2026."),
    ("2022-10", "Instagram (Meta)"):
        ("2022-10-26", "Date: 26 October 2022, the Q3 2022 earnings the research's detail names."),
    ("2024-Q1", "Reddit"):
        ("2024-03-21", "Date: 21 March 2024, the IPO date the research gives in its confidence "
                       "note (the cited release says only that Q1 2024 was the first quarter as a "
                       "public company)."),
}

# Notes on an event's cited page (the detail says them).
EVENT_SOURCE_NOTES = {
    "https://d8ngmjbveddxewhxw28ebdk1.salvatore.rest/deepseek-surpasses-chatgpt-in-popularity-on-"
    "the-apple-app-store":
        "The cited page is a copy on a domain that looks like spam; the release date is also in "
        "the research's DeepSeek profile (Sensor Tower, via news).",
}

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


def map_event_date(d):
    """Return (YYYY-MM-DD, precision note or None)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
        return d, None
    m = re.fullmatch(r"(\d{4})-(\d{2})", d)
    if m:
        return d + "-01", "(month: %s %s; drawn on the month's first day)" % (
            MONTH_NAMES[int(m.group(2)) - 1], m.group(1))
    m = re.fullmatch(r"(\d{4})-Q([1-4])", d)
    if m:
        month = 3 * (int(m.group(2)) - 1) + 1
        return "%s-%02d-01" % (m.group(1), month), (
            "(quarter: Q%s %s; drawn on the quarter's first day)" % (m.group(2), m.group(1)))
    m = re.fullmatch(r"(\d{4})", d)
    if m:
        return d + "-01-01", "(year only: %s; drawn on 1 January)" % d
    raise SystemExit("cannot map event date %r" % d)


# ---------------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------------

def convert(value, factor):
    """Multiply exactly in decimal; return an int when the result is whole."""
    d = Decimal(repr(value)) * factor
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def decimals_of(value):
    if isinstance(value, int):
        return 0
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    if "." not in text:
        return 0
    frac = text.split(".", 1)[1].rstrip("0")
    return len(frac)


def slugify(title, limit=56):
    s = title.lower().replace("&", " and ")
    s = re.sub(r"['\u2019]", "", s)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > limit:
        s = s[:limit]
        if "-" in s:
            s = s[:s.rfind("-")]
    return s.strip("-") or "source"


DATE_RE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def auto_publisher(title):
    m = re.search(r"\(([^()]*)\)\s*$", title)
    if not m:
        return None
    text = DATE_RE.sub("", m.group(1))
    text = re.sub(r",\s*$", "", text.strip()).strip(" ,")
    return text or None


def build(research):
    rows = research["observations"]
    profiles = {p["name"]: p for p in research["platforms"]}
    entity_ids = [e[0] for e in ENTITIES]
    for eid, pname, _ in ENTITIES:
        if pname is not None and pname not in profiles:
            raise SystemExit("no research profile named %r" % pname)
    if len(profiles) != sum(1 for e in ENTITIES if e[1] is not None):
        raise SystemExit("a research platform profile has no entity")

    # --- which rows are left out, and which row keys the per-row tables use ---
    def row_key(r):
        key = (r["entity"], r["metric"], r["region"], r["period"], r["value"])
        key6 = key + (r["source_url"],)
        return key6 if (key6 in LEFT_OUT or key6 in EXTRA_NOTES) else key

    kept = [(i, r) for i, r in enumerate(rows) if row_key(r) not in LEFT_OUT]

    # --- sources: one per page and kind of figure (a page cited under several titles is one
    # source; a page with a company's figures and a third party's estimates is two) ---
    by_url = OrderedDict()
    for i, r in kept:
        by_url.setdefault(r["source_url"], []).append(r)
    source_of = {}           # (url, kind) -> source record
    source_rows = {}         # source id -> its research rows
    sources = []
    used_ids = set()
    unused_relay = set(RELAY_OF_OVERRIDES)
    unused_third = set(RELAY_OF_THIRD_PARTY)
    unused_attr = set(ATTRIBUTION)
    first_title = {}
    for r in rows:  # the title of a page's first row in the research, left-out rows included
        first_title.setdefault(r["source_url"], r["source_title"])
    for url, rs in by_url.items():
        title = SOURCE_TITLE_OVERRIDES.get(url, first_title[url])
        base = slugify(title)
        kinds = Counter(SOURCE_KIND[r["source_type"]] for r in rs)
        ordered = sorted(kinds.items(), key=lambda kv: (-kv[1], KIND_ORDER.index(kv[0])))
        for n_kind, (kind, _) in enumerate(ordered):
            krows = [r for r in rs if SOURCE_KIND[r["source_type"]] == kind]
            sid, stitle = base, title
            if n_kind > 0:
                suffix, words = SPLIT_SUFFIX[kind]
                # ids are at most 64 characters: the page's slug is shortened to leave room
                sid = "%s-%s" % (slugify(title, 63 - len(suffix)), suffix)
                stitle = "%s \u2014 %s" % (title, words)
            b, n = sid, 2
            while sid in used_ids:
                sid = "%s-%d" % (b, n)
                n += 1
            used_ids.add(sid)
            src = OrderedDict([("id", sid), ("title", stitle)])
            pub = PUBLISHER_OVERRIDES.get(url) or auto_publisher(title)
            if pub:
                src["publisher"] = pub
            src["url"] = url
            dates = DATE_RE.findall(title)
            if dates:
                src["date"] = dates[-1]
            src["kind"] = kind
            relay = None
            if kind == "company-reported":
                if not any(h in url for h in PRIMARY_HOSTS):
                    relay = company_relay_of(url, krows)
                    unused_relay.discard(url)
            elif (url, kind) in RELAY_OF_THIRD_PARTY:
                relay = RELAY_OF_THIRD_PARTY[(url, kind)]
                unused_third.discard((url, kind))
            if relay:
                src["relay_of"] = relay
                src["checked"] = False  # the research checked no relay against its original
            if (url, kind) in ATTRIBUTION:
                src["attribution"] = ATTRIBUTION[(url, kind)]
                unused_attr.discard((url, kind))
            sources.append(src)
            source_of[(url, kind)] = src
            source_rows[sid] = krows

    # --- observations ---
    observations = []
    left_out = []
    seen = {}
    unused_left_out = set(LEFT_OUT)
    unused_extra = set(EXTRA_NOTES)
    unused_bounds = set(BOUND_REVIEW)
    unused_period_metric = set(PERIOD_METRIC)
    bound_review = []
    for index, r in enumerate(rows):
        key = row_key(r)
        words = bound_words(r)
        if words:
            if key not in BOUND_REVIEW:
                raise SystemExit("row %d: bound words %r are not reviewed in BOUND_REVIEW"
                                 % (index, words))
        elif key in BOUND_REVIEW:
            raise SystemExit("row %d: BOUND_REVIEW entry but no bound word" % index)
        bound, reason = BOUND_REVIEW.get(key, (None, None))
        unused_bounds.discard(key)
        if key in LEFT_OUT:
            unused_left_out.discard(key)
            left_out.append((index, r, LEFT_OUT[key]))
            if words:
                bound_review.append(dict(row=index, words=words, bound=bound, reason=reason,
                                         observation=None))
            continue
        eid = ENTITY_FROM_RESEARCH[r["entity"]]
        mid = METRIC_FROM_RESEARCH[(r["entity"], r["metric"])]
        if (r["period"], mid) in PERIOD_METRIC:
            unused_period_metric.discard((r["period"], mid))
            mid = PERIOD_METRIC[(r["period"], mid)]
        elif any(p == r["period"] for p, _ in PERIOD_METRIC):
            raise SystemExit("row %d: period %r decides the metric, but not for %s"
                             % (index, r["period"], mid))
        met = M[mid]
        region, region_note = map_region(r["region"], eid)
        mp = map_period(r["period"])
        if mp is None:
            raise SystemExit("row %d: period %r cannot be placed and is not in LEFT_OUT"
                             % (index, r["period"]))
        period, period_note = mp
        notes = []
        if region_note:
            notes.append(region_note)
        if period_note:
            notes.append(period_note)
        unit = r["unit"]
        base = unit.split(" (")[0].strip()
        value = r["value"]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SystemExit("row %d: value is not a number" % index)
        if unit in UNIT_NOTES:
            notes.append(UNIT_NOTES[unit])
        elif unit != base:
            raise SystemExit("row %d: unit qualifier %r has no note" % (index, unit))
        if base != met["base"]:
            conv = CONVERSIONS.get((base, met["base"]))
            if conv is None:
                raise SystemExit("row %d: unit %r does not fit metric %s (%s)"
                                 % (index, unit, mid, met["base"]))
            factor, word, target = conv
            new_value = convert(value, factor)
            notes.append("The source states %s %s; converted to %s (\u00d7%d)."
                         % (_fmt(value), word, target, factor))
            value = new_value
        if bound and not any("bound" in n for n in notes):
            notes.append("A %s bound: %s" % (bound, reason))
        if key in EXTRA_NOTES:
            unused_extra.discard(key)
            notes.append(EXTRA_NOTES[key])
        if r["source_url"] in SPAM_RELAYS:
            notes.append(SPAM_RELAYS[r["source_url"]])
        src = source_of[(r["source_url"], SOURCE_KIND[r["source_type"]])]
        if r["source_title"] != src["title"] and not src["title"].startswith(r["source_title"]
                                                                            + " \u2014 "):
            notes.append("Cited in the research as '%s'." % r["source_title"])
        notes.append("Research confidence: %s." % r["confidence"].rstrip("."))
        obs = OrderedDict([
            ("entity", eid), ("metric", mid), ("region", region), ("period", period),
            ("value", value)])
        if bound:
            obs["bound"] = bound
        obs["source"] = src["id"]
        obs["confidence"] = confidence_of(r)
        certainty = certainty_of(r)
        if certainty:
            obs["certainty"] = certainty
        obs["note"] = " ".join(notes)
        k = (eid, mid, region, period)
        if k in seen:
            raise SystemExit("rows %d and %d map to the same key %r" % (seen[k], index, k))
        seen[k] = index
        observations.append(obs)
        if words:
            bound_review.append(dict(row=index, words=words, bound=bound, reason=reason,
                                     observation=dict(entity=eid, metric=mid, region=region,
                                                      period=period)))
    for phrase, _ in CERTAINTY_FROM_CONFIDENCE:
        if not any(phrase in r["confidence"] for _, r in kept):
            raise SystemExit("CERTAINTY_FROM_CONFIDENCE phrase %r matches no row" % phrase)

    # --- events ---
    events = []
    source_of_url = {}
    for (url, kind), src in source_of.items():
        source_of_url.setdefault(url, src)  # the page's main source (its most common kind)
    unused_event_dates = set(EVENT_DATES)
    unused_event_notes = set(EVENT_SOURCE_NOTES)
    for ev in research["events"]:
        date, precision = map_event_date(ev["date"])
        when = EVENT_DATES.get((ev["date"], ev["entity"]))
        if when:
            unused_event_dates.discard((ev["date"], ev["entity"]))
            date, precision = when[0], None
        main = ENTITY_FROM_EVENT[ev["entity"]]
        extra_entities, regions = EVENT_LINKS[(ev["date"], ev["entity"])]
        url = ev["source_url"]
        if url in source_of_url:
            src = source_of_url[url]
        else:
            src = OrderedDict([("id", slugify(ev["source_title"])), ("title", ev["source_title"])])
            if src["id"] in used_ids:
                raise SystemExit("event source id clash: %s" % src["id"])
            used_ids.add(src["id"])
            pub = PUBLISHER_OVERRIDES.get(url) or auto_publisher(ev["source_title"])
            if pub:
                src["publisher"] = pub
            src["url"] = url
            dates = DATE_RE.findall(ev["source_title"])
            if dates:
                src["date"] = dates[-1]
            src["kind"] = EVENT_SOURCE_KIND[url]
            if (url, src["kind"]) in RELAY_OF_THIRD_PARTY:
                src["relay_of"] = RELAY_OF_THIRD_PARTY[(url, src["kind"])]
                src["checked"] = False
                unused_third.discard((url, src["kind"]))
            sources.append(src)
            source_of_url[url] = src
        detail = []
        if ev["details"]:
            detail.append(ev["details"].strip())
        if precision:
            detail.append("Date " + precision + ".")
        if when:
            detail.append(when[1])
        if url in EVENT_SOURCE_NOTES:
            unused_event_notes.discard(url)
            detail.append(EVENT_SOURCE_NOTES[url])
        detail.append("Research confidence: %s." % ev["confidence"].rstrip("."))
        e = OrderedDict([("date", date), ("title", ev["event"]), ("detail", " ".join(detail)),
                         ("entities", [main] + [x for x in extra_entities if x != main])])
        if regions:
            e["regions"] = list(regions)
        e["source"] = src["id"]
        events.append(e)
    events.sort(key=lambda e: (e["date"], e["title"]))
    stale = [unused_left_out, unused_extra, unused_bounds, unused_period_metric, unused_relay,
             unused_third, unused_attr, unused_event_dates, unused_event_notes]
    if any(stale):
        raise SystemExit("stale table keys (LEFT_OUT, EXTRA_NOTES, BOUND_REVIEW, PERIOD_METRIC, "
                         "RELAY_OF_OVERRIDES, RELAY_OF_THIRD_PARTY, ATTRIBUTION, EVENT_DATES, "
                         "EVENT_SOURCE_NOTES): %r" % (stale,))

    # --- entities ---
    entities = []
    for eid, pname, fields in ENTITIES:
        e = OrderedDict([("id", eid)])
        for f in ("name", "native_name", "parent", "owner", "hq_country", "category", "launched",
                  "color", "note"):
            if f in fields:
                e[f] = fields[f]
        if pname is not None:
            p = profiles[pname]
            if p.get("launch_year") is not None and e.get("launched") not in (p["launch_year"],):
                raise SystemExit("entity %s: launch year differs from the research" % eid)
            extra = "Type in the research: %s." % p["type"]
            e["note"] = (e["note"] + " " + extra) if "note" in e else extra
        if e.get("parent") and e["parent"] not in entity_ids:
            raise SystemExit("entity %s: unknown parent" % eid)
        entities.append(e)

    # --- regions ---
    regions = []
    for rid, name, countries, world, note in REGIONS:
        reg = OrderedDict([("id", rid), ("name", name)])
        if countries is not None:
            reg["countries"] = sorted(countries)
        if world:
            reg["world"] = True
        if note:
            reg["note"] = note
        regions.append(reg)

    # --- metrics (decimals: the most decimals any of its values has) ---
    used_metrics = {o["metric"] for o in observations}
    metrics = []
    for mid, m in M.items():
        if mid not in used_metrics:
            raise SystemExit("metric %s has no observations" % mid)
        dec = m["decimals"]
        if dec is None:
            dec = max(decimals_of(o["value"]) for o in observations if o["metric"] == mid)
        if (mid in FLOW_METRICS) == (mid in LEVEL_METRICS):
            raise SystemExit("metric %s must be in exactly one of FLOW_METRICS, LEVEL_METRICS" % mid)
        aggregate = "none" if mid in NOT_ADDITIVE_OVER_REGIONS else m["aggregate"]
        rec = OrderedDict([("id", mid), ("name", m["name"]), ("unit", m["unit"]),
                           ("definition", m["definition"]), ("aggregate", aggregate)])
        if m["better"] != "higher":
            rec["better"] = m["better"]
        rec["decimals"] = min(dec, 6)
        rec["period_kind"] = "flow" if mid in FLOW_METRICS else "level"
        if mid in SUM_ACROSS_ENTITIES:
            if mid not in FLOW_METRICS or aggregate != "sum":
                raise SystemExit("metric %s: only money flows that add up are summed across "
                                 "entities" % mid)
            rec["sum_across_entities"] = True
        if mid in AS_OF_LIMITS:
            rec["as_of_limit"] = dict(AS_OF_LIMITS[mid])
        metrics.append(rec)
    for table in (FLOW_METRICS, LEVEL_METRICS, SUM_ACROSS_ENTITIES, NOT_ADDITIVE_OVER_REGIONS,
                  set(AS_OF_LIMITS)):
        if table - set(M):
            raise SystemExit("unknown metric ids in a metric table: %r" % sorted(table - set(M)))

    # --- order ---
    region_order = {r["id"]: i for i, r in enumerate(regions)}
    observations.sort(key=lambda o: (o["entity"], o["metric"], region_order[o["region"]],
                                     period_key(o["period"])))
    used_sources = {o["source"] for o in observations} | {e["source"] for e in events}
    sources = sorted((s for s in sources if s["id"] in used_sources), key=lambda s: s["id"])

    doc = OrderedDict(HEADER)
    doc["caveats"] = CAVEATS
    doc["regions"] = regions
    doc["entities"] = entities
    doc["metrics"] = metrics
    doc["sources"] = sources
    doc["observations"] = observations
    doc["events"] = events
    return doc, left_out, bound_review


def quality_of(src):
    """The source quality the core derives (dataset.cpp QualityOf), for the report."""
    if src.get("kind") in ("third-party-estimate", "analyst-estimate"):
        return "estimate"
    if src.get("relay_of"):
        return "relay-checked" if src.get("checked") else "relay-unchecked"
    return {"company-reported": "primary", "media-report": "media"}.get(src.get("kind"), "other")


def report(doc, left_out, bound_review):
    """Counts for people (--report): what the comparability fields say about this dataset."""
    obs = doc["observations"]
    kind_of = {m["id"]: m["period_kind"] for m in doc["metrics"]}
    src = {s["id"]: s for s in doc["sources"]}
    series = {}
    for o in obs:
        g = "year" if len(o["period"]) == 4 else "quarter" if "Q" in o["period"] else \
            "month" if len(o["period"]) == 7 else "day"
        series.setdefault((o["metric"], o["entity"], o["region"]), set()).add(g)
    mixed = Counter()
    for (m, e, r), gs in series.items():
        if len(gs) > 1:
            mixed[m] += 1
    mixed_flow = {m: n for m, n in sorted(mixed.items()) if kind_of[m] == "flow"}
    mixed_level = {m: n for m, n in sorted(mixed.items()) if kind_of[m] == "level"}
    return OrderedDict([
        ("observations", len(obs)),
        ("left_out", len(left_out)),
        ("metrics_by_period_kind", dict(Counter(kind_of.values()))),
        ("metrics_summed_across_entities",
         sorted(m["id"] for m in doc["metrics"] if m.get("sum_across_entities"))),
        ("series_mixing_granularities", sum(mixed.values())),
        ("series_mixing_granularities_flow", mixed_flow),
        ("series_mixing_granularities_level", mixed_level),
        ("bound_words_reviewed", len(bound_review)),
        ("bounds", dict(Counter(o["bound"] for o in obs if "bound" in o))),
        ("bound_words_not_bounds", sum(1 for b in bound_review if b["bound"] is None)),
        ("certainty", dict(Counter(o["certainty"] for o in obs if "certainty" in o))),
        ("values_by_source_quality", dict(Counter(quality_of(src[o["source"]]) for o in obs))),
        ("values_by_confidence", dict(Counter(o["confidence"] for o in obs))),
        ("sources_by_quality", dict(Counter(quality_of(s) for s in doc["sources"]))),
        ("values_with_attribution", sum(1 for o in obs if "attribution" in src[o["source"]])),
        ("sources_with_attribution", sum(1 for s in doc["sources"] if "attribution" in s)),
        ("unchecked_relay_values_by_metric", dict(sorted(Counter(
            o["metric"] for o in obs if quality_of(src[o["source"]]) == "relay-unchecked").items()))),
    ])


def _fmt(v):
    return repr(v) if isinstance(v, float) else str(v)


def period_key(p):
    """Sort key: start of the period, then coarser periods first."""
    y = int(p[:4])
    if len(p) == 4:
        return (y, 1, 1, 0)
    if p[5] == "Q":
        return (y, 3 * (int(p[6]) - 1) + 1, 1, 1)
    if len(p) == 7:
        return (y, int(p[5:7]), 1, 2)
    return (y, int(p[5:7]), int(p[8:10]), 3)


# ---------------------------------------------------------------------------------------------
# Output: indented by two spaces; each record of an array on one line so that a person can read
# and diff the file row by row.
# ---------------------------------------------------------------------------------------------

def dumps_compact(v):
    return json.dumps(v, ensure_ascii=False, separators=(", ", ": "), allow_nan=False)


def render(doc):
    lines = ["{"]
    items = list(doc.items())
    for i, (k, v) in enumerate(items):
        comma = "," if i + 1 < len(items) else ""
        key = json.dumps(k, ensure_ascii=False)
        if isinstance(v, list):
            if not v:
                lines.append("  %s: []%s" % (key, comma))
                continue
            lines.append("  %s: [" % key)
            for j, item in enumerate(v):
                c = "," if j + 1 < len(v) else ""
                lines.append("    " + dumps_compact(item) + c)
            lines.append("  ]" + comma)
        else:
            lines.append("  %s: %s%s" % (key, dumps_compact(v), comma))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", nargs="?", default=DEFAULT_INPUT,
                    help="research file (default: data/research/platform_data.json)")
    ap.add_argument("--output", default=DEFAULT_OUTPUT, help="file to write or check")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the output file differs from a fresh build")
    ap.add_argument("--left-out", action="store_true",
                    help="print the research rows left out, with the reason, and exit")
    ap.add_argument("--bound-review", action="store_true",
                    help="print, as JSON, every research row with a bound word and the decision")
    ap.add_argument("--report", action="store_true",
                    help="print, as JSON, counts of what the comparability fields say")
    args = ap.parse_args(argv)

    if not os.path.exists(args.input):
        print("build_landscape: research file not found: %s" % args.input, file=sys.stderr)
        return 2
    with open(args.input, encoding="utf-8") as f:
        research = json.load(f)
    doc, left_out, bound_review = build(research)
    text = render(doc)
    # The rendered text must be valid JSON that reads back to the same document.
    if json.loads(text) != json.loads(json.dumps(doc)):
        raise SystemExit("render() does not round-trip")

    if args.bound_review:
        print(json.dumps(bound_review, ensure_ascii=False, indent=1))
        return 0
    if args.report:
        print(json.dumps(report(doc, left_out, bound_review), ensure_ascii=False, indent=1))
        return 0

    if args.left_out:
        for index, r, reason in left_out:
            print("%d\t%s\t%s\t%s\t%s\t%s\t%s" % (index, r["entity"], r["metric"], r["region"],
                                                  r["period"], r["value"], reason))
        return 0

    if args.check:
        try:
            with open(args.output, encoding="utf-8", newline="") as f:
                current = f.read()
        except OSError as e:
            print("build_landscape: cannot read %s: %s" % (args.output, e), file=sys.stderr)
            return 1
        if current != text:
            a, b = current.splitlines(), text.splitlines()
            line = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            print("build_landscape: %s is out of date (first difference at line %d); run "
                  "python3 data/build_landscape.py" % (os.path.relpath(args.output), line + 1),
                  file=sys.stderr)
            return 1
        print("build_landscape: %s is up to date (%d observations)"
              % (os.path.relpath(args.output), len(doc["observations"])))
        return 0

    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("build_landscape: wrote %s: %d observations (%d left out), %d regions, %d entities, "
          "%d metrics, %d sources, %d events"
          % (os.path.relpath(args.output), len(doc["observations"]), len(left_out),
             len(doc["regions"]), len(doc["entities"]), len(doc["metrics"]), len(doc["sources"]),
             len(doc["events"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
