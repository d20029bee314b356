"""The demo in Chinese (issue 21): names, and the seed briefing's Chinese version.

Written in the project's own words from the same facts as the English demo
(figures, dates and names carry over; no sentence is taken from elsewhere).
Units keep the English unit's scale: 10 "trillion yuan" is 10 "万亿元".
"""

MIIT_ZH = "工业和信息化部"

TOPICS_ZH = {
    "digital-economy": ("数字经济", "数字经济的规模、位次与治理。"),
    "industrial-internet": ("工业互联网", "工厂里的5G网络与工业的数字化转型。"),
    "telecom-infrastructure": ("通信基础设施", "5G、千兆光纤网络与算力设施。"),
    "intelligent-manufacturing": (
        "智能制造",
        "数字化控制、数字化设计工具与解决方案供应商。",
    ),
    "data-governance": ("数据治理", "作为生产要素的数据：标准与流通。"),
}

# slug: (name, position)
SPEAKERS_ZH = {
    "wang-peng": ("王鹏", "信息通信管理局负责人"),
    "wang-zhijun": ("王志军", "工业和信息化部副部长"),
    "lu-shan": ("鲁山", "规划司司长"),
    "wen-ku": ("闻库", "信息通信发展司司长、新闻发言人"),
    "tian-yulong": ("田玉龙", "新闻发言人、总工程师"),
    "zhao-zhiguo": ("赵志国", "新闻发言人、信息通信管理局局长"),
    "xie-shaofeng": ("谢少锋", "信息技术发展司司长"),
    "xin-guobin": ("辛国斌", "工业和信息化部副部长"),
    "xu-xiaolan": ("徐晓兰", "工业和信息化部副部长"),
    "han-xia": ("韩夏", "总工程师"),
    "zhang-yunming": ("张云明", "工业和信息化部副部长"),
    "tao-qing": ("陶青", "新闻发言人、运行监测协调局局长"),
}

# slug: (name, unit, description)
INDICATORS_ZH = {
    "digital-industry-revenue": (
        "电子信息制造业、软件业、通信业和互联网业务收入",
        "万亿元",
        "电子信息制造、软件、通信和互联网四个行业的业务收入合计。",
    ),
    "5g-industrial-internet-projects": (
        "在建“5G+工业互联网”项目",
        "个",
        "“5G+工业互联网”512工程的在建项目，累计数。",
    ),
    "new-5g-industrial-internet-projects": (
        "新增“5G+工业互联网”项目",
        "个",
        "期内新增的512工程项目。",
    ),
    "intelligent-manufacturing-solution-providers": (
        "智能制造系统解决方案供应商",
        "家",
        "智能制造工程培育的系统解决方案供应商。",
    ),
    "manufacturing-covered-by-solution-providers": (
        "解决方案供应商服务的制造业行业占比",
        "%",
        "智能制造解决方案供应商服务范围覆盖的制造业行业比例。",
    ),
    "key-process-numerical-control-rate": (
        "关键工序数控化率",
        "%",
        "规模以上工业企业关键工序的数控化率。",
    ),
    "digital-rd-design-tool-penetration": (
        "数字化研发设计工具普及率",
        "%",
        "规模以上工业企业数字化研发设计工具的普及率。",
    ),
    "digital-economy-world-rank": (
        "我国数字经济规模世界排名",
        "位",
        "按规模计，我国数字经济在世界各经济体中的位次。",
    ),
    "5g-base-stations": ("5G基站总数", "个", "全国已建成并开通的5G基站总数（存量）。"),
    "5g-base-stations-added": ("当年新建5G基站", "个", "一年内新建的5G基站（增量）。"),
    "5g-industrial-internet-projects-launched": (
        "当年启动的“5G+工业互联网”项目",
        "个",
        "一年内启动的项目，与在建项目数分开统计。",
    ),
    "industrial-internet-platforms": (
        "具有全国影响力的工业互联网平台",
        "个",
        "工业和信息化部所称具有影响力的平台。",
    ),
    "key-process-numerical-control-rate-all-enterprises": (
        "关键工序数控化率（全部工业企业）",
        "%",
        "不限于规模以上企业的工业企业关键工序数控化率。",
    ),
    "digital-rd-design-tool-penetration-all-enterprises": (
        "数字化研发设计工具普及率（全部工业企业）",
        "%",
        "不限于规模以上企业的工业企业数字化研发设计工具普及率。",
    ),
    "software-it-services-revenue": (
        "软件和信息技术服务业收入",
        "十亿元",
        "软件和信息技术服务业全年业务收入。",
    ),
    "digital-economy-scale": ("我国数字经济规模", "万亿元", "全年数字经济规模。"),
    "digital-economy-share-of-gdp": (
        "数字经济占国内生产总值比重",
        "%",
        "数字经济规模占国内生产总值的比重。",
    ),
}

# slug: (title, description)
ACTIONS_ZH = {
    "2022-07-core-technologies-digital-industry": (
        "加强核心技术攻关，推动数字产业创新发展",
        "实施创新驱动发展战略，掌握关键核心技术，突破“卡脖子”领域，"
        "培育有竞争力的生态主导型企业，提升产业链供应链韧性和竞争力。",
    ),
    "2022-07-network-layout-digital-infrastructure": (
        "优化网络布局，加快新型数字基础设施建设",
        "适度超前建设5G和千兆光纤网络，实施工业互联网创新发展工程，"
        "统筹布局绿色智能的数据与算力设施。",
    ),
    "2022-07-integrate-digital-and-real-economy": (
        "满足行业应用需求，促进数字经济与实体经济融合",
        "开展制造业数字化转型和中小企业数字化赋能行动，拓展工业大数据应用场景，"
        "培育专精特新中小企业和单项冠军企业，推动大中小企业融通发展。",
    ),
    "2022-07-data-as-factor-of-production": (
        "激发数据要素价值",
        "支持央企和互联网企业开放市场急需的数据，选择部分地区和行业试点数据管理国家标准，"
        "提升数据供给的数量和质量，发布数据要素应用场景指引。",
    ),
    "2022-07-digital-economy-governance": (
        "加强数字经济治理，营造良好产业生态",
        "健全制度、加强监管、保障安全，提升治理能力；深化国际合作，"
        "营造开放、公平、公正、非歧视的数字经济发展环境。",
    ),
    "2021-01-extend-5g-coverage": (
        "2021年再建60万个5G基站，扩大5G覆盖",
        "新建60万个5G基站，在条件具备的县城和乡镇延伸5G网络，"
        "并为工业、能源、交通、医疗和教育建设网络。",
    ),
    "2021-01-strengthen-5g-innovation": (
        "加强5G创新",
        "2021年工作的第二个方面；所依据的报道未给出细节。",
    ),
}

# (action slug, evidence text slug): note
UPDATES_ZH = {
    ("2021-01-extend-5g-coverage", "scio-industry-it-2021"): (
        "2021年底5G基站超过140万个。发布会未说明当年新建数量，"
        "因此60万个的目标是否完成尚无说法。"
    ),
    (
        "2022-07-network-layout-digital-infrastructure",
        "5g-industrial-internet-conference-2022",
    ): ("2022年11月：5G基站超过222万个，在建“5G+工业互联网”项目超过4000个。"),
    ("2022-07-network-layout-digital-infrastructure", "scio-industry-it-2023"): (
        "2023年底：5G基站337.7万个，具备千兆服务能力的端口2302万个，"
        "“5G+工业互联网”项目超过1万个。"
    ),
    ("2022-07-integrate-digital-and-real-economy", "qiushi-digital-and-real-economy"): (
        "截至2023年6月：关键工序数控化率60.1%，数字化研发设计工具普及率78.3%"
        "（口径为“工业企业”，未说明规模）。"
    ),
}

SEED_ZH = {
    "slug": "miit-digital-economy-first-half-2022-zh",
    "title": "2022年上半年数字产业收入超过10万亿元，5G和千兆光网建设继续推进",
    "organizer": "国务院新闻办公室",
    "source_name": "IT之家",
    "summary": (
        "在国务院新闻办公室关于2022年上半年工业和信息化发展情况的发布会上，"
        "工业和信息化部王鹏介绍：1-6月电子信息制造业、软件业、通信业和互联网"
        "收入合计超过10万亿元，“5G+工业互联网”在建项目超过3100个，"
        "并提出下一步五个方面的工作。"
    ),
    "body": """\
国务院新闻办公室上午举行发布会，介绍2022年上半年工业和信息化发展情况。
工业和信息化部信息通信管理局负责人**王鹏**表示，我国数字经济规模已连续多年
位居世界第二，对经济增长的带动作用持续增强。

## 上半年的情况

**数字产业保持增长。** 网上购物、在线教育、远程医疗等“非接触经济”需求上升，
数字产业发展势头良好。1-6月，电子信息制造业、软件业、通信业和互联网合计
收入超过10万亿元。

**产业数字化加快。** 新一代信息技术与制造业融合不断深化，工业互联网稳步推进。
“5G+工业互联网”512工程中，在建项目超过3100个，其中二季度新增700个。
智能制造工程培育的系统解决方案供应商超过6000家，服务范围覆盖九成以上的
制造业行业。规模以上工业企业关键工序数控化率达到55.7%，数字化研发设计工具
普及率达到75.1%。

## 下一步的五个方面

王鹏说，工业和信息化部将重点做好五个方面的工作，为数字经济发展营造良好的
政策环境：

1. **核心技术。** 实施创新驱动发展战略，掌握关键核心技术，突破“卡脖子”环节，
   培育生态主导型企业，增强产业链供应链韧性。
2. **网络与新型数字基础设施。** 适度超前建设5G和千兆光纤网络，推进工业互联网
   工程，统筹布局绿色智能的数据和算力设施。
3. **数实融合。** 开展制造业和中小企业数字化转型行动，拓展工业大数据应用，
   培育专精特新中小企业和单项冠军企业，促进大中小企业融通发展。
4. **数据要素。** 鼓励央企和互联网企业开放市场所需数据，试点数据管理国家标准，
   提升数据供给的数量和质量，发布数据应用场景指引。
5. **数字经济治理。** 健全制度、加强监管、保障安全，深化国际合作，营造开放、
   公平、非歧视的数字发展环境。
""",
}
