#!/usr/bin/env node
/**
 * Writes templates/customer-ltv.json: the 客户价值 (LTV) template and its sample data.
 *
 * Deterministic: a seeded PRNG and fixed dates, so running it again gives the same bytes
 * (`node templates/generate-customer-ltv.mjs`, or `npm run templates`). Change the data
 * here, never by hand in the JSON.
 *
 * The sample customers are drawn from archetypes so that every lifecycle stage appears in
 * the data relative to the end of the order window (2026-10-31): leads without orders,
 * brand-new one-order customers, regular and heavy repeat buyers who are still buying,
 * buyers who went quiet two to six months ago, and buyers who stopped long ago.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'customer-ltv.json');

const WINDOW_START = day('2024-11-01');
const WINDOW_END = day('2026-10-31');

// ---------------------------------------------------------------------------------------
// Seeded randomness (mulberry32) and helpers

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261031);
const between = (min, max) => min + random() * (max - min);
const int = (min, max) => Math.floor(between(min, max + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
/** Pick from `[value, weight]` pairs. */
function weighted(pairs) {
  const total = pairs.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of pairs) {
    r -= w;
    if (r < 0) return value;
  }
  return pairs[pairs.length - 1][0];
}
/** Standard normal (Box–Muller). */
function normal() {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
const cents = (x) => Math.round(x * 100) / 100;
const round2 = (x) => Math.round(x * 100) / 100;

/** Days since 1970-01-01 (UTC) of an ISO date. */
function day(iso) {
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86400000);
}
const iso = (d) => new Date(d * 86400000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------
// Vocabulary

const SURNAMES = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
  ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'],
  ['郭', 'guo'], ['何', 'he'], ['林', 'lin'], ['罗', 'luo'], ['高', 'gao'], ['郑', 'zheng'], ['梁', 'liang'],
  ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'], ['许', 'xu'], ['韩', 'han'], ['冯', 'feng'], ['邓', 'deng'],
  ['曹', 'cao'], ['彭', 'peng'], ['曾', 'zeng'], ['肖', 'xiao'], ['田', 'tian'], ['董', 'dong'], ['潘', 'pan'],
  ['袁', 'yuan'], ['蔡', 'cai'], ['蒋', 'jiang'], ['余', 'yu'], ['于', 'yu'], ['杜', 'du'], ['叶', 'ye'],
  ['程', 'cheng'], ['魏', 'wei'], ['苏', 'su'], ['吕', 'lv'], ['丁', 'ding'], ['任', 'ren'], ['沈', 'shen'],
  ['姚', 'yao'], ['卢', 'lu'], ['傅', 'fu'], ['钟', 'zhong'], ['姜', 'jiang'], ['崔', 'cui'], ['谭', 'tan'],
  ['陆', 'lu'], ['范', 'fan'], ['汪', 'wang'], ['廖', 'liao'], ['石', 'shi'], ['金', 'jin'], ['韦', 'wei'],
  ['贾', 'jia'], ['夏', 'xia'], ['付', 'fu'], ['方', 'fang'], ['邹', 'zou'], ['熊', 'xiong'], ['白', 'bai'],
  ['孟', 'meng'], ['秦', 'qin'], ['邱', 'qiu'], ['侯', 'hou'], ['江', 'jiang'], ['尹', 'yin'], ['薛', 'xue'],
  ['闫', 'yan'], ['段', 'duan'], ['雷', 'lei'], ['龙', 'long'], ['黎', 'li'], ['史', 'shi'], ['陶', 'tao'],
  ['贺', 'he'], ['毛', 'mao'], ['郝', 'hao'], ['顾', 'gu'], ['龚', 'gong'], ['邵', 'shao'], ['万', 'wan'],
  ['钱', 'qian'], ['戴', 'dai'], ['严', 'yan'], ['欧阳', 'ouyang'], ['上官', 'shangguan'], ['司马', 'sima'],
];
// Common surnames are much more common: weight falls with rank; compound surnames are rare.
const SURNAME_WEIGHTS = SURNAMES.map((s, rank) => [s, s[0].length > 1 ? 0.15 : 12 / (rank + 6)]);

const GIVEN_NAMES = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'],
  ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['娟', 'juan'],
  ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['雪', 'xue'],
  ['琳', 'lin'], ['颖', 'ying'], ['鹏', 'peng'], ['辉', 'hui'], ['斌', 'bin'], ['凯', 'kai'], ['倩', 'qian'],
  ['秀英', 'xiuying'], ['桂英', 'guiying'], ['建华', 'jianhua'], ['志强', 'zhiqiang'], ['晓红', 'xiaohong'],
  ['海燕', 'haiyan'], ['子涵', 'zihan'], ['浩然', 'haoran'], ['梓萱', 'zixuan'], ['雨桐', 'yutong'],
  ['欣怡', 'xinyi'], ['宇轩', 'yuxuan'], ['思远', 'siyuan'], ['佳琪', 'jiaqi'], ['俊杰', 'junjie'],
  ['晓明', 'xiaoming'], ['嘉怡', 'jiayi'], ['文博', 'wenbo'], ['一诺', 'yinuo'], ['诗涵', 'shihan'],
  ['子豪', 'zihao'], ['梦琪', 'mengqi'], ['雅婷', 'yating'], ['志伟', 'zhiwei'], ['丽娟', 'lijuan'],
  ['国庆', 'guoqing'], ['建国', 'jianguo'], ['慧敏', 'huimin'], ['婷婷', 'tingting'], ['晨曦', 'chenxi'],
  ['昊天', 'haotian'], ['若曦', 'ruoxi'], ['天佑', 'tianyou'], ['美玲', 'meiling'], ['春梅', 'chunmei'],
  ['海涛', 'haitao'], ['振宇', 'zhenyu'], ['晓燕', 'xiaoyan'], ['红梅', 'hongmei'], ['家豪', 'jiahao'],
  ['思琪', 'siqi'], ['博文', 'bowen'], ['欣然', 'xinran'], ['明轩', 'mingxuan'], ['静怡', 'jingyi'],
];

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157',
  '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188',
  '189', '191', '195', '198', '199',
];

const EMAIL_DOMAINS = [['163.com', 24], ['qq.com', 30], ['126.com', 10], ['gmail.com', 6], ['outlook.com', 7], ['sina.com', 5], ['foxmail.com', 8], ['icloud.com', 10]];

const CITIES = [
  ['shanghai', '上海', 'Shanghai', 16], ['beijing', '北京', 'Beijing', 14], ['guangzhou', '广州', 'Guangzhou', 10],
  ['shenzhen', '深圳', 'Shenzhen', 10], ['hangzhou', '杭州', 'Hangzhou', 9], ['chengdu', '成都', 'Chengdu', 8],
  ['nanjing', '南京', 'Nanjing', 6], ['wuhan', '武汉', 'Wuhan', 6], ['suzhou', '苏州', 'Suzhou', 5],
  ['xian', '西安', "Xi'an", 4], ['chongqing', '重庆', 'Chongqing', 5], ['changsha', '长沙', 'Changsha', 4],
  ['tianjin', '天津', 'Tianjin', 3], ['xiamen', '厦门', 'Xiamen', 3],
];

// [id, zh, en, colour, weight, acquisition cost range (yuan)]
const SOURCES = [
  ['online', '线上商城', 'Online store', '#3b82f6', 26, [40, 120]],
  ['store', '门店', 'Retail store', '#10b981', 20, [20, 60]],
  ['miniapp', '小程序', 'Mini program', '#8b5cf6', 18, [15, 50]],
  ['live', '直播', 'Live stream', '#ef4444', 14, [60, 150]],
  ['referral', '转介绍', 'Referral', '#f59e0b', 12, [10, 30]],
  ['ads', '广告投放', 'Paid ads', '#64748b', 10, [80, 200]],
];

const CHANNELS = [
  ['online', '线上商城', 'Online store', '#3b82f6'],
  ['store', '门店', 'Retail store', '#10b981'],
  ['miniapp', '小程序', 'Mini program', '#8b5cf6'],
  ['live', '直播间', 'Live room', '#ef4444'],
  ['wecom', '企业微信', 'WeCom', '#22c55e'],
];
/** The channel a customer from each source mostly buys through. */
const HOME_CHANNEL = { online: 'online', store: 'store', miniapp: 'miniapp', live: 'live', referral: 'wecom', ads: 'online' };

const PAYMENT = [
  ['paid', '已支付', 'Paid', '#10b981'],
  ['pending', '待支付', 'Pending', '#f59e0b'],
  ['refunded', '已退款', 'Refunded', '#ef4444'],
];

const NOTES = [
  'VIP 客户，偏好顺丰配送', '对价格敏感，主要在大促期间购买', '企业采购，需要开具增值税专用发票', '直播间老粉，常参与秒杀',
  '曾投诉物流延迟，已补偿优惠券', '喜欢新品，可优先推送上新通知', '只在周末到店', '生日在 3 月，可安排生日礼',
  '由老客户推荐，已发放推荐奖励', '偏好小程序下单，响应消息及时', '多次咨询会员积分兑换', '对包装要求高，备注礼盒装',
  '已加入企业微信社群', '上次回访表示考虑复购', '退货较多，下单前请确认尺码',
];

// Archetypes: [kind, count]. Counts add up to the number of customers.
const ARCHETYPES = [
  ['lead', 36], // 潜在客户: registered, never ordered
  ['new', 14], // 新客户: first and only order in the last month
  ['oneTime', 30], // one order long ago
  ['regular', 70], // buys every one to two months, still buying
  ['heavy', 24], // buys every one to three weeks, still buying
  ['silent', 34], // was buying, stopped 2–6 months before the window end
  ['churned', 32], // stopped more than 6 months before the window end
];

const PROMO_DAYS = ['2024-11-11', '2025-06-18', '2025-11-11', '2026-06-18'].map(day);

const RETENTION = {
  lead: [0.3, 0.5], new: [0.5, 0.7], oneTime: [0.2, 0.4], regular: [0.65, 0.85], heavy: [0.85, 0.95],
  silent: [0.4, 0.6], churned: [0.1, 0.35],
};

// ---------------------------------------------------------------------------------------
// Customers

const usedNames = new Set();
const usedMobiles = new Set();
const usedEmails = new Set();

function personName() {
  for (;;) {
    const [surname, surnamePy] = weighted(SURNAME_WEIGHTS);
    const [given, givenPy] = pick(GIVEN_NAMES);
    const name = surname + given;
    if (!usedNames.has(name)) {
      usedNames.add(name);
      return { name, surnamePy, givenPy };
    }
  }
}

function mobile() {
  for (;;) {
    let number = pick(MOBILE_PREFIXES);
    for (let i = 0; i < 8; i++) number += String(int(0, 9));
    if (!usedMobiles.has(number)) {
      usedMobiles.add(number);
      return number;
    }
  }
}

function email(person) {
  for (;;) {
    const domain = weighted(EMAIL_DOMAINS);
    let local;
    if (domain === 'qq.com' && random() < 0.8) {
      local = String(int(10000000, 2999999999));
    } else {
      const style = int(0, 3);
      const digits = random() < 0.5 ? String(int(1970, 2004)) : String(int(1, 999));
      if (style === 0) local = `${person.surnamePy}${person.givenPy}`;
      else if (style === 1) local = `${person.surnamePy}${person.givenPy}${digits}`;
      else if (style === 2) local = `${person.givenPy}.${person.surnamePy}`;
      else local = `${person.surnamePy}_${person.givenPy}${digits.slice(-2)}`;
    }
    const address = `${local}@${domain}`;
    if (!usedEmails.has(address)) {
      usedEmails.add(address);
      return address;
    }
  }
}

/** Order days of one customer, from their archetype. */
function orderDays(kind) {
  const days = [];
  const series = (start, stop, meanGap) => {
    for (let d = start; d <= stop; d += Math.max(1, Math.round(meanGap * between(0.45, 1.6)))) days.push(d);
  };
  switch (kind) {
    case 'lead':
      break;
    case 'new':
      days.push(WINDOW_END - int(0, 28));
      break;
    case 'oneTime':
      days.push(int(WINDOW_START, WINDOW_END - 200));
      break;
    case 'regular':
      series(int(WINDOW_START, WINDOW_END - 240), WINDOW_END - int(0, 25), between(28, 62));
      break;
    case 'heavy':
      series(int(WINDOW_START, WINDOW_START + 300), WINDOW_END - int(0, 6), between(13, 28));
      break;
    case 'silent': {
      const stop = WINDOW_END - int(65, 175);
      series(int(WINDOW_START, stop - 150), stop, between(25, 55));
      break;
    }
    case 'churned': {
      const stop = WINDOW_END - int(200, 520);
      series(Math.max(WINDOW_START, stop - int(60, 240)), stop, between(30, 70));
      break;
    }
  }
  // Shopping festivals (双11 on 11-11, 618 on 06-18) bring extra orders from people who are
  // buying anyway at that time.
  if (days.length > 1) {
    for (const festival of PROMO_DAYS) {
      if (festival > days[0] && festival < days[days.length - 1] && random() < 0.4) days.push(festival);
    }
  }
  return [...new Set(days)].filter((d) => d >= WINDOW_START && d <= WINDOW_END).sort((a, b) => a - b);
}

const kinds = ARCHETYPES.flatMap(([kind, count]) => Array.from({ length: count }, () => kind));
// Shuffle (Fisher–Yates) so that archetypes are not grouped by id.
for (let i = kinds.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
}

const customers = [];
const orders = [];
kinds.forEach((kind, index) => {
  const id = `c${String(index + 1).padStart(3, '0')}`;
  const person = personName();
  const source = weighted(SOURCES.map((s) => [s, s[4]]));
  const days = orderDays(kind);
  const firstDay = days.length > 0 ? days[0] : int(WINDOW_START, WINDOW_END - 3);
  const registeredOn = Math.max(day('2024-09-01'), firstDay - (random() < 0.5 ? 0 : int(1, 45)));
  const values = {
    name: person.name,
    mobile: mobile(),
  };
  if (random() < 0.86) values.email = email(person);
  values.city = weighted(CITIES.map((c) => [c[0], c[3]]));
  values.source = source[0];
  values.registeredOn = iso(registeredOn);
  values.acquisitionCost = cents(between(...source[5]));
  values.grossMargin = round2(between(0.18, 0.55));
  values.retentionRate = round2(between(...RETENTION[kind]));
  if (random() < 0.22) values.notes = pick(NOTES);
  customers.push({ id, values });

  // Each customer has a typical basket; heavy buyers buy smaller baskets more often.
  const typical = Math.exp(Math.log(kind === 'heavy' ? 160 : 280) + 0.45 * normal());
  for (const d of days) {
    const amount = Math.min(8000, Math.max(9.9, typical * Math.exp(0.35 * normal())));
    const recent = WINDOW_END - d <= 10;
    const status = recent
      ? weighted([['paid', 73], ['pending', 25], ['refunded', 2]])
      : weighted([['paid', 92], ['pending', 1], ['refunded', 7]]);
    const channel = random() < 0.72 ? HOME_CHANNEL[source[0]] : pick(CHANNELS)[0];
    orders.push({ day: d, customer: id, amount: cents(amount), status, channel });
  }
});

orders.sort((a, b) => a.day - b.day || a.customer.localeCompare(b.customer));
const perDay = new Map();
const orderRecords = orders.map((o, i) => {
  const seq = (perDay.get(o.day) ?? 0) + 1;
  perDay.set(o.day, seq);
  return {
    id: `o${String(i + 1).padStart(4, '0')}`,
    values: {
      orderNo: `SO${iso(o.day).replaceAll('-', '')}${String(seq).padStart(3, '0')}`,
      customer: o.customer,
      orderDate: iso(o.day),
      amount: o.amount,
      paymentStatus: o.status,
      channel: o.channel,
    },
  };
});

if (customers.length < 220 || orderRecords.length < 1600) {
  throw new Error(`Too little sample data: ${customers.length} customers, ${orderRecords.length} orders`);
}

// ---------------------------------------------------------------------------------------
// Definition

const choice = ([id, zh, en, color]) => ({ id, name: zh, labels: { 'zh-CN': zh, en }, color });
const labels = (zh, en) => ({ 'zh-CN': zh, en });
const CITY_COLORS = ['#0ea5e9', '#6366f1', '#14b8a6', '#f97316', '#84cc16', '#ec4899', '#a855f7'];

const customerFields = [
  { id: 'name', name: '客户名称', type: 'text', labels: labels('客户名称', 'Customer name'), required: true, options: { maxLength: 60 } },
  { id: 'mobile', name: '手机', type: 'phone', labels: labels('手机', 'Mobile') },
  { id: 'email', name: '邮箱', type: 'email', labels: labels('邮箱', 'Email') },
  {
    id: 'city',
    name: '城市',
    type: 'select',
    labels: labels('城市', 'City'),
    options: { choices: CITIES.map(([id, zh, en], i) => choice([id, zh, en, CITY_COLORS[i % CITY_COLORS.length]])) },
  },
  { id: 'source', name: '客户来源', type: 'select', labels: labels('客户来源', 'Source'), options: { choices: SOURCES.map(choice) } },
  { id: 'registeredOn', name: '注册日期', type: 'date', labels: labels('注册日期', 'Registered on') },
  {
    id: 'acquisitionCost',
    name: '获客成本',
    type: 'money',
    labels: labels('获客成本', 'Acquisition cost'),
    description: '获取该客户花费的营销费用 / Marketing spend to acquire this customer',
    options: { precision: 2, currency: 'CNY', min: 0 },
  },
  { id: 'grossMargin', name: '毛利率', type: 'percent', labels: labels('毛利率', 'Gross margin'), options: { precision: 0, min: 0, max: 1 } },
  {
    id: 'retentionRate',
    name: '客户保持率',
    type: 'percent',
    labels: labels('客户保持率', 'Retention rate'),
    description: '预计下一年仍会购买的概率 / Estimated chance the customer keeps buying next year',
    options: { precision: 0, min: 0, max: 1 },
  },
  { id: 'notes', name: '备注', type: 'textarea', labels: labels('备注', 'Notes') },
  {
    id: 'orders',
    name: '订单',
    type: 'relation',
    labels: labels('订单', 'Orders'),
    options: { table: 'orders', inverseOf: 'customer', multiple: true },
  },
  {
    id: 'orderCount',
    name: '订单数',
    type: 'formula',
    labels: labels('订单数', 'Orders'),
    // Paid orders only: pending and refunded orders are not purchases (DOMAIN.md: historic value = paid orders).
    options: { formula: 'COUNTIF({订单.支付状态}, "已支付")', resultType: 'number', precision: 0 },
  },
  {
    id: 'totalSpend',
    name: '累计消费',
    type: 'formula',
    labels: labels('累计消费', 'Total spend'),
    options: { formula: 'SUMIF({订单.支付状态}, "已支付", {订单.金额})', resultType: 'money', precision: 2 },
  },
  {
    id: 'avgOrderValue',
    name: '平均客单价',
    type: 'formula',
    labels: labels('平均客单价', 'Average order value'),
    description: '无订单时为 0（避免 #DIV/0!） / 0 when there are no orders (avoids #DIV/0!)',
    options: { formula: 'IF({订单数}=0, 0, AVERAGEIF({订单.支付状态}, "已支付", {订单.金额}))', resultType: 'money', precision: 2 },
  },
  {
    id: 'firstOrderDate',
    name: '首次下单日期',
    type: 'formula',
    labels: labels('首次下单日期', 'First order date'),
    options: { formula: 'IF(COUNT({订单.下单日期})=0, "", MIN({订单.下单日期}))', resultType: 'date' },
  },
  {
    id: 'lastOrderDate',
    name: '最近下单日期',
    type: 'formula',
    labels: labels('最近下单日期', 'Last order date'),
    options: { formula: 'IF(COUNT({订单.下单日期})=0, "", MAX({订单.下单日期}))', resultType: 'date' },
  },
  {
    id: 'daysSinceLastOrder',
    name: '距上次下单天数',
    type: 'formula',
    labels: labels('距上次下单天数', 'Days since last order'),
    options: { formula: 'IF(COUNT({订单.下单日期})=0, "", DAYS(TODAY(), MAX({订单.下单日期})))', resultType: 'number', precision: 0 },
  },
  {
    id: 'relationshipYears',
    name: '关系时长',
    type: 'formula',
    labels: labels('关系时长（年）', 'Relationship length (years)'),
    description: '自首次下单至今的年数 / Years from the first order to today',
    options: { formula: 'IF(COUNT({订单.下单日期})=0, 0, DAYS(TODAY(), MIN({订单.下单日期})) / 365)', resultType: 'number', precision: 2 },
  },
  {
    id: 'purchaseFrequency',
    name: '购买频次',
    type: 'formula',
    labels: labels('购买频次（次/年）', 'Purchase frequency (orders/year)'),
    description:
      '订单数 ÷ 关系时长；不足一年按一年计，避免新客户被年化放大 / Orders ÷ relationship length; less than a year counts as one year, so new customers are not annualised upwards',
    options: { formula: 'IF({关系时长} < 1, {订单数}, {订单数} / {关系时长})', resultType: 'number', precision: 2 },
  },
  {
    id: 'ltv',
    name: 'LTV',
    type: 'formula',
    labels: labels('客户终身价值 (LTV)', 'Lifetime value (LTV)'),
    description: '购买频次 × 平均客单价 × 客户保持率 / Purchase frequency × average order value × retention rate',
    options: { formula: '{平均客单价} * {购买频次} * {客户保持率}', resultType: 'money', precision: 2 },
  },
];

const orderFields = [
  { id: 'orderNo', name: '订单号', type: 'text', labels: labels('订单号', 'Order no.'), required: true, unique: true },
  { id: 'customer', name: '客户', type: 'relation', labels: labels('客户', 'Customer'), required: true, options: { table: 'customers', multiple: false } },
  { id: 'orderDate', name: '下单日期', type: 'date', labels: labels('下单日期', 'Order date'), required: true },
  { id: 'amount', name: '金额', type: 'money', labels: labels('金额', 'Amount'), required: true, options: { precision: 2, currency: 'CNY', min: 0 } },
  { id: 'paymentStatus', name: '支付状态', type: 'select', labels: labels('支付状态', 'Payment status'), options: { choices: PAYMENT.map(choice) } },
  { id: 'channel', name: '渠道', type: 'select', labels: labels('渠道', 'Channel'), options: { choices: CHANNELS.map(choice) } },
];

// Saved views (docs/views.md): the questions a shop asks of its customers and orders first.
// Filters are the JSON Logic `<ltc-condition-builder>` produces (docs/conditions.md).
const v = (field) => ({ var: field });
const customerViews = [
  {
    id: 'highValue',
    name: '高价值客户',
    labels: labels('高价值客户', 'High-value customers'),
    columns: ['name', 'mobile', 'city', 'ltv', 'totalSpend', 'orderCount', 'lastOrderDate'].map((fieldId) => ({ fieldId }))
      .concat(['email', 'source', 'registeredOn', 'acquisitionCost', 'grossMargin', 'retentionRate', 'notes', 'orders', 'avgOrderValue', 'firstOrderDate', 'daysSinceLastOrder', 'relationshipYears', 'purchaseFrequency'].map((fieldId) => ({ fieldId, hidden: true }))),
    frozen: 1,
    sort: [{ fieldId: 'ltv', direction: 'desc' }],
    filter: { and: [{ '!=': [v('orderCount'), null] }, { '>=': [v('orderCount'), 2] }] },
  },
  {
    id: 'goneQuiet',
    name: '沉默客户',
    labels: labels('沉默客户', 'Gone quiet'),
    columns: [{ fieldId: 'name' }, { fieldId: 'mobile' }, { fieldId: 'daysSinceLastOrder', width: 140 }, { fieldId: 'lastOrderDate' }, { fieldId: 'totalSpend' }],
    sort: [{ fieldId: 'daysSinceLastOrder', direction: 'desc' }],
    filter: { and: [{ '!=': [v('daysSinceLastOrder'), null] }, { '>': [v('daysSinceLastOrder'), 60] }] },
  },
  {
    id: 'bySource',
    name: '按来源',
    labels: labels('按来源', 'By source'),
    sort: [{ fieldId: 'totalSpend', direction: 'desc' }],
    group: { fieldId: 'source', sums: ['totalSpend', 'ltv'] },
  },
];
const orderViews = [
  {
    id: 'byMonth',
    name: '按月',
    labels: labels('按月', 'By month'),
    sort: [{ fieldId: 'orderDate', direction: 'desc' }],
    group: { fieldId: 'orderDate', by: 'month', sums: ['amount'] },
  },
  {
    id: 'pending',
    name: '待支付',
    labels: labels('待支付', 'Pending payment'),
    sort: [{ fieldId: 'orderDate', direction: 'asc' }],
    filter: { in: [v('paymentStatus'), ['pending']] },
  },
];

const head = {
  format: 'ltc-template',
  formatVersion: 1,
  id: 'customer-ltv',
  name: '客户价值 (LTV)',
  labels: labels('客户价值 (LTV)', 'Customer LTV'),
  description: '客户与订单两张表：由订单汇总出订单数、累计消费、平均客单价、购买频次与客户终身价值 (LTV)。',
  descriptionLabels: labels(
    '客户与订单两张表：由订单汇总出订单数、累计消费、平均客单价、购买频次与客户终身价值 (LTV)。',
    'Customers and their orders: order count, total spend, average order value, purchase frequency and lifetime value (LTV) rolled up from the orders.',
  ),
};
const tables = [
  { id: 'customers', name: '客户', labels: labels('客户', 'Customers'), primaryFieldId: 'name', fields: customerFields, views: customerViews },
  { id: 'orders', name: '订单', labels: labels('订单', 'Orders'), primaryFieldId: 'orderNo', fields: orderFields, views: orderViews },
];

// ---------------------------------------------------------------------------------------
// Output: readable structure, one field / one record per line.

const j = (value) => JSON.stringify(value);
const lines = ['{'];
for (const [key, value] of Object.entries(head)) lines.push(`  ${j(key)}: ${j(value)},`);
lines.push('  "tables": [');
tables.forEach((table, ti) => {
  const { fields, views, ...rest } = table;
  lines.push('    {');
  for (const [key, value] of Object.entries(rest)) lines.push(`      ${j(key)}: ${j(value)},`);
  lines.push('      "fields": [');
  fields.forEach((field, fi) => lines.push(`        ${j(field)}${fi < fields.length - 1 ? ',' : ''}`));
  lines.push('      ],');
  lines.push('      "views": [');
  views.forEach((view, vi) => lines.push(`        ${j(view)}${vi < views.length - 1 ? ',' : ''}`));
  lines.push('      ]');
  lines.push(`    }${ti < tables.length - 1 ? ',' : ''}`);
});
lines.push('  ],');
lines.push('  "sampleData": {');
const groups = [['customers', customers], ['orders', orderRecords]];
groups.forEach(([tableId, records], gi) => {
  lines.push(`    ${j(tableId)}: [`);
  records.forEach((record, ri) => lines.push(`      ${j(record)}${ri < records.length - 1 ? ',' : ''}`));
  lines.push(`    ]${gi < groups.length - 1 ? ',' : ''}`);
});
lines.push('  }');
lines.push('}');
writeFileSync(OUT, `${lines.join('\n')}\n`);
console.log(`customer-ltv.json: ${customers.length} customers, ${orderRecords.length} orders`);
