import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from './api';
import { DISCLOSURE_MESSAGES } from './messages/disclosure';
import { EDITOR_MESSAGES } from './messages/editor';
import { MEDIA_MESSAGES } from './messages/media';
import { POLICY_MESSAGES } from './messages/policy';

/**
 * The admin speaks Chinese by default; an English switch is remembered in localStorage. Every visible text
 * goes through `t(key)`: each entry is [Chinese, English], so a missing translation is a type error.
 *
 * One dictionary, MESSAGES below. General screens keep their keys in DICT, one line per key under the
 * screen's prefix ('audit.*', 'platform.*'); a large area keeps its keys in its own file under messages/
 * ('editor.*' in messages/editor.ts, 'policy.*' in messages/policy.ts, 'disclosure.*', 'departments.*' and
 * 'calendar.*' in messages/disclosure.ts, 'media.*' in messages/media.ts), spread into MESSAGES here. A key
 * belongs to exactly one place (test/admin/i18n-keys.test.ts checks it, and that every t('…') exists).
 */
export type Lang = 'zh' | 'en';

/** The general screens' keys (one line each, under the screen's prefix); the area files are merged below. */
const DICT = {
  'app.title': ['Gazette 管理后台', 'Gazette admin'],
  'app.skip': ['跳到主要内容', 'Skip to main content'],
  'app.language': ['English', '中文'],
  'app.languageLabel': ['切换到英文界面', 'Switch to Chinese'],
  'app.signOut': ['退出', 'Sign out'],
  'app.site': ['站点', 'Site'],
  'app.loading': ['正在加载……', 'Loading…'],
  'app.notFound': ['没有这个页面。', 'There is no such page.'],
  'app.pair': ['{label}：{value}', '{label}: {value}'],
  'app.labelColon': ['{label}：', '{label}: '],
  'app.parenthesis': ['（{text}）', ' ({text})'],
  'app.confirmNamed': ['{action}：{name}？', '{action}: {name}?'],
  'app.unexpectedError': ['出现意外错误，请重试。', 'Something went wrong. Please try again.'],
  'app.httpError': ['服务器返回错误 {status}。', 'The server answered {status}.'],
  'app.forbidden': ['您没有使用此功能的权限。', 'You are not allowed to use this.'],
  'app.signedInAs': ['当前用户', 'Signed in as'],
  'nav.main': ['主导航', 'Main navigation'],
  'nav.dashboard': ['工作台', 'Dashboard'],
  'nav.articles': ['稿件', 'Articles'],
  'nav.review': ['待我审核', 'Review queue'],
  'nav.series': ['合集', 'Series'],
  'nav.media': ['媒体库', 'Media library'],
  'nav.columns': ['栏目', 'Columns'],
  'nav.users': ['用户与角色', 'Users and roles'],
  'nav.settings': ['站点设置', 'Site settings'],
  'nav.departments': ['部门', 'Departments'],
  'nav.disclosure': ['依申请公开', 'Disclosure requests'],
  'nav.calendar': ['工作日日历', 'Working-day calendar'],
  'nav.audit': ['审计日志', 'Audit log'],
  'nav.synonyms': ['搜索同义词', 'Search synonyms'],
  'synonyms.title': ['站内搜索同义词', 'Search synonyms'],
  'synonyms.intro': [
    '两个词互为同义词：搜索其中一个也能找到另一个，原词命中的结果排在前面。机构的规范简称与全称（国办与国务院办公厅、人社局与人力资源和社会保障局等）已内置，这里只需添加本站特有的说法。',
    'Two forms that find each other in search; articles with the form typed rank first. Official short forms and full names of bodies are built in; add only what is particular to this site.',
  ],
  'synonyms.term': ['词语', 'Term'],
  'synonyms.synonym': ['同义词', 'Synonym'],
  'synonyms.note': ['说明', 'Note'],
  'synonyms.by': ['添加人', 'Added by'],
  'synonyms.added': ['已添加，一分钟内生效。', 'Added; applies within a minute.'],
  'synonyms.removed': ['已删除。', 'Removed.'],
  'nav.inspection': ['网站自查', 'Self-check'],
  'insp.title': ['网站自查（政府网站检查指标）', 'Self-check on the inspection indicators'],
  'insp.run': ['立即自查', 'Run now'],
  'insp.digest': ['三个工作日内将被否决或已否决：', 'Failed or failing within 3 working days:'],
  'insp.none': ['还没有自查记录。', 'No self-check yet.'],
  'insp.latest': ['最近一次自查', 'Latest self-check'],
  'insp.score': ['得分', 'Score'],
  'insp.vetoes': ['单项否决指标', 'Vetoes'],
  'insp.deductions': ['扣分指标', 'Deductions'],
  'insp.id': ['编号', 'Id'],
  'insp.rule': ['指标', 'Rule'],
  'insp.state': ['状态', 'Status'],
  'insp.failsOn': ['否决日期', 'Fails on'],
  'insp.evidence': ['问题数', 'Evidence'],
  'insp.points': ['扣分', 'Points'],
  'insp.trend': ['自查趋势', 'Trend'],
  'insp.when': ['时间', 'When'],
  'insp.verdictCol': ['结论', 'Verdict'],
  'insp.failedCount': ['否决项', 'Failed'],
  'insp.atRiskCount': ['预警项', 'At risk'],
  'insp.running': ['进行中', 'running'],
  'insp.status.ok': ['正常', 'ok'],
  'insp.status.at-risk': ['预警', 'at risk'],
  'insp.status.failed': ['否决', 'failed'],
  'insp.verdict.pass': ['合格', 'pass'],
  'insp.verdict.at-risk': ['有风险', 'at risk'],
  'insp.verdict.fail': ['不合格', 'fail'],
  'nav.distribute': ['分发目标', 'Distribution'],
  'distribute.title': ['静态文件分发目标', 'Distribution targets of the static files'],
  'distribute.notRunning': [
    '本进程未运行分发（未配置静态发布目录或分发目标，见 docs/deploy.md）。',
    'This process distributes nothing (no static output or no target configured; see docs/deploy.md).',
  ],
  'distribute.none': ['尚未配置分发目标。', 'No distribution target is configured.'],
  'distribute.name': ['目标', 'Target'],
  'distribute.type': ['方式', 'Type'],
  'distribute.type.directory': ['本地目录', 'directory'],
  'distribute.type.drop': ['单向摆渡目录', 'one-way drop folder'],
  'distribute.type.rsync': ['rsync', 'rsync'],
  'distribute.type.sftp': ['SFTP', 'SFTP'],
  'distribute.state': ['状态', 'State'],
  'distribute.healthy': ['正常', 'healthy'],
  'distribute.failing': ['失败（连续 {n} 次）', 'failing ({n} in a row)'],
  'distribute.lastSuccess': ['最近成功', 'Last success'],
  'distribute.lag': ['滞后', 'Lag'],
  'distribute.seconds': ['{s} 秒', '{s} s'],
  'distribute.lastPackage': ['最近一包', 'Last package'],
  'distribute.package': [
    '{files} 个文件，删除 {removed} 个，{ms} 毫秒',
    '{files} files, {removed} removed, {ms} ms',
  ],
  'distribute.full': ['（全量）', ' (full)'],
  'distribute.nextAttempt': ['下次重试', 'Next attempt'],
  'distribute.lastError': ['最近错误', 'Last error'],
  'distribute.runAll': ['立即分发全部', 'Distribute all now'],
  'distribute.run': ['立即重试', 'Retry now'],
  'distribute.result': ['{name}：{result}', '{name}: {result}'],
  'distribute.result.sent': ['已发送', 'sent'],
  'distribute.result.up-to-date': ['已是最新', 'up to date'],
  'distribute.result.failed': ['失败', 'failed'],
  'distribute.result.waiting': ['等待重试', 'waiting'],
  'nav.platform': ['平台站点', 'Platform sites'],
  'platform.title': ['平台站点总览', 'Sites of the platform'],
  'platform.export': ['导出 CSV', 'Export CSV'],
  'platform.name': ['站点名称', 'Site name'],
  'platform.hosts': ['域名', 'Hosts'],
  'platform.hostsHint': [
    '小写、不带端口，多个域名用空格分隔；第一个为主域名',
    'Lower case, no port, separated by spaces; the first is the main host',
  ],
  'platform.add': ['新建站点', 'Add site'],
  'platform.added': [
    '已新建站点“{name}”，含标准栏目，尚无内容。',
    'Added “{name}” with the standard columns and no content.',
  ],
  'platform.status': ['状态', 'Status'],
  'platform.status.active': ['运行中', 'Active'],
  'platform.status.disabled': ['已停用', 'Disabled'],
  'platform.published': ['已发布', 'Published'],
  'platform.inReview': ['待审核', 'In review'],
  'platform.lastPublishedAt': ['最近发布', 'Last publication'],
  'platform.actions': ['操作', 'Actions'],
  'platform.stale': ['超过14天未更新', 'Nothing new for 14 days'],
  'platform.disable': ['停用', 'Disable'],
  'platform.enable': ['启用', 'Enable'],
  'platform.anyHost': ['（未设域名：响应其他站点未占用的域名）', '(no host: answers every unclaimed host)'],
  'platform.relays.title': ['转载', 'Relays between sites'],
  'platform.relays.help': [
    '把本站已发布的文章推送给平台上的其他站点；其他站点推送来的文章在这里采用到本站栏目（进入本站审核）或退回。',
    'Offer a published article of this site to another site of the platform; articles other sites offered are taken into a column here (into this site’s own review) or declined.',
  ],
  'platform.relays.offer': ['推送文章', 'Offer an article'],
  'platform.relays.articleId': ['文章编号（已发布）', 'Article number (published)'],
  'platform.relays.target': ['推送到', 'Offer to'],
  'platform.relays.note': ['附言', 'Note'],
  'platform.relays.send': ['推送', 'Offer'],
  'platform.relays.offered': ['已推送“{title}”到{site}', 'Offered “{title}” to {site}'],
  'platform.relays.incoming': ['待采用与已转载', 'Offered to this site'],
  'platform.relays.outgoing': ['本站推送', 'Offered by this site'],
  'platform.relays.article': ['文章', 'Article'],
  'platform.relays.from': ['来源站点', 'From'],
  'platform.relays.to': ['接收站点', 'To'],
  'platform.relays.offeredAt': ['推送时间', 'Offered'],
  'platform.relays.column': ['采用到栏目', 'Into column'],
  'platform.relays.accept': ['采用', 'Accept'],
  'platform.relays.reason': ['退回理由', 'Reason'],
  'platform.relays.decline': ['退回', 'Decline'],
  'platform.relays.copy': ['本站稿件 {id}', 'Copy {id}'],
  'platform.relays.originChanged': ['原文已更新', 'Original changed'],
  'platform.relays.originWithdrawn': ['原文已撤下', 'Original withdrawn'],
  'platform.relays.takeUpdate': ['采用更新（进入审核）', 'Take the change (into review)'],
  'platform.relays.detach': ['不再跟随原文', 'Detach from the original'],
  'platform.relays.status.offered': ['待采用', 'Waiting'],
  'platform.relays.status.accepted': ['已采用', 'Accepted'],
  'platform.relays.status.declined': ['已退回', 'Declined'],
  'platform.relays.status.detached': ['已脱离原文', 'Detached'],
  'platform.queue.title': ['各站点待处理', 'Waiting on each site'],
  'platform.queue.relaysWaiting': ['待采用转载', 'Relays waiting'],
  'platform.queue.oldest': ['最早推送', 'Oldest offer'],
  'nav.relays': ['转载', 'Relays'],
  'nav.newArticle': ['写稿', 'New article'],

  'common.save': ['保存', 'Save'],
  'common.saved': ['已保存。', 'Saved.'],
  'common.cancel': ['取消', 'Cancel'],
  'common.create': ['新建', 'Create'],
  'common.edit': ['编辑', 'Edit'],
  'common.delete': ['删除', 'Delete'],
  'common.remove': ['移除', 'Remove'],
  'common.add': ['添加', 'Add'],
  'common.search': ['查询', 'Search'],
  'common.reset': ['重置', 'Reset'],
  'common.all': ['全部', 'All'],
  'common.none': ['无', 'None'],
  'common.yes': ['是', 'Yes'],
  'common.no': ['否', 'No'],
  'common.up': ['上移', 'Move up'],
  'common.down': ['下移', 'Move down'],
  'common.open': ['打开', 'Open'],
  'common.actions': ['操作', 'Actions'],
  'common.empty': ['暂无内容。', 'Nothing here.'],
  'common.next': ['下一页', 'Next page'],
  'common.prev': ['上一页', 'Previous page'],
  'common.first': ['第一页', 'First page'],
  'common.page': ['第 {page} / {pages} 页，共 {total} 条', 'Page {page} of {pages}, {total} in all'],
  'common.count': ['共 {total} 条', '{total} in all'],
  'common.from': ['起始日期', 'From'],
  'common.to': ['截止日期', 'To'],
  'common.required': ['必填', 'required'],
  'common.retry': ['重试', 'Try again'],
  'common.close': ['关闭', 'Close'],
  'common.pager': ['分页', 'Pages'],

  'login.title': ['登录', 'Sign in'],
  'login.lockNotice': [
    '自您上次登录以来，您的账号因 {failed} 次登录失败被锁定过 {lockouts} 次（最近一次在 {at}）。如非本人操作，请修改密码并告知安全管理员。',
    'Since your last sign-in your account was locked {lockouts} time(s) after {failed} failed sign-ins (last at {at}). If this was not you, change your password and tell the security administrator.',
  ],
  'login.lockNoticeDismiss': ['知道了', 'Dismiss'],
  'login.username': ['用户名', 'Username'],
  'login.password': ['密码', 'Password'],
  'login.submit': ['登录', 'Sign in'],
  'login.totpTitle': ['动态验证码', 'Authentication code'],
  'login.totpHelp': [
    '请打开身份验证器应用，输入当前显示的 6 位数字。',
    'Open your authenticator app and enter the 6-digit code it shows now.',
  ],
  'login.code': ['验证码', 'Code'],
  'login.verify': ['验证', 'Verify'],
  'login.useRecovery': ['改用恢复码', 'Use a recovery code instead'],
  'login.useCode': ['改用动态验证码', 'Use an authenticator code instead'],
  'login.recoveryCode': ['恢复码', 'Recovery code'],
  'login.changeTitle': ['设置新密码', 'Choose a new password'],
  'login.changeHelp': [
    '首次登录或密码被重置后，必须设置自己的密码。',
    'After a first sign-in or a reset you must choose your own password.',
  ],
  'login.passwordRule': ['密码要求：{rule}。', 'The password rule: {rule}.'],
  'login.newPassword': ['新密码', 'New password'],
  'login.repeatPassword': ['再次输入新密码', 'New password again'],
  'login.mismatch': ['两次输入的密码不一致。', 'The two passwords differ.'],
  'login.enrolTitle': ['绑定身份验证器', 'Set up an authenticator'],
  'login.enrolHelp': [
    '您的角色要求使用动态验证码。请在身份验证器应用（如“腾讯身份验证器”“Google Authenticator”）中添加账户：用手机扫描下面的二维码，或在平板、手机上点击链接，或手动输入密钥。然后输入应用显示的 6 位数字。',
    'Your roles require a second factor. Add the account to an authenticator app: scan the QR code below with your phone, tap the link on a tablet or phone, or type the key by hand. Then enter the 6-digit code the app shows.',
  ],
  'login.scan': ['用验证器扫描二维码', 'Scan the QR code with the authenticator app'],
  'login.qrLabel': ['绑定身份验证器的二维码：用验证器扫描', 'QR code for the authenticator app: scan it'],
  'login.secret': ['密钥（手动输入）', 'Key (to type by hand)'],
  'login.otpauth': ['在验证器中打开', 'Open in the authenticator app'],
  'login.recoveryTitle': ['恢复码', 'Recovery codes'],
  'login.recoveryHelp': [
    '请立即抄写或打印这些恢复码并妥善保管。手机丢失时，每个恢复码可代替动态验证码使用一次。它们只显示这一次。',
    'Write down or print these codes now and keep them safe. If you lose your phone, each one replaces an authenticator code once. They are shown only this once.',
  ],
  'login.recoveryDone': ['我已保存恢复码，进入后台', 'I have saved them; continue'],
  'login.print': ['打印', 'Print'],

  'dash.title': ['工作台', 'Dashboard'],
  'dash.myDrafts': ['我的草稿', 'My drafts'],
  'dash.waiting': ['等待我处理', 'Waiting for me'],
  'dash.published': ['最近发布', 'Recently published'],
  'dash.stale': ['可能更新不及时的栏目', 'Columns at risk of going stale'],
  'dash.staleRow': ['{days} 天未更新（要求 {limit} 天内）', 'not updated for {days} days (limit {limit})'],
  'dash.neverUpdated': ['从未发布', 'never published'],
  'dash.all': ['查看全部', 'See all'],
  'dash.counts': ['稿件数量', 'Articles by status'],
  'dash.homeStale': [
    '首页已超过 14 天未更新（单项否决）。',
    'The home page has not been updated for 14 days (a veto item).',
  ],
  'dash.veto': [
    '超过 2 周未更新的栏目 {stale} 个、空白栏目 {blank} 个，可能在政府网站检查中被单项否决。',
    '{stale} columns not updated for 2 weeks and {blank} blank columns: the site may fail the inspection.',
  ],

  'art.title': ['稿件管理', 'Articles'],
  'art.filters': ['筛选条件', 'Filters'],
  'art.column': ['栏目', 'Column'],
  'art.status': ['状态', 'Status'],
  'art.author': ['作者', 'Author'],
  'art.fullText': ['全文搜索', 'Search titles and text'],
  'art.select': ['选择：{title}', 'Choose: {title}'],
  'art.selectPage': ['全选本页', 'Choose every article of this page'],
  'bulk.label': ['批量操作', 'Bulk actions'],
  'bulk.chosen': ['已选 {count} 篇', '{count} chosen'],
  'bulk.publish': ['签发', 'Publish'],
  'bulk.withdraw': ['撤稿', 'Withdraw'],
  'bulk.move': ['移动栏目', 'Move to a column'],
  'bulk.delete': ['删除草稿', 'Delete drafts'],
  'bulk.confirmPublish': ['确认签发', 'Publish them'],
  'bulk.confirmWithdraw': ['确认撤稿', 'Withdraw them'],
  'bulk.confirmMove': ['确认移动', 'Move them'],
  'bulk.confirmDelete': ['确认删除', 'Delete them'],
  'bulk.summary': [
    '将对以下 {count} 篇稿件执行“{action}”，每篇按单篇操作的规则办理并记入审计日志：',
    '“{action}” on these {count} articles, each under the rules and audit of the single action:',
  ],
  'bulk.comment': ['签发意见（可选）', 'Sign-off comment (optional)'],
  'bulk.reason': ['撤稿原因（必填）', 'Reason for withdrawal (required)'],
  'bulk.target': ['目标栏目', 'Move to'],
  'bulk.chooseColumn': ['请选择栏目', 'Choose a column'],
  'bulk.required': ['此项必填。', 'Required.'],
  'bulk.done': ['{ok} 篇成功，{refused} 篇未执行', '{ok} done, {refused} refused'],
  'art.headTitle': ['标题', 'Title'],
  'art.updated': ['更新时间', 'Updated'],
  'art.publishedAt': ['发布时间', 'Published'],
  'art.new': ['写新稿件', 'Write an article'],
  'art.mine': ['只看我的', 'Only mine'],
  'art.untitled': ['（无标题）', '(untitled)'],
  'art.level': ['第 {level} 审', 'review level {level}'],

  'review.title': ['待我审核', 'Waiting for my review'],
  'review.help': [
    '这里列出等待您审核或签发的稿件。请打开稿件阅读全文后，再通过、退回或签发。',
    'Articles waiting for your review or sign-off. Open one and read it in full, then approve, send it back or publish it.',
  ],
  'review.open': ['审阅', 'Review'],

  'series.title': ['合集', 'Series'],
  'series.new': ['新建合集', 'New series'],
  'series.name': ['合集标题', 'Title'],
  'series.slug': ['网址名（英文小写）', 'URL name (lower-case letters)'],
  'series.label': ['类别名称', 'Label'],
  'series.labelHint': ['如：合集、系列评论、专题报道', 'e.g. 合集, 系列评论'],
  'series.lead': ['导语', 'Lead text'],
  'series.members': ['收录的稿件（按阅读顺序）', 'Articles, in reading order'],
  'series.addMember': ['按标题查找稿件并添加', 'Find an article by title to add'],
  'series.noMembers': ['还没有收录稿件。', 'No articles yet.'],
  'series.editing': ['编辑合集：{title}', 'Editing: {title}'],
  'series.publish': ['发布合集', 'Publish the series'],
  'series.notAvailable': ['服务器尚未提供合集接口。', 'The server does not offer the series endpoints yet.'],

  'col.title': ['栏目管理', 'Columns'],
  'col.new': ['新建栏目', 'New column'],
  'col.name': ['栏目名称', 'Name'],
  'col.slug': ['网址名', 'URL name'],
  'col.slugHint': ['小写字母、数字和连字符，如 tzgg', 'lower-case letters, digits, hyphens, e.g. tzgg'],
  'col.parent': ['上级栏目', 'Parent'],
  'col.root': ['（顶级栏目）', '(top level)'],
  'col.kind': ['栏目类型', 'Kind'],
  'col.levels': ['审核级数', 'Review levels'],
  'col.levelsValue': ['{n} 审', '{n} level(s)'],
  'col.freshnessValue': ['{n} 天', '{n} d'],
  'col.freshness': ['更新时限（天）', 'Freshness (days)'],
  'col.freshnessHint': ['留空表示不检查', 'empty: not checked'],
  'col.updateClass': ['检查更新类别', 'Inspection update class'],
  'col.updateClassDefault': ['按栏目类型默认（{label}）', 'Default for the kind ({label})'],
  'col.staleIn': ['{n} 天后过期', 'stale in {n} d'],
  'col.staleToday': ['今天过期', 'stale today'],
  'col.staleFor': ['已过期 {n} 天', 'stale for {n} d'],
  'col.blank': ['空白栏目', 'blank'],
  'col.description': ['栏目说明', 'Description'],
  'col.link': ['外链地址', 'Link URL'],
  'col.linkHint': [
    '以 https:// 开头的网址，或本站的路径，如 /hudong/、/xxgk/',
    'An address starting with https://, or a path of this site such as /hudong/ or /xxgk/',
  ],
  'col.editing': ['编辑栏目：{name}', 'Editing: {name}'],
  'col.move': ['移动到', 'Move to'],
  'col.created': ['栏目“{name}”已创建。', 'Column “{name}” created.'],
  'col.path': ['路径', 'Path'],

  'users.title': ['用户与角色', 'Users and roles'],
  'users.new': ['新建用户', 'New user'],
  'users.username': ['用户名', 'Username'],
  'users.displayName': ['姓名', 'Name'],
  'users.roles': ['角色', 'Roles'],
  'users.status': ['状态', 'Status'],
  'users.active': ['正常', 'Active'],
  'users.disabled': ['已停用', 'Disabled'],
  'users.locked': ['已锁定', 'Locked'],
  'users.lastLogin': ['最近登录', 'Last sign-in'],
  'users.totp': ['动态验证码', '2FA'],
  'users.disable': ['停用', 'Disable'],
  'users.enable': ['启用', 'Enable'],
  'users.resetPassword': ['重置密码', 'Reset password'],
  'users.editRoles': ['分配角色', 'Assign roles'],
  'users.oneTime': [
    '用户 {username} 的一次性密码：{password}（只显示这一次，请当面或通过安全渠道告知本人，首次登录须修改）',
    'One-time password for {username}: {password} (shown only now; hand it over safely; it must be changed at first sign-in)',
  ],
  'users.grantRole': ['角色', 'Role'],
  'users.grantSite': ['站点', 'Site'],
  'users.grantColumn': ['限定栏目', 'Only column'],
  'users.wholeSite': ['（全站）', '(whole site)'],
  'users.allSites': ['（所有站点）', '(all sites)'],
  'users.addGrant': ['添加角色', 'Add a role'],
  'users.saveGrants': ['保存角色', 'Save roles'],
  'users.confirmDisable': [
    '确定停用 {username}？其所有会话将被终止。',
    'Disable {username}? All their sessions end.',
  ],
  'users.confirmReset': ['确定重置 {username} 的密码？', 'Reset the password of {username}?'],

  'site.title': ['站点设置', 'Site settings'],
  'site.identity': ['网站标识', 'Identity'],
  'site.footer': ['页脚信息', 'Footer'],
  'site.name': ['网站名称', 'Site name'],
  'site.baseUrl': ['网站地址', 'Site address'],
  'site.hosts': ['绑定域名（每行一个）', 'Host names (one a line)'],
  'site.language': ['语言', 'Language'],
  'site.sponsorName': ['主办单位', 'Sponsor'],
  'site.sponsorAddress': ['地址', 'Address'],
  'site.sponsorPhone': ['联系电话', 'Phone'],
  'site.sponsorEmail': ['电子邮箱', 'Email'],
  'site.sponsorPostcode': ['邮政编码', 'Postcode'],
  'site.icp': ['ICP 备案号', 'ICP record'],
  'site.police': ['公安备案号', 'Public security record'],
  'site.policeCode': ['公安备案编码（数字）', 'Public security code (digits)'],
  'site.siteCode': ['网站标识码', 'Site code'],
  'site.siteCodeHint': ['10 位数字，或 bm 加 8 位数字', '10 digits, or bm and 8 digits'],
  'site.footerNotice': ['页脚说明', 'Footer notice'],
  'site.accounts': ['政务新媒体账号', 'Official media accounts'],
  'site.accountName': ['账号名称', 'Account name'],
  'site.accountKind': ['类型', 'Kind'],
  'site.accountQr': ['二维码图片地址', 'QR code image URL'],
  'site.addAccount': ['添加账号', 'Add an account'],
  'site.kindOther': ['其他', 'Other'],
  'site.kindWechat': ['微信', 'WeChat'],
  'site.kindWeibo': ['微博', 'Weibo'],
  'site.accountQrAlt': ['{name}二维码', 'QR code of {name}'],
  'site.imageClear': ['移除图片', 'Remove the image'],
  'site.services': ['首页“政务服务”入口', 'Home page: 政务服务 (services) tiles'],
  'site.servicesHint': [
    '每个入口一个名称和链接（本站路径如 /zwgk/，或 https 网址）。',
    'Each tile has a name and a link (a site path such as /zwgk/, or an https URL).',
  ],
  'site.serviceName': ['入口名称', 'Tile name'],
  'site.serviceUrl': ['链接', 'Link'],
  'site.addService': ['添加入口', 'Add a tile'],
  'site.interaction': ['互动交流、网站标识和浏览次数', 'Interaction, site marks and view counts'],
  'site.mailboxUrl': ['领导信箱链接', 'Letters to the leadership: link'],
  'site.hotline': ['12345 政务服务便民热线', '12345 service hotline'],
  'site.errorReportUrl': ['“我为政府网站找错”链接', '“Report an error on a government site”: link'],
  'site.errorReportHint': [
    '全国政府网站找错平台上本站的页面：https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=网站标识码',
    'This site on the national platform: https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=SITE-CODE',
  ],
  'site.errorReportBadge': ['“我为政府网站找错”标识图片', 'Error-report badge image'],
  'site.partyMarkUrl': ['党政机关网站标识：核验页链接', 'Party and government site mark: verification link'],
  'site.partyMarkBadge': ['党政机关网站标识图片', 'Party and government site mark image'],
  'site.showViewCount': ['文章页显示浏览次数', 'Show the view count on articles'],
  'site.mourning': ['哀悼日：全站页面显示为灰色', 'Day of mourning: every public page in greyscale'],
  'site.mourningHint': [
    '国家公祭日等场合按要求开启，结束后关闭。',
    'Turn on when required (e.g. national memorial days), off afterwards.',
  ],
  'site.fixErrors': ['请改正标出的错误后再保存。', 'Please correct the marked fields and save again.'],

  'audit.title': ['审计日志', 'Audit log'],
  'audit.time': ['时间', 'Time'],
  'audit.actor': ['操作人', 'Who'],
  'audit.actorId': ['操作人编号', 'User id'],
  'audit.action': ['操作', 'Action'],
  'audit.target': ['对象', 'Target'],
  'audit.targetType': ['对象类型', 'Target type'],
  'audit.result': ['结果', 'Result'],
  'audit.ip': ['IP 地址', 'IP address'],
  'audit.summary': ['详情', 'Details'],
  'audit.export': ['导出 CSV', 'Export CSV'],
  'audit.exportJson': ['导出 JSON', 'Export JSON'],
  'audit.verify': ['校验日志完整性', 'Verify the chain'],
  'audit.chainOk': [
    '日志链完整：共 {count} 条记录，未发现篡改。',
    'The chain is intact: {count} records, nothing altered.',
  ],
  'audit.chainBroken': ['日志链发现问题：', 'The chain has problems:'],
  'audit.checking': ['正在校验……', 'Checking…'],
  'audit.ok': ['成功', 'ok'],
  'audit.denied': ['拒绝', 'denied'],
  'audit.failed': ['失败', 'failed'],
  'nav.interact': ['互动交流', 'Letters'],
  'nav.consultations': ['意见征集', 'Consultations'],
  'interact.title': ['互动交流：留言办理', 'Letters: handling'],
  'interact.status': ['办理状态', 'Status'],
  'interact.channel': ['渠道', 'Channel'],
  'interact.all': ['全部', 'All'],
  'interact.urgentOnly': ['只看已超期和3个工作日内到期', 'Only overdue or due within 3 working days'],
  'interact.counts': ['各状态数量', 'Counts by status'],
  'interact.overdue': ['已超期', 'Overdue'],
  'interact.dueSoon': ['即将到期', 'Due soon'],
  'interact.held': ['待人工审核', 'Held for a person'],
  'interact.caption': [
    '我的部门的留言和待我审核的答复，按紧急程度排序',
    'Letters of my departments and replies waiting for me, most urgent first',
  ],
  'interact.number': ['留言编号', 'Number'],
  'interact.subject': ['主题', 'Subject'],
  'interact.due': ['答复期限', 'Due'],
  'interact.received': ['收到日期', 'Received'],
  'interact.lateBy': ['超期{days}个工作日', '{days} working days late'],
  'interact.daysLeft': ['剩余{days}个工作日', '{days} working days left'],
  'interact.empty': ['没有符合条件的留言。', 'No letters match.'],
  'interact.contact': ['联系方式', 'Contact'],
  'interact.assignMe': ['由我办理', 'Assign to me'],
  'interact.assigned': ['已分派。', 'Assigned.'],
  'interact.reply': ['答复', 'Reply'],
  'interact.saveDraft': ['保存答复稿', 'Save the draft reply'],
  'interact.saved': ['答复稿已保存。', 'Draft reply saved.'],
  'interact.submit': ['送审', 'Send to review'],
  'interact.submitted': ['已送审。', 'Sent to review.'],
  'interact.reviewLevel': ['第{level}级审核（共{levels}级）', 'Review level {level} of {levels}'],
  'interact.approve': ['审核通过', 'Approve'],
  'interact.approved': ['已通过本级审核。', 'Approved at this level.'],
  'interact.reject': ['退回（填写意见）', 'Send back (with a note)'],
  'interact.rejected': ['已退回。', 'Sent back.'],
  'interact.publish': ['发布答复', 'Publish the reply'],
  'interact.published': ['答复已发布。', 'Reply published.'],
  'interact.note': ['办理意见 / 说明', 'Note'],
  'interact.addNote': ['添加办理意见', 'Add the note'],
  'interact.noted': ['已记录。', 'Noted.'],
  'interact.transferTo': ['转办至部门', 'Transfer to department'],
  'interact.transfer': ['转办（说明写在办理意见中）', 'Transfer (the note says why)'],
  'interact.transferred': ['已转办。', 'Transferred.'],
  'interact.invalidKind': ['无效类型', 'Kind of invalid letter'],
  'interact.markInvalid': ['标记为无效（理由写在办理意见中）', 'Mark invalid (the note gives the reason)'],
  'interact.markedInvalid': ['已标记为无效。', 'Marked invalid.'],
  'interact.history': ['办理记录', 'History'],
  'interact.status.received': ['待办理', 'To handle'],
  'interact.status.drafted': ['答复拟稿', 'Reply drafted'],
  'interact.status.reviewing': ['答复审核中', 'Reply in review'],
  'interact.status.approved': ['待发布', 'Ready to publish'],
  'interact.status.answered': ['已答复', 'Answered'],
  'interact.status.invalid': ['无效', 'Invalid'],
  'interact.invalid.spam': ['垃圾信息', 'Spam'],
  'interact.invalid.abuse': ['恶意攻击', 'Abuse'],
  'interact.invalid.duplicate': ['重复留言', 'Duplicate'],
  'interact.invalid.outside-remit': ['不属于受理范围', 'Outside remit'],
  'consult.anonymous': ['网友', 'Anonymous'],
  'consult.title': ['意见征集', 'Public consultations'],
  'consult.caption': ['本站的意见征集，最新开始的在前', 'Consultations of this site, latest first'],
  'consult.name': ['标题', 'Title'],
  'consult.period': ['征集期', 'Period'],
  'consult.stage': ['阶段', 'Stage'],
  'consult.comments': ['意见', 'Comments'],
  'consult.feedback': ['采纳情况反馈', 'Feedback'],
  'consult.withdrawn': ['已撤下', 'withdrawn'],
  'consult.commentCounts': ['共{total}条，待审核{pending}条', '{total} in all, {pending} to moderate'],
  'consult.stage.upcoming': ['即将开始', 'Upcoming'],
  'consult.stage.open': ['征集中', 'Open'],
  'consult.stage.closed': ['已结束', 'Closed'],
  'consult.feedback.done': ['已反馈', 'Published'],
  'consult.feedback.waiting': ['征集结束后反馈', 'After closing'],
  'consult.feedback.due': ['待反馈', 'Due'],
  'consult.feedback.overdue': ['逾期未反馈', 'Overdue'],
  'consult.new': ['发布新的意见征集', 'New consultation'],
  'consult.kind': ['类别', 'Kind'],
  'consult.kind.regulation': ['法规草案', 'Draft regulation'],
  'consult.kind.plan': ['规划', 'Plan'],
  'consult.kind.policy': ['政策文件', 'Policy'],
  'consult.drafter': ['起草单位', 'Drafted by'],
  'consult.summary': ['起草说明', 'Explanation'],
  'consult.body': ['征求意见稿全文', 'Text of the draft'],
  'consult.bodyHint': ['每段一行。', 'One paragraph a line.'],
  'consult.opensOn': ['开始日期', 'Opens on'],
  'consult.closesOn': ['截止日期', 'Closes on'],
  'consult.create': ['发布', 'Publish'],
  'consult.publicPage': ['查看公开页面', 'Public page'],
  'consult.noComments': ['还没有收到意见。', 'No comments yet.'],
  'consult.comment.pending': ['待审核', 'To moderate'],
  'consult.comment.approved': ['已通过', 'Approved'],
  'consult.comment.rejected': ['未通过', 'Rejected'],
  'consult.flagged': ['内容检查提示', 'Flagged by the checks'],
  'consult.moderationNote': ['审核说明（不通过时必填）', 'Note (required to reject)'],
  'consult.approve': ['通过', 'Approve'],
  'consult.reject': ['不通过', 'Reject'],
  'consult.approvedDone': ['意见已通过审核。', 'Comment approved.'],
  'consult.rejectedDone': ['意见未通过审核。', 'Comment rejected.'],
  'consult.feedbackText': [
    '采纳情况反馈（采纳了哪些意见、未采纳的理由）',
    'Feedback: what was adopted, and why not the rest',
  ],
  'consult.feedbackHint': ['应在{date}前发布。', 'Due by {date}.'],
  'consult.publishFeedback': ['发布采纳情况', 'Publish the feedback'],
  'consult.feedbackDone': ['采纳情况已发布。', 'Feedback published.'],
  'consult.feedbackAfter': [
    '征集结束后在此发布采纳情况反馈。',
    'The feedback is written here after closing.',
  ],
  'consult.settings': ['意见征集设置', 'Consultation settings'],
  'consult.settingsSaved': ['设置已保存。', 'Settings saved.'],
  'consult.showComments': ['在公开页面展示审核通过的意见', 'Show approved comments on the public page'],
  'consult.feedbackDays': ['征集结束后多少天内反馈采纳情况', 'Days after closing by which feedback is due'],
  'consult.save': ['保存', 'Save'],
  'nav.xxgkSettings': ['政策文件设置', 'Policy document settings'],
  'nav.xxgkReport': ['政务公开年报', 'Disclosure annual report'],
  'xxgk.settings.title': ['政策文件设置（主题分类、索引号）', 'Policy documents: themes and index numbers'],
  'xxgk.settings.indexPattern': ['索引号规则', 'Index number pattern'],
  'xxgk.settings.indexPatternHint': [
    '可用 {code}（机构代码）、{yyyy}（年份）、{seq:5}（当年流水号，5位），如 {code}/{yyyy}-{seq:5}',
    'Use {code} (organisation code), {yyyy} (year), {seq:5} (yearly sequence, 5 digits), e.g. {code}/{yyyy}-{seq:5}',
  ],
  'xxgk.settings.indexCode': ['机构代码（统一社会信用代码）', 'Organisation code'],
  'xxgk.settings.days': ['政策解读可晚于文件发布的天数', 'Days a 解读 may follow its document'],
  'xxgk.settings.save': ['保存设置', 'Save settings'],
  'xxgk.settings.saved': [
    '已保存。目录和编辑页面按新的主题分类显示。',
    'Saved. The catalogue and the editor use the new themes.',
  ],
  'xxgk.themes.title': ['主题分类（两级）', 'Themes (two levels)'],
  'xxgk.themes.intro': [
    '政府信息公开目录按主题分类浏览，编辑从中选择文件的主题。名称不能含“/”，同级不能重复。改名或删除分类不会改动已保存文件的主题，请同时核对这些文件。',
    'The catalogue browses by theme and editors choose from it. Names may not contain “/” nor repeat. Renaming or removing a theme does not change documents already saved with it: check them too.',
  ],
  'xxgk.themes.first': ['一级分类 {n}', 'Theme {n}'],
  'xxgk.themes.second': ['“{parent}”的二级分类 {n}', 'Sub-theme {n} of “{parent}”'],
  'xxgk.themes.up': ['上移', 'Up'],
  'xxgk.themes.down': ['下移', 'Down'],
  'xxgk.themes.remove': ['删除', 'Remove'],
  'xxgk.themes.addSecond': ['为“{parent}”添加二级分类', 'Add a sub-theme to “{parent}”'],
  'xxgk.themes.addFirst': ['添加一级分类', 'Add a theme'],
  'xxgk.report.title': ['政府信息公开工作年度报告', 'Annual report on government information disclosure'],
  'xxgk.report.year': ['年度', 'Year'],
  'xxgk.report.open': ['打开', 'Open'],
  'xxgk.report.download': ['下载 {year} 年度报告（Excel）', 'Download the {year} report (Excel)'],
  'xxgk.report.active': [
    '二、主动公开政府信息情况（第二十条第（一）项，由政策文件统计）',
    'II. Proactive disclosure (Article 20 (1), counted from the policy documents)',
  ],
  'xxgk.report.kind': ['信息内容', 'Content'],
  'xxgk.report.issued': ['本年制发件数', 'Issued this year'],
  'xxgk.report.repealed': ['本年废止件数', 'Repealed this year'],
  'xxgk.report.inForce': ['现行有效件数', 'In force'],
  'xxgk.report.rule': ['规章', 'Rules'],
  'xxgk.report.normative': ['行政规范性文件', 'Normative documents'],
  'xxgk.report.requests': [
    '三、收到和处理政府信息公开申请情况（由依申请公开办理记录统计）',
    'III. Requests received and handled (counted from the request inbox)',
  ],
  'xxgk.report.item': ['项目', 'Item'],
  'xxgk.report.office': ['{year} 年度报告中由本机关填写的部分', 'What the office writes for {year}'],
  'xxgk.report.overview': ['一、总体情况', 'I. Overview'],
  'xxgk.report.permits': [
    '二、主动公开政府信息情况（行政许可、行政处罚、行政强制、行政事业性收费等）',
    'II. Proactive disclosure: permits, penalties, enforcement, fees',
  ],
  'xxgk.report.reviewLitigation': [
    '四、政府信息公开行政复议、行政诉讼情况',
    'IV. Administrative reconsideration and litigation',
  ],
  'xxgk.report.problems': ['五、存在的主要问题及改进情况', 'V. Main problems and improvements'],
  'xxgk.report.other': ['六、其他需要报告的事项', 'VI. Other matters'],
  'xxgk.report.save': ['保存本机关填写的内容', "Save the office's text"],
  'xxgk.report.saved': ['{year} 年度报告的内容已保存。', 'The {year} report text is saved.'],
} as const satisfies Record<string, readonly [string, string]>;

/** Every text of the admin: key → [Chinese, English]. */
export const MESSAGES = {
  ...DICT,
  ...EDITOR_MESSAGES,
  ...POLICY_MESSAGES,
  ...DISCLOSURE_MESSAGES,
  ...MEDIA_MESSAGES,
} as const satisfies Record<string, readonly [string, string]>;

/** The dictionary's parts, for the test that no key stands in two of them. */
export const DICT_PARTS: Readonly<Record<string, Readonly<Record<string, readonly [string, string]>>>> = {
  general: DICT,
  editor: EDITOR_MESSAGES,
  policy: POLICY_MESSAGES,
  disclosure: DISCLOSURE_MESSAGES,
  media: MEDIA_MESSAGES,
};

export type MessageKey = keyof typeof MESSAGES;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'gazette.admin.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function translate(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = MESSAGES[key][lang === 'zh' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Whether the dictionary has this key (for keys made from a value). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(MESSAGES, key);
}

/** The text of `prefix.name` (a value the server sends, e.g. a status); the value itself if it has no entry. */
export function translateLabel(lang: Lang, prefix: string, name: string | number): string {
  const key = `${prefix}.${name}`;
  return isMessageKey(key) ? translate(lang, key) : String(name);
}

/** The server's message in the interface language (every admin API error carries both). */
export function errorText(error: unknown, lang: Lang): string {
  if (error instanceof ApiError) return lang === 'zh' ? error.body.messageZh : error.body.message;
  return translate(lang, 'app.unexpectedError');
}

interface I18n {
  readonly lang: Lang;
  readonly t: Translate;
  /** `translateLabel` in this language: label('editor.actions', action). */
  label: (prefix: string, name: string | number) => string;
  setLang: (lang: Lang) => void;
  /** A date-time in Beijing time, as offices read it: 2026-11-20 10:00. */
  time: (iso: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = (type: string) => TIME.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, []);
  const value = useMemo<I18n>(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    return {
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      label: (prefix, name) => translateLabel(lang, prefix, name),
      time: formatTime,
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
