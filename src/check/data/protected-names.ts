import { NATIONAL_BODIES } from '../../core/index.js';
import { FORMULATIONS } from './formulations.js';

/**
 * Places whose names are often mistyped on government sites: provincial-level units with their full names,
 * and cities of four characters or more (the administrative divisions of the PRC as published by the Ministry
 * of Civil Affairs). Shorter names (河北省, 南京市) are left to the site's own dictionary: one character off,
 * they are usually another real place.
 */
export const PROTECTED_PLACES: readonly string[] = [
  '内蒙古自治区',
  '广西壮族自治区',
  '西藏自治区',
  '宁夏回族自治区',
  '新疆维吾尔自治区',
  '香港特别行政区',
  '澳门特别行政区',
  '黑龙江省',
  '齐齐哈尔市',
  '呼和浩特市',
  '乌鲁木齐市',
  '石家庄市',
  '哈尔滨市',
  '鄂尔多斯市',
  '巴彦淖尔市',
  '乌兰察布市',
  '呼伦贝尔市',
  '克拉玛依市',
  '连云港市',
  '张家口市',
  '秦皇岛市',
  '马鞍山市',
  '景德镇市',
  '平顶山市',
  '驻马店市',
  '张家界市',
  '攀枝花市',
  '六盘水市',
  '嘉峪关市',
  '牡丹江市',
  '佳木斯市',
  '双鸭山市',
  '七台河市',
  '葫芦岛市',
  '防城港市',
  '石嘴山市',
  '日喀则市',
  '吐鲁番市',
  '西双版纳傣族自治州',
  '延边朝鲜族自治州',
  '甘孜藏族自治州',
  '阿坝藏族羌族自治州',
  '凉山彝族自治州',
];

/** Official bodies of the state and the party, by full name (five characters or more, no brackets). */
const NATIONAL_NAMES = NATIONAL_BODIES.map(([, full]) => full).filter(
  (full) => full.length >= 5 && !/[（(]/.test(full),
);

/** Further names of the state system that are protected as written. */
const STATE_NAMES: readonly string[] = [
  '中华人民共和国',
  '中国共产党',
  '中国共产党中央委员会',
  '全国人民代表大会',
  '全国人民代表大会常务委员会',
  '中国人民政治协商会议',
  '中国人民政治协商会议全国委员会',
  '中央军事委员会',
  '中国人民解放军',
  '中国人民武装警察部队',
  '国家监察委员会',
  '最高人民法院',
  '最高人民检察院',
  '国务院办公厅',
  '中共中央办公厅',
  '中共中央政治局',
  '中共中央政治局常委',
  '中共中央书记处',
  '中央纪律检查委员会',
];

/** Every protected name, longest first. */
export const PROTECTED_NAMES: readonly string[] = [
  ...new Set([
    ...STATE_NAMES,
    ...NATIONAL_NAMES,
    ...PROTECTED_PLACES,
    ...FORMULATIONS.map((entry) => entry.canonical).filter((c) => c.length >= 5 && !/[“”、]/.test(c)),
  ]),
].sort((a, b) => b.length - a.length);
