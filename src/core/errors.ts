/**
 * Every error Gazette reports has a stable code from this one registry.
 * Callers branch on `code`, never on message text. `public` messages may be
 * shown to the person who caused the error; others are replaced by a generic one.
 */
export type ErrorKind =
  | 'invalid'
  | 'not-found'
  | 'conflict'
  | 'forbidden'
  | 'unauthorised'
  | 'gone'
  | 'unavailable'
  | 'insufficient-storage'
  | 'internal';

export interface ErrorSpec {
  readonly kind: ErrorKind;
  readonly zh: string;
  readonly en: string;
  readonly public: boolean;
}

export const errorRegistry = {
  GZ_INVALID_INPUT: { kind: 'invalid', zh: '输入有误', en: 'Invalid input', public: true },
  GZ_INPUT_TOO_COMPLEX: {
    kind: 'invalid',
    zh: '提交的数据层级过深或字段过多',
    en: 'The submitted data is nested too deeply or has too many fields',
    public: true,
  },
  GZ_INVALID_SITE_CODE: {
    kind: 'invalid',
    zh: '网站标识码应为10位数字，或“bm”加8位数字',
    en: 'Site identifier code must be 10 digits, or "bm" followed by 8 digits',
    public: true,
  },
  GZ_INVALID_SLUG: {
    kind: 'invalid',
    zh: '路径名只能使用小写字母、数字和连字符，且不能使用保留名',
    en: 'A slug may use lower-case letters, digits and hyphens only, and must not be a reserved name',
    public: true,
  },
  GZ_INVALID_TAG: {
    kind: 'invalid',
    zh: '标签不能是“.”或“..”，不能包含斜杠、反斜杠、控制字符或不可见字符，且不超过32个字',
    en: 'A tag cannot be "." or "..", cannot hold slashes, backslashes, control or invisible characters, and has at most 32 characters',
    public: true,
  },
  GZ_INVALID_PAGE: { kind: 'not-found', zh: '没有这一页', en: 'No such page', public: true },
  GZ_SITE_NOT_FOUND: { kind: 'not-found', zh: '站点不存在', en: 'Site not found', public: true },
  GZ_COLUMN_NOT_FOUND: { kind: 'not-found', zh: '栏目不存在', en: 'Column not found', public: true },
  GZ_INVALID_HOST: {
    kind: 'invalid',
    zh: '域名应为小写字母、数字、连字符和点，不带端口、协议或路径',
    en: 'A host name uses lower-case letters, digits, hyphens and dots, without a port, scheme or path',
    public: true,
  },
  GZ_HOST_TAKEN: {
    kind: 'conflict',
    zh: '这个域名已由另一个站点使用',
    en: 'Another site already answers to this host name',
    public: true,
  },
  GZ_LAST_ACTIVE_SITE: {
    kind: 'conflict',
    zh: '不能停用唯一仍在运行的站点',
    en: 'The only active site cannot be disabled',
    public: true,
  },
  GZ_RELAY_NOT_FOUND: {
    kind: 'not-found',
    zh: '没有这条转载记录',
    en: 'No such relay',
    public: true,
  },
  GZ_RELAY_EXISTS: {
    kind: 'conflict',
    zh: '这篇文章已推送到该站点，正在等待处理或已被采用',
    en: 'This article has already been offered to that site and is waiting or was taken',
    public: true,
  },
  GZ_RELAY_LOOP: {
    kind: 'conflict',
    zh: '不能把转载来的文章再推送回来源站点',
    en: 'A relayed article cannot be offered back to a site it came from',
    public: true,
  },
  GZ_RELAY_NOT_PUBLISHED: {
    kind: 'conflict',
    zh: '只有已发布的文章才能推送转载',
    en: 'Only a published article can be offered to another site',
    public: true,
  },
  GZ_RELAY_DECIDED: {
    kind: 'conflict',
    zh: '这条转载已经处理过，不能再执行这一操作',
    en: 'This relay has already been decided; the action no longer applies',
    public: true,
  },
  GZ_CHECK_TERM_EXISTS: {
    kind: 'conflict',
    zh: '校对词库中已有这个词',
    en: 'This term is already in the check dictionary',
    public: true,
  },
  GZ_CHECK_TERM_NOT_FOUND: {
    kind: 'not-found',
    zh: '校对词库中没有这个词条',
    en: 'No such entry in the check dictionary',
    public: true,
  },
  GZ_SEARCH_SYNONYM_EXISTS: {
    kind: 'conflict',
    zh: '站内搜索同义词中已有这一对',
    en: 'This pair is already among the search synonyms',
    public: true,
  },
  GZ_SEARCH_SYNONYM_NOT_FOUND: {
    kind: 'not-found',
    zh: '站内搜索同义词中没有这一条',
    en: 'No such search synonym',
    public: true,
  },
  GZ_COLUMN_PATH_TAKEN: {
    kind: 'conflict',
    zh: '同一站点内已有相同路径的栏目',
    en: 'A column with this path already exists in the site',
    public: true,
  },
  GZ_COLUMN_CYCLE: {
    kind: 'invalid',
    zh: '栏目不能移动到自己的下级栏目中',
    en: 'A column cannot be moved under itself',
    public: true,
  },
  GZ_ARTICLE_NOT_FOUND: { kind: 'not-found', zh: '稿件不存在', en: 'Article not found', public: true },
  GZ_COLUMN_NOT_EMPTY: {
    kind: 'conflict',
    zh: '栏目下还有稿件、下级栏目、合集或授权，不能删除',
    en: 'The column still holds articles, sub-columns, series or role grants; it cannot be deleted',
    public: true,
  },
  GZ_INVALID_CURSOR: {
    kind: 'invalid',
    zh: '翻页位置无效，请从第一页重新查看',
    en: 'The list cursor is not valid; start again from the first page',
    public: true,
  },
  GZ_INVALID_ICP_RECORD: {
    kind: 'invalid',
    zh: 'ICP备案号格式应为“京ICP备12345678号”，可带“-1”等后缀',
    en: 'An ICP record looks like 京ICP备12345678号, optionally followed by -1 etc.',
    public: true,
  },
  GZ_INVALID_POLICE_RECORD: {
    kind: 'invalid',
    zh: '公网安备号格式应为“京公网安备11010502030000号”',
    en: 'A public-security record looks like 京公网安备11010502030000号',
    public: true,
  },
  GZ_SLUG_LOCKED: {
    kind: 'conflict',
    zh: '已发布内容的网址不能修改',
    en: 'The address of published content cannot change',
    public: true,
  },
  GZ_ARTICLE_WITHDRAWN: {
    kind: 'gone',
    zh: '该信息已撤下',
    en: 'This item has been withdrawn',
    public: true,
  },
  GZ_ARTICLE_NOT_PUBLISHABLE: {
    kind: 'conflict',
    zh: '稿件当前状态不能签发',
    en: 'The article cannot be published in its current state',
    public: true,
  },
  GZ_ARTICLE_NOT_PUBLISHED: {
    kind: 'conflict',
    zh: '稿件未发布，不能撤稿',
    en: 'Only a published article can be withdrawn',
    public: true,
  },
  GZ_VERSION_CONFLICT: {
    kind: 'conflict',
    zh: '他人已修改此内容，请刷新后再保存',
    en: 'Someone else saved this meanwhile; reload before saving',
    public: true,
  },
  GZ_SAVE_CONFLICT: {
    kind: 'conflict',
    zh: '有人同时保存了相同的内容，请重试',
    en: 'Someone saved the same thing at the same moment; try again',
    public: true,
  },
  GZ_BACKDATE_FORBIDDEN: {
    kind: 'forbidden',
    zh: '发布时间由系统设定，无权倒填日期',
    en: 'Publish times are set by the system; back-dating is not allowed',
    public: true,
  },
  GZ_FORBIDDEN: {
    kind: 'forbidden',
    zh: '没有执行此操作的权限',
    en: 'You are not allowed to do this',
    public: true,
  },
  GZ_WORKFLOW_CONFLICT: {
    kind: 'conflict',
    zh: '稿件当前状态不允许此操作',
    en: 'The article is not in a state that allows this',
    public: true,
  },
  GZ_OWN_ARTICLE: {
    kind: 'forbidden',
    zh: '不能审核或签发本人撰写的稿件',
    en: 'Nobody reviews or signs off their own article',
    public: true,
  },
  GZ_ONE_LEVEL_PER_PERSON: {
    kind: 'forbidden',
    zh: '同一人只能审核同一稿件的一个级别',
    en: 'One person approves at most one review level of the same article',
    public: true,
  },
  GZ_REASON_REQUIRED: {
    kind: 'invalid',
    zh: '请填写理由或意见',
    en: 'A reason or comment is required',
    public: true,
  },
  GZ_SCHEDULE_IN_PAST: {
    kind: 'invalid',
    zh: '定时发布时间必须晚于当前时间',
    en: 'A scheduled time must be in the future',
    public: true,
  },
  GZ_ARTICLE_BLOCKED_BY_CHECKS: {
    kind: 'conflict',
    zh: '校对发现必须处理的问题，不能签发；签发人可写明理由后确认签发',
    en: 'Content checks found problems that stop publication; a publisher may override them with a reason',
    public: true,
  },
  GZ_INVALID_POLICY_FIELD: {
    kind: 'invalid',
    zh: '政策文件信息有误',
    en: 'A field of the policy document is not valid',
    public: true,
  },
  GZ_INDEX_NUMBER_TAKEN: {
    kind: 'conflict',
    zh: '本站已有相同索引号的文件',
    en: 'Another document of the site has this index number',
    public: true,
  },
  GZ_POLICY_NOT_FOUND: {
    kind: 'not-found',
    zh: '该稿件不是政策文件',
    en: 'The article is not a policy document',
    public: true,
  },
  GZ_SECRECY_REVIEW_REQUIRED: {
    kind: 'conflict',
    zh: '政策文件须先通过保密审查才能签发',
    en: 'A policy document needs a passed confidentiality review before it is published',
    public: true,
  },
  GZ_POLICY_NOT_PUBLIC: {
    kind: 'conflict',
    zh: '公开方式不是主动公开的政策文件不能在网站上发布',
    en: 'Only a policy document disclosed proactively may be published on the site',
    public: true,
  },
  GZ_SERIES_NOT_FOUND: { kind: 'not-found', zh: '合集不存在', en: 'Series not found', public: true },
  GZ_SERIES_SLUG_TAKEN: {
    kind: 'conflict',
    zh: '同一站点内已有相同路径的合集',
    en: 'A series with this slug already exists in the site',
    public: true,
  },
  GZ_PAGE_NOT_FOUND: { kind: 'not-found', zh: '页面不存在', en: 'Page not found', public: true },
  GZ_REVISION_NOT_FOUND: {
    kind: 'not-found',
    zh: '稿件历史版本不存在',
    en: 'Revision not found',
    public: true,
  },
  GZ_CORRECTION_NOT_FOUND: {
    kind: 'not-found',
    zh: '紧急更正记录不存在',
    en: 'Urgent correction not found',
    public: true,
  },
  GZ_AUDIT_HEAD_MISSING: {
    kind: 'internal',
    zh: '审计日志链头记录缺失，无法追加审计记录',
    en: 'The audit log chain head is missing; no audit record can be appended',
    public: false,
  },
  GZ_LOGIN_FAILED: {
    kind: 'unauthorised',
    zh: '用户名或密码错误（连续多次失败后账号会暂时锁定）',
    en: 'Wrong username or password (after repeated failures an account is locked for a while)',
    public: true,
  },
  GZ_ACCOUNT_LOCKED: {
    kind: 'forbidden',
    zh: '登录失败次数过多，账号已暂时锁定，请稍后再试',
    en: 'Too many failed sign-ins; the account is locked for a while',
    public: true,
  },
  GZ_ACCOUNT_DISABLED: {
    kind: 'forbidden',
    zh: '账号已停用，请联系系统管理员',
    en: 'This account is disabled; ask the system administrator',
    public: true,
  },
  GZ_TOO_MANY_ATTEMPTS: {
    kind: 'forbidden',
    zh: '尝试次数过多，请稍后再试',
    en: 'Too many attempts from this address; try again later',
    public: true,
  },
  GZ_NOT_SIGNED_IN: { kind: 'unauthorised', zh: '请先登录', en: 'Sign in first', public: true },
  GZ_SESSION_EXPIRED: {
    kind: 'unauthorised',
    zh: '登录已超时，请重新登录',
    en: 'The session has expired; sign in again',
    public: true,
  },
  GZ_TOTP_REQUIRED: {
    kind: 'unauthorised',
    zh: '请输入动态验证码',
    en: 'Enter the code from your authenticator app',
    public: true,
  },
  GZ_TOTP_INVALID: {
    kind: 'unauthorised',
    zh: '验证码错误或已使用',
    en: 'The code is wrong or has been used already',
    public: true,
  },
  GZ_TOTP_ENROLMENT_REQUIRED: {
    kind: 'forbidden',
    zh: '请先绑定动态验证码（双因素认证）',
    en: 'Set up two-factor authentication first',
    public: true,
  },
  GZ_TOTP_ALREADY_ENABLED: {
    kind: 'conflict',
    zh: '已绑定双因素认证',
    en: 'Two-factor authentication is already set up',
    public: true,
  },
  GZ_TOTP_ENROLMENT_NOT_STARTED: {
    kind: 'conflict',
    zh: '请先开始绑定双因素认证',
    en: 'Start the two-factor set-up first',
    public: true,
  },
  GZ_PASSWORD_WEAK: { kind: 'invalid', zh: '密码强度不足', en: 'The password is too weak', public: true },
  GZ_PASSWORD_INCORRECT: {
    kind: 'invalid',
    zh: '当前密码不正确',
    en: 'The current password is wrong',
    public: true,
  },
  GZ_PASSWORD_CHANGE_REQUIRED: {
    kind: 'forbidden',
    zh: '请先修改密码',
    en: 'Change your password first',
    public: true,
  },
  GZ_CSRF_INVALID: {
    kind: 'forbidden',
    zh: '请求校验失败，请刷新页面后重试',
    en: 'Missing or invalid CSRF token; reload and try again',
    public: true,
  },
  GZ_USER_NOT_FOUND: { kind: 'not-found', zh: '用户不存在', en: 'User not found', public: true },
  GZ_USERNAME_TAKEN: { kind: 'conflict', zh: '用户名已被使用', en: 'This username is taken', public: true },
  GZ_STORAGE_NOT_WRITABLE: {
    kind: 'unavailable',
    zh: '数据目录不可写',
    en: 'The data directory is not writable',
    public: false,
  },
  GZ_STORAGE_LOCKED: {
    kind: 'unavailable',
    zh: '数据库被其他进程锁定',
    en: 'The database is locked by another process',
    public: false,
  },
  GZ_STORAGE_FULL: {
    kind: 'insufficient-storage',
    zh: '服务器存储空间已满，本次内容未保存，请联系系统管理员',
    en: 'The server has run out of storage space; nothing was saved. Tell the system administrator',
    public: false,
  },
  GZ_DATABASE_UNREACHABLE: {
    kind: 'unavailable',
    zh: '无法连接数据库',
    en: 'Cannot connect to the database',
    public: false,
  },
  GZ_DATABASE_UNAVAILABLE: {
    kind: 'unavailable',
    zh: '数据库暂时不可用，请稍后再试',
    en: 'The database is unavailable for the moment; try again later',
    public: false,
  },
  GZ_DATABASE_NOT_EMPTY: {
    kind: 'conflict',
    zh: '目标数据库已有数据',
    en: 'The target database is not empty',
    public: false,
  },
  GZ_DATABASE_SCHEMA_MISMATCH: {
    kind: 'conflict',
    zh: '源数据库与目标数据库的结构不一致',
    en: 'The source and target databases have different schemas',
    public: false,
  },
  GZ_DATABASE_COPY_MISMATCH: {
    kind: 'internal',
    zh: '复制后的数据与源数据不一致，已回滚',
    en: 'The copied data does not match the source; nothing was written',
    public: false,
  },
  GZ_MEDIA_EMPTY: {
    kind: 'invalid',
    zh: '文件为空（0 字节），请重新选择文件',
    en: 'The file is empty (0 bytes); choose the file again',
    public: true,
  },
  GZ_MEDIA_TYPE_NOT_ALLOWED: {
    kind: 'invalid',
    zh: '不支持的文件类型：只接受 JPEG、PNG、GIF、WebP 图片和 PDF、Word、Excel、OFD、CSV、TXT 文档（不接受 SVG 和压缩包）',
    en: 'This type of file is not accepted: JPEG, PNG, GIF and WebP images and PDF, Word, Excel, OFD, CSV and TXT documents only (no SVG, no archives)',
    public: true,
  },
  GZ_MEDIA_TYPE_MISMATCH: {
    kind: 'invalid',
    zh: '文件内容与扩展名不符，请检查文件',
    en: "The file's content does not match its extension",
    public: true,
  },
  GZ_MEDIA_NAME_INVALID: {
    kind: 'invalid',
    zh: '文件名不合规：不能包含路径、控制字符或可执行文件扩展名（如 .php）',
    en: 'The file name is not acceptable: no path, control characters or executable extension (such as .php)',
    public: true,
  },
  GZ_MEDIA_UPLOAD_INCOMPLETE: {
    kind: 'invalid',
    zh: '上传的数据不完整或格式有误（可能是连接中断），请重新上传',
    en: 'The upload was incomplete or malformed (the connection may have dropped); upload the file again',
    public: true,
  },
  GZ_MEDIA_TOO_LARGE: {
    kind: 'invalid',
    zh: '文件超过大小上限',
    en: 'The file is larger than allowed',
    public: true,
  },
  GZ_MEDIA_IMAGE_TOO_LARGE: {
    kind: 'invalid',
    zh: '图片像素尺寸过大，请缩小后再上传',
    en: 'The image has too many pixels; scale it down first',
    public: true,
  },
  GZ_MEDIA_IMAGE_BROKEN: {
    kind: 'invalid',
    zh: '图片文件损坏或不完整，无法读取',
    en: 'The image is damaged or incomplete and cannot be read',
    public: true,
  },
  GZ_MEDIA_UNSAFE_ARCHIVE: {
    kind: 'invalid',
    zh: '文档解压后体积异常（疑似压缩炸弹），已拒绝',
    en: 'The document expands to far more than its size (a zip bomb?) and is refused',
    public: true,
  },
  GZ_MEDIA_NOT_FOUND: {
    kind: 'not-found',
    zh: '文件不存在',
    en: 'File not found',
    public: true,
  },
  GZ_MEDIA_IN_USE: {
    kind: 'conflict',
    zh: '文件仍被稿件使用，不能删除',
    en: 'The file is still used by articles and cannot be deleted',
    public: true,
  },
  GZ_MEDIA_REPLACE_MISMATCH: {
    kind: 'invalid',
    zh: '替换文件须与原文件类型相同',
    en: 'A replacement must be of the same type as the file it replaces',
    public: true,
  },
  GZ_MEDIA_UNAVAILABLE: {
    kind: 'unavailable',
    zh: '文件存储不可用',
    en: 'File storage is not available',
    public: true,
  },
  GZ_PUBLISH_OUTPUT_INVALID: {
    kind: 'invalid',
    zh: '静态发布目录不可用：须为 gazette build 生成的符号链接或尚不存在的路径',
    en: 'The static output path cannot be used: it must be a symlink made by gazette build, or not exist yet',
    public: true,
  },
  GZ_DISTRIBUTE_TARGET_INVALID: {
    kind: 'invalid',
    zh: '分发目标配置有误：名称未知，或路径不在配置允许的目录之下',
    en: 'The distribution target is not valid: an unknown name, or a path outside the configured roots',
    public: true,
  },
  GZ_DISTRIBUTE_PACKAGE_REFUSED: {
    kind: 'invalid',
    zh: '分发包被拒绝：未签名或签名不符、格式有误、与清单不符或为重放，未应用任何文件',
    en: 'The distribution package was refused (unsigned or wrongly signed, malformed, not matching its manifest, or replayed); nothing was applied',
    public: true,
  },
  GZ_DISTRIBUTE_KEY_INVALID: {
    kind: 'invalid',
    zh: '分发密钥未配置或不可用：两端须配置同一密钥文件（数据库之外）',
    en: 'The distribution key is not configured or cannot be used: both sides need the same key file (outside the database)',
    public: true,
  },
  GZ_SEARCH_TERM_INVALID: {
    kind: 'invalid',
    zh: '检索词须为2至32个汉字、字母或数字，不含空格和标点',
    en: 'A search term is 2 to 32 Chinese characters, letters or digits, without spaces or punctuation',
    public: true,
  },
  GZ_SEARCH_TERM_EXISTS: {
    kind: 'conflict',
    zh: '词库中已有该词',
    en: 'The term is already in the dictionary',
    public: true,
  },
  GZ_SEARCH_TERM_NOT_FOUND: {
    kind: 'not-found',
    zh: '词库中没有该词',
    en: 'No such search term',
    public: true,
  },
  GZ_SEARCH_RATE_LIMITED: {
    kind: 'unavailable',
    zh: '搜索过于频繁，请稍后再试',
    en: 'Too many searches from this address; try again shortly',
    public: true,
  },
  GZ_SERVER_BUSY: {
    kind: 'unavailable',
    zh: '服务繁忙，请稍后再试',
    en: 'The server is busy; try again shortly',
    public: true,
  },
  GZ_DEPARTMENT_NOT_FOUND: {
    kind: 'not-found',
    zh: '部门不存在',
    en: 'Department not found',
    public: true,
  },
  GZ_DEPARTMENT_EXISTS: {
    kind: 'conflict',
    zh: '本站点已有同名部门',
    en: 'A department with this name already exists in the site',
    public: true,
  },
  GZ_CALENDAR_DAY_NOT_FOUND: {
    kind: 'not-found',
    zh: '日历中没有这一天的设置',
    en: 'No such day in the calendar overrides',
    public: true,
  },
  GZ_DISCLOSURE_NOT_FOUND: {
    kind: 'not-found',
    zh: '政府信息公开申请不存在',
    en: 'Disclosure request not found',
    public: true,
  },
  GZ_DISCLOSURE_STEP: {
    kind: 'conflict',
    zh: '申请当前所处环节不能进行这一操作',
    en: 'This step is not possible in the current state of the request',
    public: true,
  },
  GZ_DISCLOSURE_LOOKUP: {
    kind: 'not-found',
    zh: '申请编号或查询码不正确',
    en: 'The request number or the query code is wrong',
    public: true,
  },
  GZ_CHALLENGE_FAILED: {
    kind: 'invalid',
    zh: '验证问题回答不正确，请重新回答',
    en: 'The answer to the check question is wrong; answer the new question',
    public: true,
  },
  GZ_CHALLENGE_EXPIRED: {
    kind: 'invalid',
    zh: '验证问题已过期或已使用，请回答新的问题',
    en: 'The check question has expired or was already used; answer the new one',
    public: true,
  },
  GZ_SUBMISSION_REFUSED: {
    kind: 'invalid',
    zh: '提交未被接受：请不要填写隐藏的字段',
    en: 'The submission was not accepted: leave the hidden field empty',
    public: true,
  },
  GZ_RATE_LIMITED: {
    kind: 'unavailable',
    zh: '提交过于频繁，请稍后再试',
    en: 'Too many submissions; try again later',
    public: true,
  },
  GZ_PAYLOAD_TOO_LARGE: {
    kind: 'invalid',
    zh: '提交的内容过长',
    en: 'The submission is too large',
    public: true,
  },
  GZ_PERSONAL_DATA_KEY: {
    kind: 'internal',
    zh: '个人信息密钥不可用',
    en: 'The personal-data key is not available',
    public: false,
  },
  GZ_MAIL_FAILED: {
    kind: 'unavailable',
    zh: '邮件发送失败',
    en: 'The email could not be sent',
    public: true,
  },
  GZ_FORM_RATE_LIMITED: {
    kind: 'unavailable',
    zh: '提交过于频繁，请稍后再试',
    en: 'Too many submissions from this address; try again later',
    public: true,
  },
  GZ_CHANNEL_NOT_FOUND: {
    kind: 'not-found',
    zh: '留言渠道不存在或未开放',
    en: 'No such letters channel, or it is closed',
    public: true,
  },
  GZ_MESSAGE_NOT_FOUND: { kind: 'not-found', zh: '留言不存在', en: 'Letter not found', public: true },
  GZ_MESSAGE_LOOKUP: {
    kind: 'not-found',
    zh: '留言编号或查询码不正确',
    en: 'The letter number or the query code is wrong',
    public: true,
  },
  GZ_MESSAGE_STEP: {
    kind: 'conflict',
    zh: '留言当前所处环节不能进行这一操作',
    en: 'This step is not possible in the current state of the letter',
    public: true,
  },
  GZ_MESSAGE_CHANGED: {
    kind: 'conflict',
    zh: '该留言已被他人处理（例如已有人答复），请刷新后查看',
    en: 'Someone else handled this letter meanwhile (for example replied); reload it',
    public: true,
  },
  GZ_CONSULTATION_NOT_FOUND: {
    kind: 'not-found',
    zh: '意见征集不存在',
    en: 'No such public consultation',
    public: true,
  },
  GZ_CONSULTATION_CLOSED: {
    kind: 'conflict',
    zh: '该意见征集不在征集期内，不能再提交意见',
    en: 'This consultation is not open for comments',
    public: true,
  },
  GZ_CONSULTATION_STEP: {
    kind: 'conflict',
    zh: '意见征集当前所处阶段不能进行这一操作',
    en: 'This step is not possible at the current stage of the consultation',
    public: true,
  },
  GZ_CONSULTATION_CHANGED: {
    kind: 'conflict',
    zh: '该意见征集或意见已被他人修改，请刷新后再试',
    en: 'Someone else changed this consultation or comment meanwhile; reload it',
    public: true,
  },
  GZ_CONFIG_INVALID: { kind: 'invalid', zh: '配置有误', en: 'Invalid configuration', public: true },
  GZ_INTERNAL: { kind: 'internal', zh: '服务器内部错误', en: 'Internal server error', public: true },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorRegistry;

export class GazetteError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  /** Extra facts for the log and, when the code is public, for the client (e.g. the field name). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    detail?: string,
    details: Readonly<Record<string, unknown>> = {},
    options?: ErrorOptions,
  ) {
    const spec: ErrorSpec = errorRegistry[code];
    super(detail ? `${spec.en}: ${detail}` : spec.en, options);
    this.name = 'GazetteError';
    this.code = code;
    this.kind = spec.kind;
    this.details = detail ? { ...details, detail } : details;
  }
}

export function isGazetteError(value: unknown): value is GazetteError {
  return value instanceof GazetteError;
}

export function errorSpec(code: ErrorCode): ErrorSpec {
  return errorRegistry[code];
}
