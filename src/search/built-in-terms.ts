/**
 * Policy terms every site's search keeps whole (stored as site 0 on a database's first start, so that the
 * system can remove one); each site's administrators add their own.
 */
export const BUILT_IN_TERMS: readonly string[] = [
  '新质生产力',
  '两个确立',
  '两个维护',
  '以旧换新',
  '高质量发展',
  '中国式现代化',
  '营商环境',
  '放管服',
  '一网通办',
  '跨省通办',
  '一件事一次办',
  '专精特新',
  '乡村振兴',
  '共同富裕',
  '碳达峰',
  '碳中和',
  '城市更新',
  '民生实事',
  '非物质文化遗产',
  '居住证',
  '公积金',
  '医保',
  '青川市',
  '澜江省',
  '青川市人民政府',
  '青川市人民政府办公室',
];
