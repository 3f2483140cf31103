// Deterministic generator of Chinese government-news articles for the search speed benchmark.
// The same seed gives the same articles on every machine. Vocabulary is our own word lists, drawn with a
// Zipf-like distribution so that some words are in almost every article and most are rare.

const PLACES =
  '青川 澜江 澜滨 柳湾 桐岭 云岫 鹤鸣 望川 文昌 翠屏 古渡 白鹭 金沙 石门 龙泉 凤岭 松溪 梅林 兰溪 竹园 东湖 西山 南港 北塘 清河 长宁 永和 安平 新城 高新'.split(
    ' ',
  );
const ORGS =
  '市政府 市委 人大常委会 政协 发展改革委 教育局 科技局 工信局 公安局 民政局 司法局 财政局 人社局 自然资源局 生态环境局 住建局 交通运输局 水利局 农业农村局 商务局 文化广电旅游局 卫健委 退役军人事务局 应急管理局 审计局 市场监管局 统计局 医保局 信访局 城管局 政务服务中心 数据局 税务局 消防救援支队 供电公司 街道办事处 社区居委会 村委会 开发区管委会 投资促进局'.split(
    ' ',
  );
const NOUNS =
  '经济 发展 改革 项目 企业 群众 民生 服务 社会 建设 工作 政策 措施 安全 环境 教育 医疗 养老 就业 住房 交通 农业 工业 科技 创新 人才 文化 旅游 生态 城市 乡村 社区 基层 干部 党员 市场 投资 消费 产业 园区 基础设施 公共服务 营商环境 数字政府 一网通办 乡村振兴 高质量发展 新质生产力 以旧换新 城市更新 老旧小区 电梯 燃气 管网 供水 排水 道路 桥梁 铁路 公交 停车 学校 学位 医院 医共体 医保 社保 公积金 居住证 户籍 补贴 资金 预算 审计 统计 数据 平台 系统 标准 规划 方案 意见 通知 办法 细则 制度 机制 体系 能力 水平 质量 效率 成效 问题 风险 隐患 应急 防汛 抗旱 森林防火 大气污染 水环境 垃圾分类 节能减排 碳达峰 碳中和 粮食 蔬菜 茶叶 养殖 冷链 物流 电商 外贸 招商 融资 信贷 税收 减税降费 稳岗 招聘 培训 技能 职称 志愿服务 文明城市 非物质文化遗产 博物馆 图书馆 体育 赛事 公园 绿地 河湖 湿地 耕地 林地 矿产 价格 收费 听证 信访 调解 法治 执法 监管 检查 抽检 食品安全 药品 疫苗 消防 安全生产 危险化学品 道路运输 校园 未成年人 妇女儿童 残疾人 困难群众 低保 救助 退役军人 老年人 托育 家政'.split(
    ' ',
  );
const VERBS =
  '推进 落实 部署 召开 开展 实施 加强 提升 优化 完善 推动 深化 强化 保障 促进 服务 支持 建设 改造 更新 整治 排查 检查 指导 督导 调研 考察 座谈 签署 发布 印发 征求 公示 公布 启动 完成 开工 竣工 投用 举办 组织 参加 表彰 培训 宣传 解读 审议 通过 研究 决定 通报 总结 谋划 统筹 协调 聚焦 围绕 坚持 突出 注重 着力 切实 扎实 持续 全面 积极 稳妥 有序 及时 依法 精准'.split(
    ' ',
  );
const ADJ =
  '重点 重大 主要 全面 基本 稳定 有效 显著 明显 持续 积极 良好 优质 便捷 高效 规范 公开 透明 安全 绿色 智慧 共享 协调 开放 创新 现代 特色 综合 专项 长效 常态 全市 全省 各级 有关 相关 新一轮 年度 季度 上半年 下半年 今年以来'.split(
    ' ',
  );
const UNITS = '个 项 家 户 人次 万元 亿元 公里 平方米 件 所 座 条 处 台 吨'.split(' ');

export const VOCABULARY = { PLACES, ORGS, NOUNS, VERBS, ADJ };

/** mulberry32: a small, fast, deterministic PRNG. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Index 0..n-1, small ones far more often (Zipf-like, s ≈ 1). */
function zipf(rand, n) {
  return Math.min(n - 1, Math.floor(Math.exp(rand() * Math.log(n + 1)) - 1));
}

export function articleGenerator(seed = 20261128) {
  const rand = random(seed);
  const pick = (list) => list[zipf(rand, list.length)];
  const uniform = (list) => list[Math.floor(rand() * list.length)];
  const number = () => String(1 + Math.floor(rand() * (rand() < 0.5 ? 100 : 10000)));
  const sentence = () => {
    const parts = [];
    const shape = Math.floor(rand() * 5);
    if (shape === 0)
      parts.push(uniform(PLACES), pick(ORGS), pick(VERBS), pick(ADJ), pick(NOUNS), pick(NOUNS), '工作');
    else if (shape === 1)
      parts.push(
        '截至目前，',
        '全市',
        '累计',
        pick(VERBS),
        pick(NOUNS),
        number(),
        uniform(UNITS),
        '，',
        pick(VERBS),
        pick(NOUNS),
        number(),
        uniform(UNITS),
      );
    else if (shape === 2)
      parts.push(
        pick(ORGS),
        '有关负责人表示，',
        '将',
        pick(ADJ),
        pick(VERBS),
        pick(NOUNS),
        pick(NOUNS),
        '，',
        pick(VERBS),
        pick(NOUNS),
        pick(NOUNS),
        '，',
        '不断',
        '提升',
        pick(NOUNS),
        '水平',
      );
    else if (shape === 3)
      parts.push(
        '会议强调，',
        '要',
        pick(VERBS),
        pick(ADJ),
        pick(NOUNS),
        '，',
        pick(VERBS),
        pick(NOUNS),
        pick(NOUNS),
        '，',
        '确保',
        pick(NOUNS),
        pick(ADJ),
        pick(VERBS),
      );
    else
      parts.push(
        uniform(PLACES),
        pick(NOUNS),
        pick(NOUNS),
        pick(VERBS),
        pick(ADJ),
        pick(NOUNS),
        '，',
        pick(NOUNS),
        pick(NOUNS),
        '得到',
        pick(ADJ),
        '提升',
      );
    return `${parts.join('')}。`;
  };
  return function next(index) {
    const place = uniform(PLACES);
    const title = `${place}${pick(ORGS)}${pick(VERBS)}${pick(NOUNS)}${pick(NOUNS)}${rand() < 0.3 ? pick(NOUNS) : ''}工作`;
    const summary = sentence() + sentence();
    const paragraphs = [];
    let length = 0;
    const target = 1300 + Math.floor(rand() * 400);
    while (length < target) {
      let p = '';
      for (let i = 0, n = 2 + Math.floor(rand() * 4); i < n; i++) p += sentence();
      paragraphs.push(p);
      length += p.length;
    }
    return {
      index,
      title,
      summary,
      bodyHtml: paragraphs.map((p) => `<p>${p}</p>`).join(''),
      source: `${place}${pick(['日报', '晚报', '发布', '融媒体中心'])}`,
      author: '',
      tags: [pick(NOUNS), pick(NOUNS)],
      bodyLength: length,
    };
  };
}

/** A fixed query mix: frequent and rare words, several words, phrases, exclusions, plain questions, misses. */
export function queryMix(seed = 7, count = 200) {
  const rand = random(seed);
  const uniform = (list) => list[Math.floor(rand() * list.length)];
  const head = (list) => list[Math.floor(rand() * Math.min(8, list.length))];
  const tail = (list) => list[Math.floor(list.length / 2 + rand() * (list.length / 2))];
  const kinds = [
    () => head(NOUNS), // a very common word
    () => tail(NOUNS), // a rare word
    () => `${uniform(PLACES)} ${tail(NOUNS)}`,
    () => `${head(NOUNS)} ${tail(NOUNS)}`,
    () => `"${tail(VERBS)}${tail(NOUNS)}"`,
    () => `${tail(NOUNS)} -${head(NOUNS)}`,
    () => `${uniform(PLACES)}${tail(NOUNS)}怎么办理`,
    () => `${uniform(ORGS)}${tail(NOUNS)}`,
    () => '量子计算机', // nothing
    () => `${head(ADJ)}${head(NOUNS)}${tail(NOUNS)}`,
  ];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length]());
}
