"""Word lists the detectors use: job titles, organisation words, places, free-mail domains.

Small and hand-made on purpose: the reviewer must work offline, and a finding must be explainable
("this looks like a job title because it ends in 工程师").
"""

from __future__ import annotations

FREE_MAIL_DOMAINS = frozenset([
    'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com', 'msn.com',
    'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'ymail.com', 'icloud.com', 'me.com', 'mac.com',
    'aol.com', 'protonmail.com', 'proton.me', 'pm.me', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de',
    'mail.com', 'zoho.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'tutanota.com', 'tuta.io',
    'fastmail.com', 'hey.com', 'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com',
    'sina.cn', 'sohu.com', '139.com', '189.cn', 'aliyun.com', 'wo.cn', 'naver.com', 'daum.net',
    'hanmail.net', 'btinternet.com', 'sky.com', 'virginmedia.com',
])

# Seniority and function words that may precede a title head word (English).
EN_TITLE_MODIFIERS = [
    'senior', 'junior', 'principal', 'staff', 'lead', 'chief', 'head', 'deputy', 'assistant', 'associate',
    'executive', 'distinguished', 'visiting', 'adjunct', 'graduate', 'trainee', 'intern', 'acting',
    'interim', 'regional', 'global', 'group', 'general', 'managing',
]

# Words that end an English job title.
EN_TITLE_HEADS = [
    'engineer', 'engineers', 'manager', 'director', 'scientist', 'researcher', 'analyst', 'officer',
    'professor', 'lecturer', 'consultant', 'architect', 'developer', 'designer', 'technician',
    'administrator', 'coordinator', 'specialist', 'advisor', 'adviser', 'president', 'vice-president',
    'chairman', 'chairwoman', 'chair', 'founder', 'co-founder', 'cofounder', 'partner', 'associate',
    'fellow', 'economist', 'statistician', 'physicist', 'chemist', 'biologist', 'mathematician',
    'programmer', 'tester', 'nurse', 'physician', 'surgeon', 'doctor', 'pharmacist', 'lawyer', 'attorney',
    'solicitor', 'barrister', 'counsel', 'paralegal', 'accountant', 'auditor', 'controller', 'treasurer',
    'secretary', 'clerk', 'editor', 'journalist', 'reporter', 'writer', 'producer', 'recruiter',
    'strategist', 'planner', 'inspector', 'investigator', 'instructor', 'teacher', 'tutor', 'supervisor',
    'foreman', 'operator', 'pilot', 'navigator', 'commander', 'captain', 'lieutenant', 'sergeant',
    'colonel', 'ambassador', 'diplomat', 'attache', 'minister', 'envoy', 'intern',
    'apprentice', 'student', 'candidate', 'postdoc', 'curator', 'librarian', 'evangelist', 'owner',
    'representative', 'agent', 'broker', 'trader', 'marketer',
]

EN_TITLE_ACRONYMS = [
    'CEO', 'CTO', 'CFO', 'COO', 'CIO', 'CISO', 'CSO', 'CMO', 'CPO', 'CDO', 'VP', 'SVP', 'EVP', 'AVP',
    'MD', 'GM', 'PM', 'TPM', 'SRE', 'SDE', 'SWE',
]

# Words that often sit between a modifier and a head: "Senior *Software* Engineer".
EN_TITLE_FIELDS = [
    'software', 'hardware', 'systems', 'system', 'data', 'research', 'product', 'program', 'programme',
    'project', 'test', 'quality', 'security', 'network', 'cloud', 'infrastructure', 'platform', 'site',
    'reliability', 'machine', 'learning', 'ml', 'ai', 'computational', 'embedded', 'firmware',
    'electrical', 'electronic', 'mechanical', 'civil', 'chemical', 'aerospace', 'structural', 'design',
    'ux', 'ui', 'user', 'experience', 'interface', 'front-end', 'frontend', 'back-end', 'backend',
    'full-stack', 'fullstack', 'devops', 'mobile', 'web', 'application', 'applications', 'solutions',
    'sales', 'marketing', 'account', 'business', 'finance', 'financial', 'operations', 'technical',
    'technology', 'information', 'intelligence', 'policy', 'legal', 'communications', 'content',
    'clinical', 'medical', 'safety', 'case', 'process', 'flight', 'propulsion', 'radar', 'signal',
    'processing', 'penetration', 'compliance', 'risk', 'export', 'controls', 'supply', 'chain',
    'procurement', 'hr', 'human', 'resources', 'people', 'talent', 'customer', 'success', 'support',
    'field', 'service', 'staff', 'development', 'quantum',
]

EN_ORG_SUFFIXES = [
    'Inc', 'Inc.', 'Incorporated', 'Ltd', 'Ltd.', 'Limited', 'LLC', 'LLP', 'LP', 'PLC', 'plc', 'Corp',
    'Corp.', 'Corporation', 'Company', 'Co', 'Co.', 'GmbH', 'AG', 'SA', 'S.A.', 'SAS', 'SARL', 'BV',
    'B.V.', 'NV', 'N.V.', 'AB', 'ASA', 'Oy', 'KK', 'Pty', 'SpA', 'S.p.A.', 'SE', 'University',
    'Institute', 'Institution', 'Laboratory', 'Laboratories', 'Lab', 'Labs', 'Agency', 'Ministry',
    'Department', 'Bureau', 'Foundation', 'Group', 'Technologies', 'Technology', 'Systems', 'Solutions',
    'Academy', 'College', 'Hospital', 'Council', 'Centre', 'Center', 'Authority', 'Office', 'Trust',
    'Society', 'Association', 'Commission', 'Service', 'Services', 'Industries', 'Holdings', 'Partners',
    'Consulting', 'Dynamics', 'Aerospace', 'Defence', 'Defense', 'Analytics', 'Biotech', 'Photonics',
    'Robotics', 'Networks', 'Energy', 'Electronics', 'Bank', 'Capital', 'Ventures', 'Press', 'Media',
    'School', 'Observatory',
]

# "University of X", "Ministry of X"
EN_ORG_OF_HEADS = [
    'University', 'Ministry', 'Institute', 'Department', 'Bureau', 'Office', 'Academy', 'College',
    'School', 'Federal', 'Court',
]

# Very well-known organisations often written with no suffix at all.
EN_KNOWN_ORGS = [
    'Google', 'Microsoft', 'Amazon', 'Apple', 'Meta', 'Facebook', 'IBM', 'Intel', 'Nvidia', 'NVIDIA',
    'Huawei', 'Alibaba', 'Tencent', 'Baidu', 'ByteDance', 'Siemens', 'Thales', 'Airbus', 'Boeing',
    'Lockheed', 'Raytheon', 'Northrop', 'Rolls-Royce', 'BAE', 'Samsung', 'Oracle', 'Cisco', 'Qualcomm',
    'Netflix', 'Twitter', 'LinkedIn', 'NASA', 'ESA', 'GCHQ', 'MI5', 'MI6', 'NSA', 'CIA', 'FBI', 'DARPA',
    'NATO', 'MoD', 'DoD', 'Deloitte', 'KPMG', 'PwC', 'Accenture', 'McKinsey', 'OpenAI', 'DeepMind',
    'Anthropic', 'Salesforce', 'Adobe', 'SAP', 'Xiaomi',
]

ZH_TITLE_HEADS = [
    '工程师', '经理', '主任', '研究员', '副研究员', '助理研究员', '总监', '主管', '专员', '教授',
    '副教授', '讲师', '助教', '科学家', '分析师',
    '架构师', '设计师', '顾问', '总裁', '副总裁', '董事长', '董事', '总经理', '局长', '副局长', '处长',
    '副处长', '科长', '副科长', '所长',
    '副所长', '院长', '副院长', '部长', '副部长', '主席', '秘书长', '秘书', '助理', '技术员', '博士后',
    '组长', '负责人', '专家', '首席科学家',
    '首席执行官', '首席技术官', '首席财务官', '首席信息官', '首席运营官', '合伙人', '创始人',
    '联合创始人', '律师', '会计师', '医生', '医师', '护士',
    '记者', '编辑', '总编', '主编', '审计师', '精算师', '程序员', '开发者', '调度员', '操作员', '检验员',
    '质检员', '业务员', '销售', '运营',
    '产品经理', '项目经理', '厂长', '车间主任', '班长', '队长', '政委', '参谋', '主任医师', '研究生导师',
    '博士生导师', '书记', '校长', '主任委员',
    '会长', '理事长', '理事', '委员', '审计员', '架构', '专家组长', '测试员', '分析员', '辅导员', '馆员',
    '工程监理', '监理', '站长', '台长',
    '社长', '行长',
]

# Modifiers that may precede a Chinese title head: 高级/资深/首席 + a function word.
ZH_TITLE_MODIFIERS = [
    '高级', '资深', '首席', '主任', '副', '助理', '初级', '中级', '正高级', '常务', '执行', '技术',
    '项目', '产品', '研发', '软件', '硬件',
    '测试', '算法', '数据', '销售', '市场', '人力资源', '财务', '行政', '运维', '安全', '网络', '系统',
    '结构', '设计', '电气', '机械',
    '电子', '结构设计', '硬件测试', '软件开发', '雷达系统', '雷达', '嵌入式', '前端', '后端', '客户',
    '采购', '质量', '工艺', '生产', '技术支持',
    '区域', '大客户', '总体', '工程', '科研', '信息', '通信',
]

ZH_ORG_SUFFIXES = [
    '股份有限公司', '有限责任公司', '有限公司', '集团公司', '集团', '公司', '研究所', '研究院',
    '研究中心', '研究室', '实验室', '重点实验室', '大学',
    '学院', '学校', '中学', '医院', '银行', '委员会', '基金会', '协会', '学会', '中心', '工厂', '总厂',
    '厂', '局', '厅', '部', '院',
    '所', '署', '办公室', '事务所', '出版社', '报社', '电视台', '电台', '军区', '部队', '科学院',
    '工程院', '供电局', '电力公司',
]

# Characters that end the name part before a Chinese organisation suffix (not part of a name).
ZH_ORG_STOP = (
    "我你他她它们在是的任于从和与及曾现目前就职加入担任作毕在读习"
    "，。、；：！？（）《》“”‘’ 　,.;:!?()"
)

ZH_KNOWN_ORGS = [
    '华为', '阿里巴巴', '腾讯', '百度', '字节跳动', '京东', '美团', '小米', '中兴', '联想', '网易',
    '滴滴', '国家电网', '南方电网', '中石油',
    '中石化', '中国移动', '中国联通', '中国电信', '航天科技', '航天科工', '中航工业', '中船重工',
    '中国电科', '中电科', '国防科大', '中科院', '清华',
    '北大',
]

# Cities and regions, with coordinates for the offline "near …" place of a photo.
CITIES: tuple[tuple[str, str, float, float], ...] = (
    ("Beijing", "北京", 39.904, 116.407), ("Shanghai", "上海", 31.230, 121.474),
    ("Shenzhen", "深圳", 22.543, 114.058), ("Guangzhou", "广州", 23.129, 113.264),
    ("Chengdu", "成都", 30.573, 104.066), ("Hangzhou", "杭州", 30.274, 120.155),
    ("Nanjing", "南京", 32.060, 118.797), ("Wuhan", "武汉", 30.593, 114.305),
    ("Xi'an", "西安", 34.342, 108.940), ("Tianjin", "天津", 39.343, 117.362),
    ("Chongqing", "重庆", 29.563, 106.551), ("Suzhou", "苏州", 31.299, 120.585),
    ("Hefei", "合肥", 31.821, 117.227), ("Changsha", "长沙", 28.228, 112.939),
    ("Harbin", "哈尔滨", 45.803, 126.535), ("Shenyang", "沈阳", 41.806, 123.432),
    ("Dalian", "大连", 38.914, 121.615), ("Qingdao", "青岛", 36.067, 120.383),
    ("Jinan", "济南", 36.651, 117.120), ("Xiamen", "厦门", 24.480, 118.089),
    ("Hong Kong", "香港", 22.320, 114.169), ("Macau", "澳门", 22.199, 113.544),
    ("Taipei", "台北", 25.033, 121.565), ("Mianyang", "绵阳", 31.468, 104.679),
    ("London", "伦敦", 51.507, -0.128), ("Manchester", "曼彻斯特", 53.481, -2.243),
    ("Bristol", "布里斯托尔", 51.455, -2.588), ("Birmingham", "伯明翰", 52.486, -1.890),
    ("Edinburgh", "爱丁堡", 55.953, -3.188), ("Glasgow", "格拉斯哥", 55.864, -4.252),
    ("Leeds", "利兹", 53.801, -1.549), ("Cambridge", "剑桥", 52.205, 0.122),
    ("Oxford", "牛津", 51.752, -1.258), ("Cheltenham", "切尔滕纳姆", 51.899, -2.078),
    ("Derby", "德比", 52.923, -1.476), ("Cumbria", "坎布里亚", 54.577, -2.797),
    ("Belfast", "贝尔法斯特", 54.597, -5.930), ("Cardiff", "加的夫", 51.481, -3.179),
    ("Washington", "华盛顿", 38.907, -77.037), ("New York", "纽约", 40.713, -74.006),
    ("San Francisco", "旧金山", 37.775, -122.419), ("Seattle", "西雅图", 47.606, -122.332),
    ("Boston", "波士顿", 42.360, -71.059), ("Chicago", "芝加哥", 41.878, -87.630),
    ("Los Angeles", "洛杉矶", 34.052, -118.244), ("Austin", "奥斯汀", 30.267, -97.743),
    ("Toronto", "多伦多", 43.653, -79.383), ("Ottawa", "渥太华", 45.421, -75.697),
    ("Sydney", "悉尼", -33.869, 151.209), ("Canberra", "堪培拉", -35.281, 149.130),
    ("Melbourne", "墨尔本", -37.814, 144.963), ("Paris", "巴黎", 48.857, 2.352),
    ("Toulouse", "图卢兹", 43.605, 1.444), ("Berlin", "柏林", 52.520, 13.405),
    ("Munich", "慕尼黑", 48.135, 11.582), ("Zurich", "苏黎世", 47.377, 8.541),
    ("Geneva", "日内瓦", 46.204, 6.143), ("Brussels", "布鲁塞尔", 50.850, 4.352),
    ("Amsterdam", "阿姆斯特丹", 52.368, 4.904), ("Stockholm", "斯德哥尔摩", 59.329, 18.069),
    ("Moscow", "莫斯科", 55.756, 37.617), ("Tokyo", "东京", 35.676, 139.650),
    ("Seoul", "首尔", 37.567, 126.978), ("Singapore", "新加坡", 1.352, 103.820),
    ("Tel Aviv", "特拉维夫", 32.085, 34.782), ("Dubai", "迪拜", 25.205, 55.271),
)

# Traditional → simplified for characters common in organisation names and titles, so a declared
# 中国航天科工集团 also finds 中國航天科工集團. (A full converter would be a new dependency.)
TRAD_SIMP = dict(zip(
    "國華學電術資訊軍業號計劃發開廠門長經師員處務會區東島龍雲網絡統級產車機構關係體導實驗組專項設備衛艦鐵銀醫藥點聯職總監營銷廣灣陽範達遠運際們裡後與為來時現當對應傳動習議論顧問題"
    "賽書記辦數據庫據報訓練測試課員財險證農術藝樂園齊態檢驗儀製標準層將單幫帶補協廳縣鄉鎮線紀細終結給絕續綜編緯維羅聖聽興舊藍蘇蘭衝複覽觀規視親認詢試詳語說請諮貿費資賓趙輸轉邊適遺鄭鄧鋼錄鎖長閱陳陸隊隨險雙雜離電靜韓頁領頭顯風飛館駐驗體鬥魯鳥黃齒龍兩嚴喬圖場塊壓壯夢奮妳孫寧寶實寫將尋導層嶺峽幣廢廬張強彈從徵徑恆惡愛態慶憶戰戶執掃護擇擔據擊擴攜攝敗敵斷於時晉書朝東來楊業極樓樣標樹橋機權歐歷歲殘殺氣漢潔潛澤濟濤濱燈營燒爭爾狀獎獨獲瑪環璽產畫當療發盜監盤眾碩確磚禮禦禪種稅穩積窮竊競筆節範築簡糧約紅紐純紙級紛細組經結絲綁經網綱總線緊緒練縣縮績繁織繼續纜聯聞聲職膽臟臨興艦藝藥蘋處號蟲蠶術衛補裝製複見規視覽覺觸計訂討訓記訪設許診證評詞詩話該詳誠誤說課調談請諸論諾謀謂講謝證識譯議護讀變讓貝負財責貢貨販貧購貴貸費賀資賊賓賜賞賣賦質賬賴購贈贏趕趙躍車軌軍軟軸較載輔輕輛輝輯輸辦農這連週進遊運過達違遞遠適遲選遺遼郵鄉鄰醫釋針釣鈴銀銅銘銜銳銷鋁鋒鋪鋼錄錢錦錫錯鍵鍊鍋鎖鎮鏡鐘鐵鑄鑑長門閉開閒間閣閱闆關陣陰陸陽隊階際隨險隱隸雖雙雞雜離難電須頂項順須預領頻題額顏願類顧顯風飄飛飯飲飼飽飾館餘馬馳駐駕驗騎驅體髮鬥鬧魚鮮鳥鳳鳴鴻鵬鶴麥黃點黨齊齡龍龜"
    ,
    "国华学电术资讯军业号计划发开厂门长经师员处务会区东岛龙云网络统级产车机构关系体导实验组专项设备卫舰铁银医药点联职总监营销广湾阳范达远运际们里后与为来时现当对应传动习议论顾问题"
    "赛书记办数据库据报训练测试课员财险证农术艺乐园齐态检验仪制标准层将单帮带补协厅县乡镇线纪细终结给绝续综编纬维罗圣听兴旧蓝苏兰冲复览观规视亲认询试详语说请咨贸费资宾赵输转边适遗郑邓钢录锁长阅陈陆队随险双杂离电静韩页领头显风飞馆驻验体斗鲁鸟黄齿龙两严乔图场块压壮梦奋你孙宁宝实写将寻导层岭峡币废庐张强弹从征径恒恶爱态庆忆战户执扫护择担据击扩携摄败敌断于时晋书朝东来杨业极楼样标树桥机权欧历岁残杀气汉洁潜泽济涛滨灯营烧争尔状奖独获玛环玺产画当疗发盗监盘众硕确砖礼御禅种税稳积穷窃竞笔节范筑简粮约红纽纯纸级纷细组经结丝绑经网纲总线紧绪练县缩绩繁织继续缆联闻声职胆脏临兴舰艺药苹处号虫蚕术卫补装制复见规视览觉触计订讨训记访设许诊证评词诗话该详诚误说课调谈请诸论诺谋谓讲谢证识译议护读变让贝负财责贡货贩贫购贵贷费贺资贼宾赐赏卖赋质账赖购赠赢赶赵跃车轨军软轴较载辅轻辆辉辑输办农这连周进游运过达违递远适迟选遗辽邮乡邻医释针钓铃银铜铭衔锐销铝锋铺钢录钱锦锡错键链锅锁镇镜钟铁铸鉴长门闭开闲间阁阅板关阵阴陆阳队阶际随险隐隶虽双鸡杂离难电须顶项顺须预领频题额颜愿类顾显风飘飞饭饮饲饱饰馆余马驰驻驾验骑驱体发斗闹鱼鲜鸟凤鸣鸿鹏鹤麦黄点党齐龄龙龟"
    , strict=True,
))

# Legal and descriptive suffixes dropped from a declared employer so "Acme" finds "ACME Ltd".
LEGAL_SUFFIXES = (
    "股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司",
    "incorporated", "corporation", "limited", "company", "inc", "ltd", "llc", "llp", "plc", "corp",
    "gmbh", "pty ltd", "pty", "ag", "sa", "ab", "bv", "nv", "co",
)

# Abbreviations people use in titles: a declared "VP of Research" also finds "Vice President…".
TITLE_ABBREVIATIONS = {
    "vp": "vice president", "svp": "senior vice president", "evp": "executive vice president",
    "sr": "senior", "jr": "junior", "mgr": "manager", "eng": "engineer", "dir": "director",
    "ceo": "chief executive officer", "cto": "chief technology officer", "cfo": "chief financial officer",
    "coo": "chief operating officer", "ciso": "chief information security officer",
    "cio": "chief information officer", "md": "managing director", "pm": "product manager",
}

CLEARANCE_EN = (
    r"security clearance", r"(?:active |current |valid )?(?:SC|DV|CTC|BPSS|NV1|NV2|TS(?:/SCI)?|"
    r"Top Secret|Secret)(?: level)? (?:clearance|cleared|vetted|vetting)",
    r"(?:SC|DV|TS/SCI|TS|NV1|NV2)(?:/(?:SC|DV|TS/SCI|TS|NV1|NV2))+",
    r"clearance (?:level )?(?:SC|DV|TS|Secret|Top Secret)",
    r"developed vetting", r"TS/SCI", r"classified (?:projects?|programmes?|programs?|work)",
    r"(?:UK|US|NATO) (?:Secret|Top Secret)", r"polygraph",
)
CLEARANCE_ZH = (
    "涉密", "保密资格", "保密", "军工", "国防科研", "机密", "绝密", "秘密级", "政审", "军品", "军队",
)
