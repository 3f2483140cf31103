/**
 * Canonical formulations and their known wrong forms (严重表述错误): names of the country and of state organs,
 * fixed political formulations, place names and input-method slips seen in inspection bulletins.
 *
 * Precision matters more than coverage: a wrong form is listed only when it is not a word of its own, or
 * with `notBefore` / `notAfter` guards for the contexts in which the same characters are a different,
 * correct reading (检查院内消防设施: 检查 + 院内). Operators extend the list by adding entries.
 */
export interface WrongForm {
  readonly form: string;
  /** Not flagged when the wrong form stands before one of these (is immediately followed by it). */
  readonly notBefore?: readonly string[];
  /** Not flagged when the wrong form stands after one of these (is immediately preceded by it). */
  readonly notAfter?: readonly string[];
}

export interface FormulationEntry {
  readonly canonical: string;
  readonly category: 'country' | 'organ' | 'formulation' | 'place' | 'slip';
  readonly wrong: readonly (string | WrongForm)[];
}

export type FormulationDictionary = readonly FormulationEntry[];

/** Places after which 检查院 is 检查 + 院… (the yard, the school, the dean), not a misspelt procuratorate. */
const AFTER_JIANCHA_YUAN = [
  '内',
  '外',
  '落',
  '子',
  '区',
  '校',
  '系',
  '所',
  '墙',
  '门',
  '前',
  '后',
  '里',
  '长',
  '方',
  '办',
  '务',
  '感',
  '部',
  '领',
  '线',
  '士',
  '际',
];

export const FORMULATIONS: FormulationDictionary = [
  {
    canonical: '中华人民共和国',
    category: 'country',
    wrong: [
      '中华人民共合国',
      '中华人民共和过',
      '中华人民工和国',
      '中华人民供和国',
      '中华人民公和国',
      '中华人明共和国',
      '中华人名共和国',
      '中化人民共和国',
      '中华仁民共和国',
      '中华人民和国',
      '中华人民共国',
      '中华民共和国',
    ],
  },
  { canonical: '扫黑除恶', category: 'formulation', wrong: ['扫黑险恶', '扫黑除饿', '扫黑出恶', '扫黑除厄'] },
  {
    canonical: '政府',
    category: 'organ',
    wrong: [
      {
        form: '攻府',
        // 围攻府衙, 进攻府城: 攻 + 府… is a different reading.
        notBefore: ['衙', '城', '邸', '库', '第', '门', '兵', '治', '宅', '州', '县'],
        notAfter: ['进', '围', '强', '猛', '反', '夹', '抢', '火', '佯', '主', '助', '专', '快', '总', '被'],
      },
    ],
  },
  { canonical: '人民政府', category: 'organ', wrong: ['人民政付', '人民正府', '人民政俯'] },
  {
    canonical: '人民代表大会',
    category: 'organ',
    wrong: ['人民代表大汇', '人民代表打会', '人民带表大会', '人民代表大绘', '人名代表大会'],
  },
  {
    canonical: '全国人民代表大会常务委员会',
    category: 'organ',
    wrong: ['全国人民代表大会长务委员会', '全国人民代表大会常务委会'],
  },
  { canonical: '人大常委会', category: 'organ', wrong: ['人大长委会', '人大常委员会', '人大常为会'] },
  {
    canonical: '中国共产党',
    category: 'organ',
    wrong: ['中国共产档', '中国共铲党', '中国工产党', '中国共产堂', '中国共产挡', '中过共产党'],
  },
  { canonical: '中共中央', category: 'organ', wrong: ['中共中秧', '中工中央'] },
  { canonical: '国务院', category: 'organ', wrong: ['国物院', '国务苑'] },
  {
    canonical: '人民检察院',
    category: 'organ',
    wrong: [{ form: '人民检查院', notBefore: AFTER_JIANCHA_YUAN }],
  },
  {
    canonical: '检察院',
    category: 'organ',
    wrong: [{ form: '检查院', notBefore: AFTER_JIANCHA_YUAN, notAfter: ['人民'] }],
  },
  { canonical: '人民法院', category: 'organ', wrong: ['人民法苑', '人名法院'] },
  { canonical: '监察委员会', category: 'organ', wrong: ['监查委员会'] },
  {
    canonical: '中国人民政治协商会议',
    category: 'organ',
    wrong: ['中国人民政治协商会义', '中国人民政治协商会仪', '中国人民政治斜商会议', '中国人民政制协商会议'],
  },
  {
    canonical: '习近平新时代中国特色社会主义思想',
    category: 'formulation',
    wrong: [
      '习近平新时代中国特色社会注意思想',
      '习近平新时代中国特色社会主意思想',
      '习近平新时代中国特设社会主义思想',
      '习近平新时代中国特色社会主义想思',
      '习近平新时代中国特色主义社会思想',
      '习近平中国特色社会主义新时代思想',
      '习近平新时期中国特色社会主义思想',
    ],
  },
  { canonical: '习近平', category: 'formulation', wrong: ['习进平', '习近萍', '习近凭', '习尽平'] },
  { canonical: '不忘初心、牢记使命', category: 'formulation', wrong: ['牢记史命', '不忘出心', '不忘初新'] },
  { canonical: '全过程人民民主', category: 'formulation', wrong: ['全过程人民明主', '全过程人名民主'] },
  { canonical: '人类命运共同体', category: 'formulation', wrong: ['人类命运共同题', '人类命运公同体'] },
  { canonical: '中国式现代化', category: 'formulation', wrong: ['中国试现代化', '中国式现带化'] },
  { canonical: '乡村振兴', category: 'formulation', wrong: ['乡村震兴', '乡村振新'] },
  { canonical: '办公厅', category: 'organ', wrong: ['办工厅'] },
  {
    canonical: '政治',
    category: 'slip',
    // 冶 for 治 is a classic slip; 行政冶金 (行政 + 冶金) is not one.
    wrong: [{ form: '政冶', notAfter: ['行'], notBefore: ['金', '炼', '铸'] }],
  },
  { canonical: '中国特色社会主义', category: 'formulation', wrong: ['中国特色社会注意', '中国特设社会主义'] },
  {
    canonical: '两个确立',
    category: 'formulation',
    wrong: ['两个确力', '两个确利', '两个确例', '两个缺立', '两个确理'],
  },
  {
    canonical: '两个维护',
    category: 'formulation',
    wrong: ['两个维户', '两个唯护', '两个维获', '两个惟护', '两个围护'],
  },
  { canonical: '四个自信', category: 'formulation', wrong: ['四个自性'] },
  {
    canonical: '社会主义核心价值观',
    category: 'formulation',
    wrong: [
      '社会主义核心价直观',
      { form: '社会主义核心价值关', notBefore: ['键', '系', '乎', '联', '口', '注'] },
      '社会主义核心价值官',
      '社会主意核心价值观',
      '社会注意核心价值观',
    ],
  },
  {
    canonical: '新质生产力',
    category: 'formulation',
    wrong: ['新质生产利', '新制生产力', '新治生产力', '新致生产力'],
  },
  {
    canonical: '以人民为中心',
    category: 'formulation',
    wrong: ['以人民未中心', '以人民为终心', '以人名为中心', '以人民为中新'],
  },
  {
    canonical: '全面从严治党',
    category: 'formulation',
    wrong: ['全面从严至党', '全面从严治当', '全面从严制党'],
  },
  { canonical: '马克思主义', category: 'formulation', wrong: ['马克斯主义', '马克思主意'] },
  { canonical: '毛泽东思想', category: 'formulation', wrong: ['毛泽东思相', '毛泽冬思想'] },
  { canonical: '邓小平理论', category: 'formulation', wrong: ['邓小平理伦', '邓小平里论'] },
  { canonical: '“三个代表”重要思想', category: 'formulation', wrong: ['三个代表重要思相'] },
  { canonical: '一带一路', category: 'formulation', wrong: ['一代一路', '一带一陆'] },
  { canonical: '中华民族伟大复兴', category: 'formulation', wrong: ['中华民族伟大复新', '中华民族伟大附兴'] },
  { canonical: '粤港澳大湾区', category: 'place', wrong: ['粤港奥大湾区', '粤港澳大弯区'] },
  { canonical: '自治区', category: 'place', wrong: ['自冶区'] },
  { canonical: '乌鲁木齐', category: 'place', wrong: ['乌鲁木其'] },
  { canonical: '呼和浩特', category: 'place', wrong: ['呼和浩物', '呼和好特'] },
];
